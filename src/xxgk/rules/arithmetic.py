"""Table relations (勾稽关系), derived from the ``relations`` of the editions data.

Every arithmetic relation of ``editions.json`` becomes a list of
:class:`Identity` objects (one per column or row it runs over): ``Σ lhs == Σ rhs``
over cell keys.  An identity is assessed only when every cell it names holds a
number; otherwise it is *unassessed* (a notice, never a guessed value).

Codes (one per relation type and table):

* ``T3-BALANCE`` — ``per_column_row_identity`` (the printed 一+二 = 三（七）+四);
* ``T3-COLSUM`` — ``per_column_row_sum`` (（七）总计 = sum of the outcome rows, per column);
* ``T3-ROWSUM`` — ``per_row_column_sum`` (总计 column = sum of the applicant columns, per row);
* ``T4-SUM`` — ``column_sum`` (each 总计 of table 四 = 维持 + 纠正 + 其他 + 尚未审结).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from xxgk.formats import Edition, Relation, get_edition, split_key
from xxgk.report import AnnualReport, Number
from xxgk.rules.finding import (
    Finding,
    Rule,
    kind_counts,
    kinds_text,
    locations,
    make,
    not_numbers,
    severity_from_edition,
)
from xxgk.rules.groups import RULE as GROUP_RULE
from xxgk.rules.groups import T3, check_groups, group_rows, substitutes
from xxgk.rules.labels import cell_name, column_name, row_name, short_row_label, table_name

# relation type → (code suffix, title, template)
_TYPES: dict[str, tuple[str, str, str]] = {
    "per_column_row_identity": (
        "BALANCE",
        "表三各列：一 + 二 = 三（七）总计 + 四",
        "{table}「{where}」列：{lhs_text} = {expected}，而 {rhs_text} = {actual}，两者应相等（{official}）。",
    ),
    "per_column_row_sum": (
        "COLSUM",
        "表三各列：（七）总计 = 各项办理结果之和",
        "{table}「{where}」列：{total_label}填报为 {actual}，但各项办理结果之和为 {expected}{group_note}。",
    ),
    "per_row_column_sum": (
        "ROWSUM",
        "表三各行：总计列 = 六类申请人之和",
        "{table}「{where}」行：{total_label}填报为 {actual}，但各类申请人之和为 {expected}（{parts_text}）。",
    ),
    "column_sum": (
        "SUM",
        "表四各组：总计 = 维持 + 纠正 + 其他 + 尚未审结",
        "{table}「{where}」：总计填报为 {actual}，但 {parts_text} = {expected}。",
    ),
}
ARITHMETIC_TYPES = tuple(_TYPES)

UNASSESSED_TEMPLATE = (
    "{table}有 {count} 处{title}无法核对：所涉单元格未读出、空白或填“-”（{missing_text}），不作推断，请人工核对。"
)


@dataclass(frozen=True)
class Identity:
    """``Σ lhs == Σ rhs``; ``where`` names the column or row it runs over."""

    relation: str
    code: str
    table: str
    lhs: tuple[str, ...]
    rhs: tuple[str, ...]
    where: str
    kind: str  # the relation type

    @property
    def cells(self) -> tuple[str, ...]:
        return self.lhs + self.rhs


def _code(relation: Relation) -> str:
    number = relation.table.rsplit("_", 1)[-1]
    return f"T{number}-{_TYPES[relation.type][0]}"


@cache
def arithmetic_rules() -> dict[str, Rule]:
    """Every arithmetic rule of both editions, by code."""
    from xxgk.formats import editions

    rules: dict[str, Rule] = {}
    ids: dict[str, list[str]] = {}
    for e in editions().values():
        for rel in e.relations:
            if rel.type not in _TYPES:
                continue
            code = _code(rel)
            if rel.id not in ids.setdefault(code, []):
                ids[code].append(rel.id)
            if code in rules:
                continue
            _, title, template = _TYPES[rel.type]
            rules[code] = Rule(
                code=code,
                severity=severity_from_edition(rel.severity),
                title=title,
                template=template,
                basis="（格式表内印制）" if rel.kind == "printed" else "",
                scope="arithmetic",
            )
    for code, rule in rules.items():
        rules[code] = replace(rule, basis="editions.json relations[" + ", ".join(ids[code]) + "]" + rule.basis)
    rules[GROUP_RULE.code] = GROUP_RULE
    return rules


def identities(relation: Relation, edition: Edition) -> list[Identity]:
    """The relation, expanded over the columns or rows it runs over."""
    raw = relation.raw
    t = relation.table
    table = edition.table(t)
    code = _code(relation)
    out: list[Identity] = []
    if relation.type in ("per_column_row_identity", "per_column_row_sum"):
        if relation.type == "per_column_row_identity":
            lhs_rows, rhs_rows = list(raw["lhs_rows"]), list(raw["rhs_rows"])
        else:
            lhs_rows, rhs_rows = [raw["total_row"]], list(raw["part_rows"])
        for c in raw["for_each_column"]:
            lhs = tuple(f"{t}.{r}.{c}" for r in lhs_rows)
            rhs = tuple(f"{t}.{r}.{c}" for r in rhs_rows)
            out.append(Identity(relation.id, code, t, lhs, rhs, column_name(edition, lhs[0]), relation.type))
    elif relation.type in ("per_row_column_sum", "column_sum"):
        total, parts = raw["total_column"], list(raw["part_columns"])
        for g in table.groups:
            if not any(c.key == total for c in g.columns):
                continue
            for r in g.data_rows:
                lhs = (f"{t}.{r.key}.{total}",)
                rhs = tuple(f"{t}.{r.key}.{p}" for p in parts)
                where = (
                    row_name(edition, lhs[0]) if relation.type == "per_row_column_sum" else column_name(edition, lhs[0])
                )
                out.append(Identity(relation.id, code, t, lhs, rhs, where, relation.type))
    return out


@cache
def edition_identities(edition_key: str) -> tuple[Identity, ...]:
    e = get_edition(edition_key)
    return tuple(i for rel in e.relations if rel.type in _TYPES for i in identities(rel, e))


def _sum(values: list[Number]) -> Number:
    total: Number = 0
    for v in values:
        total = total + v  # int + Decimal stays exact
    return total


def _numbers(report: AnnualReport, keys: tuple[str, ...]) -> list[Number]:
    """The values of cells already known to be numbers."""
    out: list[Number] = []
    for k in keys:
        v = report.value(k)
        if v is None:
            raise ValueError(f"{k} is not a number cell")
        out.append(v)
    return out


def _terms(report: AnnualReport, keys: tuple[str, ...], show_rows: bool) -> str:
    e = report.spec
    parts = []
    for k in keys:
        name = row_name(e, k) if show_rows else column_name(e, k)
        parts.append(f"{name} {_fmt(report.value(k))}")
    return " + ".join(parts)


def _fmt(v: Number | None) -> str:
    if isinstance(v, Decimal):
        return format(v.normalize(), "f")
    return str(v)


def check_identity(report: AnnualReport, ident: Identity) -> Finding | list[str] | None:
    """A finding when the identity fails; the missing cells when it cannot be
    assessed; ``None`` when it holds."""
    rhs_keys, extra_terms = ident.rhs, {}
    if ident.kind == "per_column_row_sum":
        # groups printed as one row without their sub-rows (see rules/groups.py)
        column = split_key(ident.lhs[0])[2]
        extra_terms = substitutes(report, ident.rhs, column)
        covered = {f"{T3}.{k}.{column}" for g in extra_terms for k in group_rows(report.edition)[g]}
        rhs_keys = tuple(k for k in ident.rhs if k not in covered)
    missing = not_numbers(report, ident.lhs + rhs_keys)
    if missing:
        return missing
    lhs = _sum(_numbers(report, ident.lhs))
    rhs = _sum(_numbers(report, rhs_keys) + list(extra_terms.values()))
    if lhs == rhs:
        return None
    rule = arithmetic_rules()[ident.code]
    e = report.spec
    tname = table_name(e, ident.table)
    if ident.kind == "per_column_row_identity":
        official = next(r.raw.get("official_text", "") for r in e.relations if r.id == ident.relation).strip("（）()")
        return make(
            rule,
            report,
            cells=ident.cells,
            expected=lhs,
            actual=rhs,
            table=tname,
            where=ident.where,
            lhs_text=_terms(report, ident.lhs, True),
            rhs_text=_terms(report, ident.rhs, True),
            official=official,
        )
    # a total against its parts: expected = Σ parts, actual = the printed total
    total_key = ident.lhs[0]
    column = split_key(total_key)[2]
    return make(
        rule,
        report,
        cells=ident.lhs + tuple(f"{T3}.{g}.{column}" for g in extra_terms) + rhs_keys,  # printed group values too
        expected=rhs,
        actual=lhs,
        table=tname,
        where=ident.where,
        total_label=row_name(e, total_key) if ident.kind == "per_column_row_sum" else column_name(e, total_key),
        parts_text=_terms(report, rhs_keys, ident.kind == "per_column_row_sum")
        + "".join(
            f" + {short_row_label(report.spec.table(T3).row(g))}（整组印为一行）{_fmt(v)}"
            for g, v in extra_terms.items()
        ),
        group_note="".join(
            f"（其中「{short_row_label(report.spec.table(T3).row(g))}」整组印为一行，按印出的 {_fmt(v)} 计）"
            for g, v in extra_terms.items()
        ),
        extra={"group_rows": sorted(extra_terms)} if extra_terms else None,
    )


def check_arithmetic(report: AnnualReport) -> Iterator[Finding]:
    unassessed: dict[str, list[tuple[Identity, list[str]]]] = {}
    for ident in edition_identities(report.edition):
        result = check_identity(report, ident)
        if isinstance(result, Finding):
            yield result
        elif isinstance(result, list):
            unassessed.setdefault(ident.code, []).append((ident, result))
    yield from check_groups(report)
    for code, items in unassessed.items():
        yield unassessed_finding(report, arithmetic_rules()[code], items[0][0].table, items)


def unassessed_finding(
    report: AnnualReport, rule: Rule, table: str, items: list[tuple[Identity, list[str]]]
) -> Finding:
    """One notice per rule listing every instance that could not be assessed."""
    e = report.spec
    missing = list(dict.fromkeys(k for _, keys in items for k in keys))
    kinds = kind_counts(report, missing)
    missing_text = kinds_text(kinds)
    first = "；".join(cell_name(e, k) for k in missing[:3]) + ("等" if len(missing) > 3 else "")
    message = UNASSESSED_TEMPLATE.format(
        table=table_name(e, table), count=len(items), title=rule.title.split("：", 1)[-1], missing_text=missing_text
    )
    return Finding(
        code=rule.code,
        severity="notice",
        message=f"{message}例如：{first}。",
        cells=tuple(missing),
        locations=locations(report, tuple(missing)),
        extra={"unassessed": True, "instances": len(items), "cell_kinds": kinds},
    )
