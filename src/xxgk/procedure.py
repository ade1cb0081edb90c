"""The 依申请公开 procedure as a table-driven state machine (no Django).

Source: ``shared/spec/application-procedure.md`` (条例 2019 §§27–45; 国办函〔2020〕109号).

* :class:`State`, :class:`Event`, :class:`Outcome` — closed lists with Chinese labels;
* :data:`RULES` — the table ``event → (from states, to state, guard, effect)``;
* :func:`apply` — validates one transition and returns the new :class:`Case`
  (pure: the caller stores it and writes the audit event);
* :data:`OUTCOME_ROWS` — outcome → table-三 row key per edition (spec §5);
* :func:`answer_deadline` and friends — the deadline formula of spec §4 on a
  :class:`~xxgk.workdays.WorkCalendar`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, NoReturn

from xxgk.errors import XxgkError
from xxgk.fees import FEE_BASIS_LABELS, MAX_FEE_UNITS, FeeBasis, FeeQuote, quote
from xxgk.workdays import ClockRules, Deadline, Pause, WorkCalendar, compute_deadline, years_text

ANSWER_WD = 20  # 第三十三条第二款
MAX_EXTENSION_WD = 20  # 第三十三条第二款
CORRECTION_NOTICE_WD = 7  # 第三十条
CONSULTATION_REPLY_WD = 15  # 第三十二条, 第三十四条
FEE_PAYMENT_WD = 20  # 109号 as restated locally
FEES_FROM = date(2021, 1, 1)  # 109号: fees charged from 2021-01-01


class State(StrEnum):
    SUBMITTED = "submitted"
    RECEIVED = "received"
    AWAITING_CORRECTION = "awaiting_correction"
    PROCESSING = "processing"
    CONSULTING_THIRD_PARTY = "consulting_third_party"
    CONSULTING_AGENCY = "consulting_agency"
    REASON_REQUESTED = "reason_requested"
    DELAYED_BY_ORGAN = "delayed_by_organ"
    EXTENDED = "extended"
    FEE_NOTICE_SENT = "fee_notice_sent"
    ANSWERED = "answered"
    CLOSED_ABANDONED = "closed_abandoned"
    CLOSED_OTHER = "closed_other"


STATE_LABELS: dict[State, str] = {
    State.SUBMITTED: "已提交（待确认收到）",
    State.RECEIVED: "已收到",
    State.AWAITING_CORRECTION: "待补正",
    State.PROCESSING: "办理中",
    State.CONSULTING_THIRD_PARTY: "征求第三方意见",
    State.CONSULTING_AGENCY: "征求其他机关意见",
    State.REASON_REQUESTED: "要求说明理由",
    State.DELAYED_BY_ORGAN: "确定延迟答复期限",
    State.EXTENDED: "已延期",
    State.FEE_NOTICE_SENT: "已发收费通知",
    State.ANSWERED: "已答复",
    State.CLOSED_ABANDONED: "视为放弃申请",
    State.CLOSED_OTHER: "其他终止（撤回等）",
}
TERMINAL = frozenset({State.ANSWERED, State.CLOSED_ABANDONED, State.CLOSED_OTHER})
PAUSED = frozenset({State.CONSULTING_THIRD_PARTY, State.CONSULTING_AGENCY})
HANDLING = frozenset({State.RECEIVED, State.PROCESSING, State.EXTENDED})


class Event(StrEnum):
    SUBMIT = "submit"  # the register entry itself (audit log only)
    CONFIRM_RECEIPT = "confirm_receipt"
    ACCEPT = "accept"
    REQUEST_CORRECTION = "request_correction"
    CORRECTION_RECEIVED = "correction_received"
    CORRECTION_LAPSED = "correction_lapsed"
    CONSULT_THIRD_PARTY = "consult_third_party"
    CONSULT_AGENCY = "consult_agency"
    CONSULTATION_ENDED = "consultation_ended"
    EXTEND = "extend"
    REQUEST_REASON = "request_reason"
    REASONS_ACCEPTED = "reasons_accepted"
    SEND_FEE_NOTICE = "send_fee_notice"
    FEE_PAID = "fee_paid"
    FEE_UNPAID = "fee_unpaid"
    ANSWER = "answer"
    WITHDRAW = "withdraw"
    ARCHIVE = "archive"


EVENT_LABELS: dict[Event, str] = {
    Event.SUBMIT: "登记申请",
    Event.CONFIRM_RECEIPT: "确认收到申请",
    Event.ACCEPT: "开始办理",
    Event.REQUEST_CORRECTION: "发出补正通知",
    Event.CORRECTION_RECEIVED: "收到补正后的申请",
    Event.CORRECTION_LAPSED: "逾期未补正，视为放弃",
    Event.CONSULT_THIRD_PARTY: "书面征求第三方意见",
    Event.CONSULT_AGENCY: "征求其他机关意见",
    Event.CONSULTATION_ENDED: "征求意见结束",
    Event.EXTEND: "延长答复期限",
    Event.REQUEST_REASON: "要求申请人说明理由",
    Event.REASONS_ACCEPTED: "理由合理，继续办理",
    Event.SEND_FEE_NOTICE: "发出收费通知",
    Event.FEE_PAID: "申请人已缴费",
    Event.FEE_UNPAID: "逾期未缴费，视为放弃",
    Event.ANSWER: "作出答复",
    Event.WITHDRAW: "申请人撤回申请",
    Event.ARCHIVE: "归档",
}

# Extra data each event takes (names of the form fields; see ``apply``).
EVENT_FIELDS: dict[Event, tuple[str, ...]] = {
    Event.REQUEST_CORRECTION: ("correction_due", "reason"),
    Event.CONSULT_THIRD_PARTY: ("letter_received_on", "reason"),
    Event.CONSULT_AGENCY: ("letter_received_on", "reason"),
    Event.CONSULTATION_ENDED: ("reply", "letter_received_on", "reason"),
    Event.EXTEND: ("days", "reason", "approved_by"),
    Event.REQUEST_REASON: ("reason",),
    Event.REASONS_ACCEPTED: ("delayed_due", "reason"),
    Event.SEND_FEE_NOTICE: (
        "fee_basis",
        "quantity",
        "earlier_in_month",
        "amount",
        "payment_method",
        "notice_received_on",
        "reason",
    ),
    Event.ANSWER: ("outcome", "third_party_notice_on", "third_party_notice", "reason"),
    Event.WITHDRAW: ("reason",),
}


# How a consultation ended (第三十二条, 第三十四条).
CONSULTATION_REPLIES: dict[str, str] = {
    "consent": "同意公开",
    "objection": "不同意公开（提出异议及理由）",
    "silence": "逾期未提出意见",
}
THIRD_PARTY = "征求第三方意见"
OTHER_AGENCY = "征求其他机关意见"


class Outcome(StrEnum):
    ALREADY_PUBLIC = "already_public"
    DISCLOSED = "disclosed"
    PARTIAL = "partial"
    DENIED_STATE_SECRET = "denied_state_secret"  # noqa: S105 - an outcome code, not a password
    DENIED_PROHIBITED_BY_LAW = "denied_prohibited_by_law"
    DENIED_SECURITY_STABILITY = "denied_security_stability"
    DENIED_THIRD_PARTY = "denied_third_party"
    DENIED_INTERNAL_AFFAIRS = "denied_internal_affairs"
    DENIED_PROCESS_INFO = "denied_process_info"
    DENIED_ENFORCEMENT_FILE = "denied_enforcement_file"
    SPECIAL_ACCESS_REGIME = "special_access_regime"
    NOT_EXIST = "not_exist"
    NOT_RESPONSIBLE = "not_responsible"
    REQUIRES_CREATION = "requires_creation"
    UNCLEAR_AFTER_CORRECTION = "unclear_after_correction"
    PETITION_COMPLAINT = "petition_complaint"
    REPEAT = "repeat"
    PUBLICATION = "publication"
    EXCESSIVE = "excessive"
    CONFIRM_OR_REISSUE = "confirm_or_reissue"
    ABANDONED_NO_CORRECTION = "abandoned_no_correction"
    ABANDONED_FEE_UNPAID = "abandoned_fee_unpaid"
    OTHER = "other"


# What the organ tells the applicant (user-facing), with the legal basis.
OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.ALREADY_PUBLIC: "已主动公开，告知获取方式和途径（第三十六条第一项）",
    Outcome.DISCLOSED: "予以公开（第三十六条第二项）",
    Outcome.PARTIAL: "部分公开（区分处理，第三十七条）",
    Outcome.DENIED_STATE_SECRET: "不予公开：属于国家秘密（第十四条）",
    Outcome.DENIED_PROHIBITED_BY_LAW: "不予公开：其他法律行政法规禁止公开（第十四条）",
    Outcome.DENIED_SECURITY_STABILITY: "不予公开：危及“三安全一稳定”（第十四条）",
    Outcome.DENIED_THIRD_PARTY: "不予公开：保护第三方合法权益（第十五条）",
    Outcome.DENIED_INTERNAL_AFFAIRS: "不予公开：属于三类内部事务信息（第十六条第一款）",
    Outcome.DENIED_PROCESS_INFO: "不予公开：属于四类过程性信息（第十六条第二款）",
    Outcome.DENIED_ENFORCEMENT_FILE: "不予公开：属于行政执法案卷（第十六条第二款）",
    Outcome.SPECIAL_ACCESS_REGIME: "不予公开：属于行政查询事项（第三十六条第七项）",
    Outcome.NOT_EXIST: "无法提供：政府信息不存在（第三十六条第四项）",
    Outcome.NOT_RESPONSIBLE: "无法提供：不属于本机关负责公开（第三十六条第五项）",
    Outcome.REQUIRES_CREATION: "无法提供：没有现成信息需要另行制作（第三十八条）",
    Outcome.UNCLEAR_AFTER_CORRECTION: "无法提供：补正后申请内容仍不明确（第三十条）",
    Outcome.PETITION_COMPLAINT: "不予处理：信访举报投诉类申请（第三十九条第一款）",
    Outcome.REPEAT: "不予处理：重复申请（第三十六条第六项）",
    Outcome.PUBLICATION: "不予处理：要求提供公开出版物（第三十九条第二款）",
    Outcome.EXCESSIVE: "不予处理：无正当理由大量反复申请（第三十五条）",
    Outcome.CONFIRM_OR_REISSUE: "不予处理：要求行政机关确认或重新出具已获取信息",
    Outcome.ABANDONED_NO_CORRECTION: "其他处理：逾期不补正，不再处理（第三十条）",
    Outcome.ABANDONED_FEE_UNPAID: "其他处理：逾期未缴纳信息处理费，不再处理",
    Outcome.OTHER: "其他处理：撤回等",
}

# Outcomes a reply can carry; the others come from closure events.
ANSWER_OUTCOMES = frozenset(Outcome) - {Outcome.ABANDONED_NO_CORRECTION, Outcome.ABANDONED_FEE_UNPAID, Outcome.OTHER}

_SAME_ROW: dict[Outcome, str] = {
    Outcome.ALREADY_PUBLIC: "granted",
    Outcome.DISCLOSED: "granted",
    Outcome.PARTIAL: "partially_granted",
    Outcome.DENIED_STATE_SECRET: "denied_state_secret",
    Outcome.DENIED_PROHIBITED_BY_LAW: "denied_prohibited_by_law",
    Outcome.DENIED_SECURITY_STABILITY: "denied_three_securities_one_stability",
    Outcome.DENIED_THIRD_PARTY: "denied_third_party_rights",
    Outcome.DENIED_INTERNAL_AFFAIRS: "denied_internal_affairs",
    Outcome.DENIED_PROCESS_INFO: "denied_process_information",
    Outcome.DENIED_ENFORCEMENT_FILE: "denied_enforcement_case_file",
    Outcome.SPECIAL_ACCESS_REGIME: "denied_administrative_query",
    Outcome.NOT_EXIST: "unable_not_held",
    Outcome.NOT_RESPONSIBLE: "unable_not_held",
    Outcome.REQUIRES_CREATION: "unable_requires_creation",
    Outcome.UNCLEAR_AFTER_CORRECTION: "unable_unclear_after_correction",
    Outcome.PETITION_COMPLAINT: "not_processed_petition_complaint",
    Outcome.REPEAT: "not_processed_repeat",
    Outcome.PUBLICATION: "not_processed_publication",
    Outcome.EXCESSIVE: "not_processed_excessive",
    Outcome.CONFIRM_OR_REISSUE: "not_processed_confirm_or_reissue",
}
# Table-三 row key of each outcome, per edition (spec §5; keys of editions.json).
OUTCOME_ROWS: dict[str, dict[Outcome, str]] = {
    "2019_trial": {
        **_SAME_ROW,
        Outcome.ABANDONED_NO_CORRECTION: "other_processing",
        Outcome.ABANDONED_FEE_UNPAID: "other_processing",
        Outcome.OTHER: "other_processing",
    },
    "2021": {
        **_SAME_ROW,
        Outcome.ABANDONED_NO_CORRECTION: "other_no_correction",
        Outcome.ABANDONED_FEE_UNPAID: "other_fee_unpaid",
        Outcome.OTHER: "other_other",
    },
}

# Applicant kinds = the six columns of table 三 (keys of editions.json).
APPLICANT_KINDS = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "public_interest_organization",
    "legal_service_institution",
    "other_organization",
)


class Channel(StrEnum):
    IN_PERSON = "in_person"
    REGISTERED_MAIL = "registered_mail"
    ORDINARY_MAIL = "ordinary_mail"
    INTERNET = "internet"
    FAX = "fax"
    EMAIL = "email"


# When the application counts as received (第三十一条, spec §2).
CHANNEL_LABELS: dict[Channel, str] = {
    Channel.IN_PERSON: "当面提交",
    Channel.REGISTERED_MAIL: "挂号信等需签收的邮件",
    Channel.ORDINARY_MAIL: "平信等无需签收的邮件",
    Channel.INTERNET: "互联网渠道",
    Channel.FAX: "传真",
    Channel.EMAIL: "电子邮件",
}
RECEIPT_RULES: dict[Channel, str] = {
    Channel.IN_PERSON: "以提交之日为收到申请之日",
    Channel.REGISTERED_MAIL: "以行政机关签收之日为收到申请之日",
    Channel.ORDINARY_MAIL: "收到当日与申请人确认，以确认之日为收到申请之日",
    Channel.INTERNET: "以双方确认之日为收到申请之日",
    Channel.FAX: "以双方确认之日为收到申请之日",
    Channel.EMAIL: "以双方确认之日为收到申请之日（数据电文）",
}
RECEIVED_ON_SUBMISSION = frozenset({Channel.IN_PERSON})


class TransitionRefused(XxgkError):
    """A transition the procedure does not allow; ``code`` says which rule."""

    code = "procedure.refused"


# --------------------------------------------------------------------------- the case


@dataclass(frozen=True)
class Case:
    """Everything the clock and the guards need, nothing personal."""

    channel: Channel = Channel.IN_PERSON
    state: State = State.SUBMITTED
    submitted_on: date | None = None
    received_on: date | None = None
    correction_requested_on: date | None = None
    correction_due: date | None = None
    corrected_on: date | None = None
    extension_wd: int = 0
    extension_reason: str = ""
    pauses: tuple[Pause, ...] = ()
    reason_requested_on: date | None = None
    delayed_due: date | None = None
    fee_amount: Decimal | None = None
    fee_basis: str = ""  # xxgk.fees.FeeBasis value
    fee_quantity: int | None = None  # pieces (按件) or pages (按量) of this application
    fee_earlier_in_month: int = 0  # 按件: the applicant's earlier pieces this natural month
    fee_payment_method: str = ""
    fee_notice_on: date | None = None
    fee_notice_received_on: date | None = None
    fee_paid_on: date | None = None
    outcome: Outcome | None = None
    third_party_notice_on: date | None = None  # E8: written notice to an objecting third party
    third_party_notice: str = ""
    closed_on: date | None = None
    archived_on: date | None = None
    last_event_on: date | None = None
    resume_state: State | None = None

    @property
    def is_open(self) -> bool:
        return self.state not in TERMINAL

    @property
    def clock_start(self) -> date | None:
        """R′ after a correction, else R (spec §4)."""
        return self.corrected_on or self.received_on


# What ``apply`` hands the guards: a calendar, a function building one on first use (the
# web app's agency calendar costs queries, and most events need none), or None.
CalendarSource = WorkCalendar | Callable[[], WorkCalendar] | None


@dataclass(frozen=True)
class Rule:
    event: Event
    sources: frozenset[State]
    target: State | None  # None: decided by the effect (resume state)
    guard: Callable[[Case, date, Mapping[str, Any], CalendarSource], None] | None = None
    effect: Callable[[Case, date, Mapping[str, Any]], dict[str, Any]] = field(default=lambda c, on, d: {})


# The deployment's counting choices for the guards that compute a deadline (set by ``apply``).
_RULES: ContextVar[ClockRules | None] = ContextVar("xxgk_clock_rules", default=None)


def _refuse(code: str, message: str) -> NoReturn:
    raise TransitionRefused(message, code=f"procedure.{code}")


def _date(data: Mapping[str, Any], name: str, label: str) -> date:
    v = data.get(name)
    if isinstance(v, date):
        return v
    if isinstance(v, str) and v:
        try:
            return date.fromisoformat(v)
        except ValueError:
            pass
    raise TransitionRefused(f"请填写有效的{label}（YYYY-MM-DD）", code="procedure.missing_data")


def _text(data: Mapping[str, Any], name: str, label: str) -> str:
    v = str(data.get(name) or "").strip()
    if not v:
        raise TransitionRefused(f"请填写{label}", code="procedure.missing_data")
    return v


# ---- guards


def _calendar(cal: CalendarSource) -> WorkCalendar:
    """The caller's calendar (built now when given as a function), else the package
    calendar: a guard never skips its check."""
    if cal is None:
        return WorkCalendar()
    return cal if isinstance(cal, WorkCalendar) else cal()


def _g_correction(c: Case, on: date, d: Mapping[str, Any], cal: CalendarSource) -> None:
    if c.correction_requested_on is not None:
        _refuse("correction_once", "补正通知只能发出一次（条例第三十条）")
    due = _date(d, "correction_due", "补正期限")
    if due <= on:
        _refuse("correction_due", "补正期限应晚于补正通知之日")
    # 第三十条: the notice goes out within 7 WD of receipt; a later one would restart
    # the answer clock of a case that may already be late, so it is refused.
    limit = correction_notice_deadline(c, _calendar(cal), rules=_RULES.get(), provisional=True)
    if limit is not None and on > limit.due:
        if limit.provisional:
            ys = years_text(limit.missing_years)
            _refuse(
                "correction_late",
                f"补正通知应在收到申请之日（{c.received_on}）起7个工作日内发出（条例第三十条）；"
                f"按周末推算的暂定期限为{limit.due}，工作日日历缺少{ys}的数据，"
                "请先录入该年节假日安排再登记",
            )
        _refuse(
            "correction_late",
            f"补正通知应在收到申请之日（{c.received_on}）起7个工作日内发出，已于{limit.due}届满（条例第三十条）；"
            "逾期不能再要求补正，也不能因此重新计算答复期限，请按原申请继续办理并答复",
        )


def _g_consult(c: Case, on: date, d: Mapping[str, Any], cal: CalendarSource) -> None:
    if d.get("letter_received_on") and _date(d, "letter_received_on", "对方收到征求意见书之日") < on:
        _refuse("consultation_received_before_sent", "对方收到征求意见书之日不能早于发函之日")


def _g_consultation_ended(c: Case, on: date, d: Mapping[str, Any], cal: CalendarSource) -> None:
    reply = str(d.get("reply") or "")
    if reply not in CONSULTATION_REPLIES:
        _refuse("consultation_reply", "请选择征求意见的结果：" + "、".join(CONSULTATION_REPLIES.values()))
    pause = c.pauses[-1] if c.pauses else None
    received = pause.received_on if pause else None
    if d.get("letter_received_on"):
        received = _date(d, "letter_received_on", "对方收到征求意见书之日")
        if pause is not None and received < pause.start:
            _refuse("consultation_received_before_sent", "对方收到征求意见书之日不能早于发函之日")
        if received > on:
            _refuse("consultation_received_after_end", "对方收到征求意见书之日不能晚于征求意见结束之日")
    if reply == "silence":
        # 第三十二条、第三十四条: silence counts only once the 15-WD window has closed
        if received is None:
            _refuse("consultation_received_unknown", "登记逾期未提出意见，须先写明对方收到征求意见书之日")
        due = consultation_reply_deadline(received, _calendar(cal), rules=_RULES.get(), provisional=True)
        if on <= due.due:
            flag = "，暂定" if due.provisional else ""
            _refuse(
                "consultation_not_due",
                f"对方答复期限（收到征求意见书之日起15个工作日，至{due.due}{flag}）尚未届满，不能登记逾期未提出意见",
            )


def _g_lapsed(c: Case, on: date, d: Mapping[str, Any], cal: CalendarSource) -> None:
    if c.correction_due is not None and on <= c.correction_due:
        _refuse("correction_not_due", f"补正期限（{c.correction_due}）尚未届满，不能视为放弃")


def _g_extend(c: Case, on: date, d: Mapping[str, Any], cal: CalendarSource) -> None:
    if c.extension_wd:
        _refuse("extend_once", "答复期限只能延长一次（条例第三十三条第二款）")
    try:
        days = int(d.get("days") or 0)
    except (TypeError, ValueError):
        days = 0
    if not 1 <= days <= MAX_EXTENSION_WD:
        _refuse("extend_days", f"延长期限应为1至{MAX_EXTENSION_WD}个工作日")
    _text(d, "reason", "延期理由")
    _text(d, "approved_by", "同意延期的政府信息公开工作机构负责人")
    # provisional in an unknown year, as the correction limit: past even the weekends-only
    # date, the calendar year must be entered before the register can say the period is still open
    due = answer_deadline(c, _calendar(cal), rules=_RULES.get(), as_of=on, provisional=True)
    if due is not None and on > due.due:
        if due.provisional:
            ys = years_text(due.missing_years)
            _refuse(
                "extend_late",
                f"按周末推算的暂定答复期限为{due.due}，今日已过；工作日日历缺少{ys}的数据，请先录入该年节假日安排再登记延期",
            )
        _refuse("extend_late", f"答复期限已于{due.due}届满，不能再延长")


def _g_reasons_accepted(c: Case, on: date, d: Mapping[str, Any], cal: CalendarSource) -> None:
    if d.get("delayed_due"):
        due = _date(d, "delayed_due", "延迟答复期限")
        if due <= on:
            _refuse("delayed_due", "延迟答复期限应晚于今日")


def _g_fee(c: Case, on: date, d: Mapping[str, Any], cal: CalendarSource) -> None:
    if on < FEES_FROM:
        _refuse("fee_before_2021", "信息处理费自2021年1月1日起收取（国办函〔2020〕109号）")
    if c.fee_notice_on is not None:
        _refuse("fee_once", "收费通知已经发出过")
    found = fee_quote(d)
    if found.amount <= 0:
        _refuse(
            "fee_amount",
            f"按{FEE_BASIS_LABELS[found.basis]}计算应收0元（在免费范围内），不能发出收费通知："
            + "；".join(found.explanation()),
        )
    if d.get("amount") not in (None, ""):
        try:
            typed = Decimal(str(d["amount"]))
        except InvalidOperation:
            typed = None
        if typed != found.amount:
            _refuse(
                "fee_amount_mismatch",
                f"填写的收费金额（{d['amount']}元）与按收费标准计算的金额（{found.amount}元）不一致："
                + "；".join(found.explanation()),
            )
    _text(d, "payment_method", "缴费方式")
    if d.get("notice_received_on") and _date(d, "notice_received_on", "申请人收到通知之日") < on:
        _refuse("fee_received_before_sent", "申请人收到通知之日不能早于发出之日")


def _g_unpaid(c: Case, on: date, d: Mapping[str, Any], cal: CalendarSource) -> None:
    # provisional in a year the calendar does not know (like the answer deadline):
    # the register stays usable, and ``actions`` records the flag in the audit log
    due = fee_payment_deadline(c, _calendar(cal), provisional=True)
    if due is not None and on <= due.due:
        flag = "，暂定：工作日日历缺少该年数据" if due.provisional else ""
        _refuse("fee_not_due", f"缴费期限（{due.due}{flag}）尚未届满，不能视为放弃")


def _g_answer(c: Case, on: date, d: Mapping[str, Any], cal: CalendarSource) -> None:
    raw = d.get("outcome")
    try:
        outcome = Outcome(str(raw))
    except ValueError:
        _refuse("outcome", "请选择答复结果")
    if outcome not in ANSWER_OUTCOMES:
        _refuse("outcome", "该结果不是答复结果（逾期不补正、逾期未缴费和撤回由相应操作登记）")
    if outcome is Outcome.UNCLEAR_AFTER_CORRECTION and c.corrected_on is None:
        _refuse("outcome_needs_correction", "只有收到补正后的申请才能以“补正后申请内容仍不明确”答复")
    if outcome is Outcome.EXCESSIVE and c.reason_requested_on is None:
        _refuse(
            "outcome_needs_reason", "以“无正当理由大量反复申请”不予处理前，应先要求申请人说明理由（条例第三十五条）"
        )
    if outcome in DISCLOSING and third_party_objected(c):
        # 第三十二条: disclosure despite the objection (public interest) → written notice to the third party
        if not d.get("third_party_notice_on") or not str(d.get("third_party_notice") or "").strip():
            _refuse(
                "third_party_notice",
                "第三方不同意公开，决定予以公开的，应将决定公开的内容和理由书面告知第三方（条例第三十二条）："
                "请填写书面告知第三方的日期和告知内容",
            )
        _date(d, "third_party_notice_on", "书面告知第三方之日")
    if c.state is State.REASON_REQUESTED and outcome is not Outcome.EXCESSIVE:
        _refuse("reason_pending", "申请人说明理由阶段只能作出不予处理决定；理由合理的，请先登记“理由合理，继续办理”")


def _int(data: Mapping[str, Any], name: str, default: int | None = None) -> int | None:
    v = data.get(name)
    if v in (None, ""):
        return default
    try:
        return int(str(v))
    except ValueError:
        return None


def fee_quote(data: Mapping[str, Any]) -> FeeQuote:
    """The 信息处理费 of a fee notice from its recorded basis (109号, ``xxgk.fees``):
    ``fee_basis`` (pieces/pages), ``quantity`` and, for 按件, ``earlier_in_month``."""
    try:
        basis = FeeBasis(str(data.get("fee_basis") or ""))
    except ValueError:
        _refuse("fee_basis", "请选择计费依据：按件计收或按量计收（国办函〔2020〕109号，二者只能选一）")
    quantity = _int(data, "quantity")
    if quantity is None or quantity < 1:
        _refuse("fee_quantity", f"请填写本申请的{'件数' if basis is FeeBasis.PIECES else '页数'}（至少为1）")
    if quantity > MAX_FEE_UNITS:
        _refuse(
            "fee_quantity",
            f"本申请的{'件数' if basis is FeeBasis.PIECES else '页数'}{quantity}超过{MAX_FEE_UNITS}，请核对",
        )
    earlier = _int(data, "earlier_in_month", 0)
    if basis is FeeBasis.PAGES and earlier:
        _refuse("fee_quantity", "按量计收只按本申请的页数计算，不累计本月此前的申请")
    if earlier is None or earlier < 0:
        _refuse("fee_quantity", "本自然月此前已申请的件数应为0或正整数")
    return quote(basis, quantity, earlier)


# A full disclosure after an objection overrides the third party (第三十二条: public
# interest) and needs the written notice; a partial one (第三十七条) normally withholds
# the part objected to, so the notice is optional there (recorded when given).
DISCLOSING = frozenset({Outcome.DISCLOSED})


def third_party_objected(c: Case) -> bool:
    """The last third-party consultation ended with an objection (第三十二条)."""
    ended = [p for p in c.pauses if p.reason == THIRD_PARTY and p.end is not None]
    return bool(ended) and ended[-1].reply == "objection"


# ---- effects


def _fee_fields(q: FeeQuote) -> dict[str, Any]:
    return {
        "fee_amount": Decimal(q.amount),
        "fee_basis": q.basis.value,
        "fee_quantity": q.quantity,
        "fee_earlier_in_month": q.earlier_in_month,
    }


def _resume(c: Case) -> State:
    return c.resume_state or (State.EXTENDED if c.extension_wd else State.PROCESSING)


def _back_state(c: Case) -> State:
    return State.EXTENDED if c.state is State.EXTENDED else (c.resume_state or State.PROCESSING)


def _close_pause(c: Case, on: date, d: Mapping[str, Any] | None = None) -> tuple[Pause, ...]:
    d = d or {}
    changes: dict[str, Any] = {"end": on}
    if d.get("reply"):
        changes["reply"] = str(d["reply"])
    if d.get("letter_received_on"):
        changes["received_on"] = _date(d, "letter_received_on", "对方收到征求意见书之日")
    return tuple(replace(p, **changes) if p.end is None else p for p in c.pauses)


def _open_pause(c: Case, on: date, d: Mapping[str, Any], reason: str) -> dict[str, Any]:
    got = _date(d, "letter_received_on", "对方收到征求意见书之日") if d.get("letter_received_on") else None
    return {"pauses": (*c.pauses, Pause(on, None, reason, got)), "resume_state": _back_state(c)}


RULES: dict[Event, Rule] = {
    r.event: r
    for r in (
        Rule(
            Event.CONFIRM_RECEIPT,
            frozenset({State.SUBMITTED}),
            State.RECEIVED,
            effect=lambda c, on, d: {"received_on": on},
        ),
        Rule(Event.ACCEPT, frozenset({State.RECEIVED}), State.PROCESSING),
        Rule(
            Event.REQUEST_CORRECTION,
            frozenset({State.RECEIVED}),
            State.AWAITING_CORRECTION,
            _g_correction,
            lambda c, on, d: {"correction_requested_on": on, "correction_due": _date(d, "correction_due", "补正期限")},
        ),
        Rule(
            Event.CORRECTION_RECEIVED,
            frozenset({State.AWAITING_CORRECTION}),
            State.PROCESSING,
            effect=lambda c, on, d: {"corrected_on": on},
        ),
        Rule(
            Event.CORRECTION_LAPSED,
            frozenset({State.AWAITING_CORRECTION}),
            State.CLOSED_ABANDONED,
            _g_lapsed,
            lambda c, on, d: {"outcome": Outcome.ABANDONED_NO_CORRECTION, "closed_on": on},
        ),
        Rule(
            Event.CONSULT_THIRD_PARTY,
            HANDLING,
            State.CONSULTING_THIRD_PARTY,
            _g_consult,
            lambda c, on, d: _open_pause(c, on, d, THIRD_PARTY),
        ),
        Rule(
            Event.CONSULT_AGENCY,
            HANDLING,
            State.CONSULTING_AGENCY,
            _g_consult,
            lambda c, on, d: _open_pause(c, on, d, OTHER_AGENCY),
        ),
        Rule(
            Event.CONSULTATION_ENDED,
            PAUSED,
            None,
            _g_consultation_ended,
            lambda c, on, d: {"pauses": _close_pause(c, on, d), "state": _resume(c), "resume_state": None},
        ),
        Rule(
            Event.EXTEND,
            frozenset({State.RECEIVED, State.PROCESSING}),
            State.EXTENDED,
            _g_extend,
            lambda c, on, d: {"extension_wd": int(d["days"]), "extension_reason": str(d["reason"]).strip()},
        ),
        Rule(
            Event.REQUEST_REASON,
            HANDLING,
            State.REASON_REQUESTED,
            effect=lambda c, on, d: {"reason_requested_on": on, "resume_state": _back_state(c)},
        ),
        Rule(
            Event.REASONS_ACCEPTED,
            frozenset({State.REASON_REQUESTED}),
            None,
            _g_reasons_accepted,
            lambda c, on, d: (
                (
                    {"delayed_due": _date(d, "delayed_due", "延迟答复期限"), "state": State.DELAYED_BY_ORGAN}
                    if d.get("delayed_due")
                    else {"state": _resume(c)}
                )
                | {"resume_state": None}
            ),
        ),
        Rule(
            Event.SEND_FEE_NOTICE,
            frozenset({State.PROCESSING, State.EXTENDED, State.DELAYED_BY_ORGAN}),
            State.FEE_NOTICE_SENT,
            _g_fee,
            lambda c, on, d: {
                **_fee_fields(fee_quote(d)),
                "fee_payment_method": str(d["payment_method"]).strip(),
                "fee_notice_on": on,
                "fee_notice_received_on": _date(d, "notice_received_on", "申请人收到通知之日")
                if d.get("notice_received_on")
                else on,
                "resume_state": c.state,
            },
        ),
        Rule(
            Event.FEE_PAID,
            frozenset({State.FEE_NOTICE_SENT}),
            None,
            effect=lambda c, on, d: {"fee_paid_on": on, "state": _resume(c), "resume_state": None},
        ),
        Rule(
            Event.FEE_UNPAID,
            frozenset({State.FEE_NOTICE_SENT}),
            State.CLOSED_ABANDONED,
            _g_unpaid,
            lambda c, on, d: {"outcome": Outcome.ABANDONED_FEE_UNPAID, "closed_on": on},
        ),
        Rule(
            Event.ANSWER,
            frozenset({*HANDLING, State.DELAYED_BY_ORGAN, State.REASON_REQUESTED}),
            State.ANSWERED,
            _g_answer,
            lambda c, on, d: {
                "outcome": Outcome(d["outcome"]),
                "closed_on": on,
                **(
                    {
                        "third_party_notice_on": _date(d, "third_party_notice_on", "书面告知第三方之日"),
                        "third_party_notice": str(d.get("third_party_notice") or "").strip(),
                    }
                    if d.get("third_party_notice_on")
                    else {}
                ),
            },
        ),
        Rule(
            Event.WITHDRAW,
            frozenset(State) - TERMINAL,
            State.CLOSED_OTHER,
            effect=lambda c, on, d: {"outcome": Outcome.OTHER, "closed_on": on, "pauses": _close_pause(c, on)},
        ),
        Rule(
            Event.ARCHIVE,
            TERMINAL,
            None,
            lambda c, on, d, cal: _refuse("archived", "该申请已归档") if c.archived_on else None,
            lambda c, on, d: {"archived_on": on},
        ),
    )
}

# Why an event is refused in a state it is not allowed in, for the states where a
# generic message would not help.
_STATE_MESSAGES: dict[State, str] = {
    State.ANSWERED: "该申请已答复，不能再办理",
    State.CLOSED_ABANDONED: "该申请已视为放弃，不能再办理",
    State.CLOSED_OTHER: "该申请已撤回或终止，不能再办理",
    State.CONSULTING_THIRD_PARTY: "正在征求第三方意见，请先登记征求意见结束",
    State.CONSULTING_AGENCY: "正在征求其他机关意见，请先登记征求意见结束",
    State.FEE_NOTICE_SENT: "收费通知尚未处理，请先登记缴费或逾期未缴费",
    State.AWAITING_CORRECTION: "正在等待补正，请先登记收到补正或逾期未补正",
    State.SUBMITTED: "尚未确认收到申请，请先确认收到",
}


def allowed_events(case: Case) -> list[Event]:
    """Events whose state condition holds now (guards are checked on apply)."""
    return [e for e, r in RULES.items() if case.state in r.sources]


def apply(
    case: Case,
    event: Event | str,
    on: date,
    data: Mapping[str, Any] | None = None,
    calendar: CalendarSource = None,
    rules: ClockRules | None = None,
) -> Case:
    """The case after ``event`` on day ``on``, or :class:`TransitionRefused`.
    ``calendar`` and ``rules`` serve the guards that compute a deadline (correction
    notice, consultation silence, extension, fee unpaid); a function for ``calendar``
    is called only by those guards."""
    data = data or {}
    try:
        ev = Event(event)
    except ValueError:
        raise TransitionRefused(f"未知操作：{event}", code="procedure.unknown_event") from None
    rule = RULES.get(ev)
    if rule is None:
        raise TransitionRefused(f"未知操作：{event}", code="procedure.unknown_event")
    if case.state not in rule.sources:
        msg = _STATE_MESSAGES.get(case.state, f"当前状态“{STATE_LABELS[case.state]}”下不能{EVENT_LABELS[ev]}")
        if case.state in TERMINAL and ev is not Event.ARCHIVE:
            msg = f"{msg}（{EVENT_LABELS[ev]}）"
        raise TransitionRefused(msg, code="procedure.not_allowed")
    floor = case.last_event_on or case.submitted_on
    if floor is not None and on < floor:
        raise TransitionRefused(f"办理日期 {on} 早于上一步的日期 {floor}", code="procedure.date_order")
    if rule.guard is not None:
        token = _RULES.set(rules)
        try:
            rule.guard(case, on, data, calendar)
        finally:
            _RULES.reset(token)
    changes = rule.effect(case, on, data)
    if rule.target is not None:
        changes.setdefault("state", rule.target)
    changes["last_event_on"] = on
    return replace(case, **changes)


def register(channel: Channel | str, submitted_on: date) -> Case:
    """A new register entry: in-person filings are received on the spot (第三十一条)."""
    ch = Channel(channel)
    case = Case(channel=ch, submitted_on=submitted_on, last_event_on=submitted_on)
    if ch in RECEIVED_ON_SUBMISSION:
        case = apply(case, Event.CONFIRM_RECEIPT, submitted_on)
    return case


# --------------------------------------------------------------------------- clocks


def answer_deadline(
    case: Case,
    calendar: WorkCalendar,
    *,
    rules: ClockRules | None = None,
    as_of: date | None = None,
    provisional: bool = False,
) -> Deadline | None:
    """The reply deadline (spec §4): 20 WD + extension from R (or R′ after a
    correction), consultation spans not counted.  None while the clock is not
    running (not yet received, awaiting correction) or when the organ fixed a
    delayed date (see :func:`due_date`)."""
    start = case.clock_start
    if start is None or case.state is State.AWAITING_CORRECTION:
        return None
    pauses = case.pauses
    if rules is not None and rules.fee_notice_pauses and case.fee_notice_on is not None:
        pauses = (*pauses, Pause(case.fee_notice_on, case.fee_paid_on or case.closed_on, "收费通知至缴费"))
    return compute_deadline(
        calendar,
        start,
        ANSWER_WD,
        extension=case.extension_wd,
        pauses=pauses,
        rules=rules,
        provisional=provisional,
        as_of=as_of,
    )


def _counting(rules: ClockRules | None) -> ClockRules | None:
    """The side clocks (补正 notice, consultation reply) take only the deployment's
    receipt-day choice: pauses and extensions belong to the answer clock."""
    return ClockRules(count_start_day=rules.count_start_day) if rules else None


def correction_notice_deadline(
    case: Case, calendar: WorkCalendar, *, rules: ClockRules | None = None, provisional: bool = False
) -> Deadline | None:
    """第三十条: the 补正 notice is due within 7 WD of R (the receipt day counted as the
    deployment's ``count_start_day`` says)."""
    if case.received_on is None:
        return None
    return compute_deadline(
        calendar,
        case.received_on,
        CORRECTION_NOTICE_WD,
        rules=_counting(rules),
        provisional=provisional,
        label="补正通知期限",
        basis="条例第三十条",
    )


def fee_payment_deadline(case: Case, calendar: WorkCalendar, *, provisional: bool = False) -> Deadline | None:
    if case.fee_notice_received_on is None:
        return None
    return compute_deadline(
        calendar,
        case.fee_notice_received_on,
        FEE_PAYMENT_WD,
        provisional=provisional,
        label="缴费期限",
        basis="国办函〔2020〕109号",
    )


def consultation_reply_deadline(
    letter_received_on: date, calendar: WorkCalendar, *, rules: ClockRules | None = None, provisional: bool = False
) -> Deadline:
    """第三十二条 / 第三十四条: the consulted party answers within 15 WD of the day it
    received the letter (the receipt day counted as ``count_start_day`` says)."""
    return compute_deadline(
        calendar,
        letter_received_on,
        CONSULTATION_REPLY_WD,
        rules=_counting(rules),
        provisional=provisional,
        label="征求意见答复期限",
        basis="条例第三十二条、第三十四条",
    )


def outcome_row(outcome: Outcome | str, edition: str) -> str:
    return OUTCOME_ROWS[edition][Outcome(outcome)]


@dataclass(frozen=True)
class DueInfo:
    """The date by which the case must be answered now, and how it was obtained."""

    due: date | None
    deadline: Deadline | None
    note: str = ""


def current_due(
    case: Case,
    calendar: WorkCalendar,
    *,
    rules: ClockRules | None = None,
    as_of: date | None = None,
    provisional: bool = True,
) -> DueInfo:
    """What the back office shows for an open case: the organ's delayed date
    (第三十五条), the correction deadline while waiting for 补正, or the reply
    deadline.  ``provisional`` defaults to True here so an unknown calendar year
    gives a flagged date rather than no date; the flag is in ``deadline``."""
    if not case.is_open:
        return DueInfo(None, None, "已办结")
    if case.state is State.SUBMITTED:
        return DueInfo(None, None, "尚未确认收到，期限未起算（条例第三十一条）")
    if case.state is State.AWAITING_CORRECTION:
        return DueInfo(case.correction_due, None, "等待补正：答复期限自收到补正后的申请之日重新起算（条例第三十条）")
    if case.delayed_due is not None:
        return DueInfo(case.delayed_due, None, "行政机关确定的延迟答复期限（条例第三十五条）")
    deadline = answer_deadline(case, calendar, rules=rules, as_of=as_of, provisional=provisional)
    note = ""
    if case.state in PAUSED:
        note = "征求意见期间不计入答复期限，到期日按截至今日计算，之后顺延"
    return DueInfo(deadline.due if deadline else None, deadline, note)


def side_deadlines(
    case: Case, calendar: WorkCalendar, *, rules: ClockRules | None = None, provisional: bool = True
) -> list[str]:
    """The other clocks running now, one Chinese line each: the 7-WD correction
    notice (第三十条), the 15-WD consultation reply (第三十二条、第三十四条) and the
    20-WD fee payment (109号, always from the day after receipt of the notice)."""
    lines: list[str] = []

    def due(d: Deadline) -> str:
        return d.due.isoformat() + ("（暂定）" if d.provisional else "")

    if case.state is State.RECEIVED and case.correction_requested_on is None:
        correction = correction_notice_deadline(case, calendar, rules=rules, provisional=provisional)
        if correction is not None:
            lines.append(f"如需补正，应于{due(correction)}前一次性告知（7个工作日，条例第三十条）")
    if case.state in PAUSED and case.pauses and case.pauses[-1].end is None:
        pause = case.pauses[-1]
        got = pause.received_on or pause.start
        how = "对方" if pause.received_on else "尚未登记对方收到之日，暂按发函之日"
        reply = consultation_reply_deadline(got, calendar, rules=rules, provisional=provisional)
        lines.append(
            f"被征求意见方应自收到征求意见书之日起15个工作日内答复：{how}{got.isoformat()}收到计，"
            f"至{due(reply)}（条例第三十二条、第三十四条）"
        )
    if case.state is State.FEE_NOTICE_SENT:
        payment = fee_payment_deadline(case, calendar, provisional=provisional)
        if payment is not None:
            lines.append(
                f"缴费期限：{due(payment)}（自收到收费通知次日起20个工作日，逾期未缴视为放弃申请，国办函〔2020〕109号）"
            )
    return lines
