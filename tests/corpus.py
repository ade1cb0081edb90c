"""The real reports of ``../shared/corpus`` and their hand-read truth files.

Tests read the corpus at run time from beside the project (never copied in) and
skip with a clear reason in a clone that lacks it.  ``XXGK_CORPUS`` overrides the
location.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("XXGK_CORPUS", PROJECT_ROOT.parent / "shared" / "corpus"))
SPEC = CORPUS.parent / "spec"
CORPUS_SETS = ("seeds", "public", "files")
MISSING_REASON = f"the real-report corpus is not at {CORPUS} (it lives in shared/corpus beside the project)"


def require_corpus() -> Path:
    if not (CORPUS / "seeds" / "truth.json").is_file():
        pytest.skip(MISSING_REASON)
    return CORPUS


@dataclass(frozen=True)
class TruthReport:
    set: str
    path: Path
    entry: dict[str, Any]

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def cells(self) -> dict[str, Any]:
        return dict(self.entry.get("cells", {}))

    @property
    def facts(self) -> dict[str, Any]:
        return dict(self.entry.get("facts") or {})

    @property
    def edition(self) -> str:
        e = self.entry.get("edition")
        return "2019_trial" if e == "2019" else e


def truth_reports() -> list[TruthReport]:
    """Every report of the corpus that has a truth entry (empty without a corpus)."""
    found: list[TruthReport] = []
    for s in CORPUS_SETS:
        truth = CORPUS / s / "truth.json"
        if not truth.is_file():
            continue
        for entry in json.loads(truth.read_text("utf-8"))["reports"]:
            found.append(TruthReport(s, CORPUS / s / entry["file"], entry))
    return found


def truth_params() -> list[Any]:
    reports = truth_reports()
    if not reports:
        return [pytest.param(None, marks=pytest.mark.skip(reason=MISSING_REASON), id="no-corpus")]
    return [pytest.param(t, id=f"{t.set}/{t.name}") for t in reports]


def _same_number(expected: Any, value: Any) -> bool:
    if value is None or isinstance(expected, bool):
        return False
    return Decimal(str(expected)) == Decimal(str(value))


def cell_matches(expected: Any, cell: dict[str, Any]) -> bool:
    """Compare one cell of ``xxgk parse --json`` with a truth value.

    Truth values: a number; "na" (dash or slash); "blank"; ``{"any_of": [...]}``
    where ``null`` means "reported unread is right"; ``{"raw", "value_wan_yuan"}``
    for an amount (the value in 万元 and the published text).
    """
    kind = cell.get("kind")
    if isinstance(expected, dict) and "any_of" in expected:
        return any(cell_matches(option, cell) for option in expected["any_of"])
    if expected is None:
        return kind == "unread" and cell.get("value") is None
    if expected == "na":
        return kind == "na"
    if expected == "blank":
        return kind == "blank"
    if isinstance(expected, dict) and "value_wan_yuan" in expected:
        return (
            kind == "number"
            and _same_number(expected["value_wan_yuan"], cell.get("value"))
            and (cell.get("raw") or "").replace(" ", "") == expected["raw"].replace(" ", "")
        )
    return kind == "number" and _same_number(expected, cell.get("value"))


def fact_matches(expected: Any, got: Any) -> bool:
    if isinstance(expected, dict):
        return isinstance(got, dict) and all(fact_matches(v, got.get(k)) for k, v in expected.items())
    return got is not None and _same_number(expected, got)
