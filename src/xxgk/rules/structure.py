"""The shape of a report: the six sections in order, the edition that fits
the report year, complete tables, and the cells that could not be read or were
left blank.

Codes: ``S-SECTIONS`` (a section missing), ``S-ORDER`` (sections out of order),
``S-EDITION`` (edition vs report year), ``S-TABLE`` (a whole table not found),
``S-ROWS`` (rows of a table not found), ``S-UNREAD`` (other cells not read),
``S-BLANK`` (cells left blank: blank ≠ 0), ``S-NA`` (cells filled with “-” or “/”).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from xxgk.formats import TABLE_KEYS, Row, edition_for_year, get_edition
from xxgk.report import AnnualReport, Note
from xxgk.rules.finding import Finding, Rule, make
from xxgk.rules.labels import cell_name, column_name, short_row_label, table_name

EDITION_NAMES = {
    "2019_trial": "2019年试行格式（国办公开办函〔2019〕60号）",
    "2021": "2021年格式（国办公开办函〔2021〕30号）",
}

RULES: dict[str, Rule] = {
    r.code: r
    for r in (
        Rule(
            "S-SECTIONS",
            "warning",
            "六个部分齐全",
            "报告缺少第{missing_text}部分（第五十条和年报格式要求六个部分：{all_text}）。",
            "条例第五十条；annual-report-format.md §3",
            "structure",
        ),
        Rule(
            "S-ORDER",
            "warning",
            "六个部分顺序正确",
            "报告各部分的顺序为 {actual}，格式规定的顺序为 {expected}。",
            "annual-report-format.md §3",
            "structure",
        ),
        Rule(
            "S-EDITION",
            "warning",
            "格式版本与报告年度相符",
            "{year}年度报告应使用{expected_name}，但表格按{actual_name}填报。",
            "editions.json applies_to_report_years（2019—2020年试行格式，2021年起2021年格式）",
            "structure",
        ),
        Rule(
            "S-YEAR",
            "notice",
            "报告年度可识别",
            "{detail}，无法核对格式版本与年度是否相符。",
            "editions.json applies_to_report_years",
            "structure",
        ),
        Rule(
            "S-TABLE",
            "warning",
            "三张统计表齐全",
            "未找到{table}（{label}）的任何数据，无法核对该表。",
            "annual-report-format.md §4—§6",
            "structure",
        ),
        Rule(
            "S-ROWS",
            "warning",
            "表格行完整",
            "{detail}{reasons_text}。",
            "editions.json tables（行与列）",
            "structure",
        ),
        Rule(
            "S-COLUMNS",
            "warning",
            "表格列完整",
            "{table}缺少 {count} 列（格式规定的列未找到或未印出）：{cols_text}{reasons_text}。",
            "editions.json tables（行与列）",
            "structure",
        ),
        Rule(
            "S-UNREAD",
            "notice",
            "未能读出的单元格",
            "{table}有 {count} 个单元格未能读出（不作推断）：{cells_text}。",
            "解析结果 unread",
            "structure",
        ),
        Rule(
            "S-BLANK",
            "warning",
            "单元格不应留空",
            "{table}有 {count} 个单元格留空（空白不等于 0，格式要求填写数字）：{cells_text}。",
            "annual-report-format.md §5.2（blank ≠ 0）",
            "structure",
        ),
        Rule(
            "S-READ",
            "notice",
            "解析器的说明",
            "解析器对 {count} 处作了说明（{code}）：{messages}{consequence}",
            "解析结果 notes",
            "structure",
        ),
        Rule(
            "S-NA",
            "notice",
            "单元格填“-”或“/”",
            "{table}有 {count} 个单元格填“-”或“/”（视为不适用，不参与计算）：{cells_text}。",
            "annual-report-format.md §4",
            "structure",
        ),
    )
}

_LIST_LIMIT = 6


def _list(names: list[str]) -> str:
    shown = "；".join(names[:_LIST_LIMIT])
    return shown + (f" 等共 {len(names)} 项" if len(names) > _LIST_LIMIT else "")


def _reasons(found: list[str]) -> str:
    distinct = list(dict.fromkeys(found))
    return f"（解析器说明：{'；'.join(distinct[:3])}）" if distinct else ""


def _where_printed(report: AnnualReport, keys: list[str]) -> bool | None:
    """Whether an unread row is printed in the document: the parser gives its
    unread cells the place where it found the row (label, values that did not fit
    the columns); a row it did not find has none.  ``None``: the cells come from
    JSON without a document place, so it cannot be said."""
    sources = [report.cell(k).source for k in keys]
    places = [src for src in sources if src is not None]
    if any(src.kind != "json" for src in places):
        return True
    return None if places else False


def _rows_detail(tname: str, rows: list[tuple[Row, list[str]]], printed: dict[str, bool | None]) -> str:
    """What is the case for the unread rows: not found, printed but not readable,
    or (without a document place) not read."""
    parts = []
    for state, text in (
        (False, "缺少 {n} 行（格式规定的行在报告中未找到或未印出）"),
        (True, "有 {n} 行印出了行标签但数值未能读出（不作推断）"),
        (None, "有 {n} 行整行未能读出"),
    ):
        names = [short_row_label(r) or r.key for r, _ in rows if printed[r.key] is state]
        if names:
            parts.append(tname + text.format(n=len(names)) + "：" + _list(names))
    return "。".join(parts)


def _heading_prefix(label: str) -> str:
    """The start of a label that identifies its heading: “总体” of 总体情况 (reports
    write 总体概况), “存在的主要问题” of 存在的主要问题及改进情况 (…及整改措施)."""
    return label[: max(2, min(7, len(label) - 2))]


def numbered_headings(report: AnnualReport) -> dict[str, int]:
    """Section key → offset of its numbered heading at the start of a line of the
    prose texts (“五、存在的主要问题……”, also “一、⏎总体情况”), matched on the number
    and the start of the label or a variant — evidence that does not depend on the
    parser's section marks."""
    text = "\n".join(report.texts.values())
    found: dict[str, int] = {}
    for s in report.spec.sections:
        starts = "|".join(re.escape(_heading_prefix(v)) for v in dict.fromkeys((s.label, *s.variants)))
        m = re.search(rf"^[ \t\u3000]*{s.number}[ \t\u3000]*[、.．][\s\u3000]*(?:{starts})", text, re.M)
        if m:
            found[s.key] = m.start()
    return found


