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
