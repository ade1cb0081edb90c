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
from xxgk.formats import get_edition
from xxgk.write.pdf import RenderError, docx_to_pdf, find_soffice, render_pdf

pytestmark = pytest.mark.libreoffice

CJK_FONT_HINTS = ("CJK", "WenQuanYi", "Hei", "Song", "Fang", "Ming", "Kai")


def _need_tools() -> None:
    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdftoppm) is not installed")


YEARS = {"2021": 2023, "2019_trial": 2020}


@pytest.fixture(scope="module", params=sorted(YEARS))
def edition_pdf(request: pytest.FixtureRequest) -> tuple[str, bytes]:
    _need_tools()
    edition: str = request.param
    return edition, render_pdf(balanced_report(edition, YEARS[edition]))


def _installed(family: str) -> bool:
    if shutil.which("fc-list") is None:
        return False
    out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=False).stdout
    return family in out


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


def test_pdf_page_shows_table_grid_and_chinese(edition_pdf: tuple[str, bytes], tmp_path: Path) -> None:
    edition, pdf_bytes = edition_pdf
    src = tmp_path / "report.pdf"
    src.write_bytes(pdf_bytes)
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "2", str(src), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2
    img = Image.open(pages[0])
    w, h = img.size
    rows, cols = longest_dark_runs(img)
    # table 二 (and the top of table 三) on page 1: many long horizontal rules, and vertical rules
    assert _lines(rows, int(w * 0.6)) >= (15 if edition == "2021" else 10)
    assert _lines(cols, int(h * 0.05)) >= 4
    # the page is not blank and not a solid block
    dark = sum(img.convert("L").histogram()[:128])
    assert 0.01 < dark / (w * h) < 0.5
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        text = "".join(p.extract_text() or "" for p in pdf.pages)
        fonts = {c["fontname"] for p in pdf.pages for c in p.chars}
    caption = get_edition(edition).table("table_2").groups[0].caption
    assert "申请人情况" in text and caption in text.replace("(", "（").replace(")", "）")
    assert any(h in f for f in fonts for h in CJK_FONT_HINTS), fonts
    if _installed("Noto Serif CJK SC"):  # 宋体/仿宋 set in a serif CJK font, 黑体 in a sans one
        assert any("NotoSerifCJK" in f for f in fonts), fonts
        assert any("NotoSansCJK" in f for f in fonts), fonts
        assert not any("WenQuanYi" in f for f in fonts), fonts


def test_a_heading_is_never_left_alone_at_the_foot_of_a_page() -> None:
    """With prose of different lengths before the tables, no page ends with a
    section heading: the heading goes over with its table (keep with next)."""
    _need_tools()
    report = balanced_report("2021", 2023)
    headings = {f"{s.number}、{s.label}" for s in report.spec.sections}
    sentence = "本机关坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开。"
    overview = report.texts["overview"]
    for extra in (1, 2, 4, 6, 8):  # each of these left a heading at a page foot before keep-with-next
        report.texts["overview"] = overview + "\n" + "\n".join(sentence * 2 for _ in range(extra))
        with pdfplumber.open(io.BytesIO(render_pdf(report))) as pdf:
            feet = [(p.extract_text() or "").strip().splitlines()[-1] for p in pdf.pages[:-1]]
        assert not [f for f in feet if f.strip() in headings], (extra, feet)


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
