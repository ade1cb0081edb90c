"""``xxgk check``: read the reports, pair them across years, run the rules,
print findings.

Exit code: 0 or 1 by ``--fail-on``; 2 when the check could not run on
everything it was given — a named file unreadable or not a report, a report file
of a directory that cannot be read, a rule failure, or an ambiguous
``--previous``.  A file of a directory scan that is not an annual report at all
(``README.md``, a JSON that is not ``xxgk parse --json`` output) is skipped with
one line on stderr and does not change the exit code."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import click
from rich.console import Console

from xxgk.errors import NOT_A_REPORT, XxgkError
from xxgk.report import AnnualReport
from xxgk.rules.cross_year import no_previous
from xxgk.rules.engine import check_report
from xxgk.rules.finding import SEVERITY_RANK, Finding
from xxgk.rules.inputs import load_reports, scan
from xxgk.rules.pairing import PreviousIndex, pair_previous
from xxgk.rules.render import print_findings, print_summary, result_dict


def _error(exc: XxgkError) -> None:
    click.echo(f"xxgk: 错误: {exc.one_line()}", err=True)


def _skipped(exc: XxgkError) -> None:
    click.echo(f"xxgk: 跳过（不是年度报告）: {exc.one_line()}", err=True)


def _name(r: AnnualReport) -> str:
    return r.file or "（未命名报告）"


def _load(entries: list[tuple[Path, bool]]) -> Iterator[AnnualReport | XxgkError]:
    """The reports of the files, in order, or the error of a file that could not
    be read; a file found by a directory scan that is not an annual report at all
    is skipped with one line."""
    for path, in_scan in entries:
        try:
            yield from load_reports(path)
        except XxgkError as exc:
            if in_scan and exc.code in NOT_A_REPORT:
                _skipped(exc)
            else:
                yield exc


def run_check(files: tuple[str, ...], previous_file: str | None, as_json: bool, fail_on: str) -> int:
    entries = scan([Path(f) for f in files])
    reports: list[AnnualReport] = []
    failed = 0
    for item in _load(entries):
        if isinstance(item, XxgkError):
            failed += 1
            _error(item)
        else:
            reports.append(item)
    if not entries or (not reports and not failed):
        click.echo("xxgk: 错误: 没有找到可审查的年度报告文件 [read.no_files]", err=True)
        return 2

    pairs: list[AnnualReport | None]
    extra: dict[int, list[Finding]] = {}
    refused: set[int] = set()
    if previous_file:
        try:
            given = _load_previous(Path(previous_file))
        except XxgkError as exc:
            _error(exc)
            return 2
        if not given:
            click.echo(f"xxgk: 错误: {previous_file}: 没有找到上一年度的报告 [read.no_files]", err=True)
            return 2
        pairs, extra, refused = _match_previous(reports, given)
        failed += len(refused)
    else:
        pairs = pair_previous(reports)

    results: list[tuple[AnnualReport, list[Finding], AnnualReport | None]] = []
    for i, (report, prev) in enumerate(zip(reports, pairs, strict=True)):
        if i in refused:
            continue  # ambiguous --previous: said on stderr
        try:
            findings = check_report(report, prev) + extra.get(i, [])
        except Exception as exc:  # a rule bug must not become a traceback: name the file, go on
            failed += 1
            _error(XxgkError(f"审查时出错（{type(exc).__name__}: {exc}）", code="check.failed", path=report.file))
            continue
        results.append((report, findings, prev))

    if as_json:
        data = [result_dict(r, f, p) for r, f, p in results]
        single = len(entries) == 1 and len(data) == 1
        click.echo(json.dumps(data[0] if single else data, ensure_ascii=False, indent=1))
    else:
        console = Console(highlight=False, soft_wrap=True)
        for r, f, p in results:
            print_findings(console, r, f, p)
        if len(results) > 1:
            print_summary(console, [f for _, f, _ in results])

    if failed:
        return 2
    threshold = SEVERITY_RANK[fail_on]
    hit = any(SEVERITY_RANK[f.severity] >= threshold for _, fs, _ in results for f in fs)
    return 1 if hit else 0


def _load_previous(path: Path) -> list[AnnualReport]:
    """The reports ``--previous`` names: a file (a JSON list too) or a directory
    (whose files that are not annual reports are skipped)."""
    given: list[AnnualReport] = []
    for item in _load(scan([path])):
        if isinstance(item, XxgkError):
            raise item
        given.append(item)
    return given


def _match_previous(
    reports: list[AnnualReport], given: list[AnnualReport]
) -> tuple[list[AnnualReport | None], dict[int, list[Finding]], set[int]]:
    """Last year's report for each report among those ``--previous`` gave.

    One report and one previous report: they are paired as the user says (X-PAIR
    tells when they are not of consecutive years or of one agency).  Otherwise
    each report gets the one of the same agency (name, else file name) and of
    the year before; none → an X-PREVIOUS notice; several → refused
    (``check.previous_ambiguous``, that report is not checked).
    Returns the pairs, the extra findings and the refused reports (by index)."""
    if len(reports) == 1 and len(given) == 1:
        return [given[0]], {}, set()
    pairs: list[AnnualReport | None] = []
    extra: dict[int, list[Finding]] = {}
    refused: set[int] = set()
    index = PreviousIndex(given)
    for i, report in enumerate(reports):
        found = index.candidates(report)
        if len(found) == 1:
            pairs.append(found[0])
            continue
        pairs.append(None)
        if not found:
            extra[i] = [no_previous(report, given)]
            continue
        refused.add(i)
        _error(
            XxgkError(
                f"--previous 中有 {len(found)} 份报告可能是本机关{found[0].year}年度的报告"
                f"（{'、'.join(_name(r) for r in found)}），无法确定用哪一份，未审查该报告",
                code="check.previous_ambiguous",
                path=report.file,
            )
        )
    return pairs, extra, refused
