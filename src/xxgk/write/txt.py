"""The report as plain text: headings and prose as lines, each table as a grid of
tab-separated cells in the official layout (a merged cell prints its text in
its top-left position; the positions it covers stay empty)."""

from __future__ import annotations

from xxgk.report import AnnualReport
from xxgk.write.layout import Grid, TableBlock, report_blocks


def grid_lines(grid: Grid, sep: str = "\t") -> list[str]:
    # every row keeps all its positions (no trailing separators stripped): an empty
    # last cell is a position, not nothing
    return [sep.join(c.text if c else "" for c in row) for row in grid.matrix()]


def render_txt(report: AnnualReport) -> str:
    out: list[str] = []
    for block in report_blocks(report, unread_mark=""):
        if isinstance(block, TableBlock):
            out += [*grid_lines(block.grid), ""]
        else:
            out += [block.text, ""]
    return "\n".join(out).rstrip("\n") + "\n"
