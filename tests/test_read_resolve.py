"""Placing a row's printed values in columns: never a wrong number.

The property tests print a real row (seven counts whose 总计 is the sum of the
other six) in a damaged way — digits run together, runs of equal values dropped,
a number split in two — and check that every cell the resolver reads is the true
value; anything else must be unread."""

from __future__ import annotations

from itertools import groupby

from hypothesis import given, settings
from hypothesis import strategies as st

from xxgk.read.numbers import BLANK, parse_cell
from xxgk.read.resolve import resolve_row
from xxgk.read.scan import Val
from xxgk.read.tables import group_constraints
from xxgk.report import Source

SRC = Source(kind="text", line=1)
T3 = group_constraints("2019_trial", "table_3", "table_3")


def vals(*texts: str, glued: bool = False) -> list[Val]:
    out = []
    for t in texts:
        p = parse_cell(t) if t else BLANK
        assert p is not None
        out.append(Val(p, SRC, glued=glued))
    return out


def row_of(parts: list[int]) -> list[int]:
    return [*parts, sum(parts)]


def read(res) -> list[int | None]:  # type: ignore[no-untyped-def]
    return [None if v is None else v.parsed.value for v in res.cells]


def test_constraints_come_from_the_editions_data() -> None:
    assert T3 == ((6, (0, 1, 2, 3, 4, 5)),)
    t4 = group_constraints("2021", "table_4", "table_4")
    assert [t for t, _ in t4] == [4, 9, 14] and all(len(m) == 4 for _, m in t4)


def test_equal_count_is_direct_and_kept_as_published_even_if_it_does_not_balance() -> None:
    assert read(resolve_row(vals("1", "2", "0", "0", "0", "0", "9"), 7, T3)) == [1, 2, 0, 0, 0, 0, 9]


def test_trailing_blanks_are_blank_cells_and_extra_leading_blanks_are_merged_labels() -> None:
    res = resolve_row(vals("", "", "", "", "", "", "", "0", ""), 7, T3)
    assert [v.parsed.kind for v in res.cells if v] == ["blank"] * 6 + ["number"]
    res = resolve_row(vals("4", "5", ""), 3)
    assert [v.parsed.kind for v in res.cells if v] == ["number", "number", "blank"]


def test_too_few_separated_values_are_unread_with_a_reason() -> None:
    res = resolve_row(vals("0", "0", "0", "0"), 7, T3)
    assert res.cells == [None] * 7 and "4个数值" in res.reasons[0]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 60), min_size=6, max_size=6))
def test_cells_run_together_are_read_only_when_the_total_proves_them(parts: list[int]) -> None:
    truth = row_of(parts)
    glued = "".join(str(v) for v in truth)
    got = read(resolve_row(vals(glued, glued=True), 7, T3))
    assert all(g is None or g == t for g, t in zip(got, truth, strict=True))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([0, 0, 0, 1, 2, 3, 12]), min_size=6, max_size=6))
def test_dropped_duplicate_lines_are_read_only_when_the_total_proves_them(parts: list[int]) -> None:
    truth = row_of(parts)
    runs = [str(k) for k, _ in groupby(truth)]
    got = read(resolve_row(vals(*runs), 7, T3, collapsed=True))
    assert all(g is None or g == t for g, t in zip(got, truth, strict=True))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 400), min_size=6, max_size=6), st.integers(0, 6))
def test_a_number_split_over_two_lines_is_joined_only_when_the_total_proves_it(parts: list[int], at: int) -> None:
    truth = row_of(parts)
    texts = [str(v) for v in truth]
    if len(texts[at]) < 2:
        return
    texts[at : at + 1] = [texts[at][:1], texts[at][1:]]
    got = read(resolve_row(vals(*texts), 7, T3))
    assert all(g is None or g == t for g, t in zip(got, truth, strict=True))


def test_the_sanming_split_total_is_recovered() -> None:
    # 新收: 160 0 0 2 0 0 "1" "62"
    got = read(resolve_row(vals("160", "0", "0", "2", "0", "0", "1", "62"), 7, T3))
    assert got == [160, 0, 0, 2, 0, 0, 162]


def test_surplus_is_dropped_only_when_the_header_prints_fewer_columns() -> None:
    assert read(resolve_row(vals("0", "0", "7"), 2, surplus_ok=True)) == [0, 0]
    res = resolve_row(vals("0", "0", "7"), 2)
    assert res.cells == [None, None]


def test_a_huge_run_together_row_is_refused_quickly() -> None:
    res = resolve_row(vals("0" * 80 + "1", glued=True), 7, T3)
    assert res.cells == [None] * 7 and "过多" in res.reasons[0]
