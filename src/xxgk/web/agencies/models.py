"""The agency tree (a district office supervises its street offices) and staff
membership.  Every record of every register belongs to one agency."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Agency(models.Model):
    name = models.CharField("机关名称", max_length=200)
    code = models.SlugField("代码", max_length=64, unique=True, help_text="稳定的英文/数字代码，用于网址和导出")
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    region = models.CharField("行政区划", max_length=100, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "机关"
        verbose_name_plural = "机关"
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list[Agency]:
        """Supervising agencies, nearest first (cycle-safe)."""
        found: list[Agency] = []
        seen = {self.pk}
        node = self.parent
        while node is not None and node.pk not in seen:
            found.append(node)
            seen.add(node.pk)
            node = node.parent
        return found

    def descendant_ids(self) -> set[int]:
        """This agency and every agency it supervises, directly or not."""
        ids = {self.pk}
        frontier = [self.pk]
        while frontier:
            children = list(
                Agency.objects.filter(parent_id__in=frontier).exclude(pk__in=ids).values_list("pk", flat=True)
            )
            ids.update(children)
            frontier = children
        return ids


class Membership(models.Model):
    ROLE_CLERK = "clerk"
    ROLE_HEAD = "head"
    ROLES = [(ROLE_CLERK, "经办人"), (ROLE_HEAD, "政府信息公开工作机构负责人")]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("角色", max_length=20, choices=ROLES, default=ROLE_CLERK)

    class Meta:
        verbose_name = "工作人员"
        verbose_name_plural = "工作人员"
        constraints = [models.UniqueConstraint(fields=("user", "agency"), name="agencies_membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.agency}"
