"""The casework admin.  Every queryset is limited to the agencies the user may see
(``xxgk.web.agencies.access``: own agencies and those they supervise; superusers
all); applicants' personal data and attachments only to the agency's own staff.
The fields the state machine owns are read-only, edits of the others go through
``actions.record_edit`` (audit entry), and nothing of the register is deleted here."""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib import admin
from django.db.models import Model, Q, QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest

from xxgk.web.agencies import access
from xxgk.web.agencies.models import Agency
from xxgk.web.casework.actions import EDITABLE_DETAILS, record_edit
from xxgk.web.casework.models import (
    PERSONAL_FIELDS,
    AnswerTemplate,
    Application,
    ApplicationEvent,
    Attachment,
    CalendarDay,
    CalendarYear,
    ClockPause,
)

M = TypeVar("M", bound=Model)
# Shown to the agency's own staff only: the applicant's identity and contact, and what is
# addressed to them by name or tells how they pay (as the back office's answer.txt, fee-notice.txt)
_OWN_STAFF_ONLY = (*PERSONAL_FIELDS, "answer_text", "fee_notice_text", "fee_payment_method")


def _superuser(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "is_superuser", False))


def _visible(request: HttpRequest) -> set[int]:
    return access.visible_agency_ids(request.user)


def _own(request: HttpRequest) -> set[int]:
    return access.own_agency_ids(request.user)


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
    readonly_fields = ("reason", "started_on", "letter_received_on", "ended_on", "reply")

    def has_add_permission(self, request: HttpRequest, obj: Application | None = None) -> bool:
        return False


class AttachmentInline(admin.TabularInline[Attachment, Application]):
    """Attachments are uploaded in the back office (logged); here they are only listed."""

    model = Attachment
    extra = 0
    can_delete = False
    readonly_fields = ("name", "file", "uploaded_by", "uploaded_at")

    def has_add_permission(self, request: HttpRequest, obj: Application | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Application | None = None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin[Application]):
    """Only the applicant's details and the request can be corrected here (logged);
    everything the state machine owns is read-only and changes through the back
    office's transitions (``actions.py``).  Applications are never deleted: their
    audit log must stay (``ApplicationEvent`` PROTECTs its application)."""

    list_display = ("tracking_code", "agency", "applicant_kind", "channel", "received_on", "state", "closed_on")
    list_filter = ("state", "agency", "applicant_kind", "channel")
    search_fields = ("tracking_code", "information_requested")
    inlines = (PauseInline, AttachmentInline, EventInline)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Application]:
        qs = super().get_queryset(request).select_related("agency")
        return qs if _superuser(request) else qs.filter(agency_id__in=_visible(request))

    def _personal(self, request: HttpRequest, obj: Application | None) -> bool:
        return obj is None or _superuser(request) or access.can_see_personal_data(request.user, obj.agency_id)

    def get_fields(self, request: HttpRequest, obj: Application | None = None) -> list[str]:  # type: ignore[override]
        fields = [f.name for f in Application._meta.concrete_fields if f.name != "id"]
        if not self._personal(request, obj):
            fields = [f for f in fields if f not in _OWN_STAFF_ONLY]
        return fields

    def get_readonly_fields(self, request: HttpRequest, obj: Application | None = None) -> list[str]:
        editable = EDITABLE_DETAILS if obj is not None and self._personal(request, obj) else ()
        return [f for f in self.get_fields(request, obj) if f not in editable]

    def get_inlines(self, request: HttpRequest, obj: Application | None) -> list[type[Any]]:
        if self._personal(request, obj):
            return [PauseInline, AttachmentInline, EventInline]
        return [PauseInline, EventInline]  # attachments are the applicant's documents

    def has_change_permission(self, request: HttpRequest, obj: Application | None = None) -> bool:
        if obj is not None and not access.can_act(request.user, obj.agency_id):
            return False  # supervising offices look, the agency's own staff act
        return super().has_change_permission(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # register through the back office (/casework/new/), which logs and starts the clock

    def has_delete_permission(self, request: HttpRequest, obj: Application | None = None) -> bool:
        return False  # the register and its audit log are kept; withdrawals are a transition

    def save_model(self, request: HttpRequest, obj: Application, form: Any, change: bool) -> None:
        record_edit(obj, request.user, list(form.changed_data))


@admin.register(ApplicationEvent)
class ApplicationEventAdmin(admin.ModelAdmin[ApplicationEvent]):
    list_display = ("application", "on", "event", "from_state", "to_state", "actor", "at")
    list_filter = ("event",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[ApplicationEvent]:
        qs = super().get_queryset(request).select_related("application")
        return qs if _superuser(request) else qs.filter(application__agency_id__in=_visible(request))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ApplicationEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ApplicationEvent | None = None) -> bool:
        return False


class _AgencyRowsAdmin(admin.ModelAdmin[M]):
    """Rows of one agency or of all (agency empty): a user sees the national rows and
    those of the agencies visible to them, and changes only their own agencies' rows;
    the national rows (they apply to every agency) only superusers change."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[M]:
        qs = super().get_queryset(request)
        if _superuser(request):
            return qs
        return qs.filter(Q(agency__isnull=True) | Q(agency_id__in=_visible(request)))

    def _may_change(self, request: HttpRequest, obj: M | None) -> bool:
        if obj is None or _superuser(request):
            return True
        agency_id = getattr(obj, "agency_id", None)
        return agency_id is not None and access.can_act(request.user, agency_id)

    def has_change_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return self._may_change(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return self._may_change(request, obj) and super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        if db_field.name == "agency" and not _superuser(request):
            # the agency picker offers only the user's own agencies; a national row (empty agency) is for superusers
            kwargs["queryset"] = Agency.objects.filter(pk__in=_own(request))
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(AnswerTemplate)
class AnswerTemplateAdmin(_AgencyRowsAdmin[AnswerTemplate]):
    list_display = ("__str__", "title")
    list_filter = ("agency",)


@admin.register(CalendarDay)
class CalendarDayAdmin(_AgencyRowsAdmin[CalendarDay]):
    list_display = ("day", "kind", "name", "agency", "basis")
    list_filter = ("kind", "agency")
    date_hierarchy = "day"


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin[CalendarYear]):
    list_display = ("year", "basis", "entered_by")
