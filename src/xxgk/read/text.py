"""Plain text and Markdown → :class:`Document`.

Each physical line becomes a :class:`Line`; its tokens are the cells as the
layout separates them:

* a tab grid (Word export): split on tabs, empty fields kept (they are blank
  cells); a line that is only indented by tabs (one cell per line) is one token;
* a pipe table (Markdown or text): split on ``|``, outer pipes dropped, empty
  cells kept; ``|---|`` separator lines dropped;
* otherwise: split on runs of two or more spaces, else the whole line.

Tokens of tab and pipe rows carry their field index as ``grid_col`` (blank
fields are kept, so the index is a column of the grid as exported).

A crawler that merged a whole report into one line is undone before that: a
very long line is cut before each section heading of the formats.
Every token keeps its line (1-based), column (0-based) and offset in the decoded
text (a CRLF line end counts two characters, as it is in the text).
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from xxgk.formats import editions
from xxgk.read.document import Document, Line, Token
from xxgk.report import Source

MERGED_LINE_CHARS = 600  # a line this long in a report is several lines run together
_PIPE_SEPARATOR_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_EMPHASIS_RE = re.compile(r"\*\*|__|`|^#{1,6}\s+|^>\s*")
_WIDE_SPACE_RE = re.compile(r"(?:[ \u3000\xa0]{2,}|\u3000)")
_LINE_END_RE = re.compile(r"(\r\n|\r|\n)")


@cache
def _heading_re() -> re.Pattern[str]:
    labels: set[str] = set()
    for e in editions().values():
        for s in e.sections:
            labels.add(s.label)
            labels.update(s.variants)
    alternation = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    return re.compile(rf"[一二三四五六七八九十]{{1,2}}\s*[、.．]\s*(?:{alternation})")


def split_merged_line(text: str) -> list[tuple[int, str]]:
    """Cut a very long line before each section heading: (column, text) pieces."""
    if len(text) < MERGED_LINE_CHARS:
        return [(0, text)]
    starts = [m.start() for m in _heading_re().finditer(text) if m.start() > 0]
    if not starts:
        return [(0, text)]
    bounds = [0, *starts, len(text)]
    return [(a, text[a:b]) for a, b in itertools.pairwise(bounds) if text[a:b].strip()]


def _tab_fields(text: str) -> list[tuple[int, str]]:
    stripped = text.lstrip("\t")
    if "\t" not in stripped:
        # indented single cell (one cell per line); "\t" alone is an empty cell
        return [(len(text) - len(stripped), stripped.strip())]
    fields: list[tuple[int, str]] = []
    col = 0
    for part in text.split("\t"):
        lead = len(part) - len(part.lstrip())
        fields.append((col + lead, part.strip()))
        col += len(part) + 1
    return fields


def _pipe_fields(text: str) -> list[tuple[int, str]]:
    s = text.rstrip()
    start = len(s) - len(s.lstrip())
    body = s[start:]
    if body.startswith("|"):
        body = body[1:]
        start += 1
    if body.endswith("|"):
        body = body[:-1]
    fields: list[tuple[int, str]] = []
    col = start
    for part in body.split("|"):
        lead = len(part) - len(part.lstrip())
        fields.append((col + lead, part.strip()))
        col += len(part) + 1
    return fields


def _space_fields(text: str) -> list[tuple[int, str]]:
    if "  " not in text and "\u3000" not in text and "\xa0" not in text:
        stripped = text.strip()
        return [(text.find(stripped[:1]), stripped)] if stripped else []
    fields: list[tuple[int, str]] = []
    pos = 0
    for m in _WIDE_SPACE_RE.finditer(text):
        part = text[pos : m.start()]
        if part.strip():
            fields.append((pos + len(part) - len(part.lstrip()), part.strip()))
        pos = m.end()
    part = text[pos:]
    if part.strip():
        fields.append((pos + len(part) - len(part.lstrip()), part.strip()))
    return fields


def is_pipe_row(text: str) -> bool:
    if "|" not in text:
        return False
    s = text.strip()
    return s.startswith("|") or s.count("|") >= 2


def line_fields(text: str) -> list[tuple[int, str]] | None:
    """The cells of one line as (column, text); ``None`` for a line to skip."""
    if not text.strip() and "\t" not in text:
        return None
    if "\t" in text:
        return _tab_fields(text)
    if is_pipe_row(text):
        if _PIPE_SEPARATOR_RE.match(text):
            return None
        return _pipe_fields(text)
    return _space_fields(text)


def _fast_source_ok() -> bool:
    try:
        probe = object.__new__(Source)
        probe.__dict__.update(kind="text", line=1, column=0, offset=0)
        return probe == Source(kind="text", line=1, column=0, offset=0)
    except (AttributeError, TypeError):  # pragma: no cover - Source became a slots class
        return False


_FAST_SOURCE = _fast_source_ok()


def fast_source(**fields: object) -> Source:
    """``Source(**fields)`` without the frozen-dataclass constructor (see :func:`text_source`)."""
    if not _FAST_SOURCE:  # pragma: no cover
        return Source(**fields)  # type: ignore[arg-type]
    s = object.__new__(Source)
    s.__dict__.update(fields)
    return s


def text_source(line: int, column: int, offset: int) -> Source:
    """``Source(kind="text", line=…, column=…, offset=…)``, three times faster:
    a report has thousands of tokens and the frozen dataclass constructor is the
    reader's largest cost.  The instance is identical (unset fields fall back to
    the class defaults), checked once at import."""
    if not _FAST_SOURCE:  # pragma: no cover
        return Source(kind="text", line=line, column=column, offset=offset)
    s = _object_new(Source)
    d = s.__dict__
    d["kind"] = "text"
    d["line"] = line
    d["column"] = column
    d["offset"] = offset
    return s


_object_new = object.__new__


class IndentedLine(Line):
    """A text line whose first cell is indented: ``source`` (the line start) is built
    only when asked for — most lines are never asked, and a report has hundreds."""

    def __init__(self, tokens: list[Token], at: tuple[int, int, int]) -> None:
        self.tokens = tokens
        self.table = None
        self._at = at
        self._source: Source | None = None

    @property
    def source(self) -> Source:  # type: ignore[override]  # the field, computed on first use
        if self._source is None:
            self._source = text_source(*self._at)
        return self._source


def read_text(text: str, path: str = "", kind: str = "text") -> Document:
    """Decoded text (or Markdown, ``kind="md"``) → Document."""
    doc = Document(path=path, kind=kind)
    offset = 0
    if "\r" in text:  # CRLF or lone CR: offsets count the line end as printed (two characters for CRLF)
        parts = _LINE_END_RE.split(text)
        lines = parts[0::2]
        ends = [len(e) for e in parts[1::2]]
        ends.append(0)
    else:
        lines = text.split("\n")
        ends = None
    append = doc.lines.append
    markdown = kind == "md"
    new = _object_new if _FAST_SOURCE else None
    for number, physical in enumerate(lines, start=1):
        for col0, piece in split_merged_line(physical) if len(physical) >= MERGED_LINE_CHARS else ((0, physical),):
            fields = line_fields(piece)
            if fields is None:
                continue
            if markdown:
                fields = [(c, _MD_EMPHASIS_RE.sub("", t).strip()) for c, t in fields]
            base = offset + col0
            grid = len(fields) > 1 and ("\t" in piece or is_pipe_row(piece))  # field index = grid column
            tokens = []
            for i, (c, t) in enumerate(fields):
                if new is not None:  # text_source(number, col0 + c, base + c), inlined: one per token
                    src = new(Source)
                    d = src.__dict__
                    d["kind"] = "text"
                    d["line"] = number
                    d["column"] = col0 + c
                    d["offset"] = base + c
                else:  # pragma: no cover
                    src = text_source(number, col0 + c, base + c)
                tokens.append(Token(t, src, i if grid else None))
            if fields[0][0] == 0:
                append(Line(tokens, tokens[0].source))
            else:  # an indented line: its own source (column of the line start), built when asked for
                append(IndentedLine(tokens, (number, col0, base)))
        offset += len(physical) + (1 if ends is None else ends[number - 1])
    return doc
