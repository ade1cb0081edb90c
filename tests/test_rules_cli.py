"""``xxgk check``: JSON contract, exit codes by --fail-on, --previous, pairing a
directory, unreadable input."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from tests.corpus import PROJECT_ROOT
from tests.rules_support import set_value, truth_report
from xxgk.cli import main

pytestmark = pytest.mark.corpus


def _write(tmp_path, name, report):
    path = tmp_path / name
    path.write_text(report.to_json(), encoding="utf-8")
    return path


def _run(*args):
    result = CliRunner().invoke(main, ["check", *map(str, args)])
    return result.exit_code, result.output


def test_json_contract_for_one_file(tmp_path):
    path = _write(tmp_path, "hongze-2023.json", truth_report("huaian-hongze-2023"))
    code, out = _run("--json", path)
    assert code == 1  # two T4-SUM errors
    data = json.loads(out)
    assert data["file"].endswith("huaian-hongze-2023.pdf")
    t4 = [f for f in data["findings"] if f["code"] == "T4-SUM"]
    assert len(t4) == 2
    for f in data["findings"]:
        assert set(f) >= {"code", "severity", "message", "cells", "expected", "actual"}
        assert f["severity"] in ("error", "warning", "notice")
    assert t4[0]["expected"] == 11 and t4[0]["actual"] == 0
    assert "table_4.count.review_total" in t4[0]["cells"]


def test_exit_code_follows_fail_on(tmp_path):
    clean = _write(tmp_path, "huaian-2024.json", truth_report("huaian-2024"))  # no error, no warning
    assert _run(clean)[0] == 0
    assert _run("--fail-on", "warning", clean)[0] == 0
    hongze24 = _write(tmp_path, "hongze-2024.json", truth_report("huaian-hongze-2024"))  # S-ROWS warning only
    assert _run(hongze24)[0] == 0
    assert _run("--fail-on", "warning", hongze24)[0] == 1


def test_readable_output_groups_findings(tmp_path):
    path = _write(tmp_path, "hongze-2023.json", truth_report("huaian-hongze-2023"))
    code, out = _run(path)
    assert code == 1
    assert "错误（2）" in out and "[T4-SUM]" in out and "警告（1）" in out
    assert out.index("错误") < out.index("警告")


def test_several_files_give_a_list_and_previous_is_used(tmp_path):
    prev = _write(tmp_path, "a.json", truth_report("huaian-hongze-2023"))
    changed = set_value(truth_report("huaian-hongze-2024"), "table_3.carried_over.total", 3)
    this = _write(tmp_path, "b.json", changed)
    code, out = _run("--json", "--previous", prev, this)
    data = json.loads(out)
    assert isinstance(data, dict) and data["previous"].endswith("huaian-hongze-2023.pdf")
    assert any(f["code"] == "X-CARRY" for f in data["findings"])
    code, out = _run("--json", prev, this)
    assert code == 1  # hongze 2023 has the two T4-SUM errors
    assert isinstance(json.loads(out), list) and len(json.loads(out)) == 2


def test_a_directory_pairs_the_same_agency_across_years(tmp_path):
    changed = set_value(truth_report("huaian-hongze-2024"), "table_3.carried_over.total", 3)
    _write(tmp_path, "hongze-2024.json", changed)
    _write(tmp_path, "hongze-2023.json", truth_report("huaian-hongze-2023"))
    _write(tmp_path, "city-2024.json", truth_report("huaian-2024"))
    code, out = _run("--json", tmp_path)
    assert code == 1
    by_file = {d["file"].rsplit("/", 1)[-1]: d for d in json.loads(out)}
    assert by_file["huaian-hongze-2024.pdf"]["previous"].endswith("huaian-hongze-2023.pdf")
    assert [f["code"] for f in by_file["huaian-hongze-2024.pdf"]["findings"] if f["code"].startswith("X-")] == [
        "X-CARRY"
    ]
    assert "previous" not in by_file["huaian-2024.pdf"]


def test_unreadable_input_exits_2_with_one_line_naming_the_file(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT / "src")}
    proc = subprocess.run(
        [sys.executable, "-m", "xxgk", "check", str(bad)], capture_output=True, text=True, env=env, timeout=60
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "broken.json" in lines[0] and "check.bad_json" in lines[0]
    missing = subprocess.run(
        [sys.executable, "-m", "xxgk", "check", str(tmp_path / "nope.txt")], capture_output=True, text=True, env=env
    )
    assert missing.returncode == 2 and "read.not_found" in missing.stderr and "Traceback" not in missing.stderr


def test_json_output_validates_against_the_schema(tmp_path):
    import jsonschema

    from xxgk.rules.schema import check_result_schema

    for name in ("huaian-hongze-2023", "001_", "000_"):
        _write(tmp_path, f"{name}.json", truth_report(name))
    _code, out = _run("--json", tmp_path)
    data = json.loads(out)
    assert len(data) == 3
    for item in data:
        jsonschema.validate(item, check_result_schema())


def test_an_empty_directory_and_a_json_that_is_not_a_report_exit_2(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(main, ["check", str(empty)])
    assert result.exit_code == 2 and "read.no_files" in result.output
    other = tmp_path / "other.json"
    other.write_text('{"hello": 1}', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(other)])
    assert result.exit_code == 2 and "check.bad_report_json" in result.output and "other.json" in result.output


def test_several_reports_end_with_a_summary_line(tmp_path):
    for name in ("huaian-hongze-2023", "huaian-2024"):
        _write(tmp_path, f"{name}.json", truth_report(name))
    code, out = _run(tmp_path)
    assert code == 1
    assert out.strip().splitlines()[-1].startswith("共审查 2 份报告：1 份有错误")


def _write_list(tmp_path, name, reports):
    path = tmp_path / name
    path.write_text("[" + ",".join(r.to_json() for r in reports) + "]", encoding="utf-8")
    return path


def _run_split(*args):
    result = CliRunner().invoke(main, ["check", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def test_previous_is_matched_to_each_file_by_agency_and_year(tmp_path):
    # --previous gives a list whose FIRST report is another agency's: it must not be used for hongze 2024
    prev = _write_list(tmp_path, "prev.json", [truth_report("putian-cgj-2023"), truth_report("huaian-hongze-2023")])
    changed = set_value(truth_report("huaian-hongze-2024"), "table_3.carried_over.total", 3)
    this = _write(tmp_path, "hongze-2024.json", changed)
    city = _write(tmp_path, "city-2024.json", truth_report("huaian-2024"))
    code, out, _err = _run_split("--json", "--previous", prev, this, city)
    by_file = {d["file"].rsplit("/", 1)[-1]: d for d in json.loads(out)}
    hongze = by_file["huaian-hongze-2024.pdf"]
    assert hongze["previous"].endswith("huaian-hongze-2023.pdf")
    assert [(f["code"], f["actual"]) for f in hongze["findings"] if f["code"].startswith("X-")] == [("X-CARRY", 3)]
    # the city government has no 2023 report among them: said once, as a notice, nothing compared
    city_x = [f for f in by_file["huaian-2024.pdf"]["findings"] if f["code"].startswith("X-")]
    assert [(f["code"], f["severity"]) for f in city_x] == [("X-PREVIOUS", "notice")]
    assert "2023年度" in city_x[0]["message"] and "huaian-hongze-2023.pdf" in city_x[0]["message"]
    assert "previous" not in by_file["huaian-2024.pdf"]
    assert code == 1  # the changed 上年结转 breaks T3-BALANCE of hongze 2024 too


def test_an_ambiguous_previous_is_refused_with_a_stable_code(tmp_path):
    prev = _write_list(tmp_path, "prev.json", [truth_report("huaian-hongze-2023"), truth_report("huaian-hongze-2023")])
    this = _write(tmp_path, "hongze-2024.json", truth_report("huaian-hongze-2024"))
    city = _write(tmp_path, "city-2024.json", truth_report("huaian-2024"))
    code, out, err = _run_split("--previous", prev, this, city)
    assert code == 2
    (line,) = err.strip().splitlines()
    assert "check.previous_ambiguous" in line and "huaian-hongze-2024.pdf" in line and "Traceback" not in err
    assert "huaian-2024.pdf" in out and "huaian-hongze-2024.pdf" not in out  # the other file is still checked


def test_a_directory_scan_skips_files_that_are_not_reports(tmp_path):
    # the real corpus directory holds README.md beside the reports: one line for it, the reports all checked
    from tests.corpus import CORPUS, require_corpus
    from xxgk.rules.inputs import scan

    require_corpus()
    code, out, err = _run_split(CORPUS)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "README.md" in lines[0] and "[read.unrecognised]" in lines[0] and "跳过" in lines[0]
    reports = [p for p, _ in scan([CORPUS]) if p.name != "README.md"]
    assert f"共审查 {len(reports)} 份报告" in out
    assert code == 1  # the printed error in 洪泽区 2023's table 四, not 2
    # named on the command line, the same file is an error: the check could not run on it
    assert _run_split(CORPUS / "README.md")[0] == 2
    # a directory with nothing but such files has nothing to check
    only = tmp_path / "docs"
    only.mkdir()
    (only / "README.md").write_text((CORPUS / "README.md").read_text("utf-8"), encoding="utf-8")
    code, _out, err = _run_split(only)
    assert code == 2 and "read.no_files" in err


def test_a_damaged_report_file_in_a_directory_still_exits_2(tmp_path):
    _write(tmp_path, "hongze-2024.json", truth_report("huaian-hongze-2024"))
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    code, out, err = _run_split(tmp_path)
    assert code == 2 and "broken.pdf" in err and "跳过" not in err
    assert "huaian-hongze-2024.pdf" in out
