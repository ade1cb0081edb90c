"""Back office of the appeals register: list, register a case, record its result."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from xxgk.web.agencies.access import can_act, visible_agency_ids
from xxgk.web.agencies.models import Agency
from xxgk.web.appeals import actions
from xxgk.web.appeals.models import KINDS, PENDING, RESULTS, AppealCase


def _day(raw: str, what: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise actions.AppealError(f"{what}无效：{raw or '（空）'}", code="appeals.bad_date") from None


@login_required
def case_list(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_object_or_404(Agency, code=code)
    if agency.pk not in visible_agency_ids(request.user):
        raise PermissionDenied
    if request.method == "POST":
        try:
            actions.do_register_case(
                agency,
                request.POST.get("kind", ""),
                _day(request.POST.get("filed_on", ""), "立案日期"),
                request.user,
                case_number=request.POST.get("case_number", ""),
                application_code=request.POST.get("application_code", ""),
                summary=request.POST.get("summary", ""),
            )
        except actions.AppealError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已登记")
        return redirect("appeals:cases", code=code)
    return render(
        request,
        "appeals/case_list.html",
        {
            "agency": agency,
            "cases": AppealCase.objects.filter(agency=agency).select_related("application")[:500],
            "kinds": KINDS,
            "results": [r for r in RESULTS if r[0] != PENDING],
            "can_edit": can_act(request.user, agency.pk),
        },
    )


@login_required
@require_POST
def conclude(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(AppealCase.objects.select_related("agency"), pk=pk)
    if case.agency_id not in visible_agency_ids(request.user):
        raise PermissionDenied
    try:
        on = _day(request.POST.get("concluded_on", ""), "审结日期")
        actions.do_conclude(case, request.POST.get("result", ""), on, request.user)
    except actions.AppealError as exc:
        messages.error(request, exc.message)
    return redirect("appeals:cases", code=case.agency.code)


@login_required
@require_POST
def link_application(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(AppealCase.objects.select_related("agency"), pk=pk)
    if case.agency_id not in visible_agency_ids(request.user):
        raise PermissionDenied
    try:
        actions.do_link_application(case, request.POST.get("application_code", ""), request.user)
    except actions.AppealError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已关联所涉申请")
    return redirect("appeals:cases", code=case.agency.code)
