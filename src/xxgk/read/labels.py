"""Label indexes built once per edition and table from :mod:`xxgk.formats`.

A row label is recognised in its published variants: as printed in the format,
its aliases, without the numbering (``（一）``, ``1.``) when what remains is long
enough to be unambiguous, and without a trailing parenthetical note
(``（二）部分公开`` for ``（二）部分公开（区分处理的，只计这一情形，不计其他情形）``).
A label broken at the end of a line (``2.其他法律行政法规禁`` / ``止公开``) is
recognised by a unique prefix.

Everything is compared in one normal form (:func:`norm`): NFKC, traditional →
simplified for label characters, no whitespace or punctuation — the same form as
:func:`xxgk.formats.normalize_label`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from xxgk.formats import Table, get_edition, normalize_label

if TYPE_CHECKING:
    from xxgk.read.scan import TokenReading

_NUMBERING_RE = re.compile(
    r"^(?:[（(]\s*[一二三四五六七八九十]+\s*[）)]|[一二三四五六七八九十]+\s*[、.．]|\d+\s*[.．、])\s*"
)
_TRAILING_NOTE_RE = re.compile(r"[（(][^（）()]*[）)]\s*$")
MIN_STRIPPED = 4  # a label without its numbering must keep this many characters
MIN_PREFIX = 5  # a broken label is recognised by a unique prefix of this length


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """The comparison form of a text (see module doc)."""
    return normalize_label(text)


def _char_norm(ch: str) -> str:
    """The normal form of one character: an ASCII letter or digit is itself."""
    if ch.isascii() and ch.isalnum():
        return ch
    return normalize_label(ch) if not ch.isspace() else ""


_CHAR_NORMS: dict[str, str] = {}  # character -> _char_norm(character), for norm_with_map
MAX_CHAR_NORMS = 4096  # characters memoised; then the memo starts again


def norm_with_map(text: str) -> tuple[str, list[int]]:
    """``norm(text)`` computed character by character, with the index in
    ``text`` of every character of the result (to cut the original text at a
    label found in the normal form)."""
    out: list[str] = []
    index: list[int] = []
    memo = _CHAR_NORMS
    for i, ch in enumerate(text):
        n = memo.get(ch)
        if n is None:
            n = _char_norm(ch)
            if len(memo) >= MAX_CHAR_NORMS:
                memo.clear()
            memo[ch] = n
        if len(n) == 1:  # most characters: themselves (or their simplified form)
            out.append(n)
            index.append(i)
        else:  # dropped (a space, punctuation) or more than one character (½)
            for c in n:
                out.append(c)
                index.append(i)
    return "".join(out), index


def strip_numbering(label: str) -> str:
    return _NUMBERING_RE.sub("", label.strip())


def label_variants(label: str, aliases: tuple[str, ...] = ()) -> list[str]:
    """Normalised variants under which a row label is recognised."""
    found: list[str] = []
    for text in (label, *aliases):
        short = _TRAILING_NOTE_RE.sub("", text).strip()
        for t in {text, short}:
            if not t:
                continue
            found.append(norm(t))
            stripped = norm(strip_numbering(t))
            if len(stripped) >= MIN_STRIPPED and stripped != norm(t):
                found.append(stripped)
    return list(dict.fromkeys(v for v in found if v))


@dataclass(frozen=True)
class RowIndex:
    """Row labels of one table: a regex over normalised text and a prefix map."""

    table_key: str
    pattern: re.Pattern[str]
    by_variant: dict[str, str]  # normalised variant -> row key
    prefixes: dict[str, str]  # unique normalised prefix -> row key
    header_rows: frozenset[str]  # rows that carry no values (group headings)
    group_rows: frozenset[str] = frozenset()  # headings of a group of data rows (（三）不予公开)
    # what the scanner made of a text token (:func:`xxgk.read.scan.scan_lines`), memoised
    # (bounded: :data:`xxgk.read.scan.MAX_MEMO_TEXTS`): a pure function of these labels
    # and the text; header texts recur in every report
    readings: dict[str, TokenReading] = field(default_factory=dict, compare=False, hash=False)

    def row_like(self, normalised: str) -> str | None:
        """The row whose label this text resembles (a printed typo such as
        ``2.其他法律行政止公开``): same numbering, similarity ≥ 0.8, and clearly
        closer to one label than to any other.  ``None`` when unsure.  Not memoised
        here: the scanner's :attr:`readings` hold the result for each text."""
        return _row_like(self.by_variant, normalised)

    def row_at_end(self, normalised: str) -> str | None:
        """The row whose label starts with this (broken) text, if unique."""
        if len(normalised) < MIN_PREFIX:
            return None
        return self.prefixes.get(normalised)


FUZZY_MIN_CHARS = 6
FUZZY_MIN_RATIO = 0.8
FUZZY_MARGIN = 0.1


def _row_like(by_variant: dict[str, str], n: str) -> str | None:
    if len(n) < FUZZY_MIN_CHARS or len(n) > 60 or (not n[0].isdigit() and n[0] not in "一二三四五六七八九十"):
        return None
    scores: dict[str, float] = {}
    for variant, key in by_variant.items():
        if variant[0] != n[0] or abs(len(variant) - len(n)) > 6:
            continue
        ratio = SequenceMatcher(None, n, variant, autojunk=False).ratio()
        scores[key] = max(scores.get(key, 0.0), ratio)
    ranked = sorted(scores.values(), reverse=True)
    if not ranked or ranked[0] < FUZZY_MIN_RATIO or (len(ranked) > 1 and ranked[1] > ranked[0] - FUZZY_MARGIN):
        return None
    return next(k for k, v in scores.items() if v == ranked[0])


def _build_row_index(table: Table) -> RowIndex:
    by_variant: dict[str, str] = {}
    clashes: set[str] = set()
    for row in table.rows:
        if row.label is None:
            continue
        for v in label_variants(row.label, row.aliases):
            if v in by_variant and by_variant[v] != row.key:
                clashes.add(v)
            by_variant[v] = row.key
    for v in clashes:
        del by_variant[v]
    prefix_rows: dict[str, set[str]] = {}
    for v, key in by_variant.items():
        for n in range(MIN_PREFIX, len(v)):
            prefix_rows.setdefault(v[:n], set()).add(key)
    prefixes = {p: next(iter(keys)) for p, keys in prefix_rows.items() if len(keys) == 1 and p not in by_variant}
    alternation = "|".join(re.escape(v) for v in sorted(by_variant, key=len, reverse=True)) or r"(?!x)x"
    header_rows = frozenset(r.key for r in table.rows if not r.is_data)
    group_rows = frozenset(
        r.key for r in table.rows if not r.is_data and r.level >= 1 and any(c.parent == r.key for c in table.rows)
    )
    return RowIndex(table.key, re.compile(alternation), by_variant, prefixes, header_rows, group_rows)


@cache
def row_index(edition_key: str, table_key: str) -> RowIndex:
    return _build_row_index(get_edition(edition_key).table(table_key))


@cache
def column_labels(edition_key: str, table_key: str, group_key: str) -> dict[str, str]:
    """Normalised column label (and aliases) -> column key, for one group."""
    table = get_edition(edition_key).table(table_key)
    group = next(g for g in table.groups if g.key == group_key)
    found: dict[str, str] = {}
    for c in group.columns:
        for text in (c.label, *c.aliases):
            found.setdefault(norm(text), c.key)
            short = norm(_TRAILING_NOTE_RE.sub("", text))
            if short:
                found.setdefault(short, c.key)
    return found
