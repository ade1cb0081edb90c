"""The three real PDFs of ``shared/corpus/files``: every cell of tables 二, 三, 四
(600 in all) equals the hand-read truth — including table 四's printed error,
read as printed — and every number found in a PDF says on which page and where
it was printed."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from tests.corpus import MISSING_REASON, TruthReport, cell_matches, truth_reports

pytestmark = pytest.mark.corpus


def _pdf_truths() -> list[Any]:
    found = [t for t in truth_reports() if t.set == "files"]
    if not found:
        return [pytest.param(None, marks=pytest.mark.skip(reason=MISSING_REASON), id="no-corpus")]
    return [pytest.param(t, id=t.name) for t in found]


@cache
def _parsed(path: Path) -> dict[str, Any]:
    from xxgk.read import parse_file

    return parse_file(path).to_dict()


def test_the_truth_covers_600_cells() -> None:
    truths = [t for t in truth_reports() if t.set == "files"]
    if not truths:
        pytest.skip(MISSING_REASON)
    assert len(truths) == 3
    assert sum(len(t.cells) for t in truths) == 600


@pytest.mark.parametrize("truth", _pdf_truths())
def test_every_truth_cell(truth: TruthReport) -> None:
    report = _parsed(truth.path)
    assert report["edition"] == truth.edition
    assert report["year"] == truth.entry["year"]
    wrong = {
        key: (expected, {k: report["cells"].get(key, {}).get(k) for k in ("kind", "value", "raw")})
        for key, expected in truth.cells.items()
        if not cell_matches(expected, report["cells"].get(key, {}))
    }
    assert not wrong, f"{len(wrong)} of {len(truth.cells)} cells differ: {wrong}"


@pytest.mark.parametrize("truth", _pdf_truths())
def test_every_number_has_its_page_and_box(truth: TruthReport) -> None:
    report = _parsed(truth.path)
    numbers = {k: c for k, c in report["cells"].items() if c["kind"] == "number"}
    assert len(numbers) >= 150
    with pdfplumber.open(truth.path) as pdf:
        for key, cell in numbers.items():
            src = cell["source"]
            assert src["kind"] == "pdf", key
            page = pdf.pages[src["page"] - 1]
            x0, top, x1, bottom = src["bbox"]
            assert 0 <= x0 < x1 <= page.width and 0 <= top < bottom <= page.height, key
            # the published text is printed inside the box (the box may be a cell holding one value)
            printed = page.within_bbox((x0 - 0.5, top - 0.5, x1 + 0.5, bottom + 0.5)).extract_text().replace(" ", "")
            assert cell["raw"].replace(" ", "") in printed, (key, cell["raw"], printed)
