"""DOCX rendering: merged cells (gridSpan/vMerge), East-Asian fonts, A4, values in place."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm

from tests.write_samples import assert_table_matrix, balanced_report, with_special_cells
from xxgk.formats import EDITION_KEYS
from xxgk.write.docx import render_docx


def _open(report):
    return docx.Document(io.BytesIO(render_docx(report)))


@pytest.mark.parametrize("edition", EDITION_KEYS)
def test_docx_tables_hold_the_values(edition: str) -> None:
    report = with_special_cells(balanced_report(edition))
    d = _open(report)
    assert len(d.tables) == 3
    checked = 0
    for table, key in zip(d.tables, ("table_2", "table_3", "table_4"), strict=True):
        matrix = [[c.text for c in row.cells] for row in table.rows]  # python-docx repeats merged cells
        checked += assert_table_matrix(matrix, report, key)
    assert checked == len(report.spec.cell_keys())
    texts = [p.text for p in d.paragraphs]
    assert texts[0] == f"{report.agency}{report.year}年政府信息公开工作年度报告"
    for s in report.spec.sections:
        assert f"{s.number}、{s.label}" in texts


def test_docx_merged_cells_are_real_merges() -> None:
    d = _open(balanced_report("2021"))
    t3 = d.tables[1]
    note = t3.cell(0, 0)._tc
    assert note.grid_span == 3 and note.vMerge == "restart"
    assert t3.rows[2]._tr.tc_lst[0].vMerge == "continue"
    top = t3.rows[0]._tr.tc_lst[1]
    assert top.grid_span == 7
    # 三、本年度办理结果: one vertical merge over the 22 result rows of the 2021 edition
    col0 = [row._tr.tc_lst[0] for row in t3.rows[3:]]
    starts = [i for i, tc in enumerate(col0) if tc.vMerge == "restart"]
    assert any(col0[i].xpath("string(.)") == "三、本年度办理结果" for i in starts)
    i = next(i for i in starts if col0[i].xpath("string(.)") == "三、本年度办理结果")
    run = 1
    while i + run < len(col0) and col0[i + run].vMerge == "continue":
        run += 1
    assert run == 22
    t4 = d.tables[2]
    assert [tc.grid_span for tc in t4.rows[0]._tr.tc_lst] == [5, 10]


def test_docx_page_and_fonts() -> None:
    d = _open(balanced_report("2019_trial"))
    s = d.sections[0]
    assert (round(s.page_width / Cm(1), 1), round(s.page_height / Cm(1), 1)) == (21.0, 29.7)
    runs = [r for p in d.paragraphs for r in p.runs if r.text] + [
        r for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs if r.text
    ]
    assert runs
    east = {r._element.rPr.rFonts.get(qn("w:eastAsia")) for r in runs}
    assert None not in east and east == {"宋体", "仿宋_GB2312", "黑体"}
    normal = d.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia"))
    assert normal == "仿宋_GB2312"
    # header rows of the long tables repeat across pages
    t3 = d.tables[1]
    assert all(row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None for row in t3.rows[:3])


@pytest.mark.parametrize("edition", EDITION_KEYS)
def test_docx_table_xml_is_well_formed_for_word(edition: str) -> None:
    """What Word is strict about: every row spans exactly the grid, every cell has a
    paragraph, a vertical continuation sits under a cell of the same width, and no
    table property appears twice."""
    d = _open(with_special_cells(balanced_report(edition)))
    for table in d.tables:
        tbl = table._tbl
        n_grid = len(tbl.tblGrid.gridCol_lst)
        props = [c.tag for c in tbl.tblPr]
        assert len(props) == len(set(props)), props
        assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        starts: list[dict[int, int]] = []
        for tr in tbl.tr_lst:
            col, row_starts = 0, {}
            for tc in tr.tc_lst:
                assert tc.p_lst, "a cell without a paragraph"
                if tc.vMerge == "continue":
                    assert starts and starts[-1].get(col) == tc.grid_span, "continuation under a different cell"
                row_starts[col] = tc.grid_span
                col += tc.grid_span
            assert col == n_grid
            starts.append(row_starts)


def test_docx_font_table_describes_the_chinese_fonts_and_the_language_is_chinese() -> None:
    """Word/WPS find a like font where one is missing: each font the runs name is in
    word/fontTable.xml with its alternative name, the GB2312 charset and a PANOSE class."""
    import zipfile

    from lxml import etree

    data = render_docx(balanced_report("2021"))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        fonts = etree.fromstring(zf.read("word/fontTable.xml"))
        styles = etree.fromstring(zf.read("word/styles.xml"))
    table = {f.get(qn("w:name")): f for f in fonts.findall(qn("w:font"))}
    expected = {"宋体": "SimSun", "黑体": "SimHei", "仿宋_GB2312": "仿宋"}
    for name, alt in expected.items():
        font = table[name]
        assert font.find(qn("w:altName")).get(qn("w:val")) == alt
        assert font.find(qn("w:charset")).get(qn("w:val")) == "86"
        assert len(font.find(qn("w:panose1")).get(qn("w:val"))) == 20
    langs = {lang.get(qn("w:eastAsia")) for lang in styles.iter(qn("w:lang"))}
    assert langs == {"zh-CN"}


@pytest.mark.parametrize("edition", EDITION_KEYS)
def test_docx_headings_keep_with_what_follows_and_rows_do_not_split(edition: str) -> None:
    report = balanced_report(edition)
    d = _open(report)
    headings = [p for p in d.paragraphs if p.text in {f"{s.number}、{s.label}" for s in report.spec.sections}]
    assert len(headings) == len(report.spec.sections)
    assert all(p.paragraph_format.keep_with_next for p in headings)
    for table in d.tables:
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
        first = [p.paragraph_format.keep_with_next for c in table.rows[0].cells for p in c.paragraphs]
        assert all(first)  # the first (header) row stays with the next one
        last = [p.paragraph_format.keep_with_next for c in table.rows[-1].cells for p in c.paragraphs]
        assert not any(last)  # …and the table lets go at its end
    t2, t4 = d.tables[0], d.tables[2]
    for short in (t2, t4):  # short tables are kept on one page
        rows = list(short.rows)[:-1]
        assert all(p.paragraph_format.keep_with_next for row in rows for c in row.cells for p in c.paragraphs)
