"""The PDF reader's intermediate objects: pages of blocks, a block being a
ruled table (rows of cells with grid column, span and box) or a prose line
(words with their boxes).  Stages in :mod:`xxgk.read.pdf` and
:mod:`xxgk.read.pdf_stitch` pass these along."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

BBox = tuple[float, float, float, float]


@dataclass
class PdfCell:
    text: str
    bbox: BBox
    grid_col: int
    span: int


@dataclass
class PdfRow:
    cells: list[PdfCell]
    bbox: BBox


@dataclass
class PdfTable:
    page: int
    bbox: BBox
    col_xs: list[float]  # grid column left edges, plus the right edge of the last column
    rows: list[PdfRow]
    index: int = -1  # table number in the document, set when stitched

    @property
    def n_cols(self) -> int:
        return len(self.col_xs) - 1


@dataclass
class PdfLine:
    page: int
    words: list[dict[str, Any]]

    @property
    def top(self) -> float:
        return float(min(w["top"] for w in self.words))

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)


Block = PdfTable | PdfLine


@dataclass
class PdfPage:
    number: int
    blocks: list[Block] = field(default_factory=list)
    chars: int = 0
    cid_chars: int = 0  # glyphs pdfminer could not map to text ('(cid:123)')
    turn: int = 0  # clockwise turn (90/180/270) that would set most of the text upright
    turned: int = 0  # the turn applied before these blocks were read (their boxes are in the turned page)
