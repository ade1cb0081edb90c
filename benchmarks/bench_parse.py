"""Parse throughput over the text/HTML/Markdown reports of the corpus.

Parses as `xxgk parse` does many files (read.batch.parse_many, with its collector tuning);
prints reports/second single-process and with a process pool, and peak RSS.
Never asserted by tests (speed is measured, not tested).

    PYTHONPATH=src python benchmarks/bench_parse.py [--rounds N] [--workers 2] [--repeat K]

On a shared machine the same run can vary by a third from one time to the next (other
machines' load on the same host): ``--repeat K`` measures K times and prints the best
(what the code can do) and the median. ``bench_parse_instructions.py`` counts
instructions instead, which do not vary.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
CORPUS = Path(os.environ.get("XXGK_CORPUS", ROOT.parent / "shared" / "corpus"))
SUFFIXES = (".txt", ".md", ".html", ".htm")
T = TypeVar("T")


def corpus_files(sets: tuple[str, ...] = ("seeds", "public"), suffixes: tuple[str, ...] = SUFFIXES) -> list[Path]:
    return sorted(p for s in sets for p in (CORPUS / s).glob("*") if p.suffix in suffixes)


def parse_batch(paths: list[str]) -> int:
    """Parse as ``xxgk parse`` does many files (``parse_many``, the collector tuned for a batch)."""
    from xxgk.read.batch import parse_many

    cells = 0
    for outcome in parse_many([Path(p) for p in paths], tune_gc=True):
        assert outcome.report is not None, outcome.error
        cells += len(outcome.report.cells)
    return cells


def peak_rss_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def _best_and_median(runs: list[T], key: Callable[[T], float]) -> list[tuple[str, T]]:
    """One run as it is; several: the best (least time) and the median, labelled."""
    if len(runs) == 1:
        return [("", runs[0])]
    ordered = sorted(runs, key=key)
    return [(f" (best of {len(runs)})", ordered[0]), (f" (median of {len(runs)})", ordered[len(ordered) // 2])]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=200, help="times each corpus report is parsed")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sets", default="seeds,public", help="corpus sets to parse (comma-separated)")
    ap.add_argument(
        "--suffixes",
        default=",".join(SUFFIXES),
        help="file kinds to parse (comma-separated; .txt: the plain-text reports)",
    )
    ap.add_argument("--by-file", action="store_true", help="also print the CPU time per report of each file")
    ap.add_argument("--repeat", type=int, default=1, help="measure this many times; print the best and the median")
    args = ap.parse_args()
    files = [str(p) for p in corpus_files(tuple(args.sets.split(",")), tuple(args.suffixes.split(",")))]
    if not files:
        sys.exit(f"no corpus at {CORPUS}")
    work = files * args.rounds
    size = sum(Path(f).stat().st_size for f in files)
    print(
        f"corpus: {len(files)} reports ({args.suffixes}), {size / 1024:.0f} KiB; {args.rounds} rounds = {len(work)} parses"
    )

    parse_batch(files)  # warm-up: imports, label indexes
    runs: list[tuple[float, float]] = []
    for _ in range(max(1, args.repeat)):
        t0, c0 = time.perf_counter(), time.process_time()
        parse_batch(work)
        runs.append((time.perf_counter() - t0, time.process_time() - c0))
    for name, (single, cpu) in _best_and_median(runs, key=lambda r: r[1]):
        print(
            f"{'single process' + name:32s}: {len(work) / single:8.0f} reports/s wall, {len(work) / cpu:.0f} per CPU-second ({cpu * 1000 / len(work):.2f} ms CPU per report)"
        )

    if args.by_file:
        by_suffix: dict[str, list[float]] = {}
        for f in files:
            c0 = time.process_time()
            parse_batch([f] * args.rounds)
            ms = (time.process_time() - c0) * 1000 / args.rounds
            by_suffix.setdefault(Path(f).suffix, []).append(ms)
            print(f"  {Path(f).name:32s} {ms:6.2f} ms CPU per report")
        for suffix, times in sorted(by_suffix.items()):
            print(f"  {suffix:6s} mean {sum(times) / len(times):.2f} ms CPU per report over {len(times)} files")

    chunk = max(1, len(work) // (args.workers * 8))
    batches = [work[i : i + chunk] for i in range(0, len(work), chunk)]
    pooled_runs: list[float] = []
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        list(pool.map(parse_batch, [files] * args.workers))  # warm the workers
        for _ in range(max(1, args.repeat)):
            t0 = time.perf_counter()
            list(pool.map(parse_batch, batches))
            pooled_runs.append(time.perf_counter() - t0)
    for name, pooled in _best_and_median(pooled_runs, key=lambda r: r):
        print(
            f"{f'pool of {args.workers}' + name:32s}: {len(work) / pooled:8.0f} reports/s wall (cores: {os.cpu_count()}, load average {os.getloadavg()[0]:.1f})"
        )
    own, children = peak_rss_mb()
    print(f"{'peak RSS':32s}: {own:.0f} MiB (main process), {children:.0f} MiB (largest worker)")


if __name__ == "__main__":
    main()
