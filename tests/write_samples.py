"""Reports built in code for the renderer tests: every cell distinct, tables that
balance (so ``xxgk check`` has nothing to say), derived from the editions data."""

from __future__ import annotations

from decimal import Decimal

from xxgk.formats import get_edition
from xxgk.report import AnnualReport, Cell

AGENCY = "某市某区人民政府办公室"
# the facts the narrative of ``balanced_report`` states (read back from every rendering)
STATED_FACTS = {"proactive_total": 773, "fees_collected": 0}


def balanced_report(edition: str, year: int | None = None) -> AnnualReport:
    spec = get_edition(edition)
    report = AnnualReport(edition=edition, year=year or spec.years_from + 1, agency=AGENCY)
    # table 二: distinct values; signed columns negative on odd rows; money with decimals
    n = 0
    t2 = spec.table("table_2")
    for g in t2.groups:
        for i, row in enumerate(g.data_rows):
            for c in g.columns:
                n += 1
                key = f"table_2.{row.key}.{c.key}"
                if c.value_kind == "money":
                    report.set_number(key, Decimal(f"{n * 7}.{n:02d}5"))
                elif c.value_kind == "signed":
                    report.set_number(key, -n if i % 2 else n)
                else:
                    report.set_number(key, 10 * n)
    # table 三: outcome rows 1..k per applicant column, totals computed
    t3 = spec.table("table_3")
    (group,) = t3.groups
    applicants = [c for c in group.columns if not c.is_total]
    total_col = next(c for c in group.columns if c.is_total)
    fixed = {"new_received", "carried_over", "results_total", "carried_forward"}
    outcome_rows = [r for r in group.data_rows if r.key not in fixed]
    values: dict[str, dict[str, int]] = {}
    for j, col in enumerate(applicants):
        per: dict[str, int] = {}
        for i, row in enumerate(outcome_rows):
            per[row.key] = (i + 2 * j) % 5
        per["results_total"] = sum(per.values())
        per["carried_forward"] = j + 1
        per["carried_over"] = j
        per["new_received"] = per["results_total"] + per["carried_forward"] - per["carried_over"]
        for rk, v in per.items():
            values.setdefault(rk, {})[col.key] = v
    for rk, per_col in values.items():
        for ck, v in per_col.items():
            report.set_number(f"table_3.{rk}.{ck}", v)
        report.set_number(f"table_3.{rk}.{total_col.key}", sum(per_col.values()))
    # table 四: per group of five, 1..4 and the total
    t4 = spec.table("table_4")
    (g4,) = t4.groups
    part = 0
    for c in g4.columns:
        if c.is_total:
            report.set_number(f"table_4.count.{c.key}", part)
            part = 0
        else:
            v = len(c.key) % 4
            part += v
            report.set_number(f"table_4.count.{c.key}", v)
    report.texts = {
        "overview": f"{report.year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。\n"
        f"全年主动公开政府信息{STATED_FACTS['proactive_total']}条。",
        "problems_and_improvements": "存在的主要问题：公开的及时性有待提高。",
        "other_matters": "本年度未收取信息处理费。",  # fees_collected 0
    }
    return report


def with_special_cells(report: AnnualReport) -> AnnualReport:
    """The same report with one 不适用, one blank and one unread cell in table 三."""
    report.set_cell(Cell(key="table_3.granted.research_institution", kind="na", raw="/"))
    report.set_cell(Cell(key="table_3.granted.legal_service_institution", kind="blank", raw=""))
    report.mark_unread("table_3.granted.other_organization", "测试：原文无法辨认")
    return report


def expected_text(report: AnnualReport, key: str, unread_mark: str = "？") -> str:
    """How a cell must print (independently of the renderer's code): numbers as
    written, money in 万元, 不适用 as /, blank empty, unread ？."""
    cell = report.cell(key)
    spec = report.spec.cell(key)
    if cell.kind == "number":
        v = cell.value
        if spec.column.value_kind == "money":
            text = str(Decimal(v).normalize()) if v else "0"  # type: ignore[arg-type]
            return text if "万元" in spec.column.label else text + "万元"
        if spec.column.value_kind == "signed" and v is not None and v > 0:
            return f"+{v}"
        return str(v)
    return {"na": "/", "blank": "", "unread": unread_mark}[cell.kind]


def assert_table_matrix(matrix: list[list[str]], report: AnnualReport, table_key: str, unread_mark: str = "？") -> int:
    """Check an expanded table (merged cells repeated in every position they cover)
    against the report: each data row is found by its official label, its values
    follow in the official column order.  Returns the number of cells checked."""
    table = report.spec.table(table_key)
    checked = 0
    width = max(len(r) for r in matrix)
    norm = [[c.strip() for c in row] + [""] * (width - len(row)) for row in matrix]
    for group in table.groups:
        for row in group.data_rows:
            want = [expected_text(report, f"{table_key}.{row.key}.{c.key}", unread_mark) for c in group.columns]
            if row.label is None:  # table 四: the only row is the last one
                got = norm[-1][: len(want)]
            else:
                hits = [r for r in norm if row.label in r]
                assert hits, f"row label {row.label!r} not found"
                line = hits[0]
                start = max(i for i, c in enumerate(line) if c == row.label) + 1
                assert start <= len(line) - len(want) or len(table.groups) > 1
                # tables 三/四: the values fill the last columns; table 二 stretches the
                # last value over the remaining columns
                got = line[-len(want) :] if len(table.groups) == 1 else line[start : start + len(want)]
            assert got == want, f"{table_key}.{row.key}: {got} != {want}"
            checked += len(want)
    return checked


def table_chunks(lines: list[str], heading: str, headings: list[str]) -> list[str]:
    """The longest run of non-empty lines after ``heading`` (before the next heading):
    the table of that section in a text rendering."""
    i = lines.index(heading) + 1
    chunks: list[list[str]] = [[]]
    while i < len(lines) and lines[i] not in headings:
        if lines[i].strip():
            chunks[-1].append(lines[i])
        else:
            chunks.append([])
        i += 1
    return max(chunks, key=len)
