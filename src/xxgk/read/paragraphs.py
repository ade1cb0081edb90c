"""Prose lines wrapped by the page layout, joined back into paragraphs.

A PDF prints a paragraph as lines cut at the right margin ('…区政府办代表区政府受理政府'
/ '信息公开申请 17 件，…'); a statement cut in two is found by nobody.  A line is
the continuation of the one before when that one runs to the right margin, the
next starts at the left margin (a new paragraph is indented, a heading is
short), there is no gap between them, the type size is the same, and the next
line does not start a numbered heading or item.  Lines that look like rows of
a table (two or more bare numbers) are never joined.  Each token keeps its own
page and box; the joined line takes the source of its first line.
"""

from __future__ import annotations

import re
from statistics import median

from xxgk.read.document import Line

_ENUMERATED_RE = re.compile(
    r"^\s*([（(]\s*[一二三四五六七八九十\d]+\s*[）)]|[一二三四五六七八九十]+\s*[、.．]|\d+\s*[、.．](?!\d))"
)
_BARE_NUMBER_RE = re.compile(r"^[\d.,，]+$")
MARGIN_SLACK = 1.0  # × line height: how near the right margin a full line ends
INDENT_SLACK = 0.5  # × line height: how far from the left margin an unindented line starts
GAP_SLACK = 1.2  # × line height: the largest gap between two lines of one paragraph
MIN_LINES = 3  # a page with fewer prose lines shows no margins to go by


def _box(line: Line) -> tuple[float, float, float, float] | None:
    s = line.source
    return s.bbox if s.kind == "pdf" and s.bbox is not None and line.table is None else None


def _height(line: Line) -> float:
    box = _box(line)
    return (box[3] - box[1]) if box else 0.0


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
    return margins


def _numbers(line: Line) -> int:
    return sum(1 for t in line.tokens if _BARE_NUMBER_RE.match(t.text))


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
        a[2] >= right - MARGIN_SLACK * ha
        and b[0] <= left + INDENT_SLACK * hb
        and not _ENUMERATED_RE.match(line.tokens[0].text)
        and _numbers(prev) < 2
        and _numbers(line) < 2
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
