"""T3-GROUP: groups the format prints without a number of their own, derived
from the row parents of the editions data; printed group rows (kept by the
parser in ``AnnualReport.printed_groups``) against their sub-rows."""

from __future__ import annotations

import jsonschema
import pytest

from tests.corpus import CORPUS, require_corpus
from tests.rules_support import errors, of_code, truth_report
from xxgk.report import AnnualReport, Cell, Source
from xxgk.rules import check_report
from xxgk.rules.groups import group_rows
from xxgk.schemas import load


def test_groups_come_from_the_row_parents_of_each_edition():
    trial, current = group_rows("2019_trial"), group_rows("2021")
    assert set(trial) == {"denied", "unable", "not_processed"}  # （六）其他处理 is a data row in 2019
    assert set(current) == {"denied", "unable", "not_processed", "other_processing"}
    assert len(current["denied"]) == 8 and len(current["unable"]) == 3 and len(current["not_processed"]) == 5
    assert current["other_processing"] == ("other_no_correction", "other_fee_unpaid", "other_other")


def _print_group(report: AnnualReport, group: str, values: list[int]) -> None:
    """Put a printed group row on ``report`` as the parser does."""
    columns = [c.key for c in report.spec.table("table_3").groups[0].columns]
    for column, v in zip(columns, values, strict=True):
        key = f"table_3.{group}.{column}"
        report.printed_groups[key] = Cell(key, "number", value=v, raw=str(v), source=Source("text", line=1))


def _column_sums(report, group):
    kids = group_rows(report.edition)[group]
    columns = [c.key for c in report.spec.table("table_3").groups[0].columns]
    return [sum(report.value(f"table_3.{k}.{c}") for k in kids) for c in columns]


@pytest.mark.corpus
def test_hongze_other_processing_printed_as_one_row_completes_colsum():
    # 洪泽区 2023 prints （六）其他处理 as one row of zeros without its three 2021 sub-rows
    report = truth_report("huaian-hongze-2023")
    assert of_code(check_report(report), "T3-COLSUM")[0].severity == "notice"  # unassessed without the group row
    _print_group(report, "other_processing", [0] * 7)
    findings = check_report(report)
    assert of_code(findings, "T3-COLSUM") == []  # assessed with the printed group value, and it holds
    assert of_code(findings, "T3-GROUP") == []


@pytest.mark.corpus
def test_hongze_group_row_that_breaks_the_outcome_sum():
    report = truth_report("huaian-hongze-2023")
    _print_group(report, "other_processing", [1, 0, 0, 0, 0, 0, 1])
    found = of_code(errors(check_report(report)), "T3-COLSUM")
    assert [f.cells[0] for f in found] == ["table_3.results_total.natural_person", "table_3.results_total.total"]
    assert all(f.extra["group_rows"] == ["other_processing"] for f in found)
    assert "整组印为一行" in found[0].message
    # the printed group value is named (it is what was added), right after the total; its unprinted sub-rows are not
    assert [f.cells[1] for f in found] == ["table_3.other_processing.natural_person", "table_3.other_processing.total"]
    assert all(f.locations[f.cells[1]] == {"kind": "text", "line": 1} for f in found)
    assert not any(c.startswith("table_3.other_") and ".other_processing." not in c for f in found for c in f.cells)


@pytest.mark.corpus
def test_t3_group_a_printed_subtotal_that_matches_its_sub_rows():
    report = truth_report("huaian-2024")
    for group in group_rows("2021"):
        _print_group(report, group, _column_sums(report, group))
    assert of_code(check_report(report), "T3-GROUP") == []


@pytest.mark.corpus
def test_t3_group_a_printed_subtotal_that_does_not():
    report = truth_report("huaian-2024")
    sums = _column_sums(report, "unable")
    sums[-1] += 1  # 总计 column of （四）无法提供 printed one too high
    _print_group(report, "unable", sums)
    (f,) = of_code(check_report(report), "T3-GROUP")
    assert (f.severity, f.actual, f.expected) == ("error", sums[-1], sums[-1] - 1)
    assert f.cells == (
        "table_3.unable.total",  # the printed group value: the actual
        "table_3.unable_not_held.total",
        "table_3.unable_requires_creation.total",
        "table_3.unable_unclear_after_correction.total",
    )
    assert "（四）无法提供" in f.message
    assert f.locations["table_3.unable.total"] == {"kind": "text", "line": 1}


