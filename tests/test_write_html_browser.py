"""The HTML page in a real browser (Debian chromium through Playwright): the merged
cells of table 三 cover the rows and columns they should, cells have borders, the
Chinese text is drawn, and a screenshot shows the table grid."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PIL import Image

from tests.test_write_pdf import _lines, longest_dark_runs
from tests.write_samples import balanced_report
from xxgk.write.html import render_html

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def test_html_page_in_chromium(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (./test.sh installs it)")
    page_file = tmp_path / "report.html"
    page_file.write_text(render_html(balanced_report("2021", 2023)), encoding="utf-8")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.goto(page_file.as_uri())
            t3 = page.locator("table[data-table='table_3']")
            rows = t3.locator("tr")
            assert rows.count() == 3 + 25
            results = t3.locator("td", has_text="三、本年度办理结果")
            rb = results.bounding_box()
            first = t3.locator("td[data-cell='table_3.granted.total']").bounding_box()
            last = t3.locator("td[data-cell='table_3.results_total.total']").bounding_box()
            assert rb is not None and first is not None and last is not None
            # the vertical label spans exactly the rows from （一） to （七）总计
            assert abs(rb["y"] - first["y"]) < 2 and abs((rb["y"] + rb["height"]) - (last["y"] + last["height"])) < 2
            note = t3.locator("td.note").bounding_box()
            natural = t3.locator("td[data-cell='table_3.new_received.natural_person']").bounding_box()
            assert note is not None and natural is not None and abs(note["x"] + note["width"] - natural["x"]) < 2
            border = t3.locator("td.value").first.evaluate("e => getComputedStyle(e).borderTopStyle")
            assert border == "solid"
            # Chinese glyphs are drawn: a CJK line is wider than the same number of Latin letters would be
            width = page.locator("h2").first.evaluate("e => e.getBoundingClientRect().width")
            assert width > 60
            shot = tmp_path / "page.png"
            t3.screenshot(path=str(shot))
        finally:
            browser.close()
    img = Image.open(shot)
    w, h = img.size
    rows_runs, cols_runs = longest_dark_runs(img)
    assert _lines(rows_runs, int(w * 0.6)) >= 20
    assert _lines(cols_runs, int(h * 0.5)) >= 5
