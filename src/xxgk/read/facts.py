"""Stage: numbers stated in the prose — proactive disclosures (in total and per
channel), applications received, 人大代表建议 / 政协提案, 信息处理费.

Sentences (up to 。！？ or the end of a line) are cut into clauses (，；); each
clause is matched by small patterns; only clauses that hold what every statement
holds (a figure with its unit, or 未收到/未收取…) are cut out and matched, found by
one search of the line (:func:`stating_clauses`).  The first statement in reading order wins;
every fact keeps the clause it came from and its source.  Table regions are not
prose and are skipped.  A PDF paragraph joined from wrapped lines is read as one
text (:func:`~xxgk.read.paragraphs.paragraph_text`), and a fact's source there is
the printed line its figure is on.  A sentence that does not say a figure for certain gives
none (never a guess):

* several channels in one clause (``其中政府网站13条、政务微信10条``) each get the
  figure that follows their own name; a channel named without a figure before
  another one's (``在政府网站和政务微信发布信息300条``) shares it: neither is read;
* a channel named inside a breakdown by content (``其中：行政公文9条；重点工作39条；
  政府网站信息185条…``) is a category of information there, not a channel;
* a figure with ``余``/``多`` (``5500余条``) is no count (the unit must follow the number).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from xxgk.read.document import Line
from xxgk.read.numbers import nfkc
from xxgk.read.paragraphs import paragraph_text, printed_line_source
from xxgk.report import Fact, Source

_NUM = r"(\d[\d,]*)"
_SCOPE = r"(?:各类|街道|全镇|全乡|全区|全市|全县|全省|本级|本机关|本单位|本部门)?"
_INFO = r"(?:政府|政务)?(?:信息|文件|稿件)"
_YEAR_WORD = r"(?:全年|本年度?|今年|年内|\d{4}\s*年度?)"

_TOTAL_RES = (
    # 共计主动公开政府信息N条 / 共审核发布各类公开政府信息N条 / 共公布政府信息N条
    re.compile(
        rf"(?:共计|共|累计|总计|合计)\s*(?:审核)?\s*(?:主动)?\s*(?:公开|发布|公布){_SCOPE}(?:公开)?{_INFO}"
        rf"\s*(?:共计|共)?\s*{_NUM}\s*[条篇件]"
    ),
    re.compile(rf"主动公开{_SCOPE}{_INFO}\s*(?:共计|共|总计)\s*{_NUM}\s*[条篇件]"),
    re.compile(rf"{_YEAR_WORD}[^，。；]{{0,8}}?主动公开{_SCOPE}(?:政府|政务)?信息\s*{_NUM}\s*条"),
    # 全年主动公开涉及A、B等重点领域各类政府信息N件: all kinds (各类) after an enumeration (等)
    re.compile(
        rf"{_YEAR_WORD}[^，。；]{{0,8}}?主动公开[^，。；]{{0,60}}?等[^，。；\d]{{0,12}}?各类(?:政府|政务)信息\s*{_NUM}\s*[条件]"
    ),
)
_AGGREGATE = ("等", "共计", "累计", "总计", "合计")
CHANNELS = (
    ("weibo", ("微博",)),
    ("wechat", ("微信", "公众号")),
    ("website", ("网站", "门户网", "政府网")),
    ("board", ("公开栏", "公示栏", "公告栏", "宣传栏", "电子屏", "显示屏")),
    ("other", ("其他方式", "其它方式", "其他渠道", "其它渠道")),
)
_CHANNEL_OF = {w: key for key, words in CHANNELS for w in words}
_CHANNEL_RE = re.compile("|".join(re.escape(w) for _, words in CHANNELS for w in words))  # any channel named
_CHANNEL_NUM_RE = re.compile(rf"[^，。；]{{0,20}}?{_NUM}\s*([条篇件期])")
_CHANNEL_UNITS = {"board": "条篇件期"}  # a board counts issues (期) too
_ITEM_RE = re.compile(r"\d\s*[条件篇期项]")
_APPLICATION_RES = (
    re.compile(rf"(?:收到|受理|接收|新收)[^，。；]{{0,12}}?申请\s*(?:共计|共|总计)?\s*{_NUM}\s*[件条个份]"),
    # 收到依申请信息公开26件
    re.compile(
        rf"(?:收到|受理|接收|新收)[^，。；\d]{{0,12}}?依申请(?:信息)?公开(?:申请)?\s*(?:共计|共)?\s*{_NUM}\s*[件条个份]"
    ),
    # 收到20份依申请公开 / 收到20件政府信息公开申请
    re.compile(
        rf"(?:收到|受理|接收|新收)\s*(?:各类)?\s*{_NUM}\s*[件条个份]\s*(?:政府信息公开申请|信息公开申请|依申请公开)"
    ),
    re.compile(rf"依申请公开\s*{_NUM}\s*[件条]"),
)
_NO_APPLICATION_RE = re.compile(r"(?:未|没有)(?:收到|受理|接到)[^，。；]{0,10}?申请")
_NPC_RE = re.compile(rf"人大代表建议\s*(?:共计|共)?\s*{_NUM}\s*[件条个]")
_CPPCC_RE = re.compile(rf"政协(?:委员)?提案(?:申请)?\s*(?:共计|共)?\s*{_NUM}\s*[件条个]")
_NO_FEE_RE = re.compile(
    r"(?:无|未|没有)(?:收取|收)[^，。；]{0,8}?(?:信息处理费|费用|任何费用)"
    # 未发生收费情况 / 未发生政府信息公开收费事项 (not 行政事业性收费, a table 二 row; not
    # 无乱收费现象 / 未出现违规收费行为: no improper fee says nothing of the fees collected)
    r"|(?:无|未|没有|不存在)(?:发生|产生|出现)?[^，。；\d]{0,10}?"
    r"(?<!事业性)(?<!乱)(?<!违规)(?<!违法)(?<!违章)(?<!合理)(?<!超标准)(?<!擅自)收费(?:情况|事项|行为|现象)"
)
_FEE_RE = re.compile(r"(?:收取|收)[^，。；]{0,8}?信息处理费\s*(?:共计|共)?\s*(\d+(?:\.\d+)?)\s*(万元|元)")


@dataclass(slots=True)
class Clause:
    """A clause of a line that can state a fact (made only for those)."""

    text: str
    line: Line
    start: int  # where the clause's piece starts in the line's text
    lead: int = 0  # spaces stripped before ``text``
    offsets: list[int] | None = None  # where each token starts in the line's text (PDF paragraphs)

    @property
    def source(self) -> Source:
        return self.source_at(0)

    def source_at(self, at: int) -> Source:
        """Where the character ``at`` of the clause's text is: the line and column in
        text; the page and box of its printed line in a PDF paragraph."""
        s = self.line.source
        if s.kind == "text":
            return Source(kind="text", line=s.line, column=(s.column or 0) + self.start)
        if self.offsets is None:
            return s
        token = bisect_right(self.offsets, self.start + self.lead + at) - 1
        return printed_line_source(self.line, token)


# full-width digits or spaces: normalise the line (``in`` per character is far faster
# than a regex character class over CJK text)
_WIDE_CHARS = (*(chr(c) for c in range(0xFF10, 0xFF1A)), "\u3000")
_DIGIT_RE = re.compile(r"\d")
# a word every statement of a fact has (a line without any is passed over): a count's
# unit, 费, 申请, or what 人大代表建议 / 政协提案 counted in 个 have
_KEYWORDS = ("条", "件", "篇", "费", "申请", "期", "建议", "提案")
# What every statement of a fact holds, read off the patterns above: a figure with its
# unit (each pattern's number is followed by one: 条篇件期 for counts, 个份 for
# applications and suggestions, 元/万元 for fees), or the negation of _NO_APPLICATION_RE
# and _NO_FEE_RE ((无|未|没有)收…, 未受理…, 未接到…, …收费情况).  _STATES_RE finds a
# place where one can be, anchored on its last character: a unit after a digit or a
# space (``\d\s*unit`` ends so), 收/受理/接到 after 无/未/(没)有, 费 after 收.  A clause
# without such a place gives nothing and is passed over; so is a line, before it is cut.
# (One class of characters first, rarer than digits: the engine skips to them in C.)
_UNITS = "条篇件期个份元万"
_STATES_RE = re.compile(
    rf"[{_UNITS}收受接费]"
    rf"(?:(?<=[\d\s][{_UNITS}])|(?<=[无未有]收)|(?<=[无未有]受)理|(?<=[无未有]接)到|(?<=收费))"
)
# a comma that ends a clause: any but the one inside a number (1,234)
_SEPARATOR_COMMA_RE = re.compile(r",(?:(?<!\d,)|(?!\d{3}))")
_CLAUSE_ENDS = "；;\n"  # besides ，and the commas of _SEPARATOR_COMMA_RE
_SENTENCE_END_MARKS = "！!？?"  # besides 。


def _prose_texts(lines: Iterable[Line]) -> list[tuple[Line, str, list[int] | None]]:
    """Each line with its text as the facts read it (full-width digits and spaces
    normalised) and, for a PDF line of several tokens, where each token starts in
    it: a paragraph joined from wrapped lines is read as one text
    (:func:`~xxgk.read.paragraphs.paragraph_text`).  Lines without tokens are left out."""
    found: list[tuple[Line, str, list[int] | None]] = []
    for line in lines:
        tokens = line.tokens
        if len(tokens) == 1:
            found.append((line, tokens[0].text, None))
        elif not tokens:
            continue
        elif line.source.kind == "pdf":
            found.append((line, *paragraph_text(line)))
        else:
            found.append((line, line.text, None))
    joined = "".join([text for _, text, _ in found])  # one test for the whole prose: wide characters are rare
    if any(ch in joined for ch in _WIDE_CHARS):
        found = [_normalised(*item) for item in found]
    return found


def _normalised(line: Line, text: str, offsets: list[int] | None) -> tuple[Line, str, list[int] | None]:
    if not any(ch in text for ch in _WIDE_CHARS):
        return line, text, offsets
    if offsets is None:
        return line, nfkc(text), None
    # token by token: the offsets stay true
    return line, *paragraph_text(line, [nfkc(t.text) for t in line.tokens])


def _marked(text: str) -> str:
    """``text`` with one mark for every clause end (，) and one for every sentence end
    (。), of the same lengths: positions stay.  A sentence runs up to 。！？ right after
    a clause, so a 。 after ，or 。 ends none and is marked as a clause end."""
    marked = _SEPARATOR_COMMA_RE.sub("，", text) if "," in text else text
    for ch in _CLAUSE_ENDS:
        marked = marked.replace(ch, "，")
    for ch in _SENTENCE_END_MARKS:
        marked = marked.replace(ch, "。")
    return marked.replace("。。", "。，").replace("，。", "，，")


def stating_clauses(lines: Iterable[Line]) -> Iterator[tuple[Clause, str]]:
    """The clauses of the prose that can state a fact, in reading order, each with its
    line's text marked by :func:`_marked` (where its sentence is found when asked).

    A sentence runs up to 。！？ (right after a clause) or the end of a line; clauses
    end at ，；.  Lines without a word of :data:`_KEYWORDS` are skipped; of the others
    only clauses with a place :data:`_STATES_RE` finds are given (found by searching
    the marked line for the next match, not by testing every clause)."""
    for line, text, offsets in _prose_texts(lines):
        for k in _KEYWORDS:
            if k in text:
                break
        else:
            continue
        if (m := _STATES_RE.search(text)) is None:
            continue
        marked = _marked(text)
        cut = marked.replace("。", "，")  # clause ends only
        while m is not None:
            start = cut.rfind("，", 0, m.start()) + 1
            end = cut.find("，", m.start())
            if end < 0:
                end = len(cut)
            piece = cut[start:end]
            clause = piece.strip()
            yield Clause(clause, line, start, len(piece) - len(piece.lstrip()), offsets), marked
            m = _STATES_RE.search(text, end + 1)


def _sentence_of(marked: str, clause: Clause) -> tuple[int, int]:
    """Where the sentence holding ``clause`` starts and ends in its line's marked text."""
    end = marked.find("。", clause.start)
    return marked.rfind("。", 0, clause.start) + 1, len(marked) if end < 0 else end


