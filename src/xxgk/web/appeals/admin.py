"""The appeals admin: cases of the agencies the user may see, with their events.  What
decides table 四 (agency, kind, dates, result) and the link to the application change
only in the back office (``actions``); a case number or summary corrected here is saved
with an ``edit`` event; cases are never deleted here."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from xxgk.web.agencies import access
from xxgk.web.appeals import actions
from xxgk.web.appeals.models import AppealCase, AppealEvent


class EventInline(admin.TabularInline[AppealEvent, AppealCase]):
    model = AppealEvent
    extra = 0
    can_delete = False
    readonly_fields = ("action", "actor", "at", "extra")

    def has_add_permission(self, request: HttpRequest, obj: AppealCase | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AppealCase | None = None) -> bool:
        return False


@admin.register(AppealCase)
class AppealCaseAdmin(admin.ModelAdmin[AppealCase]):
    list_display = ("case_number", "agency", "kind", "filed_on", "result", "concluded_on", "application")
    list_filter = ("kind", "result", "agency")
    search_fields = ("case_number", "application__tracking_code")
    readonly_fields = ("agency", "kind", "filed_on", "result", "concluded_on", "application")
    inlines = (EventInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet[AppealCase]:
        qs = super().get_queryset(request)
        if getattr(request.user, "is_superuser", False):
            return qs
        return qs.filter(agency_id__in=access.visible_agency_ids(request.user))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # registered in the back office (actions write the event row)

    def has_change_permission(self, request: HttpRequest, obj: AppealCase | None = None) -> bool:
        if obj is not None and not access.can_act(request.user, obj.agency_id):
            return False  # supervising offices look, the agency's own staff act
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: AppealCase | None = None) -> bool:
        return False  # the register and its events are kept

    def save_model(self, request: HttpRequest, obj: AppealCase, form: Any, change: bool) -> None:
        actions.do_record_edit(obj, request.user, {f: form.initial.get(f) for f in form.changed_data})
