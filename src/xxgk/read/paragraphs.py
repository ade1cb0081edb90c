"""Prose lines wrapped by the page layout, joined back into paragraphs.

A PDF prints a paragraph as lines cut at the right margin ('…区政府办代表区政府受理政府'
/ '信息公开申请 17 件，…'); a statement cut in two is found by nobody.  A line is
the continuation of the one before when that one runs to the right margin (or
stops short of it by the width of the word the next line starts with, a number
or Latin word the layout cannot break: '…共受理政府信息公开申请' / '3119 件'), the
next starts at the left margin (a new paragraph is indented, a heading is
short), there is no gap between them, the type size is the same, and the next
line does not start a numbered heading or item.  Lines that look like rows of
a table (two bare numbers or dashes side by side) are never joined.  The margins
are each page's; a page of too few prose lines takes the document's usual ones.

Each token keeps its own page and box; the joined line takes the source of its
first line.  :func:`paragraph_text` reads a joined line as a reader does (no
space put inside Chinese text at a line break: '政府网' / '站' is 政府网站), and
:func:`printed_line_source` gives the page and box of the printed line a token
is on (where a fact's figure was printed).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from statistics import median

from xxgk.read.document import Line, Token
from xxgk.report import Source

_ENUMERATED_RE = re.compile(
    r"^\s*([（(]\s*[一二三四五六七八九十\d]+\s*[）)]|[一二三四五六七八九十]+\s*[、.．]|\d+\s*[、.．](?!\d))"
)
_BARE_CELL_RE = re.compile(r"^(?:[\d.,，]+|[-—–－/／]+)$")  # a number, or a dash or slash (不适用), alone
MARGIN_SLACK = 1.0  # × line height: how near the right margin a full line ends
INDENT_SLACK = 0.5  # × line height: how far from the left margin an unindented line starts
GAP_SLACK = 1.2  # × line height: the largest gap between two lines of one paragraph
MIN_LINES = 3  # a page with fewer prose lines shows no margins to go by


def _box(line: Line) -> tuple[float, float, float, float] | None:
    s = line.source
    return s.bbox if s.kind == "pdf" and s.bbox is not None and line.table is None else None


def page_margins(lines: list[Line]) -> dict[int, tuple[float, float]]:
    """Left and right text margins of each page, from its prose lines: the
    leftmost start, and the edge where the longest third of the lines end."""
    starts: dict[int, list[float]] = {}
    ends: dict[int, list[float]] = {}
    for line in lines:
        box = _box(line)
        if box is None or line.source.page is None:
            continue
        starts.setdefault(line.source.page, []).append(box[0])
        ends.setdefault(line.source.page, []).append(box[2])
    margins: dict[int, tuple[float, float]] = {}
    for page, xs in starts.items():
        if len(xs) < MIN_LINES:
            continue
        right = sorted(ends[page], reverse=True)
        margins[page] = (min(xs), median(right[: max(1, len(right) // 3)]))
    if margins:  # a page of a few prose lines (the rest a table) is set like the others
        usual = (median(m[0] for m in margins.values()), median(m[1] for m in margins.values()))
        for page in starts:
            margins.setdefault(page, usual)
    return margins


_UNBROKEN_RE = re.compile(r"[\x21-\x7e]+")  # Latin letters, digits and ASCII signs: a word the layout does not break
MAX_UNBROKEN = 6.0  # × line height: the widest such word counted (a long URL is not waited for)


def _unbroken_width(line: Line) -> float:
    """The width of the word ``line`` starts with when the layout cannot break it
    ('3119', '2024'): the line before ends short of the margin by that much because
    the word did not fit there.  0 for Chinese text, which breaks anywhere."""
    token = line.tokens[0]
    box = token.source.bbox
    m = _UNBROKEN_RE.match(token.text)
    if m is None or box is None:
        return 0.0
    width = box[2] - box[0]
    if m.end() < len(token.text):  # '2024年…': its share of the token (a Latin character is about half as wide)
        width *= _ems(m.group()) / _ems(token.text)
    return min(width, MAX_UNBROKEN * (box[3] - box[1]))


def _ems(text: str) -> float:
    return sum(0.5 if c.isascii() else 1.0 for c in text)


def _looks_like_row(line: Line) -> bool:
    """Two bare numbers (or dashes) side by side: cells of a table row, not prose (in
    prose a number is followed by its unit: '收到人大代表建议 0 件、政协委员提案 0')."""
    bare = [_BARE_CELL_RE.match(t.text) is not None for t in line.tokens]
    return any(a and b for a, b in pairwise(bare))


def continues(prev: Line, line: Line, margins: dict[int, tuple[float, float]], across_pages: bool) -> bool:
    """Whether ``line`` continues the paragraph whose last printed line is ``prev``."""
    a, b = _box(prev), _box(line)
    pa, pb = prev.source.page, line.source.page
    if a is None or b is None or pa not in margins or pb not in margins or not line.tokens or not prev.tokens:
        return False
    assert pa is not None and pb is not None
    ha, hb = a[3] - a[1], b[3] - b[1]
    if ha <= 0 or hb <= 0 or abs(ha - hb) > 0.25 * max(ha, hb):
        return False
    if pb == pa:
        if not 0 <= b[1] - a[3] <= GAP_SLACK * ha:
            return False
    elif not (pb == pa + 1 and across_pages):
        return False
    left = margins[pb][0]
    right = margins[pa][1]
    return (
        a[2] + _unbroken_width(line) >= right - MARGIN_SLACK * ha
        and b[0] <= left + INDENT_SLACK * hb
        and not _ENUMERATED_RE.match(line.tokens[0].text)
        and not _looks_like_row(prev)
        and not _looks_like_row(line)
    )


def join_wrapped_lines(lines: list[Line]) -> list[Line]:
    """The document's lines with wrapped PDF prose joined into paragraphs;
    table lines and other lines are kept as they are."""
    margins = page_margins(lines)
    out: list[Line] = []
    last_physical: Line | None = None  # the last printed line of the paragraph being built
    for line in lines:
        if out and last_physical is not None and _box(line) is not None:
            # lines are in reading order and a table in between resets ``last_physical``:
            # a change of page here means the paragraph's line ended its page
            across_pages = line.source.page != last_physical.source.page
            if continues(last_physical, line, margins, across_pages):
                head = out[-1]
                out[-1] = Line(tokens=[*head.tokens, *line.tokens], source=head.source, table=None)
                last_physical = line
                continue
        out.append(line)
        last_physical = line if _box(line) is not None else None
    return out


# --------------------------------------------------------------------------- a joined paragraph read back


def printed_line_starts(line: Line) -> list[bool]:
    """For each token of a (joined) PDF line, whether it begins a printed line:
    the first token, and one on another page or below the token before it."""
    starts: list[bool] = []
    prev: Token | None = None
    for token in line.tokens:
        a = prev.source.bbox if prev is not None else None
        b = token.source.bbox
        starts.append(
            a is None
            or b is None
            or prev is None
            or token.source.page != prev.source.page
            or b[1] > a[1] + 0.5 * (a[3] - a[1])
        )
        prev = token
    return starts


def _keeps_space(before: str, after: str) -> bool:
    """Whether a line break between these two characters is read as a space: next to
    a Latin letter or digit (two numbers stay two; '申请' / '17' reads '申请 17' as on
    one printed line), not inside Chinese text ('政府网' / '站' is 政府网站)."""
    return (before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum())


def paragraph_text(line: Line, texts: Sequence[str] | None = None) -> tuple[str, list[int]]:
    """The text of a line as a reader reads it, and where each token starts in it.

    Tokens of one printed line are joined by a space (as :attr:`Line.text`); at a
    line break of a joined paragraph no space is put inside Chinese text.  ``texts``
    replaces the tokens' texts (e.g. normalised), one per token."""
    pieces = [t.text for t in line.tokens] if texts is None else list(texts)
    starts = printed_line_starts(line) if line.source.kind == "pdf" and len(pieces) > 1 else []
    out: list[str] = []
    offsets: list[int] = []
    at = 0
    for i, piece in enumerate(pieces):
        if i:
            sep = " "
            if starts and starts[i] and out[-1] and piece and not _keeps_space(out[-1][-1], piece[0]):
                sep = ""
            out.append(sep)
            at += len(sep)
        offsets.append(at)
        out.append(piece)
        at += len(piece)
    return "".join(out), offsets


def printed_line_source(line: Line, token: int) -> Source:
    """The page and box of the printed line that holds token ``token`` of a joined
    PDF line (the line's own source for other lines)."""
    s = line.source
    if s.kind != "pdf" or not line.tokens:
        return s
    starts = printed_line_starts(line)
    if not any(starts[1:]):  # one printed line: its own source
        return s
    token = min(max(token, 0), len(line.tokens) - 1)
    first = token
    while first > 0 and not starts[first]:
        first -= 1
    last = token + 1
    while last < len(line.tokens) and not starts[last]:
        last += 1
    boxes = [t.source.bbox for t in line.tokens[first:last] if t.source.bbox is not None]
    if not boxes:
        return s
    box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    return Source(kind="pdf", page=line.tokens[first].source.page, bbox=box)
