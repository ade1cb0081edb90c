"""Stage: report metadata — year and agency — from the title (HTML ``<title>``,
a ``标题：`` line, or the first lines) and, failing that, the opening prose."""

from __future__ import annotations

import re
from collections import Counter

from xxgk.read.document import Document
from xxgk.read.numbers import nfkc

TITLE_LINES = 8
_TITLE_RE = re.compile(
    r"^(?P<before>.*?)\s*(?P<year>(?:19|20)\d{2})\s*年\s*度?\s*(?P<after>.*?)\s*(?:政府|政务)?\s*(?:信息\s*公开|政务\s*公开)"
)
# 某局政府信息公开工作年度报告（2023年度）
_TITLE_YEAR_AFTER_RE = re.compile(
    r"^(?P<before>.*?)\s*(?:政府|政务)?\s*信息\s*公开.*?[（(]\s*(?P<year>(?:19|20)\d{2})\s*年\s*度?\s*[)）]"
)
_PROSE_RE = re.compile(
    r"(?P<year>20\d{2})\s*年\s*[,，、]?\s*(?P<agency>[^，,。；;、\s“”\"《》（）()]{2,20}?)\s*(?:政府信息公开工作|共计|共|全年|在)"
)
_YEAR_RE = re.compile(r"(20\d{2})\s*年")
_LABEL_PREFIX_RE = re.compile(r"^\s*(?:标题|名称|题目)\s*[:：]\s*")
_JUNK = re.compile(r"^[\s#*【\[（(]*|关于|[\s】\])）]*$")


def _clean_agency(text: str) -> str | None:
    a = _JUNK.sub("", text.strip()).strip(" -—_:：,，")
    a = a.replace(" ", "")
    if len(a) < 2 or len(a) > 40 or a.isdigit():
        return None
    return a


_NAME_LINE_RE = re.compile(r"^[^\d\s，,。；;：:、“”\"《》]{2,30}$")
NAME_LINE_MAX_RAW = 400


def title_candidates(doc: Document) -> list[tuple[str, str | None]]:
    """(title text, the line before it) — a title is often broken after the agency:
    ``淮安市人民政府`` / ``2024 年政府信息公开工作年度报告``."""
    found: list[tuple[str, str | None]] = []
    if doc.title:
        found.append((doc.title, None))
    previous: str | None = None
    for line in doc.lines[:TITLE_LINES]:
        t = _LABEL_PREFIX_RE.sub("", line.text).strip()
        if t and ("报告" in t or "年报" in t) and len(t) <= 80:
            found.append((t, previous))
        # (a name line has at most 30 characters after NFKC, which composes at most 4 into 1:
        # a longer line is no name line, and normalising it costs more than the rest of the stage)
        previous = t if t and len(t) <= NAME_LINE_MAX_RAW and _NAME_LINE_RE.match(nfkc(t)) else None
    return found


def find_year_and_agency(doc: Document) -> tuple[int | None, str | None]:
    year: int | None = None
    agency: str | None = None
    for title, before in title_candidates(doc):
        t = nfkc(title)
        m = _TITLE_RE.search(t)
        if m is None:
            m = _TITLE_YEAR_AFTER_RE.search(t)
            if m is None:
                continue
        year = year or int(m.group("year"))
        if agency is None:
            after = m.group("after") if "after" in m.groupdict() else ""
            agency = _clean_agency(m.group("before")) or _clean_agency(after)
            if agency is None and before:
                agency = _clean_agency(before)
        if year and agency:
            break
    if year is not None and agency is not None:
        return year, agency
    head = nfkc(" ".join(line.text for line in doc.lines[:40]))
    if agency is None:
        m = _PROSE_RE.search(head)
        if m:
            agency = _clean_agency(m.group("agency"))
            year = year or int(m.group("year"))
    if year is None:
        years = Counter(int(y) for y in _YEAR_RE.findall(head))
        if years:
            year = years.most_common(1)[0][0]
    return year, agency
