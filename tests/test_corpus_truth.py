"""Every report file of the corpus against its hand-read truth.

The tests enumerate the report files of the corpus directories, not the truth
entries: a report file added to the corpus without a truth entry is still parsed
(it must not crash the parser) and then fails with "no truth for <file>" — the
issue asks for every file of ``../shared/corpus`` to be compared with the truth, so
a file nobody has read by hand is an incomplete corpus, not something to skip.  A
truth entry whose file is missing fails too.

Cells, facts and metadata of the text/HTML/Markdown reports are compared here; the
PDFs (of files/ and any other set) are compared cell by cell in
``test_corpus_pdf.py`` with the same rules.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.corpus import (
    COMPLETE_TRUTH_SETS,
    CORPUS,
    MISSING,
    MISSING_REASON,
    TruthReport,
    agency_matches,
    cell_matches,
    checked_cells,
    fact_differences,
    report_files,
    truth_for,
    truth_reports,
    with_known_failures,
)
from xxgk.read import parse_file


@cache
def parsed(path: str) -> dict[str, Any]:
    return parse_file(path).to_dict()


def _file_params() -> list[Any]:
    files = report_files()
    if not files:
        return [pytest.param(None, marks=pytest.mark.skip(reason=MISSING_REASON), id="no-corpus")]
    return [pytest.param(f, id=f"{f.parent.name}/{f.name}") for f in files]


# The parser's agency differs from the hand-read truth (found when the comparison was
# made strict; reported for the parser).  strict=True: once the parser is right the
# test passes, xfail fails, and the entry must be removed.
AGENCY_DIFFERS = {
    # the report prints only the short form (上海市科委, 市科委), never 上海市科学技术委员会:
    # the parser keeps the printed name rather than expand an abbreviation from outside the text
    "public/shanghai-kewei-2024.md": "the report prints only the short form 上海市科委, the truth gives the full name",
}

# Facts the report states in its prose but the truth omits: accepted only from the
# printed line given here (the test reads that line at run time and checks that the
# parser's clause is on it) and with this value.
STATED_NOT_IN_TRUTH: dict[str, dict[str, tuple[Any, int]]] = {
    # 信息处理费 0: the overview says no fee of any kind was charged for disclosure
    "seeds/001_fb2a13aa5693ffc1.txt": {"fees_collected": (0, 21)},
}


def _truth_params(with_facts: bool = False) -> list[Any]:
    """Report files with a truth entry that this module compares (not the PDFs);
    ``with_facts``: only those whose truth gives facts (public/ and files/ give
    table cells only)."""
    found = [truth_for(f) for f in report_files() if f.suffix.lower() != ".pdf"]
    params = [
        pytest.param(t, id=f"{t.set}/{t.name}")
        for t in found
        if t is not None and (not with_facts or "facts" in t.entry)
    ]
    return params or [pytest.param(None, marks=pytest.mark.skip(reason=MISSING_REASON), id="no-corpus")]


def _agency_params() -> list[Any]:
    return with_known_failures(_truth_params(), AGENCY_DIFFERS)


@pytest.mark.corpus
@pytest.mark.parametrize("path", _file_params())
def test_every_corpus_file_has_a_truth_entry(path: Path) -> None:
    parse_file(path)  # parses (an error here is the parser's, a missing truth is the corpus's)
    assert truth_for(path) is not None, (
        f"no truth for {path.parent.name}/{path.name}: the file is in the corpus but "
        f"{path.parent.name}/truth.json has no entry for it, so none of its cells is checked"
    )


@pytest.mark.corpus
def test_every_truth_entry_names_a_corpus_file() -> None:
    if not (CORPUS / "seeds" / "truth.json").is_file():
        pytest.skip(MISSING_REASON)
    missing = [f"{t.set}/{t.name}" for t in truth_reports() if not t.path.is_file()]
    assert missing == []
    names = [f"{t.set}/{t.name}" for t in truth_reports()]
    assert len(names) == len(set(names)), "a file has two truth entries"


@pytest.mark.corpus
@pytest.mark.parametrize("truth", _truth_params())
def test_cells_match_truth(truth: TruthReport) -> None:
    data = parsed(str(truth.path))
    cells = checked_cells(truth)
    absent = sorted(set(cells) - set(data["cells"]))
    assert absent == [], f"the parser reports no cell for truth keys {absent}"
    wrong = {
        key: (expected, {k: data["cells"][key][k] for k in ("kind", "value", "raw")})
        for key, expected in cells.items()
        if not cell_matches(expected, data["cells"][key])
    }
    assert not wrong, f"{len(wrong)} of {len(cells)} cells differ: {wrong}"
    if truth.set in COMPLETE_TRUTH_SETS:  # the truth gives every cell: the parser reports no other
        assert sorted(set(data["cells"]) - set(cells)) == []


@pytest.mark.corpus
@pytest.mark.parametrize("truth", _truth_params(with_facts=True))
def test_facts_match_truth(truth: TruthReport) -> None:
    """Every stated fact with its value, and no fact the report does not state."""
    data = parsed(str(truth.path))
    wrong = fact_differences(truth.facts, data["facts"])
    lines = truth.path.read_text("utf-8").splitlines()
    for key, (value, line) in STATED_NOT_IN_TRUTH.get(f"{truth.set}/{truth.name}", {}).items():
        assert key not in truth.facts, f"the truth now gives {key}: drop it from STATED_NOT_IN_TRUTH"
        assert wrong.pop(key, None) == (MISSING, value), (key, data["facts"].get(key))
        source = data["fact_sources"][key]
        assert source["source"]["line"] == line, (key, source)
        assert source["raw"] in lines[line - 1], (key, source)
    assert not wrong, f"facts differ ({{key: (truth, parser)}}): {wrong}"


@pytest.mark.corpus
@pytest.mark.parametrize("truth", _truth_params())
def test_edition_and_year_match_truth(truth: TruthReport) -> None:
    data = parsed(str(truth.path))
    assert (data["edition"], data["year"]) == (truth.edition, truth.entry["year"])


@pytest.mark.corpus
@pytest.mark.parametrize("truth", _agency_params())
def test_agency_matches_truth(truth: TruthReport) -> None:
    """Equal to the truth's name as ``tests.corpus.agency_matches`` compares them (width,
    whitespace, the truth's annotation; with or without parent regions — and no more)."""
    data = parsed(str(truth.path))
    assert agency_matches(truth.entry["agency"], data["agency"]), (truth.entry["agency"], data["agency"])


@pytest.mark.corpus
@pytest.mark.parametrize("truth", _truth_params())
def test_every_unread_cell_says_why(truth: TruthReport) -> None:
    data = parsed(str(truth.path))
    unread_cells = {k for k, c in data["cells"].items() if c["kind"] == "unread"}
    reasons = {u["cell"]: u["reason"] for u in data["unread"]}
    assert unread_cells == set(reasons)
    assert all(reasons.values())
    assert all(c["value"] is None for k, c in data["cells"].items() if k in unread_cells)


@pytest.mark.corpus
@pytest.mark.parametrize("truth", _truth_params())
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
