"""The real reports of ``../shared/corpus`` and their hand-read truth files.

Tests read the corpus at run time from beside the project (never copied in) and
skip with a clear reason in a clone that lacks it.  ``XXGK_CORPUS`` overrides the
location.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from xxgk.agencies import same_agency_name

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("XXGK_CORPUS", PROJECT_ROOT.parent / "shared" / "corpus"))
SPEC = CORPUS.parent / "spec"
CORPUS_SETS = ("seeds", "public", "files")
# files of a corpus directory that are not reports: the truth, the index of sources, notes
NOT_REPORTS = frozenset({"truth.json", "index.json", "README.md"})
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
        return "2019_trial" if e == "2019" else str(e)


def corpus_sets() -> list[str]:
    """The directories of the corpus: ``CORPUS_SETS`` in that order, then any other."""
    others = (
        sorted(d.name for d in CORPUS.iterdir() if d.is_dir() and not d.name.startswith(".")) if CORPUS.is_dir() else []
    )
    return [*CORPUS_SETS, *(o for o in others if o not in CORPUS_SETS)]


def truth_reports() -> list[TruthReport]:
    """Every report of the corpus that has a truth entry (empty without a corpus):
    the known sets first, then any other directory of the corpus with a truth file."""
    found: list[TruthReport] = []
    for s in corpus_sets():
        truth = CORPUS / s / "truth.json"
        if not truth.is_file():
            continue
        for entry in json.loads(truth.read_text("utf-8"))["reports"]:
            found.append(TruthReport(s, CORPUS / s / entry["file"], entry))
    return found


def report_files() -> list[Path]:
    """Every report file in every directory of the corpus (whatever its truth says):
    all regular files except the truth, the index and notes (``NOT_REPORTS``) and
    hidden files.  Empty without a corpus."""
    return [
        f
        for s in corpus_sets()
        if (CORPUS / s).is_dir()
        for f in sorted((CORPUS / s).iterdir())
        if f.is_file() and f.name not in NOT_REPORTS and not f.name.startswith(".")
    ]


def truth_for(path: Path) -> TruthReport | None:
    """The truth entry of one corpus file, ``None`` when its directory's truth has none."""
    return next((t for t in truth_reports() if t.path == path), None)


# Sets whose truth gives every cell of tables 二, 三, 四 (README: seeds "every cell",
# files "every cell ... (600 cells)"); public/ gives key 总计 cells only.
COMPLETE_TRUTH_SETS = ("seeds", "files")

# Where a truth alternative is a shifted reading, the tests accept less than the
# truth (never more).  shanghai-kewei-2024: the printed 总计 of 四、结转下年度继续办理
# is empty; the truth also allows 1, but that 1 is printed under 自然人 — a 总计 of 1
# would be the row read one column off.
NARROWED_TRUTH: dict[tuple[str, str], Any] = {
    ("public/shanghai-kewei-2024.md", "table_3.carried_forward.total"): {"any_of": ["blank", None]},
}


def checked_cells(truth: TruthReport) -> dict[str, Any]:
    """The truth cells as the tests compare them (``NARROWED_TRUTH`` applied)."""
    cells = truth.cells
    for (name, key), narrowed in NARROWED_TRUTH.items():
        if name == f"{truth.set}/{truth.name}" and key in cells:
            given = cells[key]
            options = given["any_of"] if isinstance(given, dict) and "any_of" in given else [given]
            # narrowing only: if the truth changes, this list must be looked at again
            assert all(o in options for o in narrowed["any_of"]), (name, key, given, narrowed)
            cells[key] = narrowed
    return cells


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


# What the parser reports must equal the truth after this normalisation: NFKC
# (full/half-width letters, digits, brackets), whitespace removed.  The truth files
# write the agency as its name followed by a reader's annotation in brackets (the
# province or city, the scope: "（福建省，区本级汇总）", an abbreviation: "（市科委）");
# that trailing bracket is not part of the printed name and is dropped from the truth
# before comparing.  Beyond that, one equivalence only: the same agency named with or
# without its parent regions ("洪泽区人民政府" / "淮安市洪泽区人民政府", "金仓街道" /
# "滨海旅游度假区金仓街道") — ``xxgk.agencies.same_agency_name``, the rule by which
# the checker pairs one agency's reports across years.  That is a principled match,
# not a loosening: a name with its parent regions in front denotes the same body,
# while another 区 of the same 市, the 市 itself, a shortened name ("上海市科委" for
# "上海市科学技术委员会"), the place for its government ("三明市" for "三明市人民政府")
# or another agency noun ("洪泽区人民政府办公室") is still a difference.
_TRAILING_NOTE = re.compile(r"\([^()]*\)$")


def normalize_agency(name: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def truth_agency(expected: str) -> str:
    """The agency name of a truth entry without its trailing annotation, normalised."""
    return _TRAILING_NOTE.sub("", normalize_agency(expected))


def agency_matches(expected: str, got: str | None) -> bool:
    """The parser's agency ``got`` is the truth's ``expected`` (see above)."""
    return got is not None and same_agency_name(normalize_agency(got), truth_agency(expected))


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


def fact_differences(expected: dict[str, Any], got: dict[str, Any], prefix: str = "") -> dict[str, tuple[Any, Any]]:
    """Every fact where the parser and the truth disagree, as ``{key: (truth, parser)}``.

    Strict both ways: a fact the truth states must be reported with that value, and a
    fact the parser reports must be in the truth (nested: ``proactive_by_channel.website``).
    An absent truth key means "the report does not state it" (the seeds' truth lists
    the facts stated in the prose); a truth entry with no ``facts`` at all is not
    checked here (public/ and files/ give table cells only).  ``MISSING`` marks the
    absent side.
    """
    wrong: dict[str, tuple[Any, Any]] = {}
    for key in sorted(set(expected) | set(got)):
        e, g = expected.get(key, MISSING), got.get(key, MISSING)
        if isinstance(e, dict) and isinstance(g, dict):
            wrong.update(fact_differences(e, g, f"{prefix}{key}."))
        elif e is MISSING or g is MISSING or isinstance(e, dict) or isinstance(g, dict) or not _same_number(e, g):
            wrong[prefix + key] = (e, g)
    return wrong


def with_known_failures(params: list[Any], known: dict[str, str]) -> list[Any]:
    """``params`` with ``xfail(strict=True)`` on those whose id is in ``known`` (id →
    reason): a known parser difference fails as expected, and once it is fixed the
    XPASS fails, so the entry must be removed."""
    return [
        pytest.param(
            *p.values,
            id=p.id,
            marks=[*p.marks, *([pytest.mark.xfail(strict=True, reason=known[p.id])] if p.id in known else [])],
        )
        for p in params
    ]
