"""The HTML reader: rowspan/colspan grids, paragraphs, encodings; real pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus import CORPUS, require_corpus
from xxgk.read import parse_file
from xxgk.read.html import read_html

GRID = """<html><head><title>某局2023年政府信息公开工作年度报告</title></head><body>
<p>一、总体情况</p><p>全年共主动公开政府信息12条。</p><script>var x = "三";</script>
<table><tr><td rowspan="2">A</td><td colspan="2">B</td></tr>
<tr><td>C</td><td>D</td></tr><tr><td>E</td><td></td><td><p>结果</p><p>纠正</p></td></tr></table>
<div>尾<br>行</div></body></html>"""


def test_table_cells_are_emitted_once_on_the_expanded_grid() -> None:
    doc = read_html(GRID, "x.html")
    rows = [line for line in doc.lines if line.table == 0]
    assert [[(t.text, t.grid_col, t.span) for t in line.tokens] for line in rows] == [
        [("A", 0, 1), ("B", 1, 2)],
        [("C", 1, 1), ("D", 2, 1)],
        [("E", 0, 1), ("", 1, 1), ("结果纠正", 2, 1)],
    ]
    assert rows[1].tokens[1].source.table == 0 and rows[1].tokens[1].source.row == 1
    assert rows[1].tokens[1].source.col == 2


def test_paragraphs_become_lines_and_scripts_are_dropped() -> None:
    doc = read_html(GRID, "x.html")
    texts = [line.text for line in doc.lines if line.table is None]
    assert texts[:2] == ["一、总体情况", "全年共主动公开政府信息12条。"]
    assert "尾" in texts and "行" in texts
    assert not any("var x" in t for t in texts)
    assert doc.title == "某局2023年政府信息公开工作年度报告"


@pytest.mark.corpus
def test_word_exported_html_keeps_blank_columns_blank() -> None:
    require_corpus()
    report = parse_file(CORPUS / "public" / "shuyang-fgj-2023.html")
    assert report.cell("table_3.new_received.natural_person").value == 26
    assert report.cell("table_3.new_received.commercial_enterprise").kind == "blank"
    assert report.cell("table_4.count.review_pending").value == 1
    src = report.cell("table_3.new_received.total").source
    assert src is not None and src.kind == "html" and src.table is not None and src.col is not None


@pytest.mark.corpus
def test_cms_html_with_rowspans_reads_every_cell() -> None:
    require_corpus()
    report = parse_file(CORPUS / "public" / "putian-cgj-2023.html")
    assert not report.unread
    assert report.cell("table_3.partially_granted.natural_person").value == 3
    assert report.cell("table_3.partially_granted.public_interest_organization").value == 1


@pytest.mark.corpus
def test_gbk_html_with_meta_charset(tmp_path: Path) -> None:
    require_corpus()
    text = (CORPUS / "public" / "putian-cgj-2023.html").read_text("utf-8")
    text = text.replace("<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=gbk">', 1)
    path = tmp_path / "page.htm"
    path.write_bytes(text.encode("gb18030"))
    report = parse_file(path)
    assert report.cell("table_3.new_received.total").value == 20
    assert report.agency == "莆田市城市管理局"
