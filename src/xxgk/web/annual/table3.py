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

from django.db.models import Case, Count, F, IntegerField, Q, Value, When

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
    """(row key, applicant kind) → number of applications, in one pass: each
    application is flagged (new / 上年结转 / 办结 / 结转下年度) by ``CASE``
    expressions and the flags are counted by ``GROUP BY`` in the database."""
    from xxgk.web.casework.models import Application

    start, end_prev, end = date(year, 1, 1), date(year - 1, 12, 31), date(year, 12, 31)

    def flag(cond: Q) -> Case:
        return Case(When(cond, then=Value(1)), default=Value(0), output_field=IntegerField())

    open_at_prev = Q(received_on__lte=end_prev) & (Q(closed_on__isnull=True) | Q(closed_on__gt=end_prev))
    open_at_end = Q(closed_on__isnull=True) | Q(closed_on__gt=end)
    closed_in = Q(closed_on__gte=start, closed_on__lte=end)
    rows = (
        Application.objects.filter(agency=agency, received_on__isnull=False, received_on__lte=end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=end_prev))
        .annotate(
            f_new=flag(Q(received_on__gte=start)),
            f_over=flag(open_at_prev),
            f_forward=flag(open_at_end),
            f_closed=flag(closed_in),
            closed_outcome=Case(When(closed_in, then=F("outcome")), default=Value("")),
        )
        .values_list("applicant_kind", "closed_outcome", "f_new", "f_over", "f_forward", "f_closed")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[tuple[str, str], int] = {}

    def add(row: str, kind: str, n: int) -> None:
        counts[(row, kind)] = counts.get((row, kind), 0) + n

    for kind, outcome, f_new, f_over, f_forward, f_closed, n in rows:
        if f_new:
            add("new_received", kind, n)
        if f_over:
            add("carried_over", kind, n)
        if f_forward:
            add("carried_forward", kind, n)
        if f_closed:
            if not outcome:
                raise ValueError("a closed application needs an outcome")
            add(outcome_row(outcome, edition), kind, n)
            add("results_total", kind, n)
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
