"""Across years: X-CARRY, X-T2-STOCK, X-T2-ROLL, X-PAIR and the pairing of a directory."""

from __future__ import annotations

import pytest

from tests.rules_support import of_code, set_value, truth_report
from xxgk.formats import get_edition
from xxgk.report import Cell
from xxgk.rules import check_report, pair_previous
from xxgk.rules.pairing import agency_key, same_agency_name

COLUMNS_2019 = [c.key for c in get_edition("2019_trial").table("table_3").groups[0].columns]

pytestmark = pytest.mark.corpus


def _cross(findings):
    return [f for f in findings if f.code.startswith("X-")]


def test_hongze_2023_to_2024_carry_over_and_stock_hold():
    # real consecutive reports of one agency: 结转 0 → 上年结转 0; 行政规范性文件 5 + 3 − 0 = 8
    assert _cross(check_report(truth_report("huaian-hongze-2024"), truth_report("huaian-hongze-2023"))) == []


def test_x_carry_a_changed_carried_over_is_flagged_per_column():
    report = set_value(truth_report("huaian-hongze-2024"), "table_3.carried_over.total", 3)
    (f,) = of_code(check_report(report, truth_report("huaian-hongze-2023")), "X-CARRY")
    assert (f.severity, f.expected, f.actual) == ("warning", 0, 3)
    assert f.cells == ("table_3.carried_over.total",)
    assert f.extra["previous_cells"] == ["table_3.carried_forward.total"]
    assert "2023年度报告" in f.message


def test_x_carry_unread_last_year_is_one_notice_naming_the_cells():
    # seed 001's 结转下年度 row is unread: nothing can be said about next year's 上年结转 — one notice, no guess
    prev = truth_report("001_")
    report = truth_report("001_")
    report.year = 2021
    report = set_value(report, "table_3.carried_over.natural_person", 5)
    (f,) = of_code(check_report(report, prev), "X-CARRY")
    assert f.severity == "notice" and f.extra["unassessed"] is True and f.extra["instances"] == 7
    assert f.cells == () and f.expected is None and f.actual is None
    assert f.extra["previous_cells"] == [f"table_3.carried_forward.{c}" for c in COLUMNS_2019]
    assert f.extra["previous_cell_kinds"] == {"unread": 7}
    assert "2020年度报告所涉单元格未读出 7 格" in f.message and "不作推断" in f.message
    assert f.to_dict()["unassessed"] is True


def test_x_carry_unread_this_year_names_this_year_cells():
    prev, report = truth_report("huaian-hongze-2023"), truth_report("huaian-hongze-2024")
    report.mark_unread("table_3.carried_over.total", "测试：未读出")
    report.set_cell(Cell("table_3.carried_over.natural_person", "blank", raw=""))
    (f,) = of_code(check_report(report, prev), "X-CARRY")
    assert f.severity == "notice" and f.extra["instances"] == 2
    assert set(f.cells) == {"table_3.carried_over.total", "table_3.carried_over.natural_person"}
    assert f.extra["cell_kinds"] == {"blank": 1, "unread": 1} and "previous_cells" not in f.extra
    assert "未读出 1 格" in f.message and "空白 1 格" in f.message


def test_x_t2_stock_flags_a_stock_that_does_not_follow():
    report = set_value(
        truth_report("huaian-hongze-2024"), "table_2.administrative_normative_documents.currently_valid", 9
    )
    (f,) = of_code(check_report(report, truth_report("huaian-hongze-2023")), "X-T2-STOCK")
    assert (f.severity, f.expected, f.actual) == ("notice", 8, 9)


def test_x_t2_roll_2019_edition_items_last_year():
    prev = truth_report("001_")  # 2020: 其他对外管理服务事项 上一年 2, 本年增/减 2
    report = truth_report("001_")
    report.year = 2021
    findings = check_report(report, prev)
    # the rows printed “-” in both years (行政许可, 行政处罚, …) do not apply: no notice for them
    (f,) = of_code(findings, "X-T2-ROLL")
    assert (f.severity, f.expected, f.actual) == ("notice", 4, 2)
    assert f.cells == ("table_2.other_external_services.items_last_year",)
    set_value(report, "table_2.other_external_services.items_last_year", 4)
    assert of_code(check_report(report, prev), "X-T2-ROLL") == []
    # a “-” this year where last year printed numbers cannot be assessed: a notice, never a guess
    report.set_cell(Cell("table_2.other_external_services.items_last_year", "na", raw="-"))
    (g,) = of_code(check_report(report, prev), "X-T2-ROLL")
    assert g.extra["unassessed"] is True and g.cells == ("table_2.other_external_services.items_last_year",)
    assert g.extra["cell_kinds"] == {"na": 1}


