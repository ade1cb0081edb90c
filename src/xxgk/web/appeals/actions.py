"""Writes to the appeals register: atomic, own staff only, one event per change."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from xxgk.errors import XxgkError
from xxgk.web.agencies.access import can_act
from xxgk.web.agencies.models import Agency
from xxgk.web.appeals.models import KINDS, PENDING, RESULTS, AppealCase, AppealEvent
from xxgk.web.casework.models import Application


class AppealError(XxgkError):
    code = "appeals.error"


def ensure_staff(actor: Any, agency_id: int) -> None:
    if not can_act(actor, agency_id):
        raise AppealError("只有本机关工作人员可以登记本机关的复议诉讼案件", code="appeals.forbidden")


def find_application(agency: Agency, code: str) -> Application | None:
    """The agency's own application with this 查询码 (``""`` → none); an unknown
    code, or another agency's application, is refused."""
    code = code.strip().upper()
    if not code:
        return None
    found = Application.objects.filter(agency=agency, tracking_code=code).first()
    if found is None:
        raise AppealError(
            f"依申请公开登记中没有本机关查询码为“{code}”的申请，请核对所涉申请的查询码（不知道时可留空）",
            code="appeals.unknown_application",
        )
    return found


def _check_filed_after(application: Application | None, filed_on: date) -> None:
    if application is not None and filed_on < application.submitted_on:
        raise AppealError(
            f"立案日期 {filed_on.isoformat()} 早于所涉申请的提交日期 {application.submitted_on.isoformat()}",
            code="appeals.bad_date",
        )


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
    application = find_application(agency, application_code)
    _check_filed_after(application, filed_on)
    with transaction.atomic():
        case = AppealCase.objects.create(
            agency=agency,
            kind=kind,
            filed_on=filed_on,
            case_number=case_number.strip(),
            application=application,
            summary=summary,
        )
        extra: dict[str, Any] = {"kind": kind}
        if application is not None:
            extra["application"] = application.tracking_code
        AppealEvent.objects.create(case=case, action="register", actor=actor, extra=extra)
    return case


def do_link_application(case: AppealCase, application_code: str, actor: Any) -> AppealCase:
    """Link a registered case to the application it concerns, once it is known
    (or change the link; an empty code removes it).  One event per change."""
    ensure_staff(actor, case.agency_id)
    application = find_application(case.agency, application_code)
    with transaction.atomic():
        locked = AppealCase.objects.select_for_update(of=("self",)).select_related("application").get(pk=case.pk)
        _check_filed_after(application, locked.filed_on)
        old = locked.application.tracking_code if locked.application is not None else ""
        new = application.tracking_code if application is not None else ""
        if old == new:
            return locked
        locked.application = application
        locked.save(update_fields=["application"])
        AppealEvent.objects.create(case=locked, action="link_application", actor=actor, extra={"from": old, "to": new})
    return locked


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


def do_record_edit(case: AppealCase, actor: Any, before: dict[str, Any]) -> None:
    """Save the admin's correction of a case number or summary (``before``: each changed
    field's old value) with one ``edit`` event naming old and new values."""
    ensure_staff(actor, case.agency_id)
    fixed = [f for f in before if f not in ("case_number", "summary")]
    if fixed:
        raise AppealError("案件类型、日期、结果和所涉申请只能在登记页面办理", code="appeals.owned_field")
    if not before:
        return
    with transaction.atomic():
        case.save(update_fields=list(before))
        changes = {f: {"from": old, "to": getattr(case, f)} for f, old in before.items()}
        AppealEvent.objects.create(case=case, action="edit", actor=actor, extra=changes)
