"""The official labels of every cell, as the edition prints them: the row (under
the rows or the 第二十条 item it stands in) and the column (under its header
groups).  They ride along with the stable English keys in the JSON of a report
(``cells.<key>.label``), so a reader of the JSON sees what the key means."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from xxgk.formats import TABLE_KEYS, Group, Row, Table, editions


@dataclass(frozen=True)
class HeaderCell:
    label: str
    row: int
    col: int
    rowspan: int
    colspan: int


def _span(spec: dict[str, Any], key: str) -> int:
    """A header cell's ``rowspan``/``colspan`` (1 when absent)."""
    value = spec.get(key, 1)
    if not isinstance(value, int | str):
        raise ValueError(f"column header {spec.get('label')!r}: {key} {value!r} is not a whole number")
    return int(value)


def place_header_levels(levels: tuple[tuple[dict[str, Any], ...], ...], n_cols: int) -> list[HeaderCell]:
    """Lay out ``column_header_levels`` (rows of {label, rowspan, colspan}) over
    ``n_cols`` value columns like an HTML table: each cell takes the next free
    position of its row."""
    taken: set[tuple[int, int]] = set()
    cells: list[HeaderCell] = []
    for r, level in enumerate(levels):
        col = 0
        for spec in level:
            while (r, col) in taken:
                col += 1
            rowspan, colspan = _span(spec, "rowspan"), _span(spec, "colspan")
            if col + colspan > n_cols:
                raise ValueError(f"column header {spec.get('label')!r} does not fit the table")
            cells.append(HeaderCell(str(spec["label"]), r, col, rowspan, colspan))
            for rr in range(r, r + rowspan):
                for cc in range(col, col + colspan):
                    taken.add((rr, cc))
            col += colspan
    return cells


def _column_paths(table: Table, group: Group) -> list[tuple[str, ...]]:
    """The header labels above each value column of ``group``, outermost first."""
    if not table.column_header_levels:
        return [(c.label,) for c in group.columns]
    placed = place_header_levels(table.column_header_levels, len(group.columns))
    return [
        tuple(h.label for h in sorted(placed, key=lambda h: h.row) if h.col <= j < h.col + h.colspan)
        for j in range(len(group.columns))
    ]


def _row_path(group: Group, row: Row) -> tuple[str, ...]:
    by_key = {r.key: r for r in group.rows}
    chain: list[str] = [row.label] if row.label else []
    parent = row.parent
    while parent is not None:
        p = by_key[parent]
        if p.label:
            chain.append(p.label)
        parent = p.parent
    if group.caption:
        chain.append(group.caption)
    return tuple(reversed(chain))


@cache
def cell_labels(edition_key: str) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """``{cell key: (row labels, column labels)}`` for every cell of the edition
    (tuples: the cache is shared by every report, so nothing in it can be changed)."""
    edition = editions()[edition_key]
    out: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for t in TABLE_KEYS:
        table = edition.tables[t]
        for group in table.groups:
            columns = _column_paths(table, group)
            for row in group.data_rows:
                row_path = _row_path(group, row)
                for column, path in zip(group.columns, columns, strict=True):
                    out[f"{t}.{row.key}.{column.key}"] = (row_path, path)
    return out
