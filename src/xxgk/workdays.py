"""The Chinese working-day calendar (工作日) and explained statutory deadlines.

Every question goes through one :class:`WorkCalendar`: the ``chinesecalendar``
package (public holidays and 调休 make-up working days from the annual
国务院办公厅 notices) with *overrides* on top — a JSON/CSV file and/or rows of the
admin table — which take precedence day by day.

A year that neither the package nor an override declares complete is *unknown*:
asking about one of its days raises :class:`CalendarDataMissing`, or, when the
caller explicitly asks for a provisional answer, the day is classified on
weekends alone and the result is flagged ``provisional`` with the missing years.
A deadline is never silently computed on weekends alone.

Rule (spec ``application-procedure.md`` §8.2)::

    working(d) = d in makeup_workdays or (d not in off_days and d is Mon–Fri)
    nth_working_day_after(start, n): start itself not counted (configurable)

No Django here: the web app and the CLI both build a calendar and ask it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any, Literal

import chinese_calendar

from xxgk.errors import XxgkError

DayKind = Literal["workday", "weekend", "holiday", "makeup"]
WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
MAX_WORKING_DAYS = 400  # far beyond any statutory limit (20 + 20 + consultations)

_HOLIDAY_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


class CalendarDataMissing(XxgkError):
    """The calendar has no data for a year a computation needs."""

    code = "workdays.calendar_missing"

    def __init__(self, years: Iterable[int]) -> None:
        self.years = tuple(sorted(set(years)))
        ys = years_text(self.years)
        super().__init__(
            f"工作日日历缺少{ys}的数据（国务院办公厅当年节假日安排通知尚未录入），不能仅按周末推算法定期限；"
            "请在日历调整文件或后台“工作日日历调整”中录入该年的放假日和调休上班日"
        )


class CalendarFileError(XxgkError):
    code = "workdays.override_file"


def weekday_zh(d: date) -> str:
    return WEEKDAYS_ZH[d.weekday()]


def fmt_day(d: date) -> str:
    return f"{d.isoformat()}（{weekday_zh(d)}）"


def years_text(years: Iterable[int]) -> str:
    """Years as the messages name them: 2027年、2028年."""
    return "、".join(f"{y}年" for y in years)


def days_left_text(left: int) -> str:
    """One wording for the working days to a deadline, everywhere (list, detail page,
    ``xxgk deadline``): ``left`` as from :meth:`WorkCalendar.working_days_between`."""
    return f"剩余 {left} 个工作日" if left >= 0 else f"已逾期 {-left} 个工作日"


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class DayInfo:
    day: date
    working: bool
    kind: DayKind
    name: str | None = None  # the holiday a rest day or a make-up day belongs to
    source: str = "chinesecalendar"
    provisional: bool = False  # classified on weekends alone because the year is unknown


@dataclass(frozen=True)
class CalendarOverrides:
    """Day-level corrections and additions, e.g. a year the package does not know yet.

    ``covered_years`` are the years this source declares *complete* (every rest day
    and make-up day listed); only those make an unknown year known.  Single days of
    other years still take precedence over the package.
    """

    off_days: Mapping[date, str] = field(default_factory=dict)
    makeup_workdays: Mapping[date, str] = field(default_factory=dict)
    covered_years: frozenset[int] = frozenset()
    source: str = "overrides"

    def __post_init__(self) -> None:
        both = set(self.off_days) & set(self.makeup_workdays)
        if both:
            d = min(both)
            raise CalendarFileError(f"{self.source}: {d.isoformat()} 同时列为放假日和调休上班日")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = "overrides") -> CalendarOverrides:
        """The layout of ``shared/spec/workday-calendar-cn.json``: ``off_days`` and
        ``makeup_workdays`` map ISO dates to names; ``coverage`` {from, to} marks the
        complete span (whole years inside it become known); ``years`` lists complete
        years explicitly."""
        try:
            off = {date.fromisoformat(k): str(v or "") for k, v in (data.get("off_days") or {}).items()}
            makeup = {date.fromisoformat(k): str(v or "") for k, v in (data.get("makeup_workdays") or {}).items()}
            years = {int(y) for y in data.get("years") or []}
            cov = data.get("coverage")
            if cov:
                years |= _whole_years(date.fromisoformat(cov["from"]), date.fromisoformat(cov["to"]))
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            raise CalendarFileError(f"工作日日历调整数据格式不正确：{exc}", path=source) from exc
        return cls(off, makeup, frozenset(years), source)

    @classmethod
    def from_csv(cls, text: str, source: str = "overrides.csv") -> CalendarOverrides:
        """CSV with header ``date,kind,name``; kind is ``off``/``休`` (rest day),
        ``makeup``/``班`` (make-up working day) or ``year`` (``date`` = YYYY: that
        year is complete)."""
        off: dict[date, str] = {}
        makeup: dict[date, str] = {}
        years: set[int] = set()
        for lineno, row in enumerate(csv.DictReader(text.splitlines()), start=2):
            try:
                kind = (row.get("kind") or "").strip()
                raw = (row.get("date") or "").strip()
                name = (row.get("name") or "").strip()
                if kind == "year":
                    years.add(int(raw))
                elif kind in ("off", "休"):
                    off[date.fromisoformat(raw)] = name
                elif kind in ("makeup", "班"):
                    makeup[date.fromisoformat(raw)] = name
                else:
                    raise ValueError(f"未知类型 {kind!r}（应为 off/休、makeup/班 或 year）")
            except ValueError as exc:
                raise CalendarFileError(f"第{lineno}行：{exc}", path=source) from exc
        return cls(off, makeup, frozenset(years), source)

    @classmethod
    def from_file(cls, path: str | Path) -> CalendarOverrides:
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CalendarFileError(f"无法读取工作日日历调整文件：{exc}", path=str(p)) from exc
        if p.suffix.lower() == ".csv":
            return cls.from_csv(text, str(p))
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CalendarFileError(f"不是有效的 JSON：{exc}", path=str(p)) from exc
        if not isinstance(data, dict):
            raise CalendarFileError("JSON 顶层应为对象", path=str(p))
        return cls.from_dict(data, str(p))


def _whole_years(start: date, end: date) -> set[int]:
    return {y for y in range(start.year, end.year + 1) if start <= date(y, 1, 1) and date(y, 12, 31) <= end}


def _package_years() -> frozenset[int]:
    years = set()
    for y in range(1990, 2200):
        try:
            chinese_calendar.is_workday(date(y, 6, 1))
        except NotImplementedError:
            continue
        years.add(y)
    return frozenset(years)


PACKAGE_YEARS = _package_years()


@cache
def _package_day(d: date) -> tuple[bool, bool, str | None]:
    """chinesecalendar's answer for one day, cached (its date validation scans the
    whole table on every call)."""
    on_holiday, name = chinese_calendar.get_holiday_detail(d)
    return chinese_calendar.is_workday(d), on_holiday, name


# --------------------------------------------------------------------------- calendar


class WorkCalendar:
    """Working days = chinesecalendar + overrides (later overrides win)."""

    def __init__(self, overrides: Sequence[CalendarOverrides] = (), *, use_package: bool = True) -> None:
        self.overrides = tuple(overrides)
        self.use_package = use_package
        years = set(PACKAGE_YEARS) if use_package else set()
        for o in self.overrides:
            years |= o.covered_years
        self.known_years = frozenset(years)

    @classmethod
    def from_files(cls, paths: Iterable[str | Path]) -> WorkCalendar:
        return cls([CalendarOverrides.from_file(p) for p in paths])

    def knows_year(self, year: int) -> bool:
        return year in self.known_years

    def day(self, d: date, *, provisional: bool = False) -> DayInfo:
        for o in reversed(self.overrides):
            if d in o.makeup_workdays:
                return DayInfo(d, True, "makeup", o.makeup_workdays[d] or None, o.source)
            if d in o.off_days:
                kind: DayKind = "weekend" if d.weekday() >= 5 and not o.off_days[d] else "holiday"
                return DayInfo(d, False, kind, o.off_days[d] or None, o.source)
        if d.year not in self.known_years:
            if not provisional:
                raise CalendarDataMissing([d.year])
            weekend = d.weekday() >= 5
            return DayInfo(d, not weekend, "weekend" if weekend else "workday", None, "weekends-only", True)
        if not self.use_package or d.year not in PACKAGE_YEARS:
            weekend = d.weekday() >= 5
            return DayInfo(d, not weekend, "weekend" if weekend else "workday", None, "rule")
        working, on_holiday, name = _package_day(d)
        name_zh = _HOLIDAY_ZH.get(name, name) if name else None
        if working:
            return DayInfo(d, True, "makeup" if d.weekday() >= 5 else "workday", name_zh if d.weekday() >= 5 else None)
        if on_holiday and name_zh:
            return DayInfo(d, False, "holiday", name_zh)
        return DayInfo(d, False, "weekend")

    def is_working_day(self, d: date) -> bool:
        return self.day(d).working

    def nth_working_day_after(
        self,
        start: date,
        n: int,
        *,
        count_start_day: bool = False,
        skip: Callable[[date], bool] | None = None,
        provisional: bool = False,
    ) -> date:
        """The n-th working day after ``start`` (``start`` itself counted only when
        ``count_start_day``).  ``skip(d)`` removes days from the count (paused clock)."""
        return _walk(self, start, n, count_start_day, skip, provisional).due

    def working_days_between(self, a: date, b: date, *, provisional: bool = False) -> int:
        """Working days in (a, b]; negative when b is before a (days overdue)."""
        if b == a:
            return 0
        lo, hi, sign = (a, b, 1) if a < b else (b, a, -1)
        count = 0
        d = lo
        while d < hi:
            d += timedelta(days=1)
            if self.day(d, provisional=provisional).working:
                count += 1
        return sign * count

    def missing_years(self, start: date, end: date) -> list[int]:
        return [y for y in range(start.year, end.year + 1) if y not in self.known_years]


@dataclass
class _Walk:
    due: date
    counted: list[DayInfo]
    skipped: list[DayInfo]
    paused: list[DayInfo]


def _walk(
    cal: WorkCalendar,
    start: date,
    n: int,
    count_start_day: bool,
    skip: Callable[[date], bool] | None,
    provisional: bool,
) -> _Walk:
    if n < 0 or n > MAX_WORKING_DAYS:
        raise XxgkError(f"工作日数 {n} 超出范围（0–{MAX_WORKING_DAYS}）", code="workdays.bad_count")
    d = start - timedelta(days=1) if count_start_day else start
    counted: list[DayInfo] = []
    skipped: list[DayInfo] = []
    paused: list[DayInfo] = []
    missing: set[int] = set()
    while len(counted) < n:
        d += timedelta(days=1)
        try:
            info = cal.day(d, provisional=provisional)
        except CalendarDataMissing as exc:
            missing.update(exc.years)
            # keep walking on weekends only to name every missing year, then refuse
            info = cal.day(d, provisional=True)
        if skip is not None and skip(d):
            paused.append(info)
        elif info.working:
            counted.append(info)
        else:
            skipped.append(info)
    if missing:
        raise CalendarDataMissing(missing)
    return _Walk(d if n else start, counted, skipped, paused)


# --------------------------------------------------------------------------- explained deadline


@dataclass(frozen=True)
class Pause:
    """A span during which the answer clock does not run (consultation, 第三十三条第三款).
    ``start`` is the day the consultation letter was sent, ``end`` the day the
    consultation ended (None = still running), ``received_on`` the day the consulted
    party received the letter (its 15-WD window starts there; spec §4 asks for both dates)."""

    start: date
    end: date | None = None
    reason: str = "征求意见"
    received_on: date | None = None
    reply: str = ""  # procedure.CONSULTATION_REPLIES key, "" while running


@dataclass(frozen=True)
class ClockRules:
    """The configurable parts of the count (spec §4, §8.2 — UNCONFIRMED points)."""

    count_start_day: bool = False  # 收到申请之日是否计入
    pause_includes_start: bool = True  # the day the consultation letter goes out is not counted
    pause_includes_end: bool = True  # nor the day the reply arrives
    fee_notice_pauses: bool = (
        False  # whether fee notice → payment stops the answer clock (spec §4: deployment's choice)
    )
    # the pause starts on the day the letter is sent (default) or, when recorded, on the
    # day the consulted party received it (spec §4: UNCONFIRMED, configurable)
    pause_from_letter_received: bool = False
    # 0: a pause lasts until the consultation ends; n > 0: at most until the consulted
    # party's reply window closes (n WD after it received the letter, when recorded) —
    # spec §4 "until the reply arrives or the 15-WD window closes" (UNCONFIRMED)
    pause_cap_wd: int = 0

    def paused_days(self, pause: Pause, as_of: date) -> tuple[date, date]:
        begin = pause.received_on if self.pause_from_letter_received and pause.received_on else pause.start
        first = begin if self.pause_includes_start else begin + timedelta(days=1)
        end = pause.end if pause.end is not None else as_of
        last = end if self.pause_includes_end else end - timedelta(days=1)
        return first, last


@dataclass
class Deadline:
    start: date
    base_wd: int
    extension_wd: int
    due: date
    rules: ClockRules
    pauses: tuple[Pause, ...] = ()
    counted: list[DayInfo] = field(default_factory=list)
    skipped: list[DayInfo] = field(default_factory=list)
    paused: list[DayInfo] = field(default_factory=list)
    provisional: bool = False
    missing_years: tuple[int, ...] = ()
    label: str = "答复期限"
    basis: str = "条例第三十三条"
    as_of: date | None = None

    @property
    def working_days(self) -> int:
        return self.base_wd + self.extension_wd

    @property
    def holidays_skipped(self) -> list[DayInfo]:
        return [i for i in self.skipped if i.kind == "holiday"]

    @property
    def makeup_counted(self) -> list[DayInfo]:
        return [i for i in self.counted if i.kind == "makeup"]

    @property
    def weekends_skipped(self) -> list[DayInfo]:
        return [i for i in self.skipped if i.kind == "weekend"]

    def explanation(self) -> list[str]:
        lines = [
            f"收到申请之日：{fmt_day(self.start)}，"
            + ("当日计入期限" if self.rules.count_start_day else "当日不计入，自次日起算"),
            f"{self.label}：{self.base_wd}个工作日（{self.basis}）"
            + (f"，延长{self.extension_wd}个工作日，共{self.working_days}个工作日" if self.extension_wd else ""),
        ]
        for p in self.pauses:
            in_pause = [i for i in self.paused if _in_pause(i.day, p, self.rules, self.as_of)]
            wd = sum(1 for i in in_pause if i.working)
            end = p.end.isoformat() if p.end else f"尚未结束（按截至{self.as_of}计算，结束前每个工作日顺延）"
            got = f"（对方{p.received_on.isoformat()}收到征求意见书）" if p.received_on else ""
            if p.received_on and self.rules.pause_cap_wd:
                got += f"，至多暂停到对方收到后{self.rules.pause_cap_wd}个工作日"
            lines.append(f"暂停计时（{p.reason}）：{p.start.isoformat()} 至 {end}{got}，其间{wd}个工作日不计入")
        for name, days in _runs(self.holidays_skipped):
            span = days[0].isoformat() if len(days) == 1 else f"{days[0].isoformat()} 至 {days[-1].isoformat()}"
            lines.append(f"跳过节假日：{span}（{name}，{len(days)}天）")
        for info in self.makeup_counted:
            note = f"，{info.name}调休" if info.name else ""
            lines.append(f"计入调休上班日：{info.day.isoformat()}（{weekday_zh(info.day)}{note}）")
        if self.weekends_skipped:
            lines.append(f"跳过周末：{len(self.weekends_skipped)}天")
        lines.append(f"到期日：{fmt_day(self.due)}")
        if self.provisional:
            ys = years_text(self.missing_years)
            lines.append(
                f"暂定：工作日日历缺少{ys}的数据，{ys}部分仅按周末推算，未计节假日和调休；"
                "录入国务院办公厅节假日安排后请重新计算"
            )
        return lines

    def to_dict(self) -> dict[str, Any]:
        return {
            "due": self.due.isoformat(),
            "working_days": self.working_days,
            "explanation": self.explanation(),
            "received": self.start.isoformat(),
            "base_working_days": self.base_wd,
            "extension_working_days": self.extension_wd,
            "count_start_day": self.rules.count_start_day,
            "paused": [
                {"from": p.start.isoformat(), "to": p.end.isoformat() if p.end else None, "reason": p.reason}
                for p in self.pauses
            ],
            "paused_working_days": sum(1 for i in self.paused if i.working),
            "holidays_skipped": [{"date": i.day.isoformat(), "name": i.name} for i in self.holidays_skipped],
            "makeup_days_counted": [{"date": i.day.isoformat(), "name": i.name} for i in self.makeup_counted],
            "provisional": self.provisional,
            "missing_years": list(self.missing_years),
        }


def _in_pause(d: date, p: Pause, rules: ClockRules, as_of: date | None) -> bool:
    first, last = rules.paused_days(p, as_of or p.end or p.start)
    return first <= d <= last


def _runs(days: list[DayInfo]) -> list[tuple[str, list[date]]]:
    """Group consecutive rest days of the same holiday."""
    runs: list[tuple[str, list[date]]] = []
    for info in days:
        name = info.name or "节假日"
        if runs and runs[-1][0] == name and (info.day - runs[-1][1][-1]).days <= 3:
            runs[-1][1].append(info.day)
        else:
            runs.append((name, [info.day]))
    return runs


def compute_deadline(
    calendar: WorkCalendar,
    start: date,
    working_days: int = 20,
    *,
    extension: int = 0,
    pauses: Sequence[Pause] = (),
    rules: ClockRules | None = None,
    provisional: bool = False,
    as_of: date | None = None,
    label: str = "答复期限",
    basis: str = "条例第三十三条",
) -> Deadline:
    """``start`` + ``working_days`` + ``extension`` working days, with the days of
    ``pauses`` not counted; explained.  Raises :class:`CalendarDataMissing` when a
    year is unknown, unless ``provisional`` (then the result says so)."""
    rules = rules or ClockRules()
    if extension < 0:
        raise XxgkError("延长的工作日数不能为负数", code="workdays.bad_extension")
    for p in pauses:
        if p.end is not None and p.end < p.start:
            raise XxgkError(f"暂停区间 {p.start}..{p.end} 的结束日早于开始日", code="workdays.bad_pause")
    open_until = as_of or start
    spans = [rules.paused_days(p, max(open_until, p.start)) for p in pauses]
    if rules.pause_cap_wd:
        spans = [
            (first, min(last, _walk(calendar, p.received_on, rules.pause_cap_wd, False, None, True).due))
            if p.received_on
            else (first, last)
            for p, (first, last) in zip(pauses, spans, strict=True)
        ]

    def skip(d: date) -> bool:
        return any(first <= d <= last for first, last in spans)

    walk = _walk(calendar, start, working_days + extension, rules.count_start_day, skip, provisional)
    flagged = [i for i in (*walk.counted, *walk.skipped, *walk.paused) if i.provisional]
    return Deadline(
        start=start,
        base_wd=working_days,
        extension_wd=extension,
        due=walk.due,
        rules=rules,
        pauses=tuple(pauses),
        counted=walk.counted,
        skipped=walk.skipped,
        paused=walk.paused,
        provisional=bool(flagged),
        missing_years=tuple(sorted({i.day.year for i in flagged})),
        label=label,
        basis=basis,
        as_of=as_of,
    )


def default_calendar(extra_files: Iterable[str | Path] = ()) -> WorkCalendar:
    """The package calendar plus the override files that exist."""
    return WorkCalendar.from_files([p for p in extra_files if Path(p).is_file()])
