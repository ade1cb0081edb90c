"""What the table readers (PDF, DOCX) share about one cell's text: joining the
lines of a cell as a person reads them, and telling label cells from value
cells so that an empty cell is emitted as a blank value only where values are.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

CJK = r"\u2e80-\u9fff\u3000-\u303f\uff00-\uffef“”‘’"
_CJK_CHAR_RE = re.compile(rf"[{CJK}]")
_CJK_SPACE_RE = re.compile(rf"(?<=[{CJK}])[ \t\u3000\u00a0]+(?=[{CJK}])")
_NUMBER_RE = re.compile(r"^[\s\d.,，．]*\d[\s\d.,，．]*$")
_NA_RE = re.compile(r"^[\s\-—–－/／\\、]+$")

# (grid column, span, text) of one cell
CellText = tuple[int, int, str]

# Some PDF producers (Chrome/Skia, some Word exports) map the glyphs of common
# characters to the Kangxi radicals block ('⼆' U+2F06 for '二', '⾏' for '行').
# They look the same and mean the same: read them as the ideographs (NFKC).
# The CJK Radicals Supplement has no NFKC mapping: the whole characters among
# its simplified forms are listed (Unicode's EquivalentUnifiedIdeograph data).
RADICALS = {
    cp: unicodedata.normalize("NFKC", chr(cp))
    for cp in range(0x2E80, 0x2FE0)
    if unicodedata.category(chr(cp)) != "Cn" and unicodedata.normalize("NFKC", chr(cp)) != chr(cp)
} | {
    ord(r): c
    for r, c in zip(
        "⺠⻄⻅⻆⻉⻋⻓⻔⻘⻚⻛⻜⻝⻢⻤⻥⻦⻩⻬⻮⻰", "民西见角贝车长门青页风飞食马鬼鱼鸟黄齐齿龙", strict=True
    )
}


def fix_radicals(text: str) -> str:
    """Kangxi/CJK radical code points replaced by the ideographs they stand for."""
    return text.translate(RADICALS)


def join_cell_lines(parts: Iterable[str]) -> str:
    """Lines of one cell joined as a reader would: no space where either side
    is a Chinese character ('三\\n、\\n本…' → '三、本…', '（三）不\\n予公开' →
    '（三）不予公开'), and spaces between Chinese characters dropped ('总 计')."""
    text = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if text and not (_CJK_CHAR_RE.match(text[-1]) or _CJK_CHAR_RE.match(part[0])):
            text += " "
        text += part
    return _CJK_SPACE_RE.sub("", fix_radicals(text))


def is_number_text(text: str) -> bool:
    return bool(_NUMBER_RE.match(text))


def is_label_text(text: str) -> bool:
    """Non-empty text that is neither a number nor a dash/slash (不适用)."""
    return bool(text.strip()) and not _NUMBER_RE.match(text) and not _NA_RE.match(text)


def label_columns(rows: Iterable[Iterable[CellText]]) -> set[int]:
    """Grid columns that hold row labels: those covered by a label cell in a
    row that also holds a number.  An empty cell there is the rest of a merged
    label, not a blank value."""
    cols: set[int] = set()
    for row in rows:
        cells = list(row)
        if not any(is_number_text(text) for _, _, text in cells):
            continue
        for col, span, text in cells:
            if is_label_text(text):
                cols.update(range(col, col + span))
    return cols


def emits(cell: CellText, row: Iterable[CellText], labels: set[int]) -> bool:
    """Whether a cell becomes a token: any cell with text; an empty cell only in
    a row holding numbers and outside the label columns (a blank value)."""
    col, span, text = cell
    if text:
        return True
    if labels.intersection(range(col, col + span)):
        return False
    return any(is_number_text(t) for _, _, t in row)
