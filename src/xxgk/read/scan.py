"""Stage: lines of a table region → items (row-label hits, values, other text).

One pass over the tokens of each line.  A token is a value (number, dash, blank
cell), a row label of the table (whole, glued to values as in
``规章000规范性文件898989``, or broken at the end of a line), or other text.
Short text lines that follow each other in a one-cell-per-line layout are joined
to recognise a label broken over lines (``(七`` / ``)`` / ``总计``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xxgk.read.document import MEMO_MAX_CHARS, Line, TextToken, Token
from xxgk.read.labels import RowIndex, norm, norm_with_map
from xxgk.read.numbers import BLANK, Parsed, parse_cell, split_values
from xxgk.report import Source

CARRY_CHARS = 40
_PAGE_NUMBER_RE = re.compile(
    r"\s*(?:[-—–－]+\s*\d{1,3}\s*[-—–－]+|第\s*\d{1,3}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,3}\s*页)?)\s*"
)
_EDGE_PUNCT = '（）()【】[]：:、，,;；“”"‘’「」'
_NUMBERING_STARTS = frozenset("0123456789一二三四五六七八九十")


@dataclass(slots=True)
class Hit:
    row: str
    at: Source | Token  # where it was printed (see :class:`Val`)
    text: str
    approximate: bool = False  # a printed variant recognised by similarity (a typo)

    @property
    def source(self) -> Source:
        at = self.at
        return at if isinstance(at, Source) else at.source


@dataclass(slots=True)
class Val:
    parsed: Parsed
    # where it was printed: a Source, or the token it is (then the Source is the token's,
    # built when asked for — most values never are: only those that become cells)
    at: Source | Token
    glued: bool = False  # cut out of a text run (cells run together)
    grid_col: int | None = None

    @property
    def source(self) -> Source:
        at = self.at
        return at if isinstance(at, Source) else at.source

    @property
    def blank(self) -> bool:
        return self.parsed.kind == "blank"


@dataclass(slots=True)
class Txt:
    text: str
    norm: str
    at: Source | Token  # where it was printed (see :class:`Val`)
    grid_col: int | None = None

    @property
    def source(self) -> Source:
        at = self.at
        return at if isinstance(at, Source) else at.source


Item = Hit | Val | Txt


@dataclass(slots=True)
class ScannedLine:
    index: int
    line: Line
    items: list[Item] = field(default_factory=list)


def _src(token: Token, col_shift: int = 0) -> Source:
    if isinstance(token, TextToken):
        return token.shifted_source(col_shift)
    s = token.source
    if col_shift and s.column is not None:
        return Source(
            kind=s.kind,
            line=s.line,
            column=s.column + col_shift,
            offset=(s.offset + col_shift) if s.offset is not None else None,
            table=s.table,
            row=s.row,
            col=s.col,
            page=s.page,
            bbox=s.bbox,
        )
    return s


def _segment_items(token: Token, text: str, start: int, out: list[Item]) -> None:
    """Values (glued) and text of a piece of a token between labels."""
    stripped = text.strip(_EDGE_PUNCT)
    if not stripped.strip():
        return
    # the source points at the first character printed (a value after one space:
    # ``行政许可 97`` points at the 9, not at the space)
    start += text.find(stripped[:1]) + len(stripped) - len(stripped.lstrip())
    text = stripped
    values, rest = split_values(text)
    glued = not text[:1].isspace()  # a value directly after the label: cells run together
    for p in values:
        out.append(Val(p, _src(token, start), glued=glued, grid_col=token.grid_col))
    if rest:
        out.append(Txt(rest, norm(rest), _src(token, start)))


def _broken_label(index: RowIndex, n: str) -> tuple[int, str] | None:
    """A label broken at the end of this text: (start in ``n``, row)."""
    if len(n) < 5:
        return None
    row = index.row_at_end(n)
    if row is not None:
        return 0, row
    longest = 80  # no label is longer: only the end of a long text can start one
    for i in range(max(1, len(n) - longest), len(n) - 4):
        if n[i] in _NUMBERING_STARTS and not n[i - 1].isdigit():
            row = index.row_at_end(n[i:])
            if row is not None:
                return i, row
    return None


@dataclass(frozen=True, slots=True)
class TokenReading:
    """What a text token (not a value) reads as, before the carry of the lines above:
    ``page`` (a page header/footer), ``empty``, ``label`` (a whole row label), ``inside``
    (labels inside the text), ``broken`` (a label broken at its end, from ``at``),
    ``values`` (only values), ``fuzzy`` (a label with a typo) or ``text``."""

    kind: str
    n: str
    row: str = ""
    at: int = 0
    values: tuple[Parsed, ...] = ()


MAX_MEMO_TEXTS = 16384  # memoised texts per table index (each of at most MEMO_MAX_CHARS); then the memo starts again


def _read_text(index: RowIndex, text: str) -> TokenReading:
    if _PAGE_NUMBER_RE.fullmatch(text):
        reading = TokenReading("page", "")
    elif not (n := norm(text)):
        reading = TokenReading("empty", "")
    elif (row := index.by_variant.get(n)) is not None:
        reading = TokenReading("label", n, row)
    elif index.pattern.search(n):
        reading = TokenReading("inside", n)
    elif (broken := _broken_label(index, n)) is not None:
        reading = TokenReading("broken", n, broken[1], broken[0])
    elif (split := split_values(text))[0] and not split[1]:
        reading = TokenReading("values", n, values=tuple(split[0]))
    elif (row := index.row_like(n)) is not None:
        reading = TokenReading("fuzzy", n, row)
    else:
        reading = TokenReading("text", n)
    if len(text) <= MEMO_MAX_CHARS:
        if len(index.readings) >= MAX_MEMO_TEXTS:
            index.readings.clear()
        index.readings[text] = reading
    return reading


def _scan_reading(token: Token, text: str, r: TokenReading, index: RowIndex, out: list[Item], carry: str) -> str:
    """Append the items of a text token that is not a value, read as ``r`` (see
    :func:`_read_text`), to ``out``; return the new carry."""
    kind = r.kind
    if kind == "page" or kind == "empty":
        return carry  # a page header/footer between the rows of a table split across pages
    n = r.n
    if kind == "label":
        out.append(Hit(r.row, token, text))
        return ""
    if kind != "inside":
        joined = carry + n
        if carry and (row := index.by_variant.get(joined)) is not None:
            out.append(Hit(row, token, text))
            return ""
        if kind == "broken":
            if r.at:
                out.append(Txt(text, n[: r.at], token))
            out.append(Hit(r.row, token, text))
            return ""
        if kind == "values":
            for v in r.values:
                out.append(Val(v, token, grid_col=token.grid_col))
            return ""
        if kind == "fuzzy":
            out.append(Hit(r.row, token, text, approximate=True))
            return ""
        out.append(Txt(text, n, token, token.grid_col))
        return joined[-CARRY_CHARS:]
    matches = list(index.pattern.finditer(n))
    # labels inside the token: cut the original text at them
    nm, where = norm_with_map(text)
    if nm != n:  # pragma: no cover - the two normal forms agree for label characters
        out.append(Txt(text, n, token))
        return ""
    pos = 0
    for m in matches:
        a = where[m.start()]
        _segment_items(token, text[pos:a], pos, out)
        out.append(Hit(index.by_variant[m.group()], _src(token, a), text[a : where[m.end() - 1] + 1]))
        pos = where[m.end() - 1] + 1
    tail = text[pos:]
    tail_n = norm(tail)
    broken = _broken_label(index, tail_n) if tail_n and not tail_n[0].isdigit() else None
    if broken is not None and broken[0] == 0:
        out.append(Hit(broken[1], _src(token, pos), tail))
    else:
        _segment_items(token, tail, pos, out)
    return ""


def scan_lines(lines: list[Line], index: RowIndex, first_index: int = 0) -> list[ScannedLine]:
    scanned: list[ScannedLine] = []
    carry = ""
    readings = index.readings  # cleared when full, never replaced
    for i, line in enumerate(lines, first_index):
        items: list[Item] = []
        tokens = line.tokens
        if len(tokens) > 1:
            carry = ""
        for token in tokens:
            text = token.text
            if text == "":
                items.append(Val(BLANK, token, False, token.grid_col))
                continue
            p = parse_cell(text)
            if p is not None:  # the common case
                items.append(Val(p, token, False, token.grid_col))
                carry = ""
                continue
            r = readings.get(text)
            if r is None:
                r = _read_text(index, text)
            if r.kind == "label":  # the next most common: a whole row label
                items.append(Hit(r.row, token, text))
                carry = ""
                continue
            carry = _scan_reading(token, text, r, index, items, carry)
        scanned.append(ScannedLine(i, line, items))
    return scanned
