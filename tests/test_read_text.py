"""The text/Markdown reader and the label-matching rules, on real seeds and on
fixtures derived from them in tmp_path (never copied into the project)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus import CORPUS, require_corpus
from xxgk.formats import get_edition
from xxgk.read import parse_file
from xxgk.read.numbers import parse_cell, split_values
from xxgk.read.text import is_pipe_row, line_fields, read_text, split_merged_line
from xxgk.report import Cell

SEEDS = CORPUS / "seeds"


def seed(prefix: str) -> Path:
    require_corpus()
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def derive(tmp_path: Path, prefix: str, old: str, new: str, name: str = "derived.txt") -> Path:
    text = seed(prefix).read_text("utf-8")
    assert old in text, f"fixture anchor not found in seed {prefix}"
    out = tmp_path / name
    out.write_text(text.replace(old, new, 1), encoding="utf-8")
    return out


# ------------------------------------------------------------------ tokenising


def test_tab_grid_keeps_empty_fields_as_blank_cells() -> None:
    assert [t for _, t in line_fields("规章\t0\t\t3")] == ["规章", "0", "", "3"]


def test_tab_indented_single_cell_is_one_token() -> None:
    assert line_fields("\t0") == [(1, "0")]
    assert line_fields("\t") == [(1, "")]


def test_pipe_rows_drop_outer_pipes_and_separators() -> None:
    assert [t for _, t in line_fields("| 规章 | 0 |  | 3 |")] == ["规章", "0", "", "3"]
    assert line_fields("|---|---|:---:|") is None


def test_two_or_more_spaces_separate_cells_single_space_does_not() -> None:
    assert [t for _, t in line_fields("社会 公益 组织  12   3")] == ["社会 公益 组织", "12", "3"]


def test_tokens_keep_line_and_column() -> None:
    doc = read_text("标题\n\n规章\t0\t7\n", "x.txt")
    tokens = doc.lines[1].tokens
    assert [t.text for t in tokens] == ["规章", "0", "7"]
    assert tokens[2].source.line == 3 and tokens[2].source.column == 5
    assert tokens[2].source.offset == len("标题\n\n") + 5


@pytest.mark.parametrize(
    "line",
    [
        "规章",
        "  规章 ",
        "\t0",
        "\t",
        "\t\t 0 ",
        "\t a|b  c",
        "规章\t0\t\t3",
        " \t0",
        "| 规章 | 0 |",
        "a  b",
        "a\u3000b",
        "\xa0a",
        " ",
        " 规章 \t 0\t\t3 ",
        "\t\t规章\t0",
        "a|b\t| c |\t",
        "a\u3000\tb  c",
    ],
)
def test_one_cell_lines_read_as_line_fields_reads_them(line: str) -> None:
    """The reader finds a line's one cell, and a tab row's cells, without line_fields:
    the same cells, at the same columns (a tab or pipe row's field index its grid column)."""
    doc = read_text(f"标题\n{line}\n", "x.txt")
    fields = line_fields(line)
    got = [(t.source.column, t.text) for ln in doc.lines[1:] for t in ln.tokens]
    assert got == (fields or [])
    grid = fields is not None and len(fields) > 1 and ("\t" in line or is_pipe_row(line))
    assert [t.grid_col for ln in doc.lines[1:] for t in ln.tokens] == [
        i if grid else None for i in range(len(fields or []))
    ]
    for ln in doc.lines[1:]:
        assert ln.source.line == 2 and ln.source.column == 0 and ln.source.offset == len("标题\n")
        for t in ln.tokens:
            assert t.source.offset == len("标题\n") + t.source.column


def test_crlf_and_lone_cr_are_line_ends() -> None:
    doc = read_text("甲\r\n乙\r丙", "x.txt")
    assert [line.text for line in doc.lines] == ["甲", "乙", "丙"]
    assert [line.source.offset for line in doc.lines] == [0, 3, 5]
    crlf = read_text("甲\r\n\r\n乙\r\n", "x.txt")
    assert [(line.source.line, line.source.offset) for line in crlf.lines] == [(1, 0), (3, 5)]


@pytest.mark.parametrize("name", ["sanming-2019.txt", "sanming-2021.txt"])
def test_offsets_index_the_decoded_text_of_a_crlf_report(name: str) -> None:
    # both are saved with CRLF line ends: an offset counts the two characters of each
    require_corpus()
    path = CORPUS / "public" / name
    text = path.read_bytes().decode("utf-8")
    assert text.count("\r\n") > 100
    lines = text.split("\r\n")
    cells = [c for c in parse_file(path).cells.values() if c.kind == "number"]
    assert len(cells) > 50
    for c in cells:
        s = c.source
        assert s is not None and s.offset is not None and s.line is not None and s.column is not None
        assert text[s.offset - s.column :].startswith(lines[s.line - 1]), c.key
        if "\r" in text[s.offset : s.offset + len(c.raw)]:  # a number split over lines (1 / 62 = 162)
            assert text[s.offset] == c.raw[0], c.key
        else:
            assert text[s.offset : s.offset + len(c.raw)] == c.raw, c.key


def test_a_report_merged_into_one_line_is_cut_at_section_headings() -> None:
    text = "前言" * 400 + "二、主动公开政府信息情况 表格" + "三、收到和处理政府信息公开申请情况 表格"
    pieces = [p for _, p in split_merged_line(text)]
    assert len(pieces) == 3
    assert pieces[1].startswith("二、主动公开政府信息情况")
    assert pieces[2].startswith("三、收到和处理")


# ------------------------------------------------------------------ numerals


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("12", "number", 12),
        ("１２", "number", 12),  # full-width
        ("1,234", "number", 1234),
        ("+3", "number", 3),
        ("-3", "number", -3),
        ("-", "na", None),
        ("—", "na", None),
        ("／", "na", None),
        ("", "blank", None),
        ("6.8178", "number", None),
    ],
)
def test_parse_cell(text: str, kind: str, value: int | None) -> None:
    p = parse_cell(text)
    assert p is not None and p.kind == kind
    if value is not None:
        assert p.value == value


