"""The official layout of an annual report, as plain data every renderer draws.

``report_blocks(report)`` turns an :class:`~xxgk.report.AnnualReport` into a list of
blocks — the title, the six section headings of its edition, the prose of
``report.texts`` and the three statistical tables — and each table into a
:class:`Grid` of positioned cells with their row and column spans.  Everything is
derived from :mod:`xxgk.formats` (captions, labels, the merged column headers of
``column_header_levels``, the nested row labels of table 三, the printed 勾稽 note);
no label is written here.

How a cell is printed (documented in ``docs/rendering.md``):

* a number in the column's official unit: counts as integers, 本年增/减 with its
  sign (``+3``/``-2``/``0``), money in 万元 without trailing zeros; where the column
  label does not state the unit (2019 采购总金额) the unit is printed after the
  number (``6.8178万元``);
* ``na`` (不适用) as ``/``; ``blank`` as an empty cell;
* ``unread`` as ``？`` — never a number — with a note under the table (in the
  plain-text grids of txt/md: left empty, with the note).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from xxgk.formats import Column, Edition, Group, Row, Table
from xxgk.formats.labels import place_header_levels
from xxgk.report import AnnualReport, Cell

Role = Literal["caption", "header", "label", "value", "note"]

NA_TEXT = "/"
UNREAD_TEXT = "？"
UNREAD_NOTE = "注：标“？”的单元格未能从原报告中确定，未作填补。"
UNREAD_NOTE_EMPTY = "注：本表部分单元格未能从原报告中确定，未作填补，表中留空。"


# --------------------------------------------------------------------------- cells


def format_number(value: int | Decimal, column: Column) -> str:
    """A number as printed in the column's official unit."""
    if column.value_kind == "money":
        d = Decimal(value)
        text = format(d.normalize(), "f") if d != 0 else "0"
        if column.unit and column.unit not in column.label:
            text += column.unit
        return text
    n = int(value)
    if column.value_kind == "signed" and n > 0:
        return f"+{n}"
    return str(n)


def cell_text(cell: Cell, column: Column, unread_mark: str = UNREAD_TEXT) -> str:
    if cell.kind == "number" and cell.value is not None:
        return format_number(cell.value, column)
    if cell.kind == "na":
        return NA_TEXT
    if cell.kind == "blank":
        return ""
    return unread_mark


# --------------------------------------------------------------------------- grid


@dataclass(frozen=True)
class GridCell:
    """One printed cell of a table: its top-left position, spans and text."""

    text: str
    row: int
    col: int
    role: Role
    rowspan: int = 1
    colspan: int = 1
    key: str | None = None  # the report cell key, for value cells
    cell: Cell | None = None
    column: Column | None = None

    @property
    def value(self) -> int | Decimal | None:
        """The number of a value cell (``None`` for anything else)."""
        if self.cell is not None and self.cell.kind == "number":
            return self.cell.value
        return None


