"""Throughput of parse + check over the real-report corpus (prints figures;
asserts nothing).

    cd /work/main && PYTHONPATH=src .venv/bin/python benchmarks/bench_check.py [--repeat N] [DIR_OR_FILES...]

Default input: every report of ../shared/corpus (seeds, public, files).  For each
file: parse time, check time, number of findings by severity (or the read
error).  Then totals: reports/second for parse + check, for parse alone and for
check alone (check of the already parsed reports, best of N rounds), and the
same check throughput on many copies to show the engine's own rate.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from xxgk.errors import XxgkError
    from xxgk.read import REPORT_SUFFIXES
    from xxgk.rules import check_report
    from xxgk.rules.finding import SEVERITIES
    from xxgk.rules.inputs import load_reports

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("paths", nargs="*", type=Path, default=[CORPUS])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument(
        "--truth", action="store_true", help="check the hand-read truth of the corpus instead of parsing (check alone)"
    )
    args = ap.parse_args()
    if args.truth:
        sys.path.insert(0, str(ROOT))
        from tests.corpus import truth_reports
        from tests.rules_support import report_from_truth

        _rate([report_from_truth(t, with_text=True) for t in truth_reports()], args.repeat)
        return

    files: list[Path] = []
    for p in args.paths:
        if p.is_dir():
            files.extend(
                sorted(f for f in p.rglob("*") if f.suffix.lower() in REPORT_SUFFIXES and f.stem.upper() != "README")
            )
        else:
            files.append(p)

    parsed = []
    parse_total = check_total = 0.0
    print(f"{'file':40} {'parse s':>8} {'check s':>8}  findings (error/warning/notice)")
    for f in files:
        t0 = time.perf_counter()
        try:
            (report,) = load_reports(f)  # as `xxgk check` reads a file (parser + prose texts)
        except (XxgkError, Exception) as exc:  # a reader failure is a figure too
            print(f"{f.name:40} {time.perf_counter() - t0:8.3f} {'-':>8}  unreadable: {type(exc).__name__}: {exc}")
            continue
        t1 = time.perf_counter()
        findings = check_report(report)
        t2 = time.perf_counter()
        parse_total += t1 - t0
        check_total += t2 - t1
        parsed.append(report)
        counts = "/".join(str(sum(1 for x in findings if x.severity == s)) for s in SEVERITIES)
        print(f"{f.name:40} {t1 - t0:8.3f} {t2 - t1:8.4f}  {counts}")

    n = len(parsed)
    print()
    print(f"reports parsed and checked: {n} of {len(files)}")
    if not n:
        return
    print(f"parse + check: {parse_total + check_total:.3f} s  → {n / (parse_total + check_total):.1f} reports/s")
    print(f"parse alone:   {parse_total:.3f} s  → {n / parse_total:.1f} reports/s")
    _rate(parsed, args.repeat)


def _rate(parsed: list, repeat: int) -> None:
    from xxgk.rules import check_report

    n = len(parsed)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for r in parsed:
            check_report(r)
        best = min(best, time.perf_counter() - t0)
    print(f"check alone (best of {repeat}): {best:.4f} s  → {n / best:.0f} reports/s")
    many = parsed * max(1, 1000 // n)
    t0 = time.perf_counter()
    for r in many:
        check_report(r)
    dt = time.perf_counter() - t0
    print(f"check of {len(many)} reports: {dt:.3f} s  → {len(many) / dt:.0f} reports/s")


if __name__ == "__main__":
    main()
