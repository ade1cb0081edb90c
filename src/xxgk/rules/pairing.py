"""Pair the reports of one agency across years (for the carry-over rules).

Two reports are of the same agency when their agency names agree (normalised,
bracketed notes dropped) or, failing that, when their file names agree once the
report year is taken out of them (``hongze-2023.pdf`` / ``hongze-2024.pdf``): the
way a supervising office files a year's reports.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from xxgk.formats import normalize_label
from xxgk.report import AnnualReport

# “我区”, “全市”, “本局”: how a report refers to itself, not a name
_SELF_REFERENCE = re.compile(r"^[我本全][市区县局委办镇乡街所院厅部]?$")


def agency_key(report: AnnualReport) -> str | None:
    """The agency name as compared: normalised, without bracketed notes
    (“沭阳县发展和改革局（江苏省宿迁市）” and “沭阳县发展和改革局” are the same agency);
    ``None`` when there is no usable name."""
    if not report.agency:
        return None
    name = normalize_label(re.sub(r"[（(][^（）()]*[）)]", "", report.agency))
    return None if not name or _SELF_REFERENCE.match(name) else name


def file_key(report: AnnualReport) -> str | None:
    """The file name without its suffix and without the report year (only when
    the name carries that year)."""
    if not report.file or report.year is None:
        return None
    stem = Path(report.file).stem
    year = str(report.year)
    if year not in stem:
        return None
    return "file:" + stem.replace(year, "{year}")


def _index(
    reports: list[AnnualReport], key_of: Callable[[AnnualReport], str | None]
) -> dict[tuple[str, int], list[AnnualReport]]:
    index: dict[tuple[str, int], list[AnnualReport]] = {}
    for r in reports:
        key = key_of(r)
        if key is not None and r.year is not None:
            index.setdefault((key, r.year), []).append(r)
    return index


def pair_previous(reports: list[AnnualReport]) -> list[AnnualReport | None]:
    """For each report, the report of the same agency for the year before, if
    exactly one such report is in the list (else ``None``)."""
    by_agency = _index(reports, agency_key)
    by_file = _index(reports, file_key)
    out: list[AnnualReport | None] = []
    for r in reports:
        found: list[AnnualReport] = []
        if r.year is not None:
            for index, key_of in ((by_agency, agency_key), (by_file, file_key)):
                key = key_of(r)
                if key is not None:
                    found = index.get((key, r.year - 1), [])
                if len(found) == 1:
                    break
        out.append(found[0] if len(found) == 1 else None)
    return out
