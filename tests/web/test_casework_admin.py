"""The casework admin on a real database: querysets limited to the agencies the
user may see, personal data to the agency's own staff, state-machine fields
read-only, edits logged, applications and their audit log never deleted."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.db.models import ProtectedError

from tests.web.conftest import APPLICANT, make_staff, new_app
from xxgk.web.agencies.models import Agency
from xxgk.web.casework import actions
from xxgk.web.casework.models import Application, ApplicationEvent, CalendarDay

D = date.fromisoformat
pytestmark = pytest.mark.django_db

SECRETS = ("王小明", "110101199001011234", "13800000000", "wxm@example.cn")


def admin_user(user, *codenames: str):
    user.is_staff = True
    user.save()
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="casework", codename__in=codenames))
    return user


@pytest.fixture
def app(street, street_clerk):
    return new_app(street, street_clerk)


URL = "/admin/casework/application/"


def test_staff_of_an_unrelated_agency_sees_nothing(client, app):
    lone = Agency.objects.create(name="无关机关", code="lone")
    outsider = admin_user(make_staff("outsider", lone), "view_application", "view_applicationevent")
    client.force_login(outsider)
    listing = client.get(URL).content.decode()
    assert app.tracking_code not in listing and "王小明" not in listing
    resp = client.get(f"{URL}{app.pk}/change/", follow=True)
    assert "王小明" not in resp.content.decode() and "110101199001011234" not in resp.content.decode()
    events = client.get("/admin/casework/applicationevent/").content.decode()
    assert app.tracking_code not in events


def test_supervising_office_sees_the_case_without_personal_data(client, app, district_clerk):
    admin_user(district_clerk, "view_application", "change_application")
    client.force_login(district_clerk)
    assert app.tracking_code in client.get(URL).content.decode()
    page = client.get(f"{URL}{app.pk}/change/").content.decode()
    assert app.tracking_code in page and "立项批复文件" in page
    for secret in SECRETS:
        assert secret not in page, secret
    # looking is all: a POST cannot change anything
    assert client.post(f"{URL}{app.pk}/change/", {**APPLICANT, "phone": "1"}).status_code == 403


def test_own_staff_edit_details_logged_and_procedure_fields_read_only(client, app, street_clerk):
    admin_user(street_clerk, "view_application", "change_application")
    client.force_login(street_clerk)
    page = client.get(f"{URL}{app.pk}/change/").content.decode()
    assert "110101199001011234" in page
    assert 'name="phone"' in page
    for owned in ("agency", "applicant_kind", "channel", "submitted_on", "state", "received_on", "outcome"):
        assert f'name="{owned}"' not in page, owned
    resp = client.post(
        f"{URL}{app.pk}/change/",
        {**APPLICANT, "phone": "13911112222", "submitted_on": "2026-11-20", "state": "answered", "agency": "999"},
    )
    assert resp.status_code == 302, resp.content.decode()[:2000]
    app.refresh_from_db()
    assert app.phone == "13911112222"
    assert (app.submitted_on, app.state, app.received_on) == (D("2026-09-28"), "received", D("2026-09-28"))
    edit = app.events.get(event="edit")
    assert edit.actor == street_clerk and edit.reason == "更正：联系电话" and edit.data == {"fields": ["phone"]}
    assert "13911112222" not in str(edit.data) + edit.reason  # the log names the field, not the personal value


def test_record_edit_refuses_procedure_fields(app, street_clerk):
    app.submitted_on = D("2026-11-20")
    with pytest.raises(actions.ActionRefused) as exc:
        actions.record_edit(app, street_clerk, ["submitted_on"])
    assert exc.value.code == "casework.owned_field" and "提交日期" in exc.value.message
    app.refresh_from_db()
    assert app.submitted_on == D("2026-09-28") and not app.events.filter(event="edit").exists()


def test_applications_and_their_log_are_not_deleted(admin_client, app):
    assert admin_client.get(f"{URL}{app.pk}/delete/").status_code == 403
    assert "delete_selected" not in admin_client.get(URL).content.decode()
    with pytest.raises(ProtectedError):
        Application.objects.filter(pk=app.pk).delete()
    assert ApplicationEvent.objects.filter(application=app).count() == 2


def test_calendar_rows_of_other_agencies_hidden_national_rows_superuser_only(client, street, street_clerk):
    lone = Agency.objects.create(name="无关机关", code="lone")
    national = CalendarDay.objects.create(day=D("2027-01-01"), kind="off", name="元旦")
    local = CalendarDay.objects.create(agency=street, day=D("2026-10-09"), kind="off", name="本地节日")
    outsider = admin_user(make_staff("outsider", lone), "view_calendarday", "change_calendarday")
    client.force_login(outsider)
    listing = client.get("/admin/casework/calendarday/").content.decode()
    assert "元旦" in listing and "本地节日" not in listing
    assert client.post(f"/admin/casework/calendarday/{national.pk}/change/", {"day": "2027-01-02"}).status_code == 403
    admin_user(street_clerk, "view_calendarday", "change_calendarday")
    client.force_login(street_clerk)
    assert "本地节日" in client.get("/admin/casework/calendarday/").content.decode()
    assert client.get(f"/admin/casework/calendarday/{local.pk}/change/").status_code == 200


def test_supervising_office_does_not_read_the_applicant_in_the_documents(client, app, street_clerk, district_clerk):
    # the answer and the fee notice are addressed to the applicant by name: like the
    # back office (answer.txt, fee-notice.txt), the admin shows them to the agency's own staff only
    actions.do_transition(app.pk, "accept", street_clerk, D("2026-09-29"))
    fee = {"fee_basis": "pieces", "quantity": 1, "earlier_in_month": 10, "payment_method": "凭缴款通知书到代理银行缴纳"}
    actions.do_transition(app.pk, "send_fee_notice", street_clerk, D("2026-10-12"), fee)
    actions.do_transition(app.pk, "fee_paid", street_clerk, D("2026-10-14"))
    actions.do_transition(app.pk, "answer", street_clerk, D("2026-10-20"), {"outcome": "disclosed"})
    app.refresh_from_db()
    assert "王小明" in app.answer_text and "王小明" in app.fee_notice_text
    admin_user(district_clerk, "view_application")
    client.force_login(district_clerk)
    page = client.get(f"{URL}{app.pk}/change/").content.decode()
    assert app.tracking_code in page
    for secret in (*SECRETS, "代理银行"):
        assert secret not in page, secret
    admin_user(street_clerk, "view_application")
    client.force_login(street_clerk)
    own = client.get(f"{URL}{app.pk}/change/").content.decode()
    assert "收费通知书" in own and "代理银行" in own
