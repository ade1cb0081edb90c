"""Pair the reports of one agency across years (for the carry-over rules)."""

from __future__ import annotations

from xxgk.formats import normalize_label
from xxgk.report import AnnualReport


def agency_key(report: AnnualReport) -> str | None:
    """The agency name as compared: normalised, without bracketed notes
    (“沭阳县发展和改革局（江苏省宿迁市）” and “沭阳县发展和改革局” are the same agency)."""
    if not report.agency:
        return None
    name = report.agency
    for open_, close in (("（", "）"), ("(", ")")):
        while open_ in name and close in name.split(open_, 1)[1]:
            head, rest = name.split(open_, 1)
            name = head + rest.split(close, 1)[1]
    return normalize_label(name) or None


def pair_previous(reports: list[AnnualReport]) -> list[AnnualReport | None]:
    """For each report, the report of the same agency for the year before, if
    the list holds exactly one such report (else ``None``)."""
    index: dict[tuple[str, int], list[AnnualReport]] = {}
    for r in reports:
        key = agency_key(r)
        if key is not None and r.year is not None:
            index.setdefault((key, r.year), []).append(r)
    out: list[AnnualReport | None] = []
    for r in reports:
        key = agency_key(r)
        found = index.get((key, r.year - 1), []) if key is not None and r.year is not None else []
        out.append(found[0] if len(found) == 1 else None)
    return out
