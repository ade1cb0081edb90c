"""HTML → :class:`Document` (lxml).

Paragraph-level blocks (p, h1–h6, li, div text, ``<br>``-separated runs) become
text lines.  Tables are expanded to a grid for rowspan/colspan, but each
physical cell is emitted once, as a token with its ``grid_col`` and ``span``;
one line per ``<tr>``.  Sources carry the table index (0-based, in document
order), the row and the grid column; being frozen and recurring from report to
report, those grid sources are shared (a bounded memo).  Scripts, styles and
comments are dropped.

The tree is lxml.etree's (libxml2's HTML parser), not lxml.html's: the same
tree without a Python class lookup for every element.  Parsing is most of the
reader's time that is left; the rest is a Python step per cell and per element
outside the tables.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from xxgk.errors import ReadError
from xxgk.read.document import MEMO_MAX_CHARS, Document, Line, Token
from xxgk.read.text import fast_source
from xxgk.report import Source

BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "dt",
        "dd",
        "center",
        "form",
        "body",
    ]
)
SKIP_TAGS = frozenset(["script", "style", "noscript", "head", "iframe", "object", "template"])
_WS_RE = re.compile(r"[ \t\r\n\f\v\xa0]+")
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
MAX_SPAN = 100  # a rowspan/colspan larger than this is a broken attribute
# lxml.html's parser is this one plus a Python class lookup that makes every element
# an HtmlElement: the same tree, but each element visited cost a Python call
_PARSER = etree.HTMLParser()
_tostring = etree.tostring


def _clean(text: str) -> str:
    """Whitespace runs as one space, trimmed (memoised up to :data:`MEMO_MAX_CHARS`:
    most cells of a report print the same few texts — ``0`` with the same indentation)."""
    if len(text) > MEMO_MAX_CHARS:
        return _WS_RE.sub(" ", text).strip()
    return _clean_short(text)


@lru_cache(maxsize=8192)
def _clean_short(text: str) -> str:
    return _WS_RE.sub(" ", text).strip()


def _span(value: str) -> int:
    """A rowspan/colspan attribute as a count (1 when broken)."""
    try:
        return max(1, min(MAX_SPAN, int(value.strip() or 1)))
    except ValueError:
        return 1


# The sources of table cells and rows, shared: a Source is frozen, and a grid position
# (table, row, column) recurs from report to report — the official tables have the same
# shape — while building one costs more than the rest of the cell.  Bounded in count.
MAX_GRID_SOURCES = 8192


@lru_cache(maxsize=MAX_GRID_SOURCES)
def _grid_source(table: int, row: int, col: int | None) -> Source:
    """``Source(kind="html", table=…, row=…, col=…)`` (``col`` left unset for a row)."""
    if col is None:
        return fast_source(kind="html", table=table, row=row)
    return fast_source(kind="html", table=table, row=row, col=col)


def _rows(table: etree._Element) -> list[etree._Element]:
    rows: list[etree._Element] = []
    for child in table:
        if child.tag == "tr":  # a comment's tag is a function: equal to no name
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in child if r.tag == "tr")
    return rows


def table_lines(table: etree._Element, index: int) -> list[Line]:
    """One line per row; cells once each, placed on the expanded grid.

    A cell's text is its own and its descendants' (XPath ``string()``: scripts
    included, comments not), whitespace-collapsed; a cell without children — most
    of them — is just its ``.text``."""
    lines: list[Line] = []
    # grid column → the first row below that a rowspan from an earlier row leaves free;
    # the cells of one row are placed left to right, so a row's own spans never collide
    below: dict[int, int] = {}
    for r, tr in enumerate(_rows(table)):
        c = 0
        tokens: list[Token] = []
        for cell in tr:
            tag = cell.tag
            if tag != "td" and tag != "th":
                continue
            if below:
                while below.get(c, 0) > r:
                    c += 1
            cs = 1
            names = cell.keys()  # most cells have no attribute, or only a class
            if names:
                if "colspan" in names:
                    cs = _span(cell.get("colspan", ""))
                if "rowspan" in names and (rs := _span(cell.get("rowspan", ""))) > 1:
                    end = r + rs
                    for col in range(c, c + cs):
                        if below.get(col, 0) < end:
                            below[col] = end
            text = _tostring(cell, method="text", encoding=str, with_tail=False) if len(cell) else cell.text or ""
            tokens.append(Token(_clean(text), _grid_source(index, r, c), c, cs))
            c += cs
        if tokens:
            lines.append(Line(tokens, _grid_source(index, r, None), table=index))
    return lines


class _Walker:
    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.buffer: list[str] = []
        self.tables = 0
        self.blocks = 0
        self.line: int | None = None  # the file line of the element whose text starts the block

    def add(self, text: str, el: etree._Element) -> None:
        if not self.buffer:
            line: object = el.sourceline  # lxml-stubs give it a wrong type
            self.line = line if isinstance(line, int) else None
        self.buffer.append(text)

    def flush(self) -> None:
        text = _clean("".join(self.buffer))
        self.buffer = []
        if text:
            source = fast_source(kind="html", row=self.blocks, line=self.line)
            self.lines.append(Line([Token(text, source)], source))
            self.blocks += 1

    def walk(self, el: etree._Element) -> None:
        tag = el.tag
        if not isinstance(tag, str) or tag in SKIP_TAGS:
            pass
        elif tag == "table":
            if self.buffer:
                self.flush()
            self.lines.extend(table_lines(el, self.tables))
            self.tables += 1
        else:
            block = tag in BLOCK_TAGS
            if self.buffer and (block or tag == "br"):
                self.flush()
            if el.text:
                self.add(el.text, el)
            for child in el:
                self.walk(child)
            if block and self.buffer:
                self.flush()
        if el.tail:
            self.add(el.tail, el)


def read_html(text: str, path: str = "") -> Document:
    """Decoded HTML → Document."""
    text = _XML_DECL_RE.sub(lambda m: "\n" * m.group(0).count("\n"), text, count=1)  # lines keep their numbers
    try:
        root = etree.fromstring(text, _PARSER)
        if root is None:
            raise etree.ParserError("Document is empty")
    except (etree.ParserError, ValueError) as exc:
        raise ReadError(f"无法解析HTML：{exc}", code="read.bad_html", path=path) from exc
    doc = Document(path=path, kind="html")
    title = root.find(".//title")
    if title is not None and title.text:
        doc.title = _clean(title.text)
    body = root.find("body")
    walker = _Walker()
    walker.walk(body if body is not None else root)
    walker.flush()
    doc.lines = walker.lines
    return doc
