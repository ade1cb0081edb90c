"""Pair the reports of one agency across years (for the carry-over rules).

Two reports are of the same agency when their agency names agree (normalised,
bracketed notes dropped), also when one name is the other with the parent
regions in front (“洪泽区人民政府” / “淮安市洪泽区人民政府”), or, failing that, when
their file names agree once the report year is taken out of them
(``hongze-2023.pdf`` / ``hongze-2024.pdf``): the way a supervising office files a
year's reports.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from xxgk.formats import normalize_label
from xxgk.report import AnnualReport

# “我区”, “全市”, “本局”: how a report refers to itself, not a name
_SELF_REFERENCE = re.compile(r"^[我本全][市区县局委办镇乡街所院厅部]?$")

# A name that begins with its own place (“洪泽区…”, “沭阳县…”, “朱坝街道…”): at least
# two characters before the administrative unit, then the agency itself.
_OWN_PLACE = re.compile(
    r"^[\u4e00-\u9fff]{2,}?(?:自治区|自治州|自治县|特别行政区|地区|街道|省|市|区|县|州|盟|旗|镇|乡)"
)
# What may stand before such a name and still be the same agency: the parent
# regions only (“江苏省淮安市”, “洪泽区” before a 街道), each of them at least two
# characters and a unit.
_PARENT_REGIONS = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,}?(?:自治区|自治州|自治县|特别行政区|地区|省|市|区|县|州|盟|旗))+$"
)


def agency_key(report: AnnualReport) -> str | None:
    """The agency name as compared: normalised, without bracketed notes
    (“沭阳县发展和改革局（江苏省宿迁市）” and “沭阳县发展和改革局” are the same agency);
    ``None`` when there is no usable name."""
    if not report.agency:
        return None
    name = normalize_label(re.sub(r"[（(][^（）()]*[）)]", "", report.agency))
    return None if not name or _SELF_REFERENCE.match(name) else name


def same_agency_name(a: str, b: str) -> bool:
    """Two agency keys name the same agency: equal, or the longer is the shorter
    with its parent regions in front (“淮安市洪泽区人民政府” ⊃ “洪泽区人民政府”).  The
    shorter must begin with a place of its own, so “淮安市淮阴区人民政府” and
    “洪泽区人民政府”, or “淮安市人民政府” and “洪泽区人民政府”, never pair."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if not long.endswith(short) or not _OWN_PLACE.match(short):
        return False
    return _PARENT_REGIONS.match(long[: -len(short)]) is not None


def same_agency(a: AnnualReport, b: AnnualReport) -> bool | None:
    """Whether two reports are of the same agency by name (``None``: a name is
    missing, so the names cannot say)."""
    ka, kb = agency_key(a), agency_key(b)
    if ka is None or kb is None:
        return None
    return same_agency_name(ka, kb)


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


def _by_name(report: AnnualReport, candidates: list[AnnualReport]) -> list[AnnualReport]:
    """The candidates of the same agency by name: the exactly equal names if
    any, else those that differ by the parent regions."""
    key = agency_key(report)
    if key is None:
        return []
    keyed = [(c, agency_key(c)) for c in candidates]
    exact = [c for c, k in keyed if k == key]
    return exact or [c for c, k in keyed if k is not None and same_agency_name(key, k)]


def _by_file(report: AnnualReport, candidates: list[AnnualReport]) -> list[AnnualReport]:
    key = file_key(report)
    return [] if key is None else [c for c in candidates if file_key(c) == key]


MATCHERS: tuple[Callable[[AnnualReport, list[AnnualReport]], list[AnnualReport]], ...] = (_by_name, _by_file)


def previous_candidates(report: AnnualReport, pool: list[AnnualReport]) -> list[AnnualReport]:
    """The reports of ``pool`` that may be last year's report of the same agency:
    by name first, then by file name; several when that cannot be decided."""
    if report.year is None:
        return []
    last_year = [c for c in pool if c.year == report.year - 1 and c is not report]
    several: list[AnnualReport] = []
    for match in MATCHERS:
        found = match(report, last_year)
        if len(found) == 1:
            return found
        several = several or found
    return several


def pair_previous(reports: list[AnnualReport]) -> list[AnnualReport | None]:
    """For each report, the report of the same agency for the year before, if
    exactly one such report is in the list (else ``None``)."""
    out: list[AnnualReport | None] = []
    for r in reports:
        found = previous_candidates(r, reports)
        out.append(found[0] if len(found) == 1 else None)
    return out
