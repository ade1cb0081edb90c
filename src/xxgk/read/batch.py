"""Many reports at once: the same parser over a list of files, in order, optionally
in a pool of worker processes (stdlib ``ProcessPoolExecutor``; one file's error
never stops the others)."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from xxgk.errors import XxgkError
from xxgk.report import AnnualReport

CHUNK = 4  # files per task handed to a worker


@dataclass(frozen=True)
class Outcome:
    """One file: its report, or the one-line error (``<file>: <reason> [<code>]``) and its code."""

    path: Path
    report: AnnualReport | None = None
    error: str | None = None
    code: str | None = None


def parse_one(path: Path) -> Outcome:
    from xxgk.read import parse_file

    try:
        return Outcome(path, report=parse_file(path))
    except XxgkError as exc:
        if exc.path is None:
            exc.path = str(path)
        return Outcome(path, error=exc.one_line(), code=exc.code)
    except Exception as exc:  # a parser bug: name the file and the exception, go on with the others
        return Outcome(
            path,
            error=f"{path}: 解析时发生内部错误（{type(exc).__name__}: {exc}） [read.internal]",
            code="read.internal",
        )


# How the cyclic gc is tuned for a batch (measured over the corpus, 2,400 parses):
# * the first parse loads what every later one reads (the editions data, the label
#   indexes, the patterns): long-lived objects that each full collection walks
#   again.  Once it is done, ``gc.freeze()`` moves them out of the collector's
#   generations (full collections 0.071 -> 0.0015 ms CPU per report);
# * a text report makes up to ≈5,000 container objects (tokens, lines, scanned
#   items) that refcounting frees when the report is done: with the default
#   threshold (700) a young collection runs several times inside every parse and
#   walks them all (0.07 ms per report); with ``GC_THRESHOLD`` it runs about once
#   per report, when the objects are already gone (≈0 ms).  Reference cycles are
#   still collected, a few thousand objects later.
# Done only in processes that are ours: the pool's workers always, the caller's own
# process only when it asks (``tune_gc=True``: the ``xxgk parse`` command).  A library
# user's process (a web server) is theirs to tune — a freeze there would also keep
# whatever a request had alive at that moment.  ``parse_many`` puts the threshold back
# when it is done (what it froze stays frozen: long-lived).
GC_THRESHOLD = 20_000
_frozen = False
_tuned_batches = 0  # serial batches of this process running with the threshold raised
_saved_threshold: tuple[int, int, int] | None = None  # the caller's, put back by the last to end


def _tune_gc() -> None:
    """After the first parse of a batch: freeze what it loaded, raise the threshold."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()
    gc.set_threshold(max(GC_THRESHOLD, gc.get_threshold()[0]), *gc.get_threshold()[1:])


def _begin_tuned_batch() -> None:
    global _tuned_batches, _saved_threshold
    if _tuned_batches == 0:
        _saved_threshold = gc.get_threshold()
    _tuned_batches += 1
    _tune_gc()


def _end_tuned_batch() -> None:
    """The caller's threshold back when the last tuned batch ends (batches may overlap)."""
    global _tuned_batches
    _tuned_batches -= 1
    if _tuned_batches == 0 and _saved_threshold is not None:
        gc.set_threshold(*_saved_threshold)


def _parse_in_worker(path: Path) -> Outcome:
    outcome = parse_one(path)
    _tune_gc()  # the worker process is ours: tuned after its first parse (frozen once)
    return outcome


def parse_many(paths: Sequence[Path], jobs: int = 1, *, tune_gc: bool = False) -> Iterator[Outcome]:
    """Outcomes in the order of ``paths``; ``jobs`` > 1 parses in that many processes.
    ``tune_gc``: tune the collector of this process for the batch (see above); the
    threshold is put back when the batch ends or is dropped (a generator closed)."""
    if len(paths) <= 1:
        for path in paths:
            yield parse_one(path)
        return
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=min(jobs, len(paths))) as pool:
            yield from pool.map(_parse_in_worker, paths, chunksize=CHUNK)
        return
    if not tune_gc:
        for path in paths:
            yield parse_one(path)
        return
    tuned = False
    try:
        for path in paths:
            outcome = parse_one(path)
            if not tuned:
                _begin_tuned_batch()
                tuned = True
            yield outcome
    finally:
        if tuned:
            _end_tuned_batch()
