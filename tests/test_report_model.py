"""The AnnualReport model and its JSON contract."""

from decimal import Decimal

import jsonschema
import pytest

from xxgk.report import AnnualReport, Cell, Source, Unread, new_unread
from xxgk.schemas import load


def _report() -> AnnualReport:
    r = AnnualReport(edition="2019_trial", year=2020, agency="武林街道办事处", file="x.txt")
    r.set_number("table_3.new_received.total", 3, raw="3", source=Source("text", line=10, column=4))
    r.set_cell(
        Cell(
            "table_2.government_centralized_procurement.procurement_total_amount",
            kind="number",
            value=Decimal("435.9957"),
            raw="4359957元",
            unit="元",
            source=Source("pdf", page=2, bbox=(1.0, 2.0, 3.0, 4.0)),
        )
    )
    r.set_cell(Cell("table_2.regulations.created_this_year", kind="na", raw="-"))
    r.mark_unread("table_3.carried_forward.total", "只有4个数值，无法确定对应的列")
    r.complete()
    return r


def test_every_cell_of_the_edition_is_in_the_json_and_validates():
    d = _report().to_dict()
    assert len(d["cells"]) == 198
    jsonschema.validate(d, load("annual-report"))
    assert d["cells"]["table_3.new_received.total"] == {
        "value": 3,
        "raw": "3",
        "kind": "number",
        "source": {"kind": "text", "line": 10, "column": 4},
        "label": {"row": ["一、本年新收政府信息公开申请数量"], "column": ["申请人情况", "总计"]},
    }
    money = d["cells"]["table_2.government_centralized_procurement.procurement_total_amount"]
    assert money["value"] == pytest.approx(435.9957) and money["raw"] == "4359957元"


def test_missing_cells_are_unread_never_zero():
    d = _report().to_dict()
    cell = d["cells"]["table_3.granted.natural_person"]
    assert cell["kind"] == "unread" and cell["value"] is None
    assert any(u["cell"] == "table_3.carried_forward.total" for u in d["unread"])


def test_json_round_trip_keeps_values_kinds_and_sources():
    r = _report()
    back = AnnualReport.from_json(r.to_json())
    assert back.to_dict() == r.to_dict()
    assert back.value("table_2.government_centralized_procurement.procurement_total_amount") == Decimal("435.9957")


def test_a_cell_of_the_other_edition_is_refused():
    r = AnnualReport(edition="2021")
    with pytest.raises(KeyError):
        r.set_number("table_2.government_centralized_procurement.procurement_projects", 1)
    with pytest.raises(ValueError):
        Cell("table_3.new_received.total", kind="blank", value=0)


@pytest.mark.parametrize("edition", ["2019_trial", "2021"])
def test_each_cell_carries_its_official_labels(edition: str) -> None:
    """The labels in the JSON end in the cell's own row and column label of
    editions.json, under the header groups and parent rows the table prints."""
    from xxgk.formats import get_edition

    spec = get_edition(edition)
    cells = AnnualReport(edition=edition).to_dict()["cells"]
    assert set(cells) == set(spec.cell_keys())
    for key, cell in cells.items():
        c = spec.cell(key)
        assert cell["label"]["column"][-1] == c.column.label
        if c.row.label:
            assert cell["label"]["row"][-1] == c.row.label
        if c.group.caption:  # table 二: the 第二十条 item first
            assert cell["label"]["row"][0] == c.group.caption
    legal = cells["table_3.denied_state_secret.research_institution"]["label"]
    assert legal == {
        "row": ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"],
        "column": ["申请人情况", "法人或其他组织", "科研机构"],
    }
    assert cells["table_4.count.litigation_after_review_total"]["label"]["column"] == ["行政诉讼", "复议后起诉", "总计"]
    # each JSON has labels of its own: changing one report's JSON changes no other's
    legal["row"].append("改动")
    legal["column"].clear()
    again = AnnualReport(edition=edition).to_dict()["cells"]["table_3.denied_state_secret.research_institution"]
    assert again["label"]["row"][-1] == "1.属于国家秘密" and again["label"]["column"][-1] == "科研机构"


def test_new_unread_is_the_constructors_unread() -> None:
    src = Source("text", line=3, column=1, offset=20)
    fast = new_unread("table_3.carried_forward.total", "表格中未找到该行", src)
    slow = Unread("table_3.carried_forward.total", "表格中未找到该行", src)
    assert fast == slow and hash(fast) == hash(slow) and fast.to_dict() == slow.to_dict()
    assert new_unread("k", "r", None) == Unread("k", "r")
    with pytest.raises(AttributeError):
        fast.reason = "x"  # type: ignore[misc]
