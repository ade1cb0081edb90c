"""复议/诉讼 register → table 四."""

from __future__ import annotations

from datetime import date

import pytest

from xxgk.formats import get_edition
from xxgk.report import AnnualReport
from xxgk.rules import check_report
from xxgk.web.appeals import actions
from xxgk.web.appeals.counts import fill_table_4, table_4_counts
from xxgk.web.appeals.models import AppealCase, AppealEvent

D = date.fromisoformat


@pytest.mark.django_db
def test_table_4_by_year_kind_and_result(street, street_clerk):
    reg = actions.do_register_case
    c1 = reg(
        street, "review", D("2025-03-01"), street_clerk, case_number="复2025-1", application_code="ABCD-EFGH-JKLM-NPQR"
    )
    actions.do_conclude(c1, "upheld", D("2025-05-01"), street_clerk)
    c2 = reg(street, "review", D("2025-11-01"), street_clerk)
    actions.do_conclude(c2, "corrected", D("2026-01-10"), street_clerk)  # pending at the end of 2025
    c3 = reg(street, "litigation_direct", D("2025-07-01"), street_clerk)
    actions.do_conclude(c3, "other", D("2025-09-01"), street_clerk)
    reg(street, "litigation_after_review", D("2025-08-01"), street_clerk)  # never concluded
    old = reg(street, "review", D("2024-06-01"), street_clerk)
    actions.do_conclude(old, "upheld", D("2024-08-01"), street_clerk)  # closed before 2025: not counted
    counts = table_4_counts([street.pk], 2025)
    assert counts == {
        "review_upheld": 1,
        "review_pending": 1,
        "review_total": 2,
        "litigation_direct_other": 1,
        "litigation_direct_total": 1,
        "litigation_after_review_pending": 1,
        "litigation_after_review_total": 1,
    }
    # the case pending at the end of 2025 comes back in 2026 with its result, as does the open one
    assert table_4_counts([street.pk], 2026) == {
        "review_corrected": 1,
        "review_total": 1,
        "litigation_after_review_pending": 1,
        "litigation_after_review_total": 1,
    }
    report = AnnualReport(edition="2021", year=2025, agency=street.name)
    fill_table_4(report, [street.pk], 2025)
    assert len([k for k in report.cells if k.startswith("table_4.")]) == 15
    assert report.value("table_4.count.review_total") == 2
    assert report.value("table_4.count.litigation_direct_upheld") == 0
    spec_cols = [c.key for c in get_edition("2021").table("table_4").groups[0].columns]
    assert all(report.cells[f"table_4.count.{k}"].source.kind == "register" for k in spec_cols)  # type: ignore[union-attr]
    report.complete()
    assert not [f for f in check_report(report) if f.code.startswith("T4")]
    assert list(AppealEvent.objects.filter(case=c1).values_list("action", flat=True)) == ["register", "conclude"]


@pytest.mark.django_db
def test_bad_inputs_refused(street, street_clerk, district_clerk):
    with pytest.raises(actions.AppealError) as exc:
        actions.do_register_case(street, "petition", D("2025-01-01"), street_clerk)
    assert exc.value.code == "appeals.unknown_kind"
    case = actions.do_register_case(street, "review", D("2025-03-01"), street_clerk)
    with pytest.raises(actions.AppealError) as exc:
        actions.do_conclude(case, "pending", D("2025-04-01"), street_clerk)
    assert exc.value.code == "appeals.bad_result"
    with pytest.raises(actions.AppealError) as exc:
        actions.do_conclude(case, "upheld", D("2025-01-01"), street_clerk)
    assert exc.value.code == "appeals.bad_date"
    with pytest.raises(actions.AppealError) as exc:
        actions.do_conclude(case, "upheld", D("2025-04-01"), district_clerk)
    assert exc.value.code == "appeals.forbidden"


@pytest.mark.django_db
def test_back_office_register_and_conclude(client, street, street_clerk, district_clerk):
    client.force_login(street_clerk)
    r = client.post(f"/appeals/{street.code}/", {"kind": "review", "filed_on": "2025-03-01", "case_number": "复2025-9"})
    assert r.status_code == 302
    case = AppealCase.objects.get(case_number="复2025-9")
    client.post(f"/appeals/case/{case.pk}/conclude/", {"result": "corrected", "concluded_on": "2025-04-01"})
    case.refresh_from_db()
    assert (case.result, case.concluded_on) == ("corrected", D("2025-04-01"))
    client.post(f"/appeals/{street.code}/", {"kind": "review", "filed_on": "not a date"})
    assert AppealCase.objects.count() == 1
    client.force_login(district_clerk)  # the supervisor sees the list but cannot register
    assert "复2025-9" in client.get(f"/appeals/{street.code}/").content.decode()
    client.post(f"/appeals/{street.code}/", {"kind": "review", "filed_on": "2025-05-01"})
    assert AppealCase.objects.count() == 1
