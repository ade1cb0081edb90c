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

``source`` is a read-only property of tokens and lines: the readers of structured
formats hand it in; the text reader's :class:`TextToken` and :class:`TextLine` keep
their place as plain ints (line, column, offset) and build the ``Source`` only when
it is asked for — a report has thousands of tokens, and only the few that become a
cell, a note or a section mark ever need one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xxgk.report import Source

# The memos of the readers and the scanner (cell texts, what a token reads as) keep
# texts up to this length only: the texts that recur (``0``, labels, headers) are
# short, and a bounded number of entries is a bounded size only if each entry is.
MEMO_MAX_CHARS = 256

_object_new = object.__new__


def text_source(line: int, column: int, offset: int) -> Source:
    """``Source(kind="text", line=…, column=…, offset=…)`` without the frozen-dataclass
    constructor (three times faster).  The instance is identical: the fields not set
    fall back to the class defaults (checked once at import, :data:`FAST_SOURCE`)."""
    if not FAST_SOURCE:  # pragma: no cover
        return Source(kind="text", line=line, column=column, offset=offset)
    s = _object_new(Source)
    d = s.__dict__
    d["kind"] = "text"
    d["line"] = line
    d["column"] = column
    d["offset"] = offset
    return s


def _fast_source_ok() -> bool:
    try:
        probe = _object_new(Source)
        probe.__dict__.update(kind="text", line=1, column=0, offset=0)
        return probe == Source(kind="text", line=1, column=0, offset=0)
    except (AttributeError, TypeError):  # pragma: no cover - Source became a slots class
        return False


FAST_SOURCE = _fast_source_ok()


class Token:
    """The text of one cell or piece, where it was printed, and its grid column."""

    __slots__ = ("_source", "grid_col", "span", "text")

    def __init__(self, text: str, source: Source, grid_col: int | None = None, span: int = 1) -> None:
        self.text = text
        self.grid_col = grid_col
        self.span = span
        self._source = source

    @property
    def source(self) -> Source:
        return self._source

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.text!r}, {self.source!r}, grid_col={self.grid_col!r}, span={self.span!r})"


class TextToken(Token):
    """A token of a text document: line (1-based), column (0-based) and offset in the
    decoded text as ints; ``source`` is built from them when first asked for."""

    __slots__ = ("_built", "column", "line_no", "offset")

    def __init__(self, text: str, grid_col: int | None, line_no: int, column: int, offset: int) -> None:
        self.text = text
        self.grid_col = grid_col
        self.span = 1
        self._built: Source | None = None
        self.line_no = line_no
        self.column = column
        self.offset = offset

    @property
    def source(self) -> Source:
        s = self._built
        if s is None:  # text_source(…), inlined: asked for every value that becomes a cell
            if not FAST_SOURCE:  # pragma: no cover
                return text_source(self.line_no, self.column, self.offset)
            s = self._built = _object_new(Source)
            d = s.__dict__
            d["kind"] = "text"
            d["line"] = self.line_no
            d["column"] = self.column
            d["offset"] = self.offset
        return s

    def shifted_source(self, shift: int) -> Source:
        """The source of the character ``shift`` places into the token."""
        return text_source(self.line_no, self.column + shift, self.offset + shift)


class Line:
    """One visual line, table row or paragraph: its tokens, where it starts, its table."""

    __slots__ = ("_source", "table", "tokens")

    def __init__(self, tokens: list[Token], source: Source, table: int | None = None) -> None:
        self.tokens = tokens
        self.table = table
        self._source: Source | None = source

    @property
    def source(self) -> Source:
        s = self._source
        return s if s is not None else self._locate()

    @source.setter
    def source(self, source: Source) -> None:
        self._source = source

    def _locate(self) -> Source:  # pragma: no cover - overridden where a line is built without its source
        raise AssertionError("a line without a source")

    @property
    def text(self) -> str:
        tokens = self.tokens
        if len(tokens) == 1:  # most lines: asked for often (headings, prose, facts)
            return tokens[0].text
        return " ".join([t.text for t in tokens])

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.tokens!r}, {self.source!r}, table={self.table!r})"


class TextLine(Line):
    """A line of a text document: its start (line, column, offset) as ints; ``source``
    is built from them when first asked for.  A text line is in no table."""

    __slots__ = ("column", "line_no", "offset")

    def __init__(self, tokens: list[Token], line_no: int, column: int, offset: int) -> None:
        self.tokens = tokens
        self.table = None
        self._source = None
        self.line_no = line_no
        self.column = column
        self.offset = offset

    def _locate(self) -> Source:
        s = self._source = text_source(self.line_no, self.column, self.offset)
        return s


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
