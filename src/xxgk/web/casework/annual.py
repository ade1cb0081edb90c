"""Table 三 of an agency's annual report, computed from its register."""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from xxgk.register_table3 import RegisterRecord, table_3_from_register
from xxgk.report import AnnualReport
from xxgk.web.agencies.models import Agency
from xxgk.web.casework.models import Application


def register_records(agency: Agency, year: int) -> list[RegisterRecord]:
    """The applications that can count in ``year``: received by 31 December and
    not closed before 1 January of the previous year."""
    qs = (
        Application.objects.filter(agency=agency, received_on__isnull=False, received_on__lte=date(year, 12, 31))
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=date(year - 1, 1, 1)))
        .values_list("applicant_kind", "received_on", "closed_on", "outcome")
    )
    return [RegisterRecord(kind, rec, closed, outcome or None) for kind, rec, closed, outcome in qs]


def table_3_for(agency: Agency, year: int) -> AnnualReport:
    return table_3_from_register(register_records(agency, year), year, agency=agency.name)
