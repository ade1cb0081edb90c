"""The official layout every renderer draws: grids derived from the editions data."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.write_samples import balanced_report, with_special_cells
from xxgk.formats import EDITION_KEYS, get_edition
from xxgk.write.layout import Heading, TableBlock, Title, cell_text, format_number, report_blocks, table_grid


def _grid(edition: str, table: str):
    report = balanced_report(edition)
    return report, table_grid(report, report.spec.table(table))


@pytest.mark.parametrize("edition", EDITION_KEYS)
def test_every_position_is_covered_once(edition: str) -> None:
    report = balanced_report(edition)
    for tkey in ("table_2", "table_3", "table_4"):
        grid = table_grid(report, report.spec.table(tkey))
        seen: dict[tuple[int, int], str] = {}
        for c in grid.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    assert (r, k) not in seen, f"{tkey}: {(r, k)} covered by {seen[(r, k)]!r} and {c.text!r}"
                    seen[(r, k)] = c.text
        assert len(seen) == grid.n_rows * grid.n_cols, tkey


@pytest.mark.parametrize("edition", EDITION_KEYS)
def test_every_cell_of_the_edition_is_printed_once(edition: str) -> None:
    report = balanced_report(edition)
    keys = [c.key for t in ("table_2", "table_3", "table_4") for c in table_grid(report, report.spec.table(t)).cells]
    printed = [k for k in keys if k]
    assert sorted(printed) == sorted(get_edition(edition).cell_keys())


@pytest.mark.parametrize(("edition", "results_rows", "data_rows"), [("2019_trial", 20, 23), ("2021", 22, 25)])
def test_table_3_headers_and_nested_labels(edition: str, results_rows: int, data_rows: int) -> None:
    _, grid = _grid(edition, "table_3")
    m = grid.matrix()
    assert (grid.header_rows, grid.label_cols, grid.n_cols) == (3, 3, 10)
    assert grid.n_rows == 3 + data_rows
    note = m[0][0]
    assert note is not None and note.text.startswith("（本列数据的勾稽关系为：第一项加第二项之和")
    assert (note.rowspan, note.colspan) == (3, 3)
    top = m[0][3]
    assert top is not None and (top.text, top.colspan) == ("申请人情况", 7)
    assert [(c.text, c.rowspan, c.colspan) for c in m[1] if c] == [
        ("自然人", 2, 1),
        ("法人或其他组织", 1, 5),
        ("总计", 2, 1),
    ]
    assert [c.text for c in m[2] if c] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    results = next(c for c in grid.cells if c.text == "三、本年度办理结果")
    assert (results.col, results.rowspan, results.colspan) == (0, results_rows, 1)
    first = next(c for c in grid.cells if c.text == "一、本年新收政府信息公开申请数量")
    assert (first.col, first.colspan) == (0, 3)
    granted = next(c for c in grid.cells if c.text == "（一）予以公开")
    assert (granted.col, granted.colspan) == (1, 2)
    denied = next(c for c in grid.cells if c.text == "（三）不予公开")
    assert (denied.col, denied.rowspan) == (1, 8)
    other = next(c for c in grid.cells if c.text == "（六）其他处理")
    if edition == "2021":
        assert (other.rowspan, other.colspan) == (3, 1)
        assert m[other.row][2] is not None and m[other.row][2].text.startswith("1.申请人无正当理由逾期不补正")
    else:
        assert (other.rowspan, other.colspan) == (1, 2)


def test_table_4_headers_three_levels() -> None:
    _, grid = _grid("2021", "table_4")
    m = grid.matrix()
    assert (grid.n_rows, grid.n_cols, grid.label_cols) == (4, 15, 0)
    assert [(c.text, c.colspan) for c in m[0] if c] == [("行政复议", 5), ("行政诉讼", 10)]
    assert [c.text for c in m[1] if c][5:] == ["未经复议直接起诉", "复议后起诉"]
    assert all(c is not None and c.rowspan == 2 for c in m[1][:5])
    assert [c.key for c in m[3] if c] == [
        f"table_4.count.{c.key}" for c in get_edition("2021").table("table_4").groups[0].columns
    ]


@pytest.mark.parametrize("edition", EDITION_KEYS)
def test_table_2_groups_stacked_with_captions(edition: str) -> None:
    _, grid = _grid(edition, "table_2")
    table = get_edition(edition).table("table_2")
    captions = [c for c in grid.cells if c.role == "caption"]
    assert [c.text for c in captions] == [g.caption for g in table.groups]
    assert all(c.colspan == grid.n_cols for c in captions)
    width = max(len(g.columns) for g in table.groups)
    assert grid.n_cols == width + 1
    headers = [c for c in grid.cells if c.role == "header" and c.col == 0]
    assert {c.text for c in headers} == {"信息内容"}


def test_cell_text_rules() -> None:
    spec = get_edition("2021")
    fee = spec.cell("table_2.administrative_fees.fee_amount_this_year").column
    assert format_number(Decimal("190.4573790"), fee) == "190.457379"
    assert format_number(Decimal("0.000"), fee) == "0"
    old = get_edition("2019_trial")
    change = old.cell("table_2.administrative_licensing.change_this_year").column
    assert [format_number(v, change) for v in (3, -2, 0)] == ["+3", "-2", "0"]
    amount = old.cell("table_2.government_centralized_procurement.procurement_total_amount").column
    assert format_number(Decimal("6.8178"), amount) == "6.8178万元"  # label states no unit: print it
    report = with_special_cells(balanced_report("2021"))
    col = spec.cell("table_3.granted.total").column
    texts = [
        cell_text(report.cell(f"table_3.granted.{k}"), col)
        for k in ("research_institution", "legal_service_institution", "other_organization")
    ]
    assert texts == ["/", "", "？"]


def test_blocks_follow_the_sections_of_the_edition() -> None:
    report = with_special_cells(balanced_report("2021", 2023))
    blocks = report_blocks(report)
    assert isinstance(blocks[0], Title) and blocks[0].text == "某市某区人民政府办公室2023年政府信息公开工作年度报告"
    headings = [b.text for b in blocks if isinstance(b, Heading)]
    assert headings == [f"{s.number}、{s.label}" for s in report.spec.sections]
    tables = [b.grid.table_key for b in blocks if isinstance(b, TableBlock)]
    assert tables == ["table_2", "table_3", "table_4"]
    texts = [getattr(b, "text", None) for b in blocks]
    assert "全年主动公开政府信息773条。" in texts
    assert any(t and t.startswith("注：标“？”") for t in texts)  # the unread cell is explained under its table
