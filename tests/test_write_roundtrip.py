"""Rendered reports read back by the parser (``xxgk.read.parse_file``) give the same
numbers, and ``check_report`` finds no error in them — both editions, every
format the parser reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.write_samples import balanced_report, with_special_cells
from xxgk.formats import EDITION_KEYS
from xxgk.read import parse_file
from xxgk.report import Cell
from xxgk.rules import check_report
from xxgk.write import render
from xxgk.write.pdf import find_soffice


def _write(report, fmt: str, tmp_path: Path) -> Path:
    data = render(report, fmt)
    path = tmp_path / f"report.{fmt}"
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def _formats():
    for fmt in ("txt", "md", "html", "docx", "xlsx", "pdf"):
        marks = [pytest.mark.libreoffice] if fmt == "pdf" else []
        yield pytest.param(fmt, marks=marks, id=fmt)


@pytest.mark.parametrize("edition", EDITION_KEYS)
@pytest.mark.parametrize("fmt", list(_formats()))
def test_round_trip_same_numbers_and_no_error(fmt: str, edition: str, tmp_path: Path) -> None:
    if fmt == "pdf" and find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    report = balanced_report(edition, 2023 if edition == "2021" else 2020)
    back = parse_file(_write(report, fmt, tmp_path))
    assert (back.edition, back.year, back.agency) == (report.edition, report.year, report.agency)
    wrong = [
        (k, back.cell(k).kind, back.value(k), report.value(k))
        for k in report.spec.cell_keys()
        if back.value(k) != report.value(k) or back.cell(k).kind != "number"
    ]
    assert wrong == []
    assert [f.code for f in check_report(back) if f.severity == "error"] == []


@pytest.mark.parametrize("edition", EDITION_KEYS)
@pytest.mark.parametrize("fmt", ["txt", "md", "html", "docx", "xlsx"])
def test_not_a_number_never_comes_back_as_a_wrong_number(fmt: str, edition: str, tmp_path: Path) -> None:
    """不适用 / blank / unread cells: whatever the parser makes of them, every number it reads is the original."""
    report = with_special_cells(balanced_report(edition))
    back = parse_file(_write(report, fmt, tmp_path))
    wrong = [
        (k, back.value(k), report.cell(k).kind, report.value(k))
        for k in report.spec.cell_keys()
        if back.value(k) is not None and back.value(k) != report.value(k)
    ]
    assert wrong == []
    assert back.cell("table_3.granted.other_organization").kind != "number"  # the unread cell stays without a number


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "docx", "xlsx"])
def test_a_blank_last_cell_keeps_the_row_in_place(fmt: str, tmp_path: Path) -> None:
    report = balanced_report("2021")
    report.set_cell(Cell(key="table_3.carried_forward.total", kind="blank", raw=""))
    back = parse_file(_write(report, fmt, tmp_path))
    wrong = [
        (k, back.value(k), report.value(k))
        for k in report.spec.cell_keys()
        if back.value(k) is not None and back.value(k) != report.value(k)
    ]
    assert wrong == []
    assert back.cell("table_3.carried_forward.total").kind == "blank"
