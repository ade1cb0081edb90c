"""Stage: numbers stated in the prose — proactive disclosures (in total and per
channel), applications received, 人大代表建议 / 政协提案, 信息处理费.

Sentences are cut into clauses (，；。); each clause is matched by small
patterns.  The first statement in reading order wins; every fact keeps the
clause it came from and its source.  Table regions are not prose and are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from xxgk.read.document import Line
from xxgk.read.numbers import nfkc
from xxgk.report import Fact, Source

# runs of characters other than clause ends; 1,234 is one number (runs, not single
# characters, inside the repetition: the same matches, three times faster)
_CLAUSE_RE = re.compile(r"(?:[^，,；;。！!？?\n]+|(?<=\d),(?=\d{3}))+")
_NUM = r"(\d[\d,]*)"
_SCOPE = r"(?:各类|街道|全镇|全乡|全区|全市|全县|全省|本级|本机关|本单位|本部门)?"
_INFO = r"(?:政府|政务)?(?:信息|文件|稿件)"

_TOTAL_RES = (
    re.compile(
        rf"(?:共计|共|累计|总计|合计)\s*(?:主动)?\s*(?:公开|发布){_SCOPE}{_INFO}\s*(?:共计|共)?\s*{_NUM}\s*[条篇件]"
    ),
    re.compile(rf"主动公开{_SCOPE}{_INFO}\s*(?:共计|共|总计)\s*{_NUM}\s*[条篇件]"),
    re.compile(
        rf"(?:全年|本年度?|今年|年内|\d{{4}}\s*年度?)[^，。；]{{0,8}}?主动公开{_SCOPE}(?:政府|政务)?信息\s*{_NUM}\s*条"
    ),
)
_AGGREGATE = ("等", "共计", "累计", "总计", "合计")
CHANNELS = (
    ("weibo", ("微博",)),
    ("wechat", ("微信", "公众号")),
    ("website", ("网站", "门户网", "政府网")),
    ("board", ("公开栏", "公示栏", "公告栏", "宣传栏")),
    ("other", ("其他方式", "其它方式", "其他渠道", "其它渠道")),
)
_CHANNEL_RE = re.compile("|".join(re.escape(w) for _, words in CHANNELS for w in words))  # any channel named
_CHANNEL_NUM_RE = re.compile(rf"(?:公开|发布|更新|推送)?[^，。；]{{0,16}}?{_NUM}\s*[条篇件]")
_APPLICATION_RES = (
    re.compile(rf"(?:收到|受理|接收|新收)[^，。；]{{0,12}}?申请\s*(?:共计|共|总计)?\s*{_NUM}\s*[件条个]"),
    re.compile(rf"依申请公开\s*{_NUM}\s*[件条]"),
)
_NO_APPLICATION_RE = re.compile(r"(?:未|没有)(?:收到|受理|接到)[^，。；]{0,10}?申请")
_NPC_RE = re.compile(rf"人大代表建议\s*(?:共计|共)?\s*{_NUM}\s*[件条个]")
_CPPCC_RE = re.compile(rf"政协(?:委员)?提案(?:申请)?\s*(?:共计|共)?\s*{_NUM}\s*[件条个]")
_NO_FEE_RE = re.compile(r"(?:无|未|没有)(?:收取|收)[^，。；]{0,8}?(?:信息处理费|费用|任何费用)")
_FEE_RE = re.compile(r"(?:收取|收)[^，。；]{0,8}?信息处理费\s*(?:共计|共)?\s*(\d+(?:\.\d+)?)\s*(万元|元)")


@dataclass(slots=True)
class Clause:
    text: str
    line: Line
    start: int

    @property
    def source(self) -> Source:
        s = self.line.source
        if s.kind != "text":
            return s
        return Source(kind="text", line=s.line, column=(s.column or 0) + self.start)


# full-width digits or spaces: normalise the line (``in`` per character is far faster
# than a regex character class over CJK text)
_WIDE_CHARS = (*(chr(c) for c in range(0xFF10, 0xFF1A)), "\u3000")
_DIGIT_RE = re.compile(r"\d")
_KEYWORDS = ("条", "件", "篇", "费", "申请")


def clauses(lines: Iterable[Line]) -> Iterable[Clause]:
    for line in lines:
        text = line.tokens[0].text if len(line.tokens) == 1 else line.text
        for k in _KEYWORDS:
            if k in text:
                break
        else:
            continue
        for ch in _WIDE_CHARS:
            if ch in text:
                text = nfkc(text)
                break
        for m in _CLAUSE_RE.finditer(text):
            yield Clause(m.group().strip(), line, m.start())


def _int(text: str) -> int:
    return int(text.replace(",", ""))


def find_facts(lines: Iterable[Line]) -> tuple[dict[str, Fact], dict[str, Fact]]:
    facts: dict[str, Fact] = {}
    channels: dict[str, Fact] = {}

    def put(target: dict[str, Fact], key: str, value: int | Decimal, clause: Clause) -> None:
        if key not in target:
            target[key] = Fact(value, clause.text, clause.source)

    for c in clauses(lines):
        t = c.text
        if not _DIGIT_RE.search(t):
            if "申请" in t and "applications_received" not in facts and _NO_APPLICATION_RE.search(t):
                put(facts, "applications_received", 0, c)
            if "fees_collected" not in facts and _NO_FEE_RE.search(t):
                put(facts, "fees_collected", 0, c)
            continue
        if "申请" not in t and "建议" not in t and "提案" not in t:
            named = [key for key, words in CHANNELS if any(w in t for w in words)] if _CHANNEL_RE.search(t) else []
            # one channel named without 等: the figure is that channel's, not the total
            if "proactive_total" not in facts and not (len(named) == 1 and "等" not in t):
                for rx in _TOTAL_RES:
                    m = rx.search(t)
                    if m:
                        put(facts, "proactive_total", _int(m.group(1)), c)
                        break
            if not any(a in t for a in _AGGREGATE) and ("信息" in t or "公开" in t or "发布" in t or "条" in t):
                for key, words in CHANNELS:
                    if any(w in t for w in words):
                        m = _CHANNEL_NUM_RE.search(t[min(t.find(w) for w in words if w in t) :])
                        if m:
                            put(channels, key, _int(m.group(1)), c)
                        break
        if "applications_received" not in facts and "申请" in t:
            if _NO_APPLICATION_RE.search(t):
                put(facts, "applications_received", 0, c)
            else:
                for rx in _APPLICATION_RES:
                    m = rx.search(t)
                    if m and "复议" not in t and "诉讼" not in t:
                        put(facts, "applications_received", _int(m.group(1)), c)
                        break
        if (m := _NPC_RE.search(t)) is not None:
            put(facts, "npc_suggestions", _int(m.group(1)), c)
        if (m := _CPPCC_RE.search(t)) is not None:
            put(facts, "cppcc_proposals", _int(m.group(1)), c)
        if "fees_collected" not in facts:
            if (m := _FEE_RE.search(t)) is not None:
                value = Decimal(m.group(1))
                put(facts, "fees_collected", value * 10000 if m.group(2) == "万元" else value, c)
            elif _NO_FEE_RE.search(t):
                put(facts, "fees_collected", 0, c)
    return facts, channels
