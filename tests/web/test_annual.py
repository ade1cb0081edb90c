"""The annual report generated from the registers: table 二 inputs with last year
carried, table 三 from the application register, table 四 from appeals, facts
and prose; every format read back by the parser; the supervisor's roll-up; the
``xxgk report`` command and the back-office download."""

from __future__ import annotations

import io
import os
import random
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from tests.casework_paths import random_start, walk
from tests.web.conftest import APPLICANT
from xxgk.cli import main
from xxgk.formats import get_edition
from xxgk.procedure import Event
from xxgk.read import parse_file
from xxgk.report import AnnualReport
from xxgk.rules import check_report
from xxgk.web.annual import actions
from xxgk.web.annual.assemble import build_report, build_rollup
from xxgk.web.annual.models import AnnualEvent, Table2Figure
from xxgk.web.annual.table2 import table_2_inputs
from xxgk.web.appeals import actions as appeals
from xxgk.web.casework import actions as casework
from xxgk.web.casework.annual import table_3_for
from xxgk.web.casework.cases import to_case
from xxgk.web.disclosure import actions as disclosure

D = date.fromisoformat
SRC = Path(__file__).resolve().parents[2] / "src"


def enter_table_2(agency, year, actor, base=1):
    inputs = table_2_inputs(get_edition("2021" if year >= 2021 else "2019_trial"))
    figures = {}
    for n, i in enumerate(inputs, start=base):
        if i.optional:
            continue
        figures[(i.row_key, i.measure)] = f"{n}.25" if i.value_kind == "money" else str(n)
    actions.do_save_table_2(agency, year, figures, actor)
    return figures


FIRST, LAST = date(2024, 10, 1), date(2025, 12, 20)


def random_applications(agency, actor, n, seed, first=FIRST, last=LAST):
    rng = random.Random(seed)
    horizon = last.replace(year=last.year + 1, month=2, day=20)
    for _ in range(n):
        kind, channel, submitted = random_start(rng, first, last)
        app = casework.register_application(
            agency, actor, channel=channel.value, submitted_on=submitted, **{**APPLICANT, "applicant_kind": kind}
        )

        def do(step, pk=app.pk):
            data = dict(step.data)
            if step.event is Event.EXTEND:
                data.pop("approved_by", None)
            return to_case(casework.do_transition(pk, step.event, actor, step.on, data))

        walk(rng, submitted, horizon, do, to_case(app))


def publish(agency, actor, title, channels):
    item = disclosure.do_create_item(agency, title, actor)
    for a in ("review", "pass_secrecy"):
        item = disclosure.do_transition(item, a, actor)
    return disclosure.do_transition(item, "publish", actor, channels=channels)


@pytest.fixture
def street_2025(street, street_head):
    enter_table_2(street, 2025, street_head)
    random_applications(street, street_head, 25, seed=7)
    publish(street, street_head, "甲", {"website": D("2025-03-01"), "wechat": D("2025-03-02")})
    publish(street, street_head, "乙", {"website": D("2025-04-01")})
    case = appeals.do_register_case(street, "review", D("2025-05-01"), street_head)
    appeals.do_conclude(case, "upheld", D("2025-07-01"), street_head)
    appeals.do_register_case(street, "litigation_direct", D("2025-09-01"), street_head)
    actions.do_save_facts(
        street,
        2025,
        {"npc_received": "2", "npc_answered": "2", "cppcc_received": "1", "fees_collected": "0"},
        street_head,
    )
    actions.do_save_text(
        street, 2025, "problems_and_improvements", "一是公开时效有待提高。\n二是解读形式单一。", street_head
    )
    return street


@pytest.mark.django_db
def test_report_from_the_registers(street_2025):
    report = build_report(street_2025, 2025)
    assert (report.edition, report.year, report.agency) == ("2021", 2025, street_2025.name)
    assert report.unread == []
    t3 = table_3_for(street_2025, 2025)
    assert all(report.value(k) == t3.value(k) for k in get_edition("2021").table("table_3").cell_keys())
    assert report.value("table_3.new_received.total") > 0  # type: ignore[operator]
    entered = Table2Figure.objects.get(agency=street_2025, year=2025, row_key="administrative_fees").value
    assert entered == entered.to_integral_value() + Decimal("0.25")
    assert report.value("table_2.administrative_fees.fee_amount_this_year") == entered
    assert report.value("table_4.count.review_upheld") == 1
    assert report.value("table_4.count.litigation_direct_pending") == 1
    assert report.facts["proactive_total"].value == 2
    assert report.channel_facts["website"].value == 2 and report.channel_facts["wechat"].value == 1
    assert report.facts["npc_suggestions"].value == 2
    assert report.texts["problems_and_improvements"].startswith("一是")
    assert report.texts["overview"].startswith("全年主动公开政府信息2条，其中政府网站2条、政务微信1条。")
    assert report.texts["other_matters"] == "全年未收取信息处理费。"
    assert report.texts["overview"].endswith("全年承办人大代表建议2件、政协委员提案1件。\n已办复人大代表建议2件。")
    assert all(c.source is not None and c.source.kind == "register" for c in report.cells.values())
    assert [f.code for f in check_report(report) if f.severity == "error"] == []


