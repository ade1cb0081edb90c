"""Every write to the proactive-disclosure register: atomic, the row locked,
allowed only to the agency's own staff, one event row per change."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.db import transaction

from xxgk.errors import XxgkError
from xxgk.web.agencies.access import can_act
from xxgk.web.agencies.models import Agency
from xxgk.web.disclosure import states
from xxgk.web.disclosure.models import (
    CATEGORY_NAME_MAX,
    CHANNEL_LABELS,
    AgencyPage,
    CatalogueCategory,
    CatalogueEvent,
    ChannelPublication,
    DisclosureEvent,
    DisclosureItem,
)


class DisclosureError(XxgkError):
    code = "disclosure.error"


def ensure_staff(actor: Any, agency_id: int) -> None:
    if not can_act(actor, agency_id):
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


def _category_name(agency: Agency, name: str, parent_id: int | None, exclude: int | None = None) -> str:
    name = name.strip()
    if not name:
        raise DisclosureError("类别名称不能为空", code="disclosure.category_name_required")
    if len(name) > CATEGORY_NAME_MAX:
        raise DisclosureError(f"类别名称过长（最多{CATEGORY_NAME_MAX}字）", code="disclosure.category_name_too_long")
    same = CatalogueCategory.objects.filter(agency=agency, parent_id=parent_id, name=name)
    if exclude is not None:
        same = same.exclude(pk=exclude)
    if same.exists():
        raise DisclosureError(f"同一级目录下已有类别“{name}”", code="disclosure.category_exists")
    return name


def do_add_category(
    agency: Agency, name: str, actor: Any, *, parent: CatalogueCategory | None = None, position: int = 0
) -> CatalogueCategory:
    """A new heading of the agency's 信息公开目录 (under ``parent`` when given)."""
    ensure_staff(actor, agency.pk)
    if parent is not None and parent.agency_id != agency.pk:
        raise DisclosureError("上级类别不属于本机关", code="disclosure.category_agency")
    if position < 0:
        raise DisclosureError("排序须为不小于0的整数", code="disclosure.bad_position")
    with transaction.atomic():
        clean = _category_name(agency, name, parent.pk if parent else None)
        category = CatalogueCategory.objects.create(agency=agency, name=clean, parent=parent, position=position)
        CatalogueEvent.objects.create(
            agency=agency,
            category=category,
            action="add",
            actor=actor,
            extra={"name": clean, "parent": parent.name if parent else None, "position": position},
        )
    return category


def do_edit_category(
    category: CatalogueCategory, actor: Any, *, name: str | None = None, position: int | None = None
) -> CatalogueCategory:
    """Rename a category or change its place in the order; its items keep it.  One
    event with what changed (nothing changed, no event)."""
    ensure_staff(actor, category.agency_id)
    if position is not None and position < 0:
        raise DisclosureError("排序须为不小于0的整数", code="disclosure.bad_position")
    with transaction.atomic():
        locked = CatalogueCategory.objects.select_for_update(of=("self",)).select_related("agency").get(pk=category.pk)
        changed: dict[str, Any] = {}
        if name is not None:
            clean = _category_name(locked.agency, name, locked.parent_id, exclude=locked.pk)
            if clean != locked.name:
                changed["name"] = {"from": locked.name, "to": clean}
                locked.name = clean
        if position is not None and position != locked.position:
            changed["position"] = {"from": locked.position, "to": position}
            locked.position = position
        if changed:
            locked.save(update_fields=["name", "position"])
            action = "rename" if "name" in changed else "reorder"
            CatalogueEvent.objects.create(
                agency=locked.agency, category=locked, action=action, actor=actor, extra=changed
            )
    return locked


EDITABLE_FIELDS = ("title", "category", "summary")


def do_edit_item(
    item: DisclosureItem,
    actor: Any,
    *,
    title: str | None = None,
    category: CatalogueCategory | Literal["keep"] | None = "keep",
    summary: str | None = None,
) -> DisclosureItem:
    """Change a draft's title, category or summary (one ``edit`` event with each
    field's old and new value).  Only a draft (草稿) changes: an item under review
    goes back by 退回 → 重新起草; a published item changes only by 撤回 and a new item,
    so that what was published stays on record."""
    ensure_staff(actor, item.agency_id)
    with transaction.atomic():
        locked = DisclosureItem.objects.select_for_update(of=("self",)).select_related("category").get(pk=item.pk)
        if locked.state != states.DRAFTED:
            current = states.STATE_LABELS[locked.state]
            hint = (
                "已发布的信息不能修改，如需更正请撤回后重新登记"
                if locked.state in (states.PUBLISHED, states.WITHDRAWN)
                else "请先退回并重新起草"
            )
            raise DisclosureError(f"“{current}”状态的信息不能修改：{hint}", code="disclosure.not_draft")
        changed: dict[str, Any] = {}
        if title is not None:
            if not title.strip():
                raise DisclosureError("标题不能为空", code="disclosure.title_required")
            if title.strip() != locked.title:
                changed["title"] = {"from": locked.title, "to": title.strip()}
                locked.title = title.strip()
        if category != "keep":
            if category is not None and category.agency_id != locked.agency_id:
                raise DisclosureError("目录类别不属于本机关", code="disclosure.category_agency")
            if (category.pk if category else None) != locked.category_id:
                old = locked.category.name if locked.category else None
                changed["category"] = {"from": old, "to": category.name if category else None}
                locked.category = category
        if summary is not None and summary != locked.summary:
            changed["summary"] = {"from": locked.summary, "to": summary}
            locked.summary = summary
        if changed:
            locked.save(update_fields=list(EDITABLE_FIELDS))
            _event(locked, "edit", actor, locked.state, locked.state, **changed)
    return locked
