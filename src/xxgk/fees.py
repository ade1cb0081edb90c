"""信息处理费 under 国办函〔2020〕109号 (spec ``application-procedure.md`` §6).

Two bases, both 超额累进 (marginal, band by band); per application the organ picks
one and never charges both:

* 按件 — pieces counted per applicant per natural month, cumulatively:
  1–10 free, 11–30 100 元, 31–40 200 元, 41–50 300 元, each further band of 10 +100 元;
* 按量 — pages of one application: 1–30 free, 31–100 10 元, 101–200 20 元, 201+ 40 元.

The 31–40 = 200 元 reading of "31件以上的部分：以10件为一档，每增加一档，收费标准提高100元/件"
is the plain arithmetic one (no official worked example found — spec §6).
Amounts are whole 元 as ``int``.  :func:`quote` gives the amount of a fee notice
with its computation band by band and the standard it applies (spec §6, E15).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


def piece_price(n: int) -> int:
    """The price of the n-th piece of the month (1-based)."""
    if n < 1:
        raise ValueError("piece numbers start at 1")
    if n <= 10:
        return 0
    if n <= 30:
        return 100
    return 200 + 100 * ((n - 31) // 10)


def fee_by_pieces(pieces: int, earlier_in_month: int = 0) -> int:
    """Fee for ``pieces`` new pieces when the applicant already filed
    ``earlier_in_month`` pieces this natural month."""
    if pieces < 0 or earlier_in_month < 0:
        raise ValueError("counts cannot be negative")
    return sum(piece_price(n) for n in range(earlier_in_month + 1, earlier_in_month + pieces + 1))


_PAGE_BANDS = ((30, 0), (100, 10), (200, 20))
_PAGE_TOP_PRICE = 40  # 201页以上
# More pieces or pages than one application ever has: a typing slip is refused instead of a
# computation (and a notice) with one line per band for millions of units.
MAX_FEE_UNITS = 100_000


def fee_by_pages(pages: int) -> int:
    """Fee for one application of ``pages`` pages."""
    if pages < 0:
        raise ValueError("pages cannot be negative")
    total, lower = 0, 0
    for upper, price in _PAGE_BANDS:
        total += max(0, min(pages, upper) - lower) * price
        lower = upper
    return total + max(0, pages - lower) * _PAGE_TOP_PRICE


# --------------------------------------------------------------------------- the fee notice


class FeeBasis(StrEnum):
    """The organ picks one basis per application and never charges both (109号)."""

    PIECES = "pieces"  # 按件
    PAGES = "pages"  # 按量


FEE_BASIS_LABELS: dict[FeeBasis, str] = {FeeBasis.PIECES: "按件计收", FeeBasis.PAGES: "按量计收"}
FEE_UNITS: dict[FeeBasis, str] = {FeeBasis.PIECES: "件", FeeBasis.PAGES: "页"}
FEE_STANDARDS: dict[FeeBasis, str] = {
    FeeBasis.PIECES: (
        "按件计收，超额累进：同一申请人一个自然月内累计申请10件以下（含）的不收费；11—30件的部分100元/件；"
        "31件以上的部分以10件为一档，每增加一档收费标准提高100元/件（31—40件200元/件，41—50件300元/件，依此类推）"
    ),
    FeeBasis.PAGES: (
        "按量计收，超额累进：同一申请30页以下（含）的不收费；31—100页的部分10元/页；"
        "101—200页的部分20元/页；201页以上的部分40元/页"
    ),
}
FEE_RULE = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"


@dataclass(frozen=True)
class Band:
    first: int  # first unit of the band in this count (1-based, cumulative for 按件)
    last: int
    price: int  # 元 per unit

    @property
    def units(self) -> int:
        return self.last - self.first + 1

    @property
    def subtotal(self) -> int:
        return self.units * self.price


@dataclass(frozen=True)
class FeeQuote:
    """The amount of one fee notice and how it was computed, band by band."""

    basis: FeeBasis
    quantity: int
    earlier_in_month: int
    bands: tuple[Band, ...]

    @property
    def amount(self) -> int:
        return sum(b.subtotal for b in self.bands)

    @property
    def standard(self) -> str:
        return FEE_STANDARDS[self.basis]

    def explanation(self) -> list[str]:
        """The computation in Chinese, one line per band and a total line."""
        unit = FEE_UNITS[self.basis]
        if self.basis is FeeBasis.PIECES:
            head = f"计费依据：{FEE_BASIS_LABELS[self.basis]}；本申请{self.quantity}件"
            if self.earlier_in_month:
                span = _span(self.earlier_in_month + 1, self.earlier_in_month + self.quantity, unit)
                head += f"，本自然月此前已申请{self.earlier_in_month}件，本申请为{span}"
        else:
            head = f"计费依据：{FEE_BASIS_LABELS[self.basis]}；本申请{self.quantity}页"
        lines = [head]
        for b in self.bands:
            span = _span(b.first, b.last, unit)
            cost = f"{b.units}{unit}×{b.price}元＝{b.subtotal}元" if b.price else f"{b.units}{unit}，不收费"
            lines.append(f"{span}：{cost}")
        lines.append(f"合计：{self.amount}元")
        return lines


def _span(first: int, last: int, unit: str) -> str:
    return f"第{first}{unit}" if first == last else f"第{first}—{last}{unit}"


def _group(prices: list[tuple[int, int]]) -> tuple[Band, ...]:
    bands: list[Band] = []
    for n, price in prices:
        if bands and bands[-1].price == price and bands[-1].last == n - 1:
            bands[-1] = Band(bands[-1].first, n, price)
        else:
            bands.append(Band(n, n, price))
    return tuple(bands)


def _page_price(n: int) -> int:
    for upper, price in _PAGE_BANDS:
        if n <= upper:
            return price
    return _PAGE_TOP_PRICE


def quote(basis: FeeBasis | str, quantity: int, earlier_in_month: int = 0) -> FeeQuote:
    """The fee for ``quantity`` pieces (按件, after ``earlier_in_month`` pieces of the
    same applicant this natural month) or pages (按量) of one application."""
    b = FeeBasis(basis)
    if quantity < 1 or earlier_in_month < 0:
        raise ValueError("quantity must be at least 1 and earlier pieces cannot be negative")
    if quantity > MAX_FEE_UNITS:
        raise ValueError(f"quantity above {MAX_FEE_UNITS}")
    if b is FeeBasis.PAGES:
        if earlier_in_month:
            raise ValueError("按量计收 counts the pages of one application only")
        bands = _group([(n, _page_price(n)) for n in range(1, quantity + 1)])
    else:
        first = earlier_in_month + 1
        bands = _group([(n, piece_price(n)) for n in range(first, first + quantity)])
    return FeeQuote(b, quantity, earlier_in_month, bands)
