"""The annual report as data: the one model shared by the parser, the checks,
the renderers and the registers.

A report holds, for every cell of tables 二/三/四 of its edition, the value *as
published* with its raw text, its kind and where it came from.  Nothing here
repairs a number: a wrong sum is kept and left to the checks.

JSON form (the contract of ``xxgk parse --json``; schema in
``xxgk/schemas/annual-report.schema.json``)::

    {"file", "agency", "year", "edition", "cells": {KEY: {"value", "raw", "kind", "source"}},
     "facts": {...}, "unread": [{"cell", "reason"}], ...}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any, Literal

from xxgk.formats import TABLE_KEYS, Edition, get_edition
from xxgk.formats.labels import cell_labels

CellKind = Literal["number", "blank", "na", "unread"]
CELL_KINDS: tuple[CellKind, ...] = ("number", "blank", "na", "unread")
SourceKind = Literal["text", "html", "docx", "pdf", "xlsx", "register", "json"]

Number = int | Decimal


@dataclass(frozen=True)
class Source:
    """Where a value came from.  Only the fields that apply are set:

    * text: ``line`` (1-based) and ``column`` (0-based character offset in the line),
      ``offset`` (character offset in the decoded document);
    * html/docx: ``table`` (0-based index in the document), ``row``, ``col`` (0-based, in the
      expanded grid);
    * pdf: ``page`` (1-based) and ``bbox`` (x0, top, x1, bottom in PDF points);
    * xlsx: ``sheet`` (the worksheet's name) and ``ref`` (the cell, ``C7``), with ``table``
      (0-based sheet index), ``row``, ``col`` (0-based);
    * register: ``query`` (what was counted).
    """

    kind: SourceKind
    line: int | None = None
    column: int | None = None
    offset: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    text: str | None = None
    query: str | None = None
    sheet: str | None = None
    ref: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"kind": self.kind}
        for name in ("line", "column", "offset", "table", "row", "col", "page", "text", "query", "sheet", "ref"):
            v = getattr(self, name)
            if v is not None:
                d[name] = v
        if self.bbox is not None:
            d["bbox"] = [round(x, 2) for x in self.bbox]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Source:
        bbox = d.get("bbox")
        return cls(
            kind=d["kind"],
            line=d.get("line"),
            column=d.get("column"),
            offset=d.get("offset"),
            table=d.get("table"),
            row=d.get("row"),
            col=d.get("col"),
            page=d.get("page"),
            bbox=tuple(bbox) if bbox is not None else None,
            text=d.get("text"),
            query=d.get("query"),
            sheet=d.get("sheet"),
            ref=d.get("ref"),
        )

    def describe(self) -> str:
        """A short Chinese description of the location, for people."""
        if self.kind == "pdf" and self.page is not None:
            return f"第{self.page}页" + (f" 位置{tuple(round(x) for x in self.bbox)}" if self.bbox else "")
        if self.kind == "xlsx" and self.sheet is not None:
            return f"工作表“{self.sheet}”" + (f" 单元格{self.ref}" if self.ref else "")
        if self.kind in ("html", "docx", "xlsx") and self.table is not None:
            return f"第{self.table + 1}个表格 第{(self.row or 0) + 1}行 第{(self.col or 0) + 1}列"
        if self.line is not None:
            return f"第{self.line}行" + (f" 第{self.column + 1}字" if self.column is not None else "")
        if self.query:
            return self.query
        return self.kind


@dataclass
class Cell:
    """One cell of a table as published.

    ``value`` is an ``int`` for counts and a ``Decimal`` in 万元 for money;
    ``None`` unless ``kind == "number"``.  ``raw`` is the published text.
    """

    key: str
    kind: CellKind
    value: Number | None = None
    raw: str | None = None
    source: Source | None = None
    unit: str | None = None  # the unit printed with the raw text, e.g. "元"
    note: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in CELL_KINDS:
            raise ValueError(f"{self.key}: unknown cell kind {self.kind!r}")
        if self.kind == "number" and self.value is None:
            raise ValueError(f"{self.key}: a number cell needs a value")
        if self.kind != "number" and self.value is not None:
            raise ValueError(f"{self.key}: a {self.kind} cell has no value")

    @property
    def is_number(self) -> bool:
        return self.kind == "number"

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "value": _json_number(self.value),
            "raw": self.raw,
            "kind": self.kind,
            "source": self.source.to_dict() if self.source else None,
        }
        if self.unit is not None:
            d["unit"] = self.unit
        if self.note is not None:
            d["note"] = self.note
        return d

    @classmethod
    def from_dict(cls, key: str, d: dict[str, Any]) -> Cell:
        published = d.get("value")
        value: Number | None = None
        if isinstance(published, float) or (isinstance(published, str) and published):
            value = Decimal(str(published))
        elif isinstance(published, int):
            value = published
        src = d.get("source")
        return cls(
            key=key,
            kind=d["kind"],
            value=value,
            raw=d.get("raw"),
            source=Source.from_dict(src) if src else None,
            unit=d.get("unit"),
            note=d.get("note"),
        )


_new = object.__new__


def new_cell(
    key: str, kind: CellKind, value: Number | None, raw: str | None, source: Source | None, unit: str | None = None
) -> Cell:
    """``Cell(key, kind, value, raw, source, unit)`` without the checks of
    ``__post_init__``, for the parser, which places a hundred cells per report and
    whose every cell is valid by construction (a number has a value, nothing else
    has one).  The object is the same as the constructor's, field for field."""
    cell: Cell = _new(Cell)
    cell.key = key
    cell.kind = kind
    cell.value = value
    cell.raw = raw
    cell.source = source
    cell.unit = unit
    cell.note = None
    return cell


@dataclass(frozen=True)
class Unread:
    """A cell the reader could not read with certainty (never guessed)."""

    cell: str
    reason: str
    source: Source | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"cell": self.cell, "reason": self.reason}
        if self.source is not None:
            d["source"] = self.source.to_dict()
        return d


