"""Value domains: T2/T3/T4-NEGATIVE, -INTEGER, T2-UNIT, T2-CHANGE."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.rules_support import errors, flat, full_truth_names, of_code, set_value, truth_report
from xxgk.report import Cell, Source
from xxgk.rules import check_report

pytestmark = pytest.mark.corpus


def test_real_reports_have_no_domain_error():
    for name in full_truth_names():
        found = [f for f in check_report(truth_report(name)) if f.code.endswith(("-NEGATIVE", "-INTEGER", "-CHANGE"))]
        assert found == [], name


@pytest.mark.parametrize(
    ("key", "code"),
    [
        ("table_3.unable_not_held.natural_person", "T3-NEGATIVE"),
        ("table_4.count.review_other", "T4-NEGATIVE"),
        ("table_2.administrative_penalty.decisions_this_year", "T2-NEGATIVE"),
    ],
)
def test_a_negative_count_is_an_error(key, code):
    report = set_value(truth_report("huaian-2024"), key, -1)
    (f,) = of_code(check_report(report), code)
    assert (f.severity, f.cells, f.actual) == ("error", (key,), -1)
    assert "不能为负数" in f.message


def test_a_fractional_count_is_an_error_but_a_fractional_amount_is_not():
    report = set_value(truth_report("huaian-2024"), "table_3.granted.total", Decimal("1362.5"))
    (f,) = of_code(check_report(report), "T3-INTEGER")
    assert f.cells == ("table_3.granted.total",) and f.severity == "error"
    # 行政事业性收费 96171.6 万元 is a real decimal amount: no INTEGER finding on table 二
    assert of_code(check_report(truth_report("huaian-2024")), "T2-INTEGER") == []


def test_signed_change_column_may_be_negative_in_the_2019_edition():
    report = set_value(truth_report("001_"), "table_2.other_external_services.change_this_year", -1)
    findings = check_report(report)
    assert of_code(findings, "T2-NEGATIVE") == [] and of_code(findings, "T2-CHANGE") == []


def test_t2_change_items_cannot_fall_below_zero():
    # seed 001 prints 上一年项目数量 2, 本年增/减 2 for 其他对外管理服务事项; a change of -3 would leave -1 items
    report = set_value(truth_report("001_"), "table_2.other_external_services.change_this_year", -3)
    (f,) = of_code(check_report(report), "T2-CHANGE")
    assert f.severity == "error" and f.actual == -1
    assert f.cells == (
        "table_2.other_external_services.items_last_year",
        "table_2.other_external_services.change_this_year",
    )


def test_t2_unit_seed_001_amount_in_yuan_is_converted_and_noted():
    (f,) = of_code(check_report(truth_report("001_")), "T2-UNIT")
    assert f.severity == "notice"
    assert f.cells == ("table_2.government_centralized_procurement.procurement_total_amount",)
    assert f.actual == "4359957元" and f.expected == Decimal("435.9957")
    assert "435.9957 万元" in f.message


def test_t2_unit_an_amount_in_yuan_without_its_unit_is_implausible():
    report = truth_report("huaian-hongze-2024")
    key = "table_2.administrative_fees.fee_amount_this_year"
    # the real 7545 万元, as if printed in 元 without a unit: 75450000
    report.set_cell(Cell(key, "number", value=Decimal(75450000), raw="75450000", source=Source("json")))
    (f,) = of_code(check_report(report), "T2-UNIT")
    assert f.severity == "warning" and f.actual == Decimal(75450000)
    assert "7545 万元" in f.message


def test_t2_unit_plain_amounts_in_wan_yuan_raise_nothing():
    for name in ("004_", "huaian-2024", "huaian-hongze-2023"):
        assert of_code(check_report(truth_report(name)), "T2-UNIT") == [], name


def test_domain_findings_name_only_their_cell():
    report = set_value(truth_report("huaian-hongze-2024"), "table_4.count.review_upheld", -2)
    found = errors(check_report(report))
    # the changed cell breaks the domain and the 行政复议 sum; nothing else
    assert flat(found) == {("T4-NEGATIVE", "error"), ("T4-SUM", "error")}
    assert of_code(found, "T4-NEGATIVE")[0].cells == ("table_4.count.review_upheld",)