def test_numbers_separated_by_a_space_are_two_values() -> None:
    assert parse_cell("2 4") is None
    values, rest = split_values("0 0 12")
    assert [v.value for v in values] == [0, 0, 12] and rest == ""


def test_text_with_a_unit_word_is_not_a_value() -> None:
    assert parse_cell("2019年") is None
    assert split_values("2019年项目数量") == ([], "2019年项目数量")


def test_values_glued_to_text_are_cut_off() -> None:
    values, rest = split_values("898989第二十条")
    assert [v.value for v in values] == [898989] and rest == "第二十条"


# ------------------------------------------------------------------ rules on derived fixtures


@pytest.mark.corpus
def test_a_blanked_value_gives_blank_and_neighbours_keep_their_columns(tmp_path: Path) -> None:
    row = "一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t"
    path = derive(tmp_path, "003", row, "一、本年新收政府信息公开申请数量\t\t5\t\t0\t0\t0\t0\t5\t")
    report = parse_file(path)
    cell = report.cell
    assert cell("table_3.new_received.natural_person").value == 5
    assert cell("table_3.new_received.commercial_enterprise").kind == "blank"
    assert cell("table_3.new_received.research_institution").value == 0
    assert cell("table_3.new_received.total").value == 5
    assert cell("table_3.carried_over.total").value == 0


@pytest.mark.corpus
def test_rows_are_matched_by_label_not_position(tmp_path: Path) -> None:
    """Move a row of the pipe table to another place: every cell stays the same."""

    def values(path: Path) -> dict[str, tuple[str, object]]:
        return {k: (c["kind"], c["value"]) for k, c in parse_file(path).to_dict()["cells"].items()}

    text = seed("002").read_text("utf-8")
    lines = text.split("\n")
    i = next(n for n, line in enumerate(lines) if line.startswith("3.危及"))
    moved = lines.pop(i)
    lines.insert(next(n for n, line in enumerate(lines) if line.startswith("7.属于行政执法")), moved)
    path = tmp_path / "moved.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert values(path) == values(seed("002"))


