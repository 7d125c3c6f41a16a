"""List the place names that are also ordinary words (和平, 合作, 比如, 平安, 城区 …).

Usage (from the repository root, after scripts/build_gazetteer.py)::

    python scripts/build_place_ordinary_words.py [--dict path/to/jieba/dict.txt]

Reads ``src/speechlint/data/gazetteer.csv`` and jieba's dictionary (by default the
``dict.txt`` of the installed jieba package: word, frequency, tag a line) and writes
``src/speechlint/data/place_ordinary_words.txt``: name, class and reason a line.

Class ``word``: the name is an ordinary word; speechlint never matches it bare or in a
self slot (DESIGN §7):

1. a short name (丰台 of 丰台区) tagged as anything but a name (not ns, nr, nrt, nrfg, nz)
   with a frequency of at least 100 (合作/vn, 比如/v, 平安/a, 公安/n, 南部/f);
2. a short name tagged as a person or other proper name (nr, nrt, nrfg, nz) with a
   frequency of at least 600: jieba tags many common words so (和平/nz, 友谊/nr,
   凤凰/nr, 共和/nz);
3. a full name tagged as a common word with a frequency of at least 300 (城区/n,
   郊区/s, 矿区/n, 解放区/nt);
4. a district named by position words alone: 东区, 西区, 城中区, 城北区, 新城区, 老城区
   (one of 东西南北中, 城 and one of them, or 新城/老城, then 区);
5. a county-level full name made of a short name of rules 1–2 and a one-character unit
   word (会同县, 比如县, 公安县, 合作市): county documents are full of 县纪委, 县财政局,
   so 会同县纪委 is usually 会同 + 县纪委.  Such a name still counts right after its
   parent (湖南省会同县, 怀化市会同县).
6. a two-character county-level name whose first character is a conjunction or a
   preposition (和县: 和/c): 县人民政府和县人大常委会 is 和 + 县人大常委会.  It still
   counts right after its parent (安徽省和县).

Class ``frequent``: a short name of SLOT_COMMON below, not of class ``word``: a place, but
after 平安, 美丽, 生态 … or before 特色 it reads as an ordinary word — a blessing (健康长寿,
和谐安宁, 幸福安康), a landscape or townscape (生态新城, 美丽古城, 绿水青山), a region
(美丽江南, 平安中原) or a value (文明博爱, 数字惠民).  It does not count in those slots,
and still counts in 爱我X, 在X县委的领导下 and before an institution word.  Every other
place name counts in a slot however frequent it is (平安平江, 美丽长沙, 西华特色): a
neighbour's name left in a copied speech is what PLC002 is for.

A place name tagged as a verb or a noun with a lower frequency (介休/v 28, 交城/n 7,
漯河/ns 79) stays a place: below the thresholds jieba's tags are noise.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

GAZETTEER = Path("src/speechlint/data/gazetteer.csv")
OUT = Path("src/speechlint/data/place_ordinary_words.txt")
NAME_TAGS = {"ns", "nr", "nrt", "nrfg", "nz"}
COMMON_MIN = 100
PROPER_MIN = 600
FULL_MIN = 300
# Conjunctions and prepositions: 和 of 和县 joins two organs (县政府和县人大) far more often.
FUNCTION_TAGS = {"c", "p"}
POSITION = re.compile(r"(?:[东西南北中]|城[东西南北中]|[新老]城)区")
#: Short names that read as ordinary words after a slot word (平安, 美丽, 生态 …) or before 特色.
SLOT_COMMON = frozenset(
    # blessings and values
    "长寿 安宁 太平 安康 永安 长乐 永福 永和 永平 长安 兴安 兴隆 兴国 博爱 大庆 安国 同仁 方正 惠民 "
    "文昌 德化 新星 元宝 建华 建安 新华 新建 朝阳 白玉 "
    # landscapes and townscapes
    "新城 古城 山城 江城 南城 东城 西城 城东 城西 大城 故城 青山 金山 白云 西山 东山 南山 天山 泰山 "
    "黄山 恒山 衡山 庐山 峨眉山 武夷山 井冈山 花山 灵山 巫山 万山 龙山 玉山 松山 象山 钟山 罗山 黑山 "
    "英山 竹山 兴山 凤山 江山 西湖 太湖 巢湖 东湖 南湖 北湖 盐湖 双湖 梁子湖 湖滨 滨海 海港 江海 三江 "
    "两江 临江 江口 湖口 河口 沙河 清河 白河 新河 沿河 天河 东海 南海 北海 西沙 平原 沙湾 甘泉 石林 "
    "九寨沟 卧龙 牡丹 木兰 白杨 七星 九龙 青龙 黄龙 龙凤 石龙 盘龙 龙门 龙井 钟楼 宝塔 天桥 路桥 上街 "
    "南关 大关 石狮 石柱 玄武 东坡 "
    # regions and historical names; regions that counties far away support (援疆, 援藏)
    "江南 江北 河东 河西 中原 湘西 陇西 山南 西夏 徽州 凉州 江州 新疆 西藏 青海 台湾 香港 澳门".split()
)


def jieba_dictionary(path: Path | None) -> dict[str, tuple[int, str]]:
    if path is None:
        import importlib.util

        spec = importlib.util.find_spec("jieba")
        if spec is None or spec.origin is None:
            raise SystemExit("jieba is not installed; pass --dict path/to/dict.txt")
        path = Path(spec.origin).parent / "dict.txt"
    words: dict[str, tuple[int, str]] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 3:
                words[parts[0]] = (int(parts[1]), parts[2])
    return words


def short_reason(word: str, jd: dict[str, tuple[int, str]]) -> tuple[str, str] | None:
    """(class, reason) for a short name, or None when it is a plain place name."""
    if word not in jd:
        return ("frequent", "ordinary after a slot word") if word in SLOT_COMMON else None
    freq, tag = jd[word]
    if tag not in NAME_TAGS and freq >= COMMON_MIN:
        return "word", f"{tag} {freq}"
    if tag in NAME_TAGS and tag != "ns" and freq >= PROPER_MIN:
        return "word", f"{tag} {freq}"
    if word in SLOT_COMMON:
        return "frequent", f"{tag} {freq}, ordinary after a slot word"
    return None


def ordinary_words(rows: list[dict[str, str]], jd: dict[str, tuple[int, str]]) -> dict[str, tuple[str, str]]:
    """name -> (class, reason)."""
    out: dict[str, tuple[str, str]] = {}
    for r in rows:
        name, short = r["name"], r["short"] or r["name"]
        if short != name:
            found = short_reason(short, jd)
            if found:
                out[short] = (found[0], f"short of {name}: {found[1]}")
        if name in jd:
            freq, tag = jd[name]
            if tag not in NAME_TAGS and freq >= FULL_MIN:
                out[name] = ("word", f"full name: {tag} {freq}")
                continue
        if POSITION.fullmatch(name):
            out[name] = ("word", "district named by position words")
        elif len(name) == 2 and jd.get(name[0], (0, ""))[1] in FUNCTION_TAGS and jd[name[0]][0] >= COMMON_MIN:
            out[name] = ("word", f"county-level: function word {name[0]}/{jd[name[0]][1]} + {r['suffix']}")
        elif (
            out.get(short, ("",))[0] == "word"
            and name == short + r["suffix"]
            and len(r["suffix"]) == 1
            and not r["code"].endswith("00")
        ):
            out[name] = ("word", f"county-level: ordinary short name {short} + {r['suffix']}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dict", type=Path, default=None, help="jieba dict.txt (default: the installed jieba's)")
    parser.add_argument("--gazetteer", type=Path, default=GAZETTEER)
    parser.add_argument("--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    with args.gazetteer.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    words = ordinary_words(rows, jieba_dictionary(args.dict))
    lines = [
        "# Place names that are also ordinary words: never matched bare (DESIGN §7).",
        "# Generated by scripts/build_place_ordinary_words.py from gazetteer.csv and jieba's",
        "# dictionary; do not edit by hand.  Columns: name, class (word: never bare nor in a",
        "# self slot; frequent: not after 平安/美丽/生态 … nor before 特色), why.",
    ]
    lines += [f"{w}\t{cls}\t{why}" for w, (cls, why) in sorted(words.items())]
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    print(f"wrote {args.output}: {len(words)} names", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
