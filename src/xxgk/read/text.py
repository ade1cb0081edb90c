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
text (a CRLF line end counts two characters, as it is in the text), as the ints of
a :class:`~xxgk.read.document.TextToken` (its ``Source`` is built when asked for).
A line with no tab, pipe or wide space — most lines of a report — is one token,
found without the tests of :func:`line_fields`; the tokens of a tab grid row are
made directly, without its (column, text) pairs.
"""

from __future__ import annotations

import itertools
import re
from functools import cache
from typing import cast

from xxgk.formats import editions
from xxgk.read.document import FAST_SOURCE, Document, TextLine, TextToken, Token
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
    return [(t.column, t.text) for t in cast("list[TextToken]", _tab_tokens(text, 0, 0, 0))]


def _tab_tokens(text: str, number: int, col0: int, base: int) -> list[Token]:
    """The tokens of a tab grid row (two fields or more): empty fields kept (blank cells),
    each at its first non-space character; the field index is the grid column."""
    tokens: list[Token] = []
    col = 0
    for i, part in enumerate(text.split("\t")):
        cell = part.strip()
        c = col if len(cell) == len(part) else col + len(part) - len(part.lstrip())
        tokens.append(TextToken(cell, i, number, col0 + c, base + c))
        col += len(part) + 1
    return tokens


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


def fast_source(**fields: object) -> Source:
    """``Source(**fields)`` without the frozen-dataclass constructor (see
    :func:`~xxgk.read.document.text_source`)."""
    if not FAST_SOURCE:  # pragma: no cover
        return Source(**fields)  # type: ignore[arg-type]
    s = _object_new(Source)
    s.__dict__.update(fields)
    return s


_object_new = object.__new__
# a tab, a pipe or a wide space: a line without any is one cell (the common line of a report)
_CELL_BREAK_RE = re.compile(r"[\t|\u3000\xa0]|  ")


def read_text(text: str, path: str = "", kind: str = "text") -> Document:
    """Decoded text (or Markdown, ``kind="md"``) → Document."""
    doc = Document(path=path, kind=kind)
    # offsets count the line end as printed (two characters for CRLF): ``eol`` for
    # every line, or ``ends`` line by line when CRLF and lone CR (or LF) are mixed
    eol = 1
    ends: list[int] | None = None
    if "\r" not in text:
        lines = text.split("\n")
    elif text.count("\r") == text.count("\r\n") == text.count("\n"):
        lines = text.split("\r\n")
        eol = 2
    else:
        parts = _LINE_END_RE.split(text)
        lines = parts[0::2]
        ends = [len(e) for e in parts[1::2]]
        ends.append(0)
    append = doc.lines.append
    markdown = kind == "md"
    cell_break = _CELL_BREAK_RE.search
    offset = 0
    for number, physical in enumerate(lines, start=1):
        start = offset  # of the line in the text
        offset += len(physical) + (eol if ends is None else ends[number - 1])
        if len(physical) < MERGED_LINE_CHARS:  # one cell (most lines): line_fields' answer, found directly
            if physical.startswith("\t"):
                body = physical.lstrip("\t")
                cell = None if "\t" in body else (len(physical) - len(body), body.strip())
            elif cell_break(physical) is None:
                body = physical.strip()
                if not body:
                    continue
                cell = (physical.find(body[0]), body)
            else:
                cell = None
            if cell is not None:
                lead, body = cell
                if markdown:
                    body = _MD_EMPHASIS_RE.sub("", body).strip()
                append(TextLine([TextToken(body, None, number, lead, start + lead)], number, 0, start))
                continue
        for col0, piece in split_merged_line(physical):
            if not markdown and "\t" in piece.lstrip("\t"):  # a tab grid row: its tokens made directly
                append(TextLine(_tab_tokens(piece, number, col0, start + col0), number, col0, start + col0))
                continue
            fields = line_fields(piece)
            if fields is None:
                continue
            if markdown:
                fields = [(c, _MD_EMPHASIS_RE.sub("", t).strip()) for c, t in fields]
            base = start + col0
            grid = len(fields) > 1 and ("\t" in piece or is_pipe_row(piece))  # field index = grid column
            tokens: list[Token] = [
                TextToken(t, i if grid else None, number, col0 + c, base + c) for i, (c, t) in enumerate(fields)
            ]
            append(TextLine(tokens, number, col0, base))
    return doc
