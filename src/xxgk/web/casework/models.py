"""The application register: applications, their clock pauses, the audit log,
attachments, answer templates and the working-day calendar overrides.

State fields are written only by ``actions.py`` (which validates with
``xxgk.procedure`` and writes an :class:`ApplicationEvent`); the admin shows them
read-only.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from xxgk.fees import FEE_BASIS_LABELS
from xxgk.formats import get_edition
from xxgk.procedure import (
    APPLICANT_KINDS,
    CHANNEL_LABELS,
    CONSULTATION_REPLIES,
    EVENT_LABELS,
    OUTCOME_LABELS,
    STATE_LABELS,
    Channel,
    State,
)
from xxgk.web.agencies.models import Agency

_T3 = get_edition("2021").table("table_3").groups[0]
APPLICANT_KIND_CHOICES = [(k, _T3.column(k).label) for k in APPLICANT_KINDS]
CHANNEL_CHOICES = [(c.value, label) for c, label in CHANNEL_LABELS.items()]
STATE_CHOICES = [(s.value, label) for s, label in STATE_LABELS.items()]
OUTCOME_CHOICES = [(o.value, label) for o, label in OUTCOME_LABELS.items()]
EVENT_ATTACH = "attach"  # log-only event: an attachment was added
EVENT_EDIT = "edit"  # log-only event: applicant or request details corrected in the admin
EVENT_CHOICES = [(e.value, label) for e, label in EVENT_LABELS.items()] + [
    (EVENT_ATTACH, "上传附件"),
    (EVENT_EDIT, "更正申请信息"),
]
FEE_BASIS_CHOICES = [(b.value, label) for b, label in FEE_BASIS_LABELS.items()]
FORM_CHOICES = [("paper", "纸质文本"), ("electronic", "电子数据"), ("inspection", "查阅、抄录"), ("other", "其他")]
DELIVERY_CHOICES = [
    ("post", "邮寄"),
    ("email", "电子邮件"),
    ("pickup", "当面领取"),
    ("fax", "传真"),
    ("online", "网上获取"),
]

# The applicant's identity and contact (personal data: the agency's own staff only) and
# the request; the entry form, the admin's corrections and its masking use these groups.
PERSONAL_FIELDS = ("applicant_name", "id_number", "contact_person", "phone", "email", "address")
REQUEST_FIELDS = ("information_requested", "preferred_form", "delivery")

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_tracking_code() -> str:
    """16 random characters from 32 (80 bits), grouped for reading aloud: ABCD-EFGH-JKLM-NPQR."""
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


class Application(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="受理机关", on_delete=models.PROTECT, related_name="applications")
    tracking_code = models.CharField("查询码", max_length=19, unique=True, default=new_tracking_code, editable=False)

    # applicant (personal data: the agency's own staff only)
    applicant_kind = models.CharField("申请人类型", max_length=40, choices=APPLICANT_KIND_CHOICES)
    applicant_name = models.CharField("申请人姓名或名称", max_length=200)
    id_number = models.CharField("身份证明（证件号码等）", max_length=100, blank=True)
    contact_person = models.CharField("联系人（法人或其他组织）", max_length=100, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=300, blank=True)

    # the request
    channel = models.CharField("申请渠道", max_length=30, choices=CHANNEL_CHOICES)
    submitted_on = models.DateField("提交日期")
    information_requested = models.TextField("所需政府信息的名称、文号或其他特征性描述")
    preferred_form = models.CharField("获取信息的形式", max_length=20, choices=FORM_CHOICES, default="paper")
    delivery = models.CharField("获取信息的方式", max_length=20, choices=DELIVERY_CHOICES, default="post")

    # procedure (written by actions only)
    state = models.CharField("状态", max_length=40, choices=STATE_CHOICES, default=State.SUBMITTED.value)
    resume_state = models.CharField("暂停后恢复到", max_length=40, choices=STATE_CHOICES, blank=True)
    received_on = models.DateField("收到申请之日", null=True, blank=True)
    correction_requested_on = models.DateField("补正通知日", null=True, blank=True)
    correction_due = models.DateField("补正期限", null=True, blank=True)
    corrected_on = models.DateField("收到补正之日", null=True, blank=True)
    extension_wd = models.PositiveSmallIntegerField("延长工作日数", default=0)
    extension_reason = models.TextField("延期理由", blank=True)
    reason_requested_on = models.DateField("要求说明理由之日", null=True, blank=True)
    delayed_due = models.DateField("延迟答复期限（第三十五条）", null=True, blank=True)
    fee_amount = models.DecimalField("信息处理费（元）", max_digits=10, decimal_places=2, null=True, blank=True)
    fee_basis = models.CharField("计费依据", max_length=10, choices=FEE_BASIS_CHOICES, blank=True)
    fee_quantity = models.PositiveIntegerField("计费件数或页数", null=True, blank=True)
    fee_earlier_in_month = models.PositiveIntegerField("本自然月此前已申请件数（按件）", default=0)
    fee_payment_method = models.CharField("缴费方式", max_length=300, blank=True)
    fee_notice_text = models.TextField("收费通知书", blank=True)
    fee_notice_on = models.DateField("收费通知发出日", null=True, blank=True)
    fee_notice_received_on = models.DateField("申请人收到收费通知之日", null=True, blank=True)
    fee_paid_on = models.DateField("缴费日", null=True, blank=True)
    outcome = models.CharField("办理结果", max_length=40, choices=OUTCOME_CHOICES, blank=True)
    third_party_notice_on = models.DateField("书面告知第三方之日（第三十二条）", null=True, blank=True)
    third_party_notice = models.TextField("书面告知第三方的内容和理由", blank=True)
    closed_on = models.DateField("答复或终止日期", null=True, blank=True)
    archived_on = models.DateField("归档日期", null=True, blank=True)
    last_event_on = models.DateField("最近办理日期", null=True, blank=True)
    answer_text = models.TextField("答复书", blank=True)

    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ("-submitted_on", "-pk")
        indexes = [
            models.Index(fields=("agency", "state")),
            models.Index(fields=("agency", "received_on")),
            models.Index(fields=("agency", "closed_on")),
            # Covering index of the table-三 count (annual.table3): it reads the index alone.
            # Declared here, not as raw SQL, so that SQLite's table rebuilds keep it.
            models.Index(
                fields=("agency", "received_on", "closed_on", "applicant_kind", "outcome"), name="casework_table3_cover"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code}（{self.get_state_display()}）"

    @property
    def channel_enum(self) -> Channel:
        return Channel(self.channel)


class ClockPause(models.Model):
    """A consultation span (第三十二条、第三十四条): not counted in the reply period.
    Both dates of the letter are kept (sent = ``started_on``; received by the consulted
    party, where its 15-WD window starts), and how the consultation ended."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="pauses", verbose_name="申请")
    reason = models.CharField("原因", max_length=100)
    started_on = models.DateField("开始（发出征求意见书之日）")
    letter_received_on = models.DateField("对方收到征求意见书之日", null=True, blank=True)
    ended_on = models.DateField("结束", null=True, blank=True)
    reply = models.CharField("征求意见结果", max_length=20, choices=list(CONSULTATION_REPLIES.items()), blank=True)

    class Meta:
        verbose_name = "期限暂停"
        verbose_name_plural = "期限暂停"
        ordering = ("started_on", "pk")

    def __str__(self) -> str:
        return f"{self.reason} {self.started_on}–{self.ended_on or '至今'}"


