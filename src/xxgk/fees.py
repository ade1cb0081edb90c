"""信息处理费 under 国办函〔2020〕109号 (spec ``application-procedure.md`` §6).

Two bases, both 超额累进 (marginal, band by band); per application the organ picks
one and never charges both:

* 按件 — pieces counted per applicant per natural month, cumulatively:
  1–10 free, 11–30 100 元, 31–40 200 元, 41–50 300 元, each further band of 10 +100 元;
* 按量 — pages of one application: 1–30 free, 31–100 10 元, 101–200 20 元, 201+ 40 元.

The 31–40 = 200 元 reading of "31件以上的部分：以10件为一档，每增加一档，收费标准提高100元/件"
is the plain arithmetic one (no official worked example found — spec §6).
Amounts are whole 元 as ``int``.
"""

from __future__ import annotations


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


def fee_by_pages(pages: int) -> int:
    """Fee for one application of ``pages`` pages."""
    if pages < 0:
        raise ValueError("pages cannot be negative")
    total, lower = 0, 0
    for upper, price in _PAGE_BANDS:
        total += max(0, min(pages, upper) - lower) * price
        lower = upper
    return total + max(0, pages - lower) * 40
