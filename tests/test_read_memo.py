"""The parser's memos stay bounded in a long-running process (a server reading
thousands of uploaded reports): in the number of entries and in their size."""

from __future__ import annotations

from xxgk.read.document import MEMO_MAX_CHARS, Line, Token
from xxgk.read.html import MAX_GRID_SOURCES, _clean, _clean_short, _grid_source, read_html
from xxgk.read.labels import row_index
from xxgk.read.scan import MAX_MEMO_TEXTS, scan_lines
from xxgk.report import Source


def test_token_readings_are_bounded_in_count_and_keep_no_long_text() -> None:
    index = row_index("2021", "table_3")
    source = Source(kind="text")
    for i in range(MAX_MEMO_TEXTS + 100):  # distinct numbered texts, as many reports bring
        scan_lines([Line([Token(f"一{i}号文件关于政务公开工作的通知", source)], source)], index)
    assert 0 < len(index.readings) <= MAX_MEMO_TEXTS
    long = "政务公开" * MEMO_MAX_CHARS
    scan_lines([Line([Token(long, source)], source)], index)
    assert long not in index.readings
    assert not hasattr(index, "fuzzy_cache")  # no second, unbounded memo of the fuzzy matches


def test_html_cell_memo_keeps_no_long_text() -> None:
    _clean_short.cache_clear()
    assert _clean("\n\t\t0\n\t") == "0"
    assert _clean(" 政务\n公开 " * MEMO_MAX_CHARS).startswith("政务 公开")
    assert _clean_short.cache_info().currsize == 1  # the short cell only


def test_html_grid_source_memo_is_bounded() -> None:
    rows = "".join(f"<tr><td>{i}</td><td>x</td></tr>" for i in range(MAX_GRID_SOURCES))  # 3 sources a row
    doc = read_html(f"<table>{rows}</table>", "x.html")
    info = _grid_source.cache_info()
    assert info.maxsize == MAX_GRID_SOURCES and info.currsize <= MAX_GRID_SOURCES
    assert doc.lines[-1].tokens[1].source == Source(kind="html", table=0, row=MAX_GRID_SOURCES - 1, col=1)


def test_recovered_rows_memo_is_bounded_in_count_and_keeps_no_long_messages() -> None:
    from xxgk.read.resolve import _RECOVERED, MAX_RECOVERED, _recovered

    _RECOVERED.clear()
    for i in range(MAX_RECOVERED + 10):  # distinct rows run together
        _recovered("digits", (f"{i:06d}",), 3, (), "数值连在一起")
    assert 0 < len(_RECOVERED) <= MAX_RECOVERED
    # a long run with no totals to decide it: each cell lists every value it could have
    _RECOVERED.clear()
    raws = ("9876543219876543219876",)
    _cells, reasons, _note = _recovered("digits", raws, 6, (), "数值连在一起")
    assert sum(len(r) for _, r in reasons) > MEMO_MAX_CHARS * 4  # a long result…
    assert not _RECOVERED  # …is computed each time, not kept
    _recovered("digits", ("000000",), 6, (), "数值连在一起")
    assert len(_RECOVERED) == 1  # a short one is kept