def _int(text: str) -> int:
    return int(text.replace(",", ""))


def _breakdown_by_content(marked: str, start: int, end: int) -> int | None:
    """Where 其中 is in the sentence ``marked[start:end]`` when what follows it is a
    breakdown by content (more figures of other things than of channels), else ``None``."""
    at = marked.find("其中", start, end)
    if at < 0:
        return None
    channel = other = 0
    # the clauses from 其中 on, cut at 、
    for piece in marked[at:end].replace("，", "、").split("、"):
        if not _ITEM_RE.search(piece):
            continue
        if _CHANNEL_RE.search(piece):
            channel += 1
        elif "申请" not in piece and "建议" not in piece and "提案" not in piece:
            other += 1
    return at if other >= 2 and other >= channel else None


def channel_figures(text: str) -> list[tuple[str, int, int]]:
    """(channel, figure, where the figure starts) for each channel named in a clause
    with its own figure."""
    hits: list[tuple[str, int]] = []  # (channel, start), consecutive names of one channel merged
    for m in _CHANNEL_RE.finditer(text):
        key = _CHANNEL_OF[m.group()]
        if not hits or hits[-1][0] != key:
            hits.append((key, m.start()))
    out: list[tuple[str, int, int]] = []
    shared = False
    for i, (key, start) in enumerate(hits):
        end = hits[i + 1][1] if i + 1 < len(hits) else len(text)
        found = _CHANNEL_NUM_RE.match(text, start, end)
        if found is None or found.group(2) not in _CHANNEL_UNITS.get(key, "条篇件"):
            shared = True  # a name without a figure: the next figure may be for both
            continue
        if not shared:
            out.append((key, _int(found.group(1)), found.start(1)))
        shared = False
    return out


