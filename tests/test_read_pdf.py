"""The PDF reader on PDFs made here (reportlab) and on the real corpus PDFs."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pdfplumber
import pytest

from tests.corpus import CORPUS, require_corpus
from tests.pdf_maker import blank_pdf, pages_pdf, sideways_table_pdf, table_pdf
from xxgk.errors import LimitExceeded, ReadError
from xxgk.read.limits import Limits
from xxgk.read.pdf import closing_rules, pdfium_pages, read_pdf, undecodable
from xxgk.read.pdf_model import PdfCell, PdfPage, PdfRow, PdfTable
from xxgk.read.pdf_stitch import join_split_labels, join_split_row

HEADER = ["项目", "自然人", "法人", "总计"]


def _long_table() -> list[list[str]]:
    # 70 rows: reportlab breaks the table over two pages; column 法人 is left blank.
    return [HEADER] + [[f"第{i}项", str(i * 7), "", str(i * 7)] for i in range(70)]


def test_ruled_table_becomes_rows_of_cells_with_grid_columns(tmp_path: Path) -> None:
    path = table_pdf(tmp_path / "t.pdf", _long_table())
    doc = read_pdf(path, Limits())
    assert doc.kind == "pdf"
    assert doc.title == "测试年度报告"
    heading = doc.lines[0]
    assert heading.table is None and heading.text == "三、收到和处理政府信息公开申请情况"
    rows = [line for line in doc.lines if line.table is not None]
    assert [t.text for t in rows[0].tokens] == HEADER
    assert [t.grid_col for t in rows[0].tokens] == [0, 1, 2, 3]
    row5 = rows[6]
    assert [t.text for t in row5.tokens] == ["第5项", "35", "", "35"]  # the blank cell is kept, in its column
    assert [t.grid_col for t in row5.tokens] == [0, 1, 2, 3]


def test_table_broken_by_a_page_is_one_table(tmp_path: Path) -> None:
    path = table_pdf(tmp_path / "t.pdf", _long_table())
    doc = read_pdf(path, Limits())
    rows = [line for line in doc.lines if line.table is not None]
    assert {line.source.page for line in rows} == {1, 2}
    assert {line.table for line in rows} == {0}
    assert [line.tokens[0].text for line in rows[1:]] == [f"第{i}项" for i in range(70)]


def test_header_rows_repeated_on_the_next_page_are_not_data(tmp_path: Path) -> None:
    path = table_pdf(tmp_path / "t.pdf", _long_table(), repeat_rows=1)
    doc = read_pdf(path, Limits())
    rows = [line for line in doc.lines if line.table is not None]
    assert {line.source.page for line in rows} == {1, 2}
    assert [[t.text for t in line.tokens] for line in rows].count(HEADER) == 1
    assert [line.tokens[0].text for line in rows[1:]] == [f"第{i}项" for i in range(70)]


def test_every_token_bbox_holds_its_text_on_its_page(tmp_path: Path) -> None:
    path = table_pdf(tmp_path / "t.pdf", _long_table())
    doc = read_pdf(path, Limits())
    with pdfplumber.open(path) as pdf:
        for line in doc.lines:
            for token in line.tokens:
                src = token.source
                assert src.kind == "pdf" and src.page is not None and src.bbox is not None
                page = pdf.pages[src.page - 1]
                x0, top, x1, bottom = src.bbox
                assert 0 <= x0 < x1 <= page.width and 0 <= top < bottom <= page.height
                inside = page.within_bbox(src.bbox).extract_text().replace(" ", "").replace("\n", "")
                assert inside == token.text.replace(" ", "")


def test_merged_header_cell_is_one_token_with_its_span(tmp_path: Path) -> None:
    rows = [["项目", "申请人情况", "", ""], ["", "自然人", "法人", "总计"], ["一、本年新收", "3", "4", "7"]]
    path = table_pdf(tmp_path / "m.pdf", rows, spans=[((1, 0), (3, 0)), ((0, 0), (0, 1))])
    doc = read_pdf(path, Limits())
    table = [line for line in doc.lines if line.table is not None]
    assert [(t.text, t.grid_col, t.span) for t in table[0].tokens] == [("项目", 0, 1), ("申请人情况", 1, 3)]
    # the row under the vertical merge does not repeat '项目'
    assert [(t.text, t.grid_col) for t in table[1].tokens] == [("自然人", 1), ("法人", 2), ("总计", 3)]
    assert [t.text for t in table[2].tokens] == ["一、本年新收", "3", "4", "7"]


def test_page_limit_is_checked_before_extraction(tmp_path: Path) -> None:
    path = pages_pdf(tmp_path / "p.pdf", 3, text="正文第{n}页")
    with pytest.raises(LimitExceeded) as err:
        read_pdf(path, Limits(max_pdf_pages=2))
    assert err.value.code == "read.limit.pdf_pages"
    assert "3" in err.value.message and "2" in err.value.message
    assert [line.text for line in read_pdf(path, Limits(max_pdf_pages=3)).lines] == [
        "正文第1页",
        "正文第2页",
        "正文第3页",
    ]


def test_page_limit_holds_when_the_page_count_lies(tmp_path: Path) -> None:
    path = pages_pdf(tmp_path / "p.pdf", 3, text="正文{n}")
    lying = tmp_path / "lying.pdf"
    lying.write_bytes(path.read_bytes().replace(b"/Count 3", b"/Count 1"))  # PDFium believes it: 1 page
    with pytest.raises(LimitExceeded) as err:
        read_pdf(lying, Limits(max_pdf_pages=2))
    assert err.value.code == "read.limit.pdf_pages"


def test_text_limit(tmp_path: Path) -> None:
    path = pages_pdf(tmp_path / "p.pdf", 2, text="政府信息公开" * 10)
    with pytest.raises(LimitExceeded) as err:
        read_pdf(path, Limits(max_text_chars=50))
    assert err.value.code == "read.limit.text"


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    path = table_pdf(tmp_path / "e.pdf", _long_table()[:3], encrypt="secret")
    with pytest.raises(ReadError) as err:
        read_pdf(path, Limits())
    assert err.value.code == "read.pdf_encrypted"
    assert "加密" in err.value.message


def test_pdf_with_only_an_owner_password_is_read(tmp_path: Path) -> None:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen.canvas import Canvas

    pages_pdf(tmp_path / "base.pdf", 1)  # registers the font
    path = tmp_path / "owner.pdf"
    c = Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("", ownerPassword="owner", canCopy=0))
    c.setFont("WQY", 12)
    c.drawString(72, 760, "主动公开政府信息情况")
    c.showPage()
    c.save()
    assert [line.text for line in read_pdf(path, Limits()).lines] == ["主动公开政府信息情况"]


@pytest.mark.parametrize("content", [b"", b"not a pdf at all", b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"])
def test_broken_pdf_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "b.pdf"
    path.write_bytes(content)
    with pytest.raises(ReadError) as err:
        read_pdf(path, Limits())
    assert err.value.code == "read.pdf_invalid"
    assert err.value.path == str(path)


def test_truncated_pdf_is_refused_or_read_never_crashes(tmp_path: Path) -> None:
    whole = table_pdf(tmp_path / "w.pdf", _long_table()).read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(whole[: len(whole) // 2])
    try:
        doc = read_pdf(path, Limits())
    except ReadError as exc:
        assert exc.code in ("read.pdf_invalid", "read.pdf_no_text")
    else:  # PDFium may recover the pages that survived; what it reads must be real text
        assert all(t.text for line in doc.lines for t in line.tokens if line.table is None)


def test_image_only_pdf_is_refused_with_a_reason(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as err:
        read_pdf(blank_pdf(tmp_path / "scan.pdf"), Limits())
    assert err.value.code == "read.pdf_no_text"
    assert "文字层" in err.value.message


def test_pdfium_fallback_reads_text_with_positions(tmp_path: Path) -> None:
    path = pages_pdf(tmp_path / "p.pdf", 2, text="本年新收政府信息公开申请数量 {n}")
    pages = pdfium_pages(path, Limits())
    texts = [[b.text for b in p.blocks] for p in pages]
    assert texts == [["本年新收政府信息公开申请数量 1"], ["本年新收政府信息公开申请数量 2"]]
    word = pages[0].blocks[0].words[0]  # type: ignore[union-attr]
    assert 60 < word["x0"] < 80 and 70 < word["top"] < 90  # drawn at x=72, baseline 760 of 842


def test_closing_rules_close_a_table_left_open_at_a_page_break() -> None:
    def v(x: float, top: float, bottom: float) -> dict[str, float | str]:
        return {"x0": x, "x1": x, "top": top, "bottom": bottom, "orientation": "v"}

    def h(y: float, x0: float, x1: float) -> dict[str, float | str]:
        return {"x0": x0, "x1": x1, "top": y, "bottom": y, "orientation": "h"}

    open_bottom = [v(10, 100, 700), v(50, 100, 700), v(90, 100, 700), h(100, 10, 90), h(300, 10, 90)]
    added = closing_rules(open_bottom)
    assert [(a["top"], a["x0"], a["x1"]) for a in added] == [(700, 10, 90)]
    closed = [*open_bottom, h(700, 10, 90)]
    assert closing_rules(closed) == []


def _cell(text: str, col: int, top: float, bottom: float) -> PdfCell:
    return PdfCell(text, (col * 10.0, top, col * 10.0 + 10, bottom), col, 1)


def test_label_split_by_the_page_break_is_joined() -> None:
    upper = PdfTable(
        page=4,
        bbox=(0, 600, 100, 780),
        col_xs=[0, 10, 20, 30, 40],
        rows=[
            PdfRow(
                [
                    _cell("（三）不予公开", 1, 600, 700),
                    _cell("8.属于行政查询事项", 2, 600, 700),
                    _cell("105", 3, 600, 700),
                ],
                (0, 600, 100, 700),
            ),
            PdfRow(
                [
                    _cell("（四）无", 1, 700, 780),
                    _cell("1.本机关不掌握相关政府信息", 2, 700, 780),
                    _cell("769", 3, 700, 780),
                ],
                (0, 700, 100, 780),
            ),
        ],
    )
    lower = PdfTable(
        page=5,
        bbox=(0, 80, 100, 200),
        col_xs=[0, 10, 20, 30, 40],
        rows=[
            PdfRow(
                [_cell("法提供", 1, 80, 200), _cell("2.没有现成信息需要另行制作", 2, 80, 120), _cell("11", 3, 80, 120)],
                (0, 80, 100, 120),
            ),
            PdfRow([_cell("3.补正后申请内容仍不明确", 2, 120, 200), _cell("1", 3, 120, 200)], (0, 120, 100, 200)),
        ],
    )
    join_split_labels(upper, lower)
    assert upper.rows[1].cells[0].text == "（四）无法提供"
    assert [c.text for c in lower.rows[0].cells] == ["2.没有现成信息需要另行制作", "11"]


def test_row_broken_by_the_page_is_one_row() -> None:
    cols = [0, 10, 20, 30, 40]
    upper = PdfTable(
        1,
        (0, 600, 100, 780),
        cols,
        [
            PdfRow(
                [
                    _cell("（五）不予处理", 1, 600, 780),
                    _cell("4.无正当理由大量反复申请", 2, 600, 700),
                    _cell("0", 3, 600, 700),
                ],
                (0, 600, 100, 700),
            ),
            PdfRow([_cell("5.要求行政机关确认或重新出", 2, 700, 780), _cell("1", 3, 700, 780)], (0, 700, 100, 780)),
        ],
    )
    lower = PdfTable(
        2,
        (0, 80, 100, 200),
        cols,
        [
            PdfRow([_cell("具已获取信息", 2, 80, 100)], (0, 80, 100, 100)),
            PdfRow(
                [
                    _cell("（六）其他处理", 1, 100, 200),
                    _cell("1.申请人无正当理由逾期不补正", 2, 100, 200),
                    _cell("3", 3, 100, 200),
                ],
                (0, 100, 100, 200),
            ),
        ],
    )
    assert join_split_row(upper, lower)
    assert [c.text for c in upper.rows[-1].cells] == ["5.要求行政机关确认或重新出具已获取信息", "1"]
    assert lower.rows[0].cells[0].text == "（六）其他处理"
    assert not join_split_row(upper, lower)  # a row with its own values is not the rest of a row


def test_a_new_label_after_the_page_break_stays_a_new_label() -> None:
    upper = PdfTable(
        4,
        (0, 600, 100, 780),
        [0, 10, 20, 30],
        [PdfRow([_cell("（四）无法提供", 1, 600, 780), _cell("3", 2, 600, 780)], (0, 600, 100, 780))],
    )
    lower = PdfTable(
        5,
        (0, 80, 100, 200),
        [0, 10, 20, 30],
        [PdfRow([_cell("（五）不予处理", 1, 80, 200), _cell("1", 2, 80, 200)], (0, 80, 100, 200))],
    )
    join_split_labels(upper, lower)
    assert upper.rows[0].cells[0].text == "（四）无法提供"
    assert [c.text for c in lower.rows[0].cells] == ["（五）不予处理", "1"]


# --------------------------------------------------------------------------- the real PDFs


def _corpus_pdf(name: str) -> Path:
    require_corpus()
    path = CORPUS / "files" / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return path


def _table_rows(path: Path) -> dict[int, list[list[str]]]:
    tables: dict[int, list[list[str]]] = {}
    for line in read_pdf(path, Limits()).lines:
        if line.table is not None:
            tables.setdefault(line.table, []).append([t.text for t in line.tokens])
    return tables


def _table_with(tables: dict[int, list[list[str]]], text: str) -> list[list[str]]:
    found = [rows for rows in tables.values() if any(text in cell for row in rows for cell in row)]
    assert len(found) == 1, text
    return found[0]


def test_real_pdf_vertical_and_split_labels_are_whole() -> None:
    tables = _table_rows(_corpus_pdf("huaian-2024.pdf"))
    table3 = _table_with(tables, "一、本年新收政府信息公开申请数量")
    labels = [cell for row in table3 for cell in row]
    # printed one character per line, and across lines / the page break
    for label in ("三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"):
        assert label in labels
    assert "法提供" not in labels
    # table 三 spans pages 4-5 and is one table; its 28 rows read in order
    assert table3[-1][0] == "四、结转下年度继续办理" and table3[-1][1:] == ["103", "0", "0", "0", "0", "0", "103"]
    # the row after the page break keeps its values
    after_break = next(row for row in table3 if row[0] == "2.没有现成信息需要另行制作")
    assert after_break[1:] == ["11", "0", "0", "0", "0", "0", "11"]


def test_real_pdf_table_4_header_cells_and_values_as_printed() -> None:
    tables = _table_rows(_corpus_pdf("huaian-hongze-2023.pdf"))
    table4 = _table_with(tables, "行政复议")
    assert table4[2].count("总计") == 2  # printed '总 计'
    # the printed error: 总计 0 beside 维持 10 and 纠正 1 — read as printed
    assert table4[-1] == ["10", "1", "0", "0", "0", "0", "0", "0", "0", "0", "5", "0", "0", "0", "0"]


def test_real_pdf_large_numbers_and_money() -> None:
    tables = _table_rows(_corpus_pdf("huaian-2024.pdf"))
    assert ["行政处罚", "3985758"] in _table_with(tables, "行政处罚")
    assert ["行政事业性收费", "96171.6"] in _table_with(tables, "行政事业性收费")


def test_text_drawn_twice_for_bold_is_read_once(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    path = pages_pdf(tmp_path / "base.pdf", 1, text="x")  # registers the font
    path = tmp_path / "bold.pdf"
    c = Canvas(str(path), pagesize=A4)
    c.setFont("WQY", 12)
    for dx in (0, 0.3):  # WPS-style fake bold: the same text again, slightly offset
        c.drawString(72 + dx, 760, "三、收到和处理政府信息公开申请情况")
    c.showPage()
    c.save()
    assert [line.text for line in read_pdf(path, Limits()).lines] == ["三、收到和处理政府信息公开申请情况"]


def test_undecodable_text_layer_switches_to_pdfium() -> None:
    assert undecodable([PdfPage(1, chars=0)])
    assert undecodable([PdfPage(1, chars=100, cid_chars=80), PdfPage(2, chars=0)])
    assert not undecodable([PdfPage(1, chars=100, cid_chars=5)])


def test_text_layer_without_character_mapping_is_refused_with_a_reason(tmp_path: Path) -> None:
    import re

    path = pages_pdf(tmp_path / "p.pdf", 1, text="本年新收政府信息公开申请数量 21")
    broken = tmp_path / "unmapped.pdf"  # the font's ToUnicode map removed: glyph ids only ('(cid:7)')
    broken.write_bytes(re.sub(rb"/ToUnicode \d+ 0 R", lambda m: b" " * len(m.group()), path.read_bytes()))
    with pytest.raises(ReadError) as err:
        read_pdf(broken, Limits())
    assert err.value.code == "read.pdf_undecodable"
    assert "无法解码" in err.value.message


def test_page_with_too_many_rules_is_read_as_text(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    pages_pdf(tmp_path / "base.pdf", 1)  # registers the font
    path = tmp_path / "rules.pdf"
    c = Canvas(str(path), pagesize=A4)
    for k in range(3000):  # a hostile grid: 6000 rule edges
        c.line(50 + k % 500, 100, 50 + k % 500, 300)
        c.line(50, 100 + k % 200, 550, 100 + k % 200)
    c.setFont("WQY", 12)
    c.drawString(72, 760, "二、主动公开政府信息情况")
    c.showPage()
    c.save()
    doc = read_pdf(path, Limits())
    assert [(line.table, line.text) for line in doc.lines] == [(None, "二、主动公开政府信息情况")]


def test_radical_code_points_are_read_as_the_ideographs() -> None:
    from xxgk.read.cells import fix_radicals, join_cell_lines

    # as Chromium's PDFs map them: U+2F06, U+2F17, U+2F8F, U+2EA0 (no NFKC mapping)
    assert fix_radicals("第\u2f06\u2f17条 \u2f8f政 人\u2ea0政府") == "第二十条 行政 人民政府"
    assert join_cell_lines(["（\u2f00）予以", "公开"]) == "（一）予以公开"
    assert fix_radicals("（三）不予公开 12") == "（三）不予公开 12"


def test_borders_drawn_as_filled_bars_are_rules(tmp_path: Path) -> None:
    """Some producers draw every border as a thin filled rectangle (the outer one
    3 pt thick) and put a white filled rectangle behind each cell."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    pages_pdf(tmp_path / "base.pdf", 1)  # registers the font
    path = tmp_path / "bars.pdf"
    c = Canvas(str(path), pagesize=A4)
    xs, ys = [100, 260, 340, 420], [700, 680, 660, 640]  # PDF y grows upwards
    c.setFillColorRGB(1, 1, 1)
    for x0, x1 in pairwise(xs):
        for y0, y1 in pairwise(ys):
            c.rect(x0, y1, x1 - x0, y0 - y1, stroke=0, fill=1)  # cell backgrounds
    c.setFillColorRGB(0, 0, 0)
    for i, x in enumerate(xs):
        w = 3 if i in (0, len(xs) - 1) else 0.5
        c.rect(x - w / 2, ys[-1], w, ys[0] - ys[-1], stroke=0, fill=1)
    for i, y in enumerate(ys):
        w = 3 if i in (0, len(ys) - 1) else 0.5
        c.rect(xs[0], y - w / 2, xs[-1] - xs[0], w, stroke=0, fill=1)
    c.setFont("WQY", 10)
    for r, row in enumerate((("项目", "自然人", "总计"), ("一、本年新收", "3", "3"), ("二、上年结转", "", "1"))):
        for k, text in enumerate(row):
            c.drawString(xs[k] + 6, ys[r] - 14, text)
    c.showPage()
    c.save()
    rows = [[(t.text, t.grid_col) for t in line.tokens] for line in read_pdf(path, Limits()).lines if line.table == 0]
    assert rows == [
        [("项目", 0), ("自然人", 1), ("总计", 2)],
        [("一、本年新收", 0), ("3", 1), ("3", 2)],
        [("二、上年结转", 0), ("", 1), ("1", 2)],
    ]


@pytest.mark.parametrize("angle", [90, 270])
def test_table_printed_sideways_is_read_upright(tmp_path: Path, angle: int) -> None:
    rows = [
        HEADER,
        ["一、本年新收政府信息公开申请数量", "3", "4", "7"],
        ["二、上年结转政府信息公开申请数量", "1", "0", "1"],
    ]
    doc = read_pdf(sideways_table_pdf(tmp_path / "side.pdf", rows, angle), Limits())
    assert [[t.text for t in line.tokens] for line in doc.lines if line.table == 0] == rows
    assert doc.meta["turned_pages"] == f"1:{angle}"


def test_upright_pages_are_not_turned(tmp_path: Path) -> None:
    doc = read_pdf(table_pdf(tmp_path / "t.pdf", _long_table()), Limits())
    assert "turned_pages" not in doc.meta
