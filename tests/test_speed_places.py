"""The place-name analysis' speed shortcuts give exactly what the plain way gives.

Each shortcut of ``Document.places`` is checked against the computation it replaces, on
the texts of tests/test_speed.py (the corpus, the examples, every case file), on their
hard-wrapped copies and on random strings made of the characters it concerns: the
self-reference patterns run by ``re`` (their look-behinds after the literal), the one scan
of 在X县委的领导下 that the self-references and the slot candidates share, the quotations
looked for only when there is a reference, the wrapped paragraphs looked for only in a
wrapped text, the one scan for unit characters and slot words, the organs (县委) told from
the unit characters, the full-name scan that skips the characters ending no name, the line
breaks removed only where there is one, the neutral-context patterns run by ``re`` and the
neutral contexts judged once per name.  Fifth pass: the self-reference look-aheads one per
character, the institution words told by ``str.startswith``, the regex patterns tried only
on a text holding one of their ``needs``, the gazetteer built in one pass with units made
without the dataclass __init__, the home inferred judging only the names that count for it,
and the word boundaries of a name read from its clause segmented by itself (each jieba
engine; another engine keeps the paragraph's tokens).
"""

from __future__ import annotations

import dataclasses
import random
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import regex

from speechlint.config import ConfigResolver, Overrides
from speechlint.document import Document
from speechlint.document import places as P
from speechlint.document.places import Places, SelfReference, _inside
from speechlint.fix import Span
from speechlint.gazetteer import NAME_END, Gazetteer, Unit
from speechlint.linter import Session
from speechlint.resources import Resources, data_bytes

from conftest import ROOT
from test_speed import STRESS, TEXTS, plain_scan_names

RESOURCES = Resources()  # shared: a Document of its own would load the genre table again
G = RESOURCES.gazetteer

# The patterns as they were, for the regex module (the plain computations below): the
# look-aheads as alternations, not one look-ahead per character.
_LEVEL = r"(?:省(?!略|去|钱|力|心)|市(?!场)|县|区(?!分|别|块|间)|旗(?!帜|下|号)|州|盟(?!友|约)|镇(?!定|静|守|压)|乡(?!亲|愁|音|情|里))"
_QUAN_LEVEL = r"(?:省(?!略|份)|市(?!场|民)|县(?!城)|区(?!域|间|别|分|块)|旗(?!帜)|州(?!县)|盟(?!友))"
PLAIN_WO = regex.compile(r"(?<!自)我(" + _LEVEL + ")")
PLAIN_QUAN = regex.compile(r"(?<![健安完齐保周成双十万顾俱求两])全(" + _QUAN_LEVEL + ")")
PLAIN_INSTITUTION = regex.compile(r"(?:委|人民政府|政府|人大|政协|纪委|监委|党委|党工委)")
PLAIN_LEAD_SLOT = regex.compile(
    r"在(?:中共)?(?P<name>(?:(?!在)\p{Han}){0,14}?)(?P<char>[省市县区旗州盟])委"
    r"(?:、\p{Han}{0,8}?(?:人民)?政府)?的(?:坚强|正确|有力)?领导下"
)
PLAIN_PREFIX_SLOT = regex.compile("|".join(P.SLOT_WORDS) + "|爱我")
PLAIN_SHORT_ORGAN = regex.compile(r"[省市县区旗州盟](?=" + PLAIN_INSTITUTION.pattern + ")")
PLAIN_NEUTRAL = {
    "_GO_AFTER": regex.compile(r"考察|学习|调研|参观|观摩|交流|培训|取经|招商|洽谈|对接|访问|召开|举行|举办"),
    "_WITH_AFTER": regex.compile(r"合作|交流|签订|签署|对接|共建|结对|协作|联动|携手|互访"),
    "_PARTNER": regex.compile(r"东西部协作|对口支援|对口帮扶|对口协作|结对|帮扶"),
}
#: The words that end the text before a name, as the patterns they were (``$``: at the end,
#: or before a final line break).
PLAIN_ENDING = {
    "_NEUTRAL_BEFORE": regex.compile(
        r"(?:赴|前往|来自|学习借鉴|借鉴|学习|对口支援|对口帮扶|对口协作|结对帮扶|帮扶|支援|援建|原|对接|融入|销往|远销|运往|发往)$"
    ),
    "_GO_BEFORE": regex.compile(r"(?:到|去|在)$"),
    "_WITH_BEFORE": regex.compile(r"(?:与|同|和|跟)$"),
}


