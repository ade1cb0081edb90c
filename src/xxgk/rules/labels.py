"""Chinese names of tables, rows and columns for messages, read from the
editions data (never typed here)."""

from __future__ import annotations

import re

from xxgk.formats import Edition, Row, split_key

# "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" → "（二）部分公开": drop a trailing
# printed note, keep the leading number.
_TRAILING_NOTE = re.compile(r"(?<=[^（(])[（(][^（）()]*[）)]$")


def short_row_label(row: Row) -> str:
    return _TRAILING_NOTE.sub("", row.label or "")


def table_name(edition: Edition, table_key: str) -> str:
    return f"表{edition.table(table_key).number}"


def column_name(edition: Edition, key: str) -> str:
    spec = edition.cell(key)
    col = spec.column
    return "/".join((*col.group_path, col.label)) if col.group_path else col.label


def row_name(edition: Edition, key: str) -> str:
    spec = edition.cell(key)
    return short_row_label(spec.row)


def cell_name(edition: Edition, key: str) -> str:
    """e.g. 表三「一、本年新收政府信息公开申请数量」行「自然人」列; 表四「行政复议/总计」."""
    table, _, _ = split_key(key)
    row = row_name(edition, key)
    col = column_name(edition, key)
    if not row:
        return f"{table_name(edition, table)}「{col}」"
    return f"{table_name(edition, table)}「{row}」行「{col}」列"


def row_core_label(row: Row) -> str:
    """The label without its list number: "（三）不予公开" → "不予公开"."""
    label = short_row_label(row)
    return re.sub(r"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+[.．、])", "", label)
