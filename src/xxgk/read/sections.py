"""Stage: document lines → the six sections (一 … 六) and the line range of
each table.

A heading is a line whose text, without its numbering (``二、``, ``（二）``,
``## 表二：``) and without the particle 的, is or starts with a section label of
the formats.  Reports renumber sections, so the number is not trusted; the
label is.  Each table's region runs from its heading to the next heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from xxgk.formats import editions
from xxgk.read.document import Document, Line
from xxgk.read.labels import norm
from xxgk.read.paragraphs import paragraph_text
from xxgk.report import SectionMark

_HEADING_PREFIX_RE = re.compile(
    r"^[#*>_\s]*(?:表[一二三四五六七八九十]+\s*[：:、.]?\s*)?"
    r"(?:第[一二三四五六七八九十]+部分\s*[：:、.]?\s*|[（(]?\s*[一二三四五六七八九十]{1,2}\s*[)）、.．]\s*)?"
)
_SUB_RE = re.compile(r"^\s*[（(]\s*[一二三四五六七八九十]")


@dataclass(frozen=True)
class Heading:
    key: str
    number: str
    label: str
    line: int
    sub: bool = False  # numbered like a sub-heading: （二）…
    numbered: bool = True  # a label without any numbering is likely prose listing the sections

    @property
    def rank(self) -> int:
        return 0 if self.numbered and not self.sub else 1 if self.numbered else 2


@cache
def _section_forms() -> tuple[tuple[str, str, str, str, str | None], ...]:
    """(normalised label without 的, key, number, label, table) per section label variant."""
    found: dict[str, tuple[str, str, str, str, str | None]] = {}
    for e in editions().values():
        for s in e.sections:
            for text in (s.label, *s.variants):
                n = norm(text).replace("的", "")
                found.setdefault(n, (n, s.key, s.number, s.label, s.table))
    return tuple(sorted(found.values(), key=lambda f: len(f[0]), reverse=True))


_TOP_NUMBER_RE = re.compile(r"^[#*\s]*([一二三四五六])\s*[、.．]\s*")
SHORT_HEADING_CHARS = 40


@cache
def _section_prefixes() -> dict[str, tuple[tuple[str, str, str, str | None], ...]]:
    """Section number → (label start, key, label, table): a numbered heading that
    words its label differently (一、总体概况, 五、存在的主要问题及整改措施) is
    recognised by the number and the start of the label."""
    found: dict[str, list[tuple[str, str, str, str | None]]] = {}
    for e in editions().values():
        for s in e.sections:
            n = norm(s.label)
            entry = (n[: max(2, min(4, len(n) - 2))], s.key, s.label, s.table)
            if entry not in found.setdefault(s.number, []):
                found[s.number].append(entry)
    return {k: tuple(v) for k, v in found.items()}


_TOP_NUMBER_STARTS = frozenset("#*一二三四五六")


def _reworded_heading(text: str, index: int) -> Heading | None:
    """A short line (the caller checks) numbered 一…六 whose label starts like a section label."""
    m = _TOP_NUMBER_RE.match(text)
    if m is None:
        return None
    body = norm(text[m.end() :])
    for prefix, key, label, _table in _section_prefixes().get(m.group(1), ()):
        if body.startswith(prefix):
            return Heading(key, m.group(1), label, index)
    return None


_HEADING_WORDS = ("情况", "事项", "情況", "事項")  # every section label but a reworded one has one


def _labelled_heading(text: str, index: int) -> Heading | None:
    """A line with a heading word: a heading when it is or starts with a section label."""
    body = _HEADING_PREFIX_RE.sub("", text[:400], count=1)
    n = norm(body[:80]).replace("的", "")
    if not n:
        return None
    for form, key, number, label, _table in _section_forms():
        if n.startswith(form):
            sub = bool(_SUB_RE.match(text))
            numbered = len(body) < len(text[:400])
            return Heading(key, number, label, index, sub, numbered)
    return None


# what a short heading can start with: _TOP_NUMBER_RE's first characters, or a space
# (str.isspace: every such character is below U+3001)
_SHORT_HEADING_STARTS = _TOP_NUMBER_STARTS | frozenset(c for c in map(chr, range(0x3001)) if c.isspace())


def find_headings(doc: Document) -> list[Heading]:
    """The headings among the lines, in one loop.  A heading is a line of its own or the
    first cell of a table row: with a heading word (:data:`_HEADING_WORDS`), it is one when
    it is or starts with a section label (:func:`_labelled_heading`); without, a short line
    numbered 一…六 may be a reworded heading (:func:`_reworded_heading`).  Most lines are
    passed over by two tests (a heading word starts with 情 or 事; a short heading starts
    with a number 一…六, ``#``, ``*`` or a space)."""
    found: list[Heading] = []
    for i, line in enumerate(doc.lines):
        tokens = line.tokens
        text = tokens[0].text if len(tokens) == 1 or tokens[0].text else line.text
        if ("情" in text or "事" in text) and any(word in text for word in _HEADING_WORDS):
            h = _labelled_heading(text, i)
        elif text[:1] in _SHORT_HEADING_STARTS and len(text) <= SHORT_HEADING_CHARS:
            h = _reworded_heading(text, i)
        else:
            continue
        if h is not None:
            found.append(h)
    return found


@dataclass(frozen=True)
class Regions:
    headings: tuple[Heading, ...]
    tables: dict[str, tuple[int, int]]  # table key -> (first line, end line) of its region

    def table_mask(self, count: int) -> bytearray:
        """Per line of a document of ``count`` lines: 1 for a line of a table region."""
        mask = bytearray(count)
        for a, b in self.tables.values():
            mask[a:b] = b"\x01" * (b - a)
        return mask


def table_regions(doc: Document) -> Regions:
    """The line range of tables 二, 三, 四: from the first heading of its section
    (after the previous table's heading) to the next heading of another section."""
    headings = find_headings(doc)
    table_of = {f[1]: f[4] for f in _section_forms() if f[4]}
    regions: dict[str, tuple[int, int]] = {}
    after = -1
    for table_key in ("table_2", "table_3", "table_4"):
        candidates = [h for h in headings if table_of.get(h.key) == table_key and h.line > after]
        start = min(candidates, key=lambda h: (h.rank, h.line)) if candidates else None
        if start is None:
            continue
        end = next((h.line for h in headings if h.line > start.line and h.key != start.key), len(doc.lines))
        regions[table_key] = (start.line, end)
        after = start.line
    return Regions(tuple(headings), regions)


def chosen_headings(regions: Regions) -> list[Heading]:
    """One heading per section: a numbered top-level heading before a sub-heading
    before an unnumbered mention (the introduction often lists the six parts), the
    first of the best; in document order."""
    best: dict[str, Heading] = {}
    for h in regions.headings:
        if h.key not in best or h.rank < best[h.key].rank:
            best[h.key] = h
    return sorted(best.values(), key=lambda h: h.line)


def section_marks(doc: Document, regions: Regions) -> list[SectionMark]:
    return [SectionMark(h.key, h.number, h.label, doc.lines[h.line].source) for h in chosen_headings(regions)]


def _after_heading(text: str, label: str) -> str:
    """What a line carries after its heading (a crawler merged the section into it)."""
    if len(text) <= len(label) + 12:
        return ""
    at = text.find(label)
    return text[at + len(label) :].strip() if at >= 0 else ""


def _prose_text(line: Line) -> str:
    """A line of prose as read: a PDF paragraph joined from wrapped lines without a
    space put inside Chinese text at the line breaks (a line of one token is its text:
    its source, built on demand for a text line, is not asked for)."""
    tokens = line.tokens
    if len(tokens) == 1:
        return tokens[0].text
    return paragraph_text(line)[0] if tokens and line.source.kind == "pdf" else line.text


def section_texts(doc: Document, regions: Regions) -> dict[str, str]:
    """Section key → its prose (for renderers and prose checks): the lines after the
    heading up to the next chosen heading, without headings and table lines;
    ``preamble`` for the prose before the first heading (title lines left out)."""
    heads = chosen_headings(regions)
    lines = doc.lines
    # the table regions of text and Markdown (structured formats mark their table lines)
    in_tables = regions.table_mask(len(lines)) if doc.kind in ("text", "md") else bytearray(len(lines))
    not_prose = bytearray(in_tables)  # … or a heading
    for h in regions.headings:
        not_prose[h.line] = 1

    def prose(a: int, b: int) -> str:
        found = [
            _prose_text(line).strip()
            for line, skip in zip(lines[a:b], not_prose[a:b], strict=True)
            if not skip and line.table is None
        ]
        return "\n".join(t for t in found if t)

    texts: dict[str, str] = {}
    first = heads[0].line if heads else len(doc.lines)
    preamble = [
        _prose_text(line).strip()
        for line in doc.lines[:first]
        if line.table is None and "年度报告" not in line.text[:60] and "标题" not in line.text[:4]
    ]
    if any(preamble):
        texts["preamble"] = "\n".join(t for t in preamble if t)
    for h, nxt in zip(heads, [*heads[1:], None], strict=False):
        text = prose(h.line + 1, nxt.line if nxt else len(doc.lines))
        line = lines[h.line]
        rest = _after_heading(line.text, h.label) if line.table is None and not in_tables[h.line] else ""
        text = "\n".join(t for t in (rest, text) if t)
        if text:
            texts[h.key] = text
    return texts
