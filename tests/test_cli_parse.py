"""``xxgk parse``: exit codes, one-line errors, JSON contract, --out, directories."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from tests.corpus import CORPUS, PROJECT_ROOT, require_corpus
from xxgk.cli import main
from xxgk.schemas import load


def seed(prefix: str) -> Path:
    require_corpus()
    return next((CORPUS / "seeds").glob(f"{prefix}_*.txt"))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "xxgk", "parse", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT_ROOT,
        check=False,
    )


@pytest.mark.corpus
def test_summary_by_default_exit_0() -> None:
    result = CliRunner().invoke(main, ["parse", str(seed("002"))])
    assert result.exit_code == 0, result.output
    assert "温泉镇" in result.output and "三、收到和处理政府信息公开申请情况" in result.output
    assert "层级：乡镇级" in result.output  # the level the parser derives from 镇


@pytest.mark.corpus
def test_json_for_one_file_validates_against_the_schema() -> None:
    result = CliRunner().invoke(main, ["parse", "--json", str(seed("001"))])
    assert result.exit_code == 0
    data = json.loads(result.output)
    jsonschema.validate(data, load("annual-report"))
    assert data["edition"] == "2019_trial" and data["year"] == 2020
    assert data["cells"]["table_3.carried_forward.total"]["kind"] == "unread"
    assert any(u["cell"] == "table_3.carried_forward.total" for u in data["unread"])


@pytest.mark.corpus
def test_json_for_several_files_is_a_list() -> None:
    result = CliRunner().invoke(main, ["parse", "--json", str(seed("000")), str(seed("003"))])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert isinstance(data, list) and [d["edition"] for d in data] == ["2019_trial", "2021"]
    for d in data:
        jsonschema.validate(d, load("annual-report"))


@pytest.mark.corpus
def test_out_dir_gets_one_json_per_report(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["parse", "--out", str(out), str(CORPUS / "public")])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.iterdir())
    assert "shuyang-fgj-2023.html.json" in written and "pingtan-2019.txt.json" in written
    data = json.loads((out / "putian-cgj-2023.html.json").read_text("utf-8"))
    assert data["cells"]["table_3.new_received.total"]["value"] == 20


def test_unrecognisable_file_exits_2_with_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("会议纪要\n今天天气很好。\n", encoding="utf-8")
    result = run(str(path))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "notes.txt" in lines[0] and "read.unrecognised" in lines[0]
    assert "Traceback" not in result.stderr


def test_binary_and_missing_files_exit_2(tmp_path: Path) -> None:
    blob = tmp_path / "blob.txt"
    blob.write_bytes(bytes(range(256)) * 10)
    result = run(str(blob), str(tmp_path / "missing.txt"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "read.not_found" in result.stderr or "read.unsupported" in result.stderr


@pytest.mark.corpus
def test_one_bad_file_among_good_ones_reports_both_and_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = run("--json", str(seed("002")), str(bad))
    assert result.returncode == 2
    assert "read.empty" in result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 1 and data[0]["agency"] == "温泉镇"


@pytest.mark.corpus
def test_a_parser_bug_is_a_one_line_error_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import xxgk.read

    def broken(path: object) -> None:
        raise IndexError("list index out of range")

    monkeypatch.setattr(xxgk.read, "parse_file", broken)
    result = CliRunner().invoke(main, ["parse", str(seed("000"))])
    assert result.exit_code == 2
    assert "read.internal" in result.output and "IndexError" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.corpus
def test_out_dir_keeps_two_reports_with_the_same_name(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "report.txt").write_bytes(seed("000").read_bytes())
    (b / "report.txt").write_bytes(seed("003").read_bytes())
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["parse", "--out", str(out), str(a / "report.txt"), str(b / "report.txt")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["report.txt.2.json", "report.txt.json"]
    editions = {json.loads(p.read_text("utf-8"))["edition"] for p in out.iterdir()}
    assert editions == {"2019_trial", "2021"}


@pytest.mark.corpus
def test_summary_groups_unread_cells_by_row_and_names_notes() -> None:
    result = CliRunner().invoke(main, ["parse", str(seed("004"))])
    assert result.exit_code == 0
    assert "表三 （七）总计（全部7列）：本行只有6个数值而应有7列" in result.output
    assert "表四 数量（行政诉讼/复议后起诉/总计）" in result.output
    assert "说明[read.header_alignment]（表四 数量）" in result.output
    assert "（三）不予公开" in result.output  # group heading before its sub-rows


@pytest.mark.corpus
def test_parallel_jobs_give_the_same_reports_in_the_same_order(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("不是年报\n", encoding="utf-8")
    args = [str(CORPUS / "seeds"), str(CORPUS / "public" / "pingtan-2019.txt"), str(bad)]
    one = run("--json", *args)
    two = run("--json", "--jobs", "2", *args)
    assert one.returncode == two.returncode == 2
    assert json.loads(one.stdout) == json.loads(two.stdout)
    assert len(json.loads(two.stdout)) == 6
    assert "bad.txt" in two.stderr and "read.unrecognised" in two.stderr


@pytest.mark.corpus
def test_a_directory_scan_skips_a_file_that_is_not_a_report(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# 说明\n本目录收存各街道的年度报告。\n", encoding="utf-8")
    (tmp_path / "000.txt").write_bytes(seed("000").read_bytes())
    result = run("--json", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert [r["file"].rsplit("/", 1)[-1] for r in json.loads(result.stdout)] == ["000.txt"]
    skipped = result.stderr.strip().splitlines()
    assert len(skipped) == 1 and "README.md" in skipped[0] and "read.unrecognised" in skipped[0]
    # named on the command line, the same file is an error; a folder of nothing but it finds no report
    assert run(str(tmp_path / "README.md")).returncode == 2
    (tmp_path / "000.txt").unlink()
    result = run(str(tmp_path))
    assert result.returncode == 2 and "read.no_files" in result.stderr


@pytest.mark.corpus
def test_a_damaged_report_found_in_a_directory_is_still_an_error(tmp_path: Path) -> None:
    (tmp_path / "000.txt").write_bytes(seed("000").read_bytes())
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    result = run(str(tmp_path))
    assert result.returncode == 2 and "broken.docx" in result.stderr
