"""Findings for people (grouped, coloured in a terminal with rich) and for
machines (JSON)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from xxgk.report import AnnualReport
from xxgk.rules.finding import SEVERITIES, SEVERITY_LABELS, Finding, source_of

STYLES = {"error": "bold red", "warning": "yellow", "notice": "cyan"}


def result_dict(report: AnnualReport, findings: list[Finding], previous: AnnualReport | None = None) -> dict[str, Any]:
    d: dict[str, Any] = {"file": report.file, "findings": [f.to_dict() for f in findings]}
    if previous is not None:
        d["previous"] = previous.file
    return d


def counts(findings: list[Finding]) -> dict[str, int]:
    return {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}


def print_findings(
    console: Console, report: AnnualReport, findings: list[Finding], previous: AnnualReport | None = None
) -> None:
    head = Text(report.file or "（未命名报告）", style="bold")
    meta = "，".join(x for x in (report.agency, f"{report.year}年度" if report.year else None, report.edition) if x)
    if meta:
        head.append(f"  {meta}")
    console.print(head)
    if previous is not None:
        console.print(f"  对照上一年度报告：{previous.file}")
    n = counts(findings)
    console.print(
        "  " + "，".join(f"{SEVERITY_LABELS[s]} {n[s]} 项" for s in SEVERITIES) if findings else "  未发现问题。"
    )
    for severity in SEVERITIES:
        group = [f for f in findings if f.severity == severity]
        if not group:
            continue
        console.print(Text(f"  {SEVERITY_LABELS[severity]}（{len(group)}）", style=STYLES[severity]))
        for f in group:
            line = Text("    ")
            line.append(f"[{f.code}]", style=STYLES[severity])
            line.append(f" {f.message}")
            console.print(line)
            where = _where(report, f.cells)
            if where:
                console.print(Text(f"      位置：{where}", style="dim"))
            if previous is not None and f.extra.get("previous_cells"):
                prev_where = _where(previous, tuple(f.extra["previous_cells"]))
                if prev_where:
                    console.print(Text(f"      上一年度报告位置：{prev_where}", style="dim"))
    console.print()


def _where(report: AnnualReport, cells: tuple[str, ...], limit: int = 4) -> str:
    parts = []
    for key in cells[:limit]:
        source = source_of(report, key)
        if source is not None and source.kind != "json":
            parts.append(f"{key} {source.describe()}")
    if parts and len(cells) > limit:
        parts.append(f"等 {len(cells)} 格")
    return "；".join(parts)


def print_summary(console: Console, per_report: list[list[Finding]]) -> None:
    """One closing line over several reports: how many have errors, warnings."""
    with_error = sum(1 for fs in per_report if any(f.severity == "error" for f in fs))
    with_warning = sum(1 for fs in per_report if any(f.severity == "warning" for f in fs))
    total = counts([f for fs in per_report for f in fs])
    console.print(
        Text(
            f"共审查 {len(per_report)} 份报告：{with_error} 份有错误，{with_warning} 份有警告；"
            + "，".join(f"{SEVERITY_LABELS[s]}共 {total[s]} 项" for s in SEVERITIES)
            + "。",
            style="bold",
        )
    )
