"""DOCX reader: a Word document → :class:`~xxgk.read.document.Document`.

Stages:

1. ``check_zip``: a DOCX is a zip; its directory is checked with :mod:`zipfile`
   *before* python-docx opens it — member count, total declared uncompressed
   size and per-member compression ratio within :class:`Limits` (zip bombs are
   refused with :class:`LimitExceeded`).  A member whose real size differs from
   its declared size fails zipfile's CRC check, so the declared sizes bound the
   work done later.
2. ``docx_to_lines``: paragraphs and tables of the body in document order
   (looking into content controls; a table nested in a cell follows the table
   holding it).  A paragraph is one line of whitespace-separated tokens; a table
   row is one line whose tokens are its cells, each merged cell once
   (``w:gridSpan`` → ``span``; a ``w:vMerge`` continuation is not repeated), with
   ``grid_col`` from the expanded grid (``w:gridBefore`` counted) and
   ``Source(kind="docx", table, row, col)``.

The XML is parsed by python-docx's parser, which does not expand entities.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from xxgk.errors import LimitExceeded, ReadError
from xxgk.read.cells import emits, join_cell_lines, label_columns
from xxgk.read.document import Document, Line, Token
from xxgk.read.limits import Limits
from xxgk.read.limits import check_zip as zip_guard
from xxgk.report import Source

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _T, _TAB, _BR, _CR = (_W + t for t in ("p", "tbl", "t", "tab", "br", "cr"))
_SDT, _SDT_CONTENT, _CUSTOM_XML = (_W + t for t in ("sdt", "sdtContent", "customXml"))
_TXBX = _W + "txbxContent"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

_PIECE_RE = re.compile(r"\S+")


def read_docx(path: Path, limits: Limits | None = None) -> Document:
    """Read a DOCX into a :class:`Document` (tables as rows of cells)."""
    limits = Limits.resolve(limits)
    check_zip(path, limits)
    docx = open_docx(path)
    lines = list(docx_to_lines(docx))
    chars = sum(len(t.text) for line in lines for t in line.tokens)
    if chars > limits.max_text_chars:
        raise LimitExceeded(
            f"DOCX 文字超过上限 {limits.max_text_chars} 字，拒绝读取", code="read.limit.text", path=str(path)
        )
    props = docx.core_properties
    doc = Document(path=str(path), kind="docx", lines=lines)
    doc.title = (props.title or "").strip() or None
    doc.meta = {k: v for k, v in {"title": props.title, "author": props.author}.items() if v}
    return doc


# --------------------------------------------------------------------------- stage 1: the zip


def check_zip(path: Path, limits: Limits) -> None:
    """Refuse a DOCX whose zip directory is broken or beyond the limits."""
    zip_guard(
        path,
        limits,
        kind="DOCX",
        invalid="不是有效的 DOCX 文件（不是 zip 格式；旧版 Word 文档请使用 .doc 扩展名）",
        code="read.docx_invalid",
    )


def open_docx(path: Path) -> Any:
    import docx
    from docx.opc.exceptions import OpcError

    try:
        return docx.Document(str(path))
    except (
        OpcError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        OSError,
        EOFError,
        NotImplementedError,
        zlib.error,
    ) as exc:
        raise ReadError(
            f"DOCX 文件损坏，无法读取（{type(exc).__name__}）", code="read.docx_invalid", path=str(path)
        ) from exc
    except Exception as exc:  # lxml XMLSyntaxError and other parser failures inside a damaged part
        if type(exc).__module__.startswith(("lxml", "docx")):
            raise ReadError(
                f"DOCX 文件内容损坏，无法读取（{type(exc).__name__}）", code="read.docx_invalid", path=str(path)
            ) from exc
        raise


# --------------------------------------------------------------------------- stage 2: content → lines


def docx_to_lines(docx: Any) -> Iterator[Line]:
    """Paragraphs and tables of the body in document order.  Content controls
    (``w:sdt``) are looked into; a table nested in a cell (a report's table set
    inside a one-cell frame) is a table of its own, after the one holding it."""
    yield from _Walker().blocks(docx.element.body)


class _Walker:
    def __init__(self) -> None:
        self.tables = -1
        self.paragraphs = 0

    def blocks(self, parent: Any) -> Iterator[Line]:
        for child in _content(parent):
            if child.tag == _P:
                self.paragraphs += 1
                text, boxes = paragraph_parts(child)
                line = paragraph_line(text, self.paragraphs)
                if line is not None:
                    yield line
                for box in boxes:  # a text box: its own paragraphs and tables
                    yield from self.blocks(box)
            elif child.tag == _TBL:
                yield from self.table(child)

    def table(self, tbl: Any) -> Iterator[Line]:
        self.tables += 1
        nested: list[Any] = []
        yield from table_to_lines(tbl, self.tables, nested)
        for inner in nested:
            yield from self.table(inner)


def _content(parent: Any) -> Iterator[Any]:
    """Paragraphs and tables among the children of a body or cell, looking
    through content controls and custom XML wrappers."""
    for child in parent.iterchildren():
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag in (_SDT, _SDT_CONTENT, _CUSTOM_XML):
            yield from _content(child)


def paragraph_parts(p: Any, *, into_boxes: bool = False) -> tuple[str, list[Any]]:
    """A paragraph's own text (runs, hyperlinks, inserted text) and the text boxes
    anchored in it, whose paragraphs and tables are read as blocks of their own
    (``into_boxes`` reads their text into the paragraph instead, as inside a
    table cell).  A text box's compatibility copy under ``mc:Fallback`` is skipped."""
    text: list[str] = []
    boxes: list[Any] = []

    def walk(el: Any) -> None:
        for child in el.iterchildren():
            tag = child.tag
            if tag == _MC_FALLBACK:
                continue
            if tag == _TXBX and not into_boxes:
                boxes.append(child)
            elif tag == _T:
                text.append(child.text or "")
            elif tag == _TAB:
                text.append(" ")
            elif tag in (_BR, _CR):
                text.append("\n")
            else:
                walk(child)

    walk(p)
    return "".join(text), boxes