@pytest.mark.corpus
def test_seed_001_short_last_row_is_unread_not_zero() -> None:
    report = parse_file(seed("001"))
    reasons = {u.cell: u.reason for u in report.unread}
    for col in ("natural_person", "commercial_enterprise", "total"):
        key = f"table_3.carried_forward.{col}"
        assert report.cell(key).kind == "unread"
        assert "4个数值" in reasons[key]


@pytest.mark.corpus
def test_seed_001_amount_in_yuan_is_converted_to_wan_yuan() -> None:
    cell = parse_file(seed("001")).cell("table_2.government_centralized_procurement.procurement_total_amount")
    assert str(cell.value) == "435.9957" and cell.raw == "4359957元" and cell.unit == "元"


@pytest.mark.corpus
def test_seed_002_surplus_value_is_dropped_with_a_note() -> None:
    report = parse_file(seed("002"))
    assert report.cell("table_2.administrative_fees.change_this_year").value == 0
    assert any(n.code == "read.surplus_value" and n.cell == "table_2.administrative_fees" for n in report.notes)


@pytest.mark.corpus
def test_seed_004_misaligned_rows_are_unread_and_table_4_aligned_to_printed_headers() -> None:
    report = parse_file(seed("004"))
    assert report.cell("table_3.denied_state_secret.total").kind == "unread"
    assert report.cell("table_3.other_processing.total").kind == "unread"
    assert report.cell("table_3.results_total.total").kind == "unread"
    assert report.cell("table_3.new_received.total").value == 0
    assert report.cell("table_4.count.litigation_after_review_total").kind == "unread"
    assert report.cell("table_4.count.litigation_after_review_pending").value == 0
    assert any(n.code == "read.header_alignment" for n in report.notes)


@pytest.mark.corpus
def test_a_number_split_over_two_lines_is_joined_only_when_the_row_total_proves_it(tmp_path: Path) -> None:
    old = "\t一、本年新收政府信息公开申请数量\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n"
    new = "\t一、本年新收政府信息公开申请数量\n\t10\n\t3\n\t0\n\t0\n\t0\n\t0\n\t1\n\t3\n"
    report = parse_file(derive(tmp_path, "001", old, new))
    assert report.cell("table_3.new_received.natural_person").value == 10
    assert report.cell("table_3.new_received.commercial_enterprise").value == 3
    assert report.cell("table_3.new_received.total").value == 13
    assert any(n.code == "read.recovered" for n in report.notes)


@pytest.mark.corpus
def test_an_ambiguous_run_together_row_is_unread_never_guessed(tmp_path: Path) -> None:
    row = "一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t"
    # "1120002" (7 digits, 7 columns) would be 1,1,2,0,0,0,2 but 1+1+2 ≠ 2: no reading balances
    report = parse_file(derive(tmp_path, "003", row, "一、本年新收政府信息公开申请数量1120002"))
    assert all(report.cell(f"table_3.new_received.{c}").kind == "unread" for c in ("natural_person", "total"))


@pytest.mark.corpus
def test_markdown_layout_is_read(tmp_path: Path) -> None:
    require_corpus()
    report = parse_file(CORPUS / "public" / "shanghai-kewei-2024.md")
    assert report.cell("table_3.granted.total").value == 9
    assert report.cell("table_2.administrative_licensing.decisions_this_year").value == 97
    assert any(n.code == "read.detached_label" for n in report.notes)


@pytest.mark.corpus
def test_a_question_mark_cell_keeps_its_column_and_is_unread(tmp_path: Path) -> None:
    row = "一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t"
    report = parse_file(derive(tmp_path, "003", row, "一、本年新收政府信息公开申请数量\t\t3\t？\t0\t0\t0\t0\t3\t"))
    assert report.cell("table_3.new_received.natural_person").value == 3
    assert report.cell("table_3.new_received.commercial_enterprise").kind == "unread"
    assert report.cell("table_3.new_received.total").value == 3
    reasons = {u.cell: u.reason for u in report.unread}
    assert "？" in reasons["table_3.new_received.commercial_enterprise"]


