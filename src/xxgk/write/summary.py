"""A human-readable summary of a parsed report: metadata, the three tables as a
person reads them (official labels, one row per line), prose facts, and what
could not be read."""

from __future__ import annotations

import unicodedata

from xxgk.read.meta import LEVEL_LABELS
from xxgk.report import AnnualReport, Cell

FACT_LABELS = {
    "proactive_total": "主动公开信息总数",
    "applications_received": "收到申请数",
    "npc_suggestions": "人大代表建议",
    "cppcc_proposals": "政协提案",
    "fees_collected": "收取信息处理费（元）",
}
CHANNEL_LABELS = {"website": "政府网站", "wechat": "政务微信", "weibo": "政务微博", "board": "公开栏", "other": "其他"}
EDITION_LABELS = {
    "2019_trial": "2019年试行格式（国办公开办函〔2019〕60号）",
    "2021": "2021年格式（国办公开办函〔2021〕30号）",
}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    fill = " " * max(0, width - _width(text))
    return fill + text if right else text + fill


def cell_text(cell: Cell) -> str:
    if cell.kind == "number":
        return cell.raw if cell.raw and cell.unit else str(cell.value)
    return {"blank": "（空）", "na": "—", "unread": "？"}[cell.kind]


def _unread_by_row(report: AnnualReport) -> list[tuple[str, str]]:
    """Unread cells grouped by row and reason: ``表三 4.保护第三方合法权益（全部7列）``."""
    spec = report.spec
    grouped: dict[tuple[str, str, str], list[str]] = {}
    for u in report.unread:
        table_key, row_key, col_key = u.cell.split(".", 2)
        grouped.setdefault((table_key, row_key, u.reason), []).append(col_key)
    found: list[tuple[str, str]] = []
    for (table_key, row_key, reason), cols in grouped.items():
        table = spec.table(table_key)
        group = table.group_of(row_key)
        row = table.row(row_key)
        names = {c.key: "/".join((*c.group_path, c.label)) for c in group.columns}
        which = (
            f"全部{len(cols)}列"
            if len(cols) == len(group.columns) and len(cols) > 1
            else "、".join(names[c] for c in cols)
        )
        found.append((f"表{table.number} {row.label or '数量'}（{which}）", reason))
    return found


def _note_place(report: AnnualReport, cell: str | None) -> str:
    """``（表三 （一）予以公开）`` for a note about a row; empty when the note is not about one."""
    if not cell or cell.count(".") < 1:
        return ""
    table_key, row_key = cell.split(".")[:2]
    try:
        table = report.spec.table(table_key)
        row = table.row(row_key)
    except KeyError:
        return ""
    return f"（表{table.number} {row.label or '数量'}）"


def summary_text(report: AnnualReport) -> str:
    spec = report.spec
    out: list[str] = []
    out.append(f"文件：{report.file or '—'}")
    out.append(f"机关：{report.agency or '（未识别）'}    年度：{report.year or '（未识别）'}")
    if report.region or report.level:
        level = LEVEL_LABELS.get(report.level or "", "（未识别）")
        out.append(f"地区：{report.region or '（未识别）'}    层级：{level}")
    out.append(f"格式：{EDITION_LABELS.get(report.edition, report.edition)}")
    for tkey in ("table_2", "table_3", "table_4"):
        table = spec.table(tkey)
        out.append("")
        out.append(f"{table.number}、{table.label}")
        for group in table.groups:
            if group.caption:
                out.append(f"  {group.caption}")
            labels = [c.label if not c.group_path else "/".join((*c.group_path, c.label)) for c in group.columns]
            rows = group.data_rows
            names = ["  " * r.level + (r.label or "数量") for r in rows]
            name_w = max(_width(n) for n in names) + 2
            col_w = [max(_width(lbl), 6) + 1 for lbl in labels]
            if tkey == "table_4":
                for col, lbl in zip(group.columns, labels, strict=True):
                    c = report.cell(f"{tkey}.{rows[0].key}.{col.key}")
                    out.append(f"    {_pad(lbl, 40)}{cell_text(c)}")
                continue
            out.append(
                "    " + _pad("", name_w) + "".join(_pad(lbl, w, True) for lbl, w in zip(labels, col_w, strict=True))
            )
            headers = {r.key: r for r in group.rows if not r.is_data}
            for row, name in zip(rows, names, strict=True):
                # a group heading (（三）不予公开) is printed before its first sub-row
                parent = headers.pop(row.parent, None) if row.parent else None
                if parent is not None and parent.label:
                    out.append("    " + "  " * parent.level + parent.label)
                values = [cell_text(report.cell(f"{tkey}.{row.key}.{c.key}")) for c in group.columns]
                out.append(
                    "    " + _pad(name, name_w) + "".join(_pad(v, w, True) for v, w in zip(values, col_w, strict=True))
                )
    if report.facts or report.channel_facts:
        out.append("")
        out.append("正文中的数字")
        for key, fact in report.facts.items():
            out.append(f"    {FACT_LABELS.get(key, key)}：{fact.value}")
        for key, fact in report.channel_facts.items():
            out.append(f"    主动公开·{CHANNEL_LABELS.get(key, key)}：{fact.value}")
    if report.unread:
        out.append("")
        out.append(f"未能确定的单元格（{len(report.unread)}个，未作猜测）")
        groups = _unread_by_row(report)
        for where, reason in groups[:40]:
            out.append(f"    {where}：{reason}")
        if len(groups) > 40:
            out.append(f"    ……另有{len(groups) - 40}处")
    for note in report.notes:
        out.append(f"说明[{note.code}]{_note_place(report, note.cell)}：{note.message}")
    return "\n".join(out)
