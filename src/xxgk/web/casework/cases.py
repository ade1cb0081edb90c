"""Between the stored application and the pure :class:`xxgk.procedure.Case`."""

from __future__ import annotations

from typing import Any

from xxgk.procedure import Case, Channel, Outcome, State
from xxgk.web.casework.models import Application, ClockPause
from xxgk.workdays import Pause

_FIELDS = (
    "submitted_on",
    "received_on",
    "correction_requested_on",
    "correction_due",
    "corrected_on",
    "extension_wd",
    "extension_reason",
    "reason_requested_on",
    "delayed_due",
    "fee_amount",
    "fee_basis",
    "fee_quantity",
    "fee_earlier_in_month",
    "fee_payment_method",
    "fee_notice_on",
    "fee_notice_received_on",
    "fee_paid_on",
    "third_party_notice_on",
    "third_party_notice",
    "closed_on",
    "archived_on",
    "last_event_on",
)


def to_case(app: Application, pauses: list[ClockPause] | None = None) -> Case:
    rows = pauses if pauses is not None else list(app.pauses.all())
    values: dict[str, Any] = {f: getattr(app, f) for f in _FIELDS}
    return Case(
        channel=Channel(app.channel),
        state=State(app.state),
        resume_state=State(app.resume_state) if app.resume_state else None,
        outcome=Outcome(app.outcome) if app.outcome else None,
        pauses=tuple(Pause(p.started_on, p.ended_on, p.reason, p.letter_received_on, p.reply) for p in rows),
        **values,
    )


def store(app: Application, case: Case) -> None:
    """Copy the case onto the model and its pause rows (caller saves inside its transaction)."""
    for f in _FIELDS:
        setattr(app, f, getattr(case, f))
    app.state = case.state.value
    app.resume_state = case.resume_state.value if case.resume_state else ""
    app.outcome = case.outcome.value if case.outcome else ""


def sync_pauses(app: Application, case: Case) -> None:
    existing = list(app.pauses.all())
    for i, p in enumerate(case.pauses):
        if i < len(existing):
            row = existing[i]
            if (row.ended_on, row.letter_received_on, row.reply) != (p.end, p.received_on, p.reply):
                row.ended_on, row.letter_received_on, row.reply = p.end, p.received_on, p.reply
                row.save(update_fields=["ended_on", "letter_received_on", "reply"])
        else:
            ClockPause.objects.create(
                application=app,
                reason=p.reason,
                started_on=p.start,
                ended_on=p.end,
                letter_received_on=p.received_on,
                reply=p.reply,
            )
