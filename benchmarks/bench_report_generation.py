"""Annual-report generation from the registers for an agency with many
applications, on SQLite (prints figures; asserts nothing).

    cd /work/main && PYTHONPATH=src .venv/bin/python benchmarks/bench_report_generation.py [--applications 1000000] [--data DIR]

Builds a throwaway database in DIR (default: a temp dir, removed afterwards):
one agency with N applications spread over 2024–2025 (random applicant kinds
and outcomes, 5% still open), 2,000 proactive disclosures, 200 appeals and the
table-二 figures; then times table 三 counted both ways — in Python by the
register's own ``xxgk.web.casework.annual.table_3_for`` and in one SQL
``GROUP BY`` by ``xxgk.web.annual.table3.fill_table_3``, which is what
``build_report`` uses — then ``build_report`` (all tables, table 四, facts,
prose) and the renderers.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(label: str, fn, repeat: int = 3):  # type: ignore[no-untyped-def]
    best, result = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    print(f"{label:<46} {best:8.3f} s (best of {repeat})")
    return result


def insert_applications(agency, n, rng, kinds, outcomes, start) -> None:  # type: ignore[no-untyped-def]
    """Rows straight into SQLite with executemany (bulk_create splits into ~30-row statements there)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from xxgk.procedure import Channel, State
    from xxgk.web.casework.models import Application

    template = Application(
        agency=agency,
        tracking_code="X",
        applicant_kind=kinds[0],
        applicant_name="申请人",
        channel=Channel.INTERNET.value,
        submitted_on=start,
        information_requested="某文件",
    )
    now = timezone.now()
    template.created_at = template.updated_at = now
    fields = [f for f in Application._meta.concrete_fields if not f.primary_key]
    base = [f.get_db_prep_save(getattr(template, f.attname), connection) for f in fields]
    col = {f.attname: i for i, f in enumerate(fields)}
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - table and column names from the model
        Application._meta.db_table, ", ".join(f.column for f in fields), ", ".join(["%s"] * len(fields))
    )
    with transaction.atomic(), connection.cursor() as cur:
        rows = []
        for i in range(n):
            received = start + timedelta(days=rng.randrange(730))
            is_open = rng.random() < 0.05
            row = list(base)
            row[col["tracking_code"]] = f"B{i:018d}"
            row[col["applicant_kind"]] = rng.choice(kinds)
            row[col["submitted_on"]] = row[col["received_on"]] = received.isoformat()
            row[col["state"]] = State.PROCESSING.value if is_open else State.ANSWERED.value
            row[col["outcome"]] = "" if is_open else rng.choice(outcomes).value
            row[col["closed_on"]] = None if is_open else (received + timedelta(days=rng.randrange(1, 40))).isoformat()
            rows.append(row)
            if len(rows) == 50_000:
                cur.executemany(sql, rows)
                rows.clear()
        if rows:
            cur.executemany(sql, rows)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--applications", type=int, default=1_000_000)
    ap.add_argument("--data", default=None)
    args = ap.parse_args()
    data = Path(args.data) if args.data else Path(tempfile.mkdtemp(prefix="xxgk-bench-"))
    os.environ["XXGK_DATA_DIR"] = str(data)
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "xxgk.web.settings"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    from xxgk.formats import get_edition
    from xxgk.procedure import ANSWER_OUTCOMES, APPLICANT_KINDS
    from xxgk.web.agencies.models import Agency
    from xxgk.web.annual.assemble import build_report
    from xxgk.web.annual.models import Table2Figure
    from xxgk.web.annual.table2 import table_2_inputs
    from xxgk.web.appeals.models import AppealCase
    from xxgk.web.disclosure.models import ChannelPublication, DisclosureItem
    from xxgk.write import render

    try:
        t = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        print(f"{'migrate':<46} {time.perf_counter() - t:8.3f} s")
        agency = Agency.objects.create(name="基准测试区人民政府办公室", code="bench")
        rng = random.Random(1)
        outcomes = sorted(ANSWER_OUTCOMES)
        kinds = list(APPLICANT_KINDS)
        start = date(2024, 1, 1)
        t = time.perf_counter()
        insert_applications(agency, args.applications, rng, kinds, outcomes, start)
        print(f"{'insert ' + format(args.applications, ',') + ' applications':<46} {time.perf_counter() - t:8.3f} s")
        items = [
            DisclosureItem(
                agency=agency,
                title=f"信息{i}",
                state="published",
                published_on=date(2025, 1, 1) + timedelta(days=i % 365),
            )
            for i in range(2000)
        ]
        DisclosureItem.objects.bulk_create(items)
        ChannelPublication.objects.bulk_create(
            [
                ChannelPublication(item=it, channel="website", published_on=it.published_on)
                for it in DisclosureItem.objects.filter(agency=agency)
            ]
        )
        AppealCase.objects.bulk_create(
            [
                AppealCase(
                    agency=agency,
                    kind=rng.choice(["review", "litigation_direct"]),
                    filed_on=date(2025, 1, 1) + timedelta(days=i),
                )
                for i in range(200)
            ]
        )
        for i, inp in enumerate(table_2_inputs(get_edition("2021"))):
            Table2Figure.objects.create(agency=agency, year=2025, row_key=inp.row_key, measure=inp.measure, value=i)
        from xxgk.report import AnnualReport
        from xxgk.web.annual.table3 import fill_table_3
        from xxgk.web.casework.annual import table_3_for

        timed("table 三 in Python (casework.table_3_for)", lambda: table_3_for(agency, 2025))
        timed(
            "table 三 in SQL (annual.table3.fill_table_3)",
            lambda: fill_table_3(AnnualReport(edition="2021", year=2025), agency, 2025),
        )
        report = timed("build_report (all tables, facts, prose)", lambda: build_report(agency, 2025))
        print(f"{'  new applications 2025 (table 三 总计)':<46} {report.value('table_3.new_received.total'):>8}")
        for fmt in ("html", "docx", "xlsx", "txt"):
            timed(f"render {fmt}", lambda fmt=fmt: render(report, fmt))
    finally:
        if not args.data:
            shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
