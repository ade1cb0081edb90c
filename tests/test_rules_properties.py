"""Property tests of the arithmetic rules on generated tables: a table built
to satisfy every relation of its edition raises no error; changing any one
number raises at least one error, and every error names the changed cell."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xxgk.formats import get_edition
from xxgk.report import AnnualReport
from xxgk.rules import check_report

T3_APPLICANTS = st.integers(min_value=0, max_value=40)


def consistent_report(edition: str, draw) -> AnnualReport:  # type: ignore[no-untyped-def]
    e = get_edition(edition)
    report = AnnualReport(edition=edition, year=2021 if edition == "2021" else 2020)
    t3 = e.table("table_3")
    g3 = t3.groups[0]
    applicants = [c.key for c in g3.columns if not c.is_total]
    outcome_rel = next(r for r in e.relations if r.id == "t3_results_total").raw
    balance = next(r for r in e.relations if r.id == "t3_balance").raw
    for a in applicants:
        outcomes = {row: draw(T3_APPLICANTS) for row in outcome_rel["part_rows"]}
        for row, v in outcomes.items():
            report.set_number(f"table_3.{row}.{a}", v)
        done = sum(outcomes.values())
        report.set_number(f"table_3.{outcome_rel['total_row']}.{a}", done)
        forward = draw(T3_APPLICANTS)
        report.set_number(f"table_3.carried_forward.{a}", forward)
        over = draw(st.integers(min_value=0, max_value=done + forward))
        lhs_new, lhs_over = balance["lhs_rows"]
        report.set_number(f"table_3.{lhs_over}.{a}", over)
        report.set_number(f"table_3.{lhs_new}.{a}", done + forward - over)
    for r in g3.data_rows:
        report.set_number(f"table_3.{r.key}.total", sum(report.value(f"table_3.{r.key}.{a}") for a in applicants))
    g4 = e.table("table_4").groups[0]
    for rel in e.relations:
        if rel.table == "table_4" and rel.type == "column_sum":
            parts = [draw(st.integers(min_value=0, max_value=30)) for _ in rel.raw["part_columns"]]
            for col, v in zip(rel.raw["part_columns"], parts, strict=True):
                report.set_number(f"table_4.{g4.data_rows[0].key}.{col}", v)
            report.set_number(f"table_4.{g4.data_rows[0].key}.{rel.raw['total_column']}", sum(parts))
    for key in e.table("table_2").cell_keys():
        report.set_number(key, draw(st.integers(min_value=0, max_value=99)))
    return report


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), edition=st.sampled_from(["2019_trial", "2021"]))
def test_a_consistent_table_raises_no_error(data, edition):
    report = consistent_report(edition, data.draw)
    findings = check_report(report)
    assert [f for f in findings if f.severity == "error"] == []
    assert [f for f in findings if f.code.startswith(("T3-", "T4-"))] == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), edition=st.sampled_from(["2019_trial", "2021"]))
def test_one_changed_number_is_caught_and_named(data, edition):
    report = consistent_report(edition, data.draw)
    keys = [k for t in ("table_3", "table_4") for k in get_edition(edition).table(t).cell_keys()]
    key = data.draw(st.sampled_from(keys))
    delta = data.draw(st.integers(min_value=1, max_value=5))
    report.set_number(key, report.value(key) + delta)
    errors = [f for f in check_report(report) if f.severity == "error"]
    assert errors, key
    assert all(key in f.cells for f in errors)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), edition=st.sampled_from(["2019_trial", "2021"]))
def test_unread_or_blank_cells_never_make_an_error(data, edition):
    from xxgk.report import Cell

    report = consistent_report(edition, data.draw)
    keys = [k for t in ("table_3", "table_4") for k in get_edition(edition).table(t).cell_keys()]
    for key in data.draw(st.lists(st.sampled_from(keys), min_size=1, max_size=30, unique=True)):
        if data.draw(st.booleans()):
            report.mark_unread(key, "测试：未读出")
        else:
            report.set_cell(Cell(key, "blank", raw=""))
    findings = check_report(report)
    assert [f for f in findings if f.severity == "error"] == []
    assert any(f.extra.get("unassessed") for f in findings)
