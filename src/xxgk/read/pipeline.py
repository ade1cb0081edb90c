"""The parser pipeline: file → bytes checks → Document → AnnualReport.

Stages (each a small pure function in its own module):

1. :func:`sniff` — what the bytes are (PDF ``%PDF``, zip ``PK`` = DOCX or XLSX, OLE =
   .doc, HTML, text), within the size limit;
2. :func:`~xxgk.read.encoding.decode_bytes` — text encodings (UTF-8 with or without
   BOM, UTF-16 with BOM, GB18030/GBK, ``<meta charset>`` for HTML, charset-normalizer
   as the last resort; a few undecodable bytes replaced and noted);
3. a reader → :class:`~xxgk.read.document.Document` (:mod:`.text`, :mod:`.html`,
   and the PDF/DOCX/XLSX readers :mod:`.pdf`, :mod:`.docx`, :mod:`.xlsx`, :mod:`.office`);
4. :func:`assemble` — sections, edition, tables by label, metadata, prose facts.
"""

from __future__ import annotations

import re
from pathlib import Path

from xxgk.errors import LimitExceeded, ReadError
from xxgk.read.document import Document
from xxgk.read.edition import detect_edition
from xxgk.read.encoding import decode_bytes, decoding_notes, looks_binary
from xxgk.read.facts import find_facts
from xxgk.read.labels import norm
from xxgk.read.limits import Limits
from xxgk.read.meta import find_level_and_region, find_year_and_agency
from xxgk.read.sections import section_marks, section_texts, table_regions
from xxgk.read.tables import TableCells, read_row_table, read_table_4
from xxgk.report import AnnualReport

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START_RE = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|div|p|table|title)\b", re.I | re.S
)
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
MIN_ROWS_FOUND = 3  # fewer recognised row labels than this: not an annual report


def sniff(data: bytes, path: Path) -> str:
    """``pdf`` | ``docx`` | ``doc`` | ``html`` | ``md`` | ``text``."""
    head = data[:1024]
    if head.lstrip()[:5] == b"%PDF-" or data[:1024].find(b"%PDF-") != -1:
        return "pdf"
    if head[:4] == b"PK\x03\x04":
        return "docx"
    if head[:8] == OLE_MAGIC:
        return "doc"
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES or _HTML_START_RE.match(head.lstrip(b"\xef\xbb\xbf")):
        return "html"
    if suffix in (".md", ".markdown"):
        return "md"
    return "text"


def read_document(path: Path, limits: Limits) -> Document:
    """Stage 1–3: the file as a Document."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ReadError("文件不存在", code="read.not_found", path=str(path)) from None
    except OSError as exc:
        raise ReadError(f"无法读取文件：{exc.strerror or exc}", code="read.io", path=str(path)) from exc
    if size > limits.max_file_bytes:
        raise LimitExceeded(
            f"文件过大（{size}字节，上限{limits.max_file_bytes}字节）", code="read.limit.file_size", path=str(path)
        )
    if size == 0:
        raise ReadError("文件是空的", code="read.empty", path=str(path))
    if path.is_dir():
        raise ReadError("这是一个目录，不是文件", code="read.io", path=str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"无法读取文件：{exc.strerror or exc}", code="read.io", path=str(path)) from exc
    kind = sniff(data, path)
    if kind == "pdf":
        from xxgk.read.pdf import read_pdf

        return read_pdf(path, limits)
    if kind == "docx":
        from xxgk.read.docx import read_docx
        from xxgk.read.xlsx import is_xlsx, read_xlsx

        if is_xlsx(path):  # a zip: a workbook (.xlsx) rather than a Word document
            return read_xlsx(path, limits)

        return read_docx(path, limits)
    if kind == "doc":
        from xxgk.read.office import read_office  # converts, reads and removes the converted file

        return read_office(path, limits)
    if looks_binary(data):
        raise ReadError(
            "不是可识别的年度报告文件（二进制内容，不是文本、HTML、DOCX或PDF）", code="read.unsupported", path=str(path)
        )
    decoded = decode_bytes(data, path, kind)
    text = decoded.text
    if len(text) > limits.max_text_chars:
        raise LimitExceeded(
            f"文本过长（{len(text)}字符，上限{limits.max_text_chars}字符）", code="read.limit.text", path=str(path)
        )
    if kind == "html":
        from xxgk.read.html import read_html

        return decoded.mark(read_html(text, str(path)))
    from xxgk.read.text import read_text

    return decoded.mark(read_text(text, str(path), kind="md" if kind == "md" else "text"))


def _merge(report: AnnualReport, part: TableCells) -> None:
    report.cells.update(part.cells)  # keys come from the edition's own tables
    report.unread.extend(part.unread)
    report.notes.extend(part.notes)
    report.printed_groups.update(part.printed_groups)


def assemble(doc: Document, file: str | None = None) -> AnnualReport:
    """Stage 4: Document → AnnualReport."""
    regions = table_regions(doc)
    year, agency = find_year_and_agency(doc)
    spans = regions.tables
    table_lines = {k: doc.lines[a:b] for k, (a, b) in spans.items()}
    # norm of the tables' text, token by token (the same as norm of the text joined by
    # newlines — NFKC does not compose across a newline, punctuation goes either way — but
    # each token's form is memoised: labels and numerals recur in every report)
    shape_text = "".join([norm(t.text) for lines in table_lines.values() for line in lines for t in line.tokens])
    if not shape_text:
        shape_text = norm(doc.text[:200_000])
    choice = detect_edition(shape_text, year)
    report = AnnualReport(edition=choice.key, year=year, agency=agency, file=file or doc.path)
    report.level, report.region = find_level_and_region(agency, doc)
    report.edition_evidence = choice.evidence
    if choice.note:
        report.notes.append(choice.note)
    report.notes.extend(decoding_notes(doc))
    report.sections = section_marks(doc, regions)
    report.texts = section_texts(doc, regions)
    found = 0
    collapsed = False
    for tkey in ("table_2", "table_3"):
        a, b = spans.get(tkey, (0, len(doc.lines)))
        part = read_row_table(choice.key, tkey, doc.lines[a:b], a)
        found += part.rows_found
        collapsed = part.collapsed
        _merge(report, part)
    if "table_4" in spans:
        a, b = spans["table_4"]
        _merge(report, read_table_4(choice.key, doc.lines[a:b], a, collapsed=collapsed))
    if found < MIN_ROWS_FOUND:
        raise ReadError(
            "未能识别为政府信息公开工作年度报告：没有找到年度报告表格的行标签（如“一、本年新收政府信息公开申请数量”）",
            code="read.unrecognised",
            path=file or doc.path,
        )
    report.complete("表格中未找到该单元格")
    lines = doc.lines
    in_tables = regions.table_mask(len(lines))
    prose = [line for line, skip in zip(lines, in_tables, strict=True) if not skip and line.table is None]
    report.facts, report.channel_facts = find_facts(prose)
    return report


def parse_path(path: Path, limits: Limits | None = None) -> AnnualReport:
    """Read one annual report file.  Raises :class:`ReadError` with a stable code."""
    limits = Limits.resolve(limits)
    doc = read_document(Path(path), limits)
    return assemble(doc, str(path))
