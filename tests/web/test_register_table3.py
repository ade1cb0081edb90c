"""1,000 applications with random paths through the state machine, stored through
the real actions, give a table 三 that passes the arithmetic rules in each year,
and what is carried forward at 31 December is what is carried over next year."""

from __future__ import annotations

import itertools
import os
import random
from datetime import date

import pytest

from tests.casework_paths import random_start, table_3_violations, walk
from tests.web.conftest import APPLICANT
from xxgk.formats import get_edition
from xxgk.procedure import Event, apply
from xxgk.web.casework import actions
from xxgk.web.casework.annual import table_3_for
from xxgk.web.casework.cases import to_case
from xxgk.web.casework.models import Application, ApplicationEvent
from xxgk.workdays import WorkCalendar

D = date.fromisoformat
CAL = WorkCalendar()


class PurePath:
    """Runs a walk on the pure state machine and remembers the accepted steps."""

    def __init__(self, case, calendar):
        self.case, self.calendar, self.accepted = case, calendar, []

    def do(self, step):
        self.case = apply(self.case, step.event, step.on, step.data, self.calendar)
        self.accepted.append(step)
        return self.case


N = int(os.environ.get("XXGK_RANDOM_APPS", "1000"))


@pytest.mark.django_db
def test_random_register_balances_and_carries_over(street, street_head):
    rng = random.Random(4)
    refused = 0
    for _ in range(N):
        kind, channel, submitted = random_start(rng, D("2024-06-01"), D("2026-09-30"))
        app = actions.register_application(
            street, street_head, channel=channel.value, submitted_on=submitted, **{**APPLICANT, "applicant_kind": kind}
        )
        path = PurePath(to_case(app), CAL)
        final, _, r = walk(rng, submitted, D("2026-11-20"), path.do, path.case)
        refused += r
        # replay the accepted path through the real actions (refusals are covered by tests/test_procedure.py)
        for step in path.accepted:
            data = {k: v for k, v in step.data.items() if not (step.event is Event.EXTEND and k == "approved_by")}
            actions.do_transition(app.pk, step.event, street_head, step.on, data)
        stored = Application.objects.get(pk=app.pk)
        assert (stored.state, stored.closed_on, stored.outcome or None) == (final.state, final.closed_on, final.outcome)
    assert Application.objects.count() == N
    assert refused > 100
    # every stored transition is in the audit log with from/to states that chain
    for app in Application.objects.all()[:50]:
        log = list(app.events.exclude(event="attach"))
        assert log[0].event == "submit"
        for a, b in itertools.pairwise(log):
            assert a.to_state == b.from_state
        assert log[-1].to_state == app.state
    assert ApplicationEvent.objects.filter(event="extend", data__approved_by="street_head").exists()

    reports = {y: table_3_for(street, y) for y in (2024, 2025, 2026)}
    columns = [c.key for c in get_edition("2021").table("table_3").groups[0].columns]
    for year, report in reports.items():
        assert report.agency == street.name and report.year == year
        assert table_3_violations(report) == [], year
        assert report.value("table_3.results_total.total") > 0
    for y in (2024, 2025):
        for col in columns:
            assert reports[y].value(f"table_3.carried_forward.{col}") == reports[y + 1].value(
                f"table_3.carried_over.{col}"
            )
        assert reports[y].value("table_3.carried_forward.total") > 0
    # independent count from the stored rows
    assert (
        reports[2025].value("table_3.new_received.total")
        == Application.objects.filter(agency=street, received_on__year=2025).count()
    )
    open_end_2025 = (
        Application.objects.filter(agency=street, received_on__lte=D("2025-12-31"))
        .exclude(closed_on__lte=D("2025-12-31"))
        .count()
    )
    assert reports[2025].value("table_3.carried_forward.total") == open_end_2025


@pytest.mark.django_db
def test_the_table_3_count_reads_its_covering_index(street):
    """The index survives the migrations that rebuild the table (SQLite rebuilds a
    table for most column changes and keeps only the indexes the models declare), and
    on SQLite the count of table 三 reads it alone."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from xxgk.web.annual.table3 import table_3_counts

    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Application._meta.db_table)
    columns = ["agency_id", "received_on", "closed_on", "applicant_kind", "outcome"]
    assert any(c["index"] and c["columns"] == columns for c in constraints.values()), sorted(constraints)
    if connection.vendor != "sqlite":
        return
    with CaptureQueriesContext(connection) as queries:
        table_3_counts(street, 2025, "2021")
    (count,) = [q["sql"] for q in queries.captured_queries if "casework_application" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {count}")
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "COVERING INDEX casework_table3_cover" in plan, plan
