"""Speed and memory of reading the corpus PDFs (prints figures; asserts nothing).

    cd /work/main && PYTHONPATH=src .venv/bin/python benchmarks/bench_parse_pdf.py [--repeat N] [FILES...]

For each PDF: pages, wall time of ``read_pdf`` (best of N), pages/second, CPU
time (best of N; less disturbed by other load on the machine), and
peak Python heap during one read (tracemalloc); then the same for the whole
``parse_file`` (reader + assembly) when the pipeline is available; and the
process's peak RSS at the end.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS_FILES = ROOT.parent / "shared" / "corpus" / "files"


def best_time(fn: Callable[[], Any], repeat: int, clock: Callable[[], float] = time.perf_counter) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = clock()
        fn()
        best = min(best, clock() - t0)
    return best


def peak_heap(fn: Callable[[], Any]) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from xxgk.read.limits import Limits
    from xxgk.read.pdf import read_pdf

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    files = args.files or sorted(CORPUS_FILES.glob("*.pdf"))
    if not files:
        print(f"no PDFs given and none in {CORPUS_FILES}")
        return
    try:
        from xxgk.read import parse_file

        parse_file(files[0])
    except Exception as exc:  # the pipeline may be absent or fail; the reader figures still stand
        print(f"(parse_file not measured: {type(exc).__name__}: {exc})")
        parse_file = None  # type: ignore[assignment]

    limits = Limits()
    total_pages = 0
    total_time = 0.0
    print(
        f"{'file':32} {'pages':>5} {'read_pdf s':>10} {'pages/s':>8} {'CPU s':>6} {'heap MiB':>9} {'parse_file s':>12}"
    )
    for path in files:
        doc = read_pdf(path, limits)
        pages = int(doc.meta.get("pages", "0"))
        t = best_time(lambda p=path: read_pdf(p, limits), args.repeat)
        cpu = best_time(lambda p=path: read_pdf(p, limits), args.repeat, time.process_time)
        heap = peak_heap(lambda p=path: read_pdf(p, limits))
        pt = best_time(lambda p=path: parse_file(p), args.repeat) if parse_file else float("nan")
        total_pages += pages
        total_time += t
        print(f"{path.name:32} {pages:5d} {t:10.3f} {pages / t:8.1f} {cpu:6.3f} {heap / 2**20:9.1f} {pt:12.3f}")
    print(f"{'all':32} {total_pages:5d} {total_time:10.3f} {total_pages / total_time:8.1f}")
    print(f"peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
