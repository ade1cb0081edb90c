"""``xxgk check``: read the reports, pair them across years, run the rules,
print findings; the exit code follows ``--fail-on`` (2 for unreadable input)."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console

from xxgk.errors import XxgkError
from xxgk.report import AnnualReport
from xxgk.rules.engine import check_report
from xxgk.rules.finding import SEVERITY_RANK, Finding
from xxgk.rules.inputs import expand, load_reports
from xxgk.rules.pairing import pair_previous
from xxgk.rules.render import print_findings, print_summary, result_dict


def _error(exc: XxgkError) -> None:
    click.echo(f"xxgk: 错误: {exc.one_line()}", err=True)


def run_check(files: tuple[str, ...], previous_file: str | None, as_json: bool, fail_on: str) -> int:
    paths = expand([Path(f) for f in files])
    reports: list[AnnualReport] = []
    unreadable = 0
    for path in paths:
        try:
            reports.extend(load_reports(path))
        except XxgkError as exc:
            unreadable += 1
            _error(exc)
    if not paths:
        click.echo("xxgk: 错误: 没有找到可审查的年度报告文件 [read.no_files]", err=True)
        return 2
    previous: AnnualReport | None = None
    if previous_file:
        try:
            loaded = load_reports(Path(previous_file))
        except XxgkError as exc:
            _error(exc)
            return 2
        previous = loaded[0]
    pairs = [previous] * len(reports) if previous is not None else pair_previous(reports)

    results: list[tuple[AnnualReport, list[Finding], AnnualReport | None]] = []
    for report, prev in zip(reports, pairs, strict=True):
        try:
            findings = check_report(report, prev)
        except Exception as exc:  # a rule bug must not become a traceback: name the file, go on
            unreadable += 1
            _error(XxgkError(f"审查时出错（{type(exc).__name__}: {exc}）", code="check.failed", path=report.file))
            continue
        results.append((report, findings, prev))

    if as_json:
        data = [result_dict(r, f, p) for r, f, p in results]
        single = len(paths) == 1 and len(data) == 1
        click.echo(json.dumps(data[0] if single else data, ensure_ascii=False, indent=1))
    else:
        console = Console(highlight=False, soft_wrap=True)
        for r, f, p in results:
            print_findings(console, r, f, p)
        if len(results) > 1:
            print_summary(console, [f for _, f, _ in results])

    if unreadable:
        return 2
    threshold = SEVERITY_RANK[fail_on]
    failed = any(SEVERITY_RANK[f.severity] >= threshold for _, fs, _ in results for f in fs)
    return 1 if failed else 0
