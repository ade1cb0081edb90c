"""Stage: a table region of the document → the cells of tables 二, 三 and 四.

Rows are found by their labels (:mod:`xxgk.read.scan`, :mod:`xxgk.read.rows`),
never by position; the values of a row are placed in columns by
:mod:`xxgk.read.resolve`.  Table 四 has no row label: its values are the first
run of value lines after its header, placed by the printed header labels when
their count differs from the format's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from xxgk.formats import Group, get_edition
from xxgk.read.document import Line
from xxgk.read.labels import column_labels, norm, row_index
from xxgk.read.numbers import money_value, split_values
from xxgk.read.resolve import Constraint, Resolution, resolve_row
from xxgk.read.rows import RowRead, assemble_rows
from xxgk.read.scan import Hit, ScannedLine, Txt, Val, scan_lines
from xxgk.report import Cell, Note, Unread

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
    repeats = 0
    previous: str | None = None
    for sl in lines:
        if len(sl.items) == 1 and isinstance(sl.items[0], Val) and not sl.items[0].blank:
            text = sl.items[0].parsed.raw
            singles += 1
            if text == previous:
                repeats += 1
            previous = text
        else:
            previous = None
    return singles >= 15 and repeats == 0


_CELL_KEYS: dict[tuple[str, str, int], tuple[str, ...]] = {}


def _cell_keys(table_key: str, row_key: str, group: Group) -> tuple[str, ...]:
    """The cell keys of a row, built once (groups live as long as the editions data;
    keyed by identity because hashing a group hashes all its rows and columns)."""
    k = (table_key, row_key, id(group))
    found = _CELL_KEYS.get(k)
    if found is None:
        found = _CELL_KEYS[k] = tuple(f"{table_key}.{row_key}.{col.key}" for col in group.columns)
    return found


def _cell(key: str, val: Val, money: bool, money_unit: str | None = None) -> Cell:
    p = val.parsed
    kind = p.kind
    if kind == "blank":
        return Cell(key, "blank", None, "", val.source)
    if kind == "na":
        return Cell(key, "na", None, p.raw, val.source)
    if money:
        value, unit = money_value(p, money_unit)
        if value == value.to_integral_value() and unit is None and not isinstance(p.value, Decimal):
            return Cell(key, "number", Decimal(int(value)), p.raw, val.source)
        return Cell(key, "number", value, p.raw, val.source, unit)
    return Cell(key, "number", p.value, p.raw, val.source, p.unit)


def _place(
    out: TableCells,
    table_key: str,
    row_key: str,
    group: Group,
    res: Resolution,
    where: RowRead | None,
    money_unit: str | None = None,
) -> None:
    cells = out.cells
    for j, (key, col, val) in enumerate(
        zip(_cell_keys(table_key, row_key, group), group.columns, res.cells, strict=True)
    ):
        if val is not None and val.parsed.kind == "unknown":
            res.reasons[j] = f"原文该单元格印为“{val.parsed.raw}”，没有数值"
            val = None
        if val is None:
            reason = res.reasons.get(j, "未能确定该单元格")
            src = where.source if where else None
            cells[key] = Cell(key, "unread", None, None, src)
            out.unread.append(Unread(cell=key, reason=reason, source=src))
        else:
            cells[key] = _cell(key, val, col.value_kind == "money", money_unit)
    if res.note:
        out.notes.append(
            Note(
                res.note_code or "read.note",
                res.note,
                cell=f"{table_key}.{row_key}",
                source=where.source if where else None,
            )
        )


def _header_count(lines: list[ScannedLine], before: int, labels: dict[str, str]) -> int:
    """How many column labels of the group the nearest header line prints."""
    by_index = {sl.index: sl for sl in lines}
    for i in range(before - 1, before - 1 - HEADER_LOOKBACK, -1):
        sl = by_index.get(i)
        if sl is None:
            continue
        count = sum(1 for it in sl.items if isinstance(it, Txt) and it.norm in labels)
        if count:
            return count
    return 0


_UNIT_RE = re.compile(r"(?:单位[:：]?\s*|[（(]\s*)(万元|元)")


def _header_unit(lines: list[ScannedLine], before: int, group: Group) -> str | None:
    """The money unit printed in the header of a group's amount column
    (``采购总金额（单位：元）``); ``None`` when none is printed (then 万元)."""
    money = [norm(c.label) for c in group.columns if c.value_kind == "money"]
    if not money:
        return None
    by_index = {sl.index: sl for sl in lines}
    for i in range(before - 1, before - 1 - HEADER_LOOKBACK, -1):
        sl = by_index.get(i)
        if sl is None:
            continue
        for it in sl.items:
            if isinstance(it, Txt) and any(it.norm.startswith(m[:4]) for m in money):
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
        if any(isinstance(it, Hit) for it in sl.items):
            break
        for it in sl.items:
            if isinstance(it, Txt) and it.grid_col is not None and it.norm in labels:
                j = index[labels[it.norm]]
                if j in mapping.values() or it.grid_col in mapping:
                    return None
                mapping[it.grid_col] = j
                tables.add(sl.line.table)
    if len(mapping) < MIN_GRID_HEADERS or len(tables) != 1:
        return None
    return GridHeader(mapping, tables.pop())


def _by_grid(vals: list[Val], n: int, mapping: dict[int, int]) -> Resolution | None:
    """Place a row's cells by their grid column under the printed headers; ``None``
    when the cells carry no grid columns or a value is not under a column header."""
    if not vals or any(v.grid_col is None for v in vals):
        return None
    if any(v.grid_col not in mapping for v in vals if not v.blank):
        # a value off the header columns: the export does not keep the grid (Word
        # tab exports shift merged rows) — place by count instead
        return None
    placed = [v for v in vals if v.grid_col in mapping]
    res = Resolution([None] * n)
    for v in placed:
        res.cells[mapping[v.grid_col]] = v  # type: ignore[index]
    for j in range(n):
        if res.cells[j] is None:
            res.reasons[j] = "表头未印出该列" if j not in mapping.values() else "该行在此列没有单元格"
    return res


def _same(a: Val | None, b: Val | None) -> bool:
    return a is not None and b is not None and a.parsed.kind == b.parsed.kind and a.parsed.value == b.parsed.value


def _shown(v: Val | None) -> str:
    if v is None:
        return "未读出"
    return {"blank": "空白", "na": "不适用"}.get(v.parsed.kind, v.parsed.raw)


def _agreement(by_grid: Resolution, by_count: Resolution) -> Resolution:
    """Cells on which the header positions and the value count agree; the others
    unread (a table whose export shifts some rows cannot say which is right)."""
    res = Resolution([None] * len(by_grid.cells), note=by_count.note, note_code=by_count.note_code)
    for j, (g, c) in enumerate(zip(by_grid.cells, by_count.cells, strict=True)):
        if _same(g, c):
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
    table = get_edition(edition_key).table(table_key)
    index = row_index(edition_key, table_key)
    scanned = scan_lines(lines, index, first)
    if collapsed is None:
        collapsed = looks_collapsed(scanned)
    out.collapsed = collapsed
    asm = assemble_rows(scanned, index)
    out.rows_found = len(asm.rows) + len(asm.empty)
    for group in table.groups:
        n = len(group.columns)
        constraints = group_constraints(edition_key, table_key, group.key)
        header = (
            grid_columns(scanned, group, column_labels(edition_key, table_key, group.key))
            if len(table.groups) == 1
            else None
        )
        under: dict[str, RowRead] = {}  # rows of the same document table as the header
        if header is not None:
            table_of = {sl.index: sl.line.table for sl in scanned}
            under = {k: rr for k, rr in asm.rows.items() if table_of.get(rr.line) == header.table}
        grid = header.columns if header else None
        # some row's values sit off the header columns: the export does not keep the
        # grid (Word tab exports shift merged rows); then grid and count must agree
        grid_kept = grid is not None and not any(
            v.grid_col not in grid for rr in under.values() for v in rr.values if not v.blank
        )
        for row in group.data_rows:
            rr = asm.rows.get(row.key)
            if rr is None:
                empty = asm.empty.get(row.key)
                reason = "找到了该行的标签，但其后没有数值" if empty else "表格中未找到该行"
                res = Resolution([None] * n, dict.fromkeys(range(n), reason))
                _place(out, table_key, row.key, group, res, empty)
                continue
            surplus_ok = False
            if len(rr.values) > n and not constraints:
                surplus_ok = (
                    _header_count(
                        scanned, rr.line + (0 if rr.detached else 1), column_labels(edition_key, table_key, group.key)
                    )
                    == n
                )
            by_grid = _by_grid(rr.values, n, grid) if grid and row.key in under else None
            if by_grid is not None and grid_kept:
                res = by_grid
            else:
                res = resolve_row(rr.values, n, constraints, collapsed=collapsed, surplus_ok=surplus_ok)
                if by_grid is not None:
                    res = _agreement(by_grid, res)
            unit = _header_unit(scanned, rr.line + (0 if rr.detached else 1), group)
            _place(out, table_key, row.key, group, res, rr, unit)
            if rr.approximate:
                out.notes.append(
                    Note(
                        "read.approximate_label",
                        f"行标签“{rr.label}”与格式中的标签不完全相同，按最相近的标签读取",
                        cell=f"{table_key}.{row.key}",
                        source=rr.source,
                    )
                )
            if rr.detached:
                out.notes.append(
                    Note(
                        "read.detached_label",
                        "该行标签与数值行分离（如由PDF转出的Markdown），已按出现顺序配对",
                        cell=f"{table_key}.{row.key}",
                        source=rr.source,
                    )
                )
    for group_row, rr in asm.groups.items():
        group = table.group_of(group_row)
        _place_group(
            out, table_key, group_row, group, rr, group_constraints(edition_key, table_key, group.key), collapsed
        )
    return out


def _place_group(
    out: TableCells,
    table_key: str,
    row_key: str,
    group: Group,
    rr: RowRead,
    constraints: tuple[Constraint, ...],
    collapsed: bool,
) -> None:
    """The values printed on a group heading's line, placed like a row's; only the
    cells that could be placed are kept (a group row has no cells of its own)."""
    res = resolve_row(rr.values, len(group.columns), constraints, collapsed=collapsed)
    for j, col in enumerate(group.columns):
        val = res.cells[j]
        if val is not None and val.parsed.kind != "unknown":
            key = f"{table_key}.{row_key}.{col.key}"
            out.printed_groups[key] = _cell(key, val, col.value_kind == "money")


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
    m = _TAIL_DIGITS_RE.search(last.text)
    if m is None:
        return None
    return [Val(p, last.source, glued=True) for p in split_values(m.group())[0]] or None


def read_table_4(edition_key: str, lines: list[Line], first: int, collapsed: bool = False) -> TableCells:
    out = TableCells()
    table = get_edition(edition_key).table("table_4")
    group = table.groups[0]
    row = group.data_rows[0]
    n = len(group.columns)
    scanned = scan_lines(lines, row_index(edition_key, "table_4"), first)
    leaf_labels = {norm(c.label) for c in group.columns}
    printed: list[str] = []
    run: list[Val] = []
    started = False
    where: RowRead | None = None
    for sl in scanned:
        has_text = any(isinstance(it, Txt) for it in sl.items)
        vals = [it for it in sl.items if isinstance(it, Val)]
        if not started:
            if any(not v.blank for v in vals) and (not has_text or _labelled_value_row(sl)):
                started = True
                run.extend(vals)
                where = RowRead(row.key, vals[0].source, sl.index)
            elif (glued := _glued_tail(sl)) is not None:
                started = True
                run.extend(glued)
                where = RowRead(row.key, glued[0].source, sl.index)
            else:
                printed.extend(it.norm for it in sl.items if isinstance(it, Txt) and it.norm in leaf_labels)
            continue
        if has_text:
            break
        run.extend(vals)
    constraints = group_constraints(edition_key, "table_4", group.key)
    if not run:
        res = Resolution([None] * n, dict.fromkeys(range(n), "未找到表四的数值"))
        _place(out, "table_4", row.key, group, res, None)
        return out
    out.rows_found = 1
    filled = [v for v in run if not v.blank]
    official = [norm(c.label) for c in group.columns]
    if len(run) != n and len(filled) == len(printed) and len(printed) < n:
        maps = _embeddings(printed, official)
        if len(maps) == 1:
            res = Resolution([None] * n)
            for v, j in zip(filled, maps[0], strict=True):
                res.cells[j] = v
            for j in range(n):
                if res.cells[j] is None:
                    res.reasons[j] = "表头未印出该列，数值按印出的表头标签对齐，该列未能读出"
            res.note = f"表四表头只印出{len(printed)}列、{len(filled)}个数值，已按表头标签对齐"
            res.note_code = "read.header_alignment"
            _place(out, "table_4", row.key, group, res, where)
            return out
    res = resolve_row(run, n, constraints, collapsed=collapsed)
    _place(out, "table_4", row.key, group, res, where)
    return out
