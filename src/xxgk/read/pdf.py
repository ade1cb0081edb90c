"""PDF reader: a PDF with a text layer → :class:`~xxgk.read.document.Document`.

Stages (each a small function named input → output):

1. ``open_checked``: page count and encryption from pypdfium2, *before* any
   text is extracted (more than ``limits.max_pdf_pages`` pages is refused);
2. ``extract_pages`` / ``page_to_blocks``: per page, ruled tables found by
   pdfplumber's line strategy become :class:`PdfTable` (cells with grid column,
   span and bbox); the words outside them become prose :class:`PdfLine`
   (clustered by ``top``).  A page whose text runs sideways is read again
   turned upright (``turn_pages``);
3. ``stitch_tables`` (:mod:`xxgk.read.pdf_stitch`): a table that ends a page
   and one that starts the next with the same columns are one table; repeated
   header rows are dropped, a row or a merged label broken by the page break
   ('（四）无' / '法提供') is joined again;
4. ``blocks_to_lines``: lines of tokens, each token with
   ``Source(kind="pdf", page, bbox)``; then prose wrapped at the right margin
   is joined into paragraphs (:mod:`xxgk.read.paragraphs`).

When pdfminer gets no text or mostly unmapped glyphs ('(cid:…)'), PDFium's text
page is the fallback (lines with boxes, no table structure).  An image-only PDF
is refused with a clear error (OCR is out of scope).  Whatever the damage, a
broken file ends in a :class:`ReadError`, never another exception.

Cell text is tidied as a person would read it: lines inside one cell are joined
without a space between Chinese characters ('三\\n、\\n本\\n年…' → '三、本年…',
'（三）不\\n予公开' → '（三）不予公开') and spaces between Chinese characters
are dropped ('总 计' → '总计').  Numbers are never changed here.
"""

from __future__ import annotations

import logging
import struct
import tempfile
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from xxgk.errors import LimitExceeded, ReadError
from xxgk.read.cells import emits, fix_radicals, join_cell_lines
from xxgk.read.document import Document, Line, Token
from xxgk.read.limits import Limits
from xxgk.read.paragraphs import join_wrapped_lines
from xxgk.read.pdf_model import BBox, Block, PdfCell, PdfLine, PdfPage, PdfRow, PdfTable
from xxgk.read.pdf_stitch import (
    GRID_TOLERANCE,
    cell_texts,
    is_page_furniture,
    stitch_tables,
    table_label_columns,
)
from xxgk.report import Source

# Tolerances in PDF points.
LINE_TOLERANCE = 3.0  # chars/words whose tops differ less are on one line
WORD_X_TOLERANCE = 3.0  # pdfplumber: a gap wider than this starts a new word
CLOSE_TOLERANCE = 2.5  # vertical rules ending together (see ``closing_rules``)
MAX_EDGES_PER_PAGE = 5000  # report pages have a few hundred rule edges
MIN_TURN_CHARS = 20  # a page with fewer characters is never turned
MAX_RULE_WIDTH = 4.0  # a filled rectangle thinner than this is a rule (a thick border); wider ones are backgrounds
UNDECODABLE_SHARE = 0.3  # share of '(cid:…)' glyphs above which PDFium's text is used


def undecodable(pages: list[PdfPage]) -> bool:
    """No text at all, or mostly glyphs without a Unicode mapping: pdfminer
    cannot decode the fonts (PDFium often can)."""
    chars = sum(p.chars for p in pages)
    return chars == 0 or sum(p.cid_chars for p in pages) > UNDECODABLE_SHARE * chars


# --------------------------------------------------------------------------- entry point


