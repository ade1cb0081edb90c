"""The DOCX reader on Word files made here with python-docx."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from xxgk.errors import ReadError
from xxgk.read.docx import read_docx
from xxgk.read.limits import Limits


def _table3_docx(path: Path) -> Path:
    """Paragraph, a table with horizontal and vertical merges, paragraph."""
    d = docx.Document()
    d.core_properties.title = "某街道2023年政府信息公开工作年度报告"
    d.add_paragraph("三、收到和处理政府信息公开申请情况")
    t = d.add_table(rows=5, cols=5)
    t.cell(0, 0).merge(t.cell(1, 0))  # vertical merge (label)
    t.cell(0, 1).merge(t.cell(0, 3))  # horizontal merge (申请人情况)
    t.cell(0, 0).text = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    t.cell(0, 1).text = "申请人情况"
    t.cell(0, 4).text = "总计"
    for c, text in zip((1, 2, 3), ("自然人", "商业企业", "科研机构"), strict=True):
        t.cell(1, c).text = text
    t.cell(2, 0).text = "一、本年新收政府信息公开申请数量"
    for c, text in zip((1, 2, 3, 4), ("12", "3", "", "15"), strict=True):
        t.cell(2, c).text = text
    # a label printed one character per paragraph, merged down two rows
    t.cell(3, 0).merge(t.cell(4, 0))
    label = t.cell(3, 0)
    label.text = "三"
    for ch in "、本年度办理结果":
        label.add_paragraph(ch)
    for r, values in ((3, ("1", "0", "0", "1")), (4, ("2", "-", "/", "2"))):
        for c, text in zip((1, 2, 3, 4), values, strict=True):
            t.cell(r, c).text = text
    d.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    d.save(str(path))
    return path


def test_paragraphs_and_tables_in_document_order(tmp_path: Path) -> None:
    doc = read_docx(_table3_docx(tmp_path / "r.docx"), Limits())
    assert doc.kind == "docx"
    assert doc.title == "某街道2023年政府信息公开工作年度报告"
    assert doc.lines[0].table is None and doc.lines[0].text == "三、收到和处理政府信息公开申请情况"
    assert [line.table for line in doc.lines[1:-1]] == [0] * 5
    assert doc.lines[-1].table is None and doc.lines[-1].text.startswith("四、")


def test_merged_cells_are_emitted_once_with_grid_column_and_span(tmp_path: Path) -> None:
    doc = read_docx(_table3_docx(tmp_path / "r.docx"), Limits())
    rows = [line for line in doc.lines if line.table == 0]
    head = [(t.text, t.grid_col, t.span) for t in rows[0].tokens]
    assert head == [
        ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 0, 1),
        ("申请人情况", 1, 3),
        ("总计", 4, 1),
    ]
    # the vertically merged label is not repeated on the second header row (nor is its empty 总计 cell emitted)
    assert [(t.text, t.grid_col) for t in rows[1].tokens] == [("自然人", 1), ("商业企业", 2), ("科研机构", 3)]
    assert [t.text for t in rows[2].tokens] == ["一、本年新收政府信息公开申请数量", "12", "3", "", "15"]
    assert rows[3].tokens[0].text == "三、本年度办理结果"  # one character per paragraph, joined
    assert [t.text for t in rows[4].tokens] == ["2", "-", "/", "2"]
    assert [t.grid_col for t in rows[4].tokens] == [1, 2, 3, 4]


def test_every_cell_token_says_where_it_came_from(tmp_path: Path) -> None:
    doc = read_docx(_table3_docx(tmp_path / "r.docx"), Limits())
    for line in doc.lines:
        for token in line.tokens:
            assert token.source.kind == "docx"
            if line.table is None:
                assert token.source.line is not None and token.source.table is None
            else:
                assert token.source.table == line.table
                assert token.source.row == line.source.row
                assert token.source.col == token.grid_col
    blank = next(line for line in doc.lines if line.table == 0 and line.tokens[0].text.startswith("一、")).tokens[3]
    assert (blank.text, blank.source.row, blank.source.col) == ("", 2, 3)
    assert blank.source.describe() == "第1个表格 第3行 第4列"


def test_grid_before_shifts_the_columns(tmp_path: Path) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    t = d.add_table(rows=2, cols=3)
    for c, text in enumerate(("信息内容", "本年制发件数", "本年废止件数")):
        t.cell(0, c).text = text
    tr = t.rows[1]._tr
    tr.remove(tr.tc_lst[0])  # the second row starts one grid column in
    trpr = tr.get_or_add_trPr()
    before = OxmlElement("w:gridBefore")
    before.set(qn("w:val"), "1")
    trpr.append(before)
    from docx.table import _Cell

    for tc, text in zip(tr.tc_lst, ("3", "5"), strict=True):
        _Cell(tc, t).text = text
    path = tmp_path / "g.docx"
    d.save(str(path))
    rows = [line for line in read_docx(path, Limits()).lines if line.table == 0]
    assert [(tok.text, tok.grid_col) for tok in rows[1].tokens] == [("3", 1), ("5", 2)]


def test_table_framed_in_a_one_cell_table_is_read_as_a_table(tmp_path: Path) -> None:
    d = docx.Document()
    frame = d.add_table(rows=1, cols=1)
    cell = frame.cell(0, 0)
    cell.text = "四、政府信息公开行政复议、行政诉讼情况"
    inner = cell.add_table(rows=2, cols=3)
    for c, (head, value) in enumerate((("结果维持", "3"), ("结果纠正", "1"), ("总计", "4"))):
        inner.cell(0, c).text = head
        inner.cell(1, c).text = value
    path = tmp_path / "framed.docx"
    d.save(str(path))
    lines = read_docx(path, Limits()).lines
    assert [(line.table, line.text) for line in lines] == [
        (0, "四、政府信息公开行政复议、行政诉讼情况"),
        (1, "结果维持 结果纠正 总计"),
        (1, "3 1 4"),
    ]
    assert lines[2].tokens[2].source.describe() == "第2个表格 第2行 第3列"


def test_table_in_a_text_box_is_read_as_a_table(tmp_path: Path) -> None:
    from docx.oxml import OxmlElement, parse_xml

    d = docx.Document()
    d.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    anchor = d.add_paragraph("见下框：")
    t = d.add_table(rows=2, cols=2)
    for c, (head, value) in enumerate((("结果维持", "3"), ("总计", "3"))):
        t.cell(0, c).text = head
        t.cell(1, c).text = value
    # a VML text box in the anchor paragraph, holding the table (and its copy as a compatibility fallback)
    run = parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<mc:AlternateContent><mc:Choice Requires="v"><w:pict><v:shape><v:textbox><w:txbxContent/></v:textbox>'
        "</v:shape></w:pict></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
        "<w:p><w:r><w:t>副本</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    anchor._p.append(run)
    box = next(run.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}txbxContent"))
    box.append(t._tbl)  # the table moves into the text box
    box.append(OxmlElement("w:p"))
    path = tmp_path / "box.docx"
    d.save(str(path))
    lines = read_docx(path, Limits()).lines
    assert [(line.table, line.text) for line in lines] == [
        (None, "四、政府信息公开行政复议、行政诉讼情况"),
        (None, "见下框："),
        (0, "结果维持 总计"),
        (0, "3 3"),
    ]


def test_content_inside_content_controls_is_read(tmp_path: Path) -> None:
    from docx.oxml import OxmlElement

    d = docx.Document()
    d.add_paragraph("一、总体情况")
    p = d.add_paragraph("本年新收政府信息公开申请 12 件")
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    p._p.addprevious(sdt)
    sdt.append(content)
    content.append(p._p)  # the paragraph now sits inside a content control
    path = tmp_path / "sdt.docx"
    d.save(str(path))
    assert [line.text for line in read_docx(path, Limits()).lines] == ["一、总体情况", "本年新收政府信息公开申请 12 件"]


def test_empty_cells_are_blanks_in_value_columns_only(tmp_path: Path) -> None:
    d = docx.Document()
    t = d.add_table(rows=3, cols=4)
    for r, row in enumerate(
        (
            ("（三）不予公开", "1.属于国家秘密", "2", ""),
            ("", "2.其他法律行政法规禁止公开", "", "0"),
            ("", "", "合计", ""),
        )
    ):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    path = tmp_path / "b.docx"
    d.save(str(path))
    rows = [[(tok.text, tok.grid_col) for tok in line.tokens] for line in read_docx(path, Limits()).lines]
    assert rows == [
        [("（三）不予公开", 0), ("1.属于国家秘密", 1), ("2", 2), ("", 3)],
        [("2.其他法律行政法规禁止公开", 1), ("", 2), ("0", 3)],  # no blank label cell in column 0
        [("合计", 2)],  # not a data row: its empty cells are not values
    ]


@pytest.mark.parametrize("content", [b"", b"plain text, not a zip", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504])
def test_a_file_that_is_not_a_docx_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(content)
    with pytest.raises(ReadError) as err:
        read_docx(path, Limits())
    assert err.value.code == "read.docx_invalid"
    assert err.value.path == str(path)


def test_a_zip_without_a_word_document_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "z.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "你好")
    with pytest.raises(ReadError) as err:
        read_docx(path, Limits())
    assert err.value.code == "read.docx_invalid"


def test_a_damaged_document_part_is_refused(tmp_path: Path) -> None:
    good = _table3_docx(tmp_path / "r.docx")
    path = tmp_path / "bad.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            dst.writestr(item, data)
    with pytest.raises(ReadError) as err:
        read_docx(path, Limits())
    assert err.value.code == "read.docx_invalid"


# --------------------------------------------------------------------------- property: any merge layout


def _regions(draw: object, rows: int, cols: int) -> list[tuple[int, int, int, int]]:
    """Non-overlapping rectangles (top, left, height, width) tiling a rows×cols grid."""
    from hypothesis import strategies as st

    taken = [[False] * cols for _ in range(rows)]
    regions = []
    for r in range(rows):
        for c in range(cols):
            if taken[r][c]:
                continue
            max_w = 1
            while c + max_w < cols and not taken[r][c + max_w]:
                max_w += 1
            w = draw(st.integers(1, max_w))  # type: ignore[operator]
            h = draw(st.integers(1, rows - r))  # type: ignore[operator]
            for rr in range(r, r + h):
                for cc in range(c, c + w):
                    taken[rr][cc] = True
            regions.append((r, c, h, w))
    return regions


def test_any_merge_layout_gives_each_cell_once_at_its_grid_position(tmp_path_factory: pytest.TempPathFactory) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @st.composite
    def layouts(draw: st.DrawFn) -> tuple[int, int, list[tuple[int, int, int, int]]]:
        rows, cols = draw(st.integers(1, 6)), draw(st.integers(1, 6))
        return rows, cols, _regions(draw, rows, cols)

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(layouts())
    def check(layout: tuple[int, int, list[tuple[int, int, int, int]]]) -> None:
        rows, cols, regions = layout
        d = docx.Document()
        t = d.add_table(rows=rows, cols=cols)
        for top, left, h, w in regions:
            cell = t.cell(top, left)
            if h > 1 or w > 1:
                cell = cell.merge(t.cell(top + h - 1, left + w - 1))
            cell.text = f"格{top}-{left}"
        path = tmp_path_factory.mktemp("merge") / "m.docx"
        d.save(str(path))
        got = sorted(
            (tok.source.row, tok.grid_col, tok.span, tok.text)
            for line in read_docx(path, Limits()).lines
            for tok in line.tokens
        )
        assert got == sorted((top, left, w, f"格{top}-{left}") for top, left, h, w in regions)

    check()