def _random(seed: object, pieces: Sequence[str], count: int, longest: int) -> list[str]:
    rng = random.Random(str(seed))
    return ["".join(rng.choice(pieces) for _ in range(rng.randrange(0, longest))) for _ in range(count)]


def _hard_wrapped(text: str, width: int) -> str:
    """``text`` as a PDF copy gives it: every line cut after ``width`` characters."""
    return "\n".join(line[i : i + width] for line in text.split("\n") for i in range(0, max(len(line), 1), width))


WRAPPED = [_hard_wrapped(t, 24) for t in TEXTS if len(t) > 200]
#: Self-references, quotations and slots side by side, in and out of quotes and line breaks.
PLACE_STRESS = [
    "市委书记强调：“我市要……，全市上下要迅速行动。”我县要落实。\n“全县上下\n必须行动。”我县",
    "他说： “我区要加强。”又说“全州县城都要改。”在县委的坚强领导下，在灵石县委、县政府的领导下，",
    "自我省略，健全县级，安全区，我乡亲，全市场，在工作中坚持在市委的领导下，在中共交城县委的正确领导下",
    "平安灵石，爱我长沙，灵石特色，法治吕梁，美丽江南，生态新城，健康长寿，交城县委，峨边县政府，阳泉市城区",
]
TEXTS_ALL = TEXTS + STRESS + PLACE_STRESS + WRAPPED
#: Pieces of texts for the self-reference patterns, and for 在X县委的领导下.
_SELF_PIECES = list("我全自健安完齐保周成双十万顾俱求两省市县区旗州盟镇乡略场分帜友亲城民域在委的领导下中共、，。：: \t“”\n字") + [
    *"去钱力心别块间下号约定静守压愁音情里份",  # every character of a look-ahead, after each level
    "我省", "我区", "我旗", "我盟", "我镇", "我乡", "全省", "全市", "全旗", "全州", "全盟",
    "领导下", "坚强", "人民政府", "政府", "灵石", "交城", "中共", "上下要", "平安", "爱我", "特色", "全县", "我市", "全区",
    "：“", "说：“", "。”", "！”", "”", "“",
]
_LEAD_PARTS = [
    ["", "在", "在", "工作中坚持在"], ["", "中共"], ["", "灵石", "文水", "在", "字", "a", "，", "灵石在", "\n", "很长的一个名字还要更长一些"],
    list("县市区州x"), ["委", "委", "政府"], ["", "、县政府", "、人民政府", "、县人大、县政府", "、"], ["的", "的", "之"],
    ["", "坚强", "正确", "有力"], ["领导下", "领导下", "领导"],
]


def _lead_texts(count: int) -> list[str]:
    """Texts made of 在X县委的领导下 and its near misses, several in a row."""
    rng = random.Random("lead")
    return ["".join("".join(rng.choice(part) for part in _LEAD_PARTS) for _ in range(rng.randrange(1, 4))) for _ in range(count)]



def _spans_and_groups(matches: Any) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in matches]


@pytest.mark.parametrize(
    ("name", "plain"), [("_WO", PLAIN_WO), ("_QUAN", PLAIN_QUAN), ("_LEAD_SLOT", PLAIN_LEAD_SLOT)]
)
def test_self_reference_patterns_find_what_the_regex_patterns_find(name: str, plain: Any) -> None:
    pattern = getattr(P, name)
    rng = random.Random(name)
    found = 0
    made = _lead_texts(20000) if name == "_LEAD_SLOT" else _random(name, _SELF_PIECES, 20000, 24)
    for text in TEXTS_ALL + made:
        expected = _spans_and_groups(plain.finditer(text))
        assert _spans_and_groups(pattern.finditer(text)) == expected, text
        # organ lines are scanned between bounds
        a = rng.randrange(len(text) + 1)
        b = rng.randrange(a, len(text) + 1)
        assert _spans_and_groups(pattern.finditer(text, a, b)) == _spans_and_groups(plain.finditer(text, a, b)), text
        found += bool(expected)
    assert found > 1000  # the random texts do reach the pattern


def _wrapped_quotations(count: int) -> list[str]:
    """Long paragraphs of quotations and self-references, hard-wrapped: quotations run over the line breaks."""
    prose = ["我们要加强学习", "推进各项工作落实", "，", "他强调：“", "：“", "“", "”", "。”", "我市要加强", "全县上下要", " "]
    return [_hard_wrapped(t + "。", 20) for t in _random("wrapped quotations", prose, count, 120)]


