"""Wrapped PDF prose joined back into paragraphs (xxgk.read.paragraphs)."""

from __future__ import annotations

import pytest

from tests.corpus import CORPUS, require_corpus
from xxgk.read.document import Line, Token
from xxgk.read.limits import Limits
from xxgk.read.paragraphs import join_wrapped_lines, paragraph_text, printed_line_source
from xxgk.report import Source

LEFT, RIGHT, H = 90.0, 505.0, 16.0


def _line(text: str, page: int, top: float, x0: float = LEFT, x1: float = RIGHT, table: int | None = None) -> Line:
    box = (x0, top, x1, top + H)
    tokens = [Token(piece, Source(kind="pdf", page=page, bbox=box)) for piece in text.split()]
    return Line(tokens=tokens, source=Source(kind="pdf", page=page, bbox=box), table=table)


def _texts(lines: list[Line]) -> list[str]:
    return [line.text for line in lines]


def test_a_paragraph_cut_at_the_margin_is_one_line_again() -> None:
    lines = [
        _line("一、总体情况", 1, 100, x0=LEFT + 32, x1=200),  # heading: indented and short
        _line("（二）依申请公开情况。2024年，区政府办代表区政府受理政府", 1, 120, x0=LEFT + 32),
        _line("信息公开申请 17 件，均已在法定期限内予以答复。", 1, 140, x1=300),  # ends short
        _line("（三）政府信息管理情况。加强区政府门户网站及政务新媒", 1, 160, x0=LEFT + 32),
        _line("体日常管理。", 1, 180, x1=200),
    ]
    assert _texts(join_wrapped_lines(lines)) == [
        "一、总体情况",
        "（二）依申请公开情况。2024年，区政府办代表区政府受理政府 信息公开申请 17 件，均已在法定期限内予以答复。",
        "（三）政府信息管理情况。加强区政府门户网站及政务新媒 体日常管理。",
    ]


def test_tokens_keep_their_own_page_and_box_across_a_page_break() -> None:
    lines = [
        _line("第一段开头的一行文字", 1, 700, x0=LEFT + 32),
        _line("一直写到页面右边", 1, 720),
        _line("最后一行也到右边", 1, 740),
        _line("下一页接着写完。", 2, 80, x1=250),
        _line("第二页的一行", 2, 100, x1=250),
        _line("第二页的又一行", 2, 120),
    ]
    joined = join_wrapped_lines(lines)
    assert joined[0].text == "第一段开头的一行文字 一直写到页面右边 最后一行也到右边 下一页接着写完。"
    assert [t.source.page for t in joined[0].tokens] == [1, 1, 1, 2]
    assert joined[0].tokens[-1].source.bbox == (LEFT, 80, 250, 80 + H)


@pytest.mark.parametrize(
    "second",
    [
        _line("二、主动公开政府信息情况", 1, 140),  # a numbered heading at the left margin
        _line("1.属于国家秘密 1 0 0 0 0 0 1", 1, 140),  # a numbered item
        _line("续写的文字", 1, 140, x0=LEFT + 32),  # indented: a new paragraph
        _line("续写的文字", 1, 180),  # a blank line between
        _line("续写的文字", 1, 140, table=0),  # a table row
    ],
)
def test_lines_that_do_not_continue_a_paragraph(second: Line) -> None:
    lines = [
        _line("标题", 1, 60, x0=LEFT + 32, x1=200),
        _line("正文一行写到页面右边", 1, 100, x0=LEFT + 32),
        _line("正文又一行写到页面右边", 1, 120),
        second,
    ]
    joined = join_wrapped_lines(lines)
    assert _texts(joined) == ["标题", "正文一行写到页面右边 正文又一行写到页面右边", second.text]


def test_rows_of_numbers_are_never_joined() -> None:
    lines = [
        _line("正文一行", 1, 80, x1=200),
        _line("行政许可 550 30", 1, 100),
        _line("行政处罚 4119 12", 1, 120),
        _line("行政强制 — 0", 1, 140),  # a dash (不适用) beside a number: cells too
        _line("其他 / /", 1, 160),
    ]
    assert len(join_wrapped_lines(lines)) == 5


def test_prose_with_numbers_is_joined() -> None:
    # in prose each number has its unit: numbers apart are no table row (seed 000 in PDF)
    lines = [
        _line("（五）落实监督检查制度", 1, 60, x0=LEFT + 32, x1=250),
        _line("2020 年，我街道收到人大代表建议 0 件、政协委员提案 0", 1, 100, x0=LEFT + 32),
        _line("件。", 1, 120, x1=LEFT + 32),
    ]
    assert _texts(join_wrapped_lines(lines))[1] == "2020 年，我街道收到人大代表建议 0 件、政协委员提案 0 件。"


