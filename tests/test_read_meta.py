"""Report metadata: the agency a title naming only a place stands for (where the text
names it), the agency's level and region (only as far as its name states them)."""

from __future__ import annotations

import pytest

from tests.corpus import CORPUS, agency_matches, require_corpus
from xxgk.read import parse_file
from xxgk.read.document import Document
from xxgk.read.limits import Limits
from xxgk.read.meta import LEVELS, agency_of_place, find_level_and_region
from xxgk.read.pipeline import read_document
from xxgk.read.text import read_text
from xxgk.schemas import load


@pytest.mark.parametrize(
    ("agency", "expected"),
    [
        ("淮安市洪泽区人民政府", ("county", "淮安市洪泽区")),
        ("淮安市洪泽区人民政府办公室", ("county", "淮安市洪泽区")),
        ("沭阳县发展和改革局", ("county", "沭阳县")),  # a department: its government's level
        ("沭阳县城市管理局", ("county", "沭阳县")),  # 城市 is no city
        ("洪泽区乡村振兴局", ("county", "洪泽区")),  # 乡村 is no township
        ("江苏省住房和城乡建设厅", ("province", "江苏省")),  # nor is 城乡
        ("江苏省苏州市昆山市人民政府", ("county", "江苏省苏州市昆山市")),  # a 市 under a 市
        ("济南市市中区人民政府", ("county", "济南市市中区")),
        ("下城区武林街道办事处", ("township", "下城区武林街道")),
        ("淮安市清江浦区人民政府清河街道办事处", ("township", "淮安市清江浦区清河街道")),
        ("高良涧镇人民政府", ("township", "高良涧镇")),
        ("沛县人民政府", ("county", "沛县")),
        ("上海市科学技术委员会", ("province", "上海市")),  # a 直辖市
        ("北京市朝阳区", ("county", "北京市朝阳区")),
        ("广西壮族自治区人民政府", ("province", "广西壮族自治区")),
        ("延边朝鲜族自治州", ("city", "延边朝鲜族自治州")),
        ("国务院办公厅", ("national", None)),
        ("国家税务总局", ("national", None)),
        # a 市 named alone (and no report to look into): prefecture-level or county-level, not said
        ("淮安市人民政府", (None, "淮安市")),
        ("淮安市公安局清江浦区分局", (None, "淮安市")),
        # a development zone has no level of its own
        ("平潭综合实验区", (None, "平潭综合实验区")),
        ("上海市浦东新区", (None, "上海市浦东新区")),
        ("滨海旅游度假区金仓街道", ("township", "滨海旅游度假区金仓街道")),
        ("昆吾办", (None, None)),
        (None, (None, None)),
    ],
)
def test_level_and_region_from_the_name(agency: str | None, expected: tuple[str | None, str | None]) -> None:
    assert find_level_and_region(agency) == expected


def test_the_levels_are_the_schema_vocabulary() -> None:
    assert load("annual-report")["properties"]["level"]["enum"] == [*LEVELS, None]


# (level, region) of the corpus reports: as their agency names (and, for a 市 named
# alone, the counties or districts the report mentions under it) state them
CORPUS_META = {
    "seeds/000_6f348dc7f1d8dcce.txt": ("township", "滨海旅游度假区金仓街道"),
    "seeds/001_fb2a13aa5693ffc1.txt": ("township", "下城区武林街道"),
    "seeds/002_e366c3bcfb1dd8a2.txt": ("township", "温泉镇"),
    "seeds/003_a040158305f21b8a.txt": ("township", "坛山街道"),
    "seeds/004_8e13d084e3616286.txt": (None, None),  # 昆吾办
    "public/pingtan-2019.txt": (None, "平潭综合实验区"),
    "public/putian-2019.txt": ("city", "莆田市"),  # 市本级 and 县（区、管委会）
    "public/putian-cgj-2023.html": (None, "莆田市"),  # no county named under 莆田市
    "public/sanming-2019.txt": ("city", "三明市"),  # 12个县（市、区）
    "public/sanming-2021.txt": (None, "三明市"),
    "public/shanghai-kewei-2024.md": ("province", "上海市"),
    "public/shuyang-fgj-2023.html": ("county", "沭阳县"),
    "files/huaian-2024.pdf": ("city", "淮安市"),  # 各县区
    "files/huaian-hongze-2023.pdf": ("county", "洪泽区"),
    "files/huaian-hongze-2024.pdf": ("county", "淮安市洪泽区"),
}


