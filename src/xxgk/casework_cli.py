"""The casework commands of ``xxgk`` (``deadline``, ``serve``, ``migrate``,
``createsuperuser``); ``xxgk.cli`` imports this lazily."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from xxgk.errors import XxgkError
from xxgk.workdays import (
    CalendarDataMissing,
    CalendarOverrides,
    ClockRules,
    Pause,
    WorkCalendar,
    compute_deadline,
    days_left_text,
)

SETTINGS = "xxgk.web.settings"


class CliError(XxgkError):
    code = "cli.bad_argument"


def today_cn() -> date:
    return datetime.now(ZoneInfo("Asia/Shanghai")).date()


def parse_day(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CliError(f"{what} {text!r} 不是有效日期（应为 YYYY-MM-DD）", code="deadline.bad_date") from None


def parse_span(text: str) -> Pause:
    if ".." not in text:
        raise CliError(
            f"--paused {text!r} 应写作 起始日..结束日（如 2026-10-12..2026-10-16）", code="deadline.bad_span"
        )
    a, b = text.split("..", 1)
    start, end = parse_day(a, "--paused 起始日"), parse_day(b, "--paused 结束日")
    if end < start:
        raise CliError(f"--paused {text}：结束日早于起始日", code="deadline.bad_span")
    return Pause(start, end, "征求意见")


def override_files(explicit: Sequence[str]) -> list[Path]:
    files = [Path(p) for p in explicit]
    for p in files:
        if not p.is_file():
            raise CliError("日历调整文件不存在", code="deadline.no_calendar_file", path=str(p))
    default = Path(
        os.environ.get("XXGK_CALENDAR_FILE")
        or Path(os.environ.get("XXGK_DATA_DIR", "data")) / "calendar-overrides.json"
    )
    if not explicit and default.is_file():
        files.append(default)
    return files


def _deployment_database() -> str | None:
    """The deployment's database when there is one: ``DATABASE_URL``, else the SQLite
    file in the data folder (never created here)."""
    if os.environ.get("DATABASE_URL"):
        return "DATABASE_URL"
    sqlite = Path(os.environ.get("XXGK_DATA_DIR", "data")).resolve() / "xxgk.sqlite3"
    return str(sqlite) if sqlite.is_file() else None


def _web_calendar(agency_code: str | None) -> tuple[WorkCalendar, ClockRules, list[str]] | None:
    """The calendar and counting rules the web app uses (package, override file,
    admin tables, ``XXGK_CLOCK``), or None when there is no migrated database."""
    where = _deployment_database()
    if where is None:
        return None
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    try:
        import django
    except ImportError:
        return None  # no web components: the package calendar and the file, as without a database
    django.setup()
    from django.db import DatabaseError, connection

    try:
        from xxgk.web.casework.calendar import calendar_for, clock_rules
        from xxgk.web.casework.models import CalendarDay, CalendarYear

        tables = set(connection.introspection.table_names())
        if not {CalendarDay._meta.db_table, CalendarYear._meta.db_table} <= tables:
            return None  # not migrated: no admin rows yet
        agency_id = None
        if agency_code:
            from xxgk.web.agencies.models import Agency

            agency = Agency.objects.filter(code=agency_code).first()
            if agency is None:
                raise CliError(f"--agency {agency_code!r}：数据库中没有该代码的机关", code="deadline.unknown_agency")
            agency_id = agency.pk
        cal = calendar_for(agency_id)
        rules = clock_rules()
    except DatabaseError as exc:
        raise CliError(f"无法读取数据库中的工作日日历（{where}）：{exc}", code="deadline.database") from None
    sources = [o.source for o in cal.overrides]
    return cal, rules, [f"数据库 {where}", *sources]


def run_deadline(
    received: str,
    extend: int,
    paused: Sequence[str],
    days: int,
    count_start_day: bool | None,
    calendars: Sequence[str],
    provisional: bool,
    today: str | None,
    as_json: bool,
    agency: str | None = None,
) -> None:
    """``xxgk deadline``: the same calendar and counting rules as the web app when the
    deployment has a database (data folder or ``DATABASE_URL``); otherwise the
    package calendar plus the override file.  ``--calendar`` files go on top."""
    start = parse_day(received, "--received")
    if not 0 <= extend <= 20:
        raise CliError(
            f"--extend {extend}：延长期限应为0至20个工作日（条例第三十三条第二款）", code="deadline.bad_extension"
        )
    if not 1 <= days <= 60:
        raise CliError(f"--days {days}：应为1至60个工作日", code="deadline.bad_days")
    pauses = [parse_span(p) for p in paused]
    web = _web_calendar(agency)
    if web is None:
        if agency:
            raise CliError("--agency 需要部署的数据库（数据目录或 DATABASE_URL）", code="deadline.no_database")
        cal = WorkCalendar.from_files(override_files(calendars))
        rules = ClockRules(count_start_day=os.environ.get("XXGK_COUNT_START_DAY", "") == "1")
        sources = ["chinesecalendar", *(o.source for o in cal.overrides)]
    else:
        base, rules, sources = web
        extra = [CalendarOverrides.from_file(p) for p in override_files(calendars)] if calendars else []
        cal = WorkCalendar([*base.overrides, *extra]) if extra else base
        sources = ["chinesecalendar", *sources, *(o.source for o in extra)]
    if count_start_day is not None:
        rules = replace(rules, count_start_day=count_start_day)
    try:
        result = compute_deadline(
            cal, start, days, extension=extend, pauses=pauses, rules=rules, provisional=provisional
        )
    except CalendarDataMissing as exc:
        raise CliError(
            exc.message + "（可用 --calendar 文件补充该年数据，或加 --provisional 得到标明“暂定”的日期）", code=exc.code
        ) from None
    as_of = parse_day(today, "--today") if today else today_cn()
    left = cal.working_days_between(as_of, result.due, provisional=True)
    if as_json:
        data = result.to_dict()
        data["today"] = as_of.isoformat()
        data["working_days_left"] = left
        data["calendar_sources"] = sources
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    click.echo("工作日日历：" + " + ".join(sources))
    for line in result.explanation():
        click.echo(line)
    click.echo(f"截至{as_of.isoformat()}，{days_left_text(left)}")


# --------------------------------------------------------------------------- Django


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    try:
        import django
    except ImportError:
        raise CliError("未安装网页组件：请运行 pip install 'xxgk[web]'", code="web.not_installed") from None
    from django.conf import settings

    django.setup()
    db = settings.DATABASES["default"]
    if "sqlite3" in str(db["ENGINE"]):
        Path(str(db["NAME"])).parent.mkdir(parents=True, exist_ok=True)


def pending_migrations() -> bool:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def run_manage(args: Sequence[str]) -> None:
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["xxgk", *args])


def run_serve(host: str, port: int) -> None:
    setup_django()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    if pending_migrations():
        click.echo("== 正在初始化/升级数据库 …")
        call_command("migrate", interactive=False, verbosity=0)
    if not get_user_model().objects.exists():
        click.echo(
            "首次使用：请先另开终端运行 `./run.sh createsuperuser`（或 `xxgk createsuperuser`）创建管理员账号，"
            f"再打开 http://{host}:{port}/admin/ 建立机关、工作人员和日历数据；"
            "想先看看效果，可运行 `./run.sh demo` 建立演示数据。"
        )
    click.echo(f"== xxgk 信息公开：http://{host}:{port}/ （按 Ctrl+C 停止）")
    call_command("runserver", f"{host}:{port}", use_reloader=False, insecure_serving=True, skip_checks=False)
