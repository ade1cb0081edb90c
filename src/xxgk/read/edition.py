"""Stage: which edition a report follows, from the shape of its tables.

Signals come from the editions data (``edition_detection`` in editions.json):
the column headers of table 二 and the sub-rows of table 三 （六） that only one
edition has.  A label of one edition that is contained in a label of the other
(处理决定数量 / 本年处理决定数量) is no signal.  The report year decides only
when the tables say nothing; a disagreement with the year is noted.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from xxgk.formats import EDITION_KEYS, edition_for_year, get_edition
from xxgk.read.labels import norm
from xxgk.report import Note


@dataclass(frozen=True)
class EditionChoice:
    key: str
    evidence: str
    note: Note | None = None


def _labels(edition_key: str) -> set[str]:
    e = get_edition(edition_key)
    found = {norm(c.label) for g in e.table("table_2").groups for c in g.columns}
    found |= {norm(r.label) for r in e.table("table_3").rows if r.label}
    return {f for f in found if len(f) >= 4}


@cache
def edition_signals() -> dict[str, tuple[str, ...]]:
    labels = {k: _labels(k) for k in EDITION_KEYS}
    signals: dict[str, tuple[str, ...]] = {}
    for k in EDITION_KEYS:
        others = set().union(*(labels[o] for o in EDITION_KEYS if o != k))
        signals[k] = tuple(sorted(s for s in labels[k] - others if not any(s in o for o in others)))
    return signals


def detect_edition(text_norm: str, year: int | None) -> EditionChoice:
    """``text_norm``: the normalised text of the table regions (or the document)."""
    scores = {k: [s for s in sigs if s in text_norm] for k, sigs in edition_signals().items()}
    best = max(EDITION_KEYS, key=lambda k: len(scores[k]))
    tie = sum(1 for k in EDITION_KEYS if len(scores[k]) == len(scores[best])) > 1
    by_year = edition_for_year(year).key if year and year >= 2019 else None
    if tie or not scores[best]:
        key = by_year or "2021"
        return EditionChoice(key, "year" if by_year else "default")
    evidence = "table shape: " + "、".join(scores[best][:4])
    note = None
    if by_year and by_year != best:
        note = Note(
            "edition.year_mismatch",
            f"报告年度为{year}年，按规定应使用{get_edition(by_year).document_number}格式，"
            f"但表格形状属于{get_edition(best).document_number}格式；按表格形状解析",
        )
    return EditionChoice(best, evidence, note)
