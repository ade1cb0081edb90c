"""The report as Markdown: ``#`` title, ``##`` section headings, prose paragraphs,
and each table as a pipe table holding the official grid (a merged cell prints
its text in its top-left position; covered positions stay empty, since pipe
tables cannot merge)."""

from __future__ import annotations

import re

from xxgk.report import AnnualReport
from xxgk.write.layout import Grid, Heading, Paragraph, TableBlock, Title, report_blocks


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def grid_markdown(grid: Grid) -> list[str]:
    rows = [[_escape(c.text) if c else "" for c in row] for row in grid.matrix()]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * grid.n_cols]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return lines


def render_md(report: AnnualReport) -> str:
    out: list[str] = []
    for block in report_blocks(report, unread_mark=""):
        if isinstance(block, Title):
            out += [f"# {block.text}", ""]
        elif isinstance(block, Heading):
            out += [f"## {block.text}", ""]
        elif isinstance(block, Paragraph):
            out += [_md_paragraph(block.text), ""]
        elif isinstance(block, TableBlock):
            out += [*grid_markdown(block.grid), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _md_paragraph(text: str) -> str:
    # a paragraph that starts like Markdown syntax would not print as written
    m = re.match(r"\d+\.", text)
    if m:
        return text[: m.end() - 1] + "\\." + text[m.end() :]
    if text[:1] in "#>-*+|=":
        return "\\" + text
    return text
