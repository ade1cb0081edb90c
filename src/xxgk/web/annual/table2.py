"""Table 二 from the figures entered per year (pure: no database).

The inputs are derived from the edition: one per (row, column) of each group,
except the 2019 edition's 上一年项目数量 / 本年增/减, which are computed from the
count of items entered for this year and for last year (``items_this_year``).
For the first year on the system, 上一年项目数量 may be entered directly."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from xxgk.formats import Edition, ValueKind
from xxgk.report import AnnualReport, Source

ITEMS_LAST_YEAR = "items_last_year"
CHANGE = "change_this_year"
CARRIED = (ITEMS_LAST_YEAR, CHANGE)
ITEMS_THIS_YEAR = "items_this_year"

Figures = Mapping[tuple[str, str], Decimal]  # (row_key, measure) → value


@dataclass(frozen=True)
class Table2Input:
    row_key: str
    measure: str
    label: str
    value_kind: ValueKind
    caption: str
    optional: bool = False


def table_2_inputs(edition: Edition) -> list[Table2Input]:
    inputs: list[Table2Input] = []
    for g in edition.table("table_2").groups:
        carried = any(c.key in CARRIED for c in g.columns)
        for row in g.data_rows:
            label = row.label or row.key
            if carried:
                inputs.append(Table2Input(row.key, ITEMS_THIS_YEAR, f"{label}：本年项目数量", "count", g.caption or ""))
            for c in g.columns:
                if c.key == CHANGE:
                    continue
                if c.key == ITEMS_LAST_YEAR:
                    text = f"{label}：{c.label}（上一年未登记时填写）"
                    inputs.append(Table2Input(row.key, c.key, text, "count", g.caption or "", optional=True))
                    continue
                inputs.append(Table2Input(row.key, c.key, f"{label}：{c.label}", c.value_kind, g.caption or ""))
    return inputs


def _number(value: Decimal, kind: ValueKind) -> int | Decimal:
    return value if kind == "money" else int(value)


def fill_table_2(report: AnnualReport, this_year: Figures, last_year: Figures, who: str = "") -> None:
    """Set every table-二 cell of ``report`` from the figures; a figure not entered
    is ``unread`` with the reason (never 0)."""
    year = report.year
    table = report.spec.table("table_2")
    for g in table.groups:
        for row in g.data_rows:
            for c in g.columns:
                key = f"table_2.{row.key}.{c.key}"
                src = Source(kind="register", query=f"{who}{year}年表二填报：{row.label}，{c.label}")
                if c.key == ITEMS_LAST_YEAR:
                    v = this_year.get((row.key, ITEMS_LAST_YEAR), last_year.get((row.key, ITEMS_THIS_YEAR)))
                    if v is None:
                        report.mark_unread(key, f"{row.label}：未登记上一年项目数量（{year - 1 if year else ''}年）")
                    else:
                        report.set_number(key, int(v), source=src)
                elif c.key == CHANGE:
                    now = this_year.get((row.key, ITEMS_THIS_YEAR))
                    before = this_year.get((row.key, ITEMS_LAST_YEAR), last_year.get((row.key, ITEMS_THIS_YEAR)))
                    if now is None or before is None:
                        report.mark_unread(key, f"{row.label}：缺少本年或上一年项目数量，无法计算本年增/减")
                    else:
                        report.set_number(key, int(now - before), source=src)
                else:
                    v = this_year.get((row.key, c.key))
                    if v is None:
                        report.mark_unread(key, f"{row.label}：{c.label}未填报")
                    else:
                        report.set_number(key, _number(v, c.value_kind), source=src)
