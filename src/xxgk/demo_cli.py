"""``xxgk demo``: set up the database if needed, create the demonstration data
(``xxgk.web.demo``) and print the accounts; ``xxgk.cli`` imports this lazily."""

from __future__ import annotations

import click

from xxgk.casework_cli import pending_migrations, setup_django, today_cn


def run_demo(fixed_password: bool, force: bool) -> None:
    setup_django()
    from django.core.management import call_command
    from django.db import DatabaseError

    from xxgk.errors import XxgkError

    if pending_migrations():
        click.echo("== 正在初始化/升级数据库 …")
        call_command("migrate", interactive=False, verbosity=0)
    from django.conf import settings

    from xxgk.web.demo import DISTRICT, build_demo

    database = str(settings.DATABASES["default"]["NAME"])
    try:
        result = build_demo(today_cn(), fixed_password=fixed_password, force=force)
    except DatabaseError as exc:
        raise XxgkError(f"写入数据库失败，未做任何改动：{exc}", code="demo.database", path=database) from None
    except XxgkError as exc:
        exc.path = exc.path or database
        raise
    if result.created:
        click.echo(f"== 已建立演示数据：{DISTRICT.name}及所属2个街道办事处，{result.applications}件政府信息公开申请。")
    else:
        click.echo("== 演示数据已存在，未重复建立；已为演示账号重新设置密码。")
    click.echo("演示账号（密码只显示这一次，请妥善保存）：")
    for a in result.accounts:
        click.echo(f"  用户名 {a.username:<11} 密码 {a.password:<14} {a.agency} {a.role}")
    click.echo("运行 `./run.sh`（或 `xxgk serve`）后打开 http://127.0.0.1:8000/ 登录。")