def _places(text: str) -> Places:
    return Places(Document(text, resources=RESOURCES), G)


def _plain_self_references(places: Places) -> tuple[SelfReference, ...]:
    """``Places.self_references`` as it was: every scan of its own, the quotations always."""
    text = places.text
    out = [SelfReference(Span(m.start(), m.end()), "我", m.group(1)) for m in PLAIN_WO.finditer(text)]
    for m in PLAIN_QUAN.finditer(text):
        out.append(SelfReference(Span(m.start(), m.end()), "全", m.group(1), bool(P._QUAN_CALL.match(text, m.end()))))
    for m in PLAIN_LEAD_SLOT.finditer(text):
        if not m.group("name"):
            out.append(SelfReference(Span(m.start("char"), m.end("char") + 1), "委", m.group("char")))
    quoted = [m.span() for m in P._DIRECT_SPEECH.finditer(text)]
    wrapped = [p.span for p in places.document.paragraphs if "\n" in p.text]
    quoted = sorted({m.span() for s in wrapped for m in P._DIRECT_SPEECH_WRAPPED.finditer(text, s.start, s.end)}.union(quoted))
    if quoted:
        opening = [a for a, _ in quoted]
        out = [r for r in out if not _inside(quoted, bisect_left(opening, r.span.start) - 1, r.span)]
    out.sort(key=lambda r: r.span)
    return tuple(out)


def test_self_references_are_the_plain_computation() -> None:
    found = dropped = 0
    for text in TEXTS_ALL + _random("self", _SELF_PIECES, 3000, 40) + _lead_texts(1000) + _wrapped_quotations(300):
        places = _places(text)
        plain = _plain_self_references(places)
        assert places.self_references == plain, text
        found += bool(plain)
        dropped += len(plain) < len(list(PLAIN_WO.finditer(text))) + len(list(PLAIN_QUAN.finditer(text)))
    assert found > 500 and dropped > 50  # references found, and some dropped inside quotations


def test_own_level_looking_in_the_title_only_before_its_end_is_the_plain_vote() -> None:
    in_title = 0
    for text in TEXTS_ALL + [f"在全{c}经济工作会议上的讲话\n我县要{t}，全市上下要落实。" for c in "县市区" for t in ("", "加强", "落实")]:
        places = _places(text)
        title = [s.span for s in places.document.meta.title]
        votes: Counter[str] = Counter()
        for r in places.self_references:
            if r.kind == "我":
                votes[r.char] += 2
            elif r.kind == "全":
                votes[r.char] += 1 + 3 * any(t.contains(r.span) for t in title)
                in_title += any(t.contains(r.span) for t in title)
        (char, top), *rest = votes.most_common(2) + [("", 0)]
        assert places.own_level == (char if votes and rest[0][1] < top else None), text
    assert in_title > 20


def test_wrapped_paragraphs_are_the_paragraphs_holding_a_line_break() -> None:
    wrapped = 0
    for text in TEXTS_ALL + _wrapped_quotations(300):
        places = _places(text)
        plain = [p.span for p in places.document.paragraphs if "\n" in p.text]
        assert places._wrapped == plain, text
        wrapped += bool(plain)
    assert wrapped > 200  # the hard-wrapped copies are read as such


_ANCHOR_PIECES = [*P.SLOT_WORDS, "爱我", *"省市县区旗州盟", *"平安法治爱我美丽", "委", "政府", "人民政府", "党工委", "字", "，"]


def test_the_anchor_scan_is_the_unit_character_scan_and_the_slot_word_scan() -> None:
    rng = random.Random("anchor")
    for text in TEXTS_ALL + _random("anchor", _ANCHOR_PIECES, 20000, 16):
        a = rng.randrange(len(text) + 1) if rng.random() < 0.5 else 0
        b = rng.randrange(a, len(text) + 1) if rng.random() < 0.5 else len(text)
        ends, slots = [], []
        for m in P._ANCHOR.finditer(text, a, b):
            (ends if m.end() - m.start() == 1 else slots).append(m)
        assert [m.end() for m in ends] == [m.end() for m in NAME_END.finditer(text, a, b)], text
        assert [(m.span(), m.group()) for m in slots] == [(m.span(), m.group()) for m in PLAIN_PREFIX_SLOT.finditer(text, a, b)]


