"""The working-day calendar and the explained deadline.

The worked table below is the heart of it: each case gives the receipt day, the
clock, and the expected due date with the counting written out by hand from the
国务院办公厅 notices (2025: 国办发明电〔2024〕12号; 2026: notice of 2025-11-04).
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.corpus import SPEC
from xxgk.workdays import (
    CalendarDataMissing,
    CalendarFileError,
    CalendarOverrides,
    ClockRules,
    Pause,
    WorkCalendar,
    compute_deadline,
)

D = date.fromisoformat
CAL = WorkCalendar()

# (received, working days, extension, pauses, expected due, reasoning)
WORKED = [
    (
        "2026-09-28",
        20,
        0,
        [],
        "2026-10-30",
        "国庆: 09-29,09-30 = 1,2; 10-01..10-07 off; 10-08 Thu 3, 10-09 Fri 4, 10-10 Sat 调休 5; "
        "10-12..16 = 6..10; 10-19..23 = 11..15; 10-26..30 = 16..20",
    ),
    (
        "2026-09-28",
        20,
        20,
        [],
        "2026-11-27",
        "extension of 20: 10-30 is day 20; 11-02..06 = 25, 11-09..13 = 30, 11-16..20 = 35, 11-23..27 = 40",
    ),
    (
        "2026-09-28",
        20,
        0,
        [("2026-10-12", "2026-10-16")],
        "2026-11-06",
        "third-party consultation 10-12..10-16 (5 working days) not counted: 10-19..23 = 6..10, 10-26..30 = 11..15, "
        "11-02..06 = 16..20",
    ),
    (
        "2026-10-09",
        20,
        0,
        [],
        "2026-11-05",
        "补正 restart: corrected application received Fri 10-09; 10-10 Sat 调休 = 1; 10-12..16 = 2..6; "
        "10-19..23 = 7..11; 10-26..30 = 12..16; 11-02..05 = 17..20",
    ),
    (
        "2026-09-18",
        20,
        0,
        [],
        "2026-10-22",
        "spec §8.3: 09-20 (Sun) 调休 counts, 国庆 10-01..07 off, 10-10 (Sat) counts",
    ),
    (
        "2026-02-10",
        20,
        0,
        [],
        "2026-03-16",
        "春节 2026: 02-11,12,13 = 1..3; 02-14 Sat 调休 = 4; 02-15..23 off; 02-24..27 = 5..8; 02-28 Sat 调休 = 9; "
        "03-02..06 = 14; 03-09..13 = 19; 03-16 = 20",
    ),
    (
        "2025-01-20",
        7,
        0,
        [],
        "2025-02-05",
        "春节 2025 补正-notice limit: 01-21..24 = 1..4; 01-26 Sun 调休 = 5; 01-27 = 6; 01-28..02-04 off; 02-05 = 7",
    ),
    ("2025-01-20", 20, 0, [], "2025-02-21", "spec §8.3: also counts 02-08 (Sat) 调休"),
    ("2025-01-20", 20, 20, [], "2025-03-21", "spec §8.3: 20 + maximum extension 20"),
    ("2020-01-20", 20, 0, [], "2020-02-25", "spec §8.3: COVID extension 01-24..02-02 off, 02-01 no longer 调休"),
    ("2023-12-28", 20, 0, [], "2024-01-26", "spec §8.3: year boundary, 2024-01-01 off"),
    (
        "2026-12-03",
        20,
        0,
        [],
        "2026-12-31",
        "last receipt day whose 20-WD deadline stays inside 2026: 12-04 = 1, 12-07..11 = 6, 12-14..18 = 11, "
        "12-21..25 = 16, 12-28..31 = 20",
    ),
]


@pytest.mark.parametrize(
    ("received", "n", "ext", "pauses", "due", "why"), WORKED, ids=[w[0] + f"+{w[1]}+{w[2]}" for w in WORKED]
)
def test_worked_deadlines(received, n, ext, pauses, due, why):
    result = compute_deadline(CAL, D(received), n, extension=ext, pauses=[Pause(D(a), D(b)) for a, b in pauses])
    assert result.due == D(due), why
    assert not result.provisional
    assert result.explanation()[-1].startswith(f"到期日：{due}")


def test_explanation_names_holidays_makeup_days_and_pause():
    result = compute_deadline(
        CAL, D("2026-09-28"), 20, pauses=[Pause(D("2026-10-12"), D("2026-10-16"), "征求第三方意见")]
    )
    text = "\n".join(result.explanation())
    assert "收到申请之日：2026-09-28（星期一），当日不计入" in text
    assert "跳过节假日：2026-10-01 至 2026-10-07（国庆节，7天）" in text
    assert "计入调休上班日：2026-10-10（星期六，国庆节调休）" in text
    assert "暂停计时（征求第三方意见）：2026-10-12 至 2026-10-16，其间5个工作日不计入" in text
    d = result.to_dict()
    assert d["due"] == "2026-11-06" and d["working_days"] == 20 and d["paused_working_days"] == 5
    assert d["makeup_days_counted"] == [{"date": "2026-10-10", "name": "国庆节"}]
    assert len(d["holidays_skipped"]) == 7


def test_start_day_counted_when_configured():
    # 09-28 itself becomes day 1, so everything moves one working day earlier than 10-30.
    result = compute_deadline(CAL, D("2026-09-28"), 20, rules=ClockRules(count_start_day=True))
    assert result.due == D("2026-10-29")
    assert "当日计入期限" in result.explanation()[0]


def test_open_pause_counts_until_as_of():
    # Consultation started 10-12 and is still open on 10-14: 10-12..10-14 = 3 working days not counted.
    result = compute_deadline(CAL, D("2026-09-28"), 20, pauses=[Pause(D("2026-10-12"))], as_of=D("2026-10-14"))
    assert result.due == CAL.nth_working_day_after(D("2026-10-30"), 3)
    assert "尚未结束" in "\n".join(result.explanation())


def test_pause_bounds_configurable():
    # Excluding the reply day from the pause gives back one working day (10-16 counts again).
    rules = ClockRules(pause_includes_end=False)
    result = compute_deadline(CAL, D("2026-09-28"), 20, pauses=[Pause(D("2026-10-12"), D("2026-10-16"))], rules=rules)
    assert result.due == D("2026-11-05")


def test_unknown_year_is_refused_not_guessed():
    # 2026-12-04 + 20 WD runs into 2027, which chinesecalendar 1.11 does not know.
    with pytest.raises(CalendarDataMissing) as exc:
        compute_deadline(CAL, D("2026-12-04"), 20)
    assert exc.value.years == (2027,)
    assert exc.value.code == "workdays.calendar_missing"
    assert "2027年" in exc.value.message
    with pytest.raises(CalendarDataMissing):
        CAL.is_working_day(D("2027-03-01"))


def test_unknown_year_provisional_is_flagged():
    result = compute_deadline(CAL, D("2026-12-04"), 20, provisional=True)
    assert result.provisional and result.missing_years == (2027,)
    assert "暂定" in result.explanation()[-1]
    assert result.to_dict()["provisional"] is True
    # on weekends alone (12-04 itself not counted): 12-07..11 = 1..5, 14..18 = 10, 21..25 = 15, 28..31 = 19, 2027-01-01 (Fri, weekday by rule) = 20
    assert result.due == D("2027-01-01")


def test_override_file_makes_a_year_known_and_wins(tmp_path):
    # A *test* calendar for 2027 (not the real notice): declares the year complete with one rest day.
    f = tmp_path / "cal.json"
    f.write_text(
        json.dumps(
            {"years": [2027], "off_days": {"2027-01-01": "元旦"}, "makeup_workdays": {"2026-12-26": "测试调休"}}
        ),
        encoding="utf-8",
    )
    cal = WorkCalendar.from_files([f])
    assert cal.knows_year(2027)
    assert not cal.is_working_day(D("2027-01-01"))
    assert cal.is_working_day(D("2027-01-04"))
    # 12-26 (Sat) now counts: 12-07..11 = 1..5, 14..18 = 10, 21..25 = 15, 26 = 16, 28..31 = 20
    assert cal.nth_working_day_after(D("2026-12-04"), 20) == D("2026-12-31")
    day = cal.day(D("2026-12-26"))
    assert day.kind == "makeup" and day.source == str(f)


def test_csv_overrides(tmp_path):
    f = tmp_path / "cal.csv"
    f.write_text("date,kind,name\n2027,year,\n2027-01-01,休,元旦\n2026-10-09,off,本地假日\n", encoding="utf-8")
    cal = WorkCalendar.from_files([f])
    assert cal.knows_year(2027) and not cal.is_working_day(D("2027-01-01"))
    # a local rest day inside a known year takes precedence over the package
    assert not cal.is_working_day(D("2026-10-09"))
    assert cal.nth_working_day_after(D("2026-09-28"), 20) == D("2026-11-02")


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        '{"off_days": {"2027-13-01": "x"}}',
        "[]",
        '{"off_days": {"2027-01-01": "a"}, "makeup_workdays": {"2027-01-01": "b"}}',
    ],
)
def test_bad_override_file(tmp_path, content):
    f = tmp_path / "cal.json"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(CalendarFileError) as exc:
        WorkCalendar.from_files([f])
    assert exc.value.code == "workdays.override_file"


def test_matches_spec_calendar_file_day_by_day():
    path = SPEC / "workday-calendar-cn.json"
    if not path.is_file():
        pytest.skip(f"spec calendar not found at {path}")
    data = json.loads(path.read_text(encoding="utf-8"))
    spec_only = WorkCalendar([CalendarOverrides.from_dict(data, "spec")], use_package=False)
    d, end = D(data["coverage"]["from"]), D(data["coverage"]["to"])
    checked = 0
    while d <= end:
        iso = d.isoformat()
        expected = iso in data["makeup_workdays"] or (iso not in data["off_days"] and d.weekday() < 5)
        assert CAL.is_working_day(d) == expected, iso
        if d.year >= 2019:
            assert spec_only.is_working_day(d) == expected, iso
        d += timedelta(days=1)
        checked += 1
    assert checked > 2900


def test_working_days_between():
    assert CAL.working_days_between(D("2026-09-28"), D("2026-10-30")) == 20
    assert CAL.working_days_between(D("2026-10-30"), D("2026-09-28")) == -20
    assert CAL.working_days_between(D("2026-10-01"), D("2026-10-01")) == 0


@given(
    start=st.dates(min_value=date(2019, 1, 1), max_value=date(2026, 9, 30)),
    n=st.integers(min_value=1, max_value=40),
)
@settings(max_examples=300, deadline=None)
def test_properties_of_the_count(start, n):
    due = CAL.nth_working_day_after(start, n)
    assert CAL.is_working_day(due)
    assert CAL.working_days_between(start, due) == n
    assert CAL.nth_working_day_after(start, n + 1) > due
    # counting the start day moves the due date back by one working day exactly when the start is a working day
    counted = CAL.nth_working_day_after(start, n, count_start_day=True)
    assert counted == (CAL.nth_working_day_after(start, n - 1) if CAL.is_working_day(start) else due)
