"""When two agency names name the same agency.

One place for the equivalence both the cross-year pairing of the rules
(:mod:`xxgk.rules.pairing`) and the corpus tests use: two names are the same
agency when they are equal, or when the longer is the shorter with its parent
regions in front (“洪泽区人民政府” / “淮安市洪泽区人民政府”, “金仓街道” /
“滨海旅游度假区金仓街道”).  A different 区 of the same 市, or the 市 itself, is
another agency.  The names are compared as given: normalising them (width,
whitespace, bracketed notes) is the caller's business.
"""

from __future__ import annotations

import re

# A name that begins with its own place (“洪泽区…”, “沭阳县…”, “朱坝街道…”): at least
# two characters before the administrative unit, then the agency itself.
_OWN_PLACE = re.compile(
    r"^[\u4e00-\u9fff]{2,}?(?:自治区|自治州|自治县|特别行政区|地区|街道|省|市|区|县|州|盟|旗|镇|乡)"
)
# What may stand before such a name and still be the same agency: the parent
# regions only (“江苏省淮安市”, “洪泽区” before a 街道), each of them at least two
# characters and a unit.
_PARENT_REGIONS = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,}?(?:自治区|自治州|自治县|特别行政区|地区|省|市|区|县|州|盟|旗))+$"
)


def same_agency_name(a: str, b: str) -> bool:
    """Two agency names name the same agency: equal, or the longer is the shorter
    with its parent regions in front (“淮安市洪泽区人民政府” ⊃ “洪泽区人民政府”).  The
    shorter must begin with a place of its own, so “淮安市淮阴区人民政府” and
    “洪泽区人民政府”, or “淮安市人民政府” and “洪泽区人民政府”, never pair."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if not long.endswith(short) or not _OWN_PLACE.match(short):
        return False
    return _PARENT_REGIONS.match(long[: -len(short)]) is not None