def read_pdf(path: Path, limits: Limits | None = None) -> Document:
    """Read a PDF's text layer into a :class:`Document` (tables as rows of cells)."""
    limits = Limits.resolve(limits)
    info = open_checked(path, limits)
    pages = extract_pages(path, limits)
    if undecodable(pages):
        plumber_chars = sum(p.chars for p in pages)
        pages = pdfium_pages(path, limits)
        if plumber_chars and sum(p.chars for p in pages) < UNDECODABLE_SHARE * plumber_chars:
            raise ReadError(
                "PDF 的文字层无法解码（字体缺少字符映射），无法读取；请取得可复制文字的 PDF 或其他格式",
                code="read.pdf_undecodable",
                path=str(path),
            )
    if sum(p.chars for p in pages) == 0:
        raise ReadError(
            "PDF 没有可提取的文字层（可能是扫描图片），无法读取；需要带文字层的 PDF",
            code="read.pdf_no_text",
            path=str(path),
        )
    stitch_tables(pages)
    doc = Document(path=str(path), kind="pdf", lines=join_wrapped_lines(list(blocks_to_lines(pages))))
    doc.title = info.get("Title") or None
    doc.meta = {k: v for k, v in info.items() if v}
    turned = [f"{p.number}:{p.turned}" for p in pages if p.turned]
    if turned:  # the boxes of these pages are in the page turned upright by this many degrees
        doc.meta["turned_pages"] = ",".join(turned)
    return doc


# --------------------------------------------------------------------------- stage 1: open and check


