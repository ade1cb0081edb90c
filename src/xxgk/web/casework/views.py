"""Back office for staff: open applications with their clock, the detail page
with the allowed transitions as forms, registration, attachments, the answer
document and table 三 from the register."""

from __future__ import annotations

from datetime import date
from typing import Any, TypedDict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from xxgk.errors import XxgkError
from xxgk.fees import quote
from xxgk.procedure import (
    EVENT_LABELS,
    STATE_LABELS,
    TERMINAL,
    Event,
    State,
    allowed_events,
    current_due,
    side_deadlines,
)
from xxgk.web.agencies import access
from xxgk.web.agencies.models import Agency
from xxgk.web.casework import actions
from xxgk.web.casework.annual import table_3_for
from xxgk.web.casework.calendar import calendar_for, clock_rules
from xxgk.web.casework.cases import to_case
from xxgk.web.casework.documents import answer_docx
from xxgk.web.casework.forms import ApplicationForm, AttachmentForm, TransitionForm
from xxgk.web.casework.models import Application
from xxgk.workdays import CalendarDataMissing, WorkCalendar, days_left_text

MASK = "（仅受理机关工作人员可见）"


def _visible(request: HttpRequest, pk: int) -> Application:
    app = get_object_or_404(Application.objects.select_related("agency"), pk=pk)
    if app.agency_id not in access.visible_agency_ids(request.user):
        raise Http404("没有这个申请")
    return app


class Clock(TypedDict):
    due: date | None
    left: int | None
    left_text: str  # "剩余 N 个工作日" / "已逾期 N 个工作日" (workdays.days_left_text), "" when unknown
    overdue: bool
    explanation: list[str]
    provisional: bool


def clock_of(app: Application, today: date, calendars: dict[int, WorkCalendar] | None = None) -> Clock:
    """Due date, working days left and the explanation lines for one application
    (``calendars`` caches one calendar per agency across a list)."""
    calendars = {} if calendars is None else calendars
    if app.agency_id not in calendars:
        calendars[app.agency_id] = calendar_for(app.agency_id)
    cal = calendars[app.agency_id]
    case = to_case(app)
    rules = clock_rules()
    info = current_due(case, cal, rules=rules, as_of=today)
    left = None
    if info.due is not None:
        try:
            left = cal.working_days_between(today, info.due, provisional=True)
        except CalendarDataMissing:
            left = None
    lines = info.deadline.explanation() if info.deadline else []
    if info.note:
        lines = [info.note, *lines]
    lines = [*side_deadlines(case, cal, rules=rules), *lines]
    return {
        "due": info.due,
        "left": left,
        "left_text": days_left_text(left) if left is not None else "",
        "overdue": left is not None and left < 0,
        "explanation": lines,
        "provisional": bool(info.deadline and info.deadline.provisional),
    }


