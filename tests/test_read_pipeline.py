"""Pipeline stages: sniffing, limits, edition from table shape, metadata, facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus import CORPUS, require_corpus
from xxgk.errors import LimitExceeded, ReadError
from xxgk.read import parse_file
from xxgk.read.limits import Limits
from xxgk.read.meta import find_year_and_agency
from xxgk.read.pipeline import parse_path, sniff
from xxgk.read.text import read_text


def seed(prefix: str) -> Path:
    require_corpus()
    return next((CORPUS / "seeds").glob(f"{prefix}_*.txt"))


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (b"%PDF-1.7\n", "a.txt", "pdf"),
        (b"PK\x03\x04rest", "a.bin", "docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "a.doc", "doc"),
        (b"<!DOCTYPE html><html>", "a.txt", "html"),
        ("一、总体情况".encode(), "a.md", "md"),
        ("一、总体情况".encode(), "a.txt", "text"),
    ],
)
def test_sniff_by_content_first(data: bytes, name: str, kind: str) -> None:
    assert sniff(data, Path(name)) == kind


def test_file_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("年" * 1000, encoding="utf-8")
    with pytest.raises(LimitExceeded) as err:
        parse_path(path, Limits(max_file_bytes=100))
    assert err.value.code == "read.limit.file_size" and err.value.path == str(path)


def test_text_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("年" * 1000, encoding="utf-8")
    with pytest.raises(LimitExceeded) as err:
        parse_path(path, Limits(max_text_chars=500))
    assert err.value.code == "read.limit.text"


def test_prose_without_tables_is_unrecognised(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text("关于召开会议的通知\n\n各单位：定于明日召开会议。\n", encoding="utf-8")
    with pytest.raises(ReadError) as err:
        parse_file(path)
    assert err.value.code == "read.unrecognised"


@pytest.mark.corpus
def test_edition_follows_the_table_shape_and_a_year_mismatch_is_noted(tmp_path: Path) -> None:
    text = seed("003").read_text("utf-8").replace("2021 年政府信息公开", "2020 年政府信息公开", 1)
    path = tmp_path / "shape-2021-year-2020.txt"
    path.write_text(text, encoding="utf-8")
    report = parse_file(path)
    assert report.year == 2020 and report.edition == "2021"
    assert report.edition_evidence and report.edition_evidence.startswith("table shape")
    assert any(n.code == "edition.year_mismatch" for n in report.notes)
    assert not any(n.code == "edition.year_mismatch" for n in parse_file(seed("003")).notes)


def test_agency_on_the_line_before_a_broken_title() -> None:
    doc = read_text("淮安市人民政府\n2024 年政府信息公开工作年度报告\n本报告由……编制。\n")
    assert find_year_and_agency(doc) == (2024, "淮安市人民政府")


def test_agency_and_year_from_the_opening_prose_when_there_is_no_title() -> None:
    doc = read_text("今年以来，我镇的工作稳步推进。\n2020年，温泉镇政府信息公开工作按照部署推进。\n")
    assert find_year_and_agency(doc) == (2020, "温泉镇")


@pytest.mark.corpus
def test_facts_keep_the_clause_and_where_it_is() -> None:
    report = parse_file(seed("002"))
    fact = report.channel_facts["wechat"]
    assert fact.value == 411 and "411" in fact.raw and "微信" in fact.raw
    assert fact.source is not None and fact.source.line is not None
    line = seed("002").read_text("utf-8").split("\n")[fact.source.line - 1]
    assert fact.raw in line


@pytest.mark.corpus
def test_every_number_keeps_its_source(tmp_path: Path) -> None:
    report = parse_file(seed("000"))
    lines = seed("000").read_text("utf-8").split("\n")
    for cell in report.cells.values():
        if cell.kind == "number":
            assert cell.source is not None and cell.source.line is not None and cell.source.column is not None
            assert lines[cell.source.line - 1][cell.source.column :].startswith(cell.raw or "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("标题：三明市2019年政府信息公开工作年度报告\n", (2019, "三明市")),
        ("2024 年上海市科委政府信息公开工作\n年度报告\n", (2024, "上海市科委")),
        ("沭阳县发展和改革局政府信息公开工作年度报告（2023年度）\n", (2023, "沭阳县发展和改革局")),
        ("关于某某镇2022年度政府信息公开工作年度报告\n", (2022, "某某镇")),
    ],
)
def test_title_forms(text: str, expected: tuple[int, str]) -> None:
    assert find_year_and_agency(read_text(text)) == expected


@pytest.mark.corpus
def test_sections_prefer_numbered_headings_and_texts_hold_the_prose() -> None:
    report = parse_file(seed("002"))
    assert [s.number for s in report.sections] == ["一", "二", "三", "四", "五", "六"]  # 一、总体概况 too
    assert "人大代表建议" in report.texts["other_matters"]
    assert not any("规章 |" in t or "0 | 0" in t for t in report.texts.values())
    assert "温泉镇共计主动公开政府信息773条" in report.texts["overview"]
    sanming = parse_file(CORPUS / "public" / "sanming-2021.txt")
    overview = next(s for s in sanming.sections if s.key == "overview")
    proactive = next(s for s in sanming.sections if s.key == "proactive_disclosure")
    assert overview.source is not None and proactive.source is not None
    assert overview.source.line is not None and proactive.source.line is not None
    assert overview.source.line < proactive.source.line  # not the introduction's list of the six parts
    lines = (CORPUS / "public" / "sanming-2021.txt").read_text("utf-8").splitlines()
    assert lines[proactive.source.line - 1].startswith("二、")
