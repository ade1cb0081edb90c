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


def _report_html(columns: list[str], rows: list[tuple[str, list[str]]]) -> str:
    """A minimal report page built from the formats' own labels."""
    from xxgk.formats import get_edition

    e = get_edition("2021")
    section = {s.key: f"{s.number}、{s.label}" for s in e.sections}
    head = "".join(f"<th>{c}</th>" for c in columns)
    body = "".join(
        "<tr><td>" + label + "</td>" + "".join(f"<td>{v}</td>" for v in values) + "</tr>" for label, values in rows
    )
    return (
        "<html><head><title>某局2023年政府信息公开工作年度报告</title></head><body>"
        f"<p>{section['overview']}</p><p>{section['applications']}</p>"
        f"<table><tr><th>项目</th>{head}</tr>{body}</table>"
        f"<p>{section['review_and_litigation']}</p></body></html>"
    )


def test_html_columns_are_placed_by_their_printed_headers(tmp_path: Path) -> None:
    from xxgk.formats import get_edition

    t3 = get_edition("2021").table("table_3")
    cols = {c.key: c.label for c in t3.groups[0].columns}
    rows = [r for r in t3.data_rows][:4]
    order = [
        "total",
        "natural_person",
        "commercial_enterprise",
        "research_institution",
        "public_interest_organization",
        "legal_service_institution",
    ]
    page = _report_html([cols[k] for k in order], [(r.label or "", ["5", "4", "1", "0", "0", "0"]) for r in rows])
    path = tmp_path / "reordered.html"
    path.write_text(page, encoding="utf-8")
    report = parse_file(path)
    for r in rows:
        assert report.cell(f"table_3.{r.key}.total").value == 5
        assert report.cell(f"table_3.{r.key}.natural_person").value == 4
        assert report.cell(f"table_3.{r.key}.commercial_enterprise").value == 1
        assert report.cell(f"table_3.{r.key}.other_organization").kind == "unread"
    reasons = {u.cell: u.reason for u in report.unread}
    assert reasons[f"table_3.{rows[0].key}.other_organization"] == "表头未印出该列"


def test_a_paragraph_points_at_its_line_of_the_file() -> None:
    page = '\n<?xml version="1.0" encoding="utf-8"?>\n<html><body>\n<h1>某局报告</h1>\n<p>第一段。</p>\n<div>\n<p>全年共主动公开政府信息\n<b>12</b>条。</p>\n</div>\n</body></html>'
    doc = read_html(page, "x.html")
    lines = page.split("\n")
    for line in doc.lines:
        assert line.source.line is not None
        assert line.text[:2] in lines[line.source.line - 1], (line.text, line.source)


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["shuyang-fgj-2023.html", "putian-cgj-2023.html"])
def test_facts_of_a_corpus_page_point_at_the_lines_that_state_them(name: str) -> None:
    require_corpus()
    path = CORPUS / "public" / name
    report = parse_file(path)
    file_lines = path.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")
    facts = [*report.facts.values(), *report.channel_facts.values()]
    assert facts, "the page states facts in its prose"
    for fact in facts:
        assert fact.source is not None and fact.source.line is not None, fact
        printed = file_lines[fact.source.line - 1]
        if fact.value is not None and str(fact.value) in (fact.raw or ""):
            assert str(fact.value) in printed, (fact, printed[:200])
