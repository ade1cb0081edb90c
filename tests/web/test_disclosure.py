"""主动公开 register: the review as a state table, channels, withdrawal, guide and catalogue pages."""

from __future__ import annotations

from datetime import date

import pytest

from xxgk.web.disclosure import actions, states
from xxgk.web.disclosure.counts import proactive_counts
from xxgk.web.disclosure.models import DisclosureEvent, DisclosureItem

D = date.fromisoformat


def publish(item, actor, channels):
    for action in ("review", "pass_secrecy"):
        item = actions.do_transition(item, action, actor)
    return actions.do_transition(item, "publish", actor, channels=channels)


@pytest.mark.django_db
def test_review_path_to_published_with_events(street, street_clerk):
    cat = actions.do_add_category(street, "规划信息", street_clerk)
    item = actions.do_create_item(street, "2025年某片区控制性详细规划", street_clerk, category=cat)
    assert item.state == states.DRAFTED
    item = publish(item, street_clerk, {"website": D("2025-03-02"), "wechat": D("2025-03-01")})
    assert item.state == states.PUBLISHED and item.published_on == D("2025-03-01")
    log = list(DisclosureEvent.objects.filter(item=item).values_list("action", "from_state", "to_state"))
    assert log == [
        ("create", "", "drafted"),
        ("review", "drafted", "reviewed"),
        ("pass_secrecy", "reviewed", "secrecy_passed"),
        ("publish", "secrecy_passed", "published"),
    ]
    assert DisclosureEvent.objects.get(item=item, action="publish").extra["channels"] == {
        "website": "2025-03-02",
        "wechat": "2025-03-01",
    }


@pytest.mark.django_db
def test_steps_cannot_be_skipped_and_reasons_are_required(street, street_clerk):
    item = actions.do_create_item(street, "某通知", street_clerk)
    with pytest.raises(actions.DisclosureError) as exc:
        actions.do_transition(item, "publish", street_clerk, channels={"website": D("2025-01-01")})
    assert exc.value.code == "disclosure.not_allowed"
    item = actions.do_transition(item, "review", street_clerk)
    with pytest.raises(actions.DisclosureError) as exc:
        actions.do_transition(item, "reject", street_clerk, reason="  ")
    assert exc.value.code == "disclosure.reason_required"
    item = actions.do_transition(item, "reject", street_clerk, reason="涉及个人信息")
    assert (item.state, item.reason) == (states.REJECTED, "涉及个人信息")
    item = actions.do_transition(item, "redraft", street_clerk)
    assert (item.state, item.reason) == (states.DRAFTED, "")
    item = actions.do_transition(item, "review", street_clerk)
    item = actions.do_transition(item, "pass_secrecy", street_clerk)
    with pytest.raises(actions.DisclosureError) as exc:
        actions.do_transition(item, "publish", street_clerk, channels={})
    assert exc.value.code == "disclosure.channel_required"
    with pytest.raises(actions.DisclosureError) as exc:
        actions.do_transition(item, "publish", street_clerk, channels={"tv": D("2025-01-01")})
    assert exc.value.code == "disclosure.unknown_channel"
    assert DisclosureItem.objects.get(pk=item.pk).state == states.SECRECY_PASSED  # nothing half-written


@pytest.mark.django_db
def test_only_own_staff_write(street, district_clerk, street_clerk):
    with pytest.raises(actions.DisclosureError) as exc:
        actions.do_create_item(street, "上级代写", district_clerk)
    assert exc.value.code == "disclosure.forbidden"
    item = actions.do_create_item(street, "本级", street_clerk)
    with pytest.raises(actions.DisclosureError):
        actions.do_transition(item, "review", district_clerk)


@pytest.mark.django_db
def test_counts_by_year_and_channel_and_withdrawal(street, district, street_clerk, district_clerk):
    a = publish(actions.do_create_item(street, "甲", street_clerk), street_clerk, {"website": D("2025-12-31")})
    publish(
        actions.do_create_item(street, "乙", street_clerk),
        street_clerk,
        {"website": D("2026-01-01"), "weibo": D("2026-01-02")},
    )
    actions.do_add_channel(a, "board", D("2026-01-05"), street_clerk)
    a = actions.do_transition(a, "withdraw", street_clerk, reason="内容有误", on=D("2026-02-01"))
    assert (a.state, a.withdrawn_on) == (states.WITHDRAWN, D("2026-02-01"))
    actions.do_create_item(street, "草稿不计", street_clerk)
    publish(actions.do_create_item(district, "区级", district_clerk), district_clerk, {"other": D("2025-05-05")})
    assert proactive_counts([street.pk], 2025) == (1, {"website": 1, "wechat": 0, "weibo": 0, "board": 0, "other": 0})
    total, by_channel = proactive_counts([street.pk], 2026)
    assert total == 1 and by_channel == {"website": 1, "wechat": 0, "weibo": 1, "board": 1, "other": 0}
    assert proactive_counts([street.pk, district.pk], 2025)[0] == 2


@pytest.mark.django_db
def test_guide_and_catalogue_pages(client, street, street_clerk):
    actions.do_save_page(street, "guide", "某街道政府信息公开指南", "一、主动公开\n二、依申请公开", street_clerk)
    cat = actions.do_add_category(street, "财政信息", street_clerk)
    publish(
        actions.do_create_item(street, "2025年部门预算", street_clerk, category=cat),
        street_clerk,
        {"website": D("2025-02-01")},
    )
    actions.do_create_item(street, "未发布的草稿", street_clerk, category=cat)
    page = client.get(f"/disclosure/{street.code}/guide/").content.decode()
    assert "某街道政府信息公开指南" in page and "二、依申请公开" in page
    page = client.get(f"/disclosure/{street.code}/catalogue/").content.decode()
    assert "财政信息" in page and "2025年部门预算" in page and "未发布的草稿" not in page
    assert client.get(f"/disclosure/{street.code}/").status_code == 302  # back office needs a login


@pytest.mark.django_db
def test_back_office_publish_through_the_form(client, street, street_clerk):
    client.force_login(street_clerk)
    r = client.post(f"/disclosure/{street.code}/", {"title": "某公告", "summary": ""})
    item = DisclosureItem.objects.get(title="某公告")
    assert r.status_code == 302
    for action in ("review", "pass_secrecy"):
        client.post(f"/disclosure/item/{item.pk}/transition/", {"action": action})
    client.post(
        f"/disclosure/item/{item.pk}/transition/",
        {"action": "publish", "channel_website": "1", "date_website": "2025-06-01"},
    )
    item.refresh_from_db()
    assert item.state == states.PUBLISHED and item.published_on == D("2025-06-01")
    client.post(f"/disclosure/item/{item.pk}/channel/", {"channel": "board", "date": "2025-06-03"})
    assert sorted(item.channels.values_list("channel", flat=True)) == ["board", "website"]
    r = client.post(f"/disclosure/{street.code}/pages/guide/", {"title": "指南", "body": "正文"})
    assert r.status_code == 302 and "正文" in client.get(f"/disclosure/{street.code}/guide/").content.decode()
    page = client.get(f"/disclosure/item/{item.pk}/").content.decode()
    assert "已发布" in page and "2025-06-01" in page