@dataclass
class Grid:
    table_key: str
    n_rows: int
    n_cols: int
    header_rows: int  # rows at the top that are column headers (frozen in XLSX)
    label_cols: int  # columns at the left that hold row labels
    cells: list[GridCell] = field(default_factory=list)

    def matrix(self) -> list[list[GridCell | None]]:
        """Every position of the grid: the cell that starts there, or ``None``
        where a merged cell covers it (or nothing is printed)."""
        m: list[list[GridCell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            m[c.row][c.col] = c
        return m

    def owner(self) -> list[list[GridCell | None]]:
        """Every position mapped to the (possibly merged) cell covering it."""
        m: list[list[GridCell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    m[r][k] = c
        return m

    def value_cells(self) -> list[GridCell]:
        return [c for c in self.cells if c.role == "value"]

    @property
    def has_unread(self) -> bool:
        return any(c.cell is not None and c.cell.kind == "unread" for c in self.cells)


def _place_header_levels(
    levels: tuple[tuple[dict[str, object], ...], ...], col_offset: int, n_cols: int
) -> list[GridCell]:
    """``column_header_levels`` as header cells of the grid, right of the label columns."""
    return [
        GridCell(h.label, h.row, col_offset + h.col, "header", h.rowspan, h.colspan)
        for h in place_header_levels(levels, n_cols - col_offset)
    ]


def _value_cell(
    report: AnnualReport, table: Table, row: Row, column: Column, r: int, c: int, span: int, mark: str
) -> GridCell:
    key = f"{table.key}.{row.key}.{column.key}"
    cell = report.cell(key)
    return GridCell(cell_text(cell, column, mark), r, c, "value", 1, span, key, cell, column)


def _spans(n: int, width: int) -> list[int]:
    """Column spans of ``n`` value columns in ``width`` grid columns: one each, the
    last one takes what is left (table 二 groups have 1–3 columns)."""
    return [1] * (n - 1) + [width - n + 1]


def stacked_groups_grid(report: AnnualReport, table: Table, unread_mark: str = UNREAD_TEXT) -> Grid:
    """Table 二: one sub-table per 第二十条 item — a caption row across the table,
    a header row starting with 信息内容, then the data rows."""
    width = max(len(g.columns) for g in table.groups)
    cells: list[GridCell] = []
    r = 0
    for g in table.groups:
        spans = _spans(len(g.columns), width)
        if g.caption:
            cells.append(GridCell(g.caption, r, 0, "caption", 1, width + 1))
            r += 1
        cells.append(GridCell(g.first_header_cell or "", r, 0, "header"))
        c = 1
        for column, span in zip(g.columns, spans, strict=True):
            cells.append(GridCell(column.label, r, c, "header", 1, span))
            c += span
        r += 1
        for row in g.data_rows:
            cells.append(GridCell(row.label or "", r, 0, "label"))
            c = 1
            for column, span in zip(g.columns, spans, strict=True):
                cells.append(_value_cell(report, table, row, column, r, c, span, unread_mark))
                c += span
            r += 1
    return Grid(table.key, r, width + 1, 0, 1, cells)


def _ancestors(group: Group, row: Row) -> list[Row]:
    """The header rows above ``row`` from the outermost down (e.g. 三、本年度办理结果, （三）不予公开)."""
    by_key = {r.key: r for r in group.rows}
    chain: list[Row] = []
    parent = row.parent
    while parent is not None:
        p = by_key[parent]
        chain.append(p)
        parent = p.parent
    return list(reversed(chain))


def nested_rows_grid(report: AnnualReport, table: Table, unread_mark: str = UNREAD_TEXT) -> Grid:
    """Tables 三 and 四: multi-level column headers from ``column_header_levels``,
    row labels nested by level (a group header is a vertically merged cell
    beside its rows), the printed note in the top-left corner."""
    (group,) = table.groups
    data_rows = group.data_rows
    labelled = [r for r in data_rows if r.label]
    label_cols = (max(len(_ancestors(group, r)) for r in labelled) + 1) if labelled else 0
    n_cols = label_cols + len(group.columns)
    levels = table.column_header_levels or (tuple({"label": c.label} for c in group.columns),)
    header_rows = len(levels)
    cells = _place_header_levels(levels, label_cols, n_cols)
    if label_cols:
        cells.append(GridCell(table.printed_note or "", 0, 0, "note", header_rows, label_cols))

    # row labels: for each label column, merge consecutive rows sharing the same ancestor
    chains = [_ancestors(group, r) for r in data_rows]
    for depth in range(label_cols):
        i = 0
        while i < len(data_rows):
            chain, row = chains[i], data_rows[i]
            r = header_rows + i
            if depth < len(chain):
                anc = chain[depth]
                j = i
                while j + 1 < len(data_rows) and len(chains[j + 1]) > depth and chains[j + 1][depth].key == anc.key:
                    j += 1
                cells.append(GridCell(anc.label or "", r, depth, "label", j - i + 1, 1))
                i = j + 1
                continue
            if depth == len(chain) and row.label:
                cells.append(GridCell(row.label, r, depth, "label", 1, label_cols - depth))
            i += 1
    for i, row in enumerate(data_rows):
        for j, column in enumerate(group.columns):
            cells.append(_value_cell(report, table, row, column, header_rows + i, label_cols + j, 1, unread_mark))
    return Grid(table.key, header_rows + len(data_rows), n_cols, header_rows, label_cols, cells)


LABEL_WEIGHTS = {1: (1.0,), 3: (0.9, 1.6, 3.9)}  # relative widths of the label columns (tables 三)
VALUE_SHARE = 0.074  # each value column of a labelled table (三): about 1.15 cm on an A4 page
FIRST_SHARE = 0.27  # the 信息内容 column of table 二


def column_widths(grid: Grid, total: float) -> list[float]:
    """Column widths summing to ``total``: the label columns by fixed proportions,
    the value columns share the rest equally (used by DOCX in cm, HTML in %)."""
    if grid.label_cols == 1 and grid.header_rows == 0:  # table 二: 信息内容 then the values
        first = total * FIRST_SHARE
        return [first] + [(total - first) / (grid.n_cols - 1)] * (grid.n_cols - 1)
    n_values = grid.n_cols - grid.label_cols
    weights = LABEL_WEIGHTS.get(grid.label_cols)
    if not weights:
        return [total / grid.n_cols] * grid.n_cols
    value_w = total * VALUE_SHARE
    room = total - value_w * n_values
    return [room * w / sum(weights) for w in weights] + [value_w] * n_values


def table_grid(report: AnnualReport, table: Table, unread_mark: str = UNREAD_TEXT) -> Grid:
    if len(table.groups) > 1:
        return stacked_groups_grid(report, table, unread_mark)
    return nested_rows_grid(report, table, unread_mark)


# --------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class Heading:
    number: str
    label: str
    key: str

    @property
    def text(self) -> str:
        return f"{self.number}、{self.label}"


@dataclass(frozen=True)
class Paragraph:
    text: str
    role: Literal["body", "note"] = "body"


@dataclass(frozen=True)
class TableBlock:
    grid: Grid


Block = Title | Heading | Paragraph | TableBlock

TITLE_SUFFIX = "政府信息公开工作年度报告"


def report_title(report: AnnualReport) -> str:
    year = f"{report.year}年" if report.year else ""
    return f"{report.agency or ''}{year}{TITLE_SUFFIX}"


def paragraphs(text: str) -> list[str]:
    """Prose split into paragraphs (one per non-empty line)."""
    return [p.strip() for p in text.splitlines() if p.strip()]


def report_blocks(report: AnnualReport, unread_mark: str = UNREAD_TEXT) -> list[Block]:
    """The whole report in reading order, in the layout of its edition.

    ``unread_mark`` is what an unread cell shows: ``？`` where a cell is a cell
    (HTML, DOCX, XLSX); plain-text grids pass ``""`` so that a reader splitting
    on whitespace cannot take the mark for a label and shift the numbers."""
    spec: Edition = report.spec
    blocks: list[Block] = [Title(report_title(report))]
    blocks.extend(Paragraph(p) for p in paragraphs(report.texts.get("preamble", "")))
    for section in spec.sections:
        blocks.append(Heading(section.number, section.label, section.key))
        blocks.extend(Paragraph(p) for p in paragraphs(report.texts.get(section.key, "")))
        if section.table:
            grid = table_grid(report, spec.table(section.table), unread_mark)
            blocks.append(TableBlock(grid))
            if grid.has_unread:
                blocks.append(Paragraph(UNREAD_NOTE if unread_mark else UNREAD_NOTE_EMPTY, "note"))
    return blocks
