"""Pair the reports of one agency across years (for the carry-over rules).

Two reports are of the same agency when their agency names agree (normalised,
bracketed notes dropped), also when one name is the other with the parent
regions in front (“洪泽区人民政府” / “淮安市洪泽区人民政府”: :func:`xxgk.agencies.same_agency_name`,
the equivalence the corpus tests use too), or, failing that, when
their file names agree once the report year is taken out of them
(``hongze-2023.pdf`` / ``hongze-2024.pdf``): the way a supervising office files a
year's reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from xxgk.agencies import same_agency_name as same_agency_name  # the one equivalence, shared
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


class PreviousIndex:
    """Last year's report of each report among ``pool``: the agency and file keys
    of the pool computed once, the exact keys looked up by (key, year), so pairing
    a directory of thousands of reports stays linear."""

    def __init__(self, pool: Iterable[AnnualReport]) -> None:
        self._names: dict[int, list[tuple[AnnualReport, str]]] = {}  # year -> (report, agency key)
        self._by_name: dict[tuple[str, int], list[AnnualReport]] = {}
        self._by_file: dict[tuple[str, int], list[AnnualReport]] = {}
        for c in pool:
            if c.year is None:
                continue
            name, file = agency_key(c), file_key(c)
            if name is not None:
                self._names.setdefault(c.year, []).append((c, name))
                self._by_name.setdefault((name, c.year), []).append(c)
            if file is not None:
                self._by_file.setdefault((file, c.year), []).append(c)

    def _by_agency(self, key: str | None, year: int) -> list[AnnualReport]:
        """Of the same agency by name: the exactly equal names if any, else those
        that differ by the parent regions."""
        if key is None:
            return []
        exact = self._by_name.get((key, year))
        if exact:
            return exact
        return [c for c, k in self._names.get(year, []) if same_agency_name(key, k)]

    def _by_file_name(self, key: str | None, year: int) -> list[AnnualReport]:
        return [] if key is None else self._by_file.get((key, year), [])

    def candidates(self, report: AnnualReport) -> list[AnnualReport]:
        """The reports of the pool that may be last year's report of the same
        agency: by name first, then by file name; several when that cannot be decided."""
        if report.year is None:
            return []
        year = report.year - 1
        several: list[AnnualReport] = []
        for found in (
            self._by_agency(agency_key(report), year),
            self._by_file_name(file_key(report), year),
        ):
            found = [c for c in found if c is not report]
            if len(found) == 1:
                return found
            several = several or found
        return several


def pair_previous(reports: list[AnnualReport]) -> list[AnnualReport | None]:
    """For each report, the report of the same agency for the year before, if
    exactly one such report is in the list (else ``None``)."""
    index = PreviousIndex(reports)
    out: list[AnnualReport | None] = []
    for r in reports:
        found = index.candidates(r)
        out.append(found[0] if len(found) == 1 else None)
    return out
