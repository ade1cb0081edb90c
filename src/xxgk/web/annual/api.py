"""JSON endpoint of the annual report generated from the registers (the same
``AnnualReport`` JSON as ``xxgk parse --json`` and ``xxgk report --format json``),
for staff of the agency and of the agencies above it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError
from ninja.security import django_auth

from xxgk.web.agencies.access import visible_agency_ids
from xxgk.web.agencies.models import Agency
from xxgk.web.annual.actions import AnnualError, check_year
from xxgk.web.annual.assemble import build_report, build_rollup

router = Router(tags=["年度报告"], auth=django_auth)


@router.get("/{code}/{year}", summary="由登记数据生成的年度报告（JSON）")
def annual_report(request: HttpRequest, code: str, year: int, rollup: bool = False) -> dict[str, Any]:
    """`rollup=true`：该机关及其所属全部机关的逐格合计。"""
    agency = Agency.objects.filter(code=code).first()
    if agency is None or agency.pk not in visible_agency_ids(request.user):
        raise HttpError(404, "没有该机关，或无权查看")
    try:
        check_year(year)
    except AnnualError as exc:
        raise HttpError(400, exc.message) from None
    report = build_rollup(agency, year) if rollup else build_report(agency, year)
    return report.to_dict()
