"""Tables broken by page breaks, made whole again (stage 3 of the PDF reader).

A table that ends a page and one that starts the next with the same columns
are one table.  Header rows repeated on the next page are dropped; a row
allowed to break across the page ('5.要求行政机关确认或重新出' / '具已获取信息')
is one row again; a merged group label broken by the page ('（四）无' /
'法提供') is joined to its first part.
"""

from __future__ import annotations

import re

from xxgk.read.cells import is_label_text, is_number_text, join_cell_lines, label_columns
from xxgk.read.pdf_model import Block, PdfCell, PdfLine, PdfPage, PdfRow, PdfTable

GRID_TOLERANCE = 2.5  # cell edges closer than this are the same grid line
STITCH_X_TOLERANCE = 4.0  # column positions of a table continued on the next page

_ENUMERATOR_RE = re.compile(r"^\s*[（(]?\s*([一二三四五六七八九十]+|\d+)\s*[）)、.．,，]")
_PAGE_NUMBER_RE = re.compile(r"^\s*[-—–－]?\s*(第\s*)?\d{1,4}\s*(页|/\s*\d+)?\s*[-—–－]?\s*$")


def is_page_furniture(block: Block) -> bool:
    return isinstance(block, PdfLine) and bool(_PAGE_NUMBER_RE.match(block.text))


def table_label_columns(tables: list[PdfTable]) -> set[int]:
    """Grid columns holding row labels (see :func:`xxgk.read.cells.label_columns`)."""
    return label_columns(cell_texts(row) for t in tables for row in t.rows)


def cell_texts(row: PdfRow) -> list[tuple[int, int, str]]:
    return [(c.grid_col, c.span, c.text) for c in row.cells]


def _same_columns(a: PdfTable, b: PdfTable) -> bool:
    return a.n_cols == b.n_cols and all(
        abs(x - y) <= STITCH_X_TOLERANCE for x, y in zip(a.col_xs, b.col_xs, strict=True)
    )


def stitch_tables(pages: list[PdfPage]) -> None:
    """Number the tables; a table continued on the next page keeps its number,
    and a row label split by the page break is joined to its first part."""
    index = -1
    prev_table: PdfTable | None = None
    heads: dict[int, PdfTable] = {}
    for n, page in enumerate(pages):
        content = [b for b in page.blocks if not is_page_furniture(b)]
        for i, block in enumerate(content):
            if not isinstance(block, PdfTable):
                continue
            continues = (
                i == 0
                and prev_table is not None
                and n > 0
                and prev_table.page == pages[n - 1].number
                and _ends_page(pages[n - 1], prev_table)
                and _same_columns(prev_table, block)
            )
            if continues and prev_table is not None:
                block.index = prev_table.index
                drop_repeated_header(heads[block.index], block)
                if not join_split_row(prev_table, block):
                    join_split_labels(prev_table, block)
            else:
                index += 1
                block.index = index
                heads[index] = block
            prev_table = block


def _ends_page(page: PdfPage, table: PdfTable) -> bool:
    content = [b for b in page.blocks if not is_page_furniture(b)]
    return bool(content) and content[-1] is table


def _texts(row: PdfRow) -> list[tuple[int, str]]:
    return [(c.grid_col, c.text) for c in row.cells if c.text]


def _has_number(row: PdfRow) -> bool:
    return any(is_number_text(c.text) for c in row.cells)


def drop_repeated_header(head: PdfTable, lower: PdfTable) -> None:
    """Header rows repeated at the top of each page (Word's 'repeat as header
    row') are dropped from the continuation: they are printed, not data."""
    k = 0
    while (
        k < len(head.rows)
        and k < len(lower.rows) - 1
        and not _has_number(lower.rows[k])
        and _texts(lower.rows[k]) == _texts(head.rows[k])
    ):
        k += 1
    del lower.rows[:k]


def _touches_bottom(cell: PdfCell | None, table: PdfTable) -> bool:
    return cell is not None and abs(cell.bbox[3] - table.bbox[3]) <= GRID_TOLERANCE


def join_split_row(upper: PdfTable, lower: PdfTable) -> bool:
    """A row allowed to break across the page: its values are above the break
    and the rest of its label ('5.要求行政机关确认或重新出' / '具已获取信息') is
    the first row below, a row with label text only and no new enumerator.
    The rest is joined to the cells above; returns whether it was."""
    if not upper.rows or not lower.rows:
        return False
    labels = table_label_columns([upper, lower])
    last, rest = upper.rows[-1], lower.rows[0]
    rest_cells = [c for c in rest.cells if c.text]
    if (
        not labels
        or not rest_cells
        or any(not is_label_text(c.text) or c.grid_col not in labels for c in rest_cells)
        or not _has_number(last)
        or any(_ENUMERATOR_RE.match(c.text) for c in rest_cells)
    ):
        return False
    for cell in rest_cells:
        above = _last_cell_in_column(upper, cell.grid_col)
        if above is not None and _touches_bottom(above, upper):
            above.text = join_cell_lines([above.text, cell.text])
        else:
            last.cells.append(cell)
    last.cells.sort(key=lambda c: c.grid_col)
    del lower.rows[0]
    return True


def join_split_labels(upper: PdfTable, lower: PdfTable) -> None:
    """'（四）无' at the foot of one page and '法提供' at the head of the next are
    one merged label cell broken by the page: join the text into the upper cell.
    A cell that starts with its own enumerator ('（五）…', '3.…') is a new label."""
    if not upper.rows or not lower.rows:
        return
    labels = table_label_columns([upper, lower])
    first = lower.rows[0]

    def is_label(c: PdfCell) -> bool:
        return is_label_text(c.text) and c.grid_col in labels

    def has_sublabel(row: PdfRow, cell: PdfCell) -> bool:
        return any(is_label(c) and c.grid_col > cell.grid_col for c in row.cells)

    keep: list[PdfCell] = []
    for cell in first.cells:
        above = _last_cell_in_column(upper, cell.grid_col)
        above_row = _row_of(upper, above)
        if (
            is_label(cell)
            and above is not None
            and above_row is not None
            and is_label(above)
            and abs(above.bbox[3] - upper.bbox[3]) <= GRID_TOLERANCE
            and not _ENUMERATOR_RE.match(cell.text)
            # a group label (with sub-row labels to its right) both sides of the break
            and has_sublabel(first, cell)
            and has_sublabel(upper.rows[-1], above)
        ):
            above.text = join_cell_lines([above.text, cell.text])
            continue
        keep.append(cell)
    first.cells = keep


def _row_of(table: PdfTable, cell: PdfCell | None) -> PdfRow | None:
    return next((row for row in table.rows if cell is not None and cell in row.cells), None)


def _last_cell_in_column(table: PdfTable, grid_col: int) -> PdfCell | None:
    for row in reversed(table.rows):
        for c in row.cells:
            if c.grid_col == grid_col:
                return c
    return None
