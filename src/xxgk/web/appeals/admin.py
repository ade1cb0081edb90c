from django.contrib import admin
from django.http import HttpRequest

from xxgk.web.appeals.models import AppealCase, AppealEvent


class EventInline(admin.TabularInline[AppealEvent, AppealCase]):
    model = AppealEvent
    extra = 0
    can_delete = False
    readonly_fields = ("action", "actor", "at", "extra")


@admin.register(AppealCase)
class AppealCaseAdmin(admin.ModelAdmin[AppealCase]):
    list_display = ("case_number", "agency", "kind", "filed_on", "result", "concluded_on", "application")
    list_filter = ("kind", "result", "agency")
    search_fields = ("case_number", "application__tracking_code")
    readonly_fields = ("result", "concluded_on", "application")
    inlines = (EventInline,)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # registered in the back office (actions write the event row)
