"""Stage: a table region of the document → the cells of tables 二, 三 and 四.

Rows are found by their labels (:mod:`xxgk.read.scan`, :mod:`xxgk.read.rows`),
never by position; the values of a row are placed in columns by
:mod:`xxgk.read.resolve`.  Table 四 has no row label: its values are the first
run of value lines after its header, placed by the printed header labels when
their count differs from the format's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from types import MappingProxyType

from xxgk.formats import Group, get_edition
from xxgk.read.document import Line
from xxgk.read.labels import RowIndex, column_labels, norm, row_index
from xxgk.read.numbers import money_value, split_values
from xxgk.read.resolve import Constraint, Resolution, direct_cells, resolve_row
from xxgk.read.rows import RowRead, assemble_rows
from xxgk.read.scan import Hit, ScannedLine, Txt, Val, scan_lines
from xxgk.report import Cell, Note, Unread, new_cell, new_unread

HEADER_LOOKBACK = 6
MIN_GRID_HEADERS = 3  # column headers found on the grid before their positions are trusted


@dataclass
class TableCells:
    cells: dict[str, Cell] = field(default_factory=dict)
    unread: list[Unread] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    printed_groups: dict[str, Cell] = field(default_factory=dict)  # see AnnualReport.printed_groups
    rows_found: int = 0
    collapsed: bool = False


@cache
def group_constraints(edition_key: str, table_key: str, group_key: str) -> tuple[Constraint, ...]:
    """Within-row totals of a group: each 总计 column equals the sum of the
    non-total columns under the same header (from the editions data)."""
    table = get_edition(edition_key).table(table_key)
    group = next(g for g in table.groups if g.key == group_key)
    found: list[Constraint] = []
    for t, col in enumerate(group.columns):
        if not col.is_total:
            continue
        members = tuple(
            i for i, c in enumerate(group.columns) if not c.is_total and c.group_path == col.group_path and i != t
        )
        if members:
            found.append((t, members))
    return tuple(found)


def looks_collapsed(lines: list[ScannedLine]) -> bool:
    """One cell per line with no two equal value lines in a row anywhere: the
    page was saved by a crawler that dropped consecutive duplicate lines."""
    singles = 0
    previous: str | None = None
    for sl in lines:
        items = sl.items
        if len(items) == 1 and type(one := items[0]) is Val and one.parsed.kind != "blank":
            text = one.parsed.raw
            if text == previous:
                return False  # a repeat: nothing was dropped
            singles += 1
            previous = text
        else:
            previous = None
    return singles >= 15


@dataclass(frozen=True)
class _RowPlan:
    key: str
    cell: str  # ``<table>.<row>``: what a note on the row names
    cell_keys: tuple[str, ...]  # ``<table>.<row>.<column>``, one per column of the group


@dataclass(frozen=True)
class _GroupPlan:
    group: Group
    constraints: tuple[Constraint, ...]
    labels: dict[str, str]  # printed column label -> column key (:func:`column_labels`)
    money: tuple[bool, ...]  # per column: an amount (万元)
    money_heads: tuple[str, ...]  # the first characters of the money columns' labels (a header's unit)
    rows: tuple[_RowPlan, ...]  # the data rows
    column_norms: tuple[str, ...]  # the columns' official labels, normalised, in order

    @property
    def n(self) -> int:
        return len(self.money)


@dataclass(frozen=True)
class _TablePlan:
    """What placing a table's rows needs that depends only on the edition:
    built once per edition and table from the editions data."""

    key: str
    index: RowIndex
    groups: tuple[_GroupPlan, ...]
    group_of: dict[str, _GroupPlan]  # every row key (data rows and headings) -> its group


@cache
def _table_plan(edition_key: str, table_key: str) -> _TablePlan:
    table = get_edition(edition_key).table(table_key)
    groups: list[_GroupPlan] = []
    group_of: dict[str, _GroupPlan] = {}
    for group in table.groups:
        money = tuple(c.value_kind == "money" for c in group.columns)
        column_norms = tuple(norm(c.label) for c in group.columns)
        rows = tuple(
            _RowPlan(r.key, f"{table_key}.{r.key}", tuple(f"{table_key}.{r.key}.{c.key}" for c in group.columns))
            for r in group.data_rows
        )
        gp = _GroupPlan(
            group,
            group_constraints(edition_key, table_key, group.key),
            column_labels(edition_key, table_key, group.key),
            money,
            tuple(label[:4] for label, is_money in zip(column_norms, money, strict=True) if is_money),
            rows,
            column_norms,
        )
        groups.append(gp)
        for r in group.rows:
            group_of.setdefault(r.key, gp)  # the first group that has the row, as Table.group_of
    return _TablePlan(table_key, row_index(edition_key, table_key), tuple(groups), group_of)


class _Lines:
    """The scanned lines of a table by document line index (indexed on first use:
    most tables never look back at a header line)."""

    def __init__(self, scanned: list[ScannedLine]) -> None:
        self._scanned = scanned
        self._by_index: dict[int, ScannedLine] | None = None

    def get(self, i: int) -> ScannedLine | None:
        if self._by_index is None:
            self._by_index = {sl.index: sl for sl in self._scanned}
        return self._by_index.get(i)

    def before(self, before: int) -> Iterator[ScannedLine]:
        """The lines just above line ``before``, nearest first (a row's header)."""
        for i in range(before - 1, before - 1 - HEADER_LOOKBACK, -1):
            sl = self.get(i)
            if sl is not None:
                yield sl


def _cell(key: str, val: Val, money: bool, money_unit: str | None = None) -> Cell:
    p = val.parsed
    kind = p.kind
    if kind == "blank":
        return new_cell(key, "blank", None, "", val.source)
    if kind == "na":
        return new_cell(key, "na", None, p.raw, val.source)
    if money:
        value, unit = money_value(p, money_unit)
        if value == value.to_integral_value() and unit is None and not isinstance(p.value, Decimal):
            return new_cell(key, "number", Decimal(int(value)), p.raw, val.source)
        return new_cell(key, "number", value, p.raw, val.source, unit)
    return new_cell(key, "number", p.value, p.raw, val.source, p.unit)


_NO_REASONS: Mapping[int, str] = MappingProxyType({})


def _place(
    out: TableCells,
    row: _RowPlan,
    money: tuple[bool, ...],
    vals: Sequence[Val | None],
    reasons: Mapping[int, str],
    where: RowRead | None,
    money_unit: str | None = None,
) -> None:
    """The cells of one row: a value per column, or unread with the reason."""
    cells = out.cells
    keys = row.cell_keys
    if len(vals) != len(keys):  # a resolver's bug, never a guess into the wrong columns
        raise ValueError(f"{row.cell}: {len(vals)} values for {len(keys)} columns")
    for j, val in enumerate(vals):
        key = keys[j]
        if val is not None:
            p = val.parsed
            kind = p.kind
            if kind == "number" and not money[j]:  # the common case, as in _cell
                cells[key] = new_cell(key, "number", p.value, p.raw, val.source, p.unit)
                continue
            if kind != "unknown":
                cells[key] = _cell(key, val, money[j], money_unit)
                continue
            reason = f"原文该单元格印为“{p.raw}”，没有数值"
        else:
            reason = reasons.get(j, "未能确定该单元格")
        src = where.source if where else None
        cells[key] = new_cell(key, "unread", None, None, src)
        out.unread.append(new_unread(key, reason, src))


def _place_resolved(
    out: TableCells, row: _RowPlan, money: tuple[bool, ...], res: Resolution, where: RowRead | None, unit: str | None
) -> None:
    _place(out, row, money, res.cells, res.reasons, where, unit)
    if res.note:
        out.notes.append(
            Note(res.note_code or "read.note", res.note, cell=row.cell, source=where.source if where else None)
        )


def _unread_row(out: TableCells, row: _RowPlan, reason: str, where: RowRead | None) -> None:
    src = where.source if where else None
    for key in row.cell_keys:
        out.cells[key] = new_cell(key, "unread", None, None, src)
        out.unread.append(new_unread(key, reason, src))


def _header_count(lines: _Lines, before: int, labels: dict[str, str]) -> int:
    """How many column labels of the group the nearest header line prints."""
    for sl in lines.before(before):
        count = sum(1 for it in sl.items if isinstance(it, Txt) and it.norm in labels)
        if count:
            return count
    return 0


_UNIT_RE = re.compile(r"(?:单位[:：]?\s*|[（(]\s*)(万元|元)")


def _header_unit(lines: _Lines, before: int, money_heads: tuple[str, ...]) -> str | None:
    """The money unit printed in the header of a group's amount column
    (``采购总金额（单位：元）``); ``None`` when none is printed (then 万元).
    ``money_heads``: the first characters of the amount columns' labels."""
    if not money_heads:
        return None
    for sl in lines.before(before):
        for it in sl.items:
            if isinstance(it, Txt) and it.norm.startswith(money_heads):
                m = _UNIT_RE.search(it.text)
                return m.group(1) if m else None
    return None


@dataclass(frozen=True)
class GridHeader:
    columns: dict[int, int]  # grid column -> column index of the group
    table: int | None  # the document table the header cells are in (None: a text grid)


def grid_columns(lines: list[ScannedLine], group: Group, labels: dict[str, str]) -> GridHeader | None:
    """Grid column → column index of the group, from the header cells printed
    above the first row (HTML/DOCX tables and tab/pipe text, whose cells know their
    grid column).  ``None`` when the header does not name columns unambiguously."""
    index = {c.key: i for i, c in enumerate(group.columns)}
    mapping: dict[int, int] = {}
    tables: set[int | None] = set()
    for sl in lines:
        if Hit in map(type, sl.items):  # items are exactly Hit, Val or Txt
            break
        for it in sl.items:
            if type(it) is Txt and it.grid_col is not None and it.norm in labels:
                j = index[labels[it.norm]]
                if j in mapping.values() or it.grid_col in mapping:
                    return None
                mapping[it.grid_col] = j
                tables.add(sl.line.table)
    if len(mapping) < MIN_GRID_HEADERS or len(tables) != 1:
        return None
    return GridHeader(mapping, tables.pop())


def _by_grid(vals: list[Val], n: int, mapping: dict[int, int], headed: frozenset[int]) -> Resolution | None:
    """Place a row's cells by their grid column under the printed headers; ``None``
    when the cells carry no grid columns or a value is not under a column header.
    ``headed``: the columns that have a printed header (the values of ``mapping``)."""
    if not vals:
        return None
    cells: list[Val | None] = [None] * n
    off_grid = False
    for v in vals:
        g = v.grid_col
        if g is None:
            return None
        j = mapping.get(g)
        if j is not None:
            cells[j] = v
        elif v.parsed.kind != "blank":
            # a value off the header columns: the export does not keep the grid (Word
            # tab exports shift merged rows) — place by count instead
            off_grid = True
    if off_grid:
        return None
    res = Resolution(cells)
    for j in range(n):
        if cells[j] is None:
            res.reasons[j] = "表头未印出该列" if j not in headed else "该行在此列没有单元格"
    return res


def _shown(v: Val | None) -> str:
    if v is None:
        return "未读出"
    return {"blank": "空白", "na": "不适用"}.get(v.parsed.kind, v.parsed.raw)


def _agreement(by_grid: Resolution, by_count: Resolution) -> Resolution:
    """Cells on which the header positions and the value count agree; the others
    unread (a table whose export shifts some rows cannot say which is right)."""
    res = Resolution([None] * len(by_grid.cells), note=by_count.note, note_code=by_count.note_code)
    for j, (g, c) in enumerate(zip(by_grid.cells, by_count.cells, strict=True)):
        if g is not None and c is not None and g.parsed.kind == c.parsed.kind and g.parsed.value == c.parsed.value:
            res.cells[j] = c
        else:
            res.reasons[j] = (
                f"表格导出时合并单元格使各行错位，按表头位置读为“{_shown(g)}”、按数值个数读为“{_shown(c)}”，未作猜测"
            )
    return res


def read_row_table(
    edition_key: str, table_key: str, lines: list[Line], first: int, collapsed: bool | None = None
) -> TableCells:
    """Tables 二 and 三: rows by label."""
    out = TableCells()
    plan = _table_plan(edition_key, table_key)
    scanned = scan_lines(lines, plan.index, first)
    if collapsed is None:
        collapsed = looks_collapsed(scanned)
    out.collapsed = collapsed
    asm = assemble_rows(scanned, plan.index)
    out.rows_found = len(asm.rows) + len(asm.empty)
    near = _Lines(scanned)
    for gp in plan.groups:
        n = gp.n
        header = grid_columns(scanned, gp.group, gp.labels) if len(plan.groups) == 1 else None
        under: dict[str, RowRead] = {}  # rows of the same document table as the header
        if header is not None:
            for k, printed in asm.rows.items():
                sl = near.get(printed.line)
                if (sl.line.table if sl is not None else None) == header.table:
                    under[k] = printed
        grid = header.columns if header else None
        headed = frozenset(grid.values()) if grid else frozenset()
        # some row's values sit off the header columns: the export does not keep the
        # grid (Word tab exports shift merged rows); then grid and count must agree
        grid_kept = grid is not None and not any(
            v.grid_col not in grid for printed in under.values() for v in printed.values if not v.blank
        )
        for row in gp.rows:
            rr = asm.rows.get(row.key)
            if rr is None:
                empty = asm.empty.get(row.key)
                _unread_row(out, row, "找到了该行的标签，但其后没有数值" if empty else "表格中未找到该行", empty)
                continue
            vals = rr.values
            header_line = rr.line + (0 if rr.detached else 1)  # the header is above this line
            by_grid = _by_grid(vals, n, grid, headed) if grid and row.key in under else None
            unit = _header_unit(near, header_line, gp.money_heads) if gp.money_heads else None
            if by_grid is not None and grid_kept:
                _place_resolved(out, row, gp.money, by_grid, rr, unit)
            elif by_grid is None and (cells := direct_cells(vals, n)) is not None:
                _place(out, row, gp.money, cells, _NO_REASONS, rr, unit)
            else:
                surplus_ok = len(vals) > n and not gp.constraints and _header_count(near, header_line, gp.labels) == n
                res = resolve_row(vals, n, gp.constraints, collapsed=collapsed, surplus_ok=surplus_ok)
                if by_grid is not None:
                    res = _agreement(by_grid, res)
                _place_resolved(out, row, gp.money, res, rr, unit)
            if rr.approximate:
                out.notes.append(
                    Note(
                        "read.approximate_label",
                        f"行标签“{rr.label}”与格式中的标签不完全相同，按最相近的标签读取",
                        cell=row.cell,
                        source=rr.source,
                    )
                )
            if rr.detached:
                out.notes.append(
                    Note(
                        "read.detached_label",
                        "该行标签与数值行分离（如由PDF转出的Markdown），已按出现顺序配对",
                        cell=row.cell,
                        source=rr.source,
                    )
                )
    for group_row, rr in asm.groups.items():
        _place_group(out, plan.key, group_row, plan.group_of[group_row], rr, collapsed)
    return out


def _place_group(out: TableCells, table_key: str, row_key: str, gp: _GroupPlan, rr: RowRead, collapsed: bool) -> None:
    """The values printed on a group heading's line, placed like a row's; only the
    cells that could be placed are kept (a group row has no cells of its own)."""
    res = resolve_row(rr.values, gp.n, gp.constraints, collapsed=collapsed)
    for j, col in enumerate(gp.group.columns):
        val = res.cells[j]
        if val is not None and val.parsed.kind != "unknown":
            key = f"{table_key}.{row_key}.{col.key}"
            out.printed_groups[key] = _cell(key, val, gp.money[j])


def _embeddings(printed: list[str], official: list[str]) -> list[list[int]]:
    """Every way the printed header labels map, in order, onto the official
    columns (at most two are computed: one means unique)."""
    found: list[list[int]] = []

    def walk(i: int, j: int, acc: list[int]) -> None:
        if len(found) > 1:
            return
        if i == len(printed):
            found.append(list(acc))
            return
        for jj in range(j, len(official) - (len(printed) - i) + 1):
            if official[jj] == printed[i]:
                acc.append(jj)
                walk(i + 1, jj + 1, acc)
                acc.pop()

    walk(0, 0, [])
    return found


_TAIL_DIGITS_RE = re.compile(r"(?<=[^\d\s])[\d\s]*\d[\d\s]*$")


MIN_LABELLED_VALUES = 5


def _labelled_value_row(sl: ScannedLine) -> bool:
    """A value row with a caption cell before it (``数量 | 0 | 0 | …``): some text,
    then only values, enough of them to be the row rather than a header."""
    first_val = next((i for i, it in enumerate(sl.items) if isinstance(it, Val)), len(sl.items))
    rest = sl.items[first_val:]
    return (
        0 < first_val <= 2
        and all(isinstance(it, Val) for it in rest)
        and sum(1 for it in rest if isinstance(it, Val) and not it.blank) >= MIN_LABELLED_VALUES
    )


def _glued_tail(sl: ScannedLine) -> list[Val] | None:
    """Values run onto the end of the header text (``…总计000000000000000``)."""
    if not sl.items or not isinstance(sl.items[-1], Txt):
        return None
    last = sl.items[-1]
    end = last.text[-1:]
    if not (end.isdecimal() or end.isspace()):  # what the pattern's tail (\d, \s) needs
        return None
    m = _TAIL_DIGITS_RE.search(last.text)
    if m is None:
        return None
    return [Val(p, last.source, glued=True) for p in split_values(m.group())[0]] or None


def read_table_4(edition_key: str, lines: list[Line], first: int, collapsed: bool = False) -> TableCells:
    out = TableCells()
    plan = _table_plan(edition_key, "table_4")
    gp = plan.groups[0]
    row = gp.rows[0]
    n = gp.n
    scanned = scan_lines(lines, plan.index, first)
    official = gp.column_norms
    printed: list[str] = []
    run: list[Val] = []
    started = False
    where: RowRead | None = None
    for sl in scanned:
        texts: list[Txt] = []
        vals: list[Val] = []
        for it in sl.items:  # a loop, not two comprehensions: most lines hold one item
            if type(it) is Val:
                vals.append(it)
            elif type(it) is Txt:
                texts.append(it)
        if started:
            if texts:
                break
            run.extend(vals)
            continue
        if vals and any(v.parsed.kind != "blank" for v in vals) and (not texts or _labelled_value_row(sl)):
            started = True
            run.extend(vals)
            where = RowRead(row.key, vals[0].at, sl.index)
        elif texts and (glued := _glued_tail(sl)) is not None:
            started = True
            run.extend(glued)
            where = RowRead(row.key, glued[0].at, sl.index)
        else:
            printed.extend([t.norm for t in texts if t.norm in official])
    if not run:
        _unread_row(out, row, "未找到表四的数值", None)
        return out
    out.rows_found = 1
    filled = [v for v in run if not v.blank]
    if len(run) != n and len(filled) == len(printed) and len(printed) < n:
        maps = _embeddings(printed, list(official))
        if len(maps) == 1:
            res = Resolution([None] * n)
            for v, j in zip(filled, maps[0], strict=True):
                res.cells[j] = v
            for j in range(n):
                if res.cells[j] is None:
                    res.reasons[j] = "表头未印出该列，数值按印出的表头标签对齐，该列未能读出"
            res.note = f"表四表头只印出{len(printed)}列、{len(filled)}个数值，已按表头标签对齐"
            res.note_code = "read.header_alignment"
            _place_resolved(out, row, gp.money, res, where, None)
            return out
    cells = direct_cells(run, n)
    if cells is not None:
        _place(out, row, gp.money, cells, _NO_REASONS, where)
    else:
        _place_resolved(out, row, gp.money, resolve_row(run, n, gp.constraints, collapsed=collapsed), where, None)
    return out