class ApplicationEvent(models.Model):
    """The audit log: who, when, from, to, why.  Never edited; an application with
    a log cannot be deleted (PROTECT), so the log cannot disappear with it."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="events", verbose_name="申请")
    event = models.CharField("操作", max_length=40, choices=EVENT_CHOICES)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.SET_NULL
    )
    at = models.DateTimeField("记录时间", auto_now_add=True)
    on = models.DateField("办理日期")
    from_state = models.CharField("原状态", max_length=40, choices=STATE_CHOICES, blank=True)
    to_state = models.CharField("新状态", max_length=40, choices=STATE_CHOICES)
    reason = models.TextField("理由/说明", blank=True)
    data = models.JSONField("数据", default=dict, blank=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"{self.on} {self.get_event_display()}"


def _attachment_path(instance: Attachment, filename: str) -> str:
    return f"attachments/{instance.application.agency_id}/{instance.application.tracking_code}/{secrets.token_hex(8)}"


class Attachment(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments", verbose_name="申请"
    )
    file = models.FileField("文件", upload_to=_attachment_path)
    name = models.CharField("原文件名", max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, blank=True, on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"

    def __str__(self) -> str:
        return self.name


class AnswerTemplate(models.Model):
    """The reply document, editable per agency and outcome (Django template syntax).
    Lookup order: (agency, outcome), (agency, any), (all, outcome), (all, any), built-in."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关（空=全部机关）", null=True, blank=True, on_delete=models.CASCADE
    )
    outcome = models.CharField("办理结果（空=全部）", max_length=40, choices=OUTCOME_CHOICES, blank=True)
    title = models.CharField("标题", max_length=200, default="政府信息公开申请答复书")
    body = models.TextField(
        "正文模板",
        help_text="可用变量：{{ application }}、{{ agency }}、{{ outcome_label }}、{{ answered_on }}、{{ received_on }}",
    )

    class Meta:
        verbose_name = "答复书模板"
        verbose_name_plural = "答复书模板"
        constraints = [models.UniqueConstraint(fields=("agency", "outcome"), name="casework_template_unique")]

    def __str__(self) -> str:
        return f"{self.agency or '全部机关'} / {self.get_outcome_display() or '全部结果'}"


class CalendarDay(models.Model):
    """A rest day or a 调休 make-up working day that takes precedence over chinesecalendar."""

    KIND_OFF = "off"
    KIND_MAKEUP = "makeup"
    KINDS = [(KIND_OFF, "放假日"), (KIND_MAKEUP, "调休上班日")]

    agency = models.ForeignKey(Agency, verbose_name="机关（空=全国）", null=True, blank=True, on_delete=models.CASCADE)
    day = models.DateField("日期")
    kind = models.CharField("类型", max_length=10, choices=KINDS)
    name = models.CharField("节日名称", max_length=50, blank=True)
    basis = models.CharField("依据（通知文号）", max_length=200, blank=True)

    class Meta:
        verbose_name = "工作日日历调整"
        verbose_name_plural = "工作日日历调整"
        ordering = ("day",)
        constraints = [models.UniqueConstraint(fields=("agency", "day"), name="casework_calendarday_unique")]

    def __str__(self) -> str:
        return f"{self.day} {self.get_kind_display()} {self.name}"


class CalendarYear(models.Model):
    """Declares that every rest day and make-up day of a year has been entered
    (from the 国务院办公厅 notice), so deadlines in that year are no longer provisional."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    basis = models.CharField("依据（通知名称和文号）", max_length=300)
    entered_by = models.CharField("录入人", max_length=100, blank=True)

    class Meta:
        verbose_name = "已录入的日历年度"
        verbose_name_plural = "已录入的日历年度"
        ordering = ("year",)

    def __str__(self) -> str:
        return f"{self.year}年：{self.basis}"
