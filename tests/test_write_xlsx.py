"""XLSX rendering: merged headers, borders, frozen panes, values as numbers."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tests.write_samples import assert_table_matrix, balanced_report, expected_text, with_special_cells
from xxgk.formats import EDITION_KEYS
from xxgk.write.xlsx import render_xlsx


def _printed(cell, edition: str) -> object:
    """A worksheet cell as it would print: numbers through their number format."""
    v = cell.value
    if v is None:
        return ""
    assert not isinstance(v, bool)
    if isinstance(v, float):  # money, in 万元
        text = str(Decimal(str(v)).normalize())
        return text if edition == "2021" else text + "万元"
    if isinstance(v, int) and cell.number_format == "+0;-0;0" and v > 0:
        return f"+{v}"
    return str(v)


def expand(ws, edition: str) -> list[list[object]]:
    rows = [[_printed(c, edition) for c in row] for row in ws.iter_rows()]
    for rng in ws.merged_cells.ranges:
        v = rows[rng.min_row - 1][rng.min_col - 1]
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                rows[r - 1][c - 1] = v
    return rows


@pytest.mark.parametrize("edition", EDITION_KEYS)
def test_xlsx_sheets_values_as_numbers(edition: str) -> None:
    report = with_special_cells(balanced_report(edition))
    wb = load_workbook(io.BytesIO(render_xlsx(report)))
    sections = {s.table: f"{s.number}、{s.label}" for s in report.spec.sections if s.table}
    assert wb.sheetnames == ["报告信息", *sections.values()]
    checked = 0
    for tkey, title in sections.items():
        ws = wb[title]
        numbers = [c.value for row in ws.iter_rows() for c in row if c.data_type == "n" and c.value is not None]
        want = [report.cell(k).value for k in report.spec.table(tkey).cell_keys() if report.cell(k).kind == "number"]
        assert sorted(Decimal(str(v)) for v in numbers) == sorted(Decimal(v) for v in want)  # values stored as numbers
        checked += assert_table_matrix(expand(ws, edition), report, tkey)
    assert checked == len(report.spec.cell_keys())


def test_xlsx_structure_merges_borders_freeze() -> None:
    report = balanced_report("2019_trial")
    wb = load_workbook(io.BytesIO(render_xlsx(report)))
    t3 = wb["三、收到和处理政府信息公开申请情况"]
    merged = {str(r) for r in t3.merged_cells.ranges}
    assert {"A1:C3", "D1:J1", "D2:D3", "E2:I2", "J2:J3", "A4:C4", "A6:A25"} <= merged
    assert t3.freeze_panes == "D4"
    assert t3["D4"].value == expected_int(report, "table_3.new_received.natural_person")
    assert t3["J4"].data_type == "n"
    assert t3["E10"].border.left.style == "thin"
    t4 = wb["四、政府信息公开行政复议、行政诉讼情况"]
    assert {"A1:E1", "F1:O1", "F2:J2", "K2:O2", "A2:A3"} <= {str(r) for r in t4.merged_cells.ranges}
    assert t4.freeze_panes == "A4"
    t2 = wb["二、主动公开政府信息情况"]
    signed = [c for row in t2.iter_rows() for c in row if c.number_format == "+0;-0;0"]
    assert signed and all(isinstance(c.value, int) for c in signed)
    info = wb["报告信息"]
    assert info["A1"].value == report_title(report)
    assert expected_text(report, "table_3.new_received.total") == str(t3["J4"].value)


def expected_int(report, key) -> int:
    v = report.value(key)
    assert isinstance(v, int)
    return v


def report_title(report) -> str:
    return f"{report.agency}{report.year}年政府信息公开工作年度报告"
