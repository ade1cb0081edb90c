"""A supervisor re-issues a badly typeset published report cleanly: every real
report of the corpus, parsed, rendered as HTML, DOCX and XLSX, and parsed again gives
back exactly the same cells (kind and value) — unread cells stay unread."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus import truth_params
from xxgk.read import parse_file
from xxgk.write import render

pytestmark = pytest.mark.corpus


@pytest.mark.parametrize("truth", truth_params())
@pytest.mark.parametrize("fmt", ["html", "docx", "xlsx"])
def test_reissued_report_reads_back_identically(truth, fmt: str, tmp_path: Path) -> None:
    original = parse_file(truth.path)
    data = render(original, fmt)
    out = tmp_path / f"reissued.{fmt}"
    out.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    back = parse_file(out)
    assert (back.edition, back.year) == (original.edition, original.year)
    diff = [
        (k, original.cell(k).kind, original.value(k), back.cell(k).kind, back.value(k))
        for k in original.spec.cell_keys()
        if (original.cell(k).kind, original.value(k)) != (back.cell(k).kind, back.value(k))
    ]
    assert diff == []
