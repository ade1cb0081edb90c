"""The report as an XLSX workbook for a supervisor (openpyxl): a sheet 报告信息
with the metadata and the prose, then one sheet per table in the official layout
— merged header and label cells, thin borders, header rows and label columns
frozen — with values stored as numbers (money in 万元)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from xxgk.report import AnnualReport
from xxgk.write.layout import UNREAD_NOTE, Grid, GridCell, Heading, Paragraph, TableBlock, Title, report_blocks

FONT_NAME = "宋体"
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
UNREAD_FILL = PatternFill("solid", fgColor="FFF3CD")
NUMBER_FORMATS = {"count": "0", "signed": "+0;-0;0", "money": "0.00####"}
INFO_SHEET = "报告信息"


def _sheet_title(heading: Heading) -> str:
    return f"{heading.number}、{heading.label}"[:31]  # Excel limits sheet names to 31 characters


def _value(gc: GridCell) -> int | Decimal | str | None:
    v = gc.value
    return v if v is not None else (gc.text or None)


def merge(ws: Worksheet, gc: GridCell, top: int, left: int = 1) -> None:
    """Merge the sheet cells a grid cell spans (the grid placed at row ``top``, column ``left``)."""
    if gc.rowspan > 1 or gc.colspan > 1:
        ws.merge_cells(
            start_row=top + gc.row,
            start_column=left + gc.col,
            end_row=top + gc.row + gc.rowspan - 1,
            end_column=left + gc.col + gc.colspan - 1,
        )


def write_grid(ws: Worksheet, grid: Grid, top: int = 1) -> None:
    """Write ``grid`` with its top-left corner at row ``top``, column A."""
    for r in range(grid.n_rows):
        for c in range(grid.n_cols):
            cell = ws.cell(row=top + r, column=1 + c)
            cell.border = BORDER
    for gc in grid.cells:
        cell = ws.cell(row=top + gc.row, column=1 + gc.col)
        cell.value = _value(gc)
        left = gc.role in ("label", "caption", "note")
        cell.alignment = Alignment(horizontal="left" if left else "center", vertical="center", wrap_text=True)
        cell.font = Font(name=FONT_NAME, size=10, bold=gc.role == "caption")
        if gc.column is not None and gc.value is not None:
            cell.number_format = NUMBER_FORMATS[gc.column.value_kind]
        if gc.cell is not None and gc.cell.kind == "unread":
            cell.fill = UNREAD_FILL
        merge(ws, gc, top)
    widths = _widths(grid)
    for i, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(1 + i)].width = w
    ws.freeze_panes = f"{get_column_letter(1 + grid.label_cols)}{top + grid.header_rows}"


def _widths(grid: Grid) -> list[float]:
    if grid.table_key == "table_2":
        return [24.0] + [18.0] * (grid.n_cols - 1)
    labels = {1: [24.0], 3: [8.0, 14.0, 40.0]}.get(grid.label_cols, [])
    return labels + [10.0] * (grid.n_cols - grid.label_cols)


def render_xlsx(report: AnnualReport, parts: Sequence[AnnualReport] = ()) -> bytes:
    """The workbook of ``report``; with ``parts`` (the reports a roll-up sums) a
    last sheet 各机关明细 lists every cell of every agency, one row per agency."""
    wb = _report_workbook(report)
    if parts:
        _parts_sheet(wb, report, parts)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


PARTS_SHEET = "各机关明细"


def cell_heading(report: AnnualReport, key: str) -> str:
    """A column heading for a cell: table number, row label, column label (official labels)."""
    spec = report.spec.cell(key)
    column = "/".join((*spec.column.group_path, spec.column.label))
    row = spec.row.label or ""
    return "·".join(p for p in (f"表{spec.table.number}", row, column) if p)


def _parts_sheet(wb: Workbook, total: AnnualReport, parts: Sequence[AnnualReport]) -> None:
    ws = wb.create_sheet(PARTS_SHEET)
    keys = total.spec.cell_keys()
    ws.append(["机关", *(cell_heading(total, k) for k in keys)])
    for c in ws[1]:
        c.font = Font(name=FONT_NAME, bold=True)
        c.alignment = Alignment(wrap_text=True, vertical="top")
    for report in [*parts, total]:
        row: list[object] = [report.agency]
        for k in keys:
            cell = report.cell(k)
            row.append(cell.value if cell.kind == "number" else {"na": "/", "blank": None}.get(cell.kind, "？"))
        ws.append(row)
    ws.cell(row=ws.max_row, column=1).font = Font(name=FONT_NAME, bold=True)
    ws.column_dimensions["A"].width = 30
    ws.freeze_panes = "B2"


def _report_workbook(report: AnnualReport) -> Workbook:
    wb = Workbook()
    info = wb.active
    assert info is not None
    info.title = INFO_SHEET
    info.column_dimensions["A"].width = 16
    info.column_dimensions["B"].width = 100
    rows: list[tuple[str, object]] = [
        ("机关", report.agency),
        ("年度", report.year),
        ("格式", f"{report.spec.title}（{report.spec.document_number}）"),
    ]
    current: Heading | None = None
    pending_table: Heading | None = None
    for block in report_blocks(report):
        if isinstance(block, Title):
            info.append([block.text])
            info["A1"].font = Font(name=FONT_NAME, size=14, bold=True)
            for label, value in rows:
                info.append([label, value])
        elif isinstance(block, Heading):
            current = block
            info.append([block.text])
            info.cell(row=info.max_row, column=1).font = Font(name=FONT_NAME, bold=True)
        elif isinstance(block, Paragraph):
            if block.text == UNREAD_NOTE and pending_table is not None:
                ws = wb[_sheet_title(pending_table)]
                ws.cell(row=ws.max_row + 2, column=1, value=block.text)
                continue
            info.append(["", block.text])
            info.cell(row=info.max_row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
        elif isinstance(block, TableBlock) and current is not None:
            info.append(["", f"（见工作表“{_sheet_title(current)}”）"])
            ws = wb.create_sheet(_sheet_title(current))
            write_grid(ws, block.grid)
            pending_table = current
    return wb
