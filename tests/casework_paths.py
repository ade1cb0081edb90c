"""Random walks through the application procedure, shared by the pure tests and
the database tests.  A walk proposes events at random (with plausible data) and
keeps the ones the state machine accepts; refused proposals are part of the test."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from xxgk.procedure import ANSWER_OUTCOMES, APPLICANT_KINDS, Case, Channel, Event, TransitionRefused, allowed_events

OUTCOMES = sorted(ANSWER_OUTCOMES)


@dataclass
class Step:
    event: Event
    on: date
    data: dict[str, Any]


def propose(rng: random.Random, case: Case, last: date) -> Step:
    events = allowed_events(case)
    if len(events) > 1 and rng.random() > 0.04:
        events.remove(Event.WITHDRAW)  # withdrawals are rare; every other event equally likely
    event = rng.choice(events)
    on = last + timedelta(days=rng.choice((0, 1, 2, 3, 5, 8, 13, 21)))
    data: dict[str, Any] = {}
    if event is Event.REQUEST_CORRECTION:
        data = {"correction_due": on + timedelta(days=rng.randint(-1, 20)), "reason": "请明确所需信息的名称"}
    elif event is Event.CORRECTION_LAPSED and case.correction_due is not None:
        on = max(on, case.correction_due + timedelta(days=rng.randint(-2, 5)))
    elif event is Event.EXTEND:
        data = {"days": rng.randint(0, 21), "reason": rng.choice(["需要调取档案", ""]), "approved_by": "负责人"}
    elif event is Event.REASONS_ACCEPTED:
        data = {"delayed_due": on + timedelta(days=rng.randint(5, 40))} if rng.random() < 0.5 else {}
    elif event is Event.SEND_FEE_NOTICE:
        data = {
            "fee_basis": rng.choice(["pieces", "pages"]),
            "quantity": rng.choice([1, 12, 40, 150]),
            "payment_method": "银行缴款",
            "notice_received_on": on + timedelta(days=rng.randint(0, 3)),
        }
    elif event is Event.FEE_UNPAID and case.fee_notice_received_on is not None:
        on = max(on, case.fee_notice_received_on + timedelta(days=rng.randint(20, 40)))
    elif event is Event.CONSULTATION_ENDED:
        data = {"reply": rng.choice(["consent", "objection", "silence", ""])}
        if rng.random() < 0.5:
            data["letter_received_on"] = last + timedelta(days=rng.randint(0, 3))
    elif event is Event.ANSWER:
        data = {"outcome": rng.choice(OUTCOMES)}
        if rng.random() < 0.5:
            data |= {"third_party_notice_on": on, "third_party_notice": "因涉及公共利益决定公开，书面告知第三方"}
    elif event is Event.WITHDRAW:
        data = {"reason": "申请人撤回"}
    return Step(event, on, data)


def walk(
    rng: random.Random,
    start: date,
    horizon: date,
    do: Callable[[Step], Case],
    case: Case,
    *,
    max_tries: int = 60,
    stop_chance: float = 0.03,
) -> tuple[Case, int, int]:
    """Propose events until the case is closed or the horizon passes; ``do`` applies a
    step (pure or through the database) and raises TransitionRefused when refused.
    Returns the final case, the accepted and the refused counts."""
    accepted = refused = 0
    last = start
    for _ in range(max_tries):
        if not case.is_open and rng.random() < 0.5:
            break
        if case.is_open and rng.random() < stop_chance:
            break  # left open: carried forward into the next year
        step = propose(rng, case, last)
        if step.on > horizon:
            break
        if not case.is_open and step.event is not Event.ARCHIVE:
            continue
        try:
            case = do(step)
        except TransitionRefused:
            refused += 1
            continue
        accepted += 1
        last = step.on
        if not case.is_open and case.archived_on is not None:
            break
    return case, accepted, refused


def random_start(rng: random.Random, first: date, last: date) -> tuple[str, Channel, date]:
    kind = rng.choice(APPLICANT_KINDS[:1] * 5 + APPLICANT_KINDS[1:])  # mostly natural persons, as in real reports
    channel = rng.choice(list(Channel))
    submitted = first + timedelta(days=rng.randint(0, (last - first).days))
    return kind, channel, submitted


def table_3_violations(report) -> list[str]:
    """Table-三 relations of the report's edition, read from ``xxgk.formats`` (not
    re-typed), evaluated on the report; plus ``xxgk.rules`` when it is there."""
    from xxgk.formats import get_edition

    ed = get_edition(report.edition)
    data_rows = [r.key for r in ed.table("table_3").data_rows]
    v = lambda row, col: report.value(f"table_3.{row}.{col}")  # noqa: E731
    problems: list[str] = []
    kinds = set()
    for rel in ed.relations:
        if rel.table != "table_3":
            continue
        raw = rel.raw
        kinds.add(rel.type)
        if rel.type == "per_column_row_identity":
            for c in raw["for_each_column"]:
                lhs = sum(v(r, c) for r in raw["lhs_rows"])
                rhs = sum(v(r, c) for r in raw["rhs_rows"])
                if lhs != rhs:
                    problems.append(f"{rel.id} {c}: {lhs} != {rhs}")
        elif rel.type == "per_column_row_sum":
            for c in raw["for_each_column"]:
                if v(raw["total_row"], c) != sum(v(r, c) for r in raw["part_rows"]):
                    problems.append(f"{rel.id} {c}")
        elif rel.type == "per_row_column_sum":
            for r in data_rows:
                if v(r, raw["total_column"]) != sum(v(r, c) for c in raw["part_columns"]):
                    problems.append(f"{rel.id} {r}")
        elif rel.type == "domain":
            for key in ed.table("table_3").cell_keys():
                cell = report.cell(key)
                if cell.kind != "number" or not isinstance(cell.value, int) or cell.value < 0:
                    problems.append(f"{rel.id} {key}")
    assert {"per_column_row_identity", "per_column_row_sum", "per_row_column_sum", "domain"} <= kinds
    try:
        from xxgk.rules.arithmetic import check_arithmetic
        from xxgk.rules.domain import check_domain
    except ImportError:
        return problems
    for finding in [*check_arithmetic(report), *check_domain(report)]:
        cells = getattr(finding, "cells", ()) or ()
        if any(c.startswith("table_3.") for c in cells) and finding.severity == "error":
            problems.append(f"xxgk.rules {finding.code}: {finding.message}")
    return problems
