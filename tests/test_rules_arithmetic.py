"""Table relations derived from the editions data: T3-BALANCE, T3-COLSUM,
T3-ROWSUM, T4-SUM — each broken by a real report (or a real report with one
number changed) and satisfied by a real report."""

from __future__ import annotations

import pytest

from tests.rules_support import errors, flat, full_truth_names, of_code, set_value, truth_report
from xxgk.formats import get_edition
from xxgk.rules import check_report
from xxgk.rules.arithmetic import edition_identities


@pytest.mark.parametrize("edition", ["2019_trial", "2021"])
def test_identities_are_expanded_from_the_relations_of_the_edition(edition):
    e = get_edition(edition)
    ids = edition_identities(edition)
    for rel in e.relations:
        mine = [i for i in ids if i.relation == rel.id]
        if "for_each_column" in rel.raw and rel.type != "cross_year":
            assert len(mine) == len(rel.raw["for_each_column"])
        if rel.type == "per_row_column_sum":
            assert len(mine) == len(e.table("table_3").data_rows)
            assert all(len(i.rhs) == len(rel.raw["part_columns"]) for i in mine)
    # 23 data rows in the trial edition, 25 in 2021 (annual-report-format.md §5.2)
    assert len([i for i in ids if i.code == "T3-ROWSUM"]) == {"2019_trial": 23, "2021": 25}[edition]
    assert len([i for i in ids if i.code == "T4-SUM"]) == 3


@pytest.mark.corpus
def test_a_consistent_real_report_has_no_error_and_no_arithmetic_finding():
    findings = check_report(truth_report("huaian-2024"))
    assert errors(findings) == []
    assert not any(f.code.startswith(("T3-", "T4-")) for f in findings)


@pytest.mark.corpus
def test_t4_sum_finds_the_printed_error_of_hongze_2023():
    report = truth_report("huaian-hongze-2023")
    found = of_code(check_report(report), "T4-SUM")
    assert [(f.severity, f.expected, f.actual) for f in found] == [("error", 11, 0), ("error", 5, 0)]
    review = found[0]
    assert review.cells[0] == "table_4.count.review_total"
    assert set(review.cells) == {
        "table_4.count.review_total",
        "table_4.count.review_upheld",
        "table_4.count.review_corrected",
        "table_4.count.review_other",
        "table_4.count.review_pending",
    }
    assert "行政复议" in review.message and "11" in review.message
    # the 未经复议直接起诉 block is all 0 and consistent: no finding names it
    assert not any("litigation_direct" in c for f in found for c in f.cells)


@pytest.mark.corpus
def test_t4_sum_holds_on_hongze_2024():
    assert of_code(check_report(truth_report("huaian-hongze-2024")), "T4-SUM") == []


@pytest.mark.corpus
def test_t3_colsum_and_rowsum_when_one_outcome_number_is_changed():
    original = truth_report("huaian-2024")
    before = original.value("table_3.granted.natural_person")
    report = set_value(truth_report("huaian-2024"), "table_3.granted.natural_person", before + 7)
    findings = errors(check_report(report))
    assert flat(findings) == {("T3-COLSUM", "error"), ("T3-ROWSUM", "error")}
    (colsum,) = of_code(findings, "T3-COLSUM")
    assert colsum.cells[0] == "table_3.results_total.natural_person"
    assert "table_3.granted.natural_person" in colsum.cells
    assert colsum.actual == original.value("table_3.results_total.natural_person")
    assert colsum.expected == colsum.actual + 7
    (rowsum,) = of_code(findings, "T3-ROWSUM")
    assert rowsum.cells[0] == "table_3.granted.total"
    assert (rowsum.expected, rowsum.actual) == (original.value("table_3.granted.total") + 7, 1362)
    assert "（一）予以公开" in rowsum.message


@pytest.mark.corpus
def test_t3_balance_when_new_received_total_is_changed():
    report = set_value(truth_report("huaian-hongze-2024"), "table_3.new_received.total", 96)
    findings = errors(check_report(report))
    assert flat(findings) == {("T3-BALANCE", "error"), ("T3-ROWSUM", "error")}
    (balance,) = of_code(findings, "T3-BALANCE")
    assert (balance.expected, balance.actual) == (96, 95)  # 一+二 = 96 + 0; 三（七）+四 = 95 + 0
    assert balance.cells == (
        "table_3.new_received.total",
        "table_3.carried_over.total",
        "table_3.results_total.total",
        "table_3.carried_forward.total",
    )
    assert "第一项加第二项之和" in balance.message


@pytest.mark.corpus
def test_t3_balance_holds_on_every_column_of_the_real_seeds():
    for name in full_truth_names():
        assert of_code(errors(check_report(truth_report(name))), "T3-BALANCE") == [], name


@pytest.mark.corpus
def test_unread_cells_make_a_relation_unassessed_never_an_error():
    # seed 001: 四、结转下年度 prints four 0s for seven columns → the row is unread
    findings = check_report(truth_report("001_"))
    (balance,) = of_code(findings, "T3-BALANCE")
    assert balance.severity == "notice"
    assert balance.to_dict()["unassessed"] is True
    assert set(balance.cells) == {f"table_3.carried_forward.{c}" for c in _T3_COLUMNS}
    assert errors(findings) == []


@pytest.mark.corpus
def test_blank_is_not_zero_relations_over_blank_cells_are_unassessed():
    # seed 000: the applicant columns of table 三 are blank, only 总计 is filled
    findings = check_report(truth_report("000_"))
    assert errors(findings) == []
    rowsum = of_code(findings, "T3-ROWSUM")
    assert [f.severity for f in rowsum] == ["notice"]
    assert rowsum[0].extra["cell_kinds"] == {"blank": 138}
    # the 总计 column itself is complete, so its balance was assessed (and holds): 6 of 7 columns unassessed
    assert of_code(findings, "T3-BALANCE")[0].extra["instances"] == 6


@pytest.mark.corpus
def test_balanced_all_zero_tables_raise_no_error():
    for name in ("002_", "003_"):
        assert errors(check_report(truth_report(name))) == [], name


_T3_COLUMNS = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "public_interest_organization",
    "legal_service_institution",
    "other_organization",
    "total",
)
