"""Wrongly encoded files are detected and decoded: the same cells come out."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from tests.corpus import CORPUS, require_corpus
from xxgk.read import ReadError, parse_file


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


def _seed_003() -> Path:
    require_corpus()
    return next((CORPUS / "seeds").glob("003_*.txt"))


def _notes(path: Path) -> list[dict[str, object]]:
    return [n for n in parse_file(path).to_dict()["notes"] if n["code"] == "read.undecodable_bytes"]


@pytest.mark.corpus
def test_utf8_cut_mid_character_parses_with_a_note(tmp_path: Path) -> None:
    data = _seed_003().read_bytes()
    cut = data[:7001]
    with pytest.raises(UnicodeDecodeError):
        cut.decode("utf-8")  # the cut really falls inside a character
    path = tmp_path / "cut.txt"
    path.write_bytes(cut)
    report = parse_file(path)
    assert report.agency == parse_file(_seed_003()).agency
    notes = _notes(path)
    assert len(notes) == 1 and "1处" in str(notes[0]["message"])
    whole = _cells(_seed_003())
    # what the cut kept is read as in the whole file (the rest is unread, never guessed)
    for key, (kind, value) in _cells(path).items():
        assert kind == "unread" or (kind, value) == whole[key], key


@pytest.mark.corpus
@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_one_stray_byte_parses_to_the_same_cells_with_a_located_note(tmp_path: Path, encoding: str) -> None:
    src = _seed_003()
    text = src.read_text("utf-8")
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if "政府信息" in line and i > 3)  # a prose line
    data = "\n".join(lines[:at]).encode(encoding) + b"\n\x80" + "\n".join(lines[at:]).encode(encoding)
    path = tmp_path / f"stray-{encoding}.txt"
    path.write_bytes(data)
    assert _cells(path) == _cells(src)
    notes = _notes(path)
    assert len(notes) == 1
    source = notes[0]["source"]
    assert isinstance(source, dict) and source["line"] == at + 1
    assert encoding.upper() in str(notes[0]["message"])


@pytest.mark.corpus
def test_a_clean_file_has_no_decoding_note() -> None:
    assert _notes(_seed_003()) == []


@pytest.mark.corpus
def test_bytes_undecodable_throughout_are_still_refused(tmp_path: Path) -> None:
    # the seed with every fifth byte replaced by 0x80: no candidate encoding nearly fits
    data = bytearray(_seed_003().read_bytes())
    data[::5] = b"\x80" * len(data[::5])
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(data))
    with pytest.raises(ReadError) as err:
        parse_file(path)
    assert err.value.code in ("read.encoding", "read.unrecognised")


@pytest.mark.corpus
def test_a_cell_hit_by_an_undecodable_byte_is_unread_not_blank(tmp_path: Path) -> None:
    # the 0 of table 二's 行政许可 row printed as a full-width ０ whose last byte was lost
    src = _seed_003()
    lines = src.read_bytes().split(b"\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("行政许可\t0\t".encode()))
    lines[at] = lines[at].replace(b"\t0\t", b"\t" + "０".encode()[:2] + b"\t", 1)
    path = tmp_path / "lost-byte.txt"
    path.write_bytes(b"\n".join(lines))
    key = "table_2.administrative_licensing.decisions_this_year"
    assert parse_file(src).cell(key).kind == "number"
    report = parse_file(path)
    assert report.cell(key).kind == "unread"
    assert any(u.cell == key for u in report.unread)
    assert _notes(path)
    whole = _cells(src)
    assert {k: v for k, v in _cells(path).items() if k != key} == {k: v for k, v in whole.items() if k != key}


@pytest.mark.corpus
def test_utf16_cut_at_an_odd_byte_parses_with_a_note(tmp_path: Path) -> None:
    data = _seed_003().read_text("utf-8").encode("utf-16")
    path = tmp_path / "utf16-cut.txt"
    path.write_bytes(data[: len(data) - 1])  # half of the last character
    report = parse_file(path)
    assert report.agency == parse_file(_seed_003()).agency
    assert len(_notes(path)) == 1
