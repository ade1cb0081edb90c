"""The register on a real database (SQLite, and PostgreSQL when DATABASE_URL is set):
actions, audit log, permissions and personal data, back-office pages, the
calendar override table, the answer template."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from tests.web.conftest import APPLICANT, make_staff, new_app
from xxgk.procedure import Event, State, TransitionRefused
from xxgk.web.casework import actions
from xxgk.web.casework.models import (
    AnswerTemplate,
    Application,
    ApplicationEvent,
    CalendarDay,
    CalendarYear,
    ClockPause,
)

D = date.fromisoformat
pytestmark = pytest.mark.django_db


def test_register_in_person_is_received_and_logged(street, street_clerk):
    app = new_app(street, street_clerk)
    assert app.state == State.RECEIVED and app.received_on == D("2026-09-28")
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}", app.tracking_code)
    log = list(app.events.values_list("event", "from_state", "to_state", "actor__username"))
    assert log == [
        ("submit", "", "submitted", "street_clerk"),
        ("confirm_receipt", "submitted", "received", "street_clerk"),
    ]


def test_tracking_codes_are_random(street, street_clerk):
    codes = {new_app(street, street_clerk).tracking_code for _ in range(20)}
    assert len(codes) == 20


def test_full_path_with_audit_log(street, street_clerk, street_head):
    app = new_app(street, street_clerk, channel="internet", submitted="2026-09-25")
    assert app.state == State.SUBMITTED
    steps = [
        (Event.CONFIRM_RECEIPT, "2026-09-28", {}, street_clerk),
        (Event.ACCEPT, "2026-09-29", {}, street_clerk),
        (Event.CONSULT_THIRD_PARTY, "2026-10-12", {"reason": "涉及企业商业秘密"}, street_clerk),
        (
            Event.CONSULTATION_ENDED,
            "2026-10-16",
            {"reply": "objection", "reason": "第三方回复不同意公开"},
            street_clerk,
        ),
        (Event.EXTEND, "2026-10-20", {"days": 10, "reason": "需调取档案"}, street_head),
        (Event.ANSWER, "2026-11-10", {"outcome": "partial", "reason": "涉及商业秘密的部分不予公开"}, street_clerk),
        (Event.ARCHIVE, "2026-11-12", {}, street_clerk),
    ]
    for event, on, data, who in steps:
        app = actions.do_transition(app.pk, event, who, D(on), data)
    assert app.state == State.ANSWERED and app.outcome == "partial" and app.archived_on == D("2026-11-12")
    assert app.extension_wd == 10 and app.extension_reason == "需调取档案"
    pause = ClockPause.objects.get(application=app)
    assert (pause.started_on, pause.ended_on) == (D("2026-10-12"), D("2026-10-16"))
    ext = app.events.get(event="extend")
    assert ext.actor == street_head and ext.data["approved_by"] == "street_head" and ext.from_state == "processing"
    assert ext.to_state == "extended" and ext.reason == "需调取档案" and ext.at is not None
    assert [e.event for e in app.events.all()] == ["submit"] + [s[0].value for s in steps]
    assert "部分公开" in app.answer_text and app.tracking_code in app.answer_text and "王小明" in app.answer_text


def test_refused_transition_writes_nothing(street, street_clerk):
    app = new_app(street, street_clerk)
    app = actions.do_transition(app.pk, Event.WITHDRAW, street_clerk, D("2026-09-29"), {"reason": "撤回"})
    before = ApplicationEvent.objects.count()
    with pytest.raises(TransitionRefused) as exc:
        actions.do_transition(app.pk, Event.ANSWER, street_clerk, D("2026-09-30"), {"outcome": "disclosed"})
    assert "撤回" in exc.value.message
    assert ApplicationEvent.objects.count() == before
    app.refresh_from_db()
    assert app.state == State.CLOSED_OTHER and app.outcome == "other"


def test_second_extension_refused(street, street_clerk, street_head):
    app = new_app(street, street_clerk)
    actions.do_transition(app.pk, Event.EXTEND, street_head, D("2026-10-20"), {"days": 20, "reason": "调档"})
    with pytest.raises(TransitionRefused) as exc:
        actions.do_transition(app.pk, Event.EXTEND, street_head, D("2026-10-21"), {"days": 5, "reason": "再延"})
    assert exc.value.code == "procedure.not_allowed"
    # a clerk (not the head) must name the approving head
    other = new_app(street, street_clerk)
    with pytest.raises(TransitionRefused):
        actions.do_transition(other.pk, Event.EXTEND, street_clerk, D("2026-10-20"), {"days": 5, "reason": "调档"})


def test_only_own_staff_may_act(street, district_clerk, street_clerk):
    app = new_app(street, street_clerk)
    with pytest.raises(actions.ActionRefused) as exc:
        actions.do_transition(app.pk, Event.ACCEPT, district_clerk, D("2026-09-29"))
    assert exc.value.code == "casework.forbidden"
    with pytest.raises(actions.ActionRefused):
        new_app(street, district_clerk)


def test_personal_data_visible_to_own_staff_only(client, street, district_clerk, street_clerk):
    app = new_app(street, street_clerk)
    answered = new_app(street, street_clerk)
    actions.do_transition(answered.pk, Event.ANSWER, street_clerk, D("2026-09-30"), {"outcome": "disclosed"})
    outsider = make_staff("outsider", street.__class__.objects.create(name="无关机关", code="lone"))

    client.force_login(street_clerk)
    page = client.get(reverse("casework:detail", args=[app.pk])).content.decode()
    assert "王小明" in page and "110101199001011234" in page and "13800000000" in page
    assert "王小明" in client.get(reverse("casework:open_list")).content.decode()
    assert client.get(reverse("casework:answer", args=[answered.pk])).status_code == 200

    client.force_login(district_clerk)  # supervising office: sees the case, not the person
    page = client.get(reverse("casework:detail", args=[app.pk])).content.decode()
    assert app.tracking_code in page
    for secret in ("王小明", "110101199001011234", "13800000000", "wxm@example.cn", "某路1号"):
        assert secret not in page
    listing = client.get(reverse("casework:open_list")).content.decode()
    assert app.tracking_code in listing and "王小明" not in listing
    assert client.get(reverse("casework:answer", args=[answered.pk])).status_code == 404

    client.force_login(outsider)
    assert client.get(reverse("casework:detail", args=[app.pk])).status_code == 404
    assert app.tracking_code not in client.get(reverse("casework:open_list")).content.decode()


def test_open_list_shows_due_date_days_left_and_explanation(client, street, street_clerk):
    app = new_app(street, street_clerk, submitted="2026-09-28")
    client.force_login(street_clerk)
    page = client.get(reverse("casework:open_list")).content.decode()
    assert app.tracking_code in page
    assert "2026-10-30" in page  # 20 WD after 09-28 across 国庆 (see tests/test_workdays.py)
    assert "跳过节假日：2026-10-01 至 2026-10-07（国庆节，7天）" in page
    assert "计入调休上班日：2026-10-10（星期六，国庆节调休）" in page


def test_back_office_transition_form_and_chinese_error(client, street, street_clerk):
    app = new_app(street, street_clerk)
    client.force_login(street_clerk)
    url = reverse("casework:transition", args=[app.pk, "extend"])
    resp = client.post(
        url,
        {"extend-on": "2026-10-20", "extend-days": "25", "extend-reason": "调档", "extend-approved_by": "张主任"},
        follow=True,
    )
    assert "延长答复期限未执行：延长期限应为1至20个工作日" in resp.content.decode()
    app.refresh_from_db()
    assert app.state == State.RECEIVED and app.extension_wd == 0
    resp = client.post(
        reverse("casework:transition", args=[app.pk, "answer"]),
        {"answer-on": "2026-10-09", "answer-outcome": "not_exist"},
        follow=True,
    )
    assert "已登记：作出答复" in resp.content.decode()
    app.refresh_from_db()
    assert app.state == State.ANSWERED and app.outcome == "not_exist"


def test_register_through_the_form(client, street, street_clerk):
    client.force_login(street_clerk)
    resp = client.post(
        reverse("casework:new"), {**APPLICANT, "channel": "fax", "submitted_on": "2026-11-20"}, follow=True
    )
    assert resp.status_code == 200
    app = Application.objects.get()
    assert app.agency == street and app.state == State.SUBMITTED and app.tracking_code in resp.content.decode()


def test_answer_document_uses_the_agency_template(street, street_clerk):
    AnswerTemplate.objects.create(
        agency=street,
        outcome="",
        title="答复书",
        body="{{ agency.name }}答复{{ application.tracking_code }}：{{ outcome_label }}，{{ answered_on }}",
    )
    app = new_app(street, street_clerk)
    app = actions.do_transition(app.pk, Event.ANSWER, street_clerk, D("2026-10-09"), {"outcome": "disclosed"})
    assert (
        app.answer_text.strip() == f"某街道办事处答复{app.tracking_code}：予以公开（第三十六条第二项），2026年10月09日"
    )


def test_calendar_year_entered_in_admin_table_removes_the_provisional_flag(client, street, street_clerk):
    app = new_app(street, street_clerk, submitted="2026-12-10")
    client.force_login(street_clerk)
    page = client.get(reverse("casework:detail", args=[app.pk])).content.decode()
    assert "暂定" in page and "2027年" in page
    # staff enter the 2027 notice (test values, not the real notice) and declare the year complete
    CalendarDay.objects.create(day=D("2027-01-01"), kind="off", name="元旦", basis="测试")
    CalendarYear.objects.create(year=2027, basis="测试：国务院办公厅关于2027年部分节假日安排的通知")
    page = client.get(reverse("casework:detail", args=[app.pk])).content.decode()
    assert "暂定" not in page
    # 12-11 = 1, 14..18 = 6, 21..25 = 11, 28..31 = 15, 01-01 off, 01-04..07 = 19, 01-08 = 20
    assert "2027-01-08" in page and "跳过节假日：2027-01-01（元旦，1天）" in page


def test_agency_calendar_row_wins(street, street_clerk):
    from xxgk.web.casework.calendar import calendar_for

    CalendarDay.objects.create(agency=street, day=D("2026-10-09"), kind="off", name="本地节日")
    assert not calendar_for(street.pk).is_working_day(D("2026-10-09"))
    assert calendar_for(None).is_working_day(D("2026-10-09"))


def test_attachment_upload(client, street, street_clerk, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    app = new_app(street, street_clerk)
    client.force_login(street_clerk)
    up = SimpleUploadedFile("申请表.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    client.post(reverse("casework:attach", args=[app.pk]), {"file": up})
    att = app.attachments.get()
    assert att.name == "申请表.pdf" and att.file.read() == b"%PDF-1.4 test"
    assert app.events.filter(event="attach").exists()
    url = reverse("casework:attachment", args=[app.pk, att.pk])
    resp = client.get(url)
    assert resp.status_code == 200 and b"".join(resp.streaming_content) == b"%PDF-1.4 test"
    client.force_login(make_staff("district_staff", street.parent))
    assert client.get(url).status_code == 404  # the supervising office does not see applicants' files


def test_admin_and_api_pages(admin_client, street, street_clerk):
    new_app(street, street_clerk)
    for url in (
        "/admin/casework/application/",
        "/admin/casework/calendarday/",
        "/admin/casework/calendaryear/",
        "/admin/casework/answertemplate/",
        "/admin/agencies/agency/",
        "/api/docs",
    ):
        assert admin_client.get(url).status_code == 200, url
    page = admin_client.get("/admin/casework/application/").content.decode()
    assert "政府信息公开申请" in page


def test_system_check_warns_until_next_year_is_entered(monkeypatch):
    from xxgk.web.casework import checks

    monkeypatch.setattr(checks.timezone, "localdate", lambda: D("2026-11-25"))
    found = checks.calendar_covers_this_and_next_year()
    assert [w.id for w in found] == ["xxgk.W001"] and "2027年" in found[0].msg
    CalendarYear.objects.create(year=2027, basis="测试")
    assert checks.calendar_covers_this_and_next_year() == []


def test_carried_over_application_is_marked_in_the_list(client, street, street_clerk):
    old = new_app(street, street_clerk, submitted="2025-12-29")
    client.force_login(street_clerk)
    page = client.get(reverse("casework:open_list")).content.decode()
    assert old.tracking_code in page and "（上年结转）" in page


def test_counting_the_day_of_receipt_is_a_setting(client, street, street_clerk, settings):
    new_app(street, street_clerk, submitted="2026-09-28")
    client.force_login(street_clerk)
    settings.XXGK_CLOCK = {"count_start_day": True}
    page = client.get(reverse("casework:open_list")).content.decode()
    assert "2026-10-29" in page and "当日计入期限" in page  # one working day earlier than 10-30


def test_api_deadline_and_status_without_personal_data(client, street, street_clerk):
    data = client.get("/api/casework/deadline", {"received": "2026-09-28", "extend": 20}).json()
    assert data["due"] == "2026-11-27" and data["working_days"] == 40 and data["explanation"][-1].startswith("到期日")
    resp = client.get("/api/casework/deadline", {"received": "2026-12-10"})
    assert resp.status_code == 400 and "workdays.calendar_missing" in resp.json()["detail"]
    assert client.get("/api/casework/deadline", {"received": "2026-12-10", "provisional": True}).json()["provisional"]

    app = new_app(street, street_clerk, submitted="2026-09-28")
    status = client.get(f"/api/casework/status/{app.tracking_code.lower()}").json()
    assert status["state"] == "received" and status["due"] == "2026-10-30"
    assert "王小明" not in str(status) and "1380000" not in str(status)
    assert client.get("/api/casework/status/AAAA-BBBB-CCCC-DDDD").status_code == 404


def test_answer_document_as_docx(client, street, street_clerk):
    import io

    from docx import Document

    app = new_app(street, street_clerk)
    actions.do_transition(app.pk, Event.ANSWER, street_clerk, D("2026-10-09"), {"outcome": "not_exist"})
    client.force_login(street_clerk)
    resp = client.get(reverse("casework:answer", args=[app.pk]) + "?format=docx")
    assert resp.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(resp.content)).paragraphs)
    assert text.startswith("政府信息公开申请答复书") and app.tracking_code in text and "政府信息不存在" in text


# --------------------------------------------------------------------------- issue 4 audit gaps


def test_late_correction_notice_is_refused_in_the_back_office(client, street, street_clerk):
    # R = 2026-09-28; the 7-WD limit of 第三十条 ends 2026-10-13 (tests/test_procedure.py)
    app = new_app(street, street_clerk)
    client.force_login(street_clerk)
    before = ApplicationEvent.objects.count()
    resp = client.post(
        reverse("casework:transition", args=[app.pk, "request_correction"]),
        {"request_correction-on": "2026-11-20", "request_correction-correction_due": "2026-12-04"},
        follow=True,
    )
    page = resp.content.decode()
    assert "发出补正通知未执行：补正通知应在收到申请之日（2026-09-28）起7个工作日内发出，已于2026-10-13届满" in page
    app.refresh_from_db()
    assert app.state == State.RECEIVED and app.correction_requested_on is None and app.corrected_on is None
    assert ApplicationEvent.objects.count() == before
    # the calendar the guard uses is the agency's: a local rest day on 10-13 moves the limit to 10-14
    CalendarDay.objects.create(agency=street, day=D("2026-10-13"), kind="off", name="本地节日")
    app = actions.do_transition(
        app.pk, Event.REQUEST_CORRECTION, street_clerk, D("2026-10-14"), {"correction_due": "2026-10-30"}
    )
    assert app.state == State.AWAITING_CORRECTION


def test_fee_notice_is_computed_stored_shown_and_written(client, street, street_clerk, district_clerk):
    app = new_app(street, street_clerk)
    actions.do_transition(app.pk, Event.ACCEPT, street_clerk, D("2026-09-29"))
    data = {
        "fee_basis": "pieces",
        "quantity": 25,
        "earlier_in_month": 10,
        "payment_method": "凭非税收入缴款通知书到代理银行缴纳",
        "notice_received_on": D("2026-10-14"),
        "reason": "一个自然月内申请数量明显超过合理范围",
    }
    app = actions.do_transition(app.pk, Event.SEND_FEE_NOTICE, street_clerk, D("2026-10-12"), data)
    app.refresh_from_db()
    assert app.fee_amount == 3000 and app.fee_basis == "pieces" and app.fee_quantity == 25
    assert app.fee_earlier_in_month == 10 and app.fee_payment_method == data["payment_method"]
    notice = app.fee_notice_text
    for part in (
        "计费依据：按件计收",
        "收费标准：按件计收，超额累进",
        "第11—30件：20件×100元＝2000元",
        "第31—35件：5件×200元＝1000元",
        "收费金额：人民币3000元",
        "缴费方式：凭非税收入缴款通知书到代理银行缴纳",
        "2026年11月11日前",  # 20 WD from the day after 10-14 (tests/test_procedure.py)
        "王小明",
    ):
        assert part in notice, part
    logged = app.events.get(event="send_fee_notice").data
    assert logged["amount"] == "3000" and "合计：3000元" in logged["computation"]
    client.force_login(street_clerk)
    page = client.get(reverse("casework:detail", args=[app.pk])).content.decode()
    assert "第31—35件：5件×200元＝1000元" in page and "合计：3000元" in page
    assert client.get(reverse("casework:fee_notice", args=[app.pk])).content.decode() == notice
    client.force_login(district_clerk)  # supervising office: no notice (it names the applicant)
    assert client.get(reverse("casework:fee_notice", args=[app.pk])).status_code == 404


def test_fee_notice_form_refuses_a_free_typed_amount_that_does_not_match(client, street, street_clerk):
    app = new_app(street, street_clerk)
    actions.do_transition(app.pk, Event.ACCEPT, street_clerk, D("2026-09-29"))
    client.force_login(street_clerk)
    resp = client.post(
        reverse("casework:transition", args=[app.pk, "send_fee_notice"]),
        {
            "send_fee_notice-on": "2026-10-12",
            "send_fee_notice-fee_basis": "pages",
            "send_fee_notice-quantity": "250",
            "send_fee_notice-amount": "5000",
            "send_fee_notice-payment_method": "银行转账",
        },
        follow=True,
    )
    assert "与按收费标准计算的金额（4700元）不一致" in resp.content.decode()
    app.refresh_from_db()
    assert app.state == State.PROCESSING and app.fee_amount is None


def test_unpaid_fee_with_a_deadline_in_an_unknown_year_is_recorded_and_flagged(street, street_clerk):
    app = new_app(street, street_clerk, submitted="2026-12-01")
    actions.do_transition(app.pk, Event.ACCEPT, street_clerk, D("2026-12-01"))
    data = {"fee_basis": "pages", "quantity": 40, "payment_method": "银行转账", "notice_received_on": D("2026-12-10")}
    actions.do_transition(app.pk, Event.SEND_FEE_NOTICE, street_clerk, D("2026-12-09"), data)
    # payment due 2027-01-07 on weekends alone (2027 not in the calendar): before it, refused …
    with pytest.raises(TransitionRefused) as exc:
        actions.do_transition(app.pk, Event.FEE_UNPAID, street_clerk, D("2027-01-07"))
    assert exc.value.code == "procedure.fee_not_due" and "暂定" in exc.value.message
    # … after it, recorded (not the missing-2027 error), with the flag in the audit log
    app = actions.do_transition(app.pk, Event.FEE_UNPAID, street_clerk, D("2027-01-08"))
    assert app.state == State.CLOSED_ABANDONED and app.outcome == "abandoned_fee_unpaid"
    ev = app.events.get(event="fee_unpaid")
    assert ev.data["payment_due"] == "2027-01-07" and ev.data["payment_due_provisional"] is True
    assert "缴费期限2027-01-07为暂定" in ev.reason and "2027年" in ev.reason


def test_detail_and_list_say_overdue_the_same_way(client, street, street_clerk, monkeypatch):
    from django.utils import timezone

    app = new_app(street, street_clerk, submitted="2026-09-28")  # due 2026-10-30
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: D("2026-11-25"))
    client.force_login(street_clerk)
    # 10-30 → 11-25: 11-02..06 = 5, 09..13 = 10, 16..20 = 15, 23..25 = 18 working days
    detail = client.get(reverse("casework:detail", args=[app.pk])).content.decode()
    listing = client.get(reverse("casework:open_list")).content.decode()
    assert "已逾期 18 个工作日" in detail and "已逾期 18 个工作日" in listing
    assert "剩余 -" not in detail and "剩余 -" not in listing


def test_consultation_dates_reply_and_notice_to_the_objecting_third_party(client, street, street_clerk):
    app = new_app(street, street_clerk)
    client.force_login(street_clerk)
    client.post(
        reverse("casework:transition", args=[app.pk, "consult_third_party"]),
        {"consult_third_party-on": "2026-10-12", "consult_third_party-letter_received_on": "2026-10-14"},
    )
    client.post(
        reverse("casework:transition", args=[app.pk, "consultation_ended"]),
        {"consultation_ended-on": "2026-10-16", "consultation_ended-reply": "objection"},
    )
    pause = ClockPause.objects.get(application=app)
    assert (pause.started_on, pause.letter_received_on, pause.ended_on) == (
        D("2026-10-12"),
        D("2026-10-14"),
        D("2026-10-16"),
    )
    assert pause.reply == "objection"
    url = reverse("casework:transition", args=[app.pk, "answer"])
    page = client.post(url, {"answer-on": "2026-10-20", "answer-outcome": "disclosed"}, follow=True).content.decode()
    assert "作出答复未执行：第三方不同意公开，决定予以公开的，应将决定公开的内容和理由书面告知第三方" in page
    client.post(
        url,
        {
            "answer-on": "2026-10-20",
            "answer-outcome": "disclosed",
            "answer-third_party_notice_on": "2026-10-20",
            "answer-third_party_notice": "涉及公共安全，决定公开检测报告",
        },
    )
    app.refresh_from_db()
    assert app.state == State.ANSWERED and app.third_party_notice_on == D("2026-10-20")
    page = client.get(reverse("casework:detail", args=[app.pk])).content.decode()
    assert "2026-10-14" in page and "不同意公开（提出异议及理由）" in page
    assert "已于 2026-10-20 书面告知第三方：涉及公共安全，决定公开检测报告" in page


def test_silence_is_judged_on_the_agencys_calendar(street, street_clerk):
    # letter received Wed 2026-10-14: on the package calendar the 15-WD reply window ends
    # 2026-11-04 (tests/test_procedure.py); the street's own rest day on 10-20 moves it to
    # 11-05, so 逾期未提出意见 on 11-05 is still too early there
    CalendarDay.objects.create(agency=street, day=D("2026-10-20"), kind="off", name="本地节日")
    app = new_app(street, street_clerk)
    actions.do_transition(
        app.pk, Event.CONSULT_THIRD_PARTY, street_clerk, D("2026-10-12"), {"letter_received_on": "2026-10-14"}
    )
    with pytest.raises(TransitionRefused) as err:
        actions.do_transition(app.pk, Event.CONSULTATION_ENDED, street_clerk, D("2026-11-05"), {"reply": "silence"})
    assert err.value.code == "procedure.consultation_not_due" and "至2026-11-05" in err.value.message
    app = actions.do_transition(app.pk, Event.CONSULTATION_ENDED, street_clerk, D("2026-11-06"), {"reply": "silence"})
    assert app.pauses.get().reply == "silence"
