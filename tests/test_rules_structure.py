"""Structure: S-EDITION, S-SECTIONS, S-ORDER, S-TABLE, S-ROWS, S-UNREAD, S-BLANK, S-NA."""

from __future__ import annotations

import pytest

from tests.rules_support import of_code, truth_report
from xxgk.formats import get_edition
from xxgk.report import SectionMark
from xxgk.rules import check_report

pytestmark = pytest.mark.corpus


def _sections(report, keys):
    by_key = {s.key: s for s in get_edition(report.edition).sections}
    report.sections = [SectionMark(k, by_key[k].number, by_key[k].label) for k in keys]
    return report


def test_s_edition_every_real_report_uses_the_edition_of_its_year():
    for name in ("000_", "001_", "002_", "003_", "004_", "huaian-2024", "huaian-hongze-2023"):
        assert of_code(check_report(truth_report(name)), "S-EDITION") == [], name


def test_s_edition_a_2021_table_in_a_2020_report_is_flagged():
    report = truth_report("003_")  # a real 2021 report in the 2021 edition
    report.year = 2020
    (f,) = of_code(check_report(report), "S-EDITION")
    assert (f.severity, f.expected, f.actual) == ("warning", "2019_trial", "2021")
    assert "2020年度" in f.message


def test_s_sections_all_six_in_order_raise_nothing():
    report = _sections(truth_report("huaian-2024"), [s.key for s in get_edition("2021").sections])
    findings = check_report(report)
    assert of_code(findings, "S-SECTIONS") == [] and of_code(findings, "S-ORDER") == []


def test_s_sections_a_missing_section_is_named():
    keys = [s.key for s in get_edition("2021").sections if s.key != "problems_and_improvements"]
    (f,) = of_code(check_report(_sections(truth_report("huaian-2024"), keys)), "S-SECTIONS")
    assert f.severity == "warning" and "五（存在的主要问题及改进情况）" in f.message
    assert f.actual == ["一", "二", "三", "四", "六"]


def test_s_order_sections_out_of_order():
    keys = [s.key for s in get_edition("2021").sections]
    keys[3], keys[4] = keys[4], keys[3]
    (f,) = of_code(check_report(_sections(truth_report("huaian-2024"), keys)), "S-ORDER")
    assert f.actual == ["一", "二", "三", "五", "四", "六"] and f.expected == ["一", "二", "三", "四", "五", "六"]


def test_s_table_a_table_not_found_at_all():
    report = truth_report("huaian-2024")
    for key in get_edition("2021").table("table_4").cell_keys():
        report.mark_unread(key, "未找到表四")
    findings = check_report(report)
    (f,) = of_code(findings, "S-TABLE")
    assert "表四" in f.message and len(f.cells) == 15
    assert of_code(findings, "S-UNREAD") == []


def test_s_rows_hongze_prints_other_processing_as_one_row():
    # 2021 edition, but （六）其他处理 printed without its three sub-rows
    (f,) = of_code(check_report(truth_report("huaian-hongze-2023")), "S-ROWS")
    assert f.extra["rows"] == ["other_no_correction", "other_fee_unpaid", "other_other"]
    assert len(f.cells) == 21
    assert of_code(check_report(truth_report("huaian-2024")), "S-ROWS") == []


def test_s_columns_seed_004_table_4_header_prints_14_columns():
    # seed 004: the 复议后起诉 总计 column cannot be placed with certainty
    findings = check_report(truth_report("004_"))
    (f,) = of_code(findings, "S-COLUMNS")
    assert f.severity == "warning" and f.extra["columns"] == ["litigation_after_review_total"]
    assert f.cells == ("table_4.count.litigation_after_review_total",)
    assert of_code(check_report(truth_report("huaian-2024")), "S-COLUMNS") == []


def test_s_unread_lists_single_cells_with_their_reasons():
    report = truth_report("huaian-2024")
    report.mark_unread("table_3.granted.research_institution", "数值无法辨认")
    (f,) = of_code(check_report(report), "S-UNREAD")
    assert f.severity == "notice" and f.cells == ("table_3.granted.research_institution",)
    assert f.extra["reasons"] == {"table_3.granted.research_institution": "数值无法辨认"}
    assert "数值无法辨认" in f.message


def test_s_blank_seed_000_leaves_applicant_columns_blank():
    (f,) = of_code(check_report(truth_report("000_")), "S-BLANK")
    assert f.severity == "warning" and len(f.cells) == 138
    assert all(not c.endswith(".total") for c in f.cells)
    assert of_code(check_report(truth_report("002_")), "S-BLANK") == []


def test_s_na_seed_001_dashes_in_table_2():
    (f,) = of_code(check_report(truth_report("001_")), "S-NA")
    assert f.severity == "notice" and len(f.cells) == 14
    assert all(c.startswith("table_2.") for c in f.cells)


def test_s_year_an_unknown_year_is_said_not_guessed():
    report = truth_report("003_")
    report.year = None
    findings = check_report(report)
    (f,) = of_code(findings, "S-YEAR")
    assert f.severity == "notice" and f.actual is None and "未能识别报告年度" in f.message
    assert of_code(findings, "S-EDITION") == []
    assert of_code(check_report(truth_report("003_")), "S-YEAR") == []
