"""The supervisor's roll-up: cell-by-cell sums; a cell that is not a number anywhere is not summed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.write_samples import balanced_report, with_special_cells
from xxgk.formats import EDITION_KEYS
from xxgk.report import Fact
from xxgk.rollup import sum_reports
from xxgk.rules import check_report


@pytest.mark.parametrize("edition", EDITION_KEYS)
def test_sum_of_balanced_reports_is_balanced(edition: str) -> None:
    a, b = balanced_report(edition), balanced_report(edition)
    b.agency = "另一街道"
    for key in b.spec.cell_keys():
        v = b.value(key)
        if v is not None:
            b.set_number(key, v * 2)
    total = sum_reports([a, b], agency="某区汇总")
    for key in a.spec.cell_keys():
        assert total.value(key) == a.value(key) + b.value(key), key  # type: ignore[operator]
    money = [k for k in a.spec.cell_keys() if a.spec.cell(k).column.value_kind == "money"]
    assert money and all(isinstance(total.value(k), Decimal) for k in money)
    assert [f.code for f in check_report(total) if f.severity == "error"] == []
    assert total.agency == "某区汇总" and total.unread == []
    assert "某市某区人民政府办公室" in total.cells["table_3.new_received.total"].source.query  # type: ignore[union-attr]


def test_a_cell_missing_anywhere_is_unread_with_the_agencies_named() -> None:
    a = with_special_cells(balanced_report("2021"))
    b = balanced_report("2021")
    b.agency = "另一街道"
    total = sum_reports([a, b])
    for key, word in (
        ("table_3.granted.research_institution", "不适用"),
        ("table_3.granted.legal_service_institution", "空白"),
        ("table_3.granted.other_organization", "未能确定"),
    ):
        assert total.cell(key).kind == "unread"
        reason = next(u.reason for u in total.unread if u.cell == key)
        assert a.agency in reason and word in reason and "另一街道" not in reason
    assert total.value("table_3.granted.natural_person") == 2 * a.value("table_3.granted.natural_person")  # type: ignore[operator]


def test_facts_summed_only_when_every_report_has_them() -> None:
    a, b = balanced_report("2021"), balanced_report("2021")
    a.facts["proactive_total"] = Fact(10, "10条")
    b.facts["proactive_total"] = Fact(5, "5条")
    a.facts["fees_collected"] = Fact(Decimal("12.5"), "12.5元")
    total = sum_reports([a, b])
    assert total.facts["proactive_total"].value == 15
    assert "fees_collected" not in total.facts


def test_mixed_editions_refused() -> None:
    with pytest.raises(ValueError):
        sum_reports([balanced_report("2021"), balanced_report("2019_trial")])
    with pytest.raises(ValueError):
        sum_reports([])