def paragraph_text(p: Any) -> str:
    """All the text of a paragraph, its text boxes included."""
    return paragraph_parts(p, into_boxes=True)[0]


def paragraph_line(text: str, number: int) -> Line | None:
    tokens = [Token(m.group(), Source(kind="docx", line=number, column=m.start())) for m in _PIECE_RE.finditer(text)]
    if not tokens:
        return None
    return Line(tokens=tokens, source=Source(kind="docx", line=number))


def table_to_lines(tbl: Any, index: int, nested: list[Any]) -> Iterator[Line]:
    """One line per row; merged cells once, in the row and column where they
    start.  An empty cell is a blank value (an empty token) in a row holding
    numbers, outside the label columns; elsewhere (an unmerged remnant of a
    label, an empty header cell) it is not emitted.  Tables nested in cells are
    appended to ``nested``."""
    rows: list[tuple[int, list[tuple[int, int, str]]]] = []
    for r, tr in enumerate(tbl.tr_lst):
        cells: list[tuple[int, int, str]] = []
        col = int(tr.grid_before or 0)
        for tc in tr.tc_lst:
            span = max(1, int(tc.grid_span or 1))
            if tc.vMerge != "continue":
                cells.append((col, span, cell_text(tc, nested)))
            col += span
        rows.append((r, cells))
    labels = label_columns(cells for _, cells in rows)
    for r, cells in rows:
        tokens = [
            Token(text, Source(kind="docx", table=index, row=r, col=col), grid_col=col, span=span)
            for col, span, text in cells
            if emits((col, span, text), cells, labels)
        ]
        if any(t.text for t in tokens):
            yield Line(tokens=tokens, source=Source(kind="docx", table=index, row=r), table=index)


def cell_text(tc: Any, nested: list[Any]) -> str:
    """The text of a cell's paragraphs joined as a reader would: no space
    between Chinese characters across a line break.  Nested tables are not
    text of the cell: they go to ``nested``."""
    parts: list[str] = []
    for block in _content(tc):
        if block.tag == _TBL:
            nested.append(block)
        else:
            parts.extend(paragraph_text(block).split("\n"))
    return join_cell_lines(parts)