def check_sections(report: AnnualReport) -> Iterator[Finding]:
    e = report.spec
    if not report.sections:
        return  # no section marks at all (a report built from data, not text): nothing to say
    wanted = [s.key for s in e.sections]
    number = {s.key: s.number for s in e.sections}
    found = [s.key for s in report.sections if s.key in wanted]
    headings = numbered_headings(report)
    # a heading the parser did not mark but the text prints with its number
    # (e.g. “一、总体概况”, “五、存在的主要问题及整改措施”) is present
    missing = [s for s in e.sections if s.key not in found and s.key not in headings]
    if missing:
        yield make(
            RULES["S-SECTIONS"],
            report,
            expected=[s.number for s in e.sections],
            actual=[s.number for s in e.sections if s not in missing],
            missing_text="、".join(f"{s.number}（{s.label}）" for s in missing),
            all_text="、".join(s.number for s in e.sections),
        )
    # order: the numbered headings of the text when there are at least two (the
    # parser may mark a heading where the introduction lists the six parts),
    # else the parser's marks
    seen = sorted(headings, key=headings.__getitem__) if len(headings) >= 2 else list(dict.fromkeys(found))
    order = [k for k in wanted if k in seen]
    if seen != order:
        yield make(
            RULES["S-ORDER"],
            report,
            expected=[number[k] for k in order],
            actual=[number[k] for k in seen],
        )


def check_edition(report: AnnualReport) -> Iterator[Finding]:
    if report.year is None or report.year < 2019:
        yield make(
            RULES["S-YEAR"],
            report,
            expected=">= 2019",
            actual=report.year,
            detail="未能识别报告年度" if report.year is None else f"报告年度为{report.year}年，早于全国统一格式",
        )
        return
    expected = edition_for_year(report.year).key
    if expected != report.edition:
        yield make(
            RULES["S-EDITION"],
            report,
            expected=expected,
            actual=report.edition,
            year=report.year,
            expected_name=EDITION_NAMES[expected],
            actual_name=EDITION_NAMES[report.edition],
            extra={"evidence": report.edition_evidence} if report.edition_evidence else None,
        )


