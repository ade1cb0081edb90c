"""复议/诉讼 register → table 四."""

from __future__ import annotations

from datetime import date

import pytest

from xxgk.formats import get_edition
from xxgk.report import AnnualReport
from xxgk.rules import check_report
from xxgk.web.appeals import actions
from xxgk.web.appeals.counts import fill_table_4, table_4_counts
from xxgk.web.appeals.models import AppealCase, AppealEvent

D = date.fromisoformat


@pytest.mark.django_db
def test_table_4_by_year_kind_and_result(street, street_clerk):
    reg = actions.do_register_case
    c1 = reg(
        street,
        "review",
        D("2025-03-01"),
        street_clerk,
        case_number="复2025-1",
        application_code=_application(street, street_clerk).tracking_code,
    )
    actions.do_conclude(c1, "upheld", D("2025-05-01"), street_clerk)
    c2 = reg(street, "review", D("2025-11-01"), street_clerk)
    actions.do_conclude(c2, "corrected", D("2026-01-10"), street_clerk)  # pending at the end of 2025
    c3 = reg(street, "litigation_direct", D("2025-07-01"), street_clerk)
    actions.do_conclude(c3, "other", D("2025-09-01"), street_clerk)
    reg(street, "litigation_after_review", D("2025-08-01"), street_clerk)  # never concluded
    old = reg(street, "review", D("2024-06-01"), street_clerk)
    actions.do_conclude(old, "upheld", D("2024-08-01"), street_clerk)  # closed before 2025: not counted
    counts = table_4_counts([street.pk], 2025)
    assert counts == {
        "review_upheld": 1,
        "review_pending": 1,
        "review_total": 2,
        "litigation_direct_other": 1,
        "litigation_direct_total": 1,
        "litigation_after_review_pending": 1,
        "litigation_after_review_total": 1,
    }
    # the case pending at the end of 2025 comes back in 2026 with its result, as does the open one
    assert table_4_counts([street.pk], 2026) == {
        "review_corrected": 1,
        "review_total": 1,
        "litigation_after_review_pending": 1,
        "litigation_after_review_total": 1,
    }
    report = AnnualReport(edition="2021", year=2025, agency=street.name)
    fill_table_4(report, [street.pk], 2025)
    assert len([k for k in report.cells if k.startswith("table_4.")]) == 15
    assert report.value("table_4.count.review_total") == 2
    assert report.value("table_4.count.litigation_direct_upheld") == 0
    spec_cols = [c.key for c in get_edition("2021").table("table_4").groups[0].columns]
    assert all(report.cells[f"table_4.count.{k}"].source.kind == "register" for k in spec_cols)  # type: ignore[union-attr]
    report.complete()
    assert not [f for f in check_report(report) if f.code.startswith("T4")]
    assert list(AppealEvent.objects.filter(case=c1).values_list("action", flat=True)) == ["register", "conclude"]


@pytest.mark.django_db
def test_bad_inputs_refused(street, street_clerk, district_clerk):
    with pytest.raises(actions.AppealError) as exc:
        actions.do_register_case(street, "petition", D("2025-01-01"), street_clerk)
    assert exc.value.code == "appeals.unknown_kind"
    case = actions.do_register_case(street, "review", D("2025-03-01"), street_clerk)
    with pytest.raises(actions.AppealError) as exc:
        actions.do_conclude(case, "pending", D("2025-04-01"), street_clerk)
    assert exc.value.code == "appeals.bad_result"
    with pytest.raises(actions.AppealError) as exc:
        actions.do_conclude(case, "upheld", D("2025-01-01"), street_clerk)
    assert exc.value.code == "appeals.bad_date"
    with pytest.raises(actions.AppealError) as exc:
        actions.do_conclude(case, "upheld", D("2025-04-01"), district_clerk)
    assert exc.value.code == "appeals.forbidden"


