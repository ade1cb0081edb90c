"""Numbers stated in the prose, on sentences in the forms real reports use."""

from __future__ import annotations

import pytest

from xxgk.read.facts import find_facts
from xxgk.read.text import read_text


def facts_of(text: str) -> dict[str, object]:
    facts, channels = find_facts(read_text(text).lines)
    out: dict[str, object] = {k: f.value for k, f in facts.items()}
    if channels:
        out["proactive_by_channel"] = {k: f.value for k, f in channels.items()}
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "2020年，温泉镇共计主动公开政府信息773条。其中，通过政府网站主动公开政府信息122条，“自在温泉”微信公众号411条，“康养圣地温泉镇”政务微博240条。",
            {"proactive_total": 773, "proactive_by_channel": {"website": 122, "wechat": 411, "weibo": 240}},
        ),
        (
            "街道通过区人民政府网,街道办事处微信公众号等媒体累计发布街道政务信息 3050 条。其中:政府网站公开政府信息 320 条,政务微信公开政府信息 1050 条,其他方式公开政府信息 1680 条。",
            {"proactive_total": 3050, "proactive_by_channel": {"website": 320, "wechat": 1050, "other": 1680}},
        ),
        (
            "全年主动公开政府信息1,234条，政务公开栏公开信息56条。",
            {"proactive_total": 1234, "proactive_by_channel": {"board": 56}},
        ),
        ("2021 年，收到区人大代表建议 0 件、区政协委员提案 5 件。", {"npc_suggestions": 0, "cppcc_proposals": 5}),
        ("2020年我办未收到相关申请。", {"applications_received": 0}),
        ("全年收到政务信息公开申请共12件。", {"applications_received": 12}),
        ("2021 年，无收取信息处理费情况。", {"fees_collected": 0}),
        ("全年收取政府信息公开信息处理费 3940 元。", {"fees_collected": 3940}),
        ("其他应主动公开政府信息856条。", {}),
        ("今年共发布征地信息61条。", {}),
        ("2020年全年因政府信息公开被申请行政复议2件。", {}),
    ],
)
def test_prose_facts(text: str, expected: dict[str, object]) -> None:
    assert facts_of(text) == expected


def test_first_statement_wins_and_keeps_its_clause() -> None:
    facts, _ = find_facts(read_text("全年共主动公开政府信息20条。\n第二段：全年共主动公开政府信息99条。").lines)
    assert facts["proactive_total"].value == 20
    assert facts["proactive_total"].raw == "全年共主动公开政府信息20条"
    assert facts["proactive_total"].source is not None and facts["proactive_total"].source.line == 1
