"""HTML rendering: a standalone page with the official tables (rowspan/colspan)."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from tests.write_samples import assert_table_matrix, balanced_report, with_special_cells
from xxgk.formats import EDITION_KEYS
from xxgk.write.html import render_html


def expand(table) -> list[list[str]]:
    """The table as a full matrix: a merged cell's text in every position it covers."""
    grid: dict[tuple[int, int], str] = {}
    for r, tr in enumerate(table.findall("tr")):
        c = 0
        for td in tr:
            while (r, c) in grid:
                c += 1
            rs, cs = int(td.get("rowspan", 1)), int(td.get("colspan", 1))
            for i in range(rs):
                for j in range(cs):
                    grid[(r + i, c + j)] = td.text_content()
            c += cs
    rows = 1 + max(r for r, _ in grid)
    cols = 1 + max(c for _, c in grid)
    assert len(grid) == rows * cols, "the table is a full rectangle"
    return [[grid[(r, c)] for c in range(cols)] for r in range(rows)]


@pytest.mark.parametrize("edition", EDITION_KEYS)
def test_html_page_tables_and_values(edition: str) -> None:
    report = with_special_cells(balanced_report(edition))
    page = render_html(report)
    assert page.startswith("<!DOCTYPE html>")
    doc = lxml_html.fromstring(page.encode("utf-8"))
    assert doc.find(".//meta").get("charset") == "utf-8"
    assert doc.findtext(".//h1") == f"{report.agency}{report.year}年政府信息公开工作年度报告"
    assert [h.text for h in doc.findall(".//h2")] == [f"{s.number}、{s.label}" for s in report.spec.sections]
    tables = doc.findall(".//table")
    assert [t.get("data-table") for t in tables] == ["table_2", "table_3", "table_4"]
    checked = sum(assert_table_matrix(expand(t), report, t.get("data-table")) for t in tables)
    assert checked == len(report.spec.cell_keys())
    style = doc.findtext(".//style")
    assert "border: 1px solid" in style and "Noto Serif CJK SC" in style
    assert "<script" not in page and "http" not in page.split("<body", 1)[0]  # no external resources


def test_html_merged_headers_of_table_3() -> None:
    doc = lxml_html.fromstring(render_html(balanced_report("2021")).encode("utf-8"))
    t3 = doc.find(".//table[@data-table='table_3']")
    first = t3.find("tr")
    cells = [(c.text_content(), c.get("rowspan"), c.get("colspan")) for c in first]
    assert cells[0][0].startswith("（本列数据的勾稽关系为") and cells[0][1:] == ("3", "3")
    assert cells[1] == ("申请人情况", None, "7")
    results = [c for c in t3.iter("td") if c.text_content() == "三、本年度办理结果"]
    assert len(results) == 1 and results[0].get("rowspan") == "22"
    assert t3.find(".//td[@data-cell='table_3.new_received.total']").text_content() == "256"


def test_html_escapes_prose_and_marks_unread() -> None:
    report = with_special_cells(balanced_report("2021"))
    report.texts["other_matters"] = "<script>alert(1)</script> & 其他"
    page = render_html(report)
    assert "<script>" not in page and "&lt;script&gt;" in page
    doc = lxml_html.fromstring(page.encode("utf-8"))
    unread = doc.find(".//td[@data-cell='table_3.granted.other_organization']")
    assert "unread" in unread.get("class") and unread.text_content() == "？"
