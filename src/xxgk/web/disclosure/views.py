"""Back office of the proactive-disclosure register, and the public guide and
catalogue pages of each agency.  Every write goes through ``actions``."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from xxgk.web.agencies.access import can_act, visible_agency_ids
from xxgk.web.agencies.models import Agency
from xxgk.web.disclosure import actions, states
from xxgk.web.disclosure.models import CHANNELS, AgencyPage, CatalogueCategory, CatalogueEvent, DisclosureItem


def _visible(request: HttpRequest, agency_id: int) -> None:
    if agency_id not in visible_agency_ids(request.user):
        raise PermissionDenied


@login_required
def item_list(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_object_or_404(Agency, code=code)
    _visible(request, agency.pk)
    if request.method == "POST":
        category = None
        if request.POST.get("category"):
            category = get_object_or_404(CatalogueCategory, pk=request.POST["category"], agency=agency)
        try:
            item = actions.do_create_item(
                agency, request.POST.get("title", ""), request.user, category=category,
                summary=request.POST.get("summary", ""),
            )  # fmt: skip
        except actions.DisclosureError as exc:
            messages.error(request, exc.message)
        else:
            return redirect("disclosure:item", pk=item.pk)
    items = DisclosureItem.objects.filter(agency=agency).select_related("category")[:500]
    return render(
        request,
        "disclosure/item_list.html",
        {
            "agency": agency,
            "items": items,
            "categories": CatalogueCategory.objects.filter(agency=agency),
            "can_edit": can_act(request.user, agency.pk),
        },
    )


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(DisclosureItem.objects.select_related("agency", "category"), pk=pk)
    _visible(request, item.agency_id)
    editable = item.state == states.DRAFTED and can_act(request.user, item.agency_id)
    return render(
        request,
        "disclosure/item_detail.html",
        {
            "item": item,
            "state_label": states.STATE_LABELS[item.state],
            "actions": [
                (a, states.TRANSITIONS[a][0], states.TRANSITIONS[a][2]) for a in states.allowed_actions(item.state)
            ],
            "channels": CHANNELS,
            "events": item.events.select_related("actor"),
            "publications": item.channels.all(),
            "editable": editable,
            "categories": CatalogueCategory.objects.filter(agency_id=item.agency_id) if editable else [],
        },
    )


@login_required
@require_POST
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a draft's title, category and summary."""
    item = get_object_or_404(DisclosureItem, pk=pk)
    _visible(request, item.agency_id)
    category = None
    if request.POST.get("category"):
        category = get_object_or_404(CatalogueCategory, pk=request.POST["category"], agency_id=item.agency_id)
    try:
        actions.do_edit_item(
            item,
            request.user,
            title=request.POST.get("title", ""),
            category=category,
            summary=request.POST.get("summary", ""),
        )
    except actions.DisclosureError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已保存")
    return redirect("disclosure:item", pk=item.pk)


def _position(raw: str) -> int:
    try:
        return int(raw or 0)
    except ValueError:
        raise actions.DisclosureError(f"排序须为不小于0的整数：{raw}", code="disclosure.bad_position") from None


@login_required
def categories(request: HttpRequest, code: str) -> HttpResponse:
    """The agency's 信息公开目录: add a category (under another), rename or reorder one."""
    agency = get_object_or_404(Agency, code=code)
    _visible(request, agency.pk)
    if request.method == "POST":
        try:
            if request.POST.get("category"):
                category = get_object_or_404(CatalogueCategory, pk=request.POST["category"], agency=agency)
                actions.do_edit_category(
                    category,
                    request.user,
                    name=request.POST.get("name", ""),
                    position=_position(request.POST.get("position", "")),
                )
            else:
                parent = None
                if request.POST.get("parent"):
                    parent = get_object_or_404(CatalogueCategory, pk=request.POST["parent"], agency=agency)
                actions.do_add_category(
                    agency,
                    request.POST.get("name", ""),
                    request.user,
                    parent=parent,
                    position=_position(request.POST.get("position", "")),
                )
        except actions.DisclosureError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已保存")
        return redirect("disclosure:categories", code=code)
    return render(
        request,
        "disclosure/categories.html",
        {
            "agency": agency,
            "categories": CatalogueCategory.objects.filter(agency=agency).select_related("parent"),
            "events": CatalogueEvent.objects.filter(agency=agency)
            .select_related("actor", "category")
            .order_by("-at", "-pk")[:200],
            "can_edit": can_act(request.user, agency.pk),
        },
    )


@login_required
@require_POST
def item_transition(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(DisclosureItem, pk=pk)
    _visible(request, item.agency_id)
    action = request.POST.get("action", "")
    channels: dict[str, date] = {}
    try:
        for key, _ in CHANNELS:
            if request.POST.get(f"channel_{key}"):
                raw = request.POST.get(f"date_{key}") or ""
                try:
                    channels[key] = date.fromisoformat(raw)
                except ValueError:
                    raise actions.DisclosureError(
                        f"渠道“{dict(CHANNELS)[key]}”的发布日期无效", code="disclosure.bad_date"
                    ) from None
        actions.do_transition(item, action, request.user, reason=request.POST.get("reason", ""), channels=channels)
    except actions.DisclosureError as exc:
        messages.error(request, exc.message)
    return redirect("disclosure:item", pk=item.pk)


@login_required
@require_POST
def item_add_channel(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(DisclosureItem, pk=pk)
    _visible(request, item.agency_id)
    try:
        try:
            day = date.fromisoformat(request.POST.get("date", ""))
        except ValueError:
            raise actions.DisclosureError("发布日期无效", code="disclosure.bad_date") from None
        actions.do_add_channel(item, request.POST.get("channel", ""), day, request.user)
    except actions.DisclosureError as exc:
        messages.error(request, exc.message)
    return redirect("disclosure:item", pk=item.pk)


def _page(agency: Agency, kind: str) -> AgencyPage | None:
    return AgencyPage.objects.filter(agency=agency, kind=kind).first()


def public_guide(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_object_or_404(Agency, code=code)
    return render(request, "disclosure/public_guide.html", {"agency": agency, "page": _page(agency, AgencyPage.GUIDE)})


def public_catalogue(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_object_or_404(Agency, code=code)
    published = DisclosureItem.objects.filter(agency=agency, state=states.PUBLISHED).order_by("-published_on")
    sections = [
        (cat, [i for i in published if i.category_id == cat.pk])
        for cat in CatalogueCategory.objects.filter(agency=agency)
    ]
    loose = [i for i in published if i.category_id is None]
    return render(
        request,
        "disclosure/public_catalogue.html",
        {"agency": agency, "page": _page(agency, AgencyPage.CATALOGUE), "sections": sections, "loose": loose},
    )


@login_required
def page_edit(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    agency = get_object_or_404(Agency, code=code)
    _visible(request, agency.pk)
    page = _page(agency, kind)
    if request.method == "POST":
        try:
            actions.do_save_page(
                agency, kind, request.POST.get("title", ""), request.POST.get("body", ""), request.user
            )
        except actions.DisclosureError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已保存")
            return redirect("disclosure:page_edit", code=code, kind=kind)
    kinds = dict(AgencyPage.KINDS)
    if kind not in kinds:
        raise PermissionDenied
    return render(
        request, "disclosure/page_edit.html", {"agency": agency, "page": page, "kind": kind, "kind_label": kinds[kind]}
    )
