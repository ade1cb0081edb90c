"""Numbers stated in the prose against the tables.

The facts (``report.facts``/``report.channel_facts``) come from the parser; the
counts of the outcome groups, of 行政复议/行政诉讼 and of table 二 documents are
looked up here in the section texts (``report.texts``) with the row labels of the
edition.  Prose is loose, so these are warnings or notices, never errors.  A figure
stated in the prose whose table cells are unread, blank or “-” is not compared
(never a guessed value): one notice per rule (``unassessed: true``) names them.

Codes: ``P-APPLICATIONS``, ``P-RESULTS``, ``P-APPEALS``, ``P-COMPLETED``,
``P-PROACTIVE``, ``P-CHANNELS``, ``P-FEES``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from xxgk.formats import Row
from xxgk.report import AnnualReport, Fact, Number
from xxgk.rules.finding import Finding, Rule, make, not_numbers, unassessed
from xxgk.rules.labels import column_name, row_core_label, short_row_label

RULES: dict[str, Rule] = {
    r.code: r
    for r in (
        Rule(
            "P-APPLICATIONS",
            "warning",
            "正文所述收到申请数与表三一致",
            "正文称收到政府信息公开申请 {actual} 件（“{raw}”），表三“一、本年新收”总计为 {expected}{extra_text}。",
            "条例第五十条（二）；表三 new_received",
            "prose",
        ),
        Rule(
            "P-RESULTS",
            "warning",
            "正文所述办理结果与表三一致",
            "正文称{label} {actual} 件（“{raw}”），表三{label}合计为 {expected}。",
            "表三办理结果各组（editions.json 行的 parent 关系）",
            "prose",
        ),
        Rule(
            "P-APPEALS",
            "warning",
            "正文所述行政复议、行政诉讼数与表四一致",
            "正文称{label} {actual} 件（“{raw}”），表四{label}总计为 {expected}。",
            "条例第五十条（三）；表四",
            "prose",
        ),
        Rule(
            "P-COMPLETED",
            "warning",
            "“全部办结”与结转下年度一致",
            "正文称“{raw}”，但表三“四、结转下年度继续办理”有 {actual} 件。",
            "表三 carried_forward",
            "prose",
        ),
        Rule(
            "P-PROACTIVE",
            "notice",
            "正文所述文件件数与表二一致",
            "正文称{label} {actual} 件（“{raw}”），表二该行各列为 {expected}，均不相符。",
            "表二第二十条第（一）项",
            "prose",
        ),
        Rule(
            "P-CHANNELS",
            "notice",
            "主动公开总数与各渠道之和",
            "正文称主动公开 {actual} 条，各渠道之和为 {expected}（{parts_text}）；同一信息多渠道发布时可不相等，请核对口径。",
            "正文 facts proactive_total / proactive_by_channel",
            "prose",
        ),
        Rule(
            "P-FEES",
            "warning",
            "信息处理费的说明",
            "{detail}",
            "《政府信息公开信息处理费管理办法》（2021年1月1日起施行）；表三（六）2（2021格式）",
            "prose",
        ),
    )
}

CHANNEL_NAMES = {"website": "政府网站", "wechat": "政务微信", "weibo": "政务微博", "board": "公开栏", "other": "其他"}

_WS = re.compile(r"\s+")
_NUM = r"(\d+)"
_GAP_AFTER = r"[^\d。；;，,、和及或与]{0,8}?"  # between a label and its number
_COMBINED_BEFORE = re.compile(r"[或和及与、]$")


@dataclass(frozen=True)
class Stated:
    value: int
    raw: str
    offset: int


def prose_text(report: AnnualReport) -> str:
    """All section texts, whitespace removed (PDF text breaks lines inside words)."""
    return _WS.sub("", "".join(report.texts.values()))


def stated_after(text: str, label: str) -> list[Stated]:
    """``<label> … N件`` where the label is not part of a combined category
    (“已公开或部分公开343件”)."""
    found = []
    for m in re.finditer(re.escape(label) + _GAP_AFTER + _NUM + r"[件条起个]", text):
        if _COMBINED_BEFORE.search(text[max(0, m.start() - 1) : m.start()]):
            continue
        found.append(Stated(int(m.group(1)), m.group(0), m.start()))
    return found


def stated_before(text: str, label: str) -> list[Stated]:
    """``N件 … <label>`` (“有1件涉及政府信息公开工作的行政复议”)."""
    found = []
    for m in re.finditer(_NUM + r"[件起]" + r"[^\d。；;，,]{0,15}?" + re.escape(label), text):
        found.append(Stated(int(m.group(1)), m.group(0), m.start()))
    return found


def _sum_keys(report: AnnualReport, keys: list[str]) -> Number | None:
    total: Number = 0
    for k in keys:
        v = report.value(k)
        if v is None:
            return None
        total += v
    return total


def _stated(value: Any, raw: str) -> str:
    return f"正文所述为 {value}（“{raw}”）。"


def _fact_extra(fact: Fact) -> dict[str, Any]:
    return {"fact_source": fact.source.to_dict()} if fact.source else {}


_RECEIVED = re.compile(r"(?:收到|受理|接收)[^。；;，,]{0,14}?申请[^\d。；;，,]{0,6}?(\d+)[件个]")


def check_applications(report: AnnualReport, text: str) -> Iterator[Finding]:
    """The parser's ``applications_received`` fact, or else the first
    “受理……申请 N 件” of the prose."""
    new_key = "table_3.new_received.total"
    new = report.value(new_key)
    fact = report.facts.get("applications_received")
    extra: dict[str, Any] = {}
    if fact is not None:
        value, raw = fact.value, fact.raw
        extra = _fact_extra(fact)
    else:
        m = _RECEIVED.search(text)
        if m is None:
            return
        value, raw = int(m.group(1)), m.group(0)
        extra = {"text_offset": m.start()}
    if new is None:
        yield unassessed(report, RULES["P-APPLICATIONS"], [new_key], instances=1, detail=_stated(value, raw))
        return
    carried = report.value("table_3.carried_over.total")
    accepted = {new} | ({new + carried} if carried is not None else set())
    if value in accepted:
        return
    yield make(
        RULES["P-APPLICATIONS"],
        report,
        cells=["table_3.new_received.total"],
        expected=new,
        actual=value,
        raw=raw,
        extra_text=f"（加上年结转为 {new + carried}）" if carried else "",
        extra=extra,
    )


def _result_groups(report: AnnualReport) -> list[tuple[Row, list[str]]]:
    """The outcome rows of level 1 (（一）…（六）, not the total) with the 总计 cells
    that make them up: the row itself, or the sub-rows of a group heading."""
    table = report.spec.table("table_3")
    total_col = next(c.key for c in table.groups[0].columns if c.is_total)
    out = []
    for r in table.rows:
        if r.level != 1 or r.is_total:
            continue
        rows = [r] if r.is_data else [c for c in table.rows if c.parent == r.key and c.is_data]
        if rows:
            out.append((r, [f"table_3.{c.key}.{total_col}" for c in rows]))
    return out


def check_results(report: AnnualReport, text: str) -> Iterator[Finding]:
    missing: list[str] = []
    said: list[str] = []
    for row, keys in _result_groups(report):
        label = row_core_label(row)
        if not label:
            continue
        table_value = _sum_keys(report, keys)
        if table_value is None:
            stated = stated_after(text, label)
            if stated:
                missing += not_numbers(report, keys)
                said.append(stated[0].raw)
            continue
        for s in stated_after(text, label):
            if s.value != table_value:
                yield make(
                    RULES["P-RESULTS"],
                    report,
                    cells=keys,
                    expected=table_value,
                    actual=s.value,
                    label=label,
                    raw=s.raw,
                    extra={"text_offset": s.offset},
                )
                break
    if said:
        yield unassessed(report, RULES["P-RESULTS"], missing, instances=len(said), detail=_quoted(said))


def _quoted(said: list[str]) -> str:
    return "正文所述：" + "；".join(f"“{s}”" for s in said) + "。"


def _t4_groups(report: AnnualReport) -> dict[str, list[str]]:
    """行政复议 / 行政诉讼 → the 总计 cells of table 四 under that top column group."""
    group = report.spec.table("table_4").groups[0]
    out: dict[str, list[str]] = {}
    for c in group.columns:
        if c.is_total:
            top = c.group_path[0] if c.group_path else c.label
            out.setdefault(top, []).append(f"table_4.{group.data_rows[0].key}.{c.key}")
    return out


_NONE_BEFORE = re.compile(r"(?:没有|未发生|未收到|未出现|无)[^。；;]{0,20}$")


def check_appeals(report: AnnualReport, text: str) -> Iterator[Finding]:
    missing: list[str] = []
    said: list[str] = []
    for label, keys in _t4_groups(report).items():
        table_value = _sum_keys(report, keys)
        stated = stated_after(text, label) + stated_before(text, label)
        if table_value is None:
            if stated:
                missing += not_numbers(report, keys)
                said.append(stated[0].raw)
            continue
        for s in stated:
            if s.value != table_value:
                yield make(
                    RULES["P-APPEALS"],
                    report,
                    cells=keys,
                    expected=table_value,
                    actual=s.value,
                    label=label,
                    raw=s.raw,
                    extra={"text_offset": s.offset},
                )
                break
        else:
            if table_value:
                for m in re.finditer(re.escape(label), text):
                    window = text[max(0, m.start() - 30) : m.start()]
                    if _NONE_BEFORE.search(window):
                        yield make(
                            RULES["P-APPEALS"],
                            report,
                            cells=keys,
                            expected=table_value,
                            actual=0,
                            label=label,
                            raw=text[max(0, m.start() - 20) : m.end()],
                            extra={"text_offset": m.start()},
                        )
                        break
    if said:
        yield unassessed(report, RULES["P-APPEALS"], missing, instances=len(said), detail=_quoted(said))


_ALL_DONE = re.compile(r"(?:所有|全部)(?:申请)?[^。；;]{0,6}?(?:办理完成|办结|已办结|答复完毕)")


def check_completed(report: AnnualReport, text: str) -> Iterator[Finding]:
    row = [f"table_3.carried_forward.{c.key}" for c in report.spec.table("table_3").groups[0].columns]
    values = {k: report.value(k) for k in row}
    total = values[row[-1]]
    carried = total if total is not None else max((v for v in values.values() if v is not None), default=None)
    if not carried:
        # 总计 not a number and no column above 0: the cells not read may hold what “全部办结” denies
        m = _ALL_DONE.search(text) if total is None else None
        if m:
            yield unassessed(
                report, RULES["P-COMPLETED"], not_numbers(report, row), instances=1, detail=_quoted([m[0]])
            )
        return
    m = _ALL_DONE.search(text)
    if m:
        yield make(
            RULES["P-COMPLETED"],
            report,
            cells=[k for k, v in values.items() if v],
            expected=0,
            actual=carried,
            raw=m.group(0),
            extra={"text_offset": m.start()},
        )


def check_proactive(report: AnnualReport, text: str) -> Iterator[Finding]:
    group = report.spec.table("table_2").groups[0]
    missing: list[str] = []
    said: list[str] = []
    for r in group.data_rows:
        label = short_row_label(r)
        if not label:
            continue
        keys = [f"table_2.{r.key}.{c.key}" for c in group.columns]
        values = [report.value(k) for k in keys]
        for s in stated_after(text, label):
            if any(s.value == v for v in values):
                continue
            if any(v is None for v in values):  # the stated figure may be in a cell that is not read
                missing += not_numbers(report, keys)
                said.append(s.raw)
                break
            yield make(
                RULES["P-PROACTIVE"],
                report,
                severity="notice",
                cells=keys,
                expected=[v for v in values],
                actual=s.value,
                label=label,
                raw=s.raw,
                extra={"text_offset": s.offset, "columns": [column_name(report.spec, k) for k in keys]},
            )
            break
    if said:
        yield unassessed(report, RULES["P-PROACTIVE"], missing, instances=len(said), detail=_quoted(said))


def check_channels(report: AnnualReport) -> Iterator[Finding]:
    total = report.facts.get("proactive_total")
    if total is None or len(report.channel_facts) < 2:
        return
    parts = sum((f.value for f in report.channel_facts.values()), start=Decimal(0))
    if parts == total.value:
        return
    yield make(
        RULES["P-CHANNELS"],
        report,
        expected=parts,
        actual=total.value,
        parts_text=" + ".join(f"{CHANNEL_NAMES.get(k, k)} {f.value}" for k, f in report.channel_facts.items()),
        extra=_fact_extra(total),
    )


def check_fees(report: AnnualReport, text: str) -> Iterator[Finding]:
    fee = report.facts.get("fees_collected")
    if fee is not None and fee.value and report.year is not None and report.year < 2021:
        yield make(
            RULES["P-FEES"],
            report,
            expected=0,
            actual=fee.value,
            detail=(
                f"正文称收取信息处理费 {fee.value} 元（“{fee.raw}”），但{report.year}年度信息处理费制度尚未施行"
                "（2021年1月1日起），请核对。"
            ),
            extra=_fact_extra(fee),
        )
    yield from _fees_vs_fee_row(report, fee)
    unpaid_keys = [k for k in report.spec.cell_keys() if k.startswith("table_3.") and k.endswith(".total")]
    unpaid = [k for k in unpaid_keys if k.split(".")[1] == "other_fee_unpaid"]
    if unpaid:
        v = report.value(unpaid[0])
        if v and fee is None and "信息处理费" not in text and text:
            yield make(
                RULES["P-FEES"],
                report,
                severity="notice",
                cells=unpaid,
                expected="正文说明信息处理费收取情况",
                actual=v,
                detail=f"表三有 {v} 件申请因逾期未缴纳信息处理费而不再处理，但正文未说明信息处理费的收取情况（2021年格式要求在第六部分报告）。",
            )


def _fees_vs_fee_row(report: AnnualReport, fee: Fact | None) -> Iterator[Finding]:
    """信息处理费 is a 行政事业性收费 (paid into the treasury): the amount stated in
    元 cannot exceed the 本年收费金额 (万元) of table 二 (八) of the same report."""
    if fee is None or not fee.value:
        return
    money = [k for k in report.spec.table("table_2").cell_keys() if report.spec.cell(k).column.value_kind == "money"]
    fee_rows = [k for k in money if report.spec.cell(k).row.key == "administrative_fees"]
    if not fee_rows:
        return
    table_wan = report.value(fee_rows[0])
    if table_wan is None:
        detail = f"正文所述信息处理费为 {fee.value} 元（“{fee.raw}”），无法与表二（八）本年收费金额比较。"
        yield unassessed(report, RULES["P-FEES"], fee_rows[:1], instances=1, detail=detail)
        return
    stated_wan = Decimal(fee.value) / 10000
    if stated_wan <= Decimal(table_wan):
        return
    yield make(
        RULES["P-FEES"],
        report,
        severity="notice",
        cells=fee_rows,
        expected=f">= {format(stated_wan.normalize(), 'f')}",
        actual=table_wan,
        detail=(
            f"正文称收取信息处理费 {fee.value} 元（“{fee.raw}”），信息处理费属行政事业性收费，"
            f"但表二（八）本年收费金额仅为 {table_wan} 万元，小于前者，请核对。"
        ),
        extra=_fact_extra(fee),
    )


def check_prose(report: AnnualReport) -> Iterator[Finding]:
    yield from check_channels(report)
    text = prose_text(report)
    yield from check_applications(report, text)
    if not text:
        return
    yield from check_results(report, text)
    yield from check_appeals(report, text)
    yield from check_completed(report, text)
    yield from check_proactive(report, text)
    yield from check_fees(report, text)
