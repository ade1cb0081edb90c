"""Reports to check: published files (through the parser, :func:`xxgk.read.parse_file`)
or the JSON of ``xxgk parse --json`` (one report or a list)."""

from __future__ import annotations

import json
from pathlib import Path

from xxgk.errors import ReadError, XxgkError
from xxgk.report import AnnualReport

JSON_SUFFIXES = (".json",)
NOT_REPORT_NAMES = frozenset({"truth.json", "index.json"})  # JSON beside the reports of a corpus


def report_suffixes() -> tuple[str, ...]:
    from xxgk.read import REPORT_SUFFIXES

    return (*REPORT_SUFFIXES, *JSON_SUFFIXES)


def scan(paths: list[Path]) -> list[tuple[Path, bool]]:
    """Files as given (``False``) and the report files found in directories,
    recursively (``True``: found by the scan, not named by the user)."""
    from xxgk.read import scan_paths

    return scan_paths(paths, report_suffixes(), NOT_REPORT_NAMES)


def load_reports(path: Path) -> list[AnnualReport]:
    """The report(s) in ``path``.  Raises :class:`XxgkError` with a Chinese
    reason and a stable code; never returns a half-read report silently."""
    if not path.exists():
        raise ReadError("文件不存在", code="read.not_found", path=str(path))
    if path.suffix.lower() in JSON_SUFFIXES:
        return _load_json(path)
    from xxgk.read import parse_file  # the parser fills every section's prose (report.texts) too

    try:
        report = parse_file(path)
    except XxgkError as exc:
        if exc.path is None:
            exc.path = str(path)
        raise
    except Exception as exc:  # a reader bug must not become a traceback for the user
        raise ReadError(f"解析失败（{type(exc).__name__}: {exc}）", code="read.failed", path=str(path)) from exc
    if report.file is None:
        report.file = str(path)
    return [report]


def _load_json(path: Path) -> list[AnnualReport]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReadError(f"不是有效的 JSON（{exc}）", code="check.bad_json", path=str(path)) from exc
    items = data if isinstance(data, list) else [data]
    reports = []
    for i, item in enumerate(items):
        try:
            report = AnnualReport.from_dict(item)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            where = f"第{i + 1}份报告" if isinstance(data, list) else "报告"
            raise ReadError(
                f"{where}不符合 xxgk parse --json 的格式（{type(exc).__name__}: {exc}）",
                code="check.bad_report_json",
                path=str(path),
            ) from exc
        if report.file is None:
            report.file = str(path)
        reports.append(report)
    return reports
