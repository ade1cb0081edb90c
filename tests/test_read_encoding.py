"""Wrongly encoded files are detected and decoded: the same cells come out."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from tests.corpus import CORPUS, require_corpus
from xxgk.read import parse_file


def _cells(path: Path) -> dict[str, tuple[str, object]]:
    return {k: (c["kind"], c["value"]) for k, c in parse_file(path).to_dict()["cells"].items()}


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("gb18030.txt", lambda t: t.encode("gb18030")),
        ("gbk.txt", lambda t: t.encode("gbk", errors="strict")),
        ("bom.txt", lambda t: codecs.BOM_UTF8 + t.encode("utf-8")),
        ("utf16.txt", lambda t: t.encode("utf-16")),
    ],
)
def test_seed_in_another_encoding_parses_to_the_same_cells(tmp_path: Path, name: str, encode) -> None:  # type: ignore[no-untyped-def]
    require_corpus()
    src = next((CORPUS / "seeds").glob("003_*.txt"))
    path = tmp_path / name
    path.write_bytes(encode(src.read_text("utf-8")))
    report = parse_file(path)
    assert _cells(path) == _cells(src)
    assert report.agency == parse_file(src).agency
    assert report.facts["cppcc_proposals"].value == 5
