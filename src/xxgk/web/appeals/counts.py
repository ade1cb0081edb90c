"""Table 四 from the appeals register.

Which cases count in year Y (the format does not say; spec §6 UNCONFIRMED): every
case filed in Y, and every case filed earlier that was still open on 1 January
of Y.  Its column is its result if it was concluded by 31 December of Y, else
尚未审结.  So a case pending at the end of one year appears again, with its
result, the next year (like 上年结转 in table 三)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Q

from xxgk.formats import get_edition
from xxgk.report import AnnualReport, Source
from xxgk.web.appeals.models import KINDS, PENDING, AppealCase

RESULT_SUFFIX = {"upheld": "upheld", "corrected": "corrected", "other": "other", "pending": "pending"}


def table_4_counts(agency_ids: Iterable[int], year: int) -> dict[str, int]:
    """Counts by table-四 column key (``review_upheld`` … ``litigation_after_review_total``)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    cases = AppealCase.objects.filter(agency_id__in=list(agency_ids), filed_on__lte=end).filter(
        Q(filed_on__gte=start) | Q(concluded_on__isnull=True) | Q(concluded_on__gte=start)
    )
    counts: dict[str, int] = {}
    for kind, result, concluded_on in cases.values_list("kind", "result", "concluded_on").iterator():
        if concluded_on is None or concluded_on > end:
            result = PENDING
        counts[f"{kind}_{result}"] = counts.get(f"{kind}_{result}", 0) + 1
        counts[f"{kind}_total"] = counts.get(f"{kind}_total", 0) + 1
    return counts


def fill_table_4(report: AnnualReport, agency_ids: Iterable[int], year: int, who: str = "") -> None:
    counts = table_4_counts(agency_ids, year)
    kind_labels = dict(KINDS)
    (group,) = get_edition(report.edition).table("table_4").groups
    for column in group.columns:
        kind = next(
            k
            for k in kind_labels
            if column.key.startswith(k + "_") and column.key[len(k) + 1 :] in (*RESULT_SUFFIX, "total")
        )
        query = f"{who}复议诉讼登记：{year}年内立案或年初尚未审结的{kind_labels[kind]}案件，{column.label}"
        report.set_number(
            f"table_4.count.{column.key}", counts.get(column.key, 0), source=Source(kind="register", query=query)
        )
