"""System checks: the working-day calendar must know this year and the next
(``xxgk.W001``), and the override file must be readable (``xxgk.E002``)."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, Warning, register
from django.db import DatabaseError
from django.utils import timezone

from xxgk.errors import XxgkError
from xxgk.workdays import years_text


@register()
def calendar_covers_this_and_next_year(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    from xxgk.web.casework.calendar import calendar_for

    try:
        cal = calendar_for(None)
    except XxgkError as exc:
        return [Error(exc.one_line(), hint="修正或删除该日历调整文件", id="xxgk.E002")]
    except DatabaseError:
        return []  # not migrated yet: nothing to say about the calendar
    year = timezone.localdate().year
    missing = [y for y in (year, year + 1) if not cal.knows_year(y)]
    if not missing:
        return []
    ys = years_text(missing)
    return [
        Warning(
            f"工作日日历缺少{ys}的数据：落在该年的法定期限只能给出“暂定”日期",
            hint="国务院办公厅发布该年节假日安排通知后，在后台“工作日日历调整”录入放假日和调休上班日，"
            "并在“已录入的日历年度”登记该年（见 docs/casework.md）",
            id="xxgk.W001",
        )
    ]
