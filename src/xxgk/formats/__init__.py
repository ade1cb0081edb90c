"""The official annual-report formats, held once as data.

``editions.json`` is the project's copy of ``shared/spec/editions.json`` (the
national formats 国办公开办函〔2019〕60号 and 〔2021〕30号); ``aliases.json``
adds label variants seen in published reports.  Everything else — parsers,
checks, renderers — reads the typed objects built here and never repeats a
label in code.

Every table is a stack of *groups*: table 二 has one group per 第二十条 item,
tables 三 and 四 have a single group.  A cell key is
``<table>.<row>.<column>`` (e.g. ``table_3.new_received.total``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

ValueKind = Literal["count", "signed", "money"]
RowKind = Literal["data", "header"]

TABLE_KEYS = ("table_2", "table_3", "table_4")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    value_kind: ValueKind
    is_total: bool = False
    group: str | None = None
    group_path: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    unit: str | None = None  # "万元" for money columns


@dataclass(frozen=True)
class Row:
    key: str
    label: str | None
    kind: RowKind = "data"
    level: int = 0
    parent: str | None = None
    is_total: bool = False
    aliases: tuple[str, ...] = ()

    @property
    def is_data(self) -> bool:
        return self.kind == "data"


@dataclass(frozen=True)
class Group:
    """A block of rows sharing the same columns (a 第二十条 item of table 二,
    or the whole of table 三 / 四)."""

    key: str
    caption: str | None
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    first_header_cell: str | None = None

    @property
    def data_rows(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.is_data)

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)


@dataclass(frozen=True)
class Table:
    key: str
    number: str
    label: str
    groups: tuple[Group, ...]
    printed_note: str | None = None
    column_header_levels: tuple[tuple[dict[str, Any], ...], ...] = ()

    @property
    def rows(self) -> tuple[Row, ...]:
        return tuple(r for g in self.groups for r in g.rows)

    @property
    def data_rows(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.is_data)

    def group_of(self, row_key: str) -> Group:
        for g in self.groups:
            if any(r.key == row_key for r in g.rows):
                return g
        raise KeyError(row_key)

    def row(self, key: str) -> Row:
        for r in self.rows:
            if r.key == key:
                return r
        raise KeyError(key)

    def cell_keys(self) -> list[str]:
        return [f"{self.key}.{r.key}.{c.key}" for g in self.groups for r in g.data_rows for c in g.columns]


@dataclass(frozen=True)
class Section:
    key: str
    number: str
    label: str
    variants: tuple[str, ...] = ()
    table: str | None = None


@dataclass(frozen=True)
class Relation:
    """A 勾稽关系 as given by the editions data (``raw`` keeps every field)."""

    id: str
    kind: str
    table: str
    type: str
    severity: str
    equation: str
    raw: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class CellSpec:
    key: str
    table: Table
    group: Group
    row: Row
    column: Column


@dataclass(frozen=True)
class Edition:
    key: str
    title: str
    document_number: str
    years_from: int
    years_to: int | None
    sections: tuple[Section, ...]
    tables: dict[str, Table]
    relations: tuple[Relation, ...]

    def table(self, key: str) -> Table:
        return self.tables[key]

    def cell_keys(self) -> list[str]:
        return [k for t in TABLE_KEYS for k in self.tables[t].cell_keys()]

    def cell(self, key: str) -> CellSpec:
        return _cell_index(self.key)[key]

    def has_cell(self, key: str) -> bool:
        return key in _cell_index(self.key)

    def applies_to(self, year: int) -> bool:
        return year >= self.years_from and (self.years_to is None or year <= self.years_to)


# --------------------------------------------------------------------------- labels

_PUNCT_RE = re.compile(r"[\s\u3000\"'“”‘’「」『』、，,.。．:：;；!！?？·・\-—–_/\\|（）()【】\[\]《》<>]+")


def normalize_label(text: str) -> str:
    """The form in which two labels are compared: NFKC (full/half width),
    no whitespace, no punctuation or brackets, simplified forms of the few
    traditional characters seen in mirrored reports."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_TRAD_TO_SIMP)
    return _PUNCT_RE.sub("", text)


