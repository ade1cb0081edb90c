"""Run every rule over a report: ``check_report(report, previous=None)``.

The stages are small generators, one module per scope (arithmetic, domain,
structure, prose, cross-year); the engine chains them and orders the findings
(errors first, then by code).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from xxgk.report import AnnualReport
from xxgk.rules.arithmetic import arithmetic_rules, check_arithmetic
from xxgk.rules.cross_year import RULES as CROSS_YEAR_RULES
from xxgk.rules.cross_year import check_cross_year
from xxgk.rules.domain import check_domain, domain_rules
from xxgk.rules.finding import SEVERITY_RANK, Finding, Rule
from xxgk.rules.prose import RULES as PROSE_RULES
from xxgk.rules.prose import check_prose
from xxgk.rules.structure import RULES as STRUCTURE_RULES
from xxgk.rules.structure import check_structure

Stage = Callable[[AnnualReport], Iterable[Finding]]

STAGES: tuple[Stage, ...] = (check_structure, check_arithmetic, check_domain, check_prose)


def all_rules() -> dict[str, Rule]:
    """Every rule the engine can report, by code."""
    rules: dict[str, Rule] = {}
    for group in (STRUCTURE_RULES, arithmetic_rules(), domain_rules(), PROSE_RULES, CROSS_YEAR_RULES):
        rules.update(group)
    return rules


def iter_findings(report: AnnualReport, previous: AnnualReport | None = None) -> Iterator[Finding]:
    for stage in STAGES:
        yield from stage(report)
    if previous is not None:
        yield from check_cross_year(report, previous)


def check_report(
    report: AnnualReport,
    previous: AnnualReport | None = None,
    *,
    pick: Iterable[str] | None = None,
    skip: Iterable[str] = (),
) -> list[Finding]:
    """All findings on ``report`` (and, given last year's report of the same
    agency, the cross-year rules), errors first.

    ``pick``/``skip`` keep or drop findings by code or code prefix (e.g.
    ``pick=["T3-"]`` for table 三 only, as when checking a table 三 generated from
    the register)."""
    keep = tuple(pick) if pick is not None else None
    drop = tuple(skip)
    findings = [
        f
        for f in iter_findings(report, previous)
        if (keep is None or f.code.startswith(keep)) and not (drop and f.code.startswith(drop))
    ]
    return sorted(findings, key=lambda f: -SEVERITY_RANK[f.severity])