@pytest.mark.django_db
def test_back_office_register_and_conclude(client, street, street_clerk, district_clerk):
    client.force_login(street_clerk)
    r = client.post(f"/appeals/{street.code}/", {"kind": "review", "filed_on": "2025-03-01", "case_number": "复2025-9"})
    assert r.status_code == 302
    case = AppealCase.objects.get(case_number="复2025-9")
    client.post(f"/appeals/case/{case.pk}/conclude/", {"result": "corrected", "concluded_on": "2025-04-01"})
    case.refresh_from_db()
    assert (case.result, case.concluded_on) == ("corrected", D("2025-04-01"))
    client.post(f"/appeals/{street.code}/", {"kind": "review", "filed_on": "not a date"})
    assert AppealCase.objects.count() == 1
    client.force_login(district_clerk)  # the supervisor sees the list but cannot register
    assert "复2025-9" in client.get(f"/appeals/{street.code}/").content.decode()
    client.post(f"/appeals/{street.code}/", {"kind": "review", "filed_on": "2025-05-01"})
    assert AppealCase.objects.count() == 1


def _application(agency, actor, submitted="2025-01-10"):
    from xxgk.web.casework import actions as casework

    return casework.register_application(
        agency,
        actor,
        channel="in_person",
        submitted_on=D(submitted),
        applicant_kind="natural_person",
        applicant_name="王小明",
        information_requested="2024年某路段道路改造工程的立项批复文件",
    )


@pytest.mark.django_db
def test_a_case_links_to_an_application_of_its_own_agency(street, district, street_clerk, district_clerk):
    app = _application(street, street_clerk)
    case = actions.do_register_case(
        street, "review", D("2025-03-01"), street_clerk, application_code=f"  {app.tracking_code.lower()} "
    )
    assert case.application == app
    assert list(app.appeals.all()) == [case]
    assert AppealEvent.objects.get(case=case).extra == {"kind": "review", "application": app.tracking_code}
    with pytest.raises(actions.AppealError) as exc:
        actions.do_register_case(street, "review", D("2025-03-01"), street_clerk, application_code="DOES-NOT-EXIST")
    assert exc.value.code == "appeals.unknown_application"
    assert "DOES-NOT-EXIST" in exc.value.message and "查询码" in exc.value.message
    other = _application(district, district_clerk)  # another agency's application is not this agency's
    with pytest.raises(actions.AppealError) as exc:
        actions.do_register_case(street, "review", D("2025-03-01"), street_clerk, application_code=other.tracking_code)
    assert exc.value.code == "appeals.unknown_application"
    with pytest.raises(actions.AppealError) as exc:  # an appeal before the application was made
        actions.do_register_case(street, "review", D("2025-01-02"), street_clerk, application_code=app.tracking_code)
    assert exc.value.code == "appeals.bad_date"
    assert AppealCase.objects.count() == 1


@pytest.mark.django_db
def test_link_an_application_later_with_an_event(street, street_clerk, district_clerk):
    app = _application(street, street_clerk)
    case = actions.do_register_case(street, "litigation_direct", D("2025-04-01"), street_clerk)
    assert case.application is None
    with pytest.raises(actions.AppealError) as exc:
        actions.do_link_application(case, app.tracking_code, district_clerk)
    assert exc.value.code == "appeals.forbidden"
    with pytest.raises(actions.AppealError) as exc:
        actions.do_link_application(case, "ABCD-EFGH-JKLM-NPQR", street_clerk)
    assert exc.value.code == "appeals.unknown_application"
    actions.do_link_application(case, app.tracking_code, street_clerk)
    actions.do_link_application(case, app.tracking_code, street_clerk)  # no change, no event
    case.refresh_from_db()
    assert case.application == app
    events = list(AppealEvent.objects.filter(case=case).values_list("action", "extra"))
    assert events == [
        ("register", {"kind": "litigation_direct"}),
        ("link_application", {"from": "", "to": app.tracking_code}),
    ]


@pytest.mark.django_db
def test_back_office_shows_the_application_as_a_link_and_refuses_an_unknown_code(client, street, street_clerk):
    app = _application(street, street_clerk)
    client.force_login(street_clerk)
    r = client.post(
        f"/appeals/{street.code}/",
        {"kind": "review", "filed_on": "2025-03-01", "case_number": "复2025-7", "application_code": app.tracking_code},
    )
    assert r.status_code == 302
    page = client.get(f"/appeals/{street.code}/").content.decode()
    assert f'<a href="/casework/{app.pk}/">{app.tracking_code}</a>' in page
    assert client.get(f"/casework/{app.pk}/").status_code == 200  # the link leads to the application
    r = client.post(
        f"/appeals/{street.code}/",
        {"kind": "review", "filed_on": "2025-03-02", "case_number": "复2025-8", "application_code": "DOES-NOT-EXIST"},
        follow=True,
    )
    page = r.content.decode()
    assert "没有本机关查询码为“DOES-NOT-EXIST”的申请" in page
    assert not AppealCase.objects.filter(case_number="复2025-8").exists()
    case = actions.do_register_case(street, "review", D("2025-05-01"), street_clerk, case_number="复2025-9")
    r = client.post(f"/appeals/case/{case.pk}/application/", {"application_code": app.tracking_code}, follow=True)
    assert "已关联所涉申请" in r.content.decode()
    case.refresh_from_db()
    assert case.application == app


