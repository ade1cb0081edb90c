"""主动公开登记: items with their catalogue category, channels with dates, the
review before publishing and withdrawal; the disclosure guide and the catalogue
introduction as editable pages per agency."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from xxgk.report import CHANNEL_KEYS
from xxgk.web.agencies.models import Agency
from xxgk.web.disclosure import states

CHANNEL_LABELS = {
    "website": "政府网站",
    "wechat": "政务微信",
    "weibo": "政务微博",
    "board": "公开栏/电子屏",
    "other": "其他",
}
CHANNELS = [(k, CHANNEL_LABELS[k]) for k in CHANNEL_KEYS]
CATEGORY_NAME_MAX = 200


class CatalogueCategory(models.Model):
    """A heading of the agency's 信息公开目录 (nested)."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="catalogue")
    name = models.CharField("类别名称", max_length=CATEGORY_NAME_MAX)
    parent = models.ForeignKey(
        "self", verbose_name="上级类别", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    position = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "公开目录类别"
        verbose_name_plural = "公开目录类别"
        ordering = ("agency", "position", "name")
        constraints = [
            models.UniqueConstraint(fields=("agency", "parent", "name"), name="disclosure_category_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class CatalogueEvent(models.Model):
    """Every change of the catalogue: a category added or renamed (or moved in the order)."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="catalogue_events")
    category = models.ForeignKey(
        CatalogueCategory, verbose_name="类别", on_delete=models.CASCADE, related_name="events"
    )
    ACTIONS = [("add", "新增"), ("rename", "改名"), ("reorder", "调整排序")]

    action = models.CharField("操作", max_length=30, choices=ACTIONS)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("时间", auto_now_add=True)
    extra = models.JSONField("详情", default=dict, blank=True)

    class Meta:
        verbose_name = "公开目录操作记录"
        verbose_name_plural = "公开目录操作记录"
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"{self.category_id} {self.action}"


class DisclosureItem(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="disclosures")
    title = models.CharField("标题", max_length=500)
    category = models.ForeignKey(
        CatalogueCategory,
        verbose_name="目录类别",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="items",
    )
    summary = models.TextField("内容摘要", blank=True)
    state = models.CharField("状态", max_length=20, choices=states.STATES, default=states.DRAFTED, db_index=True)
    reason = models.TextField("退回或撤回理由", blank=True)
    published_on = models.DateField("首次发布日期", null=True, blank=True, db_index=True)
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="起草人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "主动公开信息"
        verbose_name_plural = "主动公开信息"
        ordering = ("-published_on", "-created_at")
        indexes = [models.Index(fields=("agency", "published_on"), name="disclosure_agency_pub")]

    def __str__(self) -> str:
        return self.title


class ChannelPublication(models.Model):
    """The item published on one channel, with the date it went out there."""

    item = models.ForeignKey(DisclosureItem, verbose_name="信息", on_delete=models.CASCADE, related_name="channels")
    channel = models.CharField("公开渠道", max_length=20, choices=CHANNELS)
    published_on = models.DateField("发布日期")

    class Meta:
        verbose_name = "发布渠道"
        verbose_name_plural = "发布渠道"
        constraints = [models.UniqueConstraint(fields=("item", "channel"), name="disclosure_channel_once")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.published_on}"


class DisclosureEvent(models.Model):
    """Every change of an item: who, when, from which state to which, why."""

    item = models.ForeignKey(DisclosureItem, verbose_name="信息", on_delete=models.CASCADE, related_name="events")
    action = models.CharField("操作", max_length=30)
    from_state = models.CharField("原状态", max_length=20, blank=True)
    to_state = models.CharField("新状态", max_length=20, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("时间", auto_now_add=True)
    extra = models.JSONField("详情", default=dict, blank=True)

    class Meta:
        verbose_name = "主动公开操作记录"
        verbose_name_plural = "主动公开操作记录"
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"{self.item_id} {self.action} {self.from_state}→{self.to_state}"


class AgencyPage(models.Model):
    """Editable pages per agency: the 信息公开指南 and the introduction of the 信息公开目录."""

    GUIDE = "guide"
    CATALOGUE = "catalogue"
    KINDS = [(GUIDE, "政府信息公开指南"), (CATALOGUE, "政府信息公开目录说明")]

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="pages")
    kind = models.CharField("页面", max_length=20, choices=KINDS)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文", blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="更新人", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "公开指南与目录页面"
        verbose_name_plural = "公开指南与目录页面"
        constraints = [models.UniqueConstraint(fields=("agency", "kind"), name="disclosure_page_once")]

    def __str__(self) -> str:
        return f"{self.agency} {self.get_kind_display()}"
