"""The engine as a whole: every rule documented and tested, findings ordered,
messages fully rendered, the JSON shape of a finding."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.corpus import PROJECT_ROOT
from tests.rules_support import full_truth_names, set_value, truth_report
from xxgk.rules import all_rules, check_report
from xxgk.rules.finding import SEVERITY_RANK

DOCS = PROJECT_ROOT / "docs" / "rules.md"


def test_every_rule_is_documented_with_its_severity():
    text = DOCS.read_text("utf-8")
    for code, rule in all_rules().items():
        assert f"`{code}`" in text, code
        line = next(line for line in text.splitlines() if f"`{code}`" in line and line.startswith("|"))
        assert rule.severity in line, code


def test_every_rule_code_is_exercised_by_a_rules_test():
    tests = "".join(
        p.read_text("utf-8") for p in Path(__file__).parent.glob("test_rules_*.py") if p.name != Path(__file__).name
    )
    for code in all_rules():
        generic = code.split("-", 1)[1]  # T2/T3/T4-NEGATIVE share a parametrised test
        assert f'"{code}"' in tests or (code[:2] in ("T2", "T3", "T4") and f'-{generic}"' in tests), code


def test_codes_are_stable_and_well_formed():
    codes = list(all_rules())
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[STPX]\d?-[A-Z0-9-]+|[STPX]-[A-Z0-9-]+", c) for c in codes)


@pytest.mark.corpus
def test_findings_are_ordered_by_severity_and_fully_rendered():
    report = set_value(truth_report("huaian-hongze-2023", with_text=True), "table_3.granted.total", 5)
    findings = check_report(report)
    ranks = [SEVERITY_RANK[f.severity] for f in findings]
    assert ranks == sorted(ranks, reverse=True)
    for name in full_truth_names():
        for f in check_report(truth_report(name, with_text=True)) + findings:
            assert "{" not in f.message and "}" not in f.message, f.message
            assert f.message and f.code in all_rules()
            json.dumps(f.to_dict(), ensure_ascii=False)  # serialisable as is


@pytest.mark.corpus
def test_each_error_names_its_cells_with_their_sources():
    report = truth_report("huaian-hongze-2023")
    for f in check_report(report):
        if f.severity == "error":
            assert f.cells and all(k in report.cells for k in f.cells)
            assert set(f.locations) == set(f.cells)


@pytest.mark.corpus
def test_pick_and_skip_by_code_prefix():
    report = truth_report("huaian-hongze-2023")
    everything = check_report(report)
    t4 = check_report(report, pick=["T4-"])
    assert t4 and all(f.code.startswith("T4-") for f in t4)
    assert {f.code for f in everything} - {f.code for f in check_report(report, skip=["S-", "T3-"])} == {
        f.code for f in everything if f.code.startswith(("S-", "T3-"))
    }


@pytest.mark.corpus
def test_findings_are_coloured_in_a_terminal_and_plain_otherwise():
    import io

    from rich.console import Console

    from xxgk.rules.render import print_findings

    report = truth_report("huaian-hongze-2023")
    findings = check_report(report)
    tty, plain = io.StringIO(), io.StringIO()
    print_findings(Console(file=tty, force_terminal=True, width=200), report, findings)
    print_findings(Console(file=plain, force_terminal=False, width=200), report, findings)
    assert "\x1b[" in tty.getvalue() and "\x1b[" not in plain.getvalue()
    assert "[T4-SUM]" in plain.getvalue()
