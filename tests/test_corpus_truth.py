"""Every truth cell and fact of the text/HTML/Markdown corpus reports (seeds/ and
public/) against the parser's JSON output.  The PDFs of files/ are tested with the
PDF reader."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from tests.corpus import TruthReport, cell_matches, fact_matches, truth_params
from xxgk.formats import normalize_label
from xxgk.read import parse_file

PARAMS = [p for p in truth_params() if p.values[0] is None or p.values[0].set != "files"]


@cache
def parsed(path: str) -> dict[str, Any]:
    return parse_file(path).to_dict()


def _core(name: str) -> str:
    return normalize_label(name.split("（")[0].split("(")[0])


def agency_matches(expected: str, got: str | None) -> bool:
    """Loosely: the parsed name is part of the truth name, contains its core, or
    they share their first two characters (上海市科委 / 上海市科学技术委员会)."""
    if not got:
        return False
    e, g = normalize_label(expected), normalize_label(got)
    return g in e or _core(expected) in g or (len(g) >= 2 and e[:2] == g[:2])


@pytest.mark.corpus
@pytest.mark.parametrize("truth", PARAMS)
def test_cells_match_truth(truth: TruthReport) -> None:
    data = parsed(str(truth.path))
    wrong = {
        key: (expected, {k: data["cells"][key][k] for k in ("kind", "value", "raw")})
        for key, expected in truth.cells.items()
        if not cell_matches(expected, data["cells"][key])
    }
    assert not wrong, f"{len(wrong)} of {len(truth.cells)} cells differ: {wrong}"


@pytest.mark.corpus
@pytest.mark.parametrize("truth", PARAMS)
def test_facts_match_truth(truth: TruthReport) -> None:
    data = parsed(str(truth.path))
    wrong = {k: (v, data["facts"].get(k)) for k, v in truth.facts.items() if not fact_matches(v, data["facts"].get(k))}
    assert not wrong, wrong


@pytest.mark.corpus
@pytest.mark.parametrize("truth", PARAMS)
def test_metadata_match_truth(truth: TruthReport) -> None:
    data = parsed(str(truth.path))
    assert data["edition"] == truth.edition
    assert data["year"] == truth.entry["year"]
    assert agency_matches(truth.entry["agency"], data["agency"]), (truth.entry["agency"], data["agency"])


@pytest.mark.corpus
@pytest.mark.parametrize("truth", PARAMS)
def test_every_unread_cell_says_why(truth: TruthReport) -> None:
    data = parsed(str(truth.path))
    unread_cells = {k for k, c in data["cells"].items() if c["kind"] == "unread"}
    reasons = {u["cell"]: u["reason"] for u in data["unread"]}
    assert unread_cells == set(reasons)
    assert all(reasons.values())
    assert all(c["value"] is None for k, c in data["cells"].items() if k in unread_cells)


@pytest.mark.corpus
@pytest.mark.parametrize("truth", PARAMS)
def test_row_totals_hold_wherever_a_whole_row_was_read(truth: TruthReport) -> None:
    """The report's own arithmetic as oracle for cells truth does not list: in
    the corpus every fully read row of table 三 balances (no printed errors there)."""
    data = parsed(str(truth.path))
    cells = data["cells"]
    rows = {k.split(".")[1] for k in cells if k.startswith("table_3.")}
    for row in rows:
        values = [cells[k] for k in cells if k.startswith(f"table_3.{row}.")]
        if all(c["kind"] == "number" for c in values):
            total = cells[f"table_3.{row}.total"]["value"]
            parts = sum(
                c["value"] for k, c in cells.items() if k.startswith(f"table_3.{row}.") and not k.endswith(".total")
            )
            assert parts == total, (row, parts, total)
