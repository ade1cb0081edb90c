"""The state machine of the application procedure: every transition, every
refusal, the outcome → table-三 mapping, and 1,000 random applications whose
table 三 passes the arithmetic rules and carries over across two years."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

import pytest

from tests.casework_paths import random_start, table_3_violations, walk
from xxgk.formats import get_edition
from xxgk.procedure import (
    ANSWER_OUTCOMES,
    OUTCOME_ROWS,
    RULES,
    TERMINAL,
    Case,
    Channel,
    Event,
    Outcome,
    State,
    TransitionRefused,
    allowed_events,
    answer_deadline,
    apply,
    current_due,
    fee_payment_deadline,
    register,
)
from xxgk.register_table3 import RegisterRecord, table_3_from_register
from xxgk.workdays import WorkCalendar

D = date.fromisoformat
CAL = WorkCalendar()
PAY = "通过非税收入缴款通知书到银行缴纳"


def fee(pieces: int = 1, earlier: int = 10, **extra: str) -> dict[str, object]:
    """A 按件 fee notice: by default the 11th piece of the month, 100 元 (spec §6)."""
    return {"fee_basis": "pieces", "quantity": pieces, "earlier_in_month": earlier, "payment_method": PAY, **extra}


def received(on: str = "2026-09-28") -> Case:
    return register(Channel.IN_PERSON, D(on))


def processing(on: str = "2026-09-28") -> Case:
    return apply(received(on), Event.ACCEPT, D(on))


def refused(case: Case, event: Event, on: str, data=None, code: str | None = None) -> TransitionRefused:
    with pytest.raises(TransitionRefused) as exc:
        apply(case, event, D(on), data, CAL)
    if code:
        assert exc.value.code == code, exc.value.message
    return exc.value


# --------------------------------------------------------------------------- receipt


def test_in_person_is_received_on_submission():
    case = register(Channel.IN_PERSON, D("2026-09-28"))
    assert case.state is State.RECEIVED and case.received_on == D("2026-09-28")


@pytest.mark.parametrize("channel", [c for c in Channel if c is not Channel.IN_PERSON])
def test_other_channels_wait_for_confirmation(channel):
    case = register(channel, D("2026-09-25"))
    assert case.state is State.SUBMITTED and case.received_on is None
    assert current_due(case, CAL).due is None  # no clock before R
    case = apply(case, Event.CONFIRM_RECEIPT, D("2026-09-28"))
    assert case.state is State.RECEIVED and case.received_on == D("2026-09-28")
    assert answer_deadline(case, CAL).due == D("2026-10-30")


def test_submitted_cannot_be_answered():
    case = register(Channel.INTERNET, D("2026-09-25"))
    err = refused(case, Event.ANSWER, "2026-09-28", {"outcome": "disclosed"}, "procedure.not_allowed")
    assert "尚未确认收到" in err.message


# --------------------------------------------------------------------------- correction


def test_correction_restarts_the_clock():
    case = apply(received("2026-09-21"), Event.REQUEST_CORRECTION, D("2026-09-23"), {"correction_due": "2026-10-16"})
    assert case.state is State.AWAITING_CORRECTION
    assert answer_deadline(case, CAL) is None  # the answer clock is reset
    assert current_due(case, CAL).due == D("2026-10-16")
    case = apply(case, Event.CORRECTION_RECEIVED, D("2026-10-09"))
    assert case.state is State.PROCESSING and case.clock_start == D("2026-10-09")
    # R′ = Fri 10-09: 10-10 (Sat 调休) = 1 … 11-05 = 20 (see test_workdays WORKED)
    assert answer_deadline(case, CAL).due == D("2026-11-05")


def test_correction_only_once():
    case = apply(received(), Event.REQUEST_CORRECTION, D("2026-09-29"), {"correction_due": "2026-10-20"})
    case = apply(case, Event.CORRECTION_RECEIVED, D("2026-10-09"))
    refused(case, Event.REQUEST_CORRECTION, "2026-10-12", {"correction_due": "2026-10-30"}, "procedure.not_allowed")
    # even if the state allowed it, the guard refuses a second notice
    back = replace(case, state=State.RECEIVED)
    refused(back, Event.REQUEST_CORRECTION, "2026-10-12", {"correction_due": "2026-10-30"}, "procedure.correction_once")


def test_correction_needs_a_later_due_date():
    refused(received(), Event.REQUEST_CORRECTION, "2026-09-29", {}, "procedure.missing_data")
    refused(
        received(), Event.REQUEST_CORRECTION, "2026-09-29", {"correction_due": "2026-09-29"}, "procedure.correction_due"
    )


def test_late_correction_notice_is_refused_and_the_clock_is_not_restarted():
    # 7 WD from R = 2026-09-28: 09-29, 09-30 = 2; 国庆 10-01..07 off; 10-08, 10-09 = 4;
    # 10-10 (Sat 调休) = 5; 10-12, 10-13 = 7 → the notice is due by 10-13 (第三十条)
    case = received("2026-09-28")
    err = refused(
        case, Event.REQUEST_CORRECTION, "2026-11-20", {"correction_due": "2026-12-04"}, "procedure.correction_late"
    )
    assert "7个工作日" in err.message and "2026-10-13" in err.message and "第三十条" in err.message
    # still the original clock: due 2026-10-30, not 20 WD from a late correction (the audit's 2026-12-25)
    assert answer_deadline(case, CAL).due == D("2026-10-30")
    refused(case, Event.REQUEST_CORRECTION, "2026-10-14", {"correction_due": "2026-10-30"}, "procedure.correction_late")
    on_time = apply(case, Event.REQUEST_CORRECTION, D("2026-10-13"), {"correction_due": "2026-10-30"}, CAL)
    assert on_time.state is State.AWAITING_CORRECTION
    # without a calendar argument the guard still checks (package calendar), never skips
    with pytest.raises(TransitionRefused) as exc:
        apply(case, Event.REQUEST_CORRECTION, D("2026-10-14"), {"correction_due": "2026-10-30"})
    assert exc.value.code == "procedure.correction_late"


def test_correction_limit_follows_the_count_start_day_setting():
    from xxgk.workdays import ClockRules

    # counting R itself, the 7th working day is 10-12: a notice on 10-13 is late
    with pytest.raises(TransitionRefused) as exc:
        apply(received(), Event.REQUEST_CORRECTION, D("2026-10-13"), {"correction_due": "2026-10-30"}, CAL,
              ClockRules(count_start_day=True))  # fmt: skip
    assert exc.value.code == "procedure.correction_late" and "2026-10-12" in exc.value.message


def test_correction_limit_in_an_unknown_year_is_provisional():
    # R = Mon 2026-12-28: 12-29..31 = 3; 2027 unknown, weekends only: 01-01 (Fri) = 4, 01-04..06 = 7
    case = received("2026-12-28")
    err = refused(
        case, Event.REQUEST_CORRECTION, "2027-01-07", {"correction_due": "2027-01-20"}, "procedure.correction_late"
    )
    assert "暂定" in err.message and "2027年" in err.message and "2027-01-06" in err.message
    assert apply(
        case, Event.REQUEST_CORRECTION, D("2027-01-05"), {"correction_due": "2027-01-20"}, CAL
    ).correction_requested_on


def test_correction_lapsed_is_abandoned_only_after_the_due_date():
    case = apply(received(), Event.REQUEST_CORRECTION, D("2026-09-29"), {"correction_due": "2026-10-20"})
    refused(case, Event.CORRECTION_LAPSED, "2026-10-20", code="procedure.correction_not_due")
    case = apply(case, Event.CORRECTION_LAPSED, D("2026-10-21"))
    assert case.state is State.CLOSED_ABANDONED and case.outcome is Outcome.ABANDONED_NO_CORRECTION
    assert case.closed_on == D("2026-10-21")


def test_unclear_after_correction_needs_a_correction():
    refused(
        processing(),
        Event.ANSWER,
        "2026-10-09",
        {"outcome": "unclear_after_correction"},
        "procedure.outcome_needs_correction",
    )
    case = apply(received(), Event.REQUEST_CORRECTION, D("2026-09-29"), {"correction_due": "2026-10-20"})
    case = apply(case, Event.CORRECTION_RECEIVED, D("2026-10-09"))
    case = apply(case, Event.ANSWER, D("2026-10-12"), {"outcome": "unclear_after_correction"})
    assert case.state is State.ANSWERED


# --------------------------------------------------------------------------- consultation


@pytest.mark.parametrize(
    ("event", "state"),
    [(Event.CONSULT_THIRD_PARTY, State.CONSULTING_THIRD_PARTY), (Event.CONSULT_AGENCY, State.CONSULTING_AGENCY)],
)
def test_consultation_pauses_the_clock(event, state):
    case = apply(processing(), event, D("2026-10-12"))
    assert case.state is state
    refused(case, Event.ANSWER, "2026-10-13", {"outcome": "disclosed"}, "procedure.not_allowed")
    refused(case, Event.EXTEND, "2026-10-13", {"days": 5, "reason": "x", "approved_by": "y"}, "procedure.not_allowed")
    case = apply(case, Event.CONSULTATION_ENDED, D("2026-10-16"), {"reply": "consent"})
    assert case.state is State.PROCESSING
    assert answer_deadline(case, CAL).due == D("2026-11-06")  # 5 working days later than 10-30


def test_consultation_after_extension_returns_to_extended():
    case = apply(processing(), Event.EXTEND, D("2026-10-20"), {"days": 20, "reason": "需调档", "approved_by": "张主任"})
    case = apply(case, Event.CONSULT_THIRD_PARTY, D("2026-10-21"))
    case = apply(case, Event.CONSULTATION_ENDED, D("2026-10-23"), {"reply": "consent"})
    assert case.state is State.EXTENDED and case.extension_wd == 20
    # 40 WD → 11-27, plus 10-21..10-23 (3 WD) paused → 12-02
    assert answer_deadline(case, CAL).due == D("2026-12-02")


def test_consultation_records_both_dates_and_the_reply():
    # letter sent Mon 10-12, received by the third party Wed 10-14: its 15 WD run from 10-14
    # (10-15, 16 = 2; 19..23 = 7; 26..30 = 12; 11-02..04 = 15 → 11-04), not from the day it was sent
    from xxgk.procedure import side_deadlines

    case = apply(processing(), Event.CONSULT_THIRD_PARTY, D("2026-10-12"), {"letter_received_on": "2026-10-14"})
    assert case.pauses[-1].start == D("2026-10-12") and case.pauses[-1].received_on == D("2026-10-14")
    assert "对方2026-10-14收到计，至2026-11-04" in side_deadlines(case, CAL)[0]
    refused(case, Event.CONSULTATION_ENDED, "2026-10-16", {}, "procedure.consultation_reply")
    ended = apply(case, Event.CONSULTATION_ENDED, D("2026-10-16"), {"reply": "objection"})
    assert ended.pauses[-1].reply == "objection" and ended.pauses[-1].end == D("2026-10-16")
    # the date of receipt may be recorded when the consultation ends, never before the letter went out
    later = apply(processing(), Event.CONSULT_AGENCY, D("2026-10-12"))
    refused(later, Event.CONSULT_THIRD_PARTY, "2026-10-12", code="procedure.not_allowed")
    refused(
        later,
        Event.CONSULTATION_ENDED,
        "2026-10-16",
        {"reply": "consent", "letter_received_on": "2026-10-09"},
        "procedure.consultation_received_before_sent",
    )
    got = apply(
        later, Event.CONSULTATION_ENDED, D("2026-10-16"), {"reply": "consent", "letter_received_on": "2026-10-13"}
    )
    assert got.pauses[-1].received_on == D("2026-10-13") and got.state is State.PROCESSING
    refused(
        processing(),
        Event.CONSULT_THIRD_PARTY,
        "2026-10-12",
        {"letter_received_on": "2026-10-10"},
        "procedure.consultation_received_before_sent",
    )


def test_silence_only_after_the_15_working_days_from_receipt_of_the_letter():
    case = apply(processing(), Event.CONSULT_THIRD_PARTY, D("2026-10-12"))
    refused(
        case, Event.CONSULTATION_ENDED, "2026-11-20", {"reply": "silence"}, "procedure.consultation_received_unknown"
    )
    case = apply(processing(), Event.CONSULT_THIRD_PARTY, D("2026-10-12"), {"letter_received_on": "2026-10-14"})
    err = refused(case, Event.CONSULTATION_ENDED, "2026-11-04", {"reply": "silence"}, "procedure.consultation_not_due")
    assert "2026-11-04" in err.message
    assert (
        apply(case, Event.CONSULTATION_ENDED, D("2026-11-05"), {"reply": "silence"}, CAL).pauses[-1].reply == "silence"
    )


def test_where_the_pause_starts_is_a_deployment_choice():
    from xxgk.workdays import ClockRules

    case = apply(processing(), Event.CONSULT_THIRD_PARTY, D("2026-10-12"), {"letter_received_on": "2026-10-14"})
    case = apply(case, Event.CONSULTATION_ENDED, D("2026-10-16"), {"reply": "consent"})
    # default: from the day the letter went out, 10-12..10-16 = 5 WD not counted → 10-30 + 5 WD = 11-06
    assert answer_deadline(case, CAL).due == D("2026-11-06")
    # from the day it was received: 10-14..10-16 = 3 WD → 11-04
    assert answer_deadline(case, CAL, rules=ClockRules(pause_from_letter_received=True)).due == D("2026-11-04")
    assert "对方2026-10-14收到征求意见书" in "\n".join(answer_deadline(case, CAL).explanation())


def test_pause_capped_at_the_reply_window_is_a_deployment_choice():
    from xxgk.workdays import ClockRules, Pause, compute_deadline

    # letter received 10-13; 15 WD: 10-14..16 = 3, 19..23 = 8, 26..30 = 13, 11-02, 03 = 15 → window closes 11-03
    case = apply(processing(), Event.CONSULT_THIRD_PARTY, D("2026-10-12"), {"letter_received_on": "2026-10-13"})
    case = apply(case, Event.CONSULTATION_ENDED, D("2026-11-20"), {"reply": "consent"})
    capped = answer_deadline(case, CAL, rules=ClockRules(pause_cap_wd=15))
    expected = compute_deadline(CAL, D("2026-09-28"), 20, pauses=[Pause(D("2026-10-12"), D("2026-11-03"))])
    assert capped.due == expected.due and capped.due < answer_deadline(case, CAL).due
    assert "至多暂停到对方收到后15个工作日" in "\n".join(capped.explanation())


def test_extension_in_an_unknown_year_is_checked_against_the_provisional_deadline():
    # R = 2026-12-10; 20 WD on weekends alone in 2027: 12-11 = 1 … 12-31 = 15, 01-01 = 16, 01-04..07 = 20
    case = processing("2026-12-10")
    data = {"days": 5, "reason": "需调档", "approved_by": "张主任"}
    err = refused(case, Event.EXTEND, "2027-01-08", data, "procedure.extend_late")
    assert "暂定答复期限为2027-01-07" in err.message and "2027年" in err.message
    assert apply(case, Event.EXTEND, D("2027-01-06"), data, CAL).extension_wd == 5


def test_disclosing_over_an_objection_needs_the_written_notice_to_the_third_party():
    case = apply(processing(), Event.CONSULT_THIRD_PARTY, D("2026-10-12"), {"letter_received_on": "2026-10-13"})
    objected = apply(case, Event.CONSULTATION_ENDED, D("2026-10-16"), {"reply": "objection"})
    err = refused(objected, Event.ANSWER, "2026-10-20", {"outcome": "disclosed"}, "procedure.third_party_notice")
    assert "书面告知第三方" in err.message and "第三十二条" in err.message
    refused(
        objected,
        Event.ANSWER,
        "2026-10-20",
        {"outcome": "disclosed", "third_party_notice_on": "2026-10-20"},
        "procedure.third_party_notice",
    )
    notice = {"third_party_notice_on": "2026-10-20", "third_party_notice": "涉及公共安全，决定公开检测报告，理由如下……"}
    done = apply(objected, Event.ANSWER, D("2026-10-20"), {"outcome": "disclosed", **notice})
    assert done.third_party_notice_on == D("2026-10-20") and done.third_party_notice.startswith("涉及公共安全")
    # withholding, a partial answer, or a consent need no notice
    assert apply(objected, Event.ANSWER, D("2026-10-20"), {"outcome": "denied_third_party"}).state is State.ANSWERED
    assert apply(objected, Event.ANSWER, D("2026-10-20"), {"outcome": "partial"}).state is State.ANSWERED
    consented = apply(case, Event.CONSULTATION_ENDED, D("2026-10-16"), {"reply": "consent"})
    assert apply(consented, Event.ANSWER, D("2026-10-20"), {"outcome": "disclosed"}).third_party_notice_on is None


# --------------------------------------------------------------------------- extension


def test_extension_once_at_most_20_with_reason_and_approval():
    case = processing()
    refused(case, Event.EXTEND, "2026-10-20", {"days": 21, "reason": "x", "approved_by": "y"}, "procedure.extend_days")
    refused(case, Event.EXTEND, "2026-10-20", {"days": 0, "reason": "x", "approved_by": "y"}, "procedure.extend_days")
    refused(case, Event.EXTEND, "2026-10-20", {"days": 10, "reason": "", "approved_by": "y"}, "procedure.missing_data")
    refused(case, Event.EXTEND, "2026-10-20", {"days": 10, "reason": "x", "approved_by": ""}, "procedure.missing_data")
    case = apply(case, Event.EXTEND, D("2026-10-20"), {"days": 20, "reason": "需调档", "approved_by": "张主任"})
    assert case.state is State.EXTENDED
    assert answer_deadline(case, CAL).due == D("2026-11-27")
    refused(case, Event.EXTEND, "2026-10-21", {"days": 5, "reason": "x", "approved_by": "y"}, "procedure.not_allowed")
    refused(
        replace(case, state=State.PROCESSING),
        Event.EXTEND,
        "2026-10-21",
        {"days": 5, "reason": "x", "approved_by": "y"},
        "procedure.extend_once",
    )


def test_extension_refused_after_the_deadline():
    refused(
        processing(),
        Event.EXTEND,
        "2026-11-02",
        {"days": 5, "reason": "x", "approved_by": "y"},
        "procedure.extend_late",
    )


# --------------------------------------------------------------------------- 第三十五条


def test_excessive_needs_reasons_first():
    refused(processing(), Event.ANSWER, "2026-10-09", {"outcome": "excessive"}, "procedure.outcome_needs_reason")
    case = apply(processing(), Event.REQUEST_REASON, D("2026-10-09"))
    assert case.state is State.REASON_REQUESTED
    refused(case, Event.ANSWER, "2026-10-12", {"outcome": "disclosed"}, "procedure.reason_pending")
    done = apply(case, Event.ANSWER, D("2026-10-12"), {"outcome": "excessive"})
    assert done.outcome is Outcome.EXCESSIVE


def test_reasons_accepted_with_a_delayed_date():
    case = apply(processing(), Event.REQUEST_REASON, D("2026-10-09"))
    refused(case, Event.REASONS_ACCEPTED, "2026-10-12", {"delayed_due": "2026-10-12"}, "procedure.delayed_due")
    delayed = apply(case, Event.REASONS_ACCEPTED, D("2026-10-12"), {"delayed_due": "2026-12-15"})
    assert delayed.state is State.DELAYED_BY_ORGAN and current_due(delayed, CAL).due == D("2026-12-15")
    resumed = apply(case, Event.REASONS_ACCEPTED, D("2026-10-12"), {})
    assert resumed.state is State.PROCESSING


# --------------------------------------------------------------------------- fees


def test_fee_paid_resumes_and_unpaid_abandons_after_20_wd():
    case = apply(processing(), Event.SEND_FEE_NOTICE, D("2026-10-12"), fee(20, notice_received_on="2026-10-14"))
    assert case.state is State.FEE_NOTICE_SENT
    refused(case, Event.ANSWER, "2026-10-15", {"outcome": "disclosed"}, "procedure.not_allowed")
    paid = apply(case, Event.FEE_PAID, D("2026-10-20"))
    assert paid.state is State.PROCESSING and paid.fee_paid_on == D("2026-10-20")
    # 20 WD from the day after 10-14: 10-15,16 = 2; 19..23 = 7; 26..30 = 12; 11-02..06 = 17; 11-09..11 = 20
    assert fee_payment_deadline(case, CAL).due == D("2026-11-11")
    refused(case, Event.FEE_UNPAID, "2026-11-11", code="procedure.fee_not_due")
    gone = apply(case, Event.FEE_UNPAID, D("2026-11-12"), calendar=CAL)
    assert gone.state is State.CLOSED_ABANDONED and gone.outcome is Outcome.ABANDONED_FEE_UNPAID


def test_fee_rules():
    refused(processing("2020-10-09"), Event.SEND_FEE_NOTICE, "2020-10-12", fee(), "procedure.fee_before_2021")
    # the first ten pieces of the month are free: no fee notice
    err = refused(processing(), Event.SEND_FEE_NOTICE, "2026-10-12", fee(3, 0), "procedure.fee_amount")
    assert "应收0元" in err.message and "第1—3件：3件，不收费" in err.message
    refused(
        processing(),
        Event.SEND_FEE_NOTICE,
        "2026-10-12",
        fee(notice_received_on="2026-10-10"),
        "procedure.fee_received_before_sent",
    )
    case = apply(processing(), Event.SEND_FEE_NOTICE, D("2026-10-12"), fee())
    case = apply(case, Event.FEE_PAID, D("2026-10-13"))
    refused(case, Event.SEND_FEE_NOTICE, "2026-10-14", fee(), "procedure.fee_once")


def test_fee_amount_is_computed_from_the_recorded_basis():
    # 按件: the 11th–30th pieces of the month cost 100 元, the 31st–35th 200 元 (spec §6: 35 pieces → 3,000 元)
    case = apply(processing(), Event.SEND_FEE_NOTICE, D("2026-10-12"), fee(25, 10))
    assert case.fee_amount == 3000 and case.fee_basis == "pieces" and case.fee_quantity == 25
    assert case.fee_earlier_in_month == 10 and case.fee_payment_method == PAY
    # 按量: 250 pages → 70×10 + 100×20 + 50×40 = 4,700 元
    pages = {"fee_basis": "pages", "quantity": 250, "payment_method": PAY}
    assert apply(processing(), Event.SEND_FEE_NOTICE, D("2026-10-12"), pages).fee_amount == 4700
    # a typed amount is checked against the standard, not taken as is
    err = refused(
        processing(), Event.SEND_FEE_NOTICE, "2026-10-12", fee(1, 10, amount="500"), "procedure.fee_amount_mismatch"
    )
    assert "100元" in err.message and "第11件：1件×100元＝100元" in err.message
    assert apply(processing(), Event.SEND_FEE_NOTICE, D("2026-10-12"), fee(1, 10, amount="100.00")).fee_amount == 100


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"amount": "100", "payment_method": PAY}, "procedure.fee_basis"),
        ({"fee_basis": "both", "quantity": 3, "payment_method": PAY}, "procedure.fee_basis"),
        ({"fee_basis": "pieces", "payment_method": PAY}, "procedure.fee_quantity"),
        ({"fee_basis": "pages", "quantity": 0, "payment_method": PAY}, "procedure.fee_quantity"),
        ({"fee_basis": "pages", "quantity": 100_001, "payment_method": PAY}, "procedure.fee_quantity"),
        (
            {"fee_basis": "pages", "quantity": 300, "earlier_in_month": 5, "payment_method": PAY},
            "procedure.fee_quantity",
        ),
        ({"fee_basis": "pieces", "quantity": 1, "earlier_in_month": 10}, "procedure.missing_data"),
    ],
)
def test_fee_notice_needs_basis_quantity_and_payment_method(data, code):
    err = refused(processing(), Event.SEND_FEE_NOTICE, "2026-10-12", data, code)
    assert not err.message.isascii()


def test_unpaid_fee_in_an_unknown_year_is_provisional_not_blocked():
    # notice received Thu 2026-12-10; 20 WD from the next day: 12-11 = 1, 14..18 = 6, 21..25 = 11,
    # 28..31 = 15; 2027 unknown, weekends only: 01-01 (Fri) = 16, 01-04..07 = 20 → 2027-01-07 (暂定)
    case = apply(processing("2026-12-01"), Event.SEND_FEE_NOTICE, D("2026-12-09"), fee(notice_received_on="2026-12-10"))
    err = refused(case, Event.FEE_UNPAID, "2027-01-07", code="procedure.fee_not_due")
    assert "2027-01-07" in err.message and "暂定" in err.message
    gone = apply(case, Event.FEE_UNPAID, D("2027-01-08"), calendar=CAL)
    assert gone.state is State.CLOSED_ABANDONED and gone.outcome is Outcome.ABANDONED_FEE_UNPAID
    # the guard checks even when the caller passes no calendar
    with pytest.raises(TransitionRefused) as exc:
        apply(case, Event.FEE_UNPAID, D("2026-12-20"))
    assert exc.value.code == "procedure.fee_not_due"


# --------------------------------------------------------------------------- answer, withdrawal, archive


@pytest.mark.parametrize("outcome", sorted(ANSWER_OUTCOMES - {Outcome.UNCLEAR_AFTER_CORRECTION, Outcome.EXCESSIVE}))
def test_answer_with_each_outcome(outcome):
    case = apply(processing(), Event.ANSWER, D("2026-10-09"), {"outcome": outcome})
    assert case.state is State.ANSWERED and case.outcome is outcome and case.closed_on == D("2026-10-09")


def test_on_the_spot_answer_from_received():
    case = apply(received(), Event.ANSWER, D("2026-09-28"), {"outcome": "already_public"})
    assert case.state is State.ANSWERED


@pytest.mark.parametrize("outcome", ["abandoned_no_correction", "abandoned_fee_unpaid", "other", "nonsense", None])
def test_answer_refuses_closure_outcomes(outcome):
    refused(processing(), Event.ANSWER, "2026-10-09", {"outcome": outcome}, "procedure.outcome")


def test_withdrawal_closes_and_nothing_follows():
    case = apply(processing(), Event.CONSULT_AGENCY, D("2026-10-12"))
    case = apply(case, Event.WITHDRAW, D("2026-10-13"), {"reason": "申请人书面撤回"})
    assert case.state is State.CLOSED_OTHER and case.outcome is Outcome.OTHER
    assert all(p.end is not None for p in case.pauses)
    err = refused(case, Event.ANSWER, "2026-10-14", {"outcome": "disclosed"}, "procedure.not_allowed")
    assert "已撤回" in err.message
    for event in RULES:
        if event is not Event.ARCHIVE:
            refused(case, event, "2026-10-14", code="procedure.not_allowed")


def test_archive_only_closed_and_once():
    refused(processing(), Event.ARCHIVE, "2026-10-14", code="procedure.not_allowed")
    case = apply(processing(), Event.ANSWER, D("2026-10-09"), {"outcome": "disclosed"})
    case = apply(case, Event.ARCHIVE, D("2026-10-20"))
    assert case.archived_on == D("2026-10-20") and case.state is State.ANSWERED
    refused(case, Event.ARCHIVE, "2026-10-21", code="procedure.archived")


def test_dates_cannot_go_backwards():
    refused(processing("2026-10-09"), Event.ANSWER, "2026-10-08", {"outcome": "disclosed"}, "procedure.date_order")


def test_unknown_event():
    refused(processing(), "teleport", "2026-10-09", code="procedure.unknown_event")  # type: ignore[arg-type]


def test_every_state_has_a_way_out_or_is_terminal():
    for state in State:
        events = allowed_events(Case(state=state))
        if state in TERMINAL:
            assert events == [Event.ARCHIVE]
        else:
            assert Event.WITHDRAW in events


# --------------------------------------------------------------------------- table 三


@pytest.mark.parametrize("edition", ["2019_trial", "2021"])
def test_outcome_rows_are_rows_of_the_edition(edition):
    table = get_edition(edition).table("table_3")
    data_rows = {r.key for r in table.data_rows}
    mapping = OUTCOME_ROWS[edition]
    assert set(mapping) == set(Outcome)
    assert set(mapping.values()) <= data_rows
    # every result row of the edition is reachable from some outcome
    result_rows = {
        r.key
        for r in table.data_rows
        if r.key not in {"new_received", "carried_over", "results_total", "carried_forward"}
    }
    assert set(mapping.values()) == result_rows


def test_1000_random_applications_balance_and_carry_over():
    rng = random.Random(20261125)
    records = []
    accepted = refused_n = 0
    for _ in range(1000):
        kind, channel, submitted = random_start(rng, D("2024-06-01"), D("2026-09-30"))
        case = register(channel, submitted)

        def do(step, _holder=[case]):  # noqa: B006 - the holder carries the case between steps
            _holder[0] = apply(_holder[0], step.event, step.on, step.data, CAL)
            return _holder[0]

        case, a, r = walk(rng, submitted, D("2026-11-20"), do, case)
        accepted += a
        refused_n += r
        records.append(RegisterRecord(kind, case.received_on, case.closed_on, case.outcome))
    assert accepted > 2000 and refused_n > 100  # the walks exercised both paths
    reports = {y: table_3_from_register(records, y, agency="测试机关") for y in (2024, 2025, 2026)}
    assert reports[2024].edition == "2021"
    for year, report in reports.items():
        assert table_3_violations(report) == [], year
    for y in (2024, 2025):
        for col in [c.key for c in get_edition("2021").table("table_3").groups[0].columns]:
            assert reports[y].value(f"table_3.carried_forward.{col}") == reports[y + 1].value(
                f"table_3.carried_over.{col}"
            )
    # the whole `xxgk check` engine, with last year's report for the cross-year carry rule
    engine = pytest.importorskip("xxgk.rules.engine")
    for y in (2025, 2026):
        findings = engine.check_report(reports[y], previous=reports[y - 1])
        assert [f for f in findings if f.severity == "error"] == []
        assert [f.code for f in findings if any(c.startswith("table_3.") for c in f.cells or ())] == []
    # independent counts
    closed_2025 = sum(1 for r in records if r.received_on and r.closed_on and r.closed_on.year == 2025)
    assert reports[2025].value("table_3.results_total.total") == closed_2025
    assert reports[2026].value("table_3.new_received.total") == sum(
        1 for r in records if r.received_on and r.received_on.year == 2026
    )
    assert all(reports[y].value("table_3.carried_forward.total") > 0 for y in (2024, 2025, 2026))
    src = reports[2026].cell("table_3.carried_over.natural_person").source
    assert src.kind == "register" and "2025年12月31日" in src.query


def test_2019_trial_edition_rows():
    records = [
        RegisterRecord("natural_person", D("2020-03-02"), D("2020-04-01"), Outcome.ABANDONED_FEE_UNPAID),
        RegisterRecord("research_institution", D("2020-03-02"), D("2020-04-01"), Outcome.ABANDONED_NO_CORRECTION),
        RegisterRecord("natural_person", D("2020-12-30")),
        RegisterRecord("natural_person", None, D("2020-05-01"), Outcome.OTHER),  # withdrawn before receipt: not counted
    ]
    report = table_3_from_register(records, 2020)
    assert report.edition == "2019_trial"
    assert report.value("table_3.other_processing.total") == 2
    assert report.value("table_3.new_received.total") == 3
    assert report.value("table_3.carried_forward.natural_person") == 1
    assert table_3_violations(report) == []
    assert {n.code for n in report.notes} == {"register.table_3_only", "register.year_by_reply_date"}


def test_every_event_outside_its_states_is_refused():
    """The whole table: for every state and every event whose rule does not list
    that state, apply refuses with procedure.not_allowed and a Chinese message."""
    checked = 0
    for state in State:
        case = Case(state=state, received_on=D("2026-09-28"), last_event_on=D("2026-09-28"))
        for event, rule in RULES.items():
            if state in rule.sources:
                continue
            err = refused(case, event, "2026-09-29", {"outcome": "disclosed"}, "procedure.not_allowed")
            assert err.message and not err.message.isascii()
            checked += 1
    assert checked > 150


def test_side_deadlines():
    from xxgk.procedure import side_deadlines

    # 7 WD from 2026-09-28: 09-29, 09-30 = 2; 10-08, 10-09 = 4; 10-10 (Sat 调休) = 5; 10-12, 10-13 = 7
    assert "2026-10-13" in side_deadlines(received(), CAL)[0]
    consulting = apply(processing(), Event.CONSULT_THIRD_PARTY, D("2026-10-12"))
    # 15 WD from 10-12: 13..16 = 4, 19..23 = 9, 26..30 = 14, 11-02 = 15
    assert "至2026-11-02" in side_deadlines(consulting, CAL)[0]
    noticed = apply(processing(), Event.SEND_FEE_NOTICE, D("2026-10-12"), fee(notice_received_on="2026-10-14"))
    assert "缴费期限：2026-11-11" in side_deadlines(noticed, CAL)[0]
    assert side_deadlines(apply(processing(), Event.ANSWER, D("2026-10-12"), {"outcome": "disclosed"}), CAL) == []


def test_fee_notice_pause_is_a_deployment_choice():
    from xxgk.workdays import ClockRules

    case = apply(processing(), Event.SEND_FEE_NOTICE, D("2026-10-12"), fee())
    case = apply(case, Event.FEE_PAID, D("2026-10-16"))
    assert answer_deadline(case, CAL).due == D("2026-10-30")  # default: the clock keeps running
    paused = answer_deadline(case, CAL, rules=ClockRules(fee_notice_pauses=True))
    assert paused.due == D("2026-11-06")  # 10-12..10-16 (5 working days) not counted
    assert "收费通知至缴费" in "\n".join(paused.explanation())


def test_extension_deadline_guard_uses_the_configured_rules():
    from xxgk.workdays import ClockRules

    # counting the receipt day, 20 WD from 09-28 end on 10-29: an extension on 10-30 is too late
    data = {"days": 5, "reason": "x", "approved_by": "y"}
    with pytest.raises(TransitionRefused) as exc:
        apply(processing(), Event.EXTEND, D("2026-10-30"), data, CAL, ClockRules(count_start_day=True))
    assert exc.value.code == "procedure.extend_late"
    assert apply(processing(), Event.EXTEND, D("2026-10-30"), data, CAL).state is State.EXTENDED
