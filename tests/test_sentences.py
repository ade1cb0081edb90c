"""Computed figures offered as sentences for the prose sections."""

from __future__ import annotations

from decimal import Decimal

from tests.write_samples import balanced_report
from xxgk.report import Fact
from xxgk.write.sentences import suggested_sentences


def test_sentences_from_facts_and_tables() -> None:
    report = balanced_report("2021")
    report.facts["proactive_total"] = Fact(773, "773条")
    for k, v in {"website": 122, "wechat": 300, "weibo": 0, "board": 51, "other": 300}.items():
        report.channel_facts[k] = Fact(v, f"{v}条")
    report.facts["fees_collected"] = Fact(Decimal("0"), "0元")
    report.facts["npc_suggestions"] = Fact(3, "3件")
    s = suggested_sentences(report)
    assert (
        s["overview"][0]
        == "全年主动公开政府信息773条，其中政府网站122条、政务微信300条、公开栏、电子屏51条、其他渠道300条。"
    )
    t3 = [
        report.value(f"table_3.{k}.total") for k in ("new_received", "carried_over", "results_total", "carried_forward")
    ]
    assert (
        s["overview"][1]
        == f"全年新收政府信息公开申请{t3[0]}件，上年结转{t3[1]}件，办结{t3[2]}件，结转下年度继续办理{t3[3]}件。"
    )
    assert "人大代表建议3件" in s["overview"][-1]
    assert s["other_matters"] == ["全年未收取信息处理费。"]
    report.facts["fees_collected"] = Fact(Decimal("150.00"), "150元")
    assert suggested_sentences(report)["other_matters"] == ["全年收取信息处理费150元。"]


def test_no_sentence_from_a_missing_number() -> None:
    report = balanced_report("2019_trial")
    report.mark_unread("table_3.new_received.total", "测试")
    s = suggested_sentences(report)
    assert not any("新收" in x for x in s.get("overview", []))
    assert "other_matters" not in s
