"""``xxgk deadline`` run as a real process (``sys.executable -m xxgk``)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, env: dict[str, str] | None = None, command: str = "deadline") -> subprocess.CompletedProcess[str]:
    e = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "XXGK_DATA_DIR": "/nonexistent-xxgk-data"}
    for name in ("DATABASE_URL", "XXGK_CALENDAR_FILE", "XXGK_COUNT_START_DAY", "DJANGO_SETTINGS_MODULE"):
        e.pop(name, None)  # the deployment is what each test sets up, not the caller's
    e.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "xxgk", command, *args], capture_output=True, text=True, env=e, timeout=120
    )


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    """A deployment's data folder: ``xxgk migrate`` run for real (SQLite)."""
    data = tmp_path_factory.mktemp("xxgk-data")
    p = run(env={"XXGK_DATA_DIR": str(data)}, command="migrate")
    assert p.returncode == 0, p.stderr
    return data / "xxgk.sqlite3"


@pytest.fixture
def deployment(migrated, tmp_path) -> Path:
    """A fresh copy of the migrated database in its own data folder."""
    (tmp_path / "xxgk.sqlite3").write_bytes(migrated.read_bytes())
    return tmp_path


def admin_rows(data: Path, *sql: tuple[str, tuple[object, ...]]) -> None:
    """Rows as the admin would store them (the tables of xxgk.web.casework)."""
    with sqlite3.connect(data / "xxgk.sqlite3") as db:
        for statement, params in sql:
            db.execute(statement, params)


YEAR_2027 = ("INSERT INTO casework_calendaryear (year, basis, entered_by) VALUES (?, ?, ?)", (2027, "测试", "管理员"))
NEW_YEAR_2027 = (
    "INSERT INTO casework_calendarday (agency_id, day, kind, name, basis) VALUES (NULL, ?, 'off', '元旦', '测试')",
    ("2027-01-01",),
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


# --------------------------------------------------------------------------- the deployment's calendar


def test_year_entered_in_the_admin_tables_is_known_to_the_cli(deployment):
    env = {"XXGK_DATA_DIR": str(deployment)}
    p = run("--received", "2026-12-10", env=env)
    assert p.returncode == 2 and "[workdays.calendar_missing]" in p.stderr  # nothing entered yet
    admin_rows(deployment, YEAR_2027, NEW_YEAR_2027)  # as the web test enters them (test values, not the notice)
    p = run("--received", "2026-12-10", "--json", env=env)
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    # the same date as the web page: 12-11 = 1, …, 12-31 = 15, 01-01 off, 01-04..08 = 20
    assert data["due"] == "2027-01-08" and data["provisional"] is False
    assert {"date": "2027-01-01", "name": "元旦"} in data["holidays_skipped"]
    assert any("数据库" in s for s in data["calendar_sources"]) and "后台日历调整（全国）" in data["calendar_sources"]
    text = run("--received", "2026-12-10", env=env).stdout
    assert text.startswith("工作日日历：chinesecalendar + 数据库 ") and "到期日：2027-01-08（星期五）" in text


def test_count_start_day_setting_applies_with_and_without_a_database(deployment):
    for env in ({"XXGK_DATA_DIR": str(deployment)}, {}):
        p = run("--received", "2026-09-28", "--json", env={**env, "XXGK_COUNT_START_DAY": "1"})
        assert json.loads(p.stdout)["due"] == "2026-10-29", env  # one working day earlier than 10-30
        p = run("--received", "2026-09-28", "--json", "--no-count-start-day", env={**env, "XXGK_COUNT_START_DAY": "1"})
        assert json.loads(p.stdout)["due"] == "2026-10-30", env


def test_agency_rows_with_agency_option(deployment):
    admin_rows(
        deployment,
        (
            "INSERT INTO agencies_agency (name, code, region, created_at) VALUES ('某街道办事处', 'street', '', ?)",
            ("2026-01-01 00:00:00",),
        ),
        (
            "INSERT INTO casework_calendarday (agency_id, day, kind, name, basis) "
            "SELECT id, '2026-10-30', 'off', '本地节日', '' FROM agencies_agency WHERE code = 'street'",
            (),
        ),
    )
    env = {"XXGK_DATA_DIR": str(deployment)}
    assert json.loads(run("--received", "2026-09-28", "--json", env=env).stdout)["due"] == "2026-10-30"
    assert json.loads(run("--received", "2026-09-28", "--json", "--agency", "street", env=env).stdout)["due"] == (
        "2026-11-02"
    )
    p = run("--received", "2026-09-28", "--agency", "nowhere", env=env)
    assert p.returncode == 2 and "[deadline.unknown_agency]" in p.stderr


def test_without_a_database_the_package_and_the_file_are_used(tmp_path):
    p = run("--received", "2026-09-28", "--agency", "street", env={"XXGK_DATA_DIR": str(tmp_path)})
    assert p.returncode == 2 and "[deadline.no_database]" in p.stderr
    assert not (tmp_path / "xxgk.sqlite3").exists()  # the CLI never creates a database
    (tmp_path / "calendar-overrides.json").write_text(
        json.dumps({"years": [2027], "off_days": {"2027-01-01": "元旦"}}), encoding="utf-8"
    )
    p = run("--received", "2026-12-10", "--json", env={"XXGK_DATA_DIR": str(tmp_path)})
    data = json.loads(p.stdout)
    assert data["due"] == "2027-01-08" and data["calendar_sources"] == [
        "chinesecalendar",
        str(tmp_path / "calendar-overrides.json"),
    ]
