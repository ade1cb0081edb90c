"""The one navigation of the back office: a context processor giving every page
the user's agency, the report year and what the user may open."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from xxgk.web.agencies.access import own_agency_ids
from xxgk.web.agencies.models import Agency


def report_year() -> int:
    """The year whose annual report is due (published by 31 January): last year."""
    return timezone.localdate().year - 1


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": None}
    agency = Agency.objects.filter(pk__in=own_agency_ids(user)).order_by("pk").first()
    return {
        "nav": {
            "agency": agency,
            "year": report_year(),
            "supervises": bool(agency and agency.children.exists()),
            "admin": user.is_staff,
        }
    }
