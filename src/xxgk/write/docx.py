"""The report as a DOCX file (python-docx) in the layout of a published report:
A4 with the margins of an official document, title in 宋体, section headings in
黑体, prose in 仿宋_GB2312, and the official tables with their merged header and
label cells (``w:gridSpan``/``w:vMerge``), borders ("Table Grid") and 宋体 text.

Fonts: every run names its Chinese font in ``w:eastAsia`` (the names of official
documents, which Word and WPS on Chinese Windows have), and the font table
(``word/fontTable.xml``) describes each — ``w:altName`` (仿宋 for a machine without
仿宋_GB2312, SimSun/SimHei), GB2312 charset, PANOSE class — so that Word
substitutes a like font where one is missing.  LibreOffice ignores those
descriptions and falls back to its default CJK font (often a sans-serif one) for
a name it lacks; :data:`LINUX_FONTS` is the replacement table (serif 宋体/仿宋 →
Noto Serif CJK SC, 黑体 → Noto Sans CJK SC) that :mod:`xxgk.write.pdf` gives
LibreOffice when it converts the DOCX.  The East Asian language is zh-CN.

Pagination: a heading is kept with what follows it (``keep_with_next``), rows do
not split across pages, a short table is kept on one page, and a long table keeps
its header rows with its first row (and repeats them on the next page)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.run import Run
from lxml import etree

from xxgk.report import AnnualReport
from xxgk.write.layout import (
    Grid,
    GridCell,
    Heading,
    Paragraph,
    TableBlock,
    Title,
    column_widths,
    report_blocks,
    report_title,
)

TITLE_FONT = "宋体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"
EAST_ASIAN_LANGUAGE = "zh-CN"


@dataclass(frozen=True)
class FontEntry:
    """A font as ``word/fontTable.xml`` describes it to Word (values as Word itself writes them)."""

    name: str
    alt_name: str
    panose: str
    family: str
    pitch: str


FONT_TABLE = (
    FontEntry("宋体", "SimSun", "02010600030101010101", "auto", "variable"),
    FontEntry("黑体", "SimHei", "02010609060101010101", "modern", "fixed"),
    FontEntry("仿宋_GB2312", "仿宋", "02010609030101010101", "modern", "fixed"),
)
# LibreOffice's replacement table for the fonts above (used by xxgk.write.pdf)
LINUX_FONTS = {"宋体": "Noto Serif CJK SC", "仿宋_GB2312": "Noto Serif CJK SC", "黑体": "Noto Sans CJK SC"}
SHORT_TABLE_ROWS = 20  # a table of at most this many rows is kept on one page

PAGE_WIDTH_CM = 21.0
PAGE_HEIGHT_CM = 29.7
MARGINS_CM = {"top": 3.7, "bottom": 3.5, "left": 2.8, "right": 2.6}
TEXT_WIDTH_CM = PAGE_WIDTH_CM - MARGINS_CM["left"] - MARGINS_CM["right"]
TABLE_PT = 9  # 小五: the 10- and 15-column tables fit the page


def set_run_font(run: Run, east_asia: str, size_pt: float | None = None, bold: bool | None = None) -> None:
    run.font.name = LATIN_FONT
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    if size_pt is not None:
        run.font.size = Pt(size_pt)
    if bold is not None:
        run.font.bold = bold


def _setup(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
    section.top_margin, section.bottom_margin = Cm(MARGINS_CM["top"]), Cm(MARGINS_CM["bottom"])
    section.left_margin, section.right_margin = Cm(MARGINS_CM["left"]), Cm(MARGINS_CM["right"])
    normal = doc.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = Pt(16)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), BODY_FONT)
    _east_asian_language(doc)
    _font_table(doc)


def _east_asian_language(doc: DocxDocument) -> None:
    """zh-CN as the East Asian language of the document defaults (python-docx's template says en-US)."""
    styles = doc.styles.element
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:eastAsia"), EAST_ASIAN_LANGUAGE)


def _font_table(doc: DocxDocument) -> None:
    """The fonts of :data:`FONT_TABLE` described in ``word/fontTable.xml``."""
    part = next(rel.target_part for rel in doc.part.rels.values() if rel.reltype.endswith("/fontTable"))
    root = etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False, no_network=True))
    for entry in FONT_TABLE:
        for old in root.findall(qn("w:font")):
            if old.get(qn("w:name")) == entry.name:
                root.remove(old)
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), entry.name)
        for tag, value in (
            ("altName", entry.alt_name),
            ("panose1", entry.panose),
            ("charset", "86"),  # GB2312
            ("family", entry.family),
            ("pitch", entry.pitch),
        ):
            etree.SubElement(font, qn(f"w:{tag}")).set(qn("w:val"), value)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _column_widths(grid: Grid) -> list[float]:
    return column_widths(grid, TEXT_WIDTH_CM)


