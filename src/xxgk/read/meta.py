"""Stage: report metadata — year and agency — from the title (HTML ``<title>``,
a ``标题：`` line, or the first lines) and, failing that, the opening prose."""

from __future__ import annotations

import re
import unicodedata
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


# The full-width punctuation of Chinese text, with its compatibility decomposition: a
# character replaced by it leaves the NFKC form unchanged (NFKC decomposes every
# character first), and a text without such characters is NFKC already, which
# unicodedata finds at once — where normalising a text with a few of them costs
# ≈ 0.1 µs per character.
_WIDE_PUNCTUATION = tuple((c, unicodedata.normalize("NFKD", c)) for c in "，：；（）！？％\u3000")


def _nfkc(text: str) -> str:
    """``nfkc(text)``, for a long Chinese text."""
    for wide, narrow in _WIDE_PUNCTUATION:
        text = text.replace(wide, narrow)
    return nfkc(text)


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
        previous = t if t and len(t) <= NAME_LINE_MAX_RAW and _NAME_LINE_RE.match(_nfkc(t)) else None
    return found


def find_year_and_agency(doc: Document) -> tuple[int | None, str | None]:
    year: int | None = None
    agency: str | None = None
    for title, before in title_candidates(doc):
        t = _nfkc(title)
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
        return year, agency_of_place(agency, doc)
    head = _nfkc(" ".join(line.text for line in doc.lines[:40]))
    if agency is None:
        m = _PROSE_RE.search(head)
        if m:
            agency = _clean_agency(m.group("agency"))
            year = year or int(m.group("year"))
    if year is None:
        years = Counter(int(y) for y in _YEAR_RE.findall(head))
        if years:
            year = years.most_common(1)[0][0]
    return year, None if agency is None else agency_of_place(agency, doc)


# ---------------------------------------------------------------- the agency of a place
#
# A title often names only the place (三明市2019年政府信息公开工作年度报告, 平潭综合实验区
# 2019年度…): the report is then its government's, or its zone's administrative
# committee's — but only where the report's text names that body; otherwise the
# title's name is kept.  Evidence: the place (or, for a chain 江苏省淮安市, its last
# unit) followed by 人民政府 (or 政府 — not 政府信息, which is “the government
# information of” the place) for a 省/市/县/区; by 管委会, 管理委员会 or 人民政府 (as
# written) for a zone (实验区, 开发区, 新区…).  A township keeps its name (温泉镇: the
# report and its truth name the 镇, though the text names 温泉镇人民政府 too).
EVIDENCE_HEAD_CHARS = 3000  # the opening (scope sentence, overview: a few hundred characters in) ...
EVIDENCE_TAIL_CHARS = 400  # ... and the signature
_GOVERNMENT_LEVELS = frozenset({"province", "city", "county"})
_GOVERNMENT_RE = r"(?:人民政府|政府(?!信息))"
_ZONE_BODY_RE = r"(管理委员会|管委会|人民政府)"


def _evidence_text(doc: Document) -> str:
    """The opening and the close of the text, lines joined without breaks or spaces, so
    that a name broken over lines (``三明`` / ``市人民政府``) is found whole.  Bounded: a
    report can be one long line."""
    head: list[str] = []
    size = 0
    for line in doc.lines:
        if size >= EVIDENCE_HEAD_CHARS:
            break
        text = line.text
        head.append(text[: EVIDENCE_HEAD_CHARS - size])  # (a long line is cut, not joined whole)
        size += len(text)
    tail: list[str] = []
    size = 0
    for line in reversed(doc.lines[len(head) :]):
        if size >= EVIDENCE_TAIL_CHARS:
            break
        text = line.text
        tail.append(text[max(0, len(text) - (EVIDENCE_TAIL_CHARS - size)) :])
        size += len(text)
    text = "".join(head) + "".join(reversed(tail))
    return "".join(text.split())  # (not a regex: \s+ over Chinese text costs ten times more)