@pytest.mark.corpus
@pytest.mark.parametrize("name", sorted(CORPUS_META))
def test_corpus_level_and_region(name: str) -> None:
    require_corpus()
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"{name} is not in the corpus at {CORPUS}")
    data = parse_file(path).to_dict()
    assert (data["level"], data["region"]) == CORPUS_META[name]


def test_the_corpus_agency_match_allows_the_parent_regions_only() -> None:
    # the same agency with or without its parent regions (the checker's cross-year rule)
    assert agency_matches("金仓街道", "滨海旅游度假区金仓街道")
    assert agency_matches("淮安市洪泽区人民政府（江苏省）", "洪泽区人民政府")
    assert agency_matches("武林街道办事处", "下城区 武林街道办事处")  # whitespace is no difference
    # anything else is a difference
    assert not agency_matches("三明市人民政府（福建省）", "三明市")  # the place, not its government
    assert not agency_matches("上海市科学技术委员会（市科委）", "上海市科委")  # a short form
    assert not agency_matches("淮安市洪泽区人民政府", "淮安市淮阴区人民政府")  # another 区 of the 市
    assert not agency_matches("淮安市洪泽区人民政府", "淮安市人民政府")  # the 市 itself
    assert not agency_matches("洪泽区人民政府", "洪泽区人民政府办公室")  # another agency noun
    assert not agency_matches("温泉镇", None)


def _doc(name: str) -> Document:
    require_corpus()
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"{name} is not in the corpus at {CORPUS}")
    return read_document(path, Limits.resolve(None))


@pytest.mark.corpus
def test_a_place_stands_for_its_government_where_the_text_names_it() -> None:
    # sanming: the title names 三明市, the text 三明市政府 / 三明市人民政府 (2021: broken over lines)
    assert agency_of_place("三明市", _doc("public/sanming-2019.txt")) == "三明市人民政府"
    assert agency_of_place("三明市", _doc("public/sanming-2021.txt")) == "三明市人民政府"
    # a zone: its administrative committee as the text writes it
    assert agency_of_place("平潭综合实验区", _doc("public/pingtan-2019.txt")) == "平潭综合实验区管委会"
    # where the text does not name the place's government, the title's name is kept
    putian = _doc("public/putian-2019.txt")
    assert agency_of_place("三明市", putian) == "三明市"
    assert agency_of_place("莆田市", putian) == "莆田市人民政府"
    assert agency_of_place("平潭综合实验区", putian) == "平潭综合实验区"
    # a township keeps its name though its text names 温泉镇人民政府; an agency's own name is no place
    assert agency_of_place("温泉镇", _doc("seeds/002_e366c3bcfb1dd8a2.txt")) == "温泉镇"
    assert agency_of_place("莆田市城市管理局", putian) == "莆田市城市管理局"
    assert agency_of_place("上海市科委", _doc("public/shanghai-kewei-2024.md")) == "上海市科委"


def test_government_information_of_a_place_is_no_government() -> None:
    # 莆田市政府信息公开工作 is “莆田市's government information”, not 莆田市政府
    doc = read_text("内容涵盖莆田市政府信息公开工作情况。\n请与莆田市政府信息公开办公室联系。\n")
    assert agency_of_place("莆田市", doc) == "莆田市"
    doc = read_text("内容涵盖莆田\n市政府2019年的工作。\n")  # broken over lines: found whole
    assert agency_of_place("莆田市", doc) == "莆田市人民政府"
    doc = read_text("江苏省淮安市：淮安市人民政府办公室编制本报告。\n")  # a chain: its last place named
    assert agency_of_place("江苏省淮安市", doc) == "江苏省淮安市人民政府"


def test_the_level_and_region_of_a_place_and_of_its_government_agree() -> None:
    for place, body in [
        ("三明市", "三明市人民政府"),
        ("平潭综合实验区", "平潭综合实验区管委会"),
        ("沛县", "沛县人民政府"),
    ]:
        assert find_level_and_region(place) == find_level_and_region(body), place
