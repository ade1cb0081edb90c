"""``/``: the back-office home page of a logged-in member of staff (every register
and report of the user's agency, and for a supervising office its subordinate
agencies and the roll-up), or a short landing page for visitors."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from xxgk.procedure import TERMINAL
from xxgk.web.agencies.access import own_agency_ids
from xxgk.web.agencies.models import Agency
from xxgk.web.annual.views import CONTENT_TYPES
from xxgk.web.appeals.models import PENDING, AppealCase
from xxgk.web.casework.models import Application
from xxgk.web.casework.views import clock_of
from xxgk.web.disclosure import states
from xxgk.web.disclosure.models import DisclosureItem
from xxgk.web.navigation import report_year

DUE_SOON_WD = 5
FORMAT_LABELS = {
    "docx": "Word",
    "pdf": "PDF",
    "xlsx": "Excel",
    "html": "网页",
    "txt": "文本",
    "md": "Markdown",
    "json": "JSON",
}
FORMATS = [(f, label) for f, label in FORMAT_LABELS.items() if f in CONTENT_TYPES] + [
    (f, f) for f in CONTENT_TYPES if f not in FORMAT_LABELS
]


def open_counts(agency_ids: list[int], today: date) -> dict[int, dict[str, int]]:
    """Per agency: applications in hand, overdue, and due within five working days."""
    counts = {pk: {"open": 0, "overdue": 0, "due_soon": 0} for pk in agency_ids}
    apps = (
        Application.objects.filter(agency_id__in=agency_ids)
        .exclude(state__in=[s.value for s in TERMINAL])
        .prefetch_related("pauses")
    )
    calendars: dict[int, Any] = {}
    for app in apps:
        c = counts[app.agency_id]
        c["open"] += 1
        clock = clock_of(app, today, calendars)
        if clock["overdue"]:
            c["overdue"] += 1
        elif clock["left"] is not None and clock["left"] <= DUE_SOON_WD:
            c["due_soon"] += 1
    return counts


def _register_counts(agency: Agency, today: date) -> dict[str, int]:
    items = DisclosureItem.objects.filter(agency=agency)
    return {
        "published_this_year": items.filter(published_on__year=today.year).count(),
        "in_review": items.filter(state__in=[states.DRAFTED, states.REVIEWED, states.SECRECY_PASSED]).count(),
        "appeals_pending": AppealCase.objects.filter(agency=agency, result=PENDING).count(),
    }


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        public = Agency.objects.order_by("parent_id", "pk")
        return render(request, "landing.html", {"agencies": public})
    today = timezone.localdate()
    own = list(Agency.objects.filter(pk__in=own_agency_ids(request.user)).order_by("pk"))
    children = {a.pk: list(a.children.order_by("pk")) for a in own}
    ids = [a.pk for a in own] + [c.pk for kids in children.values() for c in kids]
    counts = open_counts(ids, today)
    year = report_year()
    blocks = [
        {
            "agency": a,
            "counts": counts[a.pk],
            "registers": _register_counts(a, today),
            "children": [{"agency": c, "counts": counts[c.pk]} for c in children[a.pk]],
        }
        for a in own
    ]
    return render(
        request,
        "home.html",
        {
            "blocks": blocks,
            "today": today,
            "year": year,
            "years": [year, year + 1],
            "formats": FORMATS,
            "due_soon_wd": DUE_SOON_WD,
        },
    )
