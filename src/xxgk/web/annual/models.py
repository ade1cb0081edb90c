"""What an agency enters for its annual report besides the registers: the
figures of table 二 per year, the facts the prose reports (人大代表建议, 政协提案,
信息处理费) and the prose sections."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from xxgk.web.agencies.models import Agency


class Table2Figure(models.Model):
    """One figure of table 二 for a year: ``row_key`` a row of the edition,
    ``measure`` a column key of its group, or ``items_this_year`` (the count of
    items at the end of the year, from which the 2019 edition's 上一年项目数量 and
    本年增/减 are computed)."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="table2_figures")
    year = models.PositiveSmallIntegerField("年度")
    row_key = models.CharField("行", max_length=80)
    measure = models.CharField("栏目", max_length=80)
    value = models.DecimalField("数值", max_digits=20, decimal_places=6)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="填报人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "表二数据"
        verbose_name_plural = "表二数据"
        constraints = [
            models.UniqueConstraint(fields=("agency", "year", "row_key", "measure"), name="annual_table2_once"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} {self.row_key}.{self.measure}={self.value}"


class AnnualFacts(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="annual_facts")
    year = models.PositiveSmallIntegerField("年度")
    npc_received = models.PositiveIntegerField("收到人大代表建议（件）", null=True, blank=True)
    npc_answered = models.PositiveIntegerField("已办复人大代表建议（件）", null=True, blank=True)
    cppcc_received = models.PositiveIntegerField("收到政协委员提案（件）", null=True, blank=True)
    cppcc_answered = models.PositiveIntegerField("已办复政协委员提案（件）", null=True, blank=True)
    fees_collected = models.DecimalField("收取信息处理费（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="填报人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "年报其他数据"
        verbose_name_plural = "年报其他数据"
        constraints = [models.UniqueConstraint(fields=("agency", "year"), name="annual_facts_once")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"


class AnnualText(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="annual_texts")
    year = models.PositiveSmallIntegerField("年度")
    section_key = models.CharField("章节", max_length=60)
    text = models.TextField("正文", blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="填报人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "年报正文"
        verbose_name_plural = "年报正文"
        constraints = [models.UniqueConstraint(fields=("agency", "year", "section_key"), name="annual_text_once")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} {self.section_key}"


class AnnualEvent(models.Model):
    """Every save of report inputs: who changed what for which year."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    action = models.CharField("操作", max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("时间", auto_now_add=True)
    extra = models.JSONField("详情", default=dict, blank=True)

    class Meta:
        verbose_name = "年报填报记录"
        verbose_name_plural = "年报填报记录"
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"{self.agency} {self.year} {self.action}"