def _plain_candidates(places: Places, start: int, end: int) -> list[P._Candidate]:
    """``Places._candidates`` as it was: a scan of its own for the organs (县委) and for the
    slot words, 在X县委的领导下 scanned again."""
    text, g, C = places.text, places.gazetteer, P._Candidate
    out, previous = [], None
    for hit in g.scan_names(text, start, end):
        units = hit.units
        if text[hit.start : hit.end] in g.ordinary:
            parents = previous.units if previous is not None and previous.end == hit.start else ()
            units = tuple(u for u in units if any(u.parent == p.code for p in parents))
        if units:
            out.append(C(hit.start, hit.end, units, False, "organ" if PLAIN_INSTITUTION.match(text, hit.end) else "name"))
        previous = hit
    taken = {c.start for c in out}
    for m in PLAIN_SHORT_ORGAN.finditer(text, start, end):
        for begin, units, short in g.names_ending_at(text, m.start(), start):
            fitting = tuple(u for u in units if u.self_char == m.group())
            if short and fitting and begin not in taken and text[begin : m.start()] not in g.ordinary:
                out.append(C(begin, m.start(), fitting, True, "organ"))
                taken.add(begin)
                break
    for m in PLAIN_PREFIX_SLOT.finditer(text, start, end):
        names = g.names_starting_at(text, m.end(), end)
        if names:
            stop, units, short = names[0]
            word = text[m.end() : stop]
            frequent = m.group() != "爱我" and word in g.frequent
            if word not in g.ordinary and word not in P.SLOT_WORDS and not frequent:
                out.append(C(m.end(), stop, units, short, "slot", Span(m.start(), stop), m.group() + "X"))
    for m in P._FEATURE_SLOT.finditer(text, start, end):
        names = g.names_ending_at(text, m.start(), start)
        if names:
            begin, units, short = names[0]
            word = text[begin : m.start()]
            if word not in g.ordinary and word not in g.frequent and word not in P.SLOT_WORDS:
                out.append(C(begin, m.start(), units, short, "slot", Span(begin, m.end()), "X特色"))
    for m in PLAIN_LEAD_SLOT.finditer(text, start, end):
        name, char = m.group("name"), m.group("char")
        full = g.by_name.get(name + char, ())
        if full:
            units, short, stop = full, False, m.end("char")
        else:
            units = tuple(u for u in g.by_short.get(name, ()) if u.self_char == char)
            short, stop = True, m.end("name")
        if name and units and name not in g.ordinary:
            out.append(C(m.start("name"), stop, units, short, "slot", Span(m.start(), m.end()), "在X委的领导下"))
    out.sort(key=lambda c: (c.start, c.context != "slot"))
    return out


#: Names, short names and the words around them (institutions, slots) for random texts.
_NAME_PIECES = [
    "灵石", "灵石县", "交城", "交城县", "文水县", "吕梁市", "峨边", "阳泉市", "城区", "老城区", "和平", "比如", "长沙", "平江",
    "江南", "新城", "长寿", "县委", "县政府", "市委", "人民政府", "党工委", "平安", "爱我", "法治", "美丽", "健康", "生态",
    "特色", "在", "的领导下", "的坚强领导下", "、县政府", "中共", "县", "市", "区", "，", "字", "\n",
]


def test_candidates_are_the_plain_computation() -> None:
    rng = random.Random("candidates")
    kinds: set[tuple[str, bool]] = set()
    for text in TEXTS_ALL + _random("candidates", _NAME_PIECES, 5000, 12) + _lead_texts(1000):
        places = _places(text)
        plain = _plain_candidates(places, 0, len(text))
        places.self_references  # the 在X县委的领导下 scan they share
        assert places._all_candidates == plain, text
        kinds.update((c.context, c.short) for c in plain)
        a = rng.randrange(len(text) + 1)  # organ lines: between bounds
        b = rng.randrange(a, len(text) + 1)
        assert places._candidates(a, b) == _plain_candidates(places, a, b), (text, a, b)
    assert kinds == {("name", False), ("organ", False), ("organ", True), ("slot", False), ("slot", True)}