def _set_column_widths(table: DocxTable, widths: list[float]) -> None:
    """``w:gridCol`` widths (``table.autofit = False`` already writes ``w:tblLayout w:type="fixed"``)."""
    for i, col in enumerate(table.columns):
        col.width = Cm(widths[i])


def _fill(cell: _Cell, gc: GridCell, keep_with_next: bool) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    p = cell.paragraphs[0]
    p.paragraph_format.keep_with_next = keep_with_next
    p.paragraph_format.space_before = Pt(0)
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.line_spacing = 1.0
    left = gc.role in ("label", "caption", "note")
    p.alignment = WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(gc.text)
    set_run_font(run, TABLE_FONT, TABLE_PT, bold=gc.role == "caption")


def add_grid(doc: DocxDocument, grid: Grid) -> DocxTable:
    """The grid as a Word table with real merges, written straight into the row
    XML (``w:gridSpan`` across, ``w:vMerge`` restart/continue down) — python-docx's
    ``cell().merge()`` re-reads the whole table on every call."""
    table: DocxTable = doc.add_table(rows=grid.n_rows, cols=grid.n_cols)  # python-docx leaves it unannotated
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = _column_widths(grid)
    _set_column_widths(table, widths)
    owner = grid.owner()
    # a short table on one page; a long one at least its header with its first row
    kept = grid.n_rows - 1 if grid.n_rows <= SHORT_TABLE_ROWS else grid.header_rows
    for r, row in enumerate(table.rows):
        tr = row._tr
        tcs = list(tr.tc_lst)
        c = 0
        while c < grid.n_cols:
            gc = owner[r][c]
            tc = tcs[c]
            span = gc.colspan if gc is not None else 1
            for extra in tcs[c + 1 : c + span]:
                tr.remove(extra)
            if span > 1:
                tc.grid_span = span
            tc.width = Cm(sum(widths[c : c + span]))
            if gc is not None and gc.rowspan > 1:
                tc.vMerge = "restart" if gc.row == r else "continue"
            if gc is not None and gc.row == r and gc.col == c:
                _fill(_Cell(tc, table), gc, keep_with_next=r < kept)
            elif r < kept:  # a vMerge continuation: its empty paragraph keeps the row with the next too
                _Cell(tc, table).paragraphs[0].paragraph_format.keep_with_next = True
            c += span
    for r, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        no_split = OxmlElement("w:cantSplit")  # a row is never cut across pages
        no_split.set(qn("w:val"), "true")
        tr_pr.append(no_split)
        if r < grid.header_rows:  # header rows repeat on the next page when a table breaks across pages
            el = OxmlElement("w:tblHeader")
            el.set(qn("w:val"), "true")
            tr_pr.append(el)
    return table


def render_docx(report: AnnualReport) -> bytes:
    doc = Document()
    _setup(doc)
    for block in report_blocks(report):
        if isinstance(block, Title):
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = Pt(12)
            p.paragraph_format.keep_with_next = True
            set_run_font(p.add_run(block.text), TITLE_FONT, 22, bold=True)
        elif isinstance(block, Heading):
            p = doc.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(32)
            p.paragraph_format.space_before = Pt(6)
            p.paragraph_format.keep_with_next = True  # never alone at the foot of a page
            set_run_font(p.add_run(block.text), HEADING_FONT, 16)
        elif isinstance(block, Paragraph):
            p = doc.add_paragraph()
            size = 16 if block.role == "body" else 10.5
            if block.role == "body":
                p.paragraph_format.first_line_indent = Pt(32)
            set_run_font(p.add_run(block.text), BODY_FONT, size)
        elif isinstance(block, TableBlock):
            add_grid(doc, block.grid)
            doc.add_paragraph()
    core = doc.core_properties
    core.title = report_title(report)
    core.author = report.agency or ""
    core.comments = f"xxgk edition={report.edition}"
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
