"""Rules across two years of the same agency.

* ``X-CARRY`` — table 三: 四、结转下年度继续办理 last year = 二、上年结转 this year,
  per column (editions.json ``t3_cross_year_carry``; a warning: reorganisations
  and withdrawals break it legitimately);
* ``X-T2-ROLL`` — 2019 edition table 二: 上一年项目数量 + 本年增/减 last year =
  上一年项目数量 this year (``t2_items_roll``, notice);
* ``X-T2-STOCK`` — 2021 edition table 二 (一): 现行有效件数 last year + 本年制发 −
  本年废止 = 现行有效件数 this year (``t2_stock_flow``, notice);
* ``X-PREVIOUS`` — ``--previous`` gave reports, none of them last year's of this
  agency (notice; made by the command, which matches them by agency and year);
* ``X-PAIR`` — the previous report is not of the same agency (a warning; the
  rules still run), or not last year's (a notice: the rules above are then not
  applied at all, since their relations hold only between consecutive years).

A rule that cannot be assessed because a cell of either year is unread, blank
or “-” gives one notice (``unassessed: true``) naming those cells (a table 二 row
printed “-” in both years does not apply: no notice).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from xxgk.formats import get_edition
from xxgk.report import AnnualReport, Number
from xxgk.rules.finding import Finding, Rule, Severity, make, not_numbers, severity_from_edition, unassessed
from xxgk.rules.labels import column_name, short_row_label
from xxgk.rules.pairing import same_agency


def _relation(edition: str, rel_id: str) -> dict[str, Any] | None:
    for r in get_edition(edition).relations:
        if r.id == rel_id:
            return r.raw
    return None


def _severity(rel_id: str, default: Severity) -> Severity:
    for e in ("2021", "2019_trial"):
        raw = _relation(e, rel_id)
        if raw:
            return severity_from_edition(raw["severity"])
    return default


RULES: dict[str, Rule] = {
    r.code: r
    for r in (
        Rule(
            "X-CARRY",
            _severity("t3_cross_year_carry", "warning"),
            "上年结转 = 上一年度报告的结转下年度",
            "表三「{where}」列：本年“二、上年结转”为 {actual}，但{prev_year}年度报告“四、结转下年度继续办理”为 {expected}。",
            "editions.json relations[t3_cross_year_carry]",
            "cross_year",
        ),
        Rule(
            "X-T2-ROLL",
            _severity("t2_items_roll", "notice"),
            "表二上一年项目数量与上年报告衔接（2019试行格式）",
            "表二「{row}」：本年“上一年项目数量”为 {actual}，而{prev_year}年度报告的上一年项目数量 {base} 加本年增/减 {change} 为 {expected}。",
            "editions.json relations[t2_items_roll]",
            "cross_year",
        ),
        Rule(
            "X-T2-STOCK",
            _severity("t2_stock_flow", "notice"),
            "表二现行有效件数与上年报告衔接（2021格式）",
            "表二「{row}」：现行有效件数为 {actual}，而{prev_year}年度现行有效 {base} 加本年制发 {issued} 减本年废止 {repealed} 为 {expected}（修订、失效会使其不符，仅供参考）。",
            "editions.json relations[t2_stock_flow]",
            "cross_year",
        ),
        Rule(
            "X-PAIR",
            "warning",
            "上一年度报告应为同一机关的上一年度",
            "作为上一年度报告的文件{detail}，{consequence}。",
            "editions.json relations[t3_cross_year_carry].note",
            "cross_year",
        ),
        Rule(
            "X-PREVIOUS",
            "notice",
            "所给的上一年度报告中有本机关的上一年度",
            "所给的上一年度报告（--previous {files}）中没有{agency}{prev_year}年度的报告，未作跨年度核对。",
            "xxgk check --previous：按机关与年度为每份报告配对",
            "cross_year",
        ),
    )
}

T3 = "table_3"


def consecutive(report: AnnualReport, previous: AnnualReport) -> bool:
    return report.year is not None and previous.year is not None and previous.year == report.year - 1


def _wanted(report: AnnualReport) -> dict[str, Any]:
    """The previous report a report asks for: its agency, the year before."""
    return {"year": (report.year - 1) if report.year else None, "agency": report.agency}


def check_pair(report: AnnualReport, previous: AnnualReport) -> Iterator[Finding]:
    """X-PAIR: a notice when the years are not consecutive (the cross-year rules
    are then not applied), a warning when the agency differs."""
    expected = _wanted(report)
    actual = {"year": previous.year, "agency": previous.agency}
    if not consecutive(report, previous):
        if report.year is None or previous.year is None:
            which = "本报告" if report.year is None else "该文件"
            detail = f"无法确认为上一年度（{which}的年度未能识别）"
        else:
            detail = f"为{previous.year}年度（本报告为{report.year}年度），不是上一年度"
        yield make(
            RULES["X-PAIR"],
            report,
            severity="notice",
            expected=expected,
            actual=actual,
            detail=detail,
            consequence="未作跨年度核对（上年结转、表二衔接只在相邻两个年度之间成立）",
            extra={"not_applied": ["X-CARRY", "X-T2-ROLL", "X-T2-STOCK"]},
        )
        return
    if same_agency(report, previous) is False:
        yield make(
            RULES["X-PAIR"],
            report,
            expected=expected,
            actual=actual,
            detail=f"属于“{previous.agency}”（本报告为“{report.agency}”）",
            consequence="跨年度核对可能不适用",
        )


def _not_applicable(*cells: tuple[AnnualReport, str]) -> bool:
    """Every cell of a table 二 row printed “-” or “/” in both years: the row does
    not apply to the agency, so there is nothing to assess (no notice)."""
    return all(r.cell(k).kind == "na" for r, k in cells)


@dataclass
class _NotAssessed:
    """The places of one cross-year rule that cannot be assessed, gathered for the
    one notice of :func:`~xxgk.rules.finding.unassessed`."""

    rule: Rule
    report: AnnualReport
    previous: AnnualReport
    missing: list[str] = field(default_factory=list)
    previous_missing: list[str] = field(default_factory=list)
    instances: int = 0

    def add(self, keys: list[str], previous_keys: list[str]) -> None:
        """One place: the cells of this year's (``keys``) and last year's report that hold no number among them."""
        self.missing += not_numbers(self.report, keys)
        self.previous_missing += not_numbers(self.previous, previous_keys)
        self.instances += 1

    def findings(self) -> Iterator[Finding]:
        if self.instances:
            yield unassessed(
                self.report,
                self.rule,
                self.missing,
                instances=self.instances,
                previous=self.previous,
                previous_missing=self.previous_missing,
            )


def check_carry(report: AnnualReport, previous: AnnualReport) -> Iterator[Finding]:
    raw = _relation(report.edition, "t3_cross_year_carry")
    if raw is None:
        return
    e = report.spec
    pending = _NotAssessed(RULES["X-CARRY"], report, previous)
    for c in raw["for_each_column"]:
        this_key, prev_key = f"{T3}.carried_over.{c}", f"{T3}.carried_forward.{c}"
        this_v, prev_v = report.value(this_key), previous.value(prev_key)
        if this_v is None or prev_v is None:
            pending.add([this_key], [prev_key])
            continue
        if this_v == prev_v:
            continue
        yield make(
            RULES["X-CARRY"],
            report,
            cells=[this_key],
            expected=prev_v,
            actual=this_v,
            where=column_name(e, this_key),
            prev_year=previous.year or "上一",
            extra={"previous_cells": [prev_key], "previous_file": previous.file},
        )
    yield from pending.findings()


def check_items_roll(report: AnnualReport, previous: AnnualReport) -> Iterator[Finding]:
    """2019 edition on both sides: 上一年项目数量 is the column before the signed 本年增/减."""
    if report.edition != "2019_trial" or previous.edition != "2019_trial":
        return
    e = report.spec
    pending = _NotAssessed(RULES["X-T2-ROLL"], report, previous)
    for g in e.table("table_2").groups:
        signed = [c for c in g.columns if c.value_kind == "signed"]
        if not signed or g.columns.index(signed[0]) == 0:
            continue
        base_col = g.columns[g.columns.index(signed[0]) - 1]
        for r in g.data_rows:
            bk, ck = f"table_2.{r.key}.{base_col.key}", f"table_2.{r.key}.{signed[0].key}"
            base, change, now = previous.value(bk), previous.value(ck), report.value(bk)
            if base is None or change is None or now is None:
                if _not_applicable((previous, bk), (previous, ck), (report, bk)):
                    continue
                pending.add([bk], [bk, ck])
                continue
            if base + change == now:
                continue
            yield make(
                RULES["X-T2-ROLL"],
                report,
                cells=[bk],
                expected=base + change,
                actual=now,
                row=short_row_label(r),
                prev_year=previous.year or "上一",
                base=base,
                change=change,
                extra={"previous_cells": [bk, ck], "previous_file": previous.file},
            )
    yield from pending.findings()


def check_stock(report: AnnualReport, previous: AnnualReport) -> Iterator[Finding]:
    raw = _relation(report.edition, "t2_stock_flow")
    if raw is None or previous.edition != report.edition:
        return
    e = report.spec
    group = e.table("table_2").groups[0]
    cols = [c.key for c in group.columns]  # 本年制发件数, 本年废止件数, 现行有效件数 (in the format's order)
    if len(cols) != 3:
        return
    issued_c, repealed_c, valid_c = cols
    pending = _NotAssessed(RULES["X-T2-STOCK"], report, previous)
    for r in group.data_rows:

        def k(c: str, row: str = r.key) -> str:
            return f"table_2.{row}.{c}"

        base, issued, repealed, now = (
            previous.value(k(valid_c)),
            report.value(k(issued_c)),
            report.value(k(repealed_c)),
            report.value(k(valid_c)),
        )
        if base is None or issued is None or repealed is None or now is None:
            if _not_applicable(
                (previous, k(valid_c)), (report, k(issued_c)), (report, k(repealed_c)), (report, k(valid_c))
            ):
                continue
            pending.add([k(issued_c), k(repealed_c), k(valid_c)], [k(valid_c)])
            continue
        expected: Number = base + issued - repealed
        if expected == now:
            continue
        yield make(
            RULES["X-T2-STOCK"],
            report,
            cells=[k(issued_c), k(repealed_c), k(valid_c)],
            expected=expected,
            actual=now,
            row=short_row_label(r),
            prev_year=previous.year or "上一",
            base=base,
            issued=issued,
            repealed=repealed,
            extra={"previous_cells": [k(valid_c)], "previous_file": previous.file},
        )
    yield from pending.findings()


def no_previous(report: AnnualReport, given: list[AnnualReport]) -> Finding:
    """X-PREVIOUS: ``--previous`` gave reports, none of them last year's of this agency."""
    files = "、".join(dict.fromkeys(str(r.file) for r in given if r.file)) or "（未命名）"
    return make(
        RULES["X-PREVIOUS"],
        report,
        expected=_wanted(report),
        actual=[{"year": r.year, "agency": r.agency, "file": r.file} for r in given],
        files=files,
        agency=f"“{report.agency}”" if report.agency else "本机关",
        prev_year=(report.year - 1) if report.year else "上一",
    )


def check_cross_year(report: AnnualReport, previous: AnnualReport) -> Iterator[Finding]:
    yield from check_pair(report, previous)
    if not consecutive(report, previous):
        return  # said by X-PAIR: the relations hold between consecutive years only
    yield from check_carry(report, previous)
    yield from check_items_roll(report, previous)
    yield from check_stock(report, previous)


__all__ = ["RULES", "check_cross_year", "no_previous"]
