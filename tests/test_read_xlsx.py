"""The XLSX reader: a workbook xxgk wrote, a plain workbook of the official tables
as a supervisor receives it (one sheet, tables under their headings, numbers
typed as text), formulas with and without the value Excel caches, sources
(sheet + cell reference), and hostile or broken files refused with stable codes."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from tests.corpus import require_corpus
from tests.write_samples import balanced_report
from xxgk.cli import main
from xxgk.errors import LimitExceeded, ReadError
from xxgk.formats import EDITION_KEYS
from xxgk.read import parse_file
from xxgk.read.limits import Limits
from xxgk.read.pipeline import parse_path
from xxgk.report import AnnualReport
from xxgk.write import render
from xxgk.write.layout import Heading, Paragraph, TableBlock, Title, report_blocks
from xxgk.write.xlsx import merge

CORPUS_PDF = "files/huaian-2024.pdf"


def _same_cells(a: AnnualReport, b: AnnualReport) -> list[tuple[str, str, object, str, object]]:
    return [
        (k, a.cell(k).kind, a.value(k), b.cell(k).kind, b.value(k))
        for k in a.spec.cell_keys()
        if (a.cell(k).kind, a.value(k)) != (b.cell(k).kind, b.value(k))
    ]


def written_workbook(tmp_path: Path, report: AnnualReport | None = None) -> Path:
    """The workbook ``xxgk report --format xlsx`` writes (of a balanced 2021 report by default), as good.xlsx."""
    data = render(report or balanced_report("2021"), "xlsx")
    assert isinstance(data, bytes)
    path = tmp_path / "good.xlsx"
    path.write_bytes(data)
    return path


def plain_workbook(report: AnnualReport, path: Path, *, numbers_as_text: bool = False) -> Path:
    """The report as a person types it into Excel: one sheet, the title and the
    section headings in column A, each table under its heading with merged
    header cells, a blank row after it; no styles."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sheet1"
    row = 1
    for block in report_blocks(report):
        if isinstance(block, Title | Heading | Paragraph):
            ws.cell(row=row, column=1, value=block.text)
            row += 1
        elif isinstance(block, TableBlock):
            grid = block.grid
            for gc in grid.cells:
                value: object = gc.value if gc.value is not None else (gc.text or None)
                if numbers_as_text and gc.value is not None:
                    value = gc.text
                ws.cell(row=row + gc.row, column=1 + gc.col, value=value)
                merge(ws, gc, row)
            row += grid.n_rows + 1
    wb.save(path)
    return path


@pytest.mark.corpus
@pytest.mark.parametrize("numbers_as_text", [False, True], ids=["numbers", "numbers-as-text"])
def test_a_plain_workbook_of_the_official_tables_reads_as_the_report(numbers_as_text: bool, tmp_path: Path) -> None:
    original = parse_file(require_corpus() / CORPUS_PDF)
    assert sum(original.cell(k).kind == "number" for k in original.spec.cell_keys()) > 100
    path = plain_workbook(original, tmp_path / "plain.xlsx", numbers_as_text=numbers_as_text)
    back = parse_file(path)
    assert (back.edition, back.year, back.agency) == (original.edition, original.year, original.agency)
    assert _same_cells(original, back) == []


def test_a_zip_named_otherwise_is_still_read_as_a_workbook(tmp_path: Path) -> None:
    report = balanced_report("2021", 2023)
    path = tmp_path / "report.zip"
    path.write_bytes(render(report, "xlsx"))  # type: ignore[arg-type]
    assert _same_cells(report, parse_file(path)) == []