def _search(places: tuple[str, ...], pattern: str, text: str) -> re.Match[str] | None:
    """``pattern`` (NFKC-normal Chinese, starting with one of ``places``) in ``text``
    as printed, else in its NFKC form (⼈⺠政府 of a PDF's text layer) — normalising
    only when the printed text has no match, as NFKC of a few thousand Chinese
    characters costs more than the stage.  The regex runs from the first place named
    (``str.find``: a regex scan of Chinese text costs far more)."""
    m = _search_from_place(places, pattern, text)
    if m is not None or unicodedata.is_normalized("NFKC", text):
        return m
    return _search_from_place(places, pattern, "".join(_nfkc(text).split()))


def _search_from_place(places: tuple[str, ...], pattern: str, text: str) -> re.Match[str] | None:
    found = [at for place in places if (at := text.find(place)) != -1]
    return re.compile(pattern).search(text, min(found)) if found else None


def agency_of_place(agency: str, doc: Document) -> str:
    """The agency a title naming only a place stands for, where the text names it:
    ``三明市`` → ``三明市人民政府``, ``平潭综合实验区`` → ``平潭综合实验区管委会``; any
    other name, or a place whose body the text does not name, unchanged."""
    name = nfkc(agency).replace(" ", "")
    units = _units(name)
    if not units or "".join(text for text, _ in units) != name:
        return agency  # not a bare place: an agency's own name
    last, level = units[-1]
    names = tuple(dict.fromkeys((name, last)))
    places = "|".join(re.escape(p) for p in names)
    if level in _GOVERNMENT_LEVELS:
        if _search(names, f"(?:{places}){_GOVERNMENT_RE}", _evidence_text(doc)):
            return name + _GOVERNMENT_WORD
    elif level is None:
        m = _search(names, f"(?:{places}){_ZONE_BODY_RE}", _evidence_text(doc))
        if m:
            return name + m.group(1)
    return agency


# ---------------------------------------------------------------- level and region
#
# From the agency name, only as far as it states them.  Levels (``AnnualReport.level``):
# ``national`` (国务院 and its departments, 国家…局), ``province`` (省, 自治区, the four
# 直辖市), ``city`` (地级: a 市 with counties or districts under it, 自治州, 地区, 盟),
# ``county`` (县, 自治县, 旗, 市辖区, 县级市), ``township`` (乡, 镇, 街道, 苏木).  A
# department has the level of the government it belongs to (沭阳县发展和改革局 → county).
# ``region`` is the chain of place names the name starts with (淮安市洪泽区人民政府 →
# 淮安市洪泽区); a province the name does not name is never added.  Unknown → ``None``:
# a development zone (开发区, 实验区, 新区…) has no level of its own, and a 市 named alone
# (莆田市, but also 昆山市) is a city only when the report mentions the counties or
# districts under it (各县区, 县（市、区）) in its first 150 lines.
LEVELS = ("national", "province", "city", "county", "township")
LEVEL_LABELS = {"national": "国家级", "province": "省级", "city": "市级", "county": "县级", "township": "乡镇级"}
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")  # 直辖市: province level
# (suffix, level, shortest name before it); longest suffixes first
_UNITS: tuple[tuple[str, str | None, int], ...] = (
    ("特别行政区", "province", 2),
    ("自治区", "province", 2),
    ("自治州", "city", 2),
    ("自治县", "county", 2),
    ("自治旗", "county", 2),
    ("民族乡", "township", 2),
    ("街道", "township", 2),
    ("苏木", "township", 2),
    ("地区", "city", 2),
    ("省", "province", 2),
    ("市", "city", 2),
    ("盟", "city", 2),
    ("县", "county", 1),
    ("旗", "county", 2),
    ("区", "county", 2),
    ("镇", "township", 2),
    ("乡", "township", 2),
)
# a 区 that is a zone or a part of a place, not a district
ZONE_SUFFIXES = (
    "开发区",
    "实验区",
    "试验区",
    "度假区",
    "新区",
    "园区",
    "示范区",
    "保税区",
    "合作区",
    "管理区",
    "风景区",
    "景区",
    "工业区",
    "功能区",
    "片区",
    "社区",
    "小区",
    "旅游区",
    "港区",
    "自贸区",
    "集聚区",
    "林区",
    "垦区",
    "矿区",
    "城区",
    "辖区",
)
_UNIT_RE = re.compile(
    r"(?P<name>[\u4e00-\u9fff]{1,12}?)(?P<unit>" + "|".join(re.escape(u) for u, _, _ in _UNITS) + r")"
)
_UNIT_LEVEL = {u: (level, shortest) for u, level, shortest in _UNITS}
_RANK = {level: i for i, level in enumerate(LEVELS)}
# what may follow a township in its own name: its government or office, nothing else
# (住房和城乡建设局 is no 乡)
_TOWNSHIP_GOVERNMENT = ("人民政府", "政府", "办事处", "党政办", "办公室", "党工委")
_GOVERNMENT_WORD = "人民政府"
_AGENCY_CHARS = frozenset("局厅委府署院办处")  # in the name of an agency, not of a place
_NATIONAL_PREFIXES = ("国务院", "中华人民共和国", "国家")
_SUBORDINATE_RE = re.compile(r"县\s*[（(]\s*[市区]|县区|区县|县市区|各县|市辖区")


