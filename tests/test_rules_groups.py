"""T3-GROUP: groups the format prints without a number of their own, derived
from the row parents of the editions data; printed group rows (passed by the
parser as ``read.group_values`` notes) against their sub-rows."""

from __future__ import annotations

import pytest

from tests.rules_support import errors, of_code, truth_report
from xxgk.report import Note
from xxgk.rules import check_report
from xxgk.rules.groups import group_rows


def test_groups_come_from_the_row_parents_of_each_edition():
    trial, current = group_rows("2019_trial"), group_rows("2021")
    assert set(trial) == {"denied", "unable", "not_processed"}  # （六）其他处理 is a data row in 2019
    assert set(current) == {"denied", "unable", "not_processed", "other_processing"}
    assert len(current["denied"]) == 8 and len(current["unable"]) == 3 and len(current["not_processed"]) == 5
    assert current["other_processing"] == ("other_no_correction", "other_fee_unpaid", "other_other")


def _printed(group: str, values: list[int]) -> Note:
    return Note("read.group_values", f"组合计一行：{' '.join(map(str, values))}", cell=f"table_3.{group}")


def _column_sums(report, group):
    kids = group_rows(report.edition)[group]
    columns = [c.key for c in report.spec.table("table_3").groups[0].columns]
    return [sum(report.value(f"table_3.{k}.{c}") for k in kids) for c in columns]


@pytest.mark.corpus
def test_hongze_other_processing_printed_as_one_row_completes_colsum():
    # 洪泽区 2023 prints （六）其他处理 as one row of zeros without its three 2021 sub-rows
    report = truth_report("huaian-hongze-2023")
    assert of_code(check_report(report), "T3-COLSUM")[0].severity == "notice"  # unassessed without the group row
    report.notes.append(_printed("other_processing", [0] * 7))
    findings = check_report(report)
    assert of_code(findings, "T3-COLSUM") == []  # assessed with the printed group value, and it holds
    assert of_code(findings, "T3-GROUP") == []


@pytest.mark.corpus
def test_hongze_group_row_that_breaks_the_outcome_sum():
    report = truth_report("huaian-hongze-2023")
    report.notes.append(_printed("other_processing", [1, 0, 0, 0, 0, 0, 1]))
    found = of_code(errors(check_report(report)), "T3-COLSUM")
    assert [f.cells[0] for f in found] == ["table_3.results_total.natural_person", "table_3.results_total.total"]
    assert all(f.extra["group_rows"] == ["other_processing"] for f in found)
    assert "整组印为一行" in found[0].message
    assert not any(c.startswith("table_3.other_") for f in found for c in f.cells)  # only real, printed cells


@pytest.mark.corpus
def test_t3_group_a_printed_subtotal_that_matches_its_sub_rows():
    report = truth_report("huaian-2024")
    for group in group_rows("2021"):
        report.notes.append(_printed(group, _column_sums(report, group)))
    assert of_code(check_report(report), "T3-GROUP") == []


@pytest.mark.corpus
def test_t3_group_a_printed_subtotal_that_does_not():
    report = truth_report("huaian-2024")
    sums = _column_sums(report, "unable")
    sums[-1] += 1  # 总计 column of （四）无法提供 printed one too high
    report.notes.append(_printed("unable", sums))
    (f,) = of_code(check_report(report), "T3-GROUP")
    assert (f.severity, f.actual, f.expected) == ("error", sums[-1], sums[-1] - 1)
    assert f.cells == (
        "table_3.unable_not_held.total",
        "table_3.unable_requires_creation.total",
        "table_3.unable_unclear_after_correction.total",
    )
    assert "（四）无法提供" in f.message


def test_a_group_note_without_one_value_per_column_is_ignored():
    from xxgk.report import AnnualReport
    from xxgk.rules.groups import group_values

    report = AnnualReport(edition="2021", year=2023)
    report.notes.append(_printed("denied", [1, 2, 3]))
    assert group_values(report) == {}
