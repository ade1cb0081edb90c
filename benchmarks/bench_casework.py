"""Speed of the statutory clock and the state machine (prints figures; no assertions).

PYTHONPATH=src:. python benchmarks/bench_casework.py
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

from tests.casework_paths import random_start, walk

from xxgk.procedure import apply, register
from xxgk.register_table3 import RegisterRecord, table_3_from_register
from xxgk.workdays import Pause, WorkCalendar, compute_deadline


def main() -> None:
    cal = WorkCalendar()
    rng = random.Random(1)
    starts = [date(2019, 1, 1) + timedelta(days=rng.randint(0, 2780)) for _ in range(5000)]
    t = time.perf_counter()
    for s in starts:
        compute_deadline(
            cal, s, 20, extension=rng.choice((0, 20)), pauses=[Pause(s + timedelta(days=3), s + timedelta(days=10))]
        )
    dt = time.perf_counter() - t
    print(f"explained deadlines: {len(starts)} in {dt:.2f} s = {len(starts) / dt:,.0f}/s")

    t = time.perf_counter()
    records = []
    steps = 0
    for _ in range(10_000):
        kind, channel, submitted = random_start(rng, date(2024, 6, 1), date(2026, 9, 30))
        holder = [register(channel, submitted)]

        def do(step, h=holder):  # type: ignore[no-untyped-def]
            h[0] = apply(h[0], step.event, step.on, step.data, cal)
            return h[0]

        case, accepted, refused = walk(rng, submitted, date(2026, 11, 20), do, holder[0])
        steps += accepted + refused
        records.append(RegisterRecord(kind, case.received_on, case.closed_on, case.outcome))
    dt = time.perf_counter() - t
    print(f"random paths: 10,000 applications, {steps:,} proposed events in {dt:.2f} s = {steps / dt:,.0f} events/s")

    t = time.perf_counter()
    for y in (2024, 2025, 2026):
        table_3_from_register(records, y)
    dt = time.perf_counter() - t
    print(f"table 三 from 10,000 register records: 3 years in {dt * 1000:.0f} ms")


if __name__ == "__main__":
    main()
