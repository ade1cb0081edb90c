"""``xxgk render``: every format from a report JSON, clear one-line errors (exit 2)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from tests.write_samples import balanced_report
from xxgk.cli import main
from xxgk.report import AnnualReport

SRC = Path(__file__).resolve().parent.parent / "src"


@pytest.fixture
def report_json(tmp_path: Path) -> Path:
    p = tmp_path / "report.json"
    p.write_text(balanced_report("2021", 2023).to_json(), encoding="utf-8")
    return p


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "docx", "xlsx"])
def test_render_each_format_to_file(fmt: str, report_json: Path, tmp_path: Path) -> None:
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(main, ["render", str(report_json), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    if fmt == "docx":
        assert len(docx.Document(io.BytesIO(data)).tables) == 3
    elif fmt == "xlsx":
        assert "三、收到和处理政府信息公开申请情况" in load_workbook(io.BytesIO(data)).sheetnames
    else:
        assert "申请人情况" in data.decode("utf-8")
    assert oct(out.stat().st_mode & 0o777) != "0o600"


def test_format_from_suffix_and_text_to_stdout(report_json: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.htm"
    assert CliRunner().invoke(main, ["render", str(report_json), "-o", str(out)]).exit_code == 0
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
    result = CliRunner().invoke(main, ["render", str(report_json), "--format", "md"])
    assert result.exit_code == 0 and result.output.startswith("# 某市某区人民政府办公室2023年")


def test_a_parse_json_list_of_one_is_accepted(tmp_path: Path) -> None:
    p = tmp_path / "list.json"
    p.write_text(json.dumps([balanced_report("2019_trial").to_dict()], ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(p), "--format", "txt"])
    assert result.exit_code == 0 and "第二十条第（九）项" in result.output


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.run([sys.executable, "-m", "xxgk", *args], capture_output=True, text=True, env=env, check=False)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        ("{not json", "render.invalid_json"),
        ('{"edition": "2035", "cells": {}}', "render.unknown_edition"),
        ('{"agency": "x"}', "render.not_a_report"),
        ('{"edition": "2021", "cells": {"table_9.x.y": {"kind": "blank"}}}', "render.not_a_report"),
        ("[]", "render.not_one_report"),
    ],
)
def test_bad_input_is_one_line_exit_2(content: str, code: str, tmp_path: Path) -> None:
    p = tmp_path / "bad.json"
    p.write_text(content, encoding="utf-8")
    out = tmp_path / "out.html"
    proc = _run("render", str(p), "--format", "html", "-o", str(out))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert str(p) in lines[0] and f"[{code}]" in lines[0]
    assert not out.exists()


def test_missing_file_and_binary_to_stdout(report_json: Path, tmp_path: Path) -> None:
    proc = _run("render", str(tmp_path / "nope.json"), "--format", "txt")
    assert proc.returncode == 2 and "[render.not_found]" in proc.stderr
    proc = _run("render", str(report_json), "--format", "docx")
    assert proc.returncode == 2 and "[render.no_output]" in proc.stderr
    proc = _run("render", str(report_json))
    assert proc.returncode == 2 and "[render.no_format]" in proc.stderr


def test_rendered_json_round_trip_keeps_the_report(report_json: Path) -> None:
    """The JSON the registers produce loads back into the same report the renderers see."""
    report = AnnualReport.from_json(report_json.read_text("utf-8"))
    assert report.to_dict()["cells"] == balanced_report("2021", 2023).to_dict()["cells"]
