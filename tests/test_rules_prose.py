"""Prose against tables: P-APPLICATIONS, P-APPEALS, P-RESULTS, P-COMPLETED,
P-PROACTIVE, P-CHANNELS, P-FEES (texts of real reports read at run time)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.rules_support import of_code, set_value, truth_report
from xxgk.formats import get_edition
from xxgk.report import Fact
from xxgk.rules import check_report
from xxgk.rules.prose import prose_text, stated_after, stated_before

pytestmark = pytest.mark.corpus

COLUMNS_2021 = [c.key for c in get_edition("2021").table("table_3").groups[0].columns]


def _prose(findings):
    return [f for f in findings if f.code.startswith("P-")]


@pytest.mark.parametrize("name", ["000_", "001_", "002_", "003_", "004_"])
def test_seed_prose_agrees_with_tables(name):
    assert _prose(check_report(truth_report(name, with_text=True))) == []


def test_p_applications_text_says_0_table_says_2():
    report = truth_report("001_", with_text=True)  # “全年收到政务信息公开申请共0件”
    set_value(report, "table_3.new_received.total", 2)
    (f,) = of_code(check_report(report), "P-APPLICATIONS")
    assert (f.severity, f.expected, f.actual) == ("warning", 2, 0)
    assert f.cells == ("table_3.new_received.total",)


def test_p_appeals_text_says_none_table_says_one():
    report = truth_report("001_", with_text=True)  # “全年没有因政务信息公开申请行政复议和提起行政诉讼的情况”
    set_value(report, "table_4.count.review_upheld", 1)
    set_value(report, "table_4.count.review_total", 1)
    findings = check_report(report)
    (f,) = of_code(findings, "P-APPEALS")
    assert (f.severity, f.expected, f.actual) == ("warning", 1, 0)
    assert f.cells == ("table_4.count.review_total",)
    assert "行政复议" in f.message


def test_p_appeals_stated_count_before_the_label():
    # shanghai-kewei: “有 1 件涉及政府信息公开工作的行政复议” (line breaks inside words)
    report = truth_report("shanghai-kewei", with_text=True)
    assert of_code(check_report(report), "P-APPEALS") == []
    set_value(report, "table_4.count.review_total", 2)
    (f,) = of_code(check_report(report), "P-APPEALS")
    assert (f.expected, f.actual) == (2, 1)


def test_stated_numbers_skip_combined_categories():
    text = prose_text(truth_report("putian-2019", with_text=True))
    # “属于已公开或部分公开343件” is two categories together: not a 部分公开 figure
    assert stated_after(text, "部分公开") == []
    assert [s.value for s in stated_after(text, "不予公开")][:1] == [35]
    assert [s.value for s in stated_after(text, "无法提供")][:1] == [146]
    assert stated_before("有1件涉及政府信息公开工作的行政复议", "行政复议")[0].value == 1


def test_p_results_a_changed_group_row_in_a_real_report():
    report = truth_report("001_", with_text=True)
    report.texts["full_text"] += "\n本年度不予公开2件。"
    assert of_code(check_report(report), "P-RESULTS")[0].expected == 0
    set_value(report, "table_3.denied_state_secret.total", 2)
    assert of_code(check_report(report), "P-RESULTS") == []


def test_p_completed_all_done_but_carried_forward():
    report = truth_report("shanghai-kewei", with_text=True)  # “所有申请均已按要求办理完成”
    # 结转 总计 is unread: the statement cannot be assessed — one notice naming the row, never a guessed 0
    (n,) = of_code(check_report(report), "P-COMPLETED")
    assert n.severity == "notice" and n.extra["unassessed"] is True
    assert n.cells == tuple(f"table_3.carried_forward.{c}" for c in COLUMNS_2021)
    assert "所有申请均已按要求办理完成" in n.message and "未读出 7 格" in n.message
    set_value(report, "table_3.carried_forward.natural_person", 1)
    (f,) = of_code(check_report(report), "P-COMPLETED")
    assert f.actual == 1 and f.cells == ("table_3.carried_forward.natural_person",)
    assert "所有申请均已按要求办理完成" in f.message


def test_p_proactive_kewei_normative_documents():
    # kewei: “行政规范性文件 13 件” in the text; table 二 本年制发 13
    report = truth_report("shanghai-kewei", with_text=True)
    for col, v in (("issued_this_year", 13), ("repealed_this_year", 0), ("currently_valid", 55)):
        set_value(report, f"table_2.administrative_normative_documents.{col}", v)
    assert of_code(check_report(report), "P-PROACTIVE") == []
    set_value(report, "table_2.administrative_normative_documents.issued_this_year", 12)
    (f,) = of_code(check_report(report), "P-PROACTIVE")
    assert f.actual == 13 and f.severity == "notice"


def test_p_channels_seed_002_adds_up_and_a_changed_channel_does_not():
    report = truth_report("002_")  # 773 = 122 + 411 + 240
    assert of_code(check_report(report), "P-CHANNELS") == []
    report.channel_facts["wechat"] = Fact(400, "400")
    (f,) = of_code(check_report(report), "P-CHANNELS")
    assert (f.expected, f.actual) == (Decimal(762), 773)


def test_p_fees_before_2021_and_unpaid_fee_rows():
    report = truth_report("003_", with_text=True)  # 2021, 信息处理费 0
    assert of_code(check_report(report), "P-FEES") == []
    old = truth_report("002_", with_text=True)
    old.facts["fees_collected"] = Fact(300, "收取信息处理费300元")
    (f,) = of_code(check_report(old), "P-FEES")
    assert f.severity == "warning" and "2021年1月1日" in f.message
    unpaid = truth_report("huaian-2024")  # 6 applications dropped for unpaid fees
    unpaid.texts["full_text"] = "全年共受理政府信息公开申请3119件。"
    (g,) = of_code(check_report(unpaid), "P-FEES")
    assert g.severity == "notice" and g.cells == ("table_3.other_fee_unpaid.total",)


def test_stated_numbers_of_combined_categories_are_not_read():
    # “予以公开和部分公开12件” is the two categories together, for neither alone
    assert stated_after("全年予以公开和部分公开12件。", "予以公开") == []
    assert stated_after("全年予以公开和部分公开12件。", "部分公开") == []
    assert [s.value for s in stated_after("其中予以公开答复 9 件".replace(" ", ""), "予以公开")] == [9]
