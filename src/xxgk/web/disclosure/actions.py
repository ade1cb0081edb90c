"""Every write to the proactive-disclosure register: atomic, the row locked,
allowed only to the agency's own staff, one event row per change."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from xxgk.errors import XxgkError
from xxgk.web.agencies.access import own_agency_ids
from xxgk.web.agencies.models import Agency
from xxgk.web.disclosure import states
from xxgk.web.disclosure.models import (
    CHANNEL_LABELS,
    AgencyPage,
    CatalogueCategory,
    ChannelPublication,
    DisclosureEvent,
    DisclosureItem,
)


class DisclosureError(XxgkError):
    code = "disclosure.error"


def ensure_staff(actor: Any, agency_id: int) -> None:
    if getattr(actor, "is_superuser", False):
        return
    if agency_id not in own_agency_ids(actor):
        raise DisclosureError("只有本机关工作人员可以办理本机关的主动公开登记", code="disclosure.forbidden")


def _event(item: DisclosureItem, action: str, actor: Any, old: str, new: str, **extra: Any) -> None:
    DisclosureEvent.objects.create(item=item, action=action, from_state=old, to_state=new, actor=actor, extra=extra)


def do_create_item(
    agency: Agency, title: str, actor: Any, *, category: CatalogueCategory | None = None, summary: str = ""
) -> DisclosureItem:
    ensure_staff(actor, agency.pk)
    if not title.strip():
        raise DisclosureError("标题不能为空", code="disclosure.title_required")
    if category is not None and category.agency_id != agency.pk:
        raise DisclosureError("目录类别不属于本机关", code="disclosure.category_agency")
    with transaction.atomic():
        item = DisclosureItem.objects.create(
            agency=agency, title=title.strip(), category=category, summary=summary, created_by=actor
        )
        _event(item, "create", actor, "", item.state)
    return item


def _clean_channels(channels: dict[str, date]) -> dict[str, date]:
    unknown = [c for c in channels if c not in CHANNEL_LABELS]
    if unknown:
        raise DisclosureError(f"未知的公开渠道：{'、'.join(unknown)}", code="disclosure.unknown_channel")
    return channels


def do_transition(
    item: DisclosureItem,
    action: str,
    actor: Any,
    *,
    reason: str = "",
    channels: dict[str, date] | None = None,
    on: date | None = None,
) -> DisclosureItem:
    """Move ``item`` by ``action`` (see ``states.TRANSITIONS``).  ``publish`` needs at
    least one channel with its date; ``reject`` and ``withdraw`` need a reason."""
    ensure_staff(actor, item.agency_id)
    if action not in states.TRANSITIONS:
        raise DisclosureError(f"未知的操作：{action}", code="disclosure.unknown_action")
    label, _, needs_reason = states.TRANSITIONS[action]
    with transaction.atomic():
        locked = DisclosureItem.objects.select_for_update().get(pk=item.pk)
        new = states.next_state(locked.state, action)
        if new is None:
            current = states.STATE_LABELS[locked.state]
            raise DisclosureError(f"“{current}”状态的信息不能{label}", code="disclosure.not_allowed")
        if needs_reason and not reason.strip():
            raise DisclosureError(f"{label}须说明理由", code="disclosure.reason_required")
        old = locked.state
        extra: dict[str, Any] = {}
        if action == "publish":
            chosen = _clean_channels(channels or {})
            if not chosen:
                raise DisclosureError("发布须至少选择一个公开渠道并填写发布日期", code="disclosure.channel_required")
            for channel, day in chosen.items():
                ChannelPublication.objects.update_or_create(
                    item=locked, channel=channel, defaults={"published_on": day}
                )
            locked.published_on = min(chosen.values())
            extra["channels"] = {c: d.isoformat() for c, d in chosen.items()}
        if action in ("reject", "withdraw"):
            locked.reason = reason.strip()
            extra["reason"] = locked.reason
        if action == "withdraw":
            locked.withdrawn_on = on or date.today()  # noqa: DTZ011 - a calendar date in local time
            extra["withdrawn_on"] = locked.withdrawn_on.isoformat()
        if action == "redraft":
            locked.reason = ""
        locked.state = new
        locked.save()
        _event(locked, action, actor, old, new, **extra)
    return locked


def do_add_channel(item: DisclosureItem, channel: str, day: date, actor: Any) -> ChannelPublication:
    """A published item also goes out on another channel (e.g. the 公开栏 a week later)."""
    ensure_staff(actor, item.agency_id)
    _clean_channels({channel: day})
    with transaction.atomic():
        locked = DisclosureItem.objects.select_for_update().get(pk=item.pk)
        if locked.state != states.PUBLISHED:
            raise DisclosureError("只有已发布的信息可以增加公开渠道", code="disclosure.not_published")
        pub, _ = ChannelPublication.objects.update_or_create(
            item=locked, channel=channel, defaults={"published_on": day}
        )
        if locked.published_on is None or day < locked.published_on:
            locked.published_on = day
            locked.save(update_fields=["published_on"])
        _event(locked, "add_channel", actor, locked.state, locked.state, channel=channel, day=day.isoformat())
    return pub


def do_save_page(agency: Agency, kind: str, title: str, body: str, actor: Any) -> AgencyPage:
    ensure_staff(actor, agency.pk)
    if kind not in dict(AgencyPage.KINDS):
        raise DisclosureError(f"未知的页面：{kind}", code="disclosure.unknown_page")
    with transaction.atomic():
        page, _ = AgencyPage.objects.select_for_update().update_or_create(
            agency=agency, kind=kind, defaults={"title": title.strip(), "body": body, "updated_by": actor}
        )
    return page


def do_add_category(
    agency: Agency, name: str, actor: Any, *, parent: CatalogueCategory | None = None, position: int = 0
) -> CatalogueCategory:
    ensure_staff(actor, agency.pk)
    if not name.strip():
        raise DisclosureError("类别名称不能为空", code="disclosure.category_name_required")
    if parent is not None and parent.agency_id != agency.pk:
        raise DisclosureError("上级类别不属于本机关", code="disclosure.category_agency")
    return CatalogueCategory.objects.create(agency=agency, name=name.strip(), parent=parent, position=position)
