"""The intermediate form every reader produces: a document as lines of tokens.

Readers (text, HTML, DOCX, PDF) differ only in how they get here; everything
after — finding sections, detecting the edition, matching table labels,
reading prose facts — works on a :class:`Document`.

* A :class:`Line` is one visual line of text, one table row (HTML/DOCX/PDF), or one
  paragraph.  Its tokens are the cells as printed, once each, in reading order
  (a merged cell is one token, not repeated across the columns it spans).
* A :class:`Token` is the text of one cell or one whitespace/tab/pipe-separated
  piece, with the :class:`~xxgk.report.Source` that locates it.
* ``Line.table`` is the index of the table the line belongs to when the source
  has real tables (HTML/DOCX/ruled PDF), else ``None``; ``Token.grid_col`` is the
  grid column of the token's first column when known (expanded for rowspan/colspan),
  and ``Token.span`` the number of grid columns it covers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xxgk.report import Source

# The memos of the readers and the scanner (cell texts, what a token reads as) keep
# texts up to this length only: the texts that recur (``0``, labels, headers) are
# short, and a bounded number of entries is a bounded size only if each entry is.
MEMO_MAX_CHARS = 256


@dataclass
class Token:
    text: str
    source: Source
    grid_col: int | None = None
    span: int = 1


@dataclass
class Line:
    tokens: list[Token]
    source: Source
    table: int | None = None

    @property
    def text(self) -> str:
        tokens = self.tokens
        if len(tokens) == 1:  # most lines: asked for often (headings, prose, facts)
            return tokens[0].text
        return " ".join([t.text for t in tokens])


@dataclass
class Document:
    path: str
    kind: str  # "text" | "html" | "docx" | "pdf" | "md"
    lines: list[Line] = field(default_factory=list)
    title: str | None = None  # e.g. <title> or PDF metadata title, when the source has one
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)
