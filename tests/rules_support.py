"""Reports for the rule tests, built from the corpus truth files (hand-read
cells) until a test reads the real file through the parser.

A truth value becomes a cell: a number → number; "blank" → blank; "na" → na;
``{"any_of": [...]}`` → the option chosen by ``pick`` (default: ``null`` → unread
when the list allows it, else the first option); an amount ``{"raw",
"value_wan_yuan"}`` → a number in 万元 with its raw text and printed unit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from tests.corpus import TruthReport, require_corpus, truth_reports
from xxgk.report import AnnualReport, Cell, Fact, Source
from xxgk.rules import Finding

Pick = Callable[[str, list[Any]], Any]


def prefer_unread(key: str, options: list[Any]) -> Any:
    return None if None in options else options[0]


def prefer_number(key: str, options: list[Any]) -> Any:
    numbers = [o for o in options if o is not None]
    return numbers[0] if numbers else None


def _number(v: Any) -> int | Decimal:
    d = Decimal(str(v))
    return int(d) if d == d.to_integral_value() and "." not in str(v) else d


def truth_cell(key: str, value: Any, pick: Pick = prefer_unread) -> Cell:
    src = Source("json", query=f"truth:{key}")
    if isinstance(value, dict) and "any_of" in value:
        return truth_cell(key, pick(key, list(value["any_of"])), pick)
    if value is None:
        return Cell(key, "unread", source=src)
    if value in ("blank", "na"):
        return Cell(key, value, raw="" if value == "blank" else "-", source=src)
    if isinstance(value, dict) and "value_wan_yuan" in value:
        raw = value["raw"]
        unit = m.group(1) if (m := re.search(r"(万元|元)\s*$", raw)) else None
        return Cell(key, "number", value=Decimal(str(value["value_wan_yuan"])), raw=raw, unit=unit, source=src)
    n = _number(value)
    return Cell(key, "number", value=n, raw=str(value), source=src)


# public/truth.json gives key totals only, under these names
PUBLIC_TRUTH_KEYS = {
    "new_received": "table_3.new_received.total",
    "carried_over": "table_3.carried_over.total",
    "granted": "table_3.granted.total",
    "partial": "table_3.partially_granted.total",
    "total_handled": "table_3.results_total.total",
    "carried_forward": "table_3.carried_forward.total",
    "review_total": "table_4.count.review_total",
    "litigation_direct_total": "table_4.count.litigation_direct_total",
    "litigation_after_review_total": "table_4.count.litigation_after_review_total",
}


def report_from_truth(t: TruthReport, pick: Pick = prefer_unread, with_text: bool = False) -> AnnualReport:
    """``with_text``: put the whole published text (text and Markdown files) into
    ``report.texts`` so the prose rules have something to read."""
    edition = t.edition or ("2019_trial" if t.entry.get("format_edition") == "2019" else t.entry.get("format_edition"))
    report = AnnualReport(edition=edition, year=t.entry.get("year"), agency=t.entry.get("agency"), file=str(t.path))
    cells = dict(t.cells)
    for name, key in PUBLIC_TRUTH_KEYS.items():
        if name in (t.entry.get("truth") or {}):
            cells[key] = t.entry["truth"][name]
    if with_text and t.path.suffix in (".txt", ".md"):
        report.texts["full_text"] = t.path.read_text("utf-8")
    for key, value in cells.items():
        cell = truth_cell(key, value, pick)
        if cell.kind == "unread":
            report.mark_unread(key, "真值中无法确定", source=cell.source)
        else:
            report.set_cell(cell)
    report.complete("真值文件中没有该单元格")
    for k, v in t.facts.items():
        if k == "proactive_by_channel":
            for ck, cv in v.items():
                report.channel_facts[ck] = Fact(_number(cv), str(cv))
        elif v is not None:
            report.facts[k] = Fact(_number(v), str(v))
    return report


def truth_report(name: str, pick: Pick = prefer_unread, with_text: bool = False) -> AnnualReport:
    """The truth report whose file name starts with ``name`` (e.g. "001_", "huaian-hongze-2023")."""
    require_corpus()
    for t in truth_reports():
        if t.name.startswith(name):
            return report_from_truth(t, pick, with_text)
    raise LookupError(name)


def full_truth_names() -> list[str]:
    """Reports whose truth gives every cell (seeds and files), not only key totals."""
    return [t.name for t in truth_reports() if t.set in ("seeds", "files")]


def flat(findings: list[Finding], severity: str | None = None) -> set[tuple[str, str]]:
    """``{(code, severity)}`` of the findings (optionally of one severity)."""
    return {(f.code, f.severity) for f in findings if severity is None or f.severity == severity}


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


def of_code(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def set_value(report: AnnualReport, key: str, value: int | Decimal) -> AnnualReport:
    """Change one published number (the "one number changed" variant of a real report)."""
    report.set_number(key, value, raw=str(value), source=Source("json", query=f"changed:{key}"))
    return report
