"""Numbers stated in the prose, on sentences in the forms real reports use."""

from __future__ import annotations

import re

import pytest

from tests.corpus import CORPUS, require_corpus
from xxgk.read import parse_file
from xxgk.read.document import Line, Token
from xxgk.read.facts import find_facts
from xxgk.read.paragraphs import join_wrapped_lines
from xxgk.read.text import read_text
from xxgk.report import Fact, Source


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # channels enumerated in one clause: each its own figure (as the sentence generator writes them)
        (
            "全年主动公开政府信息50条，其中政府网站13条、政务微信10条、政务微博6条、公开栏、电子屏3条、其他渠道18条。",
            {
                "proactive_total": 50,
                "proactive_by_channel": {"website": 13, "wechat": 10, "weibo": 6, "board": 3, "other": 18},
            },
        ),
        # two channels, one figure: whose it is cannot be said
        ("全年在政府网站和政务微信发布信息300条。", {}),
        # a channel named in a breakdown by content is a category there, not a channel
        (
            "全年共发布政府信息60条，其中：政策文件9条；人事信息7条；重点工作39条；政府网站信息5条。",
            {"proactive_total": 60},
        ),
        ("全年通过政府网站主动公开各类政府信息 5500 余条。", {}),
        ("全年共公布政府信息2599条。", {"proactive_total": 2599}),
        ("全年主动公开涉及教育、医疗等重点领域各类政府信息11543件。", {"proactive_total": 11543}),
        ("全年主动公开涉及疫情防控的政府信息120条。", {}),
        ("政务公开栏更新16期。", {"proactive_by_channel": {"board": 16}}),
        ("本局共收到依申请信息公开8件。", {"applications_received": 8}),
        ("今年共收到20份依申请公开，均已答复。", {"applications_received": 20}),
        ("全年共答复政府信息公开申请20件。", {}),
        ("本年度未发生政府信息公开收费事项。", {"fees_collected": 0}),
        ("行政事业性收费情况未发生变化。", {}),
        # no improper fee is no statement of the fees collected (never a guessed 0)
        ("本机关全年无乱收费现象。", {}),
        ("严格执行收费标准，未出现违规收费行为。", {}),
        ("不存在不合理收费情况。", {}),
        # suggestions and proposals counted in 个 (no 件/条 on the line)
        ("全年收到人大代表建议3个、政协提案2个。", {"npc_suggestions": 3, "cppcc_proposals": 2}),
    ],
)
def test_prose_facts_more_forms(text: str, expected: dict[str, object]) -> None:
    assert facts_of(text) == expected


# Every fact the reports of the corpus state in their prose (read by hand; sentences
# paraphrased), and no other: a figure that is not stated, or stated ambiguously, is absent.
CORPUS_FACTS: dict[str, dict[str, object]] = {
    # 全年审核发布的各类公开信息共249条 (broken down by content: 政府网站信息 is a category
    # there); 收到依申请公开26件; 本年未发生收费
    "public/shuyang-fgj-2023.html": {"proactive_total": 249, "applications_received": 26, "fees_collected": 0},
    # 全年主动公开20条, 网站129条, 微信公众号366条, 公开栏16期; 收到20份依申请公开, 未收费
    "public/putian-cgj-2023.html": {
        "proactive_total": 20,
        "applications_received": 20,
        "fees_collected": 0,
        "proactive_by_channel": {"website": 129, "wechat": 366, "board": 16},
    },
    # 全年主动公开重点领域各类政府信息11543件 (办结的申请545件 is no count of applications received)
    "public/putian-2019.txt": {"proactive_total": 11543},
    # 区内各单位共公布政府信息2599条 (a later 全年共发布信息291条 is one department's)
    "public/pingtan-2019.txt": {"proactive_total": 2599},
    # 部门网站发布393件; 收到申请34件; 人大代表建议50件、政协提案85件; 未发生收费
    "public/shanghai-kewei-2024.md": {
        "applications_received": 34,
        "npc_suggestions": 50,
        "cppcc_proposals": 85,
        "fees_collected": 0,
        "proactive_by_channel": {"website": 393},
    },
    # figures broken across lines by the crawler: none stated in a readable sentence
    "public/sanming-2019.txt": {},
    "public/sanming-2021.txt": {},
    # 网站主动公开政府信息5500余条 (not a count); 全市受理申请3119件; 收取信息处理费3940元
    "files/huaian-2024.pdf": {"applications_received": 3119, "fees_collected": 3940},
    # 政府网站平台公开1136条 / 2428条; 受理申请21件 / 17件; 信息处理费0元
    "files/huaian-hongze-2023.pdf": {
        "applications_received": 21,
        "fees_collected": 0,
        "proactive_by_channel": {"website": 1136},
    },
    "files/huaian-hongze-2024.pdf": {
        "applications_received": 17,
        "fees_collected": 0,
        "proactive_by_channel": {"website": 2428},
    },
}