def new_unread(cell: str, reason: str, source: Source | None) -> Unread:
    """``Unread(cell, reason, source)`` without the frozen-dataclass constructor (a
    damaged report has a hundred of them: three times faster).  The object is the
    same as the constructor's, field for field."""
    u: Unread = _new(Unread)
    d = u.__dict__
    d["cell"] = cell
    d["reason"] = reason
    d["source"] = source
    return u


@dataclass(frozen=True)
class Note:
    """Something the reader noticed and wants a person to know (a surplus value
    it ignored, a unit it converted, an edition that does not match the year)."""

    code: str
    message: str
    cell: str | None = None
    source: Source | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.cell is not None:
            d["cell"] = self.cell
        if self.source is not None:
            d["source"] = self.source.to_dict()
        return d


@dataclass(frozen=True)
class SectionMark:
    """Where one of the six sections (一 … 六) starts in the source."""

    key: str
    number: str
    label: str
    source: Source | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"key": self.key, "number": self.number, "label": self.label}
        if self.source is not None:
            d["source"] = self.source.to_dict()
        return d


FACT_KEYS = (
    "proactive_total",
    "proactive_by_channel",
    "applications_received",
    "npc_suggestions",
    "cppcc_proposals",
    "fees_collected",
)
CHANNEL_KEYS = ("website", "wechat", "weibo", "board", "other")


@dataclass(frozen=True)
class Fact:
    """A number stated in the prose (e.g. 全年主动公开政府信息773条)."""

    value: Number
    raw: str
    source: Source | None = None


@cache
def edition_cell_keys(edition_key: str) -> tuple[str, ...]:
    """Every cell key of an edition, in order (built once per edition)."""
    return tuple(get_edition(edition_key).cell_keys())