def test_scan_names_skipping_the_characters_that_end_no_name_is_the_plain_scan() -> None:
    rng = random.Random("scan")
    names = [n for n in G.by_name if rng.random() < 0.05]
    pieces = names + [n[:-1] for n in names] + [n[1:] for n in names] + list("省市县区旗州盟全我城地字，")
    found = 0
    for text in TEXTS_ALL + _random("scan", pieces, 5000, 8):
        a = rng.randrange(len(text) + 1) if rng.random() < 0.5 else 0
        b = rng.randrange(a, len(text) + 1) if rng.random() < 0.5 else len(text)
        expected = plain_scan_names(G, text, a, b)
        ends = [m.end() for m in NAME_END.finditer(text, a, b)]
        assert [(h.start, h.end) for h in G.scan_names(text, a, b)] == expected, text
        assert [(h.start, h.end) for h in G.scan_names(text, a, b, ends)] == expected, text
        found += bool(expected)
    assert found > 1000


def test_unbroken_is_the_line_break_removal() -> None:
    pieces = list(" \t\u3000\u00a0\r\n字a，") + ["\r\n", " \n ", "\n\n"]
    for text in TEXTS_ALL + _random("unbroken", pieces, 20000, 12):
        assert P._unbroken(text) == P._BREAK.sub("", text), text


@pytest.mark.parametrize("name", sorted(PLAIN_NEUTRAL))
def test_neutral_patterns_find_what_the_regex_patterns_find(name: str) -> None:
    pattern, plain = getattr(P, name), PLAIN_NEUTRAL[name]
    pieces = list("来到字的a1，。 \n") + ["考察", "学习", "调研", "交流", "合作", "签署", "互访", "召开", "举办", "对接"]
    pieces += ["结对", "帮扶", "对口支援", "东西部协作", "对口", "协作"]
    matched = 0
    for text in TEXTS_ALL + _random(name, pieces, 20000, 10):
        for i in range(0, len(text), 7):  # the text after a name, as _neutral asks
            stop = min(len(text), i + 40)
            assert bool(pattern.match(text, i, stop)) == bool(plain.match(text, i, stop)), text[i:stop]
            found = pattern.search(text, i, stop)
            assert (found and found.span()) == ((m := plain.search(text, i, stop)) and m.span()), text[i:stop]
            # As _judge_neutral asks: whether the text holds one of the words, compiling nothing.
            assert pattern.may_match(text, i, stop) == (m is not None), text[i:stop]
            assert pattern.may_match(text[i:stop]) == (m is not None), text[i:stop]
            matched += found is not None
    assert matched > 1000


@pytest.mark.parametrize("name", sorted(PLAIN_ENDING))
def test_the_words_ending_the_text_before_a_name_are_the_patterns_they_were(name: str) -> None:
    words, plain = getattr(P, name), PLAIN_ENDING[name]
    pieces = list("来到去在与同和跟原赴字的a1，。 \n\r") + list(words) + ["学习借鉴", "对口", "借", "往"]
    matched = 0
    for text in TEXTS_ALL + _random(name, pieces, 20000, 8):
        for i in range(0, len(text), 5):  # the text before a name, as _judge_neutral asks
            before = text[max(0, i - 12) : i]
            assert P._ends_with(before, words) == bool(plain.search(before)), before
            matched += bool(plain.search(before))
    assert matched > 1000


def test_neutral_contexts_judged_once_are_judged_afresh() -> None:
    judged = 0
    for text in TEXTS_ALL:
        places, fresh = _places(text), _places(text)
        places.home  # the home inference judges the candidates first
        for c in places._all_candidates:  # then the matches ask again, and of their runs
            for start, end in ((c.start, c.end), (max(0, c.start - 3), c.end), (c.start, min(len(text), c.end + 2))):
                assert places._neutral(start, end) == fresh._judge_neutral(start, end), (text, start, end)
                judged += 1
    assert judged > 1000


def test_institution_words_are_the_institution_pattern() -> None:
    rng = random.Random("institution")
    pieces = ["委", "人民政府", "人民", "政府", "人大", "政协", "纪委", "监委", "党委", "党工委", "工委", "县", "市", "字", "，", "\n"]
    found = 0
    for text in TEXTS_ALL[:200] + _random("institution", pieces, 5000, 6):
        for pos in range(len(text) + 1):
            end = rng.randrange(pos, len(text) + 1)
            assert text.startswith(P.INSTITUTION_WORDS, pos) == bool(PLAIN_INSTITUTION.match(text, pos)), (text, pos)
            assert text.startswith(P.INSTITUTION_WORDS, pos, end) == bool(PLAIN_INSTITUTION.match(text, pos, end)), (text, pos, end)
            found += bool(PLAIN_INSTITUTION.match(text, pos, end))
    assert found > 5000