@pytest.mark.corpus
@pytest.mark.parametrize("name", sorted(CORPUS_FACTS))
def test_corpus_report_facts(name: str) -> None:
    require_corpus()
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"{name} is not in the corpus at {CORPUS}")
    report = parse_file(path)
    got = report.to_dict()["facts"]
    assert got == CORPUS_FACTS[name]
    for fact in [*report.facts.values(), *report.channel_facts.values()]:
        assert fact.source is not None and fact.raw


# --------------------------------------------------------------------------- PDF paragraphs

LEFT, RIGHT, H = 80.0, 620.0, 16.0  # a wide page: the words are measured roughly


def _printed(text: str, top: float, x0: float = LEFT) -> Line:
    """One printed PDF line, split into words at spaces (a Chinese character one line
    height wide, a Latin one half that, 4 points between words)."""
    tokens = []
    x = x0
    for word in text.split():
        width = sum(H / 2 if c.isascii() else H for c in word)
        tokens.append(Token(word, Source(kind="pdf", page=1, bbox=(x, top, x + width, top + H))))
        x += width + 4
    return Line(tokens=tokens, source=Source(kind="pdf", page=1, bbox=(x0, top, x - 4, top + H)))


def _pdf_facts(printed: list[str]) -> tuple[dict[str, Fact], dict[str, Fact]]:
    """Facts of a paragraph printed over these lines (the first indented, each but the
    last running to the right margin as a PDF wraps it), read as the PDF reader does."""
    lines = [_printed("一、总体情况", 60, x0=LEFT + 2 * H)]
    for i, text in enumerate(printed):
        line = _printed(text, 100 + 26 * i, x0=LEFT + 2 * H if i == 0 else LEFT)
        if i < len(printed) - 1:  # justified to the right margin
            assert line.source.bbox is not None and line.source.bbox[2] <= RIGHT, text
            line.source = Source(kind="pdf", page=1, bbox=(*line.source.bbox[:2], RIGHT, line.source.bbox[3]))
        lines.append(line)
    joined = join_wrapped_lines(lines)
    assert len(joined) == 2, [line.text for line in joined]
    return find_facts(joined)


def test_pdf_paragraph_channel_broken_across_lines() -> None:
    # seed 002 printed to PDF: 政府网/站 and a figure on the next line
    facts, channels = _pdf_facts(
        [
            "2020 年，温泉镇共计主动公开政府信息 773 条。其中，通过政府网",
            "站主动公开政府信息 122 条，“自在温泉”微信公众号 411 条，“康",
            "养圣地温泉镇”政务微博 240 条。",
        ]
    )
    assert {k: f.value for k, f in channels.items()} == {"website": 122, "wechat": 411, "weibo": 240}
    assert channels["website"].raw == "通过政府网站主动公开政府信息 122 条"
    assert channels["weibo"].raw == "“康养圣地温泉镇”政务微博 240 条"
    assert facts["proactive_total"].value == 773
    # each fact's source is the printed line its figure is on
    tops = {k: f.source.bbox[1] for k, f in {**facts, **channels}.items() if f.source and f.source.bbox}
    assert tops == {"proactive_total": 100, "website": 126, "wechat": 126, "weibo": 152}
    website = channels["website"].source
    assert website is not None and website.bbox is not None
    assert (website.page, website.bbox[0], website.bbox[1], website.bbox[3]) == (1, LEFT, 126, 142)


