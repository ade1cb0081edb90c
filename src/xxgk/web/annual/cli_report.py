"""``xxgk report AGENCY YEAR --format …``: the annual report generated from the
registers (the Django database of ``xxgk.web.settings``)."""

from __future__ import annotations

import os
from pathlib import Path

from xxgk.errors import XxgkError
from xxgk.report import AnnualReport

REPORT_FORMATS = ("docx", "html", "md", "txt", "xlsx", "json", "pdf")


class ReportCommandError(XxgkError):
    code = "report.error"


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.web.settings")
    import django

    django.setup()


def run_report(agency_ref: str, year: int, fmt: str, out: str | None, rollup: bool) -> bytes | str:
    """The report as text (when it goes to stdout) or written to ``out`` (returns b"")."""
    if fmt not in REPORT_FORMATS:
        raise ReportCommandError(f"不支持的格式：{fmt}", code="report.unknown_format")
    if out is None and fmt in ("docx", "xlsx", "pdf"):
        raise ReportCommandError(f"{fmt} 是二进制格式，请用 -o 指定输出文件", code="report.no_output")
    setup_django()
    from django.db import DatabaseError
    from django.db.models import Q

    from xxgk.web.agencies.models import Agency
    from xxgk.web.annual.actions import AnnualError, check_year
    from xxgk.web.annual.assemble import build_report, build_rollup_with_parts

    try:
        check_year(year)
    except AnnualError as exc:
        raise ReportCommandError(exc.message, code="report.bad_year") from None
    try:
        matches = list(Agency.objects.filter(Q(code=agency_ref) | Q(name=agency_ref))[:2])
        if not matches:
            raise ReportCommandError(f"没有代码或名称为“{agency_ref}”的机关", code="report.unknown_agency")
        if len(matches) > 1:
            raise ReportCommandError(f"名称“{agency_ref}”对应多个机关，请用机关代码", code="report.ambiguous_agency")
        parts: list[AnnualReport] = []
        if rollup:
            report, parts = build_rollup_with_parts(matches[0], year)
        else:
            report = build_report(matches[0], year)
    except DatabaseError as exc:
        msg = f"无法读取登记数据库（是否已运行 migrate？）：{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
        raise ReportCommandError(msg, code="report.database") from None
    if fmt == "json":
        result: bytes | str = report.to_json()
    elif fmt == "xlsx" and parts:
        from xxgk.write.xlsx import render_xlsx

        result = render_xlsx(report, parts)
    else:
        from xxgk.write import render

        result = render(report, fmt)
    if out is None:
        return result
    from xxgk.write.cli_render import write_atomically

    data = result.encode("utf-8") if isinstance(result, str) else result
    try:
        write_atomically(Path(out), data)
    except OSError as exc:
        raise ReportCommandError(
            f"无法写入输出文件：{exc.strerror or exc}", code="report.write_failed", path=out
        ) from None
    return b""
