"""JSON endpoints of the register (django-ninja): the deadline calculator and
the applicant's status lookup by tracking code (no personal data)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError

from xxgk.errors import XxgkError
from xxgk.procedure import OUTCOME_LABELS, STATE_LABELS, Outcome, State, current_due
from xxgk.web.casework.calendar import calendar_for, clock_rules
from xxgk.web.casework.cases import to_case
from xxgk.web.casework.models import Application
from xxgk.workdays import Pause, compute_deadline

router = Router(tags=["依申请公开"])


@router.get("/deadline", summary="按法定工作日计算期限")
def deadline(
    request: HttpRequest,
    received: date,
    extend: int = 0,
    paused_from: date | None = None,
    paused_to: date | None = None,
    days: int = 20,
    provisional: bool = False,
) -> dict[str, Any]:
    """与 `xxgk deadline --json` 相同：`{"due", "working_days", "explanation": [...], ...}`。"""
    if not 0 <= extend <= 20 or not 1 <= days <= 60:
        raise HttpError(400, "延长期限应为0至20个工作日，期限应为1至60个工作日")
    pauses = [Pause(paused_from, paused_to)] if paused_from else []
    try:
        result = compute_deadline(
            calendar_for(None),
            received,
            days,
            extension=extend,
            pauses=pauses,
            rules=clock_rules(),
            provisional=provisional,
        )
    except XxgkError as exc:
        raise HttpError(400, exc.one_line()) from None
    return result.to_dict()


@router.get("/status/{code}", summary="申请人凭查询码查询办理状态")
def status(request: HttpRequest, code: str) -> dict[str, Any]:
    """只返回状态和日期，不含申请人信息。"""
    app = Application.objects.filter(tracking_code=code.strip().upper()).first()
    if app is None:
        raise HttpError(404, "查询码不存在")
    info = current_due(to_case(app), calendar_for(app.agency_id), rules=clock_rules(), as_of=timezone.localdate())
    return {
        "tracking_code": app.tracking_code,
        "agency": app.agency.name,
        "state": app.state,
        "state_label": STATE_LABELS[State(app.state)],
        "received_on": app.received_on.isoformat() if app.received_on else None,
        "due": info.due.isoformat() if info.due else None,
        "due_provisional": bool(info.deadline and info.deadline.provisional),
        "outcome_label": OUTCOME_LABELS[Outcome(app.outcome)] if app.outcome else None,
        "closed_on": app.closed_on.isoformat() if app.closed_on else None,
    }
