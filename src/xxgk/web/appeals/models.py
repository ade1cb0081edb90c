"""复议 / 诉讼 register: cases brought against the agency because of its
information-disclosure work, with kind and result — the source of table 四."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from xxgk.web.agencies.models import Agency
from xxgk.web.casework.models import Application

REVIEW = "review"
LITIGATION_DIRECT = "litigation_direct"
LITIGATION_AFTER_REVIEW = "litigation_after_review"
KINDS = [
    (REVIEW, "行政复议"),
    (LITIGATION_DIRECT, "行政诉讼（未经复议直接起诉）"),
    (LITIGATION_AFTER_REVIEW, "行政诉讼（复议后起诉）"),
]

UPHELD = "upheld"
CORRECTED = "corrected"
OTHER = "other"
PENDING = "pending"
RESULTS = [(UPHELD, "结果维持"), (CORRECTED, "结果纠正"), (OTHER, "其他结果"), (PENDING, "尚未审结")]


class AppealCase(models.Model):
    agency = models.ForeignKey(
        Agency, verbose_name="被申请人/被告机关", on_delete=models.PROTECT, related_name="appeals"
    )
    kind = models.CharField("类型", max_length=30, choices=KINDS)
    case_number = models.CharField("案号", max_length=100, blank=True)
    application = models.ForeignKey(
        Application,
        verbose_name="所涉申请",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals",
        help_text="依申请公开登记中本机关的申请（已知时关联，按查询码）",
    )
    filed_on = models.DateField("立案/受理日期", db_index=True)
    result = models.CharField("结果", max_length=20, choices=RESULTS, default=PENDING)
    concluded_on = models.DateField("审结日期", null=True, blank=True)
    summary = models.TextField("案情摘要", blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "复议诉讼案件"
        verbose_name_plural = "复议诉讼案件"
        ordering = ("-filed_on", "-pk")
        indexes = [models.Index(fields=("agency", "filed_on"), name="appeals_agency_filed")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case_number or self.pk}"


class AppealEvent(models.Model):
    case = models.ForeignKey(AppealCase, verbose_name="案件", on_delete=models.CASCADE, related_name="events")
    action = models.CharField("操作", max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("时间", auto_now_add=True)
    extra = models.JSONField("详情", default=dict, blank=True)

    class Meta:
        verbose_name = "复议诉讼操作记录"
        verbose_name_plural = "复议诉讼操作记录"
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"{self.case_id} {self.action}"