@pytest.mark.django_db(transaction=True)
def test_migration_links_existing_codes_and_keeps_unknown_ones(street, street_clerk):
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    app = _application(street, street_clerk)
    call_command("migrate", "appeals", "0001", verbosity=0)
    old = MigrationExecutor(connection).loader.project_state(("appeals", "0001_initial")).apps
    OldCase = old.get_model("appeals", "AppealCase")
    known = OldCase.objects.create(
        agency_id=street.pk, kind="review", filed_on=D("2025-03-01"), application_code=app.tracking_code
    )
    unknown = OldCase.objects.create(
        agency_id=street.pk,
        kind="review",
        filed_on=D("2025-03-01"),
        application_code="DOES-NOT-EXIST",
        summary="不服答复",
    )
    call_command("migrate", "appeals", verbosity=0)
    assert AppealCase.objects.get(pk=known.pk).application == app
    kept = AppealCase.objects.get(pk=unknown.pk)
    assert kept.application is None
    assert kept.summary == "不服答复\n原登记的所涉申请编号：DOES-NOT-EXIST（登记簿中未找到本机关的该申请）"


@pytest.mark.django_db
def test_admin_corrects_number_and_summary_with_an_event_and_nothing_that_counts(client, street, street_clerk):
    # kind, dates and agency decide table 四: the admin shows them read-only; a corrected case
    # number or summary is saved with an event; another agency's staff do not see the case
    from django.contrib.auth.models import Permission

    from tests.web.conftest import make_staff
    from xxgk.web.agencies.models import Agency

    case = actions.do_register_case(street, "review", D("2025-05-01"), street_clerk, case_number="复2025-9")
    street_clerk.is_staff = True
    street_clerk.save()
    perms = Permission.objects.filter(
        content_type__app_label="appeals", codename__in=["view_appealcase", "change_appealcase", "delete_appealcase"]
    )
    street_clerk.user_permissions.add(*perms)
    client.force_login(street_clerk)
    url = f"/admin/appeals/appealcase/{case.pk}/change/"
    management = {
        f"events-{k}": v
        for k, v in (("TOTAL_FORMS", "1"), ("INITIAL_FORMS", "1"), ("MIN_NUM_FORMS", "0"), ("MAX_NUM_FORMS", "1000"))
    }
    event = case.events.get()
    data = {
        "case_number": "复2025-10",
        "summary": "不服答复",
        "kind": "litigation_direct",
        "filed_on": "2024-01-01",
        **management,
        "events-0-id": event.pk,
        "events-0-case": case.pk,
    }
    assert client.post(url, data, follow=True).redirect_chain  # saved (the message is shown and consumed)
    case.refresh_from_db()
    assert (case.case_number, case.summary, case.kind, case.filed_on) == (
        "复2025-10",
        "不服答复",
        "review",
        D("2025-05-01"),
    )
    edit = case.events.get(action="edit")
    assert edit.actor == street_clerk and edit.extra["case_number"] == {"from": "复2025-9", "to": "复2025-10"}
    assert client.post(f"/admin/appeals/appealcase/{case.pk}/delete/", {"post": "yes"}).status_code == 403
    lone = make_staff("outsider", Agency.objects.create(name="无关机关", code="lone"))
    lone.is_staff = True
    lone.save()
    lone.user_permissions.add(*perms)
    client.force_login(lone)
    assert "复2025-10" not in client.get("/admin/appeals/appealcase/").content.decode()
    assert client.post(url, {**data, "case_number": "改"}).status_code in (302, 403)
    case.refresh_from_db()
    assert case.case_number == "复2025-10"
