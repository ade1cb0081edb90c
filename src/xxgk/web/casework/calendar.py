"""The working-day calendar as the web app sees it: chinesecalendar, then the
override file (``settings.XXGK_CALENDAR_FILE``), then the national rows of the
admin table, then the agency's own rows — later sources win."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db.models import Q

from xxgk.web.casework.models import CalendarDay, CalendarYear
from xxgk.workdays import CalendarOverrides, ClockRules, WorkCalendar


def _overrides(rows: list[CalendarDay], years: frozenset[int], source: str) -> CalendarOverrides:
    off = {r.day: r.name for r in rows if r.kind == CalendarDay.KIND_OFF}
    makeup = {r.day: r.name for r in rows if r.kind == CalendarDay.KIND_MAKEUP}
    return CalendarOverrides(off, makeup, years, source)


def calendar_for(agency_id: int | None = None) -> WorkCalendar:
    overrides: list[CalendarOverrides] = []
    path = getattr(settings, "XXGK_CALENDAR_FILE", "")
    if path and Path(path).is_file():
        overrides.append(CalendarOverrides.from_file(path))
    years = frozenset(CalendarYear.objects.values_list("year", flat=True))
    rows = list(CalendarDay.objects.filter(Q(agency__isnull=True) | Q(agency_id=agency_id)))
    overrides.append(_overrides([r for r in rows if r.agency_id is None], years, "后台日历调整（全国）"))
    if agency_id is not None:
        overrides.append(
            _overrides([r for r in rows if r.agency_id == agency_id], frozenset(), "后台日历调整（本机关）")
        )
    return WorkCalendar(overrides)


def clock_rules() -> ClockRules:
    """The deployment's counting choices (``settings.XXGK_CLOCK``)."""
    return ClockRules(**getattr(settings, "XXGK_CLOCK", {}))
