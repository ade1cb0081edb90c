"""The ``xxgk`` command.  Every subcommand exits 0 on success, 2 with a one-line
error (naming the file and the reason) when it cannot do its job, and never
prints a traceback for bad input."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from xxgk import __version__
from xxgk.errors import NOT_A_REPORT, XxgkError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="xxgk")
def main() -> None:
    """xxgk 信息公开：政府信息公开工作与年度报告。"""


def fail(message: str) -> None:
    """Print a one-line error to stderr and exit 2."""
    click.echo(f"xxgk: 错误: {message}", err=True)
    sys.exit(2)


def _expand(paths: tuple[str, ...]) -> tuple[list[Path], set[Path]]:
    """The files named and those found in the directories named (the second set)."""
    from xxgk.read import scan_paths

    for p in paths:
        if not Path(p).exists():
            fail(f"{p}: 文件不存在 [read.not_found]")
    entries = scan_paths(Path(p) for p in paths)
    return [f for f, _ in entries], {f for f, in_scan in entries if in_scan}


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="输出 JSON（多个文件时为列表）。")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), help="把每份报告的 JSON 写入该目录。")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="并行解析的进程数。")
def parse(files: tuple[str, ...], as_json: bool, out_dir: str | None, jobs: int) -> None:
    """解析年度报告（txt/html/docx/pdf/doc/wps，或目录）。"""
    from xxgk.read.batch import parse_many
    from xxgk.write.summary import summary_text

    paths, scanned = _expand(files)
    if not paths:
        fail("没有找到可解析的年度报告文件 [read.no_files]")
    errors = skipped = 0
    written: set[str] = set()
    streaming = as_json and not out_dir  # a JSON list is written report by report, never held whole
    listing = streaming and len(paths) > 1
    printed = 0
    if listing:
        click.echo("[")
    for outcome in parse_many(paths, jobs, tune_gc=True):  # this process is the command's
        path, report = outcome.path, outcome.report
        if report is None and path in scanned and outcome.code in NOT_A_REPORT:
            click.echo(f"xxgk: 跳过（不是年度报告）: {outcome.error}", err=True)  # a README.md beside the reports
            skipped += 1
            continue
        if report is None:  # a parser bug too ends here as a one-line error, never a traceback
            errors += 1
            click.echo(f"xxgk: 错误: {outcome.error}", err=True)
            continue
        if out_dir:
            out = Path(out_dir)
            out.mkdir(parents=True, exist_ok=True)
            name = path.name + ".json"
            for n in range(2, len(paths) + 2):  # two reports with one name (from two folders) both kept
                if name not in written:
                    break
                name = f"{path.name}.{n}.json"
            written.add(name)
            target = out / name
            tmp = target.with_suffix(".json.tmp")
            tmp.write_text(report.to_json(), encoding="utf-8")
            tmp.replace(target)  # never a half-written file
        elif streaming:
            click.echo(("," if printed else "") + json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
            printed += 1
        else:
            click.echo(("\n" if printed else "") + summary_text(report))  # a blank line between reports
            printed += 1
    if listing:
        click.echo("]")
    elif streaming and not printed:
        click.echo("[]")
    if skipped == len(paths):
        fail("没有找到可解析的年度报告文件 [read.no_files]")
    if errors:
        sys.exit(2)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option(
    "--previous",
    "previous_file",
    type=click.Path(),
    help="上一年度的报告（一份、xxgk parse --json 的列表或目录；按机关与年度为每份报告配对，核对上年结转等跨年度关系）。",
)
@click.option("--json", "as_json", is_flag=True, help="输出 JSON（多个文件时为列表）。")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    default="error",
    show_default=True,
    help="有该级别（或更严重）的问题时退出码为 1。",
)
def check(files: tuple[str, ...], previous_file: str | None, as_json: bool, fail_on: str) -> None:
    """按年报格式的全部规则审查年度报告（文件、目录或 xxgk parse --json 的输出）。

    目录中同一机关相邻年度的报告自动配对，核对上年结转；目录中不是年度报告的文件（如 README.md）跳过并逐个说明。
    退出码：0/1 按 --fail-on；2 表示有文件未能审查。"""
    from xxgk.rules.cli_check import run_check

    sys.exit(run_check(files, previous_file, as_json, fail_on))


@main.command()
@click.argument("report_json", type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["txt", "md", "html", "docx", "xlsx", "pdf"]),
    help="输出格式（省略时按 -o 的扩展名）。",
)
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="输出文件（文本格式可省略，输出到屏幕）。")
def render(report_json: str, fmt: str | None, out: str | None) -> None:
    """按官方格式排版年度报告 JSON（xxgk parse --json 或登记数据的输出）。"""
    from xxgk.write.cli_render import run_render

    try:
        text = run_render(report_json, fmt, out)
    except XxgkError as exc:
        fail(exc.one_line())
    if isinstance(text, str):
        click.echo(text, nl=False)


@main.command()
@click.argument("agency")
@click.argument("year", type=int)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["docx", "html", "md", "txt", "xlsx", "json", "pdf"]),
    default="html",
    show_default=True,
    help="输出格式。",
)
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="输出文件（文本格式可省略，输出到屏幕）。")
@click.option("--rollup", is_flag=True, help="汇总该机关及其所属全部机关。")
def report(agency: str, year: int, fmt: str, out: str | None, rollup: bool) -> None:
    """由登记数据生成机关（代码或名称）某年度的政府信息公开工作年度报告。"""
    from xxgk.web.annual.cli_report import run_report

    try:
        text = run_report(agency, year, fmt, out, rollup)
    except XxgkError as exc:
        fail(exc.one_line())
    if isinstance(text, str):
        click.echo(text, nl=False)


# --------------------------------------------------------------------------- casework (xxgk.casework_cli)


@main.command()
@click.option("--received", required=True, help="收到申请之日（YYYY-MM-DD）。")
@click.option("--extend", default=0, show_default=True, help="延长的工作日数（0–20）。")
@click.option("--paused", multiple=True, metavar="FROM..TO", help="不计入期限的征求意见期间，可重复。")
@click.option("--days", default=20, show_default=True, help="期限工作日数（答复20，补正通知7，征求意见15）。")
@click.option(
    "--count-start-day/--no-count-start-day",
    default=None,
    help="收到申请之日是否计入期限（默认按部署设置 XXGK_COUNT_START_DAY，未设置则不计入）。",
)
@click.option("--calendar", "calendars", multiple=True, metavar="FILE", help="工作日日历调整文件（JSON/CSV），可重复。")
@click.option("--agency", default=None, metavar="CODE", help="按该机关的日历调整行计算（需要部署的数据库）。")
@click.option("--provisional", is_flag=True, help="日历缺少某年数据时按周末推算并标明“暂定”（默认拒绝）。")
@click.option("--today", default=None, help="计算剩余工作日的基准日（默认今天，北京时间）。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
def deadline(
    received: str,
    extend: int,
    paused: tuple[str, ...],
    days: int,
    count_start_day: bool | None,
    calendars: tuple[str, ...],
    agency: str | None,
    provisional: bool,
    today: str | None,
    as_json: bool,
) -> None:
    """按中国法定工作日计算答复期限，并说明计算过程（有部署的数据库时使用与网页相同的日历）。"""
    from xxgk.casework_cli import run_deadline

    try:
        run_deadline(received, extend, paused, days, count_start_day, calendars, provisional, today, as_json, agency)
    except XxgkError as exc:
        fail(exc.one_line())


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def serve(host: str, port: int) -> None:
    """运行网页（首次运行自动建立数据库；数据在 XXGK_DATA_DIR，默认 ./data）。"""
    from xxgk.casework_cli import run_serve

    try:
        run_serve(host, port)
    except XxgkError as exc:
        fail(exc.one_line())


@main.command()
@click.option(
    "--demo-password", "fixed_password", is_flag=True, help="所有演示账号使用文档中的固定密码 xxgk-demo-2026。"
)
@click.option("--force", is_flag=True, help="数据库中已有其他机关时也加入演示数据。")
def demo(fixed_password: bool, force: bool) -> None:
    """建立演示数据（区政府办公室及两个街道办事处、账号、申请、主动公开、复议诉讼、年报数据）。"""
    from xxgk.demo_cli import run_demo

    try:
        run_demo(fixed_password, force)
    except XxgkError as exc:
        fail(exc.one_line())


@main.command(context_settings={"ignore_unknown_options": True, "help_option_names": []})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def migrate(args: tuple[str, ...]) -> None:
    """建立或升级数据库（Django migrate）。"""
    from xxgk.casework_cli import run_manage

    try:
        run_manage(["migrate", *args])
    except XxgkError as exc:
        fail(exc.one_line())


@main.command(context_settings={"ignore_unknown_options": True, "help_option_names": []})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def createsuperuser(args: tuple[str, ...]) -> None:
    """创建管理员账号（Django createsuperuser）。"""
    from xxgk.casework_cli import run_manage

    try:
        run_manage(["createsuperuser", *args])
    except XxgkError as exc:
        fail(exc.one_line())


if __name__ == "__main__":  # pragma: no cover
    main()
