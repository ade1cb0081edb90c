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


@pytest.mark.django_db
def test_staff_add_and_rename_categories_with_events(street, district, street_clerk, district_clerk):
    from xxgk.web.disclosure.models import CatalogueEvent

    top = actions.do_add_category(street, "财政信息", street_clerk)
    sub = actions.do_add_category(street, "部门预算", street_clerk, parent=top, position=2)
    item = publish(
        actions.do_create_item(street, "2025年部门预算", street_clerk, category=sub),
        street_clerk,
        {"website": D("2025-02-01")},
    )
    with pytest.raises(actions.DisclosureError) as exc:
        actions.do_add_category(street, " 财政信息 ", street_clerk)
    assert exc.value.code == "disclosure.category_exists"
    with pytest.raises(actions.DisclosureError) as exc:
        actions.do_add_category(street, "某类", district_clerk)  # the supervisor does not write
    assert exc.value.code == "disclosure.forbidden"
    other = actions.do_add_category(district, "区级信息", district_clerk)
    with pytest.raises(actions.DisclosureError) as exc:
        actions.do_add_category(street, "某类", street_clerk, parent=other)
    assert exc.value.code == "disclosure.category_agency"
    renamed = actions.do_edit_category(sub, street_clerk, name="部门预算决算", position=1)
    assert (renamed.name, renamed.position) == ("部门预算决算", 1)
    item.refresh_from_db()
    assert item.category == renamed  # the items keep their category
    actions.do_edit_category(sub, street_clerk, name="部门预算决算", position=1)  # no change, no event
    with pytest.raises(actions.DisclosureError) as exc:
        actions.do_edit_category(sub, street_clerk, name="  ")
    assert exc.value.code == "disclosure.category_name_required"
    log = list(CatalogueEvent.objects.filter(category=sub).values_list("action", "extra"))
    assert log == [
        ("add", {"name": "部门预算", "parent": "财政信息", "position": 2}),
        ("rename", {"name": {"from": "部门预算", "to": "部门预算决算"}, "position": {"from": 2, "to": 1}}),
    ]


@pytest.mark.django_db
def test_a_draft_is_edited_with_an_event_a_published_item_is_not(street, district, street_clerk, district_clerk):
    a = actions.do_add_category(street, "规划信息", street_clerk)
    b = actions.do_add_category(street, "财政信息", street_clerk)
    item = actions.do_create_item(street, "某规划（征求意见稿）", street_clerk, category=a, summary="旧摘要")
    item = actions.do_edit_item(item, street_clerk, title="某片区控制性详细规划", category=b, summary="新摘要")
    assert (item.title, item.category, item.summary) == ("某片区控制性详细规划", b, "新摘要")
    edit = DisclosureEvent.objects.get(item=item, action="edit")
    assert (edit.from_state, edit.to_state) == ("drafted", "drafted")
    assert edit.extra == {
        "title": {"from": "某规划（征求意见稿）", "to": "某片区控制性详细规划"},
        "category": {"from": "规划信息", "to": "财政信息"},
        "summary": {"from": "旧摘要", "to": "新摘要"},
    }
    with pytest.raises(actions.DisclosureError) as exc:
        actions.do_edit_item(item, street_clerk, title=" ")
    assert exc.value.code == "disclosure.title_required"
    with pytest.raises(actions.DisclosureError) as exc:
        actions.do_edit_item(item, district_clerk, title="改")
    assert exc.value.code == "disclosure.forbidden"
    other = actions.do_add_category(district, "区级信息", district_clerk)
    with pytest.raises(actions.DisclosureError) as exc:
        actions.do_edit_item(item, street_clerk, category=other)
    assert exc.value.code == "disclosure.category_agency"
    reviewed = actions.do_transition(item, "review", street_clerk)
    with pytest.raises(actions.DisclosureError) as exc:
        actions.do_edit_item(reviewed, street_clerk, title="审核后再改")
    assert exc.value.code == "disclosure.not_draft" and "退回" in exc.value.message
    published = publish(
        actions.do_create_item(street, "已发布的通知", street_clerk), street_clerk, {"website": D("2025-03-01")}
    )
    with pytest.raises(actions.DisclosureError) as exc:
        actions.do_edit_item(published, street_clerk, title="发布后再改")
    assert exc.value.code == "disclosure.not_draft" and "撤回" in exc.value.message
    published.refresh_from_db()
    assert published.title == "已发布的通知"
    assert DisclosureEvent.objects.filter(action="edit").count() == 1


