"""The report as a standalone HTML page ready to publish on an agency's website:
the official tables as ``<table>`` with ``rowspan``/``colspan``, borders and
Chinese fonts in an inline stylesheet, no external resources."""

from __future__ import annotations

from html import escape

from xxgk.report import AnnualReport
from xxgk.write.layout import Grid, Heading, Paragraph, TableBlock, Title, column_widths, report_blocks

CSS = """
body { font-family: "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif;
       font-size: 16px; line-height: 1.8; color: #000; background: #fff; max-width: 60em; margin: 2em auto; padding: 0 1em; }
h1 { font-family: "SimSun", "宋体", "Noto Serif CJK SC", serif; font-size: 22px; text-align: center; margin: 1em 0; }
h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 17px; font-weight: normal; margin: 1.2em 0 .6em; }
p { text-indent: 2em; margin: .4em 0; }
p.note { text-indent: 0; font-size: 14px; }
table.xxgk { border-collapse: collapse; width: 100%; margin: .6em 0 1em; table-layout: fixed;
             font-family: "SimSun", "宋体", "Noto Serif CJK SC", serif; font-size: 13px; line-height: 1.4; }
table.xxgk td, table.xxgk th { border: 1px solid #000; padding: 3px 4px; vertical-align: middle; }
table.xxgk th { font-weight: normal; text-align: center; }
table.xxgk td.label { text-align: left; }
table.xxgk td.value { text-align: center; white-space: nowrap; }
table.xxgk td.caption { text-align: left; font-weight: bold; }
table.xxgk td.note { text-align: left; font-size: 12px; }
table.xxgk td.unread { background: #fff3cd; }
"""


def _attrs(cell_rowspan: int, cell_colspan: int) -> str:
    a = ""
    if cell_rowspan > 1:
        a += f' rowspan="{cell_rowspan}"'
    if cell_colspan > 1:
        a += f' colspan="{cell_colspan}"'
    return a


def grid_html(grid: Grid) -> str:
    lines = [f'<table class="xxgk" data-table="{grid.table_key}">', "<colgroup>"]
    lines += [f'<col style="width:{w:.2f}%">' for w in column_widths(grid, 100.0)]
    lines.append("</colgroup>")
    for row in grid.matrix():
        parts = []
        for c in row:
            if c is None:
                continue
            tag = "th" if c.role == "header" else "td"
            cls: str = c.role
            extra = ""
            if c.key:
                extra = f' data-cell="{c.key}"'
                if c.cell is not None and c.cell.kind == "unread":
                    cls += " unread"
                    extra += ' title="未能确定的单元格"'
            parts.append(f'<{tag} class="{cls}"{_attrs(c.rowspan, c.colspan)}{extra}>{escape(c.text)}</{tag}>')
        lines.append("<tr>" + "".join(parts) + "</tr>")
    lines.append("</table>")
    return "\n".join(lines)


def render_html(report: AnnualReport) -> str:
    title = ""
    body: list[str] = []
    for block in report_blocks(report):
        if isinstance(block, Title):
            title = block.text
            body.append(f"<h1>{escape(block.text)}</h1>")
        elif isinstance(block, Heading):
            body.append(f'<h2 id="{block.key}">{escape(block.text)}</h2>')
        elif isinstance(block, Paragraph):
            cls = ' class="note"' if block.role == "note" else ""
            body.append(f"<p{cls}>{escape(block.text)}</p>")
        elif isinstance(block, TableBlock):
            body.append(grid_html(block.grid))
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="xxgk">\n<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n'
        f'<body data-edition="{escape(report.edition)}">\n' + "\n".join(body) + "\n</body>\n</html>\n"
    )
