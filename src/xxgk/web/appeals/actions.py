"""Writes to the appeals register: atomic, own staff only, one event per change."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from xxgk.errors import XxgkError
from xxgk.web.agencies.access import own_agency_ids
from xxgk.web.agencies.models import Agency
from xxgk.web.appeals.models import KINDS, PENDING, RESULTS, AppealCase, AppealEvent


class AppealError(XxgkError):
    code = "appeals.error"


def ensure_staff(actor: Any, agency_id: int) -> None:
    if getattr(actor, "is_superuser", False):
        return
    if agency_id not in own_agency_ids(actor):
        raise AppealError("只有本机关工作人员可以登记本机关的复议诉讼案件", code="appeals.forbidden")


def do_register_case(
    agency: Agency,
    kind: str,
    filed_on: date,
    actor: Any,
    *,
    case_number: str = "",
    application_code: str = "",
    summary: str = "",
) -> AppealCase:
    ensure_staff(actor, agency.pk)
    if kind not in dict(KINDS):
        raise AppealError(f"未知的案件类型：{kind}", code="appeals.unknown_kind")
    with transaction.atomic():
        case = AppealCase.objects.create(
            agency=agency,
            kind=kind,
            filed_on=filed_on,
            case_number=case_number.strip(),
            application_code=application_code.strip(),
            summary=summary,
        )
        AppealEvent.objects.create(case=case, action="register", actor=actor, extra={"kind": kind})
    return case


def do_conclude(case: AppealCase, result: str, concluded_on: date, actor: Any) -> AppealCase:
    """Record how the case ended (维持/纠正/其他结果) and when."""
    ensure_staff(actor, case.agency_id)
    if result not in dict(RESULTS) or result == PENDING:
        raise AppealError("审结结果须为结果维持、结果纠正或其他结果", code="appeals.bad_result")
    with transaction.atomic():
        locked = AppealCase.objects.select_for_update().get(pk=case.pk)
        if concluded_on < locked.filed_on:
            raise AppealError("审结日期不能早于立案日期", code="appeals.bad_date")
        old = locked.result
        locked.result, locked.concluded_on = result, concluded_on
        locked.save(update_fields=["result", "concluded_on"])
        AppealEvent.objects.create(
            case=locked,
            action="conclude",
            actor=actor,
            extra={"from": old, "to": result, "on": concluded_on.isoformat()},
        )
    return locked
