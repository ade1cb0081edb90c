"""Wrapped PDF prose joined back into paragraphs (xxgk.read.paragraphs)."""

from __future__ import annotations

import pytest

from tests.corpus import CORPUS, require_corpus
from xxgk.read.document import Line, Token
from xxgk.read.limits import Limits
from xxgk.read.paragraphs import join_wrapped_lines
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
    ]
    assert len(join_wrapped_lines(lines)) == 3


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
