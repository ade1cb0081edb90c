"""Rules and findings: what a check says about a report.

A :class:`Rule` is a stable English code, a severity, a Chinese title and a
Chinese message template with named placeholders (frictionless-style).  A
:class:`Finding` is one rule applied to one place of one report: the rendered
message, the expected and the actual value, and the keys of the cells involved
(with their source locations from the parser).

JSON form (the contract of ``xxgk check --json``)::

    {"code", "severity", "message", "cells": [KEY...], "expected", "actual",
     "locations": {KEY: source}, ...extra}
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from xxgk.report import AnnualReport, Source
from xxgk.rules.labels import cell_name

Severity = Literal["error", "warning", "notice"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "notice")
SEVERITY_RANK = {"notice": 0, "warning": 1, "error": 2}
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "notice": "提示"}

# editions.json writes "info" for its weakest level; findings say "notice".
_EDITION_SEVERITY: dict[str, Severity] = {"error": "error", "warning": "warning", "info": "notice", "notice": "notice"}


def severity_from_edition(text: str) -> Severity:
    return _EDITION_SEVERITY.get(text, "notice")


@dataclass(frozen=True)
class Rule:
    """One check.  ``template`` is rendered with ``str.format`` on named fields;
    ``basis`` says where the rule comes from (a relation id of editions.json, or
    the article of the format)."""

    code: str
    severity: Severity
    title: str
    template: str
    basis: str
    scope: str

    def render(self, **params: Any) -> str:
        return self.template.format(**{k: _text(v) for k, v in params.items()})


@dataclass
class Finding:
    code: str
    severity: Severity
    message: str
    cells: tuple[str, ...] = ()
    expected: Any = None
    actual: Any = None
    locations: dict[str, dict[str, Any]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "cells": list(self.cells),
            "expected": json_value(self.expected),
            "actual": json_value(self.actual),
        }
        if self.locations:
            d["locations"] = self.locations
        for k, v in self.extra.items():
            d[k] = json_value(v)
        return d


def make(
    rule: Rule,
    report: AnnualReport,
    *,
    cells: tuple[str, ...] | list[str] = (),
    expected: Any = None,
    actual: Any = None,
    severity: Severity | None = None,
    extra: dict[str, Any] | None = None,
    **params: Any,
) -> Finding:
    """A finding of ``rule`` on ``report``; the message is the rule's template
    rendered with ``params`` (plus ``expected`` and ``actual``)."""
    keys = tuple(dict.fromkeys(cells))
    return Finding(
        code=rule.code,
        severity=severity or rule.severity,
        message=rule.render(expected=expected, actual=actual, **params),
        cells=keys,
        expected=expected,
        actual=actual,
        locations=locations(report, keys),
        extra=dict(extra or {}),
    )


def source_of(report: AnnualReport, key: str) -> Source | None:
    """Where the cell ``key`` is printed: a table cell, or a printed group value
    (``report.printed_groups``, named in findings like any cell)."""
    c = report.cells.get(key) or report.printed_groups.get(key)
    return None if c is None else c.source


def locations(report: AnnualReport, keys: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for k in keys:
        source = source_of(report, k)
        if source is not None:
            found[k] = source.to_dict()
    return found


def json_value(v: Any) -> Any:
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, tuple):
        return [json_value(x) for x in v]
    if isinstance(v, list):
        return [json_value(x) for x in v]
    if isinstance(v, dict):
        return {k: json_value(x) for k, x in v.items()}
    return v


def _text(v: Any) -> str:
    if isinstance(v, Decimal):
        return format(v.normalize(), "f") if v == v else str(v)
    if isinstance(v, (list, tuple)):
        return "、".join(_text(x) for x in v)
    return "" if v is None else str(v)


KIND_NAMES = {"unread": "未读出", "blank": "空白", "na": "填“-”或“/”", "number": "数字"}


def not_numbers(report: AnnualReport, keys: Iterable[str]) -> list[str]:
    """The keys whose cell holds no number (unread, blank or “-”), in order."""
    return [k for k in keys if report.cell(k).kind != "number"]


def kind_counts(report: AnnualReport, keys: list[str] | tuple[str, ...]) -> dict[str, int]:
    """How many of ``keys`` are unread, blank, na (by cell kind)."""
    kinds: dict[str, int] = {}
    for k in keys:
        kind = report.cell(k).kind
        kinds[kind] = kinds.get(kind, 0) + 1
    return kinds


def kinds_text(kinds: dict[str, int]) -> str:
    """“未读出 7 格，空白 1 格”."""
    return "，".join(f"{KIND_NAMES.get(k, k)} {n} 格" for k, n in kinds.items())


def unassessed(
    report: AnnualReport,
    rule: Rule,
    missing: list[str],
    *,
    instances: int,
    detail: str = "",
    previous: AnnualReport | None = None,
    previous_missing: list[str] | None = None,
) -> Finding:
    """One notice for a rule that could not be assessed (``instances`` places of
    it) because cells of this report — or, across years, of last year's report —
    are unread, blank or “-”: it names those cells and never guesses them.

    ``cells`` are this report's keys; last year's go to ``previous_cells``."""
    missing = list(dict.fromkeys(missing))
    prev_missing = list(dict.fromkeys(previous_missing or []))
    kinds = kind_counts(report, missing)
    parts = []
    if missing:
        parts.append(("本报告" if previous is not None else "") + f"所涉单元格{kinds_text(kinds)}")
    extra: dict[str, Any] = {"unassessed": True, "instances": instances, "cell_kinds": kinds}
    named = [cell_name(report.spec, k) for k in missing]
    if previous is not None and prev_missing:
        prev_kinds = kind_counts(previous, prev_missing)
        year = f"{previous.year}年度" if previous.year else "上一年度"
        parts.append(f"{year}报告所涉单元格{kinds_text(prev_kinds)}")
        named += [f"{year}{cell_name(previous.spec, k)}" for k in prev_missing]
        extra.update(
            previous_cells=prev_missing,
            previous_cell_kinds=prev_kinds,
            previous_file=previous.file,
            previous_locations=locations(previous, tuple(prev_missing)),
        )
    first = "；".join(named[:3]) + ("等" if len(named) > 3 else "")
    title = rule.title.split("：", 1)[-1]
    message = f"有 {instances} 处「{title}」无法核对：{'；'.join(parts)}，不作推断，请人工核对。{detail}例如：{first}。"
    keys = tuple(missing)
    return Finding(
        code=rule.code,
        severity="notice",
        message=message,
        cells=keys,
        locations=locations(report, keys),
        extra=extra,
    )


def worst(findings: list[Finding]) -> Severity | None:
    if not findings:
        return None
    return max((f.severity for f in findings), key=SEVERITY_RANK.__getitem__)