def test_pdf_paragraph_content_breakdown_begun_on_an_earlier_line() -> None:
    # shuyang-fgj-2023 printed to PDF: 其中 two lines before 政府网站信息 185 条 (a category, not a channel)
    facts, channels = _pdf_facts(
        [
            "全年共审核发布各类公开政府信息 249 条，其中：发布行政公",
            "文和政策解读信息 9 条；机构设置和人事任免信息 7 条；重点",
            "工作 39 条；财政预决算信息 6 条；信息公开年度报告 1 条；政",
            "府信息公开指南 1 条；政府网站信息 185 条；政府信息公开制",
            "度 1 条。",
        ]
    )
    assert channels == {}
    assert {k: f.value for k, f in facts.items()} == {"proactive_total": 249}


def test_pdf_paragraph_number_on_the_next_line() -> None:
    # huaian-2024 printed to PDF: 申请 / 3119 件; seed 000: 提案 0 / 件
    facts, _ = _pdf_facts(["2024 年，全市共受理政府信息公开申请", "3119 件，答复 3050 件。"])
    assert facts["applications_received"].value == 3119
    assert facts["applications_received"].raw == "全市共受理政府信息公开申请 3119 件"
    facts, _ = _pdf_facts(["2020 年，我街道收到人大代表建议 0 件、政协委员提案 0", "件。"])
    assert (facts["npc_suggestions"].value, facts["cppcc_proposals"].value) == (0, 0)


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["huaian-2024.pdf", "huaian-hongze-2023.pdf", "huaian-hongze-2024.pdf"])
def test_real_pdf_fact_source_is_the_printed_line_of_its_figure(name: str) -> None:
    import pdfplumber

    require_corpus()
    path = CORPUS / "files" / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    report = parse_file(path)
    found = {**report.facts, **report.channel_facts}
    assert found
    with pdfplumber.open(path) as pdf:
        for key, fact in found.items():
            s = fact.source
            assert s is not None and s.kind == "pdf" and s.page is not None and s.bbox is not None
            x0, top, x1, bottom = s.bbox
            assert bottom - top < 2 * 18, f"{key}: {s.bbox} is more than one printed line"
            printed = pdf.pages[s.page - 1].crop((x0 - 1, top - 1, x1 + 1, bottom + 1)).extract_text()
            figure = re.search(r"\d+(?:\.\d+)?\s*(?:件|条|元)", fact.raw)
            assert figure is not None
            assert figure.group().replace(" ", "") in printed.replace(" ", ""), (key, fact.raw, printed)


def test_a_long_sentence_is_cut_once_not_once_per_channel_clause(monkeypatch: pytest.MonkeyPatch) -> None:
    """A sentence naming channels in many clauses (a hostile or merged page) is looked
    at once: per clause, the cost would be the sentence's length each time (quadratic)."""
    import xxgk.read.facts as facts_module

    calls: list[tuple[int, int]] = []
    real = facts_module._breakdown_by_content

    def counting(marked: str, start: int, end: int) -> int | None:
        calls.append((start, end))
        return real(marked, start, end)

    monkeypatch.setattr(facts_module, "_breakdown_by_content", counting)
    text = "微信公众号发布信息5条，" * 200 + "其中政策文件3条、机构职能2条、财政信息1条。政务微博发布信息7条。"
    # the wechat clauses come before the breakdown by content (其中…): a channel there (the first figure wins)
    assert facts_of(text) == {"proactive_by_channel": {"wechat": 5, "weibo": 7}}
    assert len(calls) == 2  # one per sentence
