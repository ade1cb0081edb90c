"""XLSX reader: an Excel workbook → :class:`~xxgk.read.document.Document`.

A report reaches a supervisor as a workbook: the one ``xxgk report --format xlsx``
writes (a sheet 报告信息 with the title, headings and prose, then one sheet per
table), or the official tables typed into Excel by hand (one sheet or several).

Stages:

1. ``check_zip``: an XLSX is a zip; its directory is checked *before* openpyxl
   opens it — member count, declared uncompressed size, per-member compression
   ratio within :class:`Limits` (zip bombs are refused with :class:`LimitExceeded`).
2. ``sheet_cells``: each worksheet parsed once by openpyxl's read-only sheet
   parser (values, merged ranges); a formula cell takes the value Excel cached
   for it — a formula without a cached value (a workbook written by a script and
   never opened in Excel) is *not* a number: its text is the formula, and the
   parser reports the cell unread.  The number of cells is bounded by
   ``Limits.max_xlsx_cells``.
3. ``sheet_lines``: one line per row, each merged range once in its top-left
   cell (``span`` = the columns it covers, ``grid_col`` = its 0-based column), an
   empty cell a blank value only where values are (as in the DOCX reader);
   ``Source(kind="xlsx", table=sheet index, row, col, sheet, ref)``.  A sheet's
   name is a line of its own before its rows when no row repeats it (a sheet named
   ``三、收到和处理政府信息公开申请情况`` is the heading of its table), and a row
   pointing to a sheet (``（见工作表“三、…”）``, as xxgk writes) is followed by that
   sheet's lines, so that each table follows its heading.

openpyxl parses the XML with the standard library's expat (no external entities,
entity expansion bounded).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from xxgk.errors import LimitExceeded, ReadError
from xxgk.read.cells import emits, join_cell_lines, label_columns
from xxgk.read.document import Document, Line, Token
from xxgk.read.limits import Limits
from xxgk.read.limits import check_zip as zip_guard
from xxgk.report import Source

WORKBOOK_PART = "xl/workbook.xml"
XLSX_SUFFIXES = (".xlsx", ".xlsm")
MAX_FILL_COLS = 64  # the widest official table has 18 columns
_SHEET_REF_RE = re.compile(r"见工作表\s*[“\"「『]([^”\"」』]+)[”\"」』]")


def is_xlsx(path: Path) -> bool:
    """Whether a zip file is a workbook (its suffix, or a workbook part inside)."""
    if path.suffix.lower() in XLSX_SUFFIXES:
        return True
    try:
        with zipfile.ZipFile(path) as zf:
            return WORKBOOK_PART in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        return False


def read_xlsx(path: Path, limits: Limits | None = None) -> Document:
    """Read an XLSX workbook into a :class:`Document` (every sheet's rows as lines)."""
    limits = Limits.resolve(limits)
    check_zip(path, limits)
    with path.open("rb") as f:  # a file object: openpyxl would refuse a name without .xlsx
        wb = open_workbook(f, path)
        try:
            sheets = list(_sheets(wb, path, limits))
            props = wb.properties
        finally:
            wb.close()
    lines = _reading_order(sheets)
    chars = sum(len(t.text) for line in lines for t in line.tokens)
    if chars > limits.max_text_chars:
        raise LimitExceeded(
            f"XLSX 文字超过上限 {limits.max_text_chars} 字，拒绝读取", code="read.limit.text", path=str(path)
        )
    doc = Document(path=str(path), kind="xlsx", lines=lines)
    doc.title = (props.title or "").strip() or None
    doc.meta = {k: v for k, v in {"title": props.title, "author": props.creator}.items() if v}
    return doc


# --------------------------------------------------------------------------- stage 1: the zip


def check_zip(path: Path, limits: Limits) -> None:
    """Refuse a workbook whose zip directory is broken or beyond the limits."""
    members = zip_guard(
        path,
        limits,
        kind="XLSX",
        invalid="不是有效的 XLSX 文件（不是 zip 格式；旧版 Excel 的 .xls 文件请先另存为 .xlsx）",
        code="read.xlsx_invalid",
    )
    if WORKBOOK_PART not in {m.filename for m in members}:
        raise ReadError(
            "不是有效的 XLSX 文件（压缩包内没有工作簿 xl/workbook.xml）", code="read.xlsx_invalid", path=str(path)
        )


def _invalid(path: Path, exc: BaseException) -> ReadError:
    return ReadError(f"XLSX 文件损坏，无法读取（{type(exc).__name__}）", code="read.xlsx_invalid", path=str(path))


_BROKEN = (zipfile.BadZipFile, KeyError, ValueError, TypeError, IndexError, OSError, EOFError, zlib.error)


@contextmanager
def _damage_is_invalid(path: Path) -> Iterator[None]:
    """What a damaged part raises inside openpyxl → ``read.xlsx_invalid``; our own
    refusals (limits, read errors) pass through."""
    try:
        yield
    except (LimitExceeded, ReadError):
        raise
    except _BROKEN as exc:
        raise _invalid(path, exc) from exc
    except Exception as exc:  # expat ParseError and openpyxl's own errors inside a damaged part
        if type(exc).__module__.startswith(("xml", "lxml", "openpyxl")):
            raise _invalid(path, exc) from exc
        raise


def open_workbook(f: BinaryIO, path: Path) -> Any:
    from openpyxl import load_workbook

    with _damage_is_invalid(path):
        return load_workbook(f, read_only=True, data_only=False, keep_links=False)


# --------------------------------------------------------------------------- stage 2: cells


@dataclass
class _Sheet:
    index: int
    name: str
    cells: dict[tuple[int, int], str]  # (row, col), 0-based -> text
    merges: dict[tuple[int, int], tuple[int, int]]  # top-left (row, col) -> (rows, cols) covered


def _sheets(wb: Any, path: Path, limits: Limits) -> Iterator[_Sheet]:
    budget = [limits.max_xlsx_cells]
    for index, ws in enumerate(wb.worksheets):
        with _damage_is_invalid(path):
            cells, merges, formulas = sheet_cells(
                wb, ws, path, data_only=False, budget=budget, max_cells=limits.max_xlsx_cells
            )
            if formulas:  # the values Excel cached for the formulas
                cached, _, _ = sheet_cells(
                    wb, ws, path, data_only=True, budget=[limits.max_xlsx_cells], max_cells=limits.max_xlsx_cells
                )
                for at in formulas:
                    if cached.get(at):
                        cells[at] = cached[at]
        yield _Sheet(index, str(ws.title), cells, merges)


def sheet_cells(
    wb: Any, ws: Any, path: Path, *, data_only: bool, budget: list[int], max_cells: int
) -> tuple[dict[tuple[int, int], str], dict[tuple[int, int], tuple[int, int]], set[tuple[int, int]]]:
    """(text by cell, merged ranges, formula cells) of one read-only worksheet, in
    one streaming pass of its XML (openpyxl's worksheet parser)."""
    from openpyxl.utils.cell import range_boundaries
    from openpyxl.worksheet._reader import WorkSheetParser

    cells: dict[tuple[int, int], str] = {}
    formulas: set[tuple[int, int]] = set()
    with ws._get_source() as src:
        parser = WorkSheetParser(
            src,
            wb.shared_strings,
            data_only=data_only,
            epoch=wb.epoch,
            date_formats=wb._date_formats,
            timedelta_formats=wb._timedelta_formats,
        )
        for _, row in parser.parse():
            budget[0] -= len(row)
            if budget[0] < 0:
                raise LimitExceeded(
                    f"XLSX 单元格超过上限 {max_cells} 个，拒绝读取", code="read.limit.xlsx_cells", path=str(path)
                )
            for c in row:
                text = cell_text(c["value"])
                at = (int(c["row"]) - 1, int(c["column"]) - 1)
                if c["data_type"] == "f":
                    formulas.add(at)
                if text:
                    cells[at] = text
        merges: dict[tuple[int, int], tuple[int, int]] = {}
        if parser.merged_cells is not None:
            for rng in parser.merged_cells.mergeCell:
                c0, r0, c1, r1 = range_boundaries(rng.ref)
                if c0 is None or r0 is None or c1 is None or r1 is None:
                    continue
                budget[0] -= (r1 - r0 + 1) * (c1 - c0 + 1) - 1  # the cells a merge covers count too
                if budget[0] < 0:
                    raise LimitExceeded(
                        f"XLSX 合并单元格覆盖的单元格超过上限 {max_cells} 个，拒绝读取",
                        code="read.limit.xlsx_cells",
                        path=str(path),
                    )
                merges[(r0 - 1, c0 - 1)] = (r1 - r0 + 1, c1 - c0 + 1)
    return cells, merges, formulas


def cell_text(value: object) -> str:
    """A cell's value as printed: integers as they are, fractions without an
    exponent (12.5, not 1.25E1), dates as YYYY-MM-DD, text with its line breaks
    joined as in a table cell; a formula without a cached value keeps its text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return join_cell_lines(str(value).splitlines())


# --------------------------------------------------------------------------- stage 3: lines


def sheet_lines(sheet: _Sheet) -> Iterator[Line]:
    """One line per non-empty row.  Rows without an empty row between them are
    one table: in each, a missing cell inside the table's columns is an empty
    cell (a blank value where values are), as a DOCX table has every cell."""
    covered: dict[int, set[int]] = {}
    for (r, c), (nr, nc) in sheet.merges.items():
        for i in range(nr):
            covered.setdefault(r + i, set()).update(c + j for j in range(nc) if i or j)
    by_row: dict[int, dict[int, tuple[int, int, str]]] = {}
    for (r, c), (_, nc) in sheet.merges.items():
        by_row.setdefault(r, {})[c] = (c, nc, sheet.cells.get((r, c), ""))
    for (r, c), text in sheet.cells.items():
        if c not in covered.get(r, ()) and c not in by_row.get(r, {}):
            by_row.setdefault(r, {})[c] = (c, 1, text)
    filled = [r for r in sorted(by_row) if any(t for _, _, t in by_row[r].values())]
    blocks: list[list[int]] = []
    for r in filled:
        if blocks and r == blocks[-1][-1] + 1:
            blocks[-1].append(r)
        else:
            blocks.append([r])
    rows: list[tuple[int, list[tuple[int, int, str]]]] = []
    for block in blocks:
        first = min(c for r in block for c in by_row[r])
        end = max(c + s for r in block for c, s, _ in by_row[r].values())
        end = min(end, first + MAX_FILL_COLS)  # a stray cell far to the right does not widen the table
        for r in block:
            present = list(by_row[r].values())
            taken = covered.get(r, set()) | {c + j for c, s, _ in present for j in range(s)}
            row = [*present, *((c, 1, "") for c in range(first, end) if c not in taken)]
            rows.append((r, sorted(row)))
    labels = label_columns(cells for _, cells in rows)
    for r, cells in rows:
        tokens = [
            Token(text, _source(sheet, r, col), grid_col=col, span=span)
            for col, span, text in cells
            if emits((col, span, text), cells, labels)
        ]
        if any(t.text for t in tokens):
            # a row of one cell is a heading or a paragraph (prose), not a table row
            table = sheet.index if len(tokens) > 1 else None
            yield Line(tokens=tokens, source=_source(sheet, r, None), table=table)


def _source(sheet: _Sheet, row: int, col: int | None) -> Source:
    from openpyxl.utils import get_column_letter

    ref = f"{get_column_letter(col + 1)}{row + 1}" if col is not None else None
    return Source(kind="xlsx", table=sheet.index, row=row, col=col, sheet=sheet.name, ref=ref)


def _reading_order(sheets: list[_Sheet]) -> list[Line]:
    """Every sheet's lines, a sheet placed after the row that points to it."""
    names = {s.name: s for s in sheets}
    placed: set[str] = set()
    out: list[Line] = []

    def emit(sheet: _Sheet) -> None:
        placed.add(sheet.name)
        lines = list(sheet_lines(sheet))
        if not any(t.text.strip() == sheet.name.strip() for line in lines[:3] for t in line.tokens):
            name = Source(kind="xlsx", table=sheet.index, sheet=sheet.name)
            out.append(Line(tokens=[Token(sheet.name, name)], source=name))
        for line in lines:
            out.append(line)
            for token in line.tokens:
                m = _SHEET_REF_RE.search(token.text)
                if m and m.group(1) in names and m.group(1) not in placed:
                    emit(names[m.group(1)])

    for sheet in sheets:
        if sheet.name not in placed:
            emit(sheet)
    return out
