"""The case's application becomes a link to the casework register (was free text).

Existing codes are linked to the application of the same agency with that 查询码;
a code that matches none is kept in the case's summary, never dropped."""

from typing import Any

import django.db.models.deletion
from django.db import migrations, models


def link_codes(apps: Any, schema_editor: Any) -> None:
    AppealCase = apps.get_model("appeals", "AppealCase")
    Application = apps.get_model("casework", "Application")
    for case in AppealCase.objects.exclude(application_code=""):
        code = case.application_code.strip().upper()
        found = Application.objects.filter(agency_id=case.agency_id, tracking_code=code).first()
        if found is not None:
            case.application = found
        else:
            note = f"原登记的所涉申请编号：{case.application_code}（登记簿中未找到本机关的该申请）"
            case.summary = f"{case.summary}\n{note}" if case.summary else note
        case.save(update_fields=["application", "summary"])


def unlink(apps: Any, schema_editor: Any) -> None:
    AppealCase = apps.get_model("appeals", "AppealCase")
    for case in AppealCase.objects.exclude(application=None).select_related("application"):
        case.application_code = case.application.tracking_code
        case.save(update_fields=["application_code"])


class Migration(migrations.Migration):
    dependencies = [
        ("appeals", "0001_initial"),
        ("casework", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="appealcase",
            name="application",
            field=models.ForeignKey(
                blank=True,
                help_text="依申请公开登记中本机关的申请（已知时关联，按查询码）",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="appeals",
                to="casework.application",
                verbose_name="所涉申请",
            ),
        ),
        migrations.RunPython(link_codes, unlink),
        migrations.RemoveField(model_name="appealcase", name="application_code"),
    ]
