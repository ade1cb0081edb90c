"""Render a corpus report to HTML, DOCX and PDF and read it back: every number
and every 不适用 (na) cell read from the published text is read again, with the
same value, from each rendering (an unread cell, rendered as '？', stays out of
the comparison but must not stop the rest of its row from being read)."""

from __future__ import annotations

import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.corpus import MISSING_REASON, TruthReport, truth_reports

pytestmark = pytest.mark.corpus

FORMATS = ("html", "docx", "pdf")
CHROMIUM = "/usr/bin/chromium"


def _text_truths() -> list[Any]:
    found = truth_reports()  # seeds and public (text, HTML, Markdown) and the real PDFs of files
    if not found:
        return [
            pytest.param(None, fmt, marks=pytest.mark.skip(reason=MISSING_REASON), id=f"no-corpus-{fmt}")
            for fmt in FORMATS
        ]
    params = [
        pytest.param(t, fmt, id=f"{t.set}/{t.name}-{fmt}", marks=[pytest.mark.libreoffice] if fmt == "pdf" else [])
        for t in found
        for fmt in FORMATS
    ]
    # a web page printed to PDF (Chromium draws borders as rectangles, maps some glyphs to
    # Kangxi radicals, repeats nothing): the three real PDFs are enough to cover it
    params += [
        pytest.param(t, "browser-pdf", id=f"{t.set}/{t.name}-browser-pdf", marks=[pytest.mark.browser])
        for t in found
        if t.set == "files"
    ]
    return params


@cache
def _original(path: Path) -> Any:
    from xxgk.read import parse_file

    return parse_file(path)


def _render(report: Any, fmt: str, out: Path) -> Path:
    if fmt == "html":
        from xxgk.write.html import render_html

        out.write_text(render_html(report), encoding="utf-8")
    elif fmt == "docx":
        from xxgk.write.docx import render_docx

        out.write_bytes(render_docx(report))
    elif fmt == "browser-pdf":  # the HTML page printed to PDF by Chromium, as a web page is saved
        out.with_suffix(".html").write_text(render_html_page(report), encoding="utf-8")
        print_to_pdf(out.with_suffix(".html"), out)
    else:
        from xxgk.read.office import find_soffice

        if find_soffice() is None:
            pytest.skip("LibreOffice (soffice) is not installed: no PDF rendering")
        from xxgk.write.pdf import render_pdf

        out.write_bytes(render_pdf(report))
    return out


def render_html_page(report: Any) -> str:
    from xxgk.write.html import render_html

    return render_html(report)


def print_to_pdf(html: Path, pdf: Path) -> None:
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"{CHROMIUM} is not installed: no browser printing")
    profile = pdf.parent / "chromium-profile"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )


def _comparable(report: Any) -> dict[str, tuple[str, Any]]:
    return {k: (c["kind"], c["value"]) for k, c in report.to_dict()["cells"].items() if c["kind"] in ("number", "na")}


@pytest.mark.parametrize(("truth", "fmt"), _text_truths())
def test_rendering_reads_back_to_the_same_numbers(truth: TruthReport, fmt: str, tmp_path: Path) -> None:
    from xxgk.read import parse_file

    original = _original(truth.path)
    expected = _comparable(original)
    assert expected, f"nothing read from {truth.name}"
    path = _render(original, fmt, tmp_path / f"{truth.path.stem}.{fmt}")
    again = parse_file(path)
    assert again.edition == original.edition
    got = _comparable(again)
    differ = {k: (v, got.get(k)) for k, v in expected.items() if got.get(k) != v}
    assert not differ, f"{len(differ)} of {len(expected)} cells differ after {fmt}: {differ}"
    kinds = {c["source"]["kind"] for k, c in again.to_dict()["cells"].items() if k in expected and c.get("source")}
    assert kinds == {"pdf" if fmt == "browser-pdf" else fmt}