@pytest.mark.django_db
def test_sql_table_3_equals_the_registers_own_count(street, street_head, district, district_clerk):
    from xxgk.web.annual.table3 import fill_table_3

    random_applications(street, street_head, 120, seed=11)
    random_applications(district, district_clerk, 10, seed=12)  # another agency: never counted for street
    for year in (2024, 2025, 2026):
        mine = AnnualReport(edition="2021", year=year, agency=street.name)
        fill_table_3(mine, street, year)
        theirs = table_3_for(street, year)
        keys = get_edition("2021").table("table_3").cell_keys()
        assert [(k, mine.value(k), theirs.value(k)) for k in keys if mine.value(k) != theirs.value(k)] == []
        assert sum(mine.value(k) or 0 for k in keys) > 0


def _every_format():
    for fmt in ("txt", "md", "html", "docx", "xlsx", "pdf"):
        yield pytest.param(fmt, marks=[pytest.mark.libreoffice] if fmt == "pdf" else [], id=fmt)


def _need(fmt: str) -> None:
    from xxgk.write.pdf import find_soffice

    if fmt == "pdf" and find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", list(_every_format()))
def test_every_format_reads_back_with_the_same_numbers(street_2025, fmt, tmp_path):
    from xxgk.write import render

    _need(fmt)

    report = build_report(street_2025, 2025)
    data = render(report, fmt)
    path = tmp_path / f"r.{fmt}"
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    back = parse_file(path)
    assert back.edition == "2021" and back.year == 2025
    assert [k for k in report.spec.cell_keys() if back.value(k) != report.value(k)] == []
    assert [f.code for f in check_report(back) if f.severity == "error"] == []


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", list(_every_format()))
def test_2019_edition_report_from_the_registers_reads_back(street, street_head, fmt, tmp_path):
    from xxgk.write import render

    _need(fmt)

    enter_table_2(street, 2019, street_head, base=30)
    enter_table_2(street, 2020, street_head)
    random_applications(street, street_head, 25, seed=5, first=D("2019-10-01"), last=D("2020-12-20"))
    case = appeals.do_register_case(street, "litigation_after_review", D("2020-05-01"), street_head)
    appeals.do_conclude(case, "corrected", D("2020-09-01"), street_head)
    report = build_report(street, 2020)
    assert report.edition == "2019_trial" and report.unread == []
    assert report.value("table_4.count.litigation_after_review_corrected") == 1
    data = render(report, fmt)
    path = tmp_path / f"r.{fmt}"
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    back = parse_file(path)
    assert (back.edition, back.year) == ("2019_trial", 2020)
    assert [k for k in report.spec.cell_keys() if back.value(k) != report.value(k)] == []
    assert [f.code for f in check_report(back) if f.severity == "error"] == []


@pytest.mark.django_db
def test_2019_edition_carries_last_years_item_counts(street, street_head):
    year_2019 = enter_table_2(street, 2019, street_head, base=10)
    this = enter_table_2(street, 2020, street_head, base=3)
    report = build_report(street, 2020)
    assert report.edition == "2019_trial"
    last = year_2019[("administrative_licensing", "items_this_year")]
    now = this[("administrative_licensing", "items_this_year")]
    assert report.value("table_2.administrative_licensing.items_last_year") == int(last)
    assert report.value("table_2.administrative_licensing.change_this_year") == int(now) - int(last)
    assert report.value("table_2.administrative_licensing.change_this_year") < 0  # type: ignore[operator]
    first = build_report(street, 2019)  # no 2018 figures: not a guessed 0
    cell = first.cell("table_2.administrative_licensing.items_last_year")
    assert cell.kind == "unread" and first.cell("table_2.administrative_licensing.change_this_year").kind == "unread"
    actions.do_save_table_2(street, 2019, {("administrative_licensing", "items_last_year"): "4"}, street_head)
    first = build_report(street, 2019)
    assert first.value("table_2.administrative_licensing.items_last_year") == 4
    assert (
        first.value("table_2.administrative_licensing.change_this_year")
        == int(year_2019[("administrative_licensing", "items_this_year")]) - 4
    )


@pytest.mark.django_db
def test_inputs_validated_all_or_nothing(street, street_head, district_clerk):
    good = ("regulations", "issued_this_year")
    for bad, code in (
        ({good: "1", ("regulations", "nonsense"): "2"}, "annual.unknown_figure"),
        ({good: "1", ("administrative_licensing", "decisions_this_year"): "-1"}, "annual.negative"),
        ({good: "1", ("administrative_penalty", "decisions_this_year"): "1.5"}, "annual.not_integer"),
        ({good: "x"}, "annual.not_a_number"),
    ):
        with pytest.raises(actions.AnnualError) as exc:
            actions.do_save_table_2(street, 2025, bad, street_head)
        assert exc.value.code == code
    assert not AnnualEvent.objects.exists()
    assert build_report(street, 2025).cell("table_2.regulations.issued_this_year").kind == "unread"
    with pytest.raises(actions.AnnualError) as exc:
        actions.do_save_table_2(street, 2025, {good: "1"}, district_clerk)
    assert exc.value.code == "annual.forbidden"
    with pytest.raises(actions.AnnualError) as exc:
        actions.do_save_text(street, 2025, "section_9", "x", street_head)
    assert exc.value.code == "annual.unknown_section"


