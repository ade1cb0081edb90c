"""Every write to the register goes through here (views, admin, CLI, tests):
atomic, the row locked, validated by ``xxgk.procedure``, an audit event written
(who, when, from, to, why)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import cache
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from xxgk.errors import XxgkError
from xxgk.procedure import Event, State, apply, fee_payment_deadline, fee_quote, register
from xxgk.web.agencies import access
from xxgk.web.agencies.models import Agency
from xxgk.web.casework.calendar import calendar_for, clock_rules
from xxgk.web.casework.cases import store, sync_pauses, to_case
from xxgk.web.casework.documents import render_answer, render_fee_notice
from xxgk.web.casework.models import (
    EVENT_ATTACH,
    EVENT_EDIT,
    PERSONAL_FIELDS,
    REQUEST_FIELDS,
    Application,
    ApplicationEvent,
    Attachment,
)
from xxgk.workdays import years_text

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


class ActionRefused(XxgkError):
    code = "casework.refused"


def _check_member(actor: Any, agency_id: int) -> None:
    if actor is None:
        return  # system (CLI, migrations)
    if not access.can_act(actor, agency_id):
        raise ActionRefused("您不是该机关的工作人员，不能办理该申请", code="casework.forbidden")


def _json(data: Mapping[str, Any]) -> dict[str, Any]:
    def one(v: Any) -> Any:
        if isinstance(v, bool) or v is None:
            return v
        return v.isoformat() if isinstance(v, date) else str(v)

    return {k: one(v) for k, v in data.items()}


@transaction.atomic
def register_application(agency: Agency, actor: Any, **fields: Any) -> Application:
    """Enter a new application; an in-person filing is received at once (第三十一条)."""
    _check_member(actor, agency.pk)
    app = Application(agency=agency, **fields)
    app.full_clean(exclude=["tracking_code"])
    case = register(app.channel, app.submitted_on)
    store(app, case)
    app.save()
    ApplicationEvent.objects.create(
        application=app,
        event=Event.SUBMIT.value,
        actor=actor,
        on=app.submitted_on,
        from_state="",
        to_state=State.SUBMITTED.value,
        reason="",
        data={"channel": app.channel},
    )
    if case.state is not State.SUBMITTED:
        ApplicationEvent.objects.create(
            application=app,
            event=Event.CONFIRM_RECEIPT.value,
            actor=actor,
            on=app.submitted_on,
            from_state=State.SUBMITTED.value,
            to_state=case.state.value,
            reason="当面提交，以提交之日为收到申请之日",
        )
    return app


@transaction.atomic
def do_transition(
    application_id: int,
    event: Event | str,
    actor: Any,
    on: date,
    data: Mapping[str, Any] | None = None,
) -> Application:
    """Apply one event of the procedure to a stored application.  Raises
    ``TransitionRefused`` (procedure) or :class:`ActionRefused` (permission); in
    both cases nothing is written."""
    data = dict(data or {})
    app = Application.objects.select_for_update().select_related("agency").get(pk=application_id)
    _check_member(actor, app.agency_id)
    ev = Event(event)
    if (
        ev is Event.EXTEND
        and not data.get("approved_by")
        and actor is not None
        and access.is_head(actor, app.agency_id)
    ):
        data["approved_by"] = actor.get_full_name() or actor.get_username()
    before = to_case(app)
    # the agency's calendar, read from the database only when a guard or the fee notice needs it
    calendar = cache(lambda: calendar_for(app.agency_id))
    after = apply(before, ev, on, data, calendar, clock_rules())
    store(app, after)
    reason = str(data.get("reason") or "")
    logged = {k: v for k, v in data.items() if k != "reason"}
    if ev is Event.ANSWER:
        app.answer_text = render_answer(app, reason)
    if ev is Event.SEND_FEE_NOTICE:
        quote = fee_quote(data)
        payment_due = fee_payment_deadline(after, calendar(), provisional=True)
        app.fee_notice_text = render_fee_notice(app, quote, payment_due)
        logged.update(amount=quote.amount, computation="；".join(quote.explanation()))
    if ev is Event.FEE_UNPAID:
        # a provisional payment deadline (unknown calendar year) is accepted, and said so in the log
        due = fee_payment_deadline(before, calendar(), provisional=True)
        if due is not None:
            logged.update(payment_due=due.due, payment_due_provisional=due.provisional)
            if due.provisional:
                note = f"缴费期限{due.due}为暂定（工作日日历缺少{years_text(due.missing_years)}的数据，仅按周末推算）"
                reason = f"{reason}（{note}）" if reason else note
    app.save()
    if after.pauses != before.pauses:
        sync_pauses(app, after)
    ApplicationEvent.objects.create(
        application=app,
        event=ev.value,
        actor=actor,
        on=on,
        from_state=before.state.value,
        to_state=after.state.value,
        reason=reason,
        data=_json(logged),
    )
    return app


@transaction.atomic
def add_attachment(application_id: int, actor: Any, upload: UploadedFile[bytes]) -> Attachment:
    app = Application.objects.select_for_update().get(pk=application_id)
    _check_member(actor, app.agency_id)
    if upload.size is not None and upload.size > MAX_ATTACHMENT_BYTES:
        raise ActionRefused(
            f"附件过大（上限 {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB）", code="casework.attachment_size"
        )
    att = Attachment(application=app, name=(upload.name or "附件")[:255], uploaded_by=actor)
    att.file.save(att.name, upload, save=False)
    att.save()
    _log_only(app, EVENT_ATTACH, actor, f"上传附件：{att.name}")
    return att


def _log_only(app: Application, event: str, actor: Any, reason: str, data: dict[str, Any] | None = None) -> None:
    """An audit entry that is no transition (the state stays): today, by ``actor``."""
    ApplicationEvent.objects.create(
        application=app,
        event=event,
        actor=actor,
        on=timezone.localdate(),
        from_state=app.state,
        to_state=app.state,
        reason=reason,
        data=data or {},
    )


# What may be corrected outside the procedure (the admin): the applicant's details and
# the request.  Everything else (agency, applicant kind, channel, dates, state, clock,
# outcome, fee, answer) is owned by the state machine and changes only in ``do_transition``.
EDITABLE_DETAILS = (*PERSONAL_FIELDS, *REQUEST_FIELDS)


def _label(name: str) -> str:
    field = Application._meta.get_field(name)
    return str(getattr(field, "verbose_name", name))


@transaction.atomic
def record_edit(app: Application, actor: Any, changed: list[str]) -> None:
    """Save corrections of the applicant's or the request's details with an audit
    entry naming the fields (not their values: they are personal data)."""
    _check_member(actor, app.agency_id)
    owned = [f for f in changed if f not in EDITABLE_DETAILS]
    if owned:
        labels = "、".join(_label(f) for f in owned)
        raise ActionRefused(f"{labels}只能通过办理操作改变，不能直接修改", code="casework.owned_field")
    if not changed:
        return
    app.save(update_fields=[*changed, "updated_at"])
    labels = "、".join(_label(f) for f in changed)
    _log_only(app, EVENT_EDIT, actor, f"更正：{labels}", {"fields": list(changed)})