_IMPRINT_PARTS = [
    ["交城县人民政府办公室", "中共交城县委办公室", "字", "1", ""], ["", " ", "\u3000"], ["2024", "24", "2024 "], ["年", " 年"],
    ["3", "12", "三"], ["月", " 月"], ["5", "15"], ["日", " 日"], ["", " "], ["印", "发", "印 ", ""], ["发", "", "了"],
]


@pytest.mark.parametrize(("name", "call"), [("_FIRM_AFTER", "match"), ("_VISIT_AFTER", "search"), ("_IMPRINT", "match")])
def test_a_pattern_skipped_for_its_needs_finds_nothing_there(name: str, call: str) -> None:
    """The neutral-context and 印发机关 patterns are tried only on a text holding one of their
    ``needs``: wherever they match, it holds one."""
    pattern = getattr(P, name)
    pieces = [
        "公司", "集团", "大学", "学院", "科学院", "研究院", "研究所", "银行", "有限", "农业", "来", "来到", "考察", "调研",
        "指导", "专家", "印", "发", "印发", "印 发", " ", "2024年3月5日", "2024 年 3 月 5 日", "交城县人民政府办公室", "字", "，", "a",
    ]
    lines = [line for text in TEXTS_ALL for line in text.split("\n")]
    rng = random.Random(name)
    imprints = [  # 印发机关 lines and near misses
        "".join(rng.choice(part) for part in _IMPRINT_PARTS) for _ in range(5000 if name == "_IMPRINT" else 0)
    ]
    matched = 0
    for text in lines + _random(name, pieces, 20000, 8) + imprints:
        if getattr(pattern, call)(text):
            assert pattern.may_match(text), text
            matched += 1
    assert matched > 200


def _plain_gazetteer(data: str, ordinary: str) -> dict[str, Any]:
    """``Gazetteer.from_csv`` the plain way: a row at a time, the dataclass's own __init__, a
    pass per table."""
    rows = [line.split(",") for line in data.splitlines()[1:] if line]
    codes = {r[0] for r in rows}
    units = {}
    for code, name, short, suffix in rows:
        if code.endswith("0000"):
            parent = None
        elif code.endswith("00") or code[:4] + "00" not in codes:
            parent = code[:2] + "0000"
        else:
            parent = code[:4] + "00"
        units[code] = Unit(code, name, short or name, suffix, parent)
    lists: dict[str, dict[str, list[Unit]]] = {"by_name": {}, "by_short": {}}
    for u in units.values():
        lists["by_name"].setdefault(u.name, []).append(u)
        if u.short != u.name:
            lists["by_short"].setdefault(u.short, []).append(u)
    by_name = {k: tuple(v) for k, v in lists["by_name"].items()}
    by_short = {k: tuple(v) for k, v in lists["by_short"].items()}
    ending: dict[str, int] = {}
    starting: dict[str, int] = {}
    for n in (*by_name, *by_short):  # the longest name by its last (first) two characters
        ending[n[-2:]] = max(ending.get(n[-2:], 0), len(n))
        starting[n[:2]] = max(starting.get(n[:2], 0), len(n))
    name_lengths = sorted({len(n) for n in by_name}, reverse=True)
    any_lengths = sorted({len(n) for n in (*by_name, *by_short)}, reverse=True)
    classes: dict[str, list[str]] = {"word": [], "frequent": []}
    for line in ordinary.splitlines():
        if line.strip() and not line.startswith("#"):
            classes[line.split("\t")[1]].append(line.split("\t")[0])
    return {
        "units": units, "by_name": by_name, "by_short": by_short, "ordinary": frozenset(classes["word"]),
        "frequent": frozenset(classes["frequent"]), "_name_lengths": name_lengths, "_any_lengths": any_lengths,
        # No tables when a name has one character: the look-ups try every length.
        **({"_ending": ending, "_starting": starting} if min(any_lengths, default=0) >= 2 else {"_ending": None, "_starting": None}),
    }


#: Duplicate full and short names, an empty short name, a short name that is another unit's
#: full name, counties with and without their prefecture; the second adds a one-character name.
_SMALL_GAZETTEER = """code,name,short,suffix
110000,北京市,北京,市
110101,东城区,东城,区
120000,甲省,甲,省
120100,乙市,乙,市
120102,丙县,丙,县
120181,丁市,丁,市
129001,戊县,,县
130000,朝阳省,朝阳,省
130100,朝阳区,朝阳,区
130102,东城区,东城,区
140100,北京市区,北京市,区
220104,朝阳区,朝阳,区
652723,温泉县,温泉,县
"""


