"""Plain text and Markdown renderings: the official grid, labels exactly as in the editions data."""

from __future__ import annotations

import pytest

from tests.write_samples import assert_table_matrix, balanced_report, table_chunks, with_special_cells
from xxgk.formats import EDITION_KEYS
from xxgk.write import render
from xxgk.write.markdown import render_md
from xxgk.write.txt import render_txt


def _sections(report):
    return [(f"{s.number}、{s.label}", s.table) for s in report.spec.sections]


@pytest.mark.parametrize("edition", EDITION_KEYS)
def test_txt_tables_hold_the_values_in_the_official_grid(edition: str) -> None:
    report = with_special_cells(balanced_report(edition))
    text = render_txt(report)
    lines = text.splitlines()
    assert lines[0] == f"{report.agency}{report.year}年政府信息公开工作年度报告"
    checked = 0
    for heading, table in _sections(report):
        assert heading in lines
        if table:
            matrix = [line.split("\t") for line in table_chunks(lines, heading, [h for h, _ in _sections(report)])]
            checked += assert_table_matrix(matrix, report, table, unread_mark="")
    assert checked == len(report.spec.cell_keys())
    assert "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in text
    assert "全年主动公开政府信息773条。" in lines
    # an unread cell is left empty in a plain-text grid (a mark could be read as a label), the note says so
    assert "？" not in text
    assert lines.count("注：本表部分单元格未能从原报告中确定，未作填补，表中留空。") == 1


@pytest.mark.parametrize("edition", EDITION_KEYS)
def test_markdown_pipe_tables(edition: str) -> None:
    report = with_special_cells(balanced_report(edition))
    text = render_md(report)
    lines = text.splitlines()
    assert lines[0].startswith("# ") and lines[0].endswith("政府信息公开工作年度报告")
    checked = 0
    for heading, table in _sections(report):
        assert f"## {heading}" in lines
        if table:
            chunk = table_chunks(lines, f"## {heading}", [f"## {h}" for h, _ in _sections(report)])
            assert all(line.startswith("| ") or line.startswith("|---") for line in chunk)
            widths = {line.count("|") for line in chunk}
            assert len(widths) == 1, "every row of a pipe table has the same number of cells"
            rows = [line.strip("|").split(" | ") for line in chunk if not line.startswith("|---")]
            checked += assert_table_matrix(rows, report, table, unread_mark="")
    assert checked == len(report.spec.cell_keys())


def test_markdown_prose_that_looks_like_syntax_stays_prose() -> None:
    report = balanced_report("2021")
    report.texts["overview"] = "1.加强组织领导。\n# 不是标题"
    lines = render_md(report).splitlines()
    assert "1\\.加强组织领导。" in lines
    assert "\\# 不是标题" in lines


def test_dispatcher_and_unknown_format() -> None:
    from xxgk.errors import XxgkError

    report = balanced_report("2021")
    assert render(report, "txt") == render_txt(report)
    with pytest.raises(XxgkError) as exc:
        render(report, "odt")
    assert exc.value.code == "write.unknown_format"
