"""The annual report of an agency assembled from all registers, as the same
``AnnualReport`` the parser produces (every number with a ``register`` source):

* table 二 — the figures entered per year (``table2.fill_table_2``);
* table 三 — counted from the application register by ``table3.fill_table_3`` (SQL ``GROUP BY``,
  the rules of ``xxgk.web.casework.annual.table_3_for``, checked equal by the tests);
* table 四 — the appeals register (``appeals.counts``);
* facts — 主动公开 totals and channels from the disclosure register, 人大建议/政协提案
  and 信息处理费 as entered;
* prose — the saved sections; a section left empty gets the computed sentences.

``build_rollup`` sums the reports of an agency and all the agencies it supervises."""

from __future__ import annotations

from decimal import Decimal

from xxgk.formats import edition_for_year
from xxgk.report import AnnualReport, Fact, Source
from xxgk.rollup import sum_reports
from xxgk.web.agencies.models import Agency
from xxgk.web.annual.models import AnnualFacts, AnnualText, Table2Figure
from xxgk.web.annual.table2 import Figures, fill_table_2
from xxgk.web.annual.table3 import fill_table_3
from xxgk.web.appeals.counts import fill_table_4
from xxgk.web.disclosure.counts import proactive_counts
from xxgk.write.sentences import suggested_sentences


def _figures(agency: Agency, year: int) -> Figures:
    rows = Table2Figure.objects.filter(agency=agency, year=year).values_list("row_key", "measure", "value")
    return {(r, m): v for r, m, v in rows}


def _fill_table_3(report: AnnualReport, agency: Agency, year: int) -> None:
    try:
        from xxgk.web.casework.models import Application  # noqa: F401 - is the application register installed?
    except ImportError:
        for key in report.spec.table("table_3").cell_keys():
            report.mark_unread(key, "依申请公开登记不可用，表三无法计算")
        return
    fill_table_3(report, agency, year)


def _fill_facts(report: AnnualReport, agency: Agency, year: int) -> None:
    src = Source(kind="register", query=f"{agency.name}：主动公开登记，{year}年内首次发布的信息")
    total, by_channel = proactive_counts([agency.pk], year)
    report.facts["proactive_total"] = Fact(total, f"{total}条", src)
    for channel, n in by_channel.items():
        q = Source(kind="register", query=f"{agency.name}：主动公开登记，{year}年内在该渠道发布的信息")
        report.channel_facts[channel] = Fact(n, f"{n}条", q)
    facts = AnnualFacts.objects.filter(agency=agency, year=year).first()
    if facts is None:
        return
    entered = Source(kind="register", query=f"{agency.name}：{year}年年报其他数据填报")
    if facts.npc_received is not None:
        report.facts["npc_suggestions"] = Fact(facts.npc_received, f"{facts.npc_received}件", entered)
    if facts.cppcc_received is not None:
        report.facts["cppcc_proposals"] = Fact(facts.cppcc_received, f"{facts.cppcc_received}件", entered)
    if facts.fees_collected is not None:
        fee = Decimal(facts.fees_collected)
        report.facts["fees_collected"] = Fact(fee, f"{fee}元", entered)


def answered_sentence(agency: Agency, year: int) -> str | None:
    """人大代表建议 / 政协委员提案 answered, as entered (not a fact of the report model)."""
    facts = AnnualFacts.objects.filter(agency=agency, year=year).first()
    if facts is None:
        return None
    parts = []
    if facts.npc_answered is not None:
        parts.append(f"人大代表建议{facts.npc_answered}件")
    if facts.cppcc_answered is not None:
        parts.append(f"政协委员提案{facts.cppcc_answered}件")
    return f"已办复{'、'.join(parts)}。" if parts else None


def suggestions(report: AnnualReport, agency: Agency, year: int) -> dict[str, list[str]]:
    found = suggested_sentences(report)
    answered = answered_sentence(agency, year)
    if answered:
        found.setdefault("overview", []).append(answered)
    return found


def _fill_texts(report: AnnualReport, agency: Agency, year: int) -> None:
    saved = dict(AnnualText.objects.filter(agency=agency, year=year).values_list("section_key", "text"))
    report.texts = {k: v for k, v in saved.items() if v.strip()}
    for section, sentences in suggestions(report, agency, year).items():
        if section not in report.texts:
            report.texts[section] = "\n".join(sentences)


def build_report(agency: Agency, year: int, *, texts: bool = True) -> AnnualReport:
    edition = edition_for_year(year)
    report = AnnualReport(edition=edition.key, year=year, agency=agency.name, region=agency.region or None)
    who = f"{agency.name}："
    fill_table_2(report, _figures(agency, year), _figures(agency, year - 1), who)
    _fill_table_3(report, agency, year)
    fill_table_4(report, [agency.pk], year, who)
    _fill_facts(report, agency, year)
    if texts:
        _fill_texts(report, agency, year)
    return report


def build_rollup_with_parts(agency: Agency, year: int) -> tuple[AnnualReport, list[AnnualReport]]:
    """The roll-up and the reports it sums (``agency`` first, then those it supervises)."""
    agencies = sorted(Agency.objects.filter(pk__in=agency.descendant_ids()), key=lambda a: (a.pk != agency.pk, a.pk))
    reports = [build_report(a, year, texts=False) for a in agencies]
    total = sum_reports(reports, agency=f"{agency.name}（含所属{len(agencies) - 1}个机关）汇总")
    total.region = agency.region or None
    for section, sentences in suggested_sentences(total).items():
        total.texts[section] = "\n".join(sentences)
    return total, reports


def build_rollup(agency: Agency, year: int) -> AnnualReport:
    """The tables of ``agency`` and of every agency it supervises, summed."""
    return build_rollup_with_parts(agency, year)[0]
