"""Damaged files: whatever the damage, the PDF and DOCX readers either read the
file or refuse it with a ReadError (a stable code and a Chinese message) —
never another exception, which the CLI would have to show as a bug."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.pdf_maker import table_pdf
from tests.test_read_docx import _table3_docx
from xxgk.errors import ReadError
from xxgk.read.docx import read_docx
from xxgk.read.limits import Limits
from xxgk.read.pdf import read_pdf

ROWS = [["项目", "自然人", "总计"]] + [[f"第{i}项", str(i), str(i)] for i in range(12)]

# a seed for uniform random damage: hypothesis' own float choices favour the file's first bytes
damage = st.integers(0, 2**32 - 1)


def _damaged(original: bytes, seed: int) -> bytes:
    rng = random.Random(seed)
    data = bytearray(original)
    for _ in range(rng.randint(1, 30)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data[: rng.randrange(1, len(data))] if rng.random() < 0.2 else data)


@pytest.fixture(scope="module")
def pdf_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return table_pdf(tmp_path_factory.mktemp("pdf") / "t.pdf", ROWS)


@pytest.fixture(scope="module")
def docx_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _table3_docx(tmp_path_factory.mktemp("docx") / "t.docx")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(how=damage)
def test_damaged_pdf_is_read_or_refused(pdf_file: Path, tmp_path_factory: pytest.TempPathFactory, how: int) -> None:
    path = tmp_path_factory.mktemp("fz") / "d.pdf"
    path.write_bytes(_damaged(pdf_file.read_bytes(), how))
    try:
        doc = read_pdf(path, Limits())
    except ReadError as exc:
        assert exc.code.startswith("read.") and exc.message
    else:
        assert doc.kind == "pdf"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(how=damage)
def test_damaged_docx_is_read_or_refused(docx_file: Path, tmp_path_factory: pytest.TempPathFactory, how: int) -> None:
    path = tmp_path_factory.mktemp("fz") / "d.docx"
    path.write_bytes(_damaged(docx_file.read_bytes(), how))
    try:
        doc = read_docx(path, Limits())
    except ReadError as exc:
        assert exc.code.startswith("read.") and exc.message
    else:
        assert doc.kind == "docx"