@dataclass
class AnnualReport:
    edition: str
    year: int | None = None
    agency: str | None = None
    file: str | None = None
    level: str | None = None
    region: str | None = None
    cells: dict[str, Cell] = field(default_factory=dict)
    unread: list[Unread] = field(default_factory=list)
    facts: dict[str, Fact] = field(default_factory=dict)
    channel_facts: dict[str, Fact] = field(default_factory=dict)
    sections: list[SectionMark] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # section key -> prose (for renderers)
    edition_evidence: str | None = None
    # numbers printed on a group row of table 三 that the format prints without numbers of
    # its own (a subtotal on （三）不予公开, or 2021's （六）其他处理 printed as one row without
    # its sub-rows): ``table_3.<group row>.<column>`` -> the cell as printed
    printed_groups: dict[str, Cell] = field(default_factory=dict)

    # ------------------------------------------------------------------ access
    @property
    def spec(self) -> Edition:
        return get_edition(self.edition)

    def cell(self, key: str) -> Cell:
        """The cell with this key; an ``unread`` cell if the report does not have it."""
        found = self.cells.get(key)
        if found is not None:
            return found
        if not self.spec.has_cell(key):
            raise KeyError(f"{key} is not a cell of edition {self.edition}")
        return Cell(key=key, kind="unread")

    def value(self, key: str) -> Number | None:
        c = self.cells.get(key)
        return c.value if c is not None and c.kind == "number" else None

    def set_number(self, key: str, value: Number, raw: str | None = None, source: Source | None = None) -> None:
        self._check_key(key)
        self.cells[key] = Cell(
            key=key, kind="number", value=value, raw=raw if raw is not None else str(value), source=source
        )

    def set_cell(self, cell: Cell) -> None:
        self._check_key(cell.key)
        self.cells[cell.key] = cell

    def mark_unread(self, key: str, reason: str, source: Source | None = None) -> None:
        self._check_key(key)
        self.cells[key] = Cell(key=key, kind="unread", source=source)
        self.unread = [u for u in self.unread if u.cell != key]
        self.unread.append(Unread(cell=key, reason=reason, source=source))

    def complete(self, reason: str = "表格中未找到该单元格") -> None:
        """Mark every cell of the edition that is still missing as unread."""
        missing = [k for k in edition_cell_keys(self.edition) if k not in self.cells]
        if not missing:
            return
        gone = set(missing)
        if any(u.cell in gone for u in self.unread):
            self.unread = [u for u in self.unread if u.cell not in gone]
        for key in missing:  # as mark_unread, once for all
            self.cells[key] = Cell(key=key, kind="unread")
            self.unread.append(Unread(cell=key, reason=reason))

    def _check_key(self, key: str) -> None:
        if not self.spec.has_cell(key):
            raise KeyError(f"{key} is not a cell of edition {self.edition}")

    def is_group_key(self, key: str) -> bool:
        """``<table>.<group row>.<column>``: a row of the edition that is printed
        without numbers of its own (a group heading) and a column of its table."""
        parts = key.split(".")
        if len(parts) != 3 or parts[0] not in TABLE_KEYS:
            return False
        table = self.spec.table(parts[0])
        row = next((r for r in table.rows if r.key == parts[1]), None)
        if row is None or row.is_data:
            return False
        return any(c.key == parts[2] for c in table.group_of(row.key).columns)

    # ------------------------------------------------------------------ JSON
    def to_dict(self) -> dict[str, Any]:
        keys = edition_cell_keys(self.edition)
        labels = cell_labels(self.edition)  # the official labels ride along with the keys
        cells = {
            k: {**self.cell(k).to_dict(), "label": {"row": list(labels[k][0]), "column": list(labels[k][1])}}
            for k in keys
        }
        facts: dict[str, Any] = {k: _json_number(f.value) for k, f in self.facts.items()}
        if self.channel_facts:
            facts["proactive_by_channel"] = {k: _json_number(f.value) for k, f in self.channel_facts.items()}
        fact_sources: dict[str, Any] = {
            k: {"raw": f.raw, "source": f.source.to_dict() if f.source else None} for k, f in self.facts.items()
        }
        for k, f in self.channel_facts.items():
            fact_sources[f"proactive_by_channel.{k}"] = {
                "raw": f.raw,
                "source": f.source.to_dict() if f.source else None,
            }
        return {
            "file": self.file,
            "agency": self.agency,
            "year": self.year,
            "edition": self.edition,
            "edition_evidence": self.edition_evidence,
            "level": self.level,
            "region": self.region,
            "cells": cells,
            **(
                {"printed_groups": {k: c.to_dict() for k, c in self.printed_groups.items()}}
                if self.printed_groups
                else {}
            ),
            "facts": facts,
            "fact_sources": fact_sources,
            "unread": [u.to_dict() for u in self.unread],
            "sections": [s.to_dict() for s in self.sections],
            "notes": [n.to_dict() for n in self.notes],
            "texts": dict(self.texts),
        }

    def to_json(self, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> AnnualReport:
        report = cls(
            edition=d["edition"],
            year=d.get("year"),
            agency=d.get("agency"),
            file=d.get("file"),
            level=d.get("level"),
            region=d.get("region"),
            edition_evidence=d.get("edition_evidence"),
        )
        spec = report.spec
        for key, cd in (d.get("cells") or {}).items():
            if not spec.has_cell(key):
                raise ValueError(f"{key} is not a cell of edition {report.edition}")
            report.cells[key] = Cell.from_dict(key, cd)
        for key, cd in (d.get("printed_groups") or {}).items():
            if not report.is_group_key(key):
                raise ValueError(f"{key} is not a group row cell of edition {report.edition}")
            report.printed_groups[key] = Cell.from_dict(key, cd)
        report.unread = [
            Unread(
                cell=u["cell"], reason=u["reason"], source=Source.from_dict(u["source"]) if u.get("source") else None
            )
            for u in d.get("unread") or []
        ]
        sources = d.get("fact_sources") or {}
        for k, v in (d.get("facts") or {}).items():
            if k == "proactive_by_channel" and isinstance(v, dict):
                for ck, cv in v.items():
                    s = sources.get(f"proactive_by_channel.{ck}") or {}
                    report.channel_facts[ck] = Fact(_from_json_number(cv), s.get("raw") or str(cv), _src(s))
            elif v is not None:
                s = sources.get(k) or {}
                report.facts[k] = Fact(_from_json_number(v), s.get("raw") or str(v), _src(s))
        report.sections = [
            SectionMark(s["key"], s["number"], s["label"], Source.from_dict(s["source"]) if s.get("source") else None)
            for s in d.get("sections") or []
        ]
        report.notes = [
            Note(n["code"], n["message"], n.get("cell"), Source.from_dict(n["source"]) if n.get("source") else None)
            for n in d.get("notes") or []
        ]
        report.texts = dict(d.get("texts") or {})
        return report

    @classmethod
    def from_json(cls, text: str) -> AnnualReport:
        return cls.from_dict(json.loads(text))


def _src(d: dict[str, Any]) -> Source | None:
    s = d.get("source")
    return Source.from_dict(s) if s else None


def _json_number(v: Number | None) -> int | float | None:
    if v is None:
        return None
    if isinstance(v, Decimal):
        exponent = v.as_tuple().exponent  # 'n', 'N' or 'F' for NaN and infinity
        return int(v) if isinstance(exponent, int) and exponent >= 0 and v == v.to_integral_value() else float(v)
    return v


def _from_json_number(v: Any) -> Number:
    if isinstance(v, bool):
        raise ValueError("a boolean is not a number")
    if isinstance(v, int):
        return v
    return Decimal(str(v))