def check_cells(report: AnnualReport) -> Iterator[Finding]:
    e = report.spec
    reasons = {u.cell: u.reason for u in report.unread}
    for t in TABLE_KEYS:
        table = e.table(t)
        keys = table.cell_keys()
        kinds = {k: report.cell(k).kind for k in keys}
        tname = table_name(e, t)
        if all(kinds[k] == "unread" for k in keys):
            yield make(RULES["S-TABLE"], report, cells=keys, table=tname, label=table.label)
            continue
        missing_rows = []
        for g in table.groups:
            for r in g.data_rows:
                row_keys = [f"{t}.{r.key}.{c.key}" for c in g.columns]
                if all(kinds[k] == "unread" for k in row_keys):
                    missing_rows.append((r, row_keys))
        in_missing_rows = {k for _, ks in missing_rows for k in ks}
        if missing_rows:
            printed = {r.key: _where_printed(report, ks) for r, ks in missing_rows}
            yield make(
                RULES["S-ROWS"],
                report,
                cells=[k for _, ks in missing_rows for k in ks],
                detail=_rows_detail(tname, missing_rows, printed),  # the table's name and the row count inside
                reasons_text=_reasons([reasons[k] for _, ks in missing_rows for k in ks if k in reasons]),
                extra={
                    "rows": [r.key for r, _ in missing_rows],
                    "printed_rows": [key for key, p in printed.items() if p],
                    "reasons": {k: reasons[k] for _, ks in missing_rows for k in ks if k in reasons},
                },
            )
        missing_cols = []
        for g in table.groups:
            present = [r for r in g.data_rows if not any(r is m for m, _ in missing_rows)]
            if not present:
                continue
            for c in g.columns:
                col_keys = [f"{t}.{r.key}.{c.key}" for r in present]
                if all(kinds[k] == "unread" for k in col_keys):
                    missing_cols.append((c, col_keys))
        in_missing_cols = {k for _, ks in missing_cols for k in ks}
        if missing_cols:
            yield make(
                RULES["S-COLUMNS"],
                report,
                cells=[k for _, ks in missing_cols for k in ks],
                table=tname,
                count=len(missing_cols),
                cols_text=_list([column_name(e, ks[0]) for _, ks in missing_cols]),
                reasons_text=_reasons([reasons[k] for _, ks in missing_cols for k in ks if k in reasons]),
                extra={"columns": [c.key for c, _ in missing_cols]},
            )
        unread = [k for k in keys if kinds[k] == "unread" and k not in in_missing_rows and k not in in_missing_cols]
        if unread:
            yield make(
                RULES["S-UNREAD"],
                report,
                cells=unread,
                table=tname,
                count=len(unread),
                cells_text=_list([cell_name(e, k) + (f"（{reasons[k]}）" if k in reasons else "") for k in unread]),
                extra={"reasons": {k: reasons[k] for k in unread if k in reasons}},
            )
        for kind, code in (("blank", "S-BLANK"), ("na", "S-NA")):
            found = [k for k in keys if kinds[k] == kind]
            if found:
                yield make(
                    RULES[code],
                    report,
                    cells=found,
                    table=tname,
                    count=len(found),
                    cells_text=_list([cell_name(e, k) for k in found]),
                )


# what a reader's note means for the checks (by the reader's stable note codes)
NOTE_CONSEQUENCES = {
    "read.recovered": "。这些行的数值是用本行总计推算唯一确定的，其“总计列 = 各列之和”（T3-ROWSUM）必然成立，不是独立的核对",
    "read.detached_label": "。行标签与数值按出现顺序配对，请对照原文核实",
}


def _note_cells(report: AnnualReport, key: str | None) -> list[str]:
    """A note's cell: a cell key, or a row (“table_3.carried_over”) → the row's cells."""
    if not key:
        return []
    e = report.spec
    if e.has_cell(key):
        return [key]
    return list(_row_cells(report.edition).get(key, ()))


@cache
def _row_cells(edition_key: str) -> dict[str, tuple[str, ...]]:
    """“table_3.carried_over” → the cell keys of that row, for an edition."""
    out: dict[str, list[str]] = {}
    for t in TABLE_KEYS:
        for k in get_edition(edition_key).table(t).cell_keys():
            out.setdefault(k.rsplit(".", 1)[0], []).append(k)
    return {row: tuple(keys) for row, keys in out.items()}


def check_reader_notes(report: AnnualReport) -> Iterator[Finding]:
    """The parser's notes, one notice per note code."""
    by_code: dict[str, list[Note]] = {}
    for n in report.notes:
        by_code.setdefault(n.code, []).append(n)
    for code, notes in by_code.items():
        cells = [k for n in notes for k in _note_cells(report, n.cell)]
        messages = list(dict.fromkeys(n.message for n in notes))
        yield make(
            RULES["S-READ"],
            report,
            cells=cells,
            count=len(notes),
            code=code,
            messages=_list(messages),
            consequence=NOTE_CONSEQUENCES.get(code, ""),
            extra={"note_code": code, "notes": [n.to_dict() for n in notes]},
        )


def check_structure(report: AnnualReport) -> Iterator[Finding]:
    yield from check_edition(report)
    yield from check_sections(report)
    yield from check_cells(report)
    yield from check_reader_notes(report)


__all__ = ["RULES", "check_structure"]
