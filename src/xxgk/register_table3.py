"""Table 三 of the annual report computed from the application register.

Pure (no Django): the register hands in one :class:`RegisterRecord` per
application; the result is the same :class:`~xxgk.report.AnnualReport` the parser
produces, with the table-三 cells filled from the records (sources of kind
``register`` saying what was counted).

Counting rules (spec ``application-procedure.md`` §3, E20):

* 本年新收 (``new_received``): received (R fixed) in the year;
* 上年结转 (``carried_over``): received before the year and not closed by 31 December
  of the previous year;
* results rows: closed in the year (reply date / closure date), by outcome row;
* 结转下年度 (``carried_forward``): received by 31 December and not closed by then.

Every received application is either closed in the year or carried forward, so
``new + carried_over == results_total + carried_forward`` holds in every column
by construction.  Applications never received (withdrawn before R was fixed) are
not counted.  Which date places a closed application in a year is not stated
in the texts (spec §3, UNCONFIRMED): the reply/closure date is used.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from xxgk.formats import edition_for_year, get_edition
from xxgk.procedure import APPLICANT_KINDS, Outcome, outcome_row
from xxgk.report import AnnualReport, Note, Source


@dataclass(frozen=True)
class RegisterRecord:
    applicant_kind: str
    received_on: date | None
    closed_on: date | None = None
    outcome: Outcome | str | None = None


def _open_at(r: RegisterRecord, day: date) -> bool:
    return r.received_on is not None and r.received_on <= day and (r.closed_on is None or r.closed_on > day)


def _bucket(r: RegisterRecord, year: int, edition: str) -> list[str]:
    """The table-三 rows this application counts in for ``year``."""
    rows: list[str] = []
    if r.received_on is None:
        return rows
    if r.received_on.year == year:
        rows.append("new_received")
    if _open_at(r, date(year - 1, 12, 31)):
        rows.append("carried_over")
    if r.closed_on is not None and r.closed_on.year == year:
        if r.outcome is None:
            raise ValueError("a closed application needs an outcome")
        rows.append(outcome_row(r.outcome, edition))
        rows.append("results_total")
    if _open_at(r, date(year, 12, 31)):
        rows.append("carried_forward")
    return rows


_QUERY = {
    "new_received": "{year}年内确认收到的申请",
    "carried_over": "{prev}年12月31日前收到、当日仍未办结的申请",
    "carried_forward": "{year}年12月31日前收到、当日仍未办结的申请",
    "results_total": "{year}年内办结的申请（按答复或终止日期）",
}


def table_3_from_register(
    records: Iterable[RegisterRecord],
    year: int,
    *,
    agency: str | None = None,
    edition: str | None = None,
) -> AnnualReport:
    """The annual report of ``year`` with every table-三 cell counted from ``records``."""
    ed = get_edition(edition) if edition else edition_for_year(year)
    table = ed.table("table_3")
    columns = [c.key for g in table.groups for c in g.columns if not c.is_total]
    assert tuple(columns) == APPLICANT_KINDS, "applicant kinds must be the columns of table 三"
    total_col = next(c.key for g in table.groups for c in g.columns if c.is_total)
    counts: dict[tuple[str, str], int] = {}
    for r in records:
        if r.applicant_kind not in APPLICANT_KINDS:
            raise ValueError(f"unknown applicant kind {r.applicant_kind!r}")
        for row_key in _bucket(r, year, ed.key):
            counts[(row_key, r.applicant_kind)] = counts.get((row_key, r.applicant_kind), 0) + 1
    report = AnnualReport(edition=ed.key, year=year, agency=agency, file=None)
    who = f"{agency}：" if agency else ""
    for row in table.data_rows:
        label = row.label or row.key
        base = _QUERY.get(row.key, "{year}年内办结、结果为“" + label + "”的申请").format(year=year, prev=year - 1)
        for col in columns:
            n = counts.get((row.key, col), 0)
            col_label = table.groups[0].column(col).label
            query = f"{who}依申请公开登记：{base}，申请人为{col_label}"
            report.set_number(f"table_3.{row.key}.{col}", n, source=Source(kind="register", query=query))
        total = sum(counts.get((row.key, c), 0) for c in columns)
        query = f"{who}依申请公开登记：{base}，全部申请人"
        report.set_number(f"table_3.{row.key}.{total_col}", total, source=Source(kind="register", query=query))
    report.notes.append(
        Note(
            code="register.table_3_only", message="本报告仅含由依申请公开登记计算的表三；其他表格不由该登记计算，未填写"
        )
    )
    report.notes.append(
        Note(
            code="register.year_by_reply_date",
            message="办结的申请按答复书日期（或终止日期）归入年度；以送达日期归年的口径未见规定（待确认）",
        )
    )
    return report
