"""``xxgk deadline`` run as a real process (``sys.executable -m xxgk``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    e = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "XXGK_DATA_DIR": "/nonexistent-xxgk-data"}
    e.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "xxgk", "deadline", *args], capture_output=True, text=True, env=e, timeout=60
    )


def test_json_contract_across_national_day():
    p = run("--received", "2026-09-28", "--json", "--today", "2026-10-09")
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    assert data["due"] == "2026-10-30" and data["working_days"] == 20
    assert isinstance(data["explanation"], list) and data["explanation"][-1] == "到期日：2026-10-30（星期五）"
    assert {"date": "2026-10-10", "name": "国庆节"} in data["makeup_days_counted"]
    # 10-09 → 10-30: 10-10 (Sat 调休), 10-12..16, 19..23, 26..30 = 16 working days left
    assert data["working_days_left"] == 16 and data["provisional"] is False


def test_extension_and_pause_text():
    p = run("--received", "2026-09-28", "--extend", "20", "--paused", "2026-10-12..2026-10-16", "--today", "2026-11-25")
    assert p.returncode == 0, p.stderr
    # 40 WD → 11-27, plus 5 paused working days → 12-04
    assert "到期日：2026-12-04（星期五）" in p.stdout
    assert "延长20个工作日，共40个工作日" in p.stdout
    assert "其间5个工作日不计入" in p.stdout
    assert "截至2026-11-25，剩余 7 个工作日" in p.stdout


def test_unknown_year_refused_then_provisional():
    p = run("--received", "2026-12-10")
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr.count("\n") == 1 and "2027年" in p.stderr and "[workdays.calendar_missing]" in p.stderr
    assert "Traceback" not in p.stderr
    p = run("--received", "2026-12-10", "--provisional", "--json")
    data = json.loads(p.stdout)
    assert data["provisional"] is True and data["missing_years"] == [2027]
    assert "暂定" in data["explanation"][-1]


def test_calendar_file_option(tmp_path):
    f = tmp_path / "2027.csv"
    f.write_text("date,kind,name\n2027,year,\n2027-01-01,休,元旦\n", encoding="utf-8")
    p = run("--received", "2026-12-10", "--calendar", str(f), "--json")
    assert p.returncode == 0, p.stderr
    # 12-11 = 1, 14..18 = 6, 21..25 = 11, 28..31 = 15, 01-01 off, 01-04..08 = 20
    assert json.loads(p.stdout)["due"] == "2027-01-08"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--received", "2026-02-30"], "deadline.bad_date"),
        (["--received", "2026-09-28", "--extend", "21"], "deadline.bad_extension"),
        (["--received", "2026-09-28", "--paused", "2026-10-16..2026-10-12"], "deadline.bad_span"),
        (["--received", "2026-09-28", "--paused", "2026-10-16"], "deadline.bad_span"),
        (["--received", "2026-09-28", "--calendar", "/nonexistent/cal.json"], "deadline.no_calendar_file"),
    ],
)
def test_bad_input_is_one_line_exit_2(args, code):
    p = run(*args)
    assert p.returncode == 2
    assert p.stderr.startswith("xxgk: 错误: ") and f"[{code}]" in p.stderr and p.stderr.count("\n") == 1


def test_bad_calendar_file_names_the_file(tmp_path):
    f = tmp_path / "bad.json"
    f.write_text("{not json", encoding="utf-8")
    p = run("--received", "2026-09-28", "--calendar", str(f))
    assert p.returncode == 2 and str(f) in p.stderr and "[workdays.override_file]" in p.stderr
