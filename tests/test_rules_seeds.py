"""The five seeds: the findings are right (hand-read truth, and the parsed file
once the parser reads it).  Seed 001's incomplete last row and its table 二
amount in 元 are reported; balanced all-zero tables raise no error."""

from __future__ import annotations

import importlib.util

import pytest

from tests.corpus import CORPUS
from tests.rules_support import flat, of_code, truth_report
from xxgk.rules import check_report

pytestmark = pytest.mark.corpus

SEEDS = ("000_", "001_", "002_", "003_", "004_")

EXPECTED_FROM_TRUTH = {
    # applicant columns blank, 总计 filled: blank ≠ 0 → a warning, relations over them unassessed
    "000_": {("S-BLANK", "warning"), ("T3-BALANCE", "notice"), ("T3-COLSUM", "notice"), ("T3-ROWSUM", "notice")},
    # 四、结转下年度 shows four 0s for seven columns; 4359957元 converted; dashes in table 二
    "001_": {
        ("S-ROWS", "warning"),
        ("S-NA", "notice"),
        ("T2-UNIT", "notice"),
        ("T3-BALANCE", "notice"),
        ("T3-ROWSUM", "notice"),
    },
    "002_": set(),  # all-zero, balanced
    "003_": set(),  # 2021 edition, all-zero, balanced
    # misaligned PDF text: rows that cannot be placed are unread, never guessed
    "004_": {
        ("S-ROWS", "warning"),
        ("S-COLUMNS", "warning"),
        ("T3-BALANCE", "notice"),
        ("T3-COLSUM", "notice"),
        ("T3-ROWSUM", "notice"),
        ("T4-SUM", "notice"),
    },
}


@pytest.mark.parametrize("seed", SEEDS)
def test_findings_on_the_truth_of_each_seed(seed):
    assert flat(check_report(truth_report(seed, with_text=True))) == EXPECTED_FROM_TRUTH[seed]


def test_seed_001_last_row_names_all_seven_cells():
    (f,) = of_code(check_report(truth_report("001_")), "S-ROWS")
    assert f.extra["rows"] == ["carried_forward"] and len(f.cells) == 7


def _parser_ready() -> bool:
    return importlib.util.find_spec("xxgk.read.pipeline") is not None


def _seed_file(prefix: str):
    return next((CORPUS / "seeds").glob(prefix + "*.txt"))


@pytest.mark.skipif(not _parser_ready(), reason="the parser pipeline (xxgk.read.pipeline) is not in the tree yet")
@pytest.mark.parametrize("seed", SEEDS)
def test_parsed_seeds_raise_no_error(seed):
    from xxgk.read import parse_file

    findings = check_report(parse_file(_seed_file(seed)))
    assert [f for f in findings if f.severity == "error"] == []


@pytest.mark.skipif(not _parser_ready(), reason="the parser pipeline (xxgk.read.pipeline) is not in the tree yet")
def test_parsed_seed_001_reports_its_last_row_and_amount_in_yuan():
    from xxgk.read import parse_file

    findings = check_report(parse_file(_seed_file("001_")))
    (unit,) = of_code(findings, "T2-UNIT")
    assert unit.actual.replace(" ", "") == "4359957元" and unit.severity == "notice"
    last_row = {f"table_3.carried_forward.{c}" for c in ("natural_person", "total")}
    named = {c for f in findings if f.code in ("S-ROWS", "S-UNREAD") for c in f.cells}
    assert last_row & named, "the incomplete 结转下年度 row must be reported"
    assert of_code(findings, "T3-BALANCE")[0].severity == "notice"