@pytest.mark.parametrize(
    ("data", "ordinary"),
    [
        ("shipped", "shipped"),
        (_SMALL_GAZETTEER, "# comment\n丙县\tword\twhy\n朝阳\tfrequent\twhy\n"),
        (_SMALL_GAZETTEER + "130103,县,县,县\n", ""),
    ],
)
def test_the_gazetteer_built_in_one_pass_is_the_plain_build(data: str, ordinary: str) -> None:
    if data == "shipped":
        data, ordinary = (data_bytes(f).decode("utf-8") for f in ("gazetteer.csv", "place_ordinary_words.txt"))
    g, plain = Gazetteer.from_csv(data, ordinary), _plain_gazetteer(data, ordinary)
    for name, expected in plain.items():
        found = getattr(g, name)
        assert found == expected, name
        if name in ("units", "by_name", "by_short"):
            assert list(found) == list(expected), name  # the same order (tokenizer_words follows it)
    # The units made without the dataclass __init__ are the units it makes.
    for u in g.units.values():
        made = Unit(u.code, u.name, u.short, u.suffix, u.parent)
        assert type(u) is Unit and u == made and hash(u) == hash(made) and repr(u) == repr(made)
        assert (u.level, u.self_char, u.as_json()) == (made.level, made.self_char, made.as_json())
        with pytest.raises(dataclasses.FrozenInstanceError):
            u.name = "x"  # type: ignore[misc]


def test_the_lookups_with_the_tables_and_without_them_find_what_every_length_finds() -> None:
    """The look-ups try the lengths the tables allow, or every length without the tables (a
    gazetteer with a name of one character has none)."""
    data, ordinary = (data_bytes(f).decode("utf-8") for f in ("gazetteer.csv", "place_ordinary_words.txt"))
    plain, tabled = Gazetteer.from_csv(data, ordinary), Gazetteer.from_csv(data, ordinary)
    plain._ending = plain._starting = None  # as without the tables
    lengths = sorted({len(n) for n in (*G.by_name, *G.by_short)}, reverse=True)

    def every_length(text: str, at: int, ending: bool, bound: int) -> list[tuple[int, object, bool]]:
        return [
            (at - n if ending else at + n, units, short)
            for n in lengths
            if (at - n >= bound if ending else at + n <= bound)
            for table, short in ((G.by_name, False), (G.by_short, True))
            if (units := table.get(text[at - n : at] if ending else text[at : at + n])) is not None
        ]

    names = [*G.by_name, *G.by_short]
    rng = random.Random("lookups")
    texts = [t for t in TEXTS_ALL if regex.search("[省市县区旗盟州]", t)][:80]
    texts += ["在" + "、".join(names[i : i + 40]) + "县委的领导下" for i in range(0, len(names), 40)]
    texts += ["".join(rng.choice(names + ["县", "市", "区", "，", "治县", "字"]) for _ in range(12)) for _ in range(300)]
    for text in texts:
        hits = plain_scan_names(G, text)
        for g in (plain, tabled):
            assert [(h.start, h.end) for h in g.scan_names(text)] == hits, text
            assert [(h.start, h.end) for h in g.scan_names(text, 3, len(text) - 1)] == [
                h for h in plain_scan_names(G, text[: len(text) - 1], 3)
            ], text
        for i in range(len(text) + 1):
            floor, limit = max(0, i - 4), min(len(text), i + 5)
            for g in (plain, tabled):
                assert g.names_ending_at(text, i) == every_length(text, i, True, 0), (text, i)
                assert g.names_ending_at(text, i, floor) == every_length(text, i, True, floor), (text, i)
                assert g.names_starting_at(text, i) == every_length(text, i, False, len(text)), (text, i)
                assert g.names_starting_at(text, i, limit) == every_length(text, i, False, limit), (text, i)
    assert plain._ending is None and tabled._ending is not None