@pytest.mark.corpus
def test_amount_header_in_yuan_converts_plain_numbers(tmp_path: Path) -> None:
    text = seed("004").read_text("utf-8")
    assert "政府集中采购\t3\t6.8178" in text
    text = text.replace("采购总金额（单位：万元，保留4位小数）", "采购总金额（单位：元）")
    text = text.replace("政府集中采购\t3\t6.8178", "政府集中采购\t3\t68178")
    path = tmp_path / "yuan.txt"
    path.write_text(text, encoding="utf-8")
    cell = parse_file(path).cell("table_2.government_centralized_procurement.procurement_total_amount")
    assert str(cell.value) == "6.8178" and cell.raw == "68178" and cell.unit == "元"
    plain = parse_file(seed("004")).cell("table_2.government_centralized_procurement.procurement_total_amount")
    assert str(plain.value) == "6.8178" and plain.unit is None


@pytest.mark.corpus
def test_markdown_emphasis_and_headings_do_not_hide_labels(tmp_path: Path) -> None:
    text = seed("002").read_text("utf-8")
    text = text.replace("二、主动公开政府信息的情况", "## **二、主动公开政府信息的情况**")
    text = text.replace("规范性文件 | 0 | 0 | 0 |", "**规范性文件** | 0 | 0 | 0 |")
    path = tmp_path / "emphasis.md"
    path.write_text(text, encoding="utf-8")
    report = parse_file(path)
    assert report.cell("table_2.normative_documents.total_published").value == 0
    assert report.cell("table_3.new_received.total").value == 0


@pytest.mark.corpus
def test_table_4_value_row_with_a_caption_cell(tmp_path: Path) -> None:
    row = "0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"
    path = derive(tmp_path, "002", row, "数量 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 2 | 2 | 0 | 0 | 0 | 0 | 0 |")
    report = parse_file(path)
    assert report.cell("table_4.count.review_upheld").value == 1
    assert report.cell("table_4.count.review_total").value == 1
    assert report.cell("table_4.count.litigation_direct_total").value == 2


@pytest.mark.corpus
def test_a_misprinted_label_is_recognised_by_similarity_with_a_note(tmp_path: Path) -> None:
    path = derive(tmp_path, "003", "4. 保护第三方合法权益\t0\t0", "4. 保护第三方权益\t2\t0")
    report = parse_file(path)
    assert report.cell("table_3.denied_third_party_rights.natural_person").value == 2
    assert any(n.code == "read.approximate_label" and "保护第三方权益" in n.message for n in report.notes)


@pytest.mark.corpus
def test_shifted_tab_export_with_blank_edge_cells_is_unread_where_readings_disagree(tmp_path: Path) -> None:
    """Seed 003 is a Word tab export whose sub-rows sit one field right of the header.
    A top row with blank first and last cells reads differently by header position
    and by count: those cells are unread, never one reading picked."""
    row = "一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t"
    path = derive(tmp_path, "003", row, "一、本年新收政府信息公开申请数量\t\t\t1\t2\t0\t0\t0\t\t")
    cell = parse_file(path).cell
    assert cell("table_3.new_received.natural_person").kind == "blank"  # both readings agree
    for col in ("commercial_enterprise", "research_institution", "total"):
        assert cell(f"table_3.new_received.{col}").kind == "unread"
    assert cell("table_3.carried_over.total").value == 0


