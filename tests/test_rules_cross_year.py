"""Across years: X-CARRY, X-T2-STOCK, X-T2-ROLL, X-PAIR and the pairing of a directory."""

from __future__ import annotations

import pytest

from tests.rules_support import of_code, set_value, truth_report
from xxgk.rules import check_report, pair_previous
from xxgk.rules.pairing import agency_key

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


def test_x_carry_unread_last_year_is_not_assessed():
    # seed 001's 结转下年度 row is unread: nothing can be said about next year's 上年结转
    prev = truth_report("001_")
    report = truth_report("001_")
    report.year = 2021
    report = set_value(report, "table_3.carried_over.natural_person", 5)
    assert of_code(check_report(report, prev), "X-CARRY") == []


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
    (f,) = of_code(findings, "X-T2-ROLL")
    assert (f.severity, f.expected, f.actual) == ("notice", 4, 2)
    assert f.cells == ("table_2.other_external_services.items_last_year",)
    set_value(report, "table_2.other_external_services.items_last_year", 4)
    assert of_code(check_report(report, prev), "X-T2-ROLL") == []


def test_x_pair_previous_of_another_agency_or_year():
    findings = check_report(truth_report("huaian-2024"), truth_report("huaian-hongze-2023"))
    (f,) = of_code(findings, "X-PAIR")
    assert "洪泽区" in f.message and f.actual["agency"] != f.expected["agency"]
    # sanming 2019 → 2021: the same city government, but not consecutive years
    (g,) = of_code(check_report(truth_report("sanming-2021"), truth_report("sanming-2019")), "X-PAIR")
    assert "2019年度" in g.message and g.actual["year"] == 2019 and g.expected["year"] == 2020
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
