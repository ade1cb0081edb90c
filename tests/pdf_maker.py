"""Real PDF files for reader tests, made with reportlab and a TrueType CJK font
(WenQuanYi Micro Hei from Debian's fonts-wqy-microhei)."""

from __future__ import annotations

from pathlib import Path

import pytest

FONT_PATH = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
FONT = "WQY"


def _register_font() -> None:
    if not FONT_PATH.is_file():
        pytest.skip(f"CJK TrueType font {FONT_PATH} is not installed (Debian fonts-wqy-microhei)")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_PATH), subfontIndex=0))


def table_pdf(
    path: Path,
    rows: list[list[str]],
    *,
    heading: str = "三、收到和处理政府信息公开申请情况",
    spans: list[tuple[tuple[int, int], tuple[int, int]]] = (),  # type: ignore[assignment]
    encrypt: str | None = None,
    repeat_rows: int = 0,
) -> Path:
    """A PDF with a heading paragraph and one ruled table (split over pages by
    reportlab when it is long).  ``spans`` are reportlab SPAN ranges."""
    _register_font()
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    style = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("FONTNAME", (0, 0), (-1, -1), FONT)]
    style += [("SPAN", a, b) for a, b in spans]
    para = ParagraphStyle("p", fontName=FONT, fontSize=11, leading=16)
    doc = SimpleDocTemplate(str(path), pagesize=A4, title="测试年度报告", encrypt=encrypt)
    doc.build([Paragraph(heading, para), Table(rows, style=TableStyle(style), repeatRows=repeat_rows)])
    return path


def pages_pdf(path: Path, n_pages: int, text: str = "第{n}页") -> Path:
    """A PDF of ``n_pages`` pages with one line of text each."""
    _register_font()
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(path), pagesize=A4)
    for n in range(1, n_pages + 1):
        c.setFont(FONT, 12)
        c.drawString(72, 760, text.format(n=n))
        c.showPage()
    c.save()
    return path


def blank_pdf(path: Path) -> Path:
    """A PDF with a drawn rectangle and no text at all (like a scan without OCR)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(path), pagesize=A4)
    c.rect(100, 100, 200, 200, fill=1)
    c.showPage()
    c.save()
    return path


def sideways_table_pdf(path: Path, rows: list[list[str]], angle: int) -> Path:
    """A portrait page with a ruled table printed sideways (turned ``angle``
    degrees counter-clockwise), as a landscape table printed on portrait paper."""
    _register_font()
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Table, TableStyle

    table = Table(
        rows, style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("FONTNAME", (0, 0), (-1, -1), FONT)])
    )
    table.wrap(800, 800)
    c = Canvas(str(path), pagesize=A4)
    c.saveState()
    c.translate(*((400, 100) if angle == 90 else (200, 740)))
    c.rotate(angle)
    table.drawOn(c, 0, 0)
    c.restoreState()
    c.showPage()
    c.save()
    return path