def open_checked(path: Path, limits: Limits) -> dict[str, str]:
    """Refuse encrypted, broken or too long PDFs before extracting anything;
    returns the document metadata (decoded by PDFium) and the page count."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text:
            raise ReadError("PDF 已加密（需要密码），无法读取", code="read.pdf_encrypted", path=str(path)) from exc
        raise ReadError(f"不是有效的 PDF 文件或文件已损坏（{exc}）", code="read.pdf_invalid", path=str(path)) from exc
    try:
        n_pages = len(pdf)
        if n_pages > limits.max_pdf_pages:
            raise LimitExceeded(
                f"PDF 共 {n_pages} 页，超过上限 {limits.max_pdf_pages} 页，拒绝读取",
                code="read.limit.pdf_pages",
                path=str(path),
            )
        if n_pages == 0:
            raise ReadError("PDF 没有页面", code="read.pdf_invalid", path=str(path))
        try:
            meta = {k: str(v).strip() for k, v in pdf.get_metadata_dict(skip_empty=True).items()}
        except (UnicodeError, pdfium.PdfiumError):  # a damaged Info dictionary is no reason to refuse
            meta = {}
    finally:
        pdf.close()
    meta["pages"] = str(n_pages)
    return meta


# --------------------------------------------------------------------------- stage 2: pages → blocks


def extract_pages(path: Path, limits: Limits) -> list[PdfPage]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    pages: list[PdfPage] = []
    total = 0
    try:
        with quiet_pdfminer(), pdfplumber.open(str(path)) as pdf:
            for i, page in enumerate(pdf.pages, start=1):
                if i > limits.max_pdf_pages:  # a page tree whose /Count understates it
                    raise LimitExceeded(
                        f"PDF 页数超过上限 {limits.max_pdf_pages} 页，拒绝读取",
                        code="read.limit.pdf_pages",
                        path=str(path),
                    )
                pages.append(page_to_blocks(page, i))
                total += pages[-1].chars
                if total > limits.max_text_chars:
                    raise LimitExceeded(
                        f"PDF 文字超过上限 {limits.max_text_chars} 字，拒绝读取",
                        code="read.limit.text",
                        path=str(path),
                    )
                page.close()
    except PDFPasswordIncorrect as exc:
        raise ReadError("PDF 已加密（需要密码），无法读取", code="read.pdf_encrypted", path=str(path)) from exc
    except (
        PSException,
        PdfminerException,
        MalformedPDFException,
        ValueError,
        KeyError,
        TypeError,
        AssertionError,
        RecursionError,
        IndexError,
        AttributeError,
        OverflowError,
        EOFError,
        zlib.error,
        struct.error,
    ) as exc:  # how pdfminer fails on damaged files
        raise ReadError(
            f"PDF 文件结构损坏，无法读取（{type(exc).__name__}）", code="read.pdf_invalid", path=str(path)
        ) from exc
    if any(p.turn for p in pages):
        pages = turn_pages(path, pages)
    return pages


def text_turn(chars: list[dict[str, Any]]) -> int:
    """The clockwise turn (0, 90, 180 or 270 degrees) that sets most of a page's
    text upright: a table printed sideways on a portrait page reads up (90) or
    down (270)."""
    counts = {0: 0, 90: 0, 180: 0, 270: 0}
    for c in chars:
        a, b = float(c["matrix"][0]), float(c["matrix"][1])
        if abs(a) >= abs(b):
            counts[0 if a > 0 else 180] += 1
        else:
            counts[90 if b > 0 else 270] += 1
    turn = max(counts, key=lambda k: counts[k])
    return turn if turn and counts[turn] > 0.5 * len(chars) >= MIN_TURN_CHARS / 2 else 0


def turn_pages(path: Path, pages: list[PdfPage]) -> list[PdfPage]:
    """Pages whose text runs sideways, read again turned upright (a copy of the
    PDF with those pages' /Rotate changed, made by PDFium).  If the copy cannot
    be made, the pages stay as first read."""
    import pdfplumber
    import pypdfium2 as pdfium

    turned = list(pages)
    with tempfile.TemporaryDirectory(prefix="xxgk-pdf-turn-") as tmp:
        copy = Path(tmp) / "turned.pdf"
        try:
            pdf = pdfium.PdfDocument(str(path))
            try:
                for page in pages:
                    if page.turn:
                        p = pdf[page.number - 1]
                        p.set_rotation((p.get_rotation() + page.turn) % 360)
                pdf.save(str(copy))
            finally:
                pdf.close()
            with quiet_pdfminer(), pdfplumber.open(str(copy)) as again:
                for i, page in enumerate(pages):
                    if page.turn:
                        fresh = page_to_blocks(again.pages[i], page.number)
                        fresh.turned, fresh.turn = page.turn, 0
                        turned[i] = fresh
        except Exception:  # an unreadable copy leaves the pages as they were
            return pages
    return turned


@contextmanager
def quiet_pdfminer() -> Iterator[None]:
    """pdfminer logs a warning for every odd font descriptor ('Could not get
    FontBBox…'); they are not the reader's findings and would flood stderr."""
    log = logging.getLogger("pdfminer")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(level)


def _is_background(obj: dict[str, Any]) -> bool:
    """Unstroked filled rectangles wider and taller than a rule (``MAX_RULE_WIDTH``) are cell or
    paragraph backgrounds (WPS draws one behind every prose line), not borders."""
    return (
        obj.get("object_type") == "rect"
        and not obj.get("stroke")
        and min(float(obj.get("width", 0)), float(obj.get("height", 0))) > MAX_RULE_WIDTH
    )


def closing_rules(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Horizontal rules to add where two or more vertical rules end together with
    no horizontal rule there: Word leaves a table open at a page break."""
    verticals = [e for e in edges if e["orientation"] == "v"]
    horizontals = [e for e in edges if e["orientation"] == "h"]
    added: list[dict[str, Any]] = []
    for end in ("top", "bottom"):
        seen: list[float] = []
        for e in sorted(verticals, key=lambda e: e[end]):
            y = float(e[end])
            if any(abs(y - s) <= CLOSE_TOLERANCE for s in seen):
                continue
            seen.append(y)
            group = [v for v in verticals if abs(float(v[end]) - y) <= CLOSE_TOLERANCE]
            if len(group) < 2:
                continue
            x0 = min(float(v["x0"]) for v in group)
            x1 = max(float(v["x1"]) for v in group)
            closed = any(
                abs(float(h["top"]) - y) <= 3 and float(h["x0"]) <= x0 + 3 and float(h["x1"]) >= x1 - 3
                for h in horizontals
            )
            if not closed:
                added.append(
                    {"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0, "object_type": "line"}
                )
    return added


def page_to_blocks(page: Any, number: int) -> PdfPage:
    page = page.dedupe_chars()  # text drawn twice for a bold effect is read once
    ruled = page.filter(lambda o: not _is_background(o))
    edges = ruled.edges
    found = []
    if len(edges) <= MAX_EDGES_PER_PAGE:  # more is no report table (and costly to intersect): text only
        settings = {"explicit_horizontal_lines": closing_rules(edges)}
        found = [t for t in ruled.find_tables(settings) if len(t.columns) >= 2 and len(t.rows) >= 2]
    chars = page.chars
    result = PdfPage(number=number, chars=len(chars))
    result.cid_chars = sum(1 for c in chars if c["text"].startswith("(cid:"))
    result.turn = text_turn(chars)
    tables = [table_from_plumber(t, chars, number) for t in found]
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

    words = page.filter(outside).extract_words(x_tolerance=WORD_X_TOLERANCE, keep_blank_chars=False)
    lines = [PdfLine(number, ws) for ws in cluster_lines(words)]
    blocks: list[Block] = [*tables, *lines]
    blocks.sort(key=lambda b: b.bbox[1] if isinstance(b, PdfTable) else b.top)
    result.blocks = blocks
    return result


def cluster_lines(objs: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Group words or chars into visual lines by ``top``; each line sorted by x."""
    lines: list[list[dict[str, Any]]] = []
    for obj in sorted(objs, key=lambda o: (o["top"], o["x0"])):
        if lines and abs(obj["top"] - lines[-1][0]["top"]) <= LINE_TOLERANCE:
            lines[-1].append(obj)
        else:
            lines.append([obj])
    return [sorted(line, key=lambda o: o["x0"]) for line in lines]


def _grid(xs: Iterable[float]) -> list[float]:
    grid: list[float] = []
    for x in sorted(xs):
        if not grid or x - grid[-1] > GRID_TOLERANCE:
            grid.append(x)
    return grid


def _grid_index(grid: list[float], x: float) -> int:
    return min(range(len(grid)), key=lambda i: abs(grid[i] - x))


def table_from_plumber(table: Any, chars: list[dict[str, Any]], page: int) -> PdfTable:
    """A pdfplumber table → rows of cells with text, grid column and span.
    A merged cell is kept once, in the row where it starts."""
    cell_boxes: list[BBox] = [tuple(c) for c in table.cells]
    col_xs = _grid([b[0] for b in cell_boxes] + [b[2] for b in cell_boxes])
    x0, top, x1, bottom = table.bbox
    inside = [
        c
        for c in chars
        if x0 - 1 <= (c["x0"] + c["x1"]) / 2 <= x1 + 1 and top - 1 <= (c["top"] + c["bottom"]) / 2 <= bottom + 1
    ]
    by_cell: dict[BBox, list[dict[str, Any]]] = {b: [] for b in cell_boxes}
    for c in inside:
        cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        for b in cell_boxes:
            if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]:
                by_cell[b].append(c)
                break
    rows: list[PdfRow] = []
    for row in table.rows:
        cells: list[PdfCell] = []
        for box in row.cells:
            if box is None:
                continue
            cb: BBox = tuple(box)
            first = _grid_index(col_xs, cb[0])
            last = _grid_index(col_xs, cb[2])
            cells.append(PdfCell(cell_text(by_cell.get(cb, [])), cb, first, max(1, last - first)))
        cells.sort(key=lambda c: c.grid_col)
        rows.append(PdfRow(cells, tuple(row.bbox)))
    return PdfTable(page=page, bbox=tuple(table.bbox), col_xs=col_xs, rows=rows)


def cell_text(chars: list[dict[str, Any]]) -> str:
    """The text of one cell: its lines joined as a reader would (no space
    between Chinese characters), inner spaces between Chinese characters dropped."""
    parts: list[str] = []
    for line in cluster_lines([c for c in chars if c["text"].strip()]):
        text = ""
        prev: dict[str, Any] | None = None
        for c in line:
            if prev is not None and c["x0"] - prev["x1"] > max(WORD_X_TOLERANCE, 0.5 * float(c.get("size", 10))):
                text += " "
            text += c["text"]
            prev = c
        parts.append(text)
    return join_cell_lines(parts)


# --------------------------------------------------------------------------- stage 4: blocks → lines


def blocks_to_lines(pages: list[PdfPage]) -> Iterator[Line]:
    tables = [b for p in pages for b in p.blocks if isinstance(b, PdfTable)]
    labels = {idx: table_label_columns([t for t in tables if t.index == idx]) for idx in {t.index for t in tables}}
    for page in pages:
        for block in page.blocks:
            if is_page_furniture(block):
                continue
            if isinstance(block, PdfLine):
                yield prose_line(block)
            else:
                yield from table_lines(block, labels.get(block.index, set()))


def prose_line(line: PdfLine) -> Line:
    tokens = [
        Token(fix_radicals(w["text"]), Source(kind="pdf", page=line.page, bbox=_bbox(w)))
        for w in line.words
        if w["text"].strip()
    ]
    box = (
        min(w["x0"] for w in line.words),
        min(w["top"] for w in line.words),
        max(w["x1"] for w in line.words),
        max(w["bottom"] for w in line.words),
    )
    return Line(tokens=tokens, source=Source(kind="pdf", page=line.page, bbox=box))


def table_lines(table: PdfTable, labels: set[int]) -> Iterator[Line]:
    for row in table.rows:
        texts = cell_texts(row)
        tokens = [
            Token(c.text, Source(kind="pdf", page=table.page, bbox=c.bbox), grid_col=c.grid_col, span=c.span)
            for c, ct in zip(row.cells, texts, strict=True)
            if emits(ct, texts, labels)
        ]
        if not any(t.text for t in tokens):
            continue
        yield Line(tokens=tokens, source=Source(kind="pdf", page=table.page, bbox=row.bbox), table=table.index)


def _bbox(obj: dict[str, Any]) -> BBox:
    return (float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"]))


# --------------------------------------------------------------------------- fallback: PDFium text


def pdfium_pages(path: Path, limits: Limits) -> list[PdfPage]:
    """Text layer through PDFium, for PDFs whose fonts pdfminer cannot decode.
    No table rules are read here: prose lines of words with their boxes."""
    import pypdfium2 as pdfium

    pages: list[PdfPage] = []
    total = 0
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise ReadError(f"不是有效的 PDF 文件或文件已损坏（{exc}）", code="read.pdf_invalid", path=str(path)) from exc
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            height = page.get_height()
            textpage = page.get_textpage()
            chars: list[dict[str, Any]] = []
            for k in range(textpage.count_chars()):
                ch = textpage.get_text_range(k, 1)
                if not ch.strip() or unicodedata.category(ch[0])[0] == "C":  # control/unmapped glyphs
                    continue
                left, bottom, right, top = textpage.get_charbox(k)
                chars.append({"text": ch, "x0": left, "x1": right, "top": height - top, "bottom": height - bottom})
            total += len(chars)
            if total > limits.max_text_chars:
                raise LimitExceeded(
                    f"PDF 文字超过上限 {limits.max_text_chars} 字，拒绝读取",
                    code="read.limit.text",
                    path=str(path),
                )
            lines = [PdfLine(i + 1, chars_to_words(line)) for line in cluster_lines(chars)]
            pages.append(PdfPage(number=i + 1, blocks=list(lines), chars=len(chars)))
            textpage.close()
            page.close()
    except pdfium.PdfiumError as exc:
        raise ReadError(f"PDF 文件结构损坏，无法读取（{exc}）", code="read.pdf_invalid", path=str(path)) from exc
    finally:
        pdf.close()
    return pages


def chars_to_words(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    words: list[dict[str, Any]] = []
    for c in chars:
        if words and c["x0"] - words[-1]["x1"] <= WORD_X_TOLERANCE:
            w = words[-1]
            w["text"] += c["text"]
            w["x1"] = max(w["x1"], c["x1"])
            w["top"] = min(w["top"], c["top"])
            w["bottom"] = max(w["bottom"], c["bottom"])
        else:
            words.append(dict(c))
    return words