def find_facts(lines: Iterable[Line]) -> tuple[dict[str, Fact], dict[str, Fact]]:
    facts: dict[str, Fact] = {}
    channels: dict[str, Fact] = {}

    def put(target: dict[str, Fact], key: str, value: int | Decimal, clause: Clause, at: int = 0) -> None:
        """The fact, with the source of its figure (``at`` in the clause's text)."""
        if key not in target:
            target[key] = Fact(value, clause.text, clause.source_at(at))

    # the sentence of the last channel clause (its line's marked text, start, end, where a
    # breakdown by content starts): found once per sentence, not once per clause — a
    # long sentence naming channels in many clauses would cost its length each time
    sentence: tuple[str, int, int, int | None] | None = None
    for c, marked in stating_clauses(lines):
        t = c.text
        if not _DIGIT_RE.search(t):
            if "申请" in t and "applications_received" not in facts and _NO_APPLICATION_RE.search(t):
                put(facts, "applications_received", 0, c)
            if "fees_collected" not in facts and ("费" in t or "收" in t) and _NO_FEE_RE.search(t):
                put(facts, "fees_collected", 0, c)
            continue
        if "申请" not in t and "建议" not in t and "提案" not in t:
            named_channels = {_CHANNEL_OF[w] for w in _CHANNEL_RE.findall(t)}
            named = bool(named_channels)
            # one channel named without 等: the figure is that channel's, not the total
            # (every pattern of _TOTAL_RES holds 公开, 公布 or 发布)
            if (
                "proactive_total" not in facts
                and ("公" in t or "发布" in t)
                and (not named or "等" in t or len(named_channels) > 1)
            ):
                for rx in _TOTAL_RES:
                    m = rx.search(t)
                    if m:
                        put(facts, "proactive_total", _int(m.group(1)), c, m.start(1))
                        break
            if (
                named
                and not any(a in t for a in _AGGREGATE)
                and ("信息" in t or "公开" in t or "发布" in t or "条" in t or "期" in t)
            ):
                # a channel named before a breakdown by content (其中…) is one
                if sentence is None or sentence[0] is not marked or not sentence[1] <= c.start <= sentence[2]:
                    a, b = _sentence_of(marked, c)
                    sentence = (marked, a, b, _breakdown_by_content(marked, a, b))
                by_content = sentence[3]
                if by_content is None or c.start + len(c.text) + c.lead <= by_content:
                    for key, figure, at in channel_figures(t):
                        put(channels, key, figure, c, at)
        if "applications_received" not in facts and "申请" in t:
            if _NO_APPLICATION_RE.search(t):
                put(facts, "applications_received", 0, c)
            elif "复议" not in t and "诉讼" not in t:
                for rx in _APPLICATION_RES:
                    m = rx.search(t)
                    if m:
                        put(facts, "applications_received", _int(m.group(1)), c, m.start(1))
                        break
        if "npc_suggestions" not in facts and "建议" in t and (m := _NPC_RE.search(t)) is not None:
            put(facts, "npc_suggestions", _int(m.group(1)), c, m.start(1))
        if "cppcc_proposals" not in facts and "提案" in t and (m := _CPPCC_RE.search(t)) is not None:
            put(facts, "cppcc_proposals", _int(m.group(1)), c, m.start(1))
        if "fees_collected" not in facts and "费" in t:
            if (m := _FEE_RE.search(t)) is not None:
                value = Decimal(m.group(1))
                put(facts, "fees_collected", value * 10000 if m.group(2) == "万元" else value, c, m.start(1))
            elif _NO_FEE_RE.search(t):
                put(facts, "fees_collected", 0, c)
    return facts, channels
