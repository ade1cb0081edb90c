"""PDF rendering (DOCX → LibreOffice → PDF) and the screenshot test: the page,
rendered to PNG by pdftoppm, shows the table grid and Chinese text."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from tests.write_samples import balanced_report
from xxgk.write.pdf import RenderError, docx_to_pdf, find_soffice, render_pdf

pytestmark = pytest.mark.libreoffice

CJK_FONT_HINTS = ("CJK", "WenQuanYi", "Hei", "Song", "Fang", "Ming", "Kai")


def _need_tools() -> None:
    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdftoppm) is not installed")


@pytest.fixture(scope="module")
def pdf_2021() -> bytes:
    _need_tools()
    return render_pdf(balanced_report("2021", 2023))


def longest_dark_runs(img: Image.Image, threshold: int = 100) -> tuple[list[int], list[int]]:
    """For every pixel row and column, the longest run of dark pixels."""
    g = img.convert("L")
    w, h = g.size
    px = g.load()
    assert px is not None

    def runs(length: int, other: int, at) -> list[int]:
        out = []
        for i in range(other):
            best = cur = 0
            for j in range(length):
                if at(i, j) < threshold:
                    cur += 1
                    best = max(best, cur)
                else:
                    cur = 0
            out.append(best)
        return out

    rows = runs(w, h, lambda y, x: px[x, y])
    cols = runs(h, w, lambda x, y: px[x, y])
    return rows, cols


def _lines(runs: list[int], min_len: int) -> int:
    """Count lines (adjacent pixel rows/columns of one drawn line count once)."""
    count, prev = 0, False
    for r in runs:
        on = r >= min_len
        if on and not prev:
            count += 1
        prev = on
    return count


def test_pdf_page_shows_table_grid_and_chinese(pdf_2021: bytes, tmp_path: Path) -> None:
    src = tmp_path / "report.pdf"
    src.write_bytes(pdf_2021)
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "2", str(src), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2
    img = Image.open(pages[0])
    w, h = img.size
    rows, cols = longest_dark_runs(img)
    # table 二 and the top of table 三 on page 1: many long horizontal rules, and vertical rules
    assert _lines(rows, int(w * 0.6)) >= 15
    assert _lines(cols, int(h * 0.05)) >= 4
    # the page is not blank and not a solid block
    dark = sum(img.convert("L").histogram()[:128])
    assert 0.01 < dark / (w * h) < 0.5
    with pdfplumber.open(io.BytesIO(pdf_2021)) as pdf:
        text = "".join(p.extract_text() or "" for p in pdf.pages)
        fonts = {c["fontname"] for p in pdf.pages for c in p.chars}
    assert "申请人情况" in text and "第二十条第（一）项" in text.replace("(", "（").replace(")", "）")
    assert any(h in f for f in fonts for h in CJK_FONT_HINTS), fonts


def test_docx_to_pdf_timeout_is_a_clear_error() -> None:
    _need_tools()
    with pytest.raises(RenderError) as exc:
        docx_to_pdf(b"PK", timeout=0.01)
    assert exc.value.code == "write.pdf_timeout"


def test_missing_soffice_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(RenderError) as exc:
        docx_to_pdf(b"")
    assert exc.value.code == "write.soffice_missing"
    assert "LibreOffice" in exc.value.message