@pytest.mark.corpus
def test_t3_group_unassessed_names_the_printed_group_value_and_the_cells_not_read():
    report = truth_report("huaian-2024")
    _print_group(report, "unable", _column_sums(report, "unable"))
    blank = "table_3.unable_not_held.total"
    report.cells[blank] = Cell(blank, "blank")
    (f,) = of_code(check_report(report), "T3-GROUP")
    assert (f.severity, f.extra.get("unassessed")) == ("notice", True)
    assert f.cells == ("table_3.unable.total", blank)  # the printed group value, then the cell not read
    assert f.locations == {"table_3.unable.total": {"kind": "text", "line": 1}}  # a blank cell has no place


def test_printed_group_cells_that_are_not_numbers_are_not_used():
    from xxgk.rules.groups import group_values

    report = AnnualReport(edition="2021", year=2023)
    key = "table_3.denied.total"
    report.printed_groups[key] = Cell(key, "na", raw="-")
    assert group_values(report) == {}


def test_printed_groups_round_trip_through_the_json_and_validate():
    report = AnnualReport(edition="2021", year=2023)
    report.complete()
    _print_group(report, "other_processing", [1, 0, 0, 0, 0, 0, 1])
    d = report.to_dict()
    jsonschema.validate(d, load("annual-report"))
    back = AnnualReport.from_dict(d)
    assert back.printed_groups == report.printed_groups
    assert "printed_groups" not in AnnualReport(edition="2021").to_dict()  # optional: absent when none


def test_printed_groups_refuse_a_key_that_is_not_a_group_row():
    report = AnnualReport(edition="2021", year=2023)
    key = "table_3.granted.total"  # a data row: its numbers are cells, not a printed group
    d = report.to_dict() | {"printed_groups": {key: Cell(key, "number", value=1, raw="1").to_dict()}}
    with pytest.raises(ValueError, match="group row"):
        AnnualReport.from_dict(d)


# ---- the real 洪泽区 PDFs, through the parser -------------------------------------


def _parse_pdf(name: str) -> AnnualReport:
    require_corpus()
    from xxgk.rules.inputs import load_reports

    (report,) = load_reports(CORPUS / "files" / name)
    return report


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["huaian-hongze-2023.pdf", "huaian-hongze-2024.pdf"])
def test_hongze_pdf_other_processing_row_is_read_as_a_printed_group(name):
    report = _parse_pdf(name)
    columns = [c.key for c in report.spec.table("table_3").groups[0].columns]
    printed = {k: c for k, c in report.printed_groups.items() if k.startswith("table_3.other_processing.")}
    assert sorted(printed) == sorted(f"table_3.other_processing.{c}" for c in columns)
    assert all(c.kind == "number" and c.raw and c.source and c.source.kind == "pdf" for c in printed.values())
    # its three 2021 sub-rows are not printed: unread, never filled in from the group
    assert report.cell("table_3.other_no_correction.total").kind == "unread"
    # the other groups print their first sub-row on the heading's line: no group value
    assert not any(k.startswith("table_3.denied.") for k in report.printed_groups)


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["huaian-hongze-2023.pdf", "huaian-hongze-2024.pdf"])
def test_hongze_pdf_printed_group_row_feeds_the_results_sum(name):
    report = _parse_pdf(name)
    findings = check_report(report)
    # assessed with the printed （六） row standing in for its sub-rows, and it holds
    assert [f for f in of_code(findings, "T3-COLSUM") if f.extra.get("unassessed")] == []
    assert of_code(errors(findings), "T3-COLSUM") == []
    # one printed number changed: the results sum breaks, naming the group row
    key = "table_3.other_processing.total"
    cell = report.printed_groups[key]
    report.printed_groups[key] = Cell(key, "number", value=cell.value + 1, raw=str(cell.value + 1), source=cell.source)
    (found,) = of_code(errors(check_report(report)), "T3-COLSUM")
    assert found.cells[0] == "table_3.results_total.total" and found.extra["group_rows"] == ["other_processing"]
    assert found.cells[1] == key and found.locations[key]["kind"] == "pdf" and found.locations[key]["page"] >= 1


@pytest.mark.corpus
def test_printed_group_value_is_shown_with_its_page_in_the_readable_output(tmp_path):
    from click.testing import CliRunner

    from xxgk.cli import main

    report = _parse_pdf("huaian-hongze-2024.pdf")
    key = "table_3.other_processing.total"
    cell = report.printed_groups[key]
    report.printed_groups[key] = Cell(key, "number", value=cell.value + 1, raw=str(cell.value + 1), source=cell.source)
    path = tmp_path / "hongze-2024.json"
    path.write_text(report.to_json(), encoding="utf-8")
    out = CliRunner().invoke(main, ["check", str(path)]).output
    line = next(x for x in out.splitlines() if "位置：" in x and "table_3.results_total.total" in x)
    assert f"{key} 第{cell.source.page}页" in line