@pytest.mark.django_db
def test_rollup_sums_the_subordinate_agencies(district, street, street_head, district_clerk, tmp_path):
    from xxgk.web.agencies.models import Agency

    from .conftest import make_staff

    other = Agency.objects.create(name="另一街道办事处", code="street2", parent=district)
    other_head = make_staff("other_head", other)
    for agency, actor, seed in ((district, district_clerk, 1), (street, street_head, 2), (other, other_head, 3)):
        enter_table_2(agency, 2025, actor, base=seed)
        random_applications(agency, actor, 8, seed=seed)
    publish(street, street_head, "甲", {"website": D("2025-03-01")})
    total = build_rollup(district, 2025)
    parts = [build_report(a, 2025) for a in (district, street, other)]
    for key in get_edition("2021").cell_keys():
        assert total.value(key) == sum(p.value(key) for p in parts), key  # type: ignore[misc]
    assert total.facts["proactive_total"].value == 1
    assert "含所属2个机关" in (total.agency or "")
    assert [f.code for f in check_report(total) if f.severity == "error"] == []
    # the supervisor's workbook: the summed tables and one row per agency
    out = tmp_path / "rollup.xlsx"
    result = CliRunner().invoke(main, ["report", district.code, "2025", "--rollup", "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    assert "三、收到和处理政府信息公开申请情况" in wb.sheetnames
    detail = wb["各机关明细"]
    rows = list(detail.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == [district.name, street.name, other.name, total.agency]
    col = list(rows[0]).index("表三·一、本年新收政府信息公开申请数量·总计")
    assert [r[col] for r in rows[1:]] == [p.value("table_3.new_received.total") for p in (*parts, total)]


@pytest.mark.django_db
def test_cli_report_formats(street_2025, tmp_path):
    runner = CliRunner()
    out = tmp_path / "r.docx"
    result = runner.invoke(main, ["report", street_2025.code, "2025", "--format", "docx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(docx.Document(io.BytesIO(out.read_bytes())).tables) == 3
    result = runner.invoke(main, ["report", street_2025.name, "2025", "--format", "json"])
    assert result.exit_code == 0
    assert AnnualReport.from_json(result.output).value("table_4.count.review_total") == 1
    result = runner.invoke(main, ["report", "no-such-agency", "2025"])
    assert result.exit_code == 2 and "[report.unknown_agency]" in result.output
    result = runner.invoke(main, ["report", street_2025.code, "2018"])
    assert result.exit_code == 2 and "[report.bad_year]" in result.output


def test_cli_report_without_a_database_is_one_line(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(SRC), "XXGK_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    proc = subprocess.run(
        [sys.executable, "-m", "xxgk", "report", "street", "2025", "--format", "txt"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert "[report.database]" in proc.stderr


@pytest.mark.django_db
def test_back_office_workspace_and_download(client, street_2025, street_head, district_clerk):
    client.force_login(street_head)
    page = client.get(f"/annual/{street_2025.code}/2025/").content.decode()
    assert "第二十条第（一）项" in page and "全年主动公开政府信息2条" in page
    r = client.post(
        f"/annual/{street_2025.code}/2025/", {"part": "text", "section": "overview", "text": "我街道认真落实条例。"}
    )
    assert r.status_code == 302
    html = client.get(f"/annual/{street_2025.code}/2025/report.html").content.decode()
    assert "我街道认真落实条例。" in html and 'data-cell="table_3.new_received.total"' in html
    r = client.get(f"/annual/{street_2025.code}/2025/report.xlsx")
    assert r["Content-Type"].startswith("application/vnd.openxmlformats") and r.content[:2] == b"PK"
    client.force_login(district_clerk)  # the supervisor sees, and may download the roll-up, but cannot edit
    assert client.get(f"/annual/{street_2025.code}/2025/report.json").status_code == 200
    r = client.post(f"/annual/{street_2025.code}/2025/", {"part": "text", "section": "overview", "text": "改写"})
    assert "改写" not in client.get(f"/annual/{street_2025.code}/2025/report.html").content.decode()


@pytest.mark.django_db
def test_api_report_json(client, street_2025, street_head, district_clerk, street, district):
    assert client.get(f"/api/annual/{street.code}/2025").status_code == 401  # login required
    client.force_login(street_head)
    r = client.get(f"/api/annual/{street.code}/2025")
    assert r.status_code == 200
    report = AnnualReport.from_dict(r.json())
    assert report.value("table_4.count.review_total") == 1 and report.edition == "2021"
    assert client.get(f"/api/annual/{district.code}/2025").status_code == 404  # a clerk of the street cannot see above
    assert client.get(f"/api/annual/{street.code}/2018").status_code == 400
    client.force_login(district_clerk)
    total = client.get(f"/api/annual/{district.code}/2025?rollup=true").json()
    assert total["cells"]["table_4.count.review_total"]["value"] == 1
