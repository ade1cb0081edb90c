"""The rules on the real reports as parsed from their files (``xxgk.read``):
the known inconsistencies of the corpus are found, consistent reports raise no
error, and a real file with one number changed breaks the rule it should."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.corpus import CORPUS, require_corpus
from tests.rules_support import errors, of_code
from xxgk.cli import main
from xxgk.report import AnnualReport
from xxgk.rules import check_report, pair_previous
from xxgk.rules.inputs import load_reports

pytestmark = pytest.mark.corpus


@cache
def _parsed(rel: str) -> AnnualReport:
    require_corpus()
    (report,) = load_reports(CORPUS / rel)
    return report


def _fresh(rel: str) -> AnnualReport:
    """A copy that a test may change."""
    return AnnualReport.from_dict(_parsed(rel).to_dict())


REPORTS = [
    "seeds/000_6f348dc7f1d8dcce.txt",
    "seeds/001_fb2a13aa5693ffc1.txt",
    "seeds/002_e366c3bcfb1dd8a2.txt",
    "seeds/003_a040158305f21b8a.txt",
    "seeds/004_8e13d084e3616286.txt",
    "public/pingtan-2019.txt",
    "public/putian-2019.txt",
    "public/putian-cgj-2023.html",
    "public/sanming-2019.txt",
    "public/sanming-2021.txt",
    "public/shanghai-kewei-2024.md",
    "public/shuyang-fgj-2023.html",
    "files/huaian-2024.pdf",
    "files/huaian-hongze-2024.pdf",
]


@pytest.mark.parametrize("rel", REPORTS)
def test_internally_consistent_reports_raise_no_error(rel):
    findings = check_report(_parsed(rel))
    assert errors(findings) == [], [f.message for f in errors(findings)]
    for f in findings:
        assert f.code and f.message and "{" not in f.message


def test_hongze_2023_pdf_printed_error_in_table_4_with_page_locations():
    found = of_code(check_report(_parsed("files/huaian-hongze-2023.pdf")), "T4-SUM")
    assert [(f.severity, f.expected, f.actual) for f in found] == [("error", 11, 0), ("error", 5, 0)]
    for f in found:
        loc = f.locations[f.cells[0]]
        assert loc["kind"] == "pdf" and loc["page"] >= 1 and len(loc["bbox"]) == 4
    assert errors(check_report(_parsed("files/huaian-hongze-2023.pdf"))) == found


def test_putian_2019_narrative_groups_differ_from_the_table():
    found = of_code(check_report(_parsed("public/putian-2019.txt")), "P-RESULTS")
    assert {(f.expected, f.actual) for f in found} == {(32, 35), (149, 146)}
    assert all(f.severity == "warning" for f in found)
    denied = next(f for f in found if f.actual == 35)
    assert len(denied.cells) == 8 and all(c.startswith("table_3.denied_") for c in denied.cells)


def test_kewei_says_all_done_but_carries_one_forward():
    findings = check_report(_parsed("public/shanghai-kewei-2024.md"))
    (f,) = of_code(findings, "P-COMPLETED")
    assert f.actual == 1 and "所有申请均已按要求办理完成" in f.message
    # its 结转 总计 is printed empty: blank, listed, and never taken as 0
    blank = of_code(findings, "S-BLANK")
    assert "table_3.carried_forward.total" in blank[0].cells
    assert of_code(findings, "T3-BALANCE")[0].severity == "notice"


def test_putian_cgj_channels_exceed_the_stated_total():
    (f,) = of_code(check_report(_parsed("public/putian-cgj-2023.html")), "P-CHANNELS")
    assert f.severity == "notice" and f.actual == 20 and f.expected > 20


def test_real_consecutive_years_pair_without_cross_year_findings():
    this, prev = _parsed("files/huaian-hongze-2024.pdf"), _parsed("files/huaian-hongze-2023.pdf")
    # the parser names the agency “淮安市洪泽区人民政府” in 2024 and “洪泽区人民政府” in 2023: the same agency
    assert (this.agency, prev.agency) == ("淮安市洪泽区人民政府", "洪泽区人民政府")
    cross = [f for f in check_report(this, prev) if f.code.startswith("X-")]
    assert cross == []
    # they pair by name, not only through the file names
    renamed = _fresh("files/huaian-hongze-2024.pdf")
    renamed.file = "洪泽区2024年报.pdf"
    assert pair_previous([renamed, prev, _parsed("files/huaian-2024.pdf")]) == [prev, None, None]


def test_one_number_changed_in_the_carry_over_of_a_parsed_report():
    this = _fresh("files/huaian-hongze-2024.pdf")
    this.set_number("table_3.carried_over.natural_person", 2)
    found = of_code(check_report(this, _parsed("files/huaian-hongze-2023.pdf")), "X-CARRY")
    assert [(f.cells, f.expected, f.actual) for f in found] == [(("table_3.carried_over.natural_person",), 0, 2)]


def _changed_copy(tmp_path: Path, rel: str, old: str, new: str) -> Path:
    source = CORPUS / rel
    text = source.read_text("utf-8")
    assert text.count(old) == 1, "the edit must be unambiguous"
    out = tmp_path / source.name
    out.write_text(text.replace(old, new), encoding="utf-8")
    return out


def test_a_real_file_with_one_number_changed_breaks_balance_and_row_sum(tmp_path):
    # seed 002 (pipe layout): 一、本年新收 自然人 0 → 3
    label = "一、本年新收政府信息公开申请数量 | 0 |"
    path = _changed_copy(tmp_path, "seeds/002_e366c3bcfb1dd8a2.txt", label, "一、本年新收政府信息公开申请数量 | 3 |")
    result = CliRunner().invoke(main, ["check", "--json", str(path)])
    assert result.exit_code == 1
    data = json.loads(result.output)
    errs = [(f["code"], f["cells"][0]) for f in data["findings"] if f["severity"] == "error"]
    assert sorted(errs) == [
        ("T3-BALANCE", "table_3.new_received.natural_person"),
        ("T3-ROWSUM", "table_3.new_received.total"),
    ]
    balance = next(f for f in data["findings"] if f["code"] == "T3-BALANCE")
    assert balance["expected"] == 3 and balance["actual"] == 0
    assert balance["locations"]["table_3.new_received.natural_person"]["kind"] == "text"
    # the original file is clean
    assert CliRunner().invoke(main, ["check", str(CORPUS / "seeds/002_e366c3bcfb1dd8a2.txt")]).exit_code == 0


def test_hongze_2024_narrative_covers_the_government_office_only():
    # “区政府办代表区政府受理政府信息公开申请 17 件” vs 95 in table 三 (the whole district): a scope
    # difference the reader should see, as a warning — not an arithmetic error
    (f,) = of_code(check_report(_parsed("files/huaian-hongze-2024.pdf")), "P-APPLICATIONS")
    assert (f.severity, f.expected, f.actual) == ("warning", 95, 17)
    assert "17" in f.message and "95" in f.message
    assert of_code(check_report(_parsed("files/huaian-2024.pdf")), "P-APPLICATIONS") == []


def test_p_fees_stated_information_fee_against_the_fee_row():
    # huaian-2024: 信息处理费 3940 元 stated; table 二 (八) 本年收费金额 96171.6 万元
    assert of_code(check_report(_parsed("files/huaian-2024.pdf")), "P-FEES") == []
    report = _fresh("files/huaian-2024.pdf")
    fee = report.facts["fees_collected"].value
    report.set_number("table_2.administrative_fees.fee_amount_this_year", Decimal("0.1"))
    (f,) = of_code(check_report(report), "P-FEES")
    assert f.severity == "notice" and f.cells == ("table_2.administrative_fees.fee_amount_this_year",)
    assert str(fee) in f.message


def test_sections_kewei_lacks_the_problems_section():
    # shanghai-kewei prints no “存在的主要问题及改进情况” part (its 五 is 其他需要报告的事项)
    (f,) = of_code(check_report(_parsed("public/shanghai-kewei-2024.md")), "S-SECTIONS")
    assert f.severity == "warning" and "五（存在的主要问题及改进情况）" in f.message


@pytest.mark.parametrize(
    "rel",
    [
        "seeds/002_e366c3bcfb1dd8a2.txt",  # “一、总体概况”
        "public/shuyang-fgj-2023.html",  # “五、存在的主要问题及整改措施”
        "public/sanming-2019.txt",  # the introduction lists the six parts before 一、
        "public/sanming-2021.txt",
    ],
)
def test_sections_variant_headings_and_introductions_are_not_findings(rel):
    findings = check_report(_parsed(rel))
    assert of_code(findings, "S-SECTIONS") == [] and of_code(findings, "S-ORDER") == []


def test_s_read_lists_the_parser_notes_with_their_cells():
    # seed 002 prints a surplus third value in the 收费 and 采购 rows; the parser says so
    (f,) = of_code(check_report(_parsed("seeds/002_e366c3bcfb1dd8a2.txt")), "S-READ")
    assert f.severity == "notice" and f.extra["note_code"] == "read.surplus_value"
    assert "table_2.administrative_fees.items_last_year" in f.cells
    # pingtan's cells run together: values fixed by the row totals make T3-ROWSUM hold by construction
    (g,) = of_code(check_report(_parsed("public/pingtan-2019.txt")), "S-READ")
    assert g.extra["note_code"] == "read.recovered" and "T3-ROWSUM" in g.message
    assert of_code(check_report(_parsed("files/huaian-2024.pdf")), "S-READ") == []


def test_s_unread_putian_cells_lost_to_merged_duplicate_lines():
    (f,) = of_code(check_report(_parsed("public/putian-2019.txt")), "S-UNREAD")
    assert f.severity == "notice" and f.cells and all(c.startswith("table_3.") for c in f.cells)
    assert set(f.extra["reasons"]) == set(f.cells)


def test_prose_figure_against_an_unread_table_cell_is_one_notice():
    # hongze-2024 says “受理政府信息公开申请 17 件”; with 一、本年新收 总计 unread the rule cannot be assessed
    report = _fresh("files/huaian-hongze-2024.pdf")
    report.mark_unread("table_3.new_received.total", "测试：未读出")
    (f,) = of_code(check_report(report), "P-APPLICATIONS")
    assert (f.severity, f.cells, f.expected, f.actual) == ("notice", ("table_3.new_received.total",), None, None)
    assert f.extra["unassessed"] is True and f.extra["cell_kinds"] == {"unread": 1}
    assert "17" in f.message and "不作推断" in f.message
    # a table 四 total unread while the prose states a count: P-APPEALS says it cannot compare
    report = _fresh("files/huaian-2024.pdf")
    report.mark_unread("table_4.count.review_total", "测试：未读出")
    (g,) = of_code(check_report(report), "P-APPEALS")
    assert g.severity == "notice" and g.cells == ("table_4.count.review_total",) and "行政复议" in g.message


def test_s_rows_says_whether_the_rows_are_printed_or_missing():
    # seed 004 prints its 不予公开…不予处理 rows with 6 values for 7 columns: printed, not readable — not “missing”
    (f,) = of_code(check_report(_parsed("seeds/004_8e13d084e3616286.txt")), "S-ROWS")
    assert f.message.startswith("表三有 18 行印出了行标签但数值未能读出") and "缺少" not in f.message
    assert "本行只有6个数值而应有7列" in f.message
    assert len(f.extra["printed_rows"]) == 18 and f.extra["printed_rows"] == f.extra["rows"]
    # seed 001's last row: four 0s for seven columns
    (g,) = of_code(check_report(_parsed("seeds/001_fb2a13aa5693ffc1.txt")), "S-ROWS")
    assert g.extra["printed_rows"] == ["carried_forward"] and "印出了行标签" in g.message
    # 洪泽区 2024 does not print the three 2021 sub-rows of （六）其他处理 at all
    (h,) = of_code(check_report(_parsed("files/huaian-hongze-2024.pdf")), "S-ROWS")
    assert h.message.startswith("表三缺少 3 行") and h.extra["printed_rows"] == []


def test_unread_last_year_cell_is_named_with_its_page_in_the_readable_output(tmp_path):
    # 洪泽区 2023's 结转下年度 总计 made unread where it is printed: 2024's 上年结转 总计 cannot be compared
    prev = _fresh("files/huaian-hongze-2023.pdf")
    key = "table_3.carried_forward.total"
    page = prev.cell(key).source.page
    prev.mark_unread(key, "测试：未读出", source=prev.cell(key).source)
    this = _parsed("files/huaian-hongze-2024.pdf")
    (f,) = of_code(check_report(this, prev), "X-CARRY")
    assert f.severity == "notice" and f.extra["previous_cells"] == [key] and f.cells == ()
    assert f.extra["previous_locations"][key]["page"] == page
    (tmp_path / "prev.json").write_text(prev.to_json(), encoding="utf-8")
    (tmp_path / "this.json").write_text(this.to_json(), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "this.json"), "--previous", str(tmp_path / "prev.json")])
    assert f"上一年度报告位置：{key} 第{page}页" in result.output
