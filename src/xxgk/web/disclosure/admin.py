"""Read-mostly admin: records are written through the back office (``actions``);
the admin shows them, with their history (items and the catalogue read-only), and edits the pages."""

from django.contrib import admin
from django.http import HttpRequest

from xxgk.web.disclosure.models import (
    AgencyPage,
    CatalogueCategory,
    CatalogueEvent,
    ChannelPublication,
    DisclosureEvent,
    DisclosureItem,
)


class ChannelInline(admin.TabularInline[ChannelPublication, DisclosureItem]):
    model = ChannelPublication
    extra = 0
    can_delete = False
    readonly_fields = ("channel", "published_on")


class EventInline(admin.TabularInline[DisclosureEvent, DisclosureItem]):
    model = DisclosureEvent
    extra = 0
    can_delete = False
    readonly_fields = ("action", "from_state", "to_state", "actor", "at", "extra")


@admin.register(DisclosureItem)
class DisclosureItemAdmin(admin.ModelAdmin[DisclosureItem]):
    list_display = ("title", "agency", "category", "state", "published_on")
    list_filter = ("state", "agency")
    search_fields = ("title",)
    inlines = (ChannelInline, EventInline)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # created in the back office, so the review starts with an event

    def has_change_permission(self, request: HttpRequest, obj: DisclosureItem | None = None) -> bool:
        return False  # drafts are edited in the back office (actions.do_edit_item, with an event); published ones never

    def has_delete_permission(self, request: HttpRequest, obj: DisclosureItem | None = None) -> bool:
        return False  # what was published stays on record (withdrawal is a transition); the events would go with it


class CatalogueEventInline(admin.TabularInline[CatalogueEvent, CatalogueCategory]):
    model = CatalogueEvent
    extra = 0
    can_delete = False
    readonly_fields = ("action", "actor", "at", "extra")


@admin.register(CatalogueCategory)
class CatalogueCategoryAdmin(admin.ModelAdmin[CatalogueCategory]):
    list_display = ("name", "agency", "parent", "position")
    list_filter = ("agency",)
    readonly_fields = ("agency", "name", "parent", "position")
    inlines = (CatalogueEventInline,)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # added and renamed in the back office (/disclosure/<agency>/categories/), with events

    def has_change_permission(self, request: HttpRequest, obj: CatalogueCategory | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: CatalogueCategory | None = None) -> bool:
        return False  # its events would go with it


@admin.register(AgencyPage)
class AgencyPageAdmin(admin.ModelAdmin[AgencyPage]):
    list_display = ("agency", "kind", "title", "updated_at")
    list_filter = ("kind",)