def test_tab_grid_that_keeps_its_columns_is_read_by_header_position(tmp_path: Path) -> None:
    """Every row under the headers (as the project's own text renderer writes): a
    blank first and last cell stay in place."""
    from tests.write_samples import balanced_report
    from xxgk.report import Cell
    from xxgk.write import render

    report = balanced_report("2021")
    report.set_cell(Cell(key="table_3.carried_forward.total", kind="blank", raw=""))
    report.set_cell(Cell(key="table_3.carried_forward.natural_person", kind="blank", raw=""))
    path = tmp_path / "grid.txt"
    path.write_text(render(report, "txt"), encoding="utf-8")
    back = parse_file(path)
    for col in ("natural_person", "total"):
        assert back.cell(f"table_3.carried_forward.{col}").kind == "blank"
    assert back.value("table_3.carried_forward.commercial_enterprise") == report.value(
        "table_3.carried_forward.commercial_enterprise"
    )


@pytest.mark.corpus
def test_page_footer_between_rows_is_not_a_value(tmp_path: Path) -> None:
    """A table split across pages in a text dump: the footer '— 2 —' between two rows is ignored."""
    old = "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\n"
    report = parse_file(derive(tmp_path, "001", old, "— 2 —\n\n第 3 页\n" + old))
    assert report.cell("table_3.granted.total").value == 0
    assert report.cell("table_3.partially_granted.total").value == 0
    assert not any(u.cell.startswith("table_3.granted") for u in report.unread)


@pytest.mark.corpus
def test_a_grid_row_left_entirely_blank_is_blank_not_missing(tmp_path: Path) -> None:
    report = parse_file(derive(tmp_path, "003", "规章\t0\t0\t0", "规章\t\t\t"))
    for col in ("issued_this_year", "repealed_this_year", "currently_valid"):
        assert report.cell(f"table_2.regulations.{col}").kind == "blank"
    assert report.cell("table_2.administrative_normative_documents.currently_valid").value == 0


def _printed_at(path: Path, key: str) -> str:
    cell = parse_file(path).cells[key]
    s = cell.source
    assert cell.kind == "number" and s is not None and s.line is not None and s.column is not None
    line = path.read_text("utf-8").splitlines()[s.line - 1]
    return line[s.column :]


def test_a_value_after_one_space_is_located_at_its_first_digit(tmp_path: Path) -> None:
    # shanghai-kewei-2024.md prints "行政许可 97"; seed 003 derived with one space for the tab
    require_corpus()
    key = "table_2.administrative_licensing.decisions_this_year"
    assert _printed_at(CORPUS / "public" / "shanghai-kewei-2024.md", key).startswith("97")
    derived = derive(tmp_path, "003", "行政许可\t0\t\t", "行政许可 0\t\t")
    assert _printed_at(derived, key).startswith("0")


_GRANTED_001 = "\t（一）予以公开\n" + "\t0\n" * 7 + "\n\t\n"


def _granted(path: Path) -> list[Cell]:
    cells = parse_file(path).cells
    columns = get_edition("2019_trial").table("table_3").groups[0].columns
    return [cells[f"table_3.granted.{c.key}"] for c in columns]


def test_one_cell_per_line_row_missing_a_value_is_unread_not_shifted(tmp_path: Path) -> None:
    # seed 001 (Word export, one cell per line; a row ends with an empty line, and the
    # next row starts with a tab-only line for its merged label cell)
    printed = ["1", "2", "3", "4", "5", "6", "21"]
    whole = derive(
        tmp_path, "001", _GRANTED_001, "\t（一）予以公开\n" + "".join(f"\t{v}\n" for v in printed) + "\n\t\n"
    )
    assert [c.raw for c in _granted(whole)] == printed
    missing = [v for v in printed if v != "3"]
    damaged = derive(
        tmp_path,
        "001",
        _GRANTED_001,
        "\t（一）予以公开\n" + "".join(f"\t{v}\n" for v in missing) + "\n\t\n",
        "missing.txt",
    )
    cells = _granted(damaged)
    # rather unread than shifted: no cell may carry another column's value, 总计 is not blank
    for cell, truth in zip(cells, printed, strict=True):
        assert cell.kind == "unread" or cell.raw == truth, (cell.key, cell.raw, truth)
    assert any(c.kind == "unread" for c in cells)
