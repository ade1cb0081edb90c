"""The computed figures of a report offered as sentences for its prose sections
(e.g. 全年主动公开政府信息773条，其中政府网站122条…).  Pure: reads the report's
facts and table cells; a figure that is not a number gives no sentence."""

from __future__ import annotations

from decimal import Decimal

from xxgk.report import CHANNEL_KEYS, AnnualReport

CHANNEL_WORDS = {
    "website": "政府网站",
    "wechat": "政务微信",
    "weibo": "政务微博",
    "board": "公开栏、电子屏",
    "other": "其他渠道",
}


def _fmt(v: int | Decimal) -> str:
    if isinstance(v, Decimal):
        return format(v.normalize(), "f") if v else "0"
    return str(v)


def proactive_sentence(report: AnnualReport) -> str | None:
    total = report.facts.get("proactive_total")
    if total is None:
        return None
    parts = [
        f"{CHANNEL_WORDS[k]}{_fmt(report.channel_facts[k].value)}条"
        for k in CHANNEL_KEYS
        if k in report.channel_facts and report.channel_facts[k].value
    ]
    tail = "，其中" + "、".join(parts) if parts else ""
    return f"全年主动公开政府信息{_fmt(total.value)}条{tail}。"


def applications_sentence(report: AnnualReport) -> str | None:
    keys = ("new_received", "carried_over", "results_total", "carried_forward")
    v = [report.value(f"table_3.{k}.total") for k in keys]
    if any(x is None for x in v):
        return None
    return f"全年新收政府信息公开申请{v[0]}件，上年结转{v[1]}件，办结{v[2]}件，结转下年度继续办理{v[3]}件。"


def appeals_sentence(report: AnnualReport) -> str | None:
    keys = ("review_total", "litigation_direct_total", "litigation_after_review_total")
    v = [report.value(f"table_4.count.{k}") for k in keys]
    if any(x is None for x in v):
        return None
    return f"全年因政府信息公开工作被申请行政复议{v[0]}件，被提起行政诉讼{int(v[1] or 0) + int(v[2] or 0)}件（其中复议后起诉{v[2]}件）。"


def fees_sentence(report: AnnualReport) -> str | None:
    fee = report.facts.get("fees_collected")
    if fee is None:
        return None
    if not fee.value:
        return "全年未收取信息处理费。"
    return f"全年收取信息处理费{_fmt(fee.value)}元。"


def proposals_sentence(report: AnnualReport) -> str | None:
    npc, cppcc = report.facts.get("npc_suggestions"), report.facts.get("cppcc_proposals")
    if npc is None and cppcc is None:
        return None
    parts = []
    if npc is not None:
        parts.append(f"人大代表建议{_fmt(npc.value)}件")
    if cppcc is not None:
        parts.append(f"政协委员提案{_fmt(cppcc.value)}件")
    return f"全年承办{'、'.join(parts)}。"


def suggested_sentences(report: AnnualReport) -> dict[str, list[str]]:
    """Section key → sentences built from the report's own figures."""
    out: dict[str, list[str]] = {}
    for section, makers in (
        ("overview", (proactive_sentence, applications_sentence, appeals_sentence, proposals_sentence)),
        ("other_matters", (fees_sentence,)),
    ):
        found = [s for s in (m(report) for m in makers) if s]
        if found:
            out[section] = found
    return out