def test_x_pair_previous_of_another_agency_or_year():
    findings = check_report(truth_report("huaian-2024"), truth_report("huaian-hongze-2023"))
    (f,) = of_code(findings, "X-PAIR")
    assert "洪泽区" in f.message and f.actual["agency"] != f.expected["agency"]
    assert f.severity == "warning"
    # sanming 2019 → 2021: the same city government, but not consecutive years: one notice, no carry-over rule
    findings = check_report(truth_report("sanming-2021"), truth_report("sanming-2019"))
    (g,) = of_code(findings, "X-PAIR")
    assert "2019年度" in g.message and g.actual["year"] == 2019 and g.expected["year"] == 2020
    assert g.severity == "notice" and "未作跨年度核对" in g.message
    assert [f.code for f in findings if f.code.startswith("X-")] == ["X-PAIR"]
    assert of_code(check_report(truth_report("huaian-hongze-2024"), truth_report("huaian-hongze-2023")), "X-PAIR") == []


def test_pairing_finds_last_year_of_the_same_agency_only():
    a23, a24, city = truth_report("huaian-hongze-2023"), truth_report("huaian-hongze-2024"), truth_report("huaian-2024")
    assert pair_previous([a24, city, a23]) == [a23, None, None]
    assert agency_key(a23) == agency_key(a24) != agency_key(city)


def test_pairing_falls_back_to_file_names_without_the_year():
    # the parser may name the agency differently from one year to the next (“洪泽区人民政府” / “我区”)
    a23, a24 = truth_report("huaian-hongze-2023"), truth_report("huaian-hongze-2024")
    a24.agency = "我区"
    assert pair_previous([a24, a23]) == [a23, None]
    a24.file = a24.file.replace("hongze-2024", "hongze-report-2024")
    assert pair_previous([a24, a23]) == [None, None]


def test_a_self_reference_is_not_an_agency_name():
    a23, a24 = truth_report("huaian-hongze-2023"), truth_report("huaian-hongze-2024")
    a24.agency = "我区"
    assert agency_key(a24) is None
    assert of_code(check_report(a24, a23), "X-PAIR") == []
    a24.agency = "淮安市洪泽区人民政府"  # without the bracketed province: the same agency
    assert agency_key(a24) == agency_key(a23)


def test_x_carry_is_not_applied_between_years_that_are_not_consecutive():
    # hongze 2023 with a changed 结转 would break X-CARRY against 2024 — but not against “2025”
    prev = set_value(truth_report("huaian-hongze-2023"), "table_3.carried_forward.total", 7)
    report = truth_report("huaian-hongze-2024")
    assert of_code(check_report(report, prev), "X-CARRY")[0].actual == 0
    report.year = 2025
    findings = [f for f in check_report(report, prev) if f.code.startswith("X-")]
    assert [(f.code, f.severity) for f in findings] == [("X-PAIR", "notice")]
    assert set(findings[0].extra["not_applied"]) == {"X-CARRY", "X-T2-ROLL", "X-T2-STOCK"}
    report.year = None  # a year that could not be read: the relation cannot be placed either
    (g,) = [f for f in check_report(report, prev) if f.code.startswith("X-")]
    assert g.code == "X-PAIR" and g.severity == "notice" and "年度未能识别" in g.message


def test_agency_names_with_and_without_the_parent_region_pair():
    # the parser reads “洪泽区人民政府” (2023 PDF) and “淮安市洪泽区人民政府” (2024 PDF): one agency
    a23, a24 = truth_report("huaian-hongze-2023"), truth_report("huaian-hongze-2024")
    a23.agency, a24.agency = "洪泽区人民政府", "淮安市洪泽区人民政府"
    a24.file = a24.file.replace("hongze-2024", "hongze-report-2024")  # no help from the file names
    assert pair_previous([a24, a23]) == [a23, None]
    assert of_code(check_report(a24, a23), "X-PAIR") == []
    a23.agency = "江苏省淮安市洪泽区人民政府"  # the longer name last year: still the same
    assert pair_previous([a24, a23]) == [a23, None]
    # another 区 of the same 市, or the 市 itself, never pairs
    for other in ("淮安市淮阴区人民政府", "淮阴区人民政府", "淮安市人民政府"):
        a23.agency = other
        assert pair_previous([a24, a23]) == [None, None], other
        (f,) = of_code(check_report(a24, a23), "X-PAIR")
        assert f.severity == "warning" and other in f.message


def test_same_agency_name_needs_a_place_of_its_own_and_parent_regions_only():
    assert same_agency_name("沭阳县发展和改革局", "宿迁市沭阳县发展和改革局")
    assert same_agency_name("朱坝街道办事处", "淮安市洪泽区朱坝街道办事处")
    assert not same_agency_name("人民政府", "淮安市人民政府")  # no place of its own
    assert not same_agency_name("区人民政府", "淮安市区人民政府")
    assert not same_agency_name("市科委", "上海市科委")  # “上海” is not a region with its unit
    assert not same_agency_name("洪泽区人民政府", "洪泽区人民政府办公室")  # another agency noun


def test_an_ambiguous_name_match_pairs_nothing():
    a23, a24 = truth_report("huaian-hongze-2023"), truth_report("huaian-hongze-2024")
    b23 = truth_report("huaian-hongze-2023")
    a24.agency, a23.agency, b23.agency = "洪泽区人民政府", "淮安市洪泽区人民政府", "宿迁市洪泽区人民政府"
    a24.file = a24.file.replace("hongze-2024", "hongze-report-2024")
    assert pair_previous([a24, a23, b23])[0] is None
