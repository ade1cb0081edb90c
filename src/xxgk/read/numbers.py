"""Numerals as published: full/half-width digits, thousands separators, signs,
dashes (不适用), blanks and amounts with a unit (``4359957元``).

Pure functions; nothing here guesses.  A text that is not exactly a value is not
a value (``2019年`` is text, not the number 2019)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from xxgk.read.document import MEMO_MAX_CHARS

ValueKind = Literal["number", "na", "blank", "unknown"]

# Dashes and slashes printed in a cell that does not apply (不适用).
NA_TEXTS = frozenset({"-", "--", "—", "——", "–", "/", "／", "\\", "－", "―"})
# A cell printed as a question mark: the publisher (or our own renderer) marks a
# value it could not give.  It occupies its column but is no number.
UNKNOWN_TEXTS = frozenset({"？", "?", "??", "？？"})
# Counting units sometimes printed with the count; a money unit changes the value.
COUNT_UNITS = ("件", "条", "个", "项", "次")
MONEY_UNITS = ("万元", "元")

_VALUE_RE = re.compile(r"([+\-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(万元|元|件|条|个|项|次)?")
# A value glued in front of text ("898989第二十条…") — but never a date or a
# quantity with a unit word ("2019年", "12月", "3人").
_NOT_AFTER_VALUE = frozenset("年月日时分秒%％万亿千百余多人户家篇期场份期届名位岁倍元件条个项次")
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Parsed:
    kind: ValueKind
    value: int | Decimal | None
    raw: str
    unit: str | None = None
    weak: bool = False  # a multi-digit number with a leading zero ("00"): cells run together

    @property
    def is_number(self) -> bool:
        return self.kind == "number"


BLANK = Parsed("blank", None, "")


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _number(sign: str, digits: str, frac: str | None) -> int | Decimal:
    digits = digits.replace(",", "")
    if frac:
        return Decimal(f"{sign}{digits}{frac}")
    n = int(digits)
    return -n if sign == "-" else n


@lru_cache(maxsize=16384)
def parse_cell(text: str) -> Parsed | None:
    """The value of one whole cell, or ``None`` when the text is not a value."""
    raw = text.strip().replace("\u3000", "").replace("\xa0", "")
    if not raw:
        return BLANK
    if raw in NA_TEXTS:
        return Parsed("na", None, raw)
    if raw in UNKNOWN_TEXTS:
        return Parsed("unknown", None, raw)
    if "\ufffd" in raw:  # bytes that could not be decoded, alone or in a number: no value to trust
        rest = parse_cell(raw.replace("\ufffd", ""))
        return Parsed("unknown", None, raw) if rest is not None and rest.kind in ("number", "blank") else None
    s = nfkc(raw).replace("，", ",")
    if s in NA_TEXTS:
        return Parsed("na", None, raw)
    m = _VALUE_RE.fullmatch(s)
    if m is None:
        return None
    sign, digits, frac, unit = m.groups()
    weak = len(digits) > 1 and digits[0] == "0" and not frac
    return Parsed("number", _number(sign, digits, frac), raw, unit, weak)


def digits_of(p: Parsed) -> str:
    """The digits of a printed integer as printed (leading zeros kept): ``"1,234"`` →
    ``"1234"``, ``"００２"`` → ``"002"``."""
    raw = p.raw
    return _memo_digits(raw) if len(raw) <= MEMO_MAX_CHARS else _digits(raw)


def _digits(raw: str) -> str:
    return "".join([ch for ch in nfkc(raw) if ch.isdigit()])


_memo_digits = lru_cache(maxsize=16384)(_digits)  # cells' texts recur; bounded in count and size


def split_values(text: str) -> tuple[list[Parsed], str]:
    """Leading values of a run of text (separated by whitespace or glued to the
    text after them) and the remaining text.  ``"230 000023"`` gives two values;
    ``"898989第二十条"`` gives one value and the text ``第二十条``."""
    values: list[Parsed] = []
    s = text.strip()
    while s:
        piece_ws = _SPACE_RE.split(s, maxsplit=1)
        piece = piece_ws[0]
        rest = piece_ws[1] if len(piece_ws) > 1 else ""
        p = parse_cell(piece)
        if p is not None and p.kind != "blank":
            values.append(p)
            s = rest.strip()
            continue
        m = _VALUE_RE.match(nfkc(piece))
        if m is not None and m.end() < len(piece) and len(nfkc(piece)) == len(piece):
            nxt = piece[m.end()]
            if nxt not in _NOT_AFTER_VALUE and not nxt.isdigit() and nxt not in ".,":
                p = parse_cell(piece[: m.end()])
                if p is not None and p.kind == "number":
                    values.append(p)
                    return values, (piece[m.end() :] + (" " + rest if rest else "")).strip()
        return values, s
    return values, ""


def money_value(p: Parsed, column_unit: str | None = "万元") -> tuple[Decimal, str | None]:
    """An amount in 万元: ``4359957元`` → 435.9957; a plain number is in the
    column's unit (万元 unless the header says 元)."""
    assert p.value is not None
    unit = p.unit if p.unit in MONEY_UNITS else (column_unit or "万元")
    v = Decimal(p.value)
    if unit == "元":
        v = v / Decimal(10000)
    return v, (unit if unit == "元" or p.unit in MONEY_UNITS else None)