def _strip_note(alias: str) -> str:
    """editions.json writes notes after variants: '商业机构 (UNCONFIRMED variant)'."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", alias).strip()


# Traditional characters that occur in the labels of the formats (mirror sites
# convert whole pages).  Only characters of labels matter for matching.
_TRAD_SIMP_PAIRS = (
    "數数 過过 處处 請请 結结 轉转 續续 體体 況况 開开 復复 議议 訟讼 計计 總总 維维 "
    "糾纠 審审 訴诉 經经 與与 產产 實实 將将 機机 關关 規规 範范 號号 項项 內内 務务 "
    "資资 權权 護护 屬属 國国 險险 穩稳 決决 個个 會会 構构 業业 組组 織织 無无 現现 "
    "補补 後后 確确 認认 舉举 報报 訪访 複复 當当 負负 責责 費费 額额 單单 萬万 許许 "
    "罰罚 強强 製制 發发 廢废 採采 購购 類类 應应 級级 門门 區区 縣县 鎮镇 鄉乡 辦办 "
    "據据 統统 係系 為为 條条 問问 題题 進进 們们 從从 證证 際际 納纳 繳缴 該该 衛卫 "
    "濟济 視视 諮咨 詢询 聯联 電电 話话 網网 聽听 見见 導导 務务 樣样 專专 職职 員员 "
    "圍围 劃划 盡尽 執执 閱阅 歸归 檔档 檢检 驗验 傳传 真真 郵邮 紙纸 戶户 "
)
_TRAD_TO_SIMP = str.maketrans({p[0]: p[1] for p in _TRAD_SIMP_PAIRS.split() if p[0] != p[1]})


# --------------------------------------------------------------------------- loading


def _value_kind(type_text: str | None) -> ValueKind:
    t = (type_text or "").lower()
    if "signed" in t:
        return "signed"
    if "amount" in t or "decimal" in t:
        return "money"
    return "count"


def _load_aliases() -> dict[str, Any]:
    data = resources.files(__package__).joinpath("aliases.json").read_text("utf-8")
    aliases: dict[str, Any] = json.loads(data)
    return aliases


def _aliases(d: dict[str, Any], extra: dict[str, list[str]]) -> tuple[str, ...]:
    found = [_strip_note(a) for a in d.get("alias_inputs", ())] + list(extra.get(d["key"], ()))
    return tuple(dict.fromkeys(found))


def _row(d: dict[str, Any], extra: dict[str, list[str]]) -> Row:
    aliases = _aliases(d, extra)
    return Row(
        key=d["key"],
        label=d.get("label"),
        kind=d.get("kind", "data"),
        level=d.get("level", 0),
        parent=d.get("parent"),
        is_total=bool(d.get("is_total", False)),
        aliases=aliases,
    )


def _column(d: dict[str, Any], extra: dict[str, list[str]]) -> Column:
    aliases = _aliases(d, extra)
    kind = _value_kind(d.get("type"))
    unit = "万元" if kind == "money" else None
    return Column(
        key=d["key"],
        label=d["label"],
        value_kind=kind,
        is_total=bool(d.get("is_total", False)),
        group=d.get("group"),
        group_path=tuple(d.get("group_path", ())),
        aliases=aliases,
        unit=unit,
    )


def _table(d: dict[str, Any], aliases: dict[str, Any]) -> Table:
    row_alias = aliases.get("rows", {})
    col_alias = aliases.get("columns", {})
    if "groups" in d:
        groups = tuple(
            Group(
                key=g["key"],
                caption=g.get("caption"),
                columns=tuple(_column(c, col_alias) for c in g["columns"]),
                rows=tuple(_row(r, row_alias) for r in g["rows"]),
                first_header_cell=g.get("first_header_cell"),
            )
            for g in d["groups"]
        )
    else:
        groups = (
            Group(
                key=d["key"],
                caption=None,
                columns=tuple(_column(c, col_alias) for c in d["columns"]),
                rows=tuple(_row(r, row_alias) for r in d["rows"]),
            ),
        )
    levels = tuple(tuple(level) for level in d.get("column_header_levels", ()))
    return Table(
        key=d["key"],
        number=d["number"],
        label=d["label"],
        groups=groups,
        printed_note=d.get("printed_note"),
        column_header_levels=levels,
    )


@cache
def raw_editions() -> dict[str, Any]:
    """editions.json as loaded (for tools that want the untyped data)."""
    text = resources.files(__package__).joinpath("editions.json").read_text("utf-8")
    editions: dict[str, Any] = json.loads(text)
    return editions


@cache
def editions() -> dict[str, Edition]:
    raw = raw_editions()
    aliases = _load_aliases()
    result: dict[str, Edition] = {}
    for key, e in raw["editions"].items():
        years = e.get("applies_to_report_years", {})
        sections = tuple(
            Section(
                key=s["key"],
                number=s["number"],
                label=s["label"],
                variants=tuple(s.get("label_variants", ())),
                table=s.get("table"),
            )
            for s in e["sections"]
        )
        tables = {tk: _table(td, aliases) for tk, td in e["tables"].items()}
        relations = tuple(
            Relation(
                id=r["id"],
                kind=r["kind"],
                table=r["table"],
                type=r["type"],
                severity=r["severity"],
                equation=r["equation"],
                raw=r,
            )
            for r in e["relations"]
        )
        result[key] = Edition(
            key=key,
            title=e["title"],
            document_number=e["document_number"],
            years_from=int(years.get("from", 0)),
            years_to=years.get("to"),
            sections=sections,
            tables=tables,
            relations=relations,
        )
    return result


EDITION_KEYS = ("2019_trial", "2021")


def get_edition(key: str) -> Edition:
    try:
        return editions()[key]
    except KeyError:
        raise KeyError(f"unknown edition {key!r}; known: {', '.join(EDITION_KEYS)}") from None


def edition_for_year(year: int) -> Edition:
    """The edition the format prescribes for a report year (2019–2020 trial, 2021 on)."""
    for e in editions().values():
        if e.applies_to(year):
            return e
    if year < 2019:
        raise ValueError(f"no national format for report year {year} (formats start with 2019)")
    return get_edition("2021")


@cache
def _cell_index(edition_key: str) -> dict[str, CellSpec]:
    e = editions()[edition_key]
    index: dict[str, CellSpec] = {}
    for t in TABLE_KEYS:
        table = e.tables[t]
        for g in table.groups:
            for r in g.data_rows:
                for c in g.columns:
                    k = f"{t}.{r.key}.{c.key}"
                    index[k] = CellSpec(key=k, table=table, group=g, row=r, column=c)
    return index


def split_key(key: str) -> tuple[str, str, str]:
    table, row, column = key.split(".", 2)
    return table, row, column


def edition_detection_signals() -> list[dict[str, str]]:
    return list(raw_editions().get("edition_detection", ()))