def test_sources_name_the_sheet_and_the_cell(tmp_path: Path) -> None:
    report = balanced_report("2021", 2023)
    path = tmp_path / "r.xlsx"
    path.write_bytes(render(report, "xlsx"))  # type: ignore[arg-type]
    back = parse_file(path)
    source = back.cell("table_3.new_received.total").source
    assert source is not None and source.kind == "xlsx"
    wb = load_workbook(path)
    ws = wb[source.sheet]  # the sheet named in the source holds the value at the reference
    assert ws[source.ref].value == report.value("table_3.new_received.total")
    assert source.ref == f"{get_column_letter(source.col + 1)}{source.row + 1}"
    assert source.describe() == f"工作表“{source.sheet}” 单元格{source.ref}"
    as_json = json.loads(back.to_json())
    assert as_json["cells"]["table_3.new_received.total"]["source"]["ref"] == source.ref


def _with_total_formulas(path: Path) -> dict[str, int]:
    """Table 三's 总计 column replaced by SUM formulas without a cached value (as
    openpyxl writes them); returns each formula cell's reference and its value."""
    wb = load_workbook(path)
    ws = next(ws for ws in wb.worksheets if ws.title.startswith("三"))
    total_col = max(c.column for row in ws.iter_rows() for c in row if c.value == "总计")
    first, last = get_column_letter(total_col - 6), get_column_letter(total_col - 1)
    replaced: dict[str, int] = {}
    for r in range(1, ws.max_row + 1):
        cell = ws.cell(row=r, column=total_col)
        if isinstance(cell.value, int):
            replaced[cell.coordinate] = cell.value
            cell.value = f"=SUM({first}{r}:{last}{r})"
    wb.save(path)
    return replaced


def _cache_values(path: Path, values: dict[str, int]) -> None:
    """Store each formula's value in the sheet XML, as Excel or WPS does on saving."""
    copy = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                text = data.decode("utf-8")
                for ref, value in values.items():
                    text = re.sub(rf'(<c r="{ref}"[^>]*><f>[^<]*</f>)<v\s*/?>(</v>)?', rf"\g<1><v>{value}</v>", text)
                data = text.encode("utf-8")
            zout.writestr(item, data)
    copy.replace(path)


@pytest.mark.parametrize("edition", EDITION_KEYS)
def test_a_formula_without_a_cached_value_is_unread_never_a_number(edition: str, tmp_path: Path) -> None:
    report = balanced_report(edition)
    path = tmp_path / "r.xlsx"
    path.write_bytes(render(report, "xlsx"))  # type: ignore[arg-type]
    totals = [k for k in report.spec.cell_keys() if k.startswith("table_3.") and k.endswith(".total")]
    assert len(_with_total_formulas(path)) == len(totals)
    back = parse_file(path)
    assert {back.cell(k).kind for k in totals} == {"unread"}
    others = [k for k in report.spec.cell_keys() if k not in totals]
    assert [k for k in others if (back.cell(k).kind, back.value(k)) != ("number", report.value(k))] == []


@pytest.mark.parametrize("edition", EDITION_KEYS)
def test_formulas_read_with_the_values_the_spreadsheet_cached(edition: str, tmp_path: Path) -> None:
    report = balanced_report(edition)
    path = tmp_path / "r.xlsx"
    path.write_bytes(render(report, "xlsx"))  # type: ignore[arg-type]
    _cache_values(path, _with_total_formulas(path))
    assert any(
        isinstance(c.value, str) and c.value.startswith("=SUM")
        for ws in load_workbook(path).worksheets
        for row in ws.iter_rows()
        for c in row
    )  # the formulas are there, with their values beside them
    assert _same_cells(report, parse_file(path)) == []


# --------------------------------------------------------------------------- refused files