@login_required
def open_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    ids = access.visible_agency_ids(request.user)
    own = access.own_agency_ids(request.user)
    apps = (
        Application.objects.filter(agency_id__in=ids)
        .exclude(state__in=[s.value for s in TERMINAL])
        .select_related("agency")
        .prefetch_related("pauses")
        .order_by("received_on", "pk")
    )
    rows: list[dict[str, Any]] = []
    calendars: dict[int, WorkCalendar] = {}
    for app in apps:
        rows.append(
            {
                "app": app,
                "name": app.applicant_name if app.agency_id in own else MASK,
                "carried": app.received_on is not None and app.received_on.year < today.year,
                "clock": clock_of(app, today, calendars),
            }
        )
    rows.sort(key=lambda r: (r["clock"]["due"] is None, r["clock"]["due"] or today))
    return render(
        request,
        "casework/open_list.html",
        {"rows": rows, "today": today, "agencies": Agency.objects.filter(pk__in=own)},
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    app = _visible(request, pk)
    today = timezone.localdate()
    personal = access.can_see_personal_data(request.user, app.agency_id)
    case = to_case(app)
    forms = [(e, EVENT_LABELS[e], TransitionForm(e, prefix=e.value)) for e in allowed_events(case)] if personal else []
    fee = (
        quote(app.fee_basis, app.fee_quantity, app.fee_earlier_in_month) if app.fee_basis and app.fee_quantity else None
    )
    return render(
        request,
        "casework/detail.html",
        {
            "app": app,
            "personal": personal,
            "mask": MASK,
            "state_label": STATE_LABELS[State(app.state)],
            "clock": clock_of(app, today),
            "forms": forms,
            "events": app.events.select_related("actor").all(),
            "pauses": app.pauses.all(),
            "attachments": app.attachments.all() if personal else [],
            "attachment_form": AttachmentForm() if personal else None,
            "fee": fee,
        },
    )


@login_required
@require_POST
def transition(request: HttpRequest, pk: int, event: str) -> HttpResponse:
    app = _visible(request, pk)
    try:
        ev = Event(event)
    except ValueError:
        raise Http404("未知操作") from None
    form = TransitionForm(ev, request.POST, prefix=ev.value)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else field
            messages.error(request, f"{EVENT_LABELS[ev]}：{label}：{'；'.join(str(e) for e in errors)}")
        return redirect("casework:detail", pk=app.pk)
    data = {k: v for k, v in form.cleaned_data.items() if k != "on" and v not in (None, "")}
    try:
        actions.do_transition(app.pk, ev, request.user, form.cleaned_data["on"], data)
    except XxgkError as exc:
        messages.error(request, f"{EVENT_LABELS[ev]}未执行：{exc.message}")
    else:
        messages.success(request, f"已登记：{EVENT_LABELS[ev]}")
    return redirect("casework:detail", pk=app.pk)


@login_required
def new(request: HttpRequest) -> HttpResponse:
    own = Agency.objects.filter(pk__in=access.own_agency_ids(request.user))
    if not own.exists():
        raise PermissionDenied("您不属于任何机关，不能登记申请")
    wanted = request.GET.get("agency", "")
    agency = (own.filter(pk=wanted).first() if wanted.isdigit() else None) or own.first()
    if agency is None:  # pragma: no cover - own.exists() was checked above
        raise PermissionDenied("您不属于任何机关，不能登记申请")
    form = ApplicationForm(request.POST or None, initial={"submitted_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            app = actions.register_application(agency, request.user, **form.cleaned_data)
        except (XxgkError, ValidationError) as exc:
            messages.error(request, f"登记未完成：{getattr(exc, 'message', exc)}")
        else:
            messages.success(request, f"已登记，查询码 {app.tracking_code}")
            return redirect("casework:detail", pk=app.pk)
    return render(request, "casework/new.html", {"form": form, "agency": agency, "agencies": own})


@login_required
@require_POST
def attach(request: HttpRequest, pk: int) -> HttpResponse:
    app = _visible(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.add_attachment(app.pk, request.user, form.cleaned_data["file"])
        except XxgkError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "附件已上传")
    else:
        messages.error(request, "请选择要上传的文件")
    return redirect("casework:detail", pk=app.pk)


@login_required
def attachment(request: HttpRequest, pk: int, att: int) -> FileResponse:
    app = _visible(request, pk)
    if not access.can_see_personal_data(request.user, app.agency_id):
        raise Http404("没有这个附件")
    found = get_object_or_404(app.attachments, pk=att)
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)


@login_required
def answer_document(request: HttpRequest, pk: int) -> HttpResponse:
    app = _visible(request, pk)
    if not access.can_see_personal_data(request.user, app.agency_id):
        raise Http404("没有这个答复书")
    if not app.answer_text:
        raise Http404("该申请尚未答复")
    if request.GET.get("format") == "docx":
        response = HttpResponse(
            answer_docx(app), content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        response["Content-Disposition"] = f'attachment; filename="answer-{app.tracking_code}.docx"'
        return response
    response = HttpResponse(app.answer_text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="answer-{app.tracking_code}.txt"'
    return response


@login_required
def fee_notice(request: HttpRequest, pk: int) -> HttpResponse:
    app = _visible(request, pk)
    if not access.can_see_personal_data(request.user, app.agency_id) or not app.fee_notice_text:
        raise Http404("没有这个收费通知书")
    response = HttpResponse(app.fee_notice_text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="fee-notice-{app.tracking_code}.txt"'
    return response


@login_required
def table3(request: HttpRequest, code: str, year: int) -> HttpResponse:
    agency = get_object_or_404(Agency, code=code)
    if agency.pk not in access.visible_agency_ids(request.user):
        raise Http404("没有这个机关")
    report = table_3_for(agency, year)
    if request.GET.get("format") == "json":
        return JsonResponse(report.to_dict(), json_dumps_params={"ensure_ascii": False})
    table = report.spec.table("table_3")
    group = table.groups[0]
    rows = [
        {
            "label": r.label,
            "key": r.key,
            "data": r.is_data,
            "values": [report.value(f"table_3.{r.key}.{c.key}") for c in group.columns] if r.is_data else [],
        }
        for r in group.rows
    ]
    return render(
        request,
        "casework/table3.html",
        {"agency": agency, "year": year, "columns": group.columns, "rows": rows, "report": report},
    )
