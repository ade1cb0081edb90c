from django.contrib import admin
from django.http import HttpRequest

from xxgk.web.casework.models import (
    AnswerTemplate,
    Application,
    ApplicationEvent,
    Attachment,
    CalendarDay,
    CalendarYear,
    ClockPause,
)

_PROCEDURE_FIELDS = (
    "tracking_code",
    "state",
    "resume_state",
    "received_on",
    "correction_requested_on",
    "correction_due",
    "corrected_on",
    "extension_wd",
    "extension_reason",
    "reason_requested_on",
    "delayed_due",
    "fee_amount",
    "fee_notice_on",
    "fee_notice_received_on",
    "fee_paid_on",
    "outcome",
    "closed_on",
    "archived_on",
    "last_event_on",
    "answer_text",
)


class EventInline(admin.TabularInline[ApplicationEvent, Application]):
    model = ApplicationEvent
    extra = 0
    can_delete = False
    readonly_fields = ("on", "event", "from_state", "to_state", "actor", "reason", "data", "at")

    def has_add_permission(self, request: HttpRequest, obj: Application | None = None) -> bool:
        return False


class PauseInline(admin.TabularInline[ClockPause, Application]):
    model = ClockPause
    extra = 0
    can_delete = False
    readonly_fields = ("reason", "started_on", "ended_on")

    def has_add_permission(self, request: HttpRequest, obj: Application | None = None) -> bool:
        return False


class AttachmentInline(admin.TabularInline[Attachment, Application]):
    model = Attachment
    extra = 0
    readonly_fields = ("uploaded_by", "uploaded_at")


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin[Application]):
    """State and clock fields are read-only here: they change only through the
    back office's transitions (``actions.py``), which validate and log them."""

    list_display = ("tracking_code", "agency", "applicant_kind", "channel", "received_on", "state", "closed_on")
    list_filter = ("state", "agency", "applicant_kind", "channel")
    search_fields = ("tracking_code", "information_requested")
    readonly_fields = _PROCEDURE_FIELDS
    inlines = (PauseInline, AttachmentInline, EventInline)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # register through the back office (/casework/new/), which logs and starts the clock


@admin.register(ApplicationEvent)
class ApplicationEventAdmin(admin.ModelAdmin[ApplicationEvent]):
    list_display = ("application", "on", "event", "from_state", "to_state", "actor", "at")
    list_filter = ("event",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ApplicationEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ApplicationEvent | None = None) -> bool:
        return False


@admin.register(AnswerTemplate)
class AnswerTemplateAdmin(admin.ModelAdmin[AnswerTemplate]):
    list_display = ("__str__", "title")
    list_filter = ("agency",)


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin[CalendarDay]):
    list_display = ("day", "kind", "name", "agency", "basis")
    list_filter = ("kind", "agency")
    date_hierarchy = "day"


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin[CalendarYear]):
    list_display = ("year", "basis", "entered_by")
