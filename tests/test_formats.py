"""The editions data: loaded once, typed, and faithful to the spec."""

import json

import pytest

from tests.corpus import SPEC
from xxgk.formats import (
    EDITION_KEYS,
    TABLE_KEYS,
    edition_for_year,
    editions,
    get_edition,
    normalize_label,
    raw_editions,
)


def test_both_editions_load_with_their_tables():
    assert set(editions()) == set(EDITION_KEYS)
    for e in editions().values():
        assert set(e.tables) == set(TABLE_KEYS)
        assert [s.number for s in e.sections] == ["一", "二", "三", "四", "五", "六"]


@pytest.mark.parametrize(("edition", "data_rows"), [("2019_trial", 23), ("2021", 25)])
def test_table_3_has_the_printed_number_of_data_rows(edition, data_rows):
    t3 = get_edition(edition).table("table_3")
    assert len(t3.data_rows) == data_rows
    assert raw_editions()["editions"][edition]["tables"]["table_3"]["data_row_count"] == data_rows
    assert len(t3.cell_keys()) == data_rows * 7


def test_table_4_is_fifteen_columns_in_both_editions():
    for e in editions().values():
        t4 = e.table("table_4")
        assert [c.key for c in t4.groups[0].columns][-1] == "litigation_after_review_total"
        assert len(t4.cell_keys()) == 15


def test_other_processing_is_a_row_in_2019_and_a_group_in_2021():
    assert get_edition("2019_trial").table("table_3").row("other_processing").is_data
    t3 = get_edition("2021").table("table_3")
    assert not t3.row("other_processing").is_data
    assert [r.key for r in t3.data_rows if r.parent == "other_processing"] == [
        "other_no_correction",
        "other_fee_unpaid",
        "other_other",
    ]


def test_money_columns_are_in_wan_yuan():
    fee = get_edition("2021").cell("table_2.administrative_fees.fee_amount_this_year").column
    assert fee.value_kind == "money" and fee.unit == "万元"
    proc = get_edition("2019_trial").cell("table_2.government_centralized_procurement.procurement_total_amount")
    assert proc.column.value_kind == "money"
    assert get_edition("2019_trial").cell("table_2.administrative_fees.change_this_year").column.value_kind == "signed"


def test_year_selects_the_prescribed_edition():
    assert edition_for_year(2019).key == "2019_trial"
    assert edition_for_year(2020).key == "2019_trial"
    assert edition_for_year(2021).key == "2021"
    assert edition_for_year(2030).key == "2021"
    with pytest.raises(ValueError, match="2018"):
        edition_for_year(2018)


def test_label_normalisation_folds_the_variants_real_reports_print():
    assert normalize_label("商\n业\n企\n业") == normalize_label("商业企业")
    assert normalize_label("(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)") == normalize_label(
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    )
    assert normalize_label("總 計") == normalize_label("总计")
    assert normalize_label('3.危及"三安全一稳定"') == normalize_label("3.危及“三安全一稳定”")
    assert normalize_label("１２３") == "123"


def test_aliases_come_from_the_spec_and_our_own_list():
    t3 = get_edition("2019_trial").table("table_3")
    assert "1.属于国家机密" in t3.row("denied_state_secret").aliases
    assert len(t3.row("denied_state_secret").aliases) == len(set(t3.row("denied_state_secret").aliases))
    cols = {c.key: c for c in t3.groups[0].columns}
    assert "商业机构" in cols["commercial_enterprise"].aliases


def test_packaged_editions_equal_the_shared_spec():
    spec = SPEC / "editions.json"
    if not spec.is_file():
        pytest.skip(f"shared spec not found at {spec}")
    assert json.loads(spec.read_text("utf-8")) == raw_editions()
