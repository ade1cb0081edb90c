"""Value domains of the cells, read from the editions data: counts are
non-negative integers, 本年增/减 a signed integer, amounts non-negative 万元.

Codes: ``T2-NEGATIVE``/``T3-NEGATIVE``/``T4-NEGATIVE``, ``T2-INTEGER``/``T3-INTEGER``/
``T4-INTEGER`` (from the ``domain`` relations), ``T2-UNIT`` (amounts not printed in
万元: converted, or implausibly large), ``T2-CHANGE`` (2019 edition: 上一年项目数量 +
本年增/减 must not be negative).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cache

from xxgk.formats import Column, get_edition, split_key
from xxgk.report import AnnualReport
from xxgk.rules.finding import Finding, Rule, make, severity_from_edition
from xxgk.rules.labels import cell_name

# An amount above this many 万元 (10 亿元) per procurement project, or above
# this for a whole year's fees, is far more likely a value in 元 printed
# without its unit than a real figure.
IMPLAUSIBLE_WAN_YUAN_PER_PROJECT = Decimal(100_000)
IMPLAUSIBLE_WAN_YUAN = Decimal(1_000_000)


def _table_no(table_key: str) -> str:
    return table_key.rsplit("_", 1)[-1]


def domain_rules() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for e in ("2019_trial", "2021"):
        for rel in get_edition(e).relations:
            if rel.type != "domain":
                continue
            n = _table_no(rel.table)
            sev = severity_from_edition(rel.severity)
            rules[f"T{n}-NEGATIVE"] = Rule(
                f"T{n}-NEGATIVE",
                sev,
                f"表{get_edition(e).table(rel.table).number}：数量和金额不得为负数",
                "{cell}填报为 {actual}，该项为数量或金额，不能为负数。",
                f"editions.json relations[{rel.id}]",
                "domain",
            )
            rules[f"T{n}-INTEGER"] = Rule(
                f"T{n}-INTEGER",
                sev,
                f"表{get_edition(e).table(rel.table).number}：件数必须是整数",
                "{cell}填报为 {actual}，件数应为整数。",
                f"editions.json relations[{rel.id}]",
                "domain",
            )
    rules["T2-UNIT"] = Rule(
        "T2-UNIT",
        "notice",
        "表二：金额以万元计",
        "{cell}原文为“{raw}”，{detail}",
        "editions.json 表二金额列（单位：万元）；annual-report-format.md §4",
        "domain",
    )
    rules["T2-CHANGE"] = Rule(
        "T2-CHANGE",
        "error",
        "表二（2019试行）：上一年项目数量 + 本年增/减 不得为负",
        "{cell}：上一年项目数量 {base} 加本年增/减 {change} 得 {actual}，项目数量不能为负数。",
        "editions.json relations[t2_domain]、[t2_items_roll]（2019试行格式）",
        "domain",
    )
    return rules


@cache
def _domain_cells(edition_key: str) -> tuple[tuple[str, str, Column], ...]:
    """(key, table, column) of every cell in a table that has a ``domain`` relation."""
    e = get_edition(edition_key)
    tables = {rel.table for rel in e.relations if rel.type == "domain"}
    return tuple((k, split_key(k)[0], e.cell(k).column) for k in e.cell_keys() if split_key(k)[0] in tables)


def check_domain(report: AnnualReport) -> Iterator[Finding]:
    e = report.spec
    rules = domain_rules()
    for key, table, col in _domain_cells(report.edition):
        cell = report.cells.get(key)
        if cell is None or cell.kind != "number" or cell.value is None:
            continue
        n = _table_no(table)
        value = cell.value
        if col.value_kind != "signed" and value < 0:
            yield make(
                rules[f"T{n}-NEGATIVE"], report, cells=[key], expected=">= 0", actual=value, cell=cell_name(e, key)
            )
        if col.value_kind in ("count", "signed") and Decimal(value) != Decimal(value).to_integral_value():
            yield make(
                rules[f"T{n}-INTEGER"], report, cells=[key], expected="整数", actual=value, cell=cell_name(e, key)
            )
        if col.value_kind == "money":
            yield from _unit(report, key, col, rules["T2-UNIT"])
    yield from _change(report, rules["T2-CHANGE"])


def _unit(report: AnnualReport, key: str, col: Column, rule: Rule) -> Iterator[Finding]:
    e = report.spec
    cell = report.cells[key]
    assert cell.value is not None
    unit = (cell.unit or "").strip()
    if unit and unit != col.unit:
        yield make(
            rule,
            report,
            cells=[key],
            expected=cell.value,
            actual=cell.raw,
            cell=cell_name(e, key),
            raw=cell.raw,
            detail=f"以“{unit}”填报，已换算为 {_plain(Decimal(cell.value))} 万元；表二金额应以万元填报。",
            extra={"unit": unit},
        )
        return
    limit = IMPLAUSIBLE_WAN_YUAN
    row_key = split_key(key)[1]
    group = e.table(split_key(key)[0]).group_of(row_key)
    counts = [c for c in group.columns if c.value_kind == "count"]
    if counts:
        n = report.value(f"{split_key(key)[0]}.{row_key}.{counts[0].key}")
        if n:
            limit = IMPLAUSIBLE_WAN_YUAN_PER_PROJECT * n
    if Decimal(cell.value) > limit:
        yield make(
            rule,
            report,
            cells=[key],
            severity="warning",
            expected=f"<= {limit}",
            actual=cell.value,
            cell=cell_name(e, key),
            raw=cell.raw,
            detail=(
                f"按万元计为 {_plain(Decimal(cell.value))} 万元，明显偏大，疑似以元填报而未注明单位"
                f"（若为元，应为 {_plain(Decimal(cell.value) / 10000)} 万元）。"
            ),
        )


def _plain(v: Decimal) -> str:
    return format(v.normalize(), "f")


def _change(report: AnnualReport, rule: Rule) -> Iterator[Finding]:
    """2019 edition: a signed 本年增/减 column beside a 上一年项目数量 column."""
    e = report.spec
    for table_key in ("table_2",):
        table = e.table(table_key)
        for g in table.groups:
            signed = [c for c in g.columns if c.value_kind == "signed"]
            if not signed:
                continue
            change_col = signed[0]
            idx = g.columns.index(change_col)
            if idx == 0:
                continue
            base_col = g.columns[idx - 1]
            for r in g.data_rows:
                bk, ck = f"{table_key}.{r.key}.{base_col.key}", f"{table_key}.{r.key}.{change_col.key}"
                base, change = report.value(bk), report.value(ck)
                if base is None or change is None:
                    continue
                if base + change < 0:
                    yield make(
                        rule,
                        report,
                        cells=[bk, ck],
                        expected=">= 0",
                        actual=base + change,
                        cell=cell_name(e, ck),
                        base=base,
                        change=change,
                    )
