"""``xxgk demo``: the demonstration data it writes (through the registers' own
actions) gives a complete annual report for last year that passes the format's
rules; the printed accounts log in; running it again adds nothing; a database
that holds other agencies is refused.  Also the home page and the one navigation."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from xxgk.cli import main
from xxgk.procedure import Event
from xxgk.rules import check_report
from xxgk.web.agencies.models import Agency
from xxgk.web.annual.assemble import build_report, build_rollup
from xxgk.web.casework.models import Application, ApplicationEvent
from xxgk.web.demo import AGENCIES, DEMO_PASSWORD, DISTRICT, STREETS, DemoError, build_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    return build_demo(timezone.localdate())


def test_last_years_report_is_complete_balanced_and_passes_the_rules(demo):
    year = timezone.localdate().year - 1
    assert demo.created and demo.applications == Application.objects.count() > 50
    for spec in AGENCIES:
        agency = Agency.objects.get(code=spec.code)
        report = build_report(agency, year)
        assert report.unread == [], spec.name
        findings = check_report(report, build_report(agency, year - 1))
        assert [(f.code, f.message) for f in findings if f.severity in ("error", "warning")] == []
        t3 = report.spec.table("table_3")
        results = [
            r.key for r in t3.groups[0].data_rows if r.key.startswith(("granted", "partially", "denied", "unable"))
        ]
        assert sum(1 for r in results if report.value(f"table_3.{r}.total")) >= 3
        assert report.value("table_3.new_received.total") >= 8
        assert report.facts["proactive_total"].value > 0
    district = Agency.objects.get(code=DISTRICT.code)
    rollup = build_rollup(district, year)
    assert [f.code for f in check_report(rollup) if f.severity == "error"] == []
    assert rollup.value("table_3.new_received.total") == sum(
        build_report(Agency.objects.get(code=s.code), year).value("table_3.new_received.total") for s in AGENCIES
    )
    filled = [k for k in rollup.spec.table("table_4").cell_keys() if rollup.value(k)]
    assert len(filled) >= 4  # reviews and lawsuits, concluded and pending


def test_applications_went_through_the_procedure_with_an_audit_log(demo):
    answered = Application.objects.filter(state="answered")
    assert answered.count() > 20
    for app in answered[:30]:
        events = list(app.events.values_list("event", flat=True))
        assert events[0] == Event.SUBMIT.value and events[-1] == Event.ANSWER.value
        assert app.answer_text  # the reply document was generated
        actor = ApplicationEvent.objects.filter(application=app).last().actor
        assert actor is not None and actor.memberships.filter(agency=app.agency).exists()
    states = set(Application.objects.values_list("state", flat=True))
    assert {"answered", "closed_abandoned", "closed_other", "processing", "submitted"} <= states
    outcomes = set(Application.objects.exclude(outcome="").values_list("outcome", flat=True))
    assert len(outcomes) >= 15
    first = Application.objects.order_by("submitted_on").first().submitted_on
    assert first <= timezone.localdate() - timedelta(days=365)


def test_printed_accounts_log_in_and_rerun_only_renews_passwords(client, demo):
    assert [a.username for a in demo.accounts] == [*(s.username for s in AGENCIES), "supervisor"]
    for account in demo.accounts:
        assert client.login(username=account.username, password=account.password), account.username
        client.logout()
    counts = (Agency.objects.count(), Application.objects.count(), ApplicationEvent.objects.count())
    again = build_demo(timezone.localdate(), fixed_password=True)
    assert not again.created
    assert counts == (Agency.objects.count(), Application.objects.count(), ApplicationEvent.objects.count())
    assert {a.password for a in again.accounts} == {DEMO_PASSWORD}
    assert not client.login(username="hexi", password=demo.accounts[2].password)
    assert client.login(username="hexi", password=DEMO_PASSWORD)


def test_a_database_with_other_agencies_is_refused_unless_forced():
    Agency.objects.create(name="某市某局", code="other")
    with pytest.raises(DemoError) as refused:
        build_demo(timezone.localdate())
    assert refused.value.code == "demo.not_empty" and "某市某局" in refused.value.message
    assert Agency.objects.count() == 1 and get_user_model().objects.count() == 0
    runner = CliRunner()
    result = runner.invoke(main, ["demo"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "[demo.not_empty]" in lines[0] and "--force" in lines[0] and "Traceback" not in lines[0]
    result = runner.invoke(main, ["demo", "--force", "--demo-password"])
    assert result.exit_code == 0, result.output
    assert Agency.objects.count() == 1 + len(AGENCIES)
    for spec in AGENCIES:
        assert re.search(rf"用户名 {spec.username}\s+密码 {DEMO_PASSWORD}", result.output)


def test_visitors_get_a_landing_page_with_the_login_link(client, demo):
    page = client.get("/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "政府信息公开工作平台" in html and f'href="{reverse("login")}"' in html
    assert reverse("disclosure:guide", args=[STREETS[0].code]) in html
    assert f'href="{reverse("casework:open_list")}"' not in html  # no back-office navigation for visitors


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_home_page_counts_and_one_navigation_on_every_register(client, demo):
    street = STREETS[0]
    account = next(a for a in demo.accounts if a.username == street.username)
    assert client.login(username=account.username, password=account.password)
    year = timezone.localdate().year - 1
    home = client.get("/").content.decode()
    # the counts agree with the list of open applications the user sees
    listing = client.get(reverse("casework:open_list")).content.decode()
    rows = listing.count('<td><a href="/casework/')
    overdue = listing.count("已逾期 ")
    assert overdue >= 1
    assert f"{rows} 件办理中" in _text(home) and f"已逾期 {overdue} 件" in _text(home)
    assert "5个工作日内到期 1 件" in _text(home)
    for fmt in ("docx", "pdf", "xlsx", "html", "txt", "md", "json"):
        assert reverse("annual:download", args=[street.code, year, fmt]) in home
    assert "所属机关" not in home and "rollup=1" not in home
    nav = [
        reverse("home"),
        reverse("casework:open_list"),
        reverse("casework:new"),
        reverse("disclosure:items", args=[street.code]),
        reverse("appeals:cases", args=[street.code]),
        reverse("annual:workspace", args=[street.code, year]),
    ]
    for url in nav:
        page = client.get(url)
        assert page.status_code == 200, url
        header = page.content.decode().split("</header>")[0]
        assert all(f'href="{link}"' in header for link in nav), url
        assert "日历维护" not in header  # not an administrator


def test_supervisor_sees_subordinates_roll_up_and_calendar_maintenance(client, demo):
    account = next(a for a in demo.accounts if a.username == "supervisor")
    assert client.login(username="supervisor", password=account.password)
    year = timezone.localdate().year - 1
    home = client.get("/").content.decode()
    for street in STREETS:
        assert street.name in home and reverse("annual:workspace", args=[street.code, year]) in home
    rollup = reverse("annual:download", args=[DISTRICT.code, year, "xlsx"]) + "?rollup=1"
    assert rollup in home
    assert client.get(rollup).status_code == 200
    calendar = reverse("admin:casework_calendarday_changelist")
    assert f'href="{calendar}"' in home and client.get(calendar).status_code == 200


def test_an_existing_account_with_a_demo_username_is_never_taken_over(client):
    get_user_model().objects.create_user(username="supervisor", password="mine-xxgk-1")
    with pytest.raises(DemoError) as refused:
        build_demo(timezone.localdate(), force=True)
    assert refused.value.code == "demo.username_taken" and "supervisor" in refused.value.message
    assert Agency.objects.count() == 0
    assert client.login(username="supervisor", password="mine-xxgk-1")
    user = get_user_model().objects.get(username="supervisor")
    assert not user.is_superuser


def test_an_account_outside_every_agency_is_told_so_on_the_home_page(client, db):
    get_user_model().objects.create_superuser(username="admin", password="pw-xxgk-test-1")
    assert client.login(username="admin", password="pw-xxgk-test-1")
    page = client.get("/").content.decode()
    assert "尚未加入任何机关" in page and f'href="{reverse("admin:index")}"' in page


def test_date_fields_show_today_in_the_form_a_browser_date_input_accepts(client, demo):
    """``<input type=date>`` takes only YYYY-MM-DD; the zh-hans default 2026/11/26 shows an empty field."""
    account = next(a for a in demo.accounts if a.username == STREETS[0].username)
    assert client.login(username=account.username, password=account.password)
    today = timezone.localdate().isoformat()
    page = client.get(reverse("casework:new")).content.decode()
    assert re.search(rf'<input type="date" name="submitted_on" value="{today}"', page)
    app = Application.objects.filter(agency__code=STREETS[0].code, state="processing").first()
    values = re.findall(
        r'<input type="date" name="[\w-]+-on" value="([^"]*)"', client.get(f"/casework/{app.pk}/").content.decode()
    )
    assert values and set(values) == {today}