def test_a_broken_xlsx_is_refused_with_its_own_code(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(ReadError) as exc:
        parse_file(path)
    assert exc.value.code == "read.xlsx_invalid"
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == 2
    assert "XLSX" in result.output and "read.xlsx_invalid" in result.output and "DOCX" not in result.output


def test_a_zip_without_a_workbook_named_xlsx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "nowb.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "不是工作簿")
    with pytest.raises(ReadError) as exc:
        parse_file(path)
    assert exc.value.code == "read.xlsx_invalid"


def test_a_damaged_sheet_is_refused(tmp_path: Path) -> None:
    good = written_workbook(tmp_path)
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet3.xml":
                data = data[: len(data) // 2]  # cut in the middle of the XML
            zout.writestr(item, data)
    with pytest.raises(ReadError) as exc:
        parse_file(bad)
    assert exc.value.code == "read.xlsx_invalid"


def test_a_zip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    good = written_workbook(tmp_path)
    bomb = tmp_path / "bomb.xlsx"
    shutil.copy(good, bomb)
    with zipfile.ZipFile(bomb, "a", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/media/zeros.bin", b"\x00" * (20 * 1024 * 1024))
    with pytest.raises(LimitExceeded) as exc:
        parse_file(bomb)
    assert exc.value.code == "read.limit.zip_ratio"


def test_too_many_cells_are_refused(tmp_path: Path) -> None:
    path = written_workbook(tmp_path)
    with pytest.raises(LimitExceeded) as exc:
        parse_path(path, Limits(max_xlsx_cells=100))
    assert exc.value.code == "read.limit.xlsx_cells"
    assert parse_path(path, Limits(max_xlsx_cells=5000)).cell("table_3.new_received.total").kind == "number"


def _with_sheet_xml(src: Path, dst: Path, edit) -> None:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet3.xml":
                data = edit(data.decode("utf-8")).encode("utf-8")
            zout.writestr(item, data)


def test_a_merge_over_the_whole_sheet_is_refused_quickly(tmp_path: Path) -> None:
    good = written_workbook(tmp_path)
    bad = tmp_path / "merge.xlsx"
    _with_sheet_xml(good, bad, lambda x: x.replace("</mergeCells>", '<mergeCell ref="K1:XFD1048576"/></mergeCells>'))
    with pytest.raises(LimitExceeded) as exc:
        parse_file(bad)
    assert exc.value.code == "read.limit.xlsx_cells"


def test_a_stray_cell_far_right_does_not_widen_the_table(tmp_path: Path) -> None:
    """A note typed in the last column (XFD) beside table 三: its rows are not filled
    with sixteen thousand blank cells, and the numbers read as before."""
    from xxgk.read.xlsx import read_xlsx

    report = balanced_report("2021")
    good = written_workbook(tmp_path, report)
    stray = tmp_path / "stray.xlsx"
    note = '<c r="XFD5" t="inlineStr"><is><t>备注</t></is></c>'
    _with_sheet_xml(
        good, stray, lambda x: re.sub(r'(<row r="5"[^>]*>.*?)</row>', rf"\g<1>{note}</row>", x, count=1, flags=re.S)
    )
    doc = read_xlsx(stray)
    assert any(t.text == "备注" and t.source.ref == "XFD5" for line in doc.lines for t in line.tokens)
    assert max(len(line.tokens) for line in doc.lines) < 100
    back = parse_file(stray)
    assert [k for k in report.spec.cell_keys() if back.value(k) != report.value(k)] == []


@pytest.mark.parametrize("edition", EDITION_KEYS)
def test_sheets_named_by_their_section_are_the_headings_of_their_tables(edition: str, tmp_path: Path) -> None:
    """A workbook of the three tables alone, each sheet named by its section
    (二、主动公开政府信息情况 …) with no heading inside: the names place the tables."""
    report = balanced_report(edition)
    path = tmp_path / "tables.xlsx"
    path.write_bytes(render(report, "xlsx"))  # type: ignore[arg-type]
    wb = load_workbook(path)
    del wb[wb.sheetnames[0]]  # no 报告信息 sheet: no title, no headings, no prose
    wb.save(path)
    back = parse_file(path)
    assert back.edition == edition
    assert [
        k for k in report.spec.cell_keys() if (back.cell(k).kind, back.value(k)) != ("number", report.value(k))
    ] == []
