"""Machine instructions per parsed report, counted by valgrind (callgrind).

Seconds vary from machine to machine and, on a shared host, from one run to the next
(by a third, seen here); the instructions executed for the same code and input do not
(the same count twice, to the instruction, with ``PYTHONHASHSEED`` fixed). So this is
the figure to compare two versions of the parser by, or two machines' timings against.

Two runs under callgrind parse the corpus reports as ``bench_parse.py`` does: once, and
``1 + rounds`` times; the difference over ``rounds × reports`` is the steady-state count
per report (imports, first-use indexes and the interpreter's start cancel out).

    PYTHONPATH=src python benchmarks/bench_parse_instructions.py [--rounds 10] [--suffixes .txt]

Needs valgrind (Debian: ``apt-get install valgrind``); ≈ 40 s for the 9 text reports with
the default 10 rounds (most of it the two interpreter starts). Never run by the tests.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_parse import SUFFIXES, corpus_files  # noqa: E402

_CHILD = "import sys; sys.path.insert(0, sys.argv[1]); from bench_parse import parse_batch; parse_batch(sys.argv[2:])"
_COLLECTED_RE = re.compile(r"Collected\s*:\s*(\d+)")


def instructions(files: list[str]) -> int:
    """Instructions executed by a Python process that parses ``files`` (callgrind's count)."""
    # the same hash seed every run; no bytecode written, so that two runs compile alike
    # (a first run writing ``__pycache__`` would count the compiler once more than the next)
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            "-c",
            _CHILD,
            str(HERE),
            *files,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    m = _COLLECTED_RE.search(done.stderr)
    if done.returncode != 0 or m is None:
        sys.exit(f"valgrind run failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    return int(m.group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=10, help="extra times each report is parsed in the second run")
    ap.add_argument("--sets", default="seeds,public", help="corpus sets to parse (comma-separated)")
    ap.add_argument("--suffixes", default=",".join(SUFFIXES), help="file kinds to parse (comma-separated)")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (Debian: apt-get install valgrind)")
    files = [str(p) for p in corpus_files(tuple(args.sets.split(",")), tuple(args.suffixes.split(",")))]
    if not files:
        sys.exit("no corpus reports found")
    rounds = max(1, args.rounds)
    once = instructions(files)
    more = instructions(files * (1 + rounds))
    per_report = (more - once) / (rounds * len(files))
    print(f"corpus: {len(files)} reports ({args.suffixes}); runs of 1 and {1 + rounds} rounds under callgrind")
    print(f"instructions per report: {per_report / 1e6:.2f} million (first run {once / 1e6:.0f} million in all)")


if __name__ == "__main__":
    main()
