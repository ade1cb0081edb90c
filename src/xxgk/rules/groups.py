"""Groups of table 三 that the format prints without a number of their own
(（三）不予公开, （四）无法提供, （五）不予处理 and, in 2021, （六）其他处理) — derived from the
``parent`` of the rows in the editions data.

Some reports print a number on the group row anyway (a subtotal, or — like the
洪泽区 reports — the 2021 （六）其他处理 collapsed into one row without its three
sub-rows).  The parser keeps such printed numbers in
``AnnualReport.printed_groups`` (``table_3.<group row>.<column>`` → the cell as
printed, with its raw text and source).  ``T3-GROUP`` checks a printed group
value against the sum of its sub-rows; where the sub-rows are not printed at
all, ``T3-COLSUM`` uses the printed group value in their place (never a guess:
the number is printed).  Either finding names the printed group key among its
``cells`` (with its source in ``locations``), as any other cell.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from xxgk.formats import get_edition
from xxgk.report import AnnualReport, Cell, Number
from xxgk.rules.finding import Finding, Rule, locations, make, not_numbers
from xxgk.rules.labels import column_name, short_row_label

T3 = "table_3"

RULE = Rule(
    "T3-GROUP",
    "error",
    "表三各组：印出的组合计 = 其下各小项之和",
    "表三「{group}」「{where}」列印有 {actual}，但其下各小项之和为 {expected}（{parts_text}）。",
    "editions.json tables.table_3.rows（parent 关系；格式中该组没有自己的数字行）",
    "arithmetic",
)


@cache
def group_rows(edition_key: str) -> dict[str, tuple[str, ...]]:
    """Header row key → its data sub-rows, for every group of table 三 with sub-rows."""
    table = get_edition(edition_key).table(T3)
    out: dict[str, tuple[str, ...]] = {}
    for r in table.rows:
        if r.is_data:
            continue
        kids = tuple(c.key for c in table.rows if c.parent == r.key and c.is_data and c.level == r.level + 1)
        if kids and all(table.row(k).parent == r.key for k in kids) and r.level >= 1:
            out[r.key] = kids
    return out


def group_values(report: AnnualReport) -> dict[str, dict[str, Cell]]:
    """Printed numbers of group rows: group row key → column → the printed cell."""
    groups = group_rows(report.edition)
    out: dict[str, dict[str, Cell]] = {}
    for key, cell in report.printed_groups.items():
        table, group, column = key.split(".")
        if table == T3 and group in groups and cell.kind == "number":
            out.setdefault(group, {})[column] = cell
    return out


def substitutes(report: AnnualReport, parts: tuple[str, ...], column: str) -> dict[str, Number]:
    """For a column sum over ``parts``: the groups whose sub-rows are all unread
    (not printed) but whose group row is printed — group key → printed value."""
    printed = group_values(report)
    out: dict[str, Number] = {}
    for group, kids in group_rows(report.edition).items():
        keys = [f"{T3}.{k}.{column}" for k in kids]
        cell = printed.get(group, {}).get(column)
        value = cell.value if cell is not None else None  # a number: group_values keeps only those
        if value is not None and set(keys) <= set(parts) and all(report.cell(k).kind == "unread" for k in keys):
            out[group] = value
    return out


def check_groups(report: AnnualReport) -> Iterator[Finding]:
    printed = group_values(report)
    if not printed:
        return
    e = report.spec
    table = e.table(T3)
    for group, cols in printed.items():
        kids = group_rows(report.edition)[group]
        for column, printed_cell in cols.items():
            value = printed_cell.value
            keys = [f"{T3}.{k}.{column}" for k in kids]
            kinds = {report.cell(k).kind for k in keys}
            if kinds == {"unread"}:
                continue  # sub-rows not printed: the group value stands in for them (T3-COLSUM)
            if kinds != {"number"}:
                cells = (f"{T3}.{group}.{column}", *not_numbers(report, keys))  # the printed value, then the rest
                yield Finding(
                    code=RULE.code,
                    severity="notice",
                    message=(
                        f"表三「{short_row_label(table.row(group))}」「{column_name(e, keys[0])}」列印有组合计 {value}，"
                        "但其下部分小项未读出或空白，无法核对。"
                    ),
                    cells=cells,
                    locations=locations(report, cells),
                    extra={"unassessed": True},
                )
                continue
            total: Number = 0
            for k in keys:
                total = total + report.value(k)  # type: ignore[operator]
            if total != value:
                yield make(
                    RULE,
                    report,
                    cells=[f"{T3}.{group}.{column}", *keys],  # the printed group value (actual), then its parts
                    expected=total,
                    actual=value,
                    group=short_row_label(table.row(group)),
                    where=column_name(e, keys[0]),
                    parts_text=" + ".join(
                        f"{short_row_label(table.row(k))} {report.value(f'{T3}.{k}.{column}')}" for k in kids
                    ),
                    extra={"group": group, "column": column},
                )