def _units(name: str) -> list[tuple[str, str | None]]:
    """The place names the agency name starts with: (text, level or None for a zone)."""
    out: list[tuple[str, str | None]] = []
    pos = 0
    while pos < len(name):
        start = pos
        if out and name.startswith(_GOVERNMENT_WORD, pos):
            start += len(_GOVERNMENT_WORD)  # 某区人民政府某街道办事处: a government between two units
        m = _UNIT_RE.match(name, start)
        if m is None:
            break
        text, unit = m.group("name") + m.group("unit"), m.group("unit")
        level, shortest = _UNIT_LEVEL[unit]
        if len(m.group("name")) < shortest or any(ch in _AGENCY_CHARS for ch in m.group("name")):
            break  # 城市管理局, 公安局某区分局: part of a department's name
        if unit == "区" and text.endswith(ZONE_SUFFIXES):
            level = None
        if level == "township" and not name[m.end() :].startswith(_TOWNSHIP_GOVERNMENT) and m.end() < len(name):
            break
        if level is not None:
            above = [lv for _, lv in out if lv is not None]
            if above and _RANK[level] <= _RANK[above[-1]] and not (unit == "市" and above[-1] == "city"):
                break  # not below the unit before it: part of a department's name
        out.append((text, level))
        pos = m.end()
    return out


SUBORDINATE_LINES = 150  # the overview, where a city report speaks of its counties


def _names_counties(doc: Document) -> bool:
    for line in doc.lines[:SUBORDINATE_LINES]:
        for token in line.tokens:
            if "县" in token.text and _SUBORDINATE_RE.search(token.text):
                return True
    return False


def find_level_and_region(agency: str | None, doc: Document | None = None) -> tuple[str | None, str | None]:
    """``(level, region)`` of the agency (see :data:`LEVELS`), each ``None`` where the
    name does not say."""
    if not agency:
        return None, None
    name = nfkc(agency).replace(" ", "")
    units = _units(name)
    if not units:
        if name.startswith(_NATIONAL_PREFIXES):
            return "national", None
        return None, None
    region = "".join(text for text, _ in units)
    text, level = units[-1]
    if level is None:
        return None, region
    if text in MUNICIPALITIES and len(units) == 1:
        return "province", region
    if text.endswith("市") and level == "city":
        above = [lv for _, lv in units[:-1]]
        if "city" in above:
            return "county", region  # 某市某市: a county-level city
        if doc is None or not _names_counties(doc):
            return None, region  # a prefecture-level city or a county-level one: not said
    return level, region