@pytest.mark.django_db
def test_back_office_categories_and_draft_edit(client, street, street_clerk, district_clerk):
    client.force_login(street_clerk)
    r = client.post(f"/disclosure/{street.code}/categories/", {"name": "机构职能", "position": "0"}, follow=True)
    assert "已保存" in r.content.decode()
    from xxgk.web.disclosure.models import CatalogueCategory

    cat = CatalogueCategory.objects.get(agency=street, name="机构职能")
    client.post(f"/disclosure/{street.code}/categories/", {"name": "人事信息", "parent": str(cat.pk), "position": "3"})
    assert CatalogueCategory.objects.get(name="人事信息").parent == cat
    r = client.post(
        f"/disclosure/{street.code}/categories/",
        {"category": str(cat.pk), "name": "机构职能信息", "position": "1"},
        follow=True,
    )
    page = r.content.decode()
    assert "机构职能信息" in page and "改名" in page and "原名：机构职能" in page
    r = client.post(f"/disclosure/{street.code}/categories/", {"name": "", "position": "0"}, follow=True)
    assert "类别名称不能为空" in r.content.decode()
    r = client.post(f"/disclosure/{street.code}/categories/", {"name": "某类", "position": "第一"}, follow=True)
    assert "排序须为不小于0的整数" in r.content.decode()
    client.post(f"/disclosure/{street.code}/", {"title": "某公告（草稿）", "summary": ""})
    item = DisclosureItem.objects.get(title="某公告（草稿）")
    page = client.get(f"/disclosure/item/{item.pk}/").content.decode()
    assert "修改草稿" in page and f'action="/disclosure/item/{item.pk}/edit/"' in page
    r = client.post(
        f"/disclosure/item/{item.pk}/edit/",
        {"title": "某公告", "category": str(cat.pk), "summary": "关于某事项的公告"},
        follow=True,
    )
    item.refresh_from_db()
    assert (item.title, item.category, item.summary) == ("某公告", cat, "关于某事项的公告")
    assert "关于某事项的公告" in r.content.decode()
    publish(item, street_clerk, {"website": D("2025-06-01")})
    page = client.get(f"/disclosure/item/{item.pk}/").content.decode()
    assert "修改草稿" not in page and "撤回后重新登记" in page
    r = client.post(f"/disclosure/item/{item.pk}/edit/", {"title": "改标题"}, follow=True)
    assert "不能修改" in r.content.decode()
    item.refresh_from_db()
    assert item.title == "某公告"
    client.force_login(district_clerk)  # the supervisor sees the catalogue, without forms, and cannot write
    page = client.get(f"/disclosure/{street.code}/categories/").content.decode()
    assert "机构职能信息" in page and "新增类别" not in page
    r = client.post(f"/disclosure/{street.code}/categories/", {"name": "上级加的", "position": "0"}, follow=True)
    assert "只有本机关工作人员" in r.content.decode()
    assert not CatalogueCategory.objects.filter(name="上级加的").exists()


@pytest.mark.django_db
def test_the_admin_does_not_change_items_past_the_draft_rule(admin_client, street, street_clerk):
    # the admin lists items with their history, but edits go through do_edit_item (drafts
    # only, one event each): a published title cannot be rewritten there without a trace
    item = publish(
        actions.do_create_item(street, "2025年某片区控制性详细规划", street_clerk),
        street_clerk,
        {"website": D("2025-03-02")},
    )
    url = f"/admin/disclosure/disclosureitem/{item.pk}/change/"
    assert admin_client.get(url).status_code == 200  # still shown, read-only
    management = {
        f"{prefix}-{key}": value
        for prefix in ("channels", "events")
        for key, value in (
            ("TOTAL_FORMS", "0"),
            ("INITIAL_FORMS", "0"),
            ("MIN_NUM_FORMS", "0"),
            ("MAX_NUM_FORMS", "1000"),
        )
    }
    admin_client.post(
        url, {"title": "改写后的标题", "summary": "改写", "agency": street.pk, "category": "", **management}
    )
    item.refresh_from_db()
    assert item.title == "2025年某片区控制性详细规划" and item.summary == ""
    assert not DisclosureEvent.objects.filter(item=item, action="edit").exists()
    # nor deleted there, with its events
    admin_client.post(f"/admin/disclosure/disclosureitem/{item.pk}/delete/", {"post": "yes"})
    assert DisclosureItem.objects.filter(pk=item.pk).exists() and item.events.count() == 4
    category = actions.do_add_category(street, "规划信息", street_clerk)
    admin_client.post(f"/admin/disclosure/cataloguecategory/{category.pk}/delete/", {"post": "yes"})
    assert category.events.count() == 1
