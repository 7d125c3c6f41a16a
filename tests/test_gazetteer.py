"""The gazetteer data, its build scripts, look-ups and name resolution."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from speechlint.gazetteer import Gazetteer
from speechlint.resources import Resources, data_bytes

from conftest import ROOT, SHARED

DIVISIONS = SHARED / "data" / "divisions.csv"


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return Resources().gazetteer


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_levels_and_hierarchy(g: Gazetteer) -> None:
    assert len(g) == 3214
    assert Counter(u.level for u in g.units.values()) == {"province": 34, "prefecture": 333, "county": 2847}
    lingshi = g.units["140729"]
    assert (lingshi.name, lingshi.short, lingshi.suffix, lingshi.self_char) == ("灵石县", "灵石", "县", "县")
    assert [u.name for u in g.ancestors(lingshi)] == ["晋中市", "山西省"]
    assert g.chain(lingshi) == "山西省晋中市灵石县"
    # Counties of a 直辖市 and 省直辖县级市 hang straight from the province.
    assert g.units["429004"].parent == "420000"  # 仙桃市
    assert g.units["110105"].parent == "110000"  # 北京市朝阳区
    jiaocheng, lvliang = g.by_name["交城县"][0], g.by_name["吕梁市"][0]
    assert g.is_ancestor(lvliang, jiaocheng) and not g.is_ancestor(jiaocheng, lvliang)
    assert g.related(lvliang, jiaocheng) and not g.related(g.by_name["介休市"][0], jiaocheng)


@pytest.mark.parametrize(
    ("name", "suffix", "char"),
    [
        ("神农架林区", "林区", "区"),
        ("万柏林区", "区", "区"),  # 万柏林 + 区, not 万柏 + 林区
        ("峨边彝族自治县", "自治县", "县"),
        ("阿荣旗", "旗", "旗"),
        ("达尔罕茂明安联合旗", "旗", "旗"),
        ("延边朝鲜族自治州", "自治州", "州"),
        ("广西壮族自治区", "自治区", "区"),
        ("当阳市", "市", "市"),
        ("城区", "区", "区"),
        ("阿里地区", "地区", "地区"),
    ],
)
def test_suffixes(g: Gazetteer, name: str, suffix: str, char: str) -> None:
    unit = g.by_name[name][0]
    assert (unit.suffix, unit.self_char) == (suffix, char)


def test_resolve(g: Gazetteer) -> None:
    assert g.resolve("灵石县")[0].code == "140729"
    assert g.resolve("灵石")[0].code == "140729"
    assert g.resolve("140729")[0].name == "灵石县"
    assert g.resolve(140729)[0].name == "灵石县"
    assert g.resolve("吕梁市交城县")[0].code == "141122"
    assert g.resolve("山西省晋中市灵石县")[0].code == "140729"
    unit, problem = g.resolve("朝阳区")
    assert unit is None and "110105" in problem and "220104" in problem
    unit, problem = g.resolve("火星县")
    assert unit is None and "火星县" in problem
    assert g.resolve("999999") == (None, "no unit has the code 999999")


def test_scan_names_is_longest_and_anchored(g: Gazetteer) -> None:
    text = "与湖南省安化县开展交流合作，阳泉市城区。"
    found = [text[h.start : h.end] for h in g.scan_names(text)]
    assert found == ["湖南省", "安化县", "阳泉市", "城区"]


def test_ordinary_words(g: Gazetteer) -> None:
    for word in ("和平", "合作", "比如", "平安", "公安", "城区", "郊区", "老城区", "新城区", "会同县", "比如县"):
        assert word in g.ordinary, word
    for word in ("灵石", "介休", "交城", "文水", "太原", "长沙", "漯河", "灵石县", "介休市"):
        assert word not in g.ordinary, word
    for word in ("长寿", "安宁", "安康", "古城", "江南"):
        assert word in g.frequent and word not in g.ordinary, word
    for word in ("长沙", "平江", "西华"):  # frequent place names count in a self slot (平安平江)
        assert word not in g.frequent and word not in g.ordinary, word
    words = dict(g.tokenizer_words())
    assert words["灵石县"] == "ns" and "城区" not in words and "会同县" not in words


def test_shipped_gazetteer_matches_the_source() -> None:
    if not DIVISIONS.is_file():
        pytest.skip("../shared/data is not present")
    built = _script("build_gazetteer").build(DIVISIONS)
    assert built == data_bytes("gazetteer.csv").decode("utf-8")


def test_shipped_ordinary_words_match_the_dictionary() -> None:
    pytest.importorskip("jieba")
    script = _script("build_place_ordinary_words")
    rows = [
        dict(zip(("code", "name", "short", "suffix"), line.split(",")))
        for line in data_bytes("gazetteer.csv").decode("utf-8").splitlines()[1:]
    ]
    words = script.ordinary_words(rows, script.jieba_dictionary(None))
    shipped = [
        tuple(line.split("\t")[:2])
        for line in data_bytes("place_ordinary_words.txt").decode("utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert [(w, cls) for w, (cls, _) in sorted(words.items())] == shipped


def test_notice_keeps_the_attribution() -> None:
    notice = (ROOT / "src" / "speechlint" / "data" / "NOTICE.md").read_text(encoding="utf-8")
    assert "nbsetsail/real-china-division (CC-BY-4.0)" in notice
    assert Path(ROOT / "src" / "speechlint" / "data" / "gazetteer.csv").is_file()