def _words(texts: list[str], page: int, top: float, x0: float = LEFT) -> Line:
    """A printed line of words with their own boxes (a Chinese character one line
    height wide, a Latin one half that, a space of 4 points between words)."""
    tokens = []
    x = x0
    for text in texts:
        width = sum(H / 2 if c.isascii() else H for c in text)
        tokens.append(Token(text, Source(kind="pdf", page=page, bbox=(x, top, x + width, top + H))))
        x += width + 4
    box = (x0, top, x - 4, top + H)
    return Line(tokens=tokens, source=Source(kind="pdf", page=page, bbox=box))


def test_a_line_ending_short_of_the_margin_before_a_number_that_did_not_fit() -> None:
    # '3119' (4 Latin digits, 32 points) did not fit at the end: the line stops 32 points short
    head = _words(["2024", "年，全市共受理政府信息公开申请"], 1, 100, x0=RIGHT - 36 - (32 + 4 + 15 * H))
    assert head.source.bbox is not None and head.source.bbox[2] == RIGHT - 36
    body = [_line("正文一行写到页面右边", 1, 60), _line("正文又一行写到页面右边", 1, 80)]
    number_next = [*body, head, _words(["3119", "件，答复", "3050", "件。"], 1, 120)]
    assert len(join_wrapped_lines(number_next)) == 2
    # a Chinese character breaks anywhere: a line that short ended its paragraph
    chinese_next = [*body, head, _words(["另起一段的文字"], 1, 120)]
    assert len(join_wrapped_lines(chinese_next)) == 3


def test_a_page_of_few_prose_lines_takes_the_usual_margins() -> None:
    lines = [
        _line("第一页正文写到页面右边", 1, 100, x0=LEFT + 32),
        _line("第一页正文写到页面右边", 1, 120),
        _line("第一页正文写完。", 1, 140, x1=300),
        _line("第二页表格下的一段写到页面右边", 2, 600, x0=LEFT + 32),  # the rest of page 2 a table
        _line("写完。", 2, 620, x1=150),
    ]
    assert _texts(join_wrapped_lines(lines))[1:] == ["第二页表格下的一段写到页面右边 写完。"]


def test_paragraph_text_reads_a_line_break_as_a_reader_does() -> None:
    lines = [
        _words(["标题"], 1, 60, x0=LEFT + 32),
        _words(["其中，通过政府网"], 1, 100, x0=RIGHT - 8 * H),
        _words(["站主动公开政府信息", "122", "条，通过自在温泉的微信公众号", "411"], 1, 120),
        _words(["条。"], 1, 140),
    ]
    joined = join_wrapped_lines(lines)
    assert len(joined) == 2
    text, starts = paragraph_text(joined[1])
    # no space inside Chinese text at the break, one beside a number as on a printed line
    assert text == "其中，通过政府网站主动公开政府信息 122 条，通过自在温泉的微信公众号 411 条。"
    assert [text[at : at + 2] for at in starts] == ["其中", "站主", "12", "条，", "41", "条。"]
    assert joined[1].text != text  # Line.text keeps a space between every two tokens


def test_printed_line_source_is_the_line_a_token_is_on() -> None:
    paragraph = join_wrapped_lines(
        [
            _words(["标题"], 1, 60, x0=LEFT + 32),
            _words(["全年收取政府信息公开信息处"], 1, 100, x0=RIGHT - 13 * H),
            _words(["理费", "0", "元。"], 1, 120),
        ]
    )[1]
    source = printed_line_source(paragraph, 2)  # the token '0'
    assert (source.page, source.bbox) == (1, (LEFT, 120, LEFT + 2 * H + 4 + H / 2 + 4 + 2 * H, 120 + H))
    assert printed_line_source(paragraph, 0).bbox == paragraph.source.bbox  # the first printed line
    single = _words(["一行", "0", "件"], 1, 200)
    assert printed_line_source(single, 1) == single.source


def test_a_page_with_too_few_lines_shows_no_margins() -> None:
    lines = [_line("正文第1页", 1, 100, x1=160), _line("正文第2页", 2, 100, x1=160)]
    assert len(join_wrapped_lines(lines)) == 2


def test_real_pdf_statement_is_whole() -> None:
    require_corpus()
    from xxgk.read.pdf import read_pdf

    path = CORPUS / "files" / "huaian-hongze-2024.pdf"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    texts = [line.text.replace(" ", "") for line in read_pdf(path, Limits()).lines if line.table is None]
    assert any("区政府办代表区政府受理政府信息公开申请17件" in t for t in texts)
    assert "二、主动公开政府信息情况" in texts  # headings stay lines of their own


def test_real_pdf_section_text_has_no_space_at_the_line_breaks() -> None:
    require_corpus()
    from xxgk.read import parse_file

    path = CORPUS / "files" / "huaian-hongze-2024.pdf"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    overview = parse_file(path).texts["overview"]
    # printed as '…区政府办代表区政府受理政府' / '信息公开申请 17 件，…' and '…我区在政' / '府网站平台…'
    assert "区政府办代表区政府受理政府信息公开申请 17 件" in overview
    assert "2024 年，我区在政府网站平台主动发布各类政府信息 2428 条，公开政府常务会议 7 期" in overview
