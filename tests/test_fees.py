"""信息处理费 bands of 国办函〔2020〕109号, with the spec's worked examples."""

import pytest

from xxgk.fees import fee_by_pages, fee_by_pieces, piece_price


def test_spec_examples():
    # spec §6: 35 pieces in one month → 10×0 + 20×100 + 5×200 = 3,000 元
    assert fee_by_pieces(35) == 3000
    # spec §6: 250 pages → 70×10 + 100×20 + 50×40 = 4,700 元
    assert fee_by_pages(250) == 4700


@pytest.mark.parametrize(
    ("n", "price"), [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400)]
)
def test_piece_bands(n, price):
    assert piece_price(n) == price


def test_monthly_accumulation_is_marginal():
    # the same 35 pieces split over two filings in one month cost the same
    assert fee_by_pieces(12) + fee_by_pieces(23, earlier_in_month=12) == fee_by_pieces(35)
    assert fee_by_pieces(10) == 0 and fee_by_pieces(1, earlier_in_month=10) == 100


@pytest.mark.parametrize(
    ("pages", "fee"), [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740)]
)
def test_page_bands(pages, fee):
    assert fee_by_pages(pages) == fee


def test_negative_refused():
    with pytest.raises(ValueError):
        fee_by_pages(-1)
    with pytest.raises(ValueError):
        fee_by_pieces(-1)


def test_quote_matches_the_band_functions_and_explains_each_band():
    from xxgk.fees import FeeBasis, quote

    for n in range(1, 260, 7):
        assert quote("pages", n).amount == fee_by_pages(n)
        for earlier in (0, 9, 10, 33):
            assert quote(FeeBasis.PIECES, n, earlier).amount == fee_by_pieces(n, earlier)
    q = quote("pages", 250)
    assert q.explanation() == [
        "计费依据：按量计收；本申请250页",
        "第1—30页：30页，不收费",
        "第31—100页：70页×10元＝700元",
        "第101—200页：100页×20元＝2000元",
        "第201—250页：50页×40元＝2000元",
        "合计：4700元",
    ]
    assert "超额累进" in q.standard and "40元/页" in q.standard
    q = quote("pieces", 5, earlier_in_month=28)
    assert [b.price for b in q.bands] == [100, 200] and q.amount == 2 * 100 + 3 * 200
    assert "本申请为第29—33件" in q.explanation()[0]
    assert quote("pieces", 1, earlier_in_month=10).explanation()[0].endswith("本申请为第11件")  # not 第11—11件


def test_quote_refuses_impossible_counts():
    from xxgk.fees import quote

    with pytest.raises(ValueError):
        quote("pages", 0)
    with pytest.raises(ValueError):
        quote("pages", 40, earlier_in_month=3)  # 按量 is per application, no monthly count
    with pytest.raises(ValueError):
        quote("both", 3)
    assert quote("pieces", 100_000).amount == fee_by_pieces(100_000)
    with pytest.raises(ValueError):
        quote("pieces", 100_001)  # more than any application: refused, not computed band by band