def _plain_infer_home(places: Places) -> Any:
    """``Places._infer_home`` as it was: every candidate judged for a neutral context, then
    the names of another level or of several units left out."""
    organs = [o.units[0] for o in places.organ_names if len(o.units) == 1]
    if organs:
        home = organs[0]
        for unit in organs[1:]:
            if places.gazetteer.is_ancestor(home, unit):
                home = unit
        return home
    text, own = places.text, places.own_level
    trusted = []
    for c in places._all_candidates:
        nxt = text[c.end : c.end + 1]
        if c.context == "name" and (c.end - c.start <= 2 or (nxt and nxt in P._COMPOUND_AFTER.get(text[c.end - 1], ""))):
            continue
        if not places._judge_neutral(c.start, c.end):
            trusted.append(c)
    scores: Counter[str] = Counter()
    for c in trusted:
        if len(c.units) == 1 and (own is None or c.units[0].self_char == own):
            scores[c.units[0].code] += 2 if c.context == "slot" else 1
    if not scores:
        return None
    (best, top), *rest = scores.most_common(2) + [("", 0)]
    if rest[0][1] == top or (own is None and top < 4):
        return None
    return places.gazetteer.units[best]


def test_the_home_inferred_judging_only_the_names_that_count_is_the_plain_inference() -> None:
    pieces = _NAME_PIECES + ["我县", "我市", "全县", "全市", "我区", "平安灵石", "赴", "考察", "学习借鉴", "与", "合作", "县域", "。", "介休市", "吕梁市交城县"]
    inferred = 0
    for text in TEXTS_ALL + _random("home", pieces, 1000, 20):
        places = _places(text)
        plain = _plain_infer_home(_places(text))
        assert places._infer_home() == plain, text
        inferred += plain is not None
    assert inferred > 300


#: Names among punctuation, Latin letters, digits, spaces and quotes: the clause a name is
#: segmented in, and where it is cut.
_CLAUSE_PIECES = _NAME_PIECES + [
    "，", "。", "、", "：", ":", ",", "!", "?", ";", "！", "？", "；", " ", "a", "B2", "10", "％", "-", "“", "”", "（", "）", "\r\n",
    "振兴", "县域", "兴县", "和县", "市委和县委", "交城县委书记", "县委书记", "峨边县政府", "阿荣旗", "赵县",
]


def _plain_on_word_boundaries(places: Places, c: P._Candidate) -> bool:
    """``Places._on_word_boundaries`` as it was: the tokens of the name's paragraph."""
    tokens = places.document.tokens_in(Span(c.start, c.end))
    if not tokens or tokens[0].span.start != c.start:
        return False
    if tokens[-1].span.end == c.end:
        return True
    if c.context == "organ" or c.slot_kind == "在X委的领导下":
        first = places.text[c.start : tokens[0].span.end]
        return any(first == u.short != u.name for u in c.units)
    return False


@pytest.mark.parametrize("engine", ["rjieba", "jieba"])
def test_a_clause_segmented_by_itself_is_segmented_as_in_its_paragraph(engine: str) -> None:
    session = Session(ConfigResolver(isolated=True, overrides=Overrides(tokenizer=engine)))
    settings = session.resolver.root
    texts = [(t, ".txt") for t in TEXTS_ALL + _random("clauses", _CLAUSE_PIECES, 3000 if engine == "rjieba" else 1000, 24)]
    texts += [(f.read_text(encoding="utf-8"), ".md") for f in sorted((ROOT / "benchmarks" / "corpus").glob("*.md"))]
    clauses = kept = dropped = 0
    for text, suffix in texts:
        doc = session.read(Path("draft" + suffix), text.encode("utf-8"), settings)
        assert doc is not None
        places = doc.places
        for c in places._all_candidates:
            on = places._on_word_boundaries(c)
            assert on == _plain_on_word_boundaries(places, c), (text, c)
            kept += on
            dropped += not on
        for (a, b), starts in places._clause_tokens.items():
            tagged = doc.tagged_paragraph(a)
            assert tagged is not None
            assert starts == tuple(s for s in tagged.starts if a <= s <= b), (text, a, b)
            clauses += 1
    assert clauses > 1000 and kept > 1000 and dropped > 200


class _Pairs:
    """A tokenizer that does not segment a clause as inside its paragraph: two characters a
    token, from the start of the text it is given."""

    name = "pairs"

    def tag(self, text: str) -> list[tuple[str, str]]:
        return [(text[i : i + 2], "x") for i in range(0, len(text), 2)]


def test_another_engine_gets_the_paragraphs_tokens() -> None:
    pairs = _Pairs()
    kept = 0
    for text in TEXTS_ALL:
        places = Places(Document(text, resources=RESOURCES, tokenizer_factory=lambda: pairs), G)
        for c in places._all_candidates:
            on = places._on_word_boundaries(c)
            assert on == _plain_on_word_boundaries(places, c), (text, c)
            kept += on
        assert not places._clause_tokens
    assert kept > 100
