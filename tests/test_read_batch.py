"""parse_many: outcomes in order; the gc tuning of a batch undone when it ends."""

import gc
from pathlib import Path

from tests.corpus import require_corpus
from xxgk.read.batch import GC_THRESHOLD, parse_many


def test_parse_many_tunes_the_gc_for_the_batch_only(tmp_path: Path) -> None:
    report = require_corpus() / "public" / "putian-2019.txt"
    missing = tmp_path / "missing.txt"
    before = gc.get_threshold()
    untuned = parse_many([report, report])  # a library caller's process is left as it is
    assert next(untuned).report is not None
    assert gc.get_threshold() == before
    assert [o.report is not None for o in untuned] == [True]
    outcomes = parse_many([report, missing, report], tune_gc=True)
    first = next(outcomes)
    assert first.path == report and first.report is not None
    assert gc.get_threshold()[0] >= GC_THRESHOLD  # during the batch
    rest = list(outcomes)
    assert [o.path for o in rest] == [missing, report]
    assert rest[0].report is None and rest[0].error and rest[1].report is not None
    assert gc.get_threshold() == before  # put back when the batch is done


def test_overlapping_tuned_batches_put_the_callers_threshold_back(tmp_path: Path) -> None:
    report = require_corpus() / "public" / "putian-2019.txt"
    before = gc.get_threshold()
    outer = parse_many([report, report], tune_gc=True)
    inner = parse_many([report, report], tune_gc=True)
    next(outer)
    next(inner)
    list(outer)  # the outer batch ends first: the inner one still runs tuned
    assert gc.get_threshold()[0] >= GC_THRESHOLD
    list(inner)
    assert gc.get_threshold() == before


def test_an_untuned_batch_leaves_the_callers_own_setting_alone() -> None:
    report = require_corpus() / "public" / "putian-2019.txt"
    before = gc.get_threshold()
    try:
        outcomes = parse_many([report, report])
        next(outcomes)
        gc.set_threshold(5000, before[1], before[2])  # the caller's own choice, made meanwhile
        list(outcomes)
        assert gc.get_threshold()[0] == 5000
    finally:
        gc.set_threshold(*before)
