"""Table 三 counted by the database instead of in Python: four ``GROUP BY``
queries over the application register (``casework.Application``), for agencies
with very many applications.

The counting rules are those of ``xxgk.register_table3`` (the register's own
count, ``xxgk.web.casework.annual.table_3_for``) — new: received in the year;
上年结转: received by 31 December of the previous year and not closed by then;
results: closed in the year, by outcome row; 结转下年度: received by 31 December
and not closed by then.  ``tests/web/test_annual.py`` checks cell by cell that
both give the same table on random registers."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q

from xxgk.procedure import APPLICANT_KINDS, outcome_row
from xxgk.report import AnnualReport, Source
from xxgk.web.agencies.models import Agency

QUERIES = {
    "new_received": "{year}年内确认收到的申请",
    "carried_over": "{prev}年12月31日前收到、当日仍未办结的申请",
    "carried_forward": "{year}年12月31日前收到、当日仍未办结的申请",
    "results_total": "{year}年内办结的申请（按答复或终止日期）",
}


def table_3_counts(agency: Agency, year: int, edition: str) -> dict[tuple[str, str], int]:
    """(row key, applicant kind) → number of applications."""
    from xxgk.web.casework.models import Application

    apps = Application.objects.filter(agency=agency, received_on__isnull=False)
    end_prev, end = date(year - 1, 12, 31), date(year, 12, 31)
    counts: dict[tuple[str, str], int] = {}

    def add(row: str, rows: object) -> None:
        for kind, n in rows:  # type: ignore[attr-defined]
            counts[(row, kind)] = counts.get((row, kind), 0) + n

    by_kind = ("applicant_kind",)
    add("new_received", apps.filter(received_on__year=year).values_list(*by_kind).annotate(n=Count("pk")))
    open_at_prev = Q(closed_on__isnull=True) | Q(closed_on__gt=end_prev)
    add(
        "carried_over",
        apps.filter(received_on__lte=end_prev).filter(open_at_prev).values_list(*by_kind).annotate(n=Count("pk")),
    )
    open_at_end = Q(closed_on__isnull=True) | Q(closed_on__gt=end)
    add(
        "carried_forward",
        apps.filter(received_on__lte=end).filter(open_at_end).values_list(*by_kind).annotate(n=Count("pk")),
    )
    closed = apps.filter(closed_on__year=year).values_list("applicant_kind", "outcome").annotate(n=Count("pk"))
    for kind, outcome, n in closed:
        if not outcome:
            raise ValueError("a closed application needs an outcome")
        row = outcome_row(outcome, edition)
        counts[(row, kind)] = counts.get((row, kind), 0) + n
        counts[("results_total", kind)] = counts.get(("results_total", kind), 0) + n
    return counts


def fill_table_3(report: AnnualReport, agency: Agency, year: int) -> None:
    table = report.spec.table("table_3")
    (group,) = table.groups
    columns = [c for c in group.columns if not c.is_total]
    if tuple(c.key for c in columns) != APPLICANT_KINDS:
        raise ValueError("applicant kinds must be the columns of table 三")
    total_col = next(c for c in group.columns if c.is_total)
    counts = table_3_counts(agency, year, report.edition)
    who = f"{agency.name}："
    for row in group.data_rows:
        base = QUERIES.get(row.key, "{year}年内办结、结果为“" + (row.label or row.key) + "”的申请")
        base = base.format(year=year, prev=year - 1)
        for col in columns:
            query = f"{who}依申请公开登记：{base}，申请人为{col.label}"
            n = counts.get((row.key, col.key), 0)
            report.set_number(f"table_3.{row.key}.{col.key}", n, source=Source(kind="register", query=query))
        total = sum(counts.get((row.key, c.key), 0) for c in columns)
        query = f"{who}依申请公开登记：{base}，全部申请人"
        report.set_number(f"table_3.{row.key}.{total_col.key}", total, source=Source(kind="register", query=query))
