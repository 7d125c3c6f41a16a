"""The drafting, particle and term rules' speed shortcuts give exactly what the plain way gives.

Each shortcut is checked against the computation it replaces: the scans tried only where a
match can start (DRF001, DRF003, PTC003) against finditer; the character prefilters in front
of the tokens (PTC001, PTC004, PTC005, DRF002) against the rule without them, under
segmentations and tags drawn at random (a prefilter must hold however the text is cut, not
only the way jieba cuts it); the clause test of PTC001 and PTC004, searching the reversed text,
against the plain backward search; the owner test that asks for the document's own level only when
it must; the numbered terms made once; DRF002's doublings tried only where the low bytes of the
text allow one, and TRM001's trie only at the heads of the wordings, against finditer.
"""

from __future__ import annotations

import datetime as dt
import importlib
import itertools
import random
import re
from collections.abc import Callable
from typing import Any

import pytest
import regex

from speechlint import lazyre
from speechlint.builtin.particles import _match
from speechlint.document import Document
from speechlint.document.segment import BOUNDARY_SOURCE
from speechlint.formulations import Formulation, Formulations
from speechlint.fix import Span
from speechlint.resources import Resources

from test_speed import STRESS, TEXTS

drf001, drf002, drf003, ptc001, ptc003, ptc004, ptc005 = (
    importlib.import_module(f"speechlint.builtin.{m}")
    for m in (
        "drafting.placeholder_left",
        "drafting.repeated_token",
        "drafting.numbered_term_inconsistent",
        "particles.le_after_modal",
        "particles.doubled_particle",
        "particles.de_should_be_di",
        "particles.de_should_be_de_complement",
    )
)


def _random_texts(seed: str, alphabet: str, count: int = 20000, longest: int = 16) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, longest))) for _ in range(count)]


def _doublings(text: str) -> Any:
    """DRF002's doublings, tried only where the low bytes of the text allow one."""
    return lazyre.matches_at(drf002._TWICE_RE, text, drf002._may_double_at(text))


# (name, the plain pattern, the shortcut's matches, alphabet for random texts)
_SCANS: list[tuple[str, Any, Callable[[str], Any], str]] = [
    ("DRF001", drf001._PATTERN, drf001._matches, "XxＸ×╳○〇□口【】（） \u3000_＿某同志年月组长字a2019\n"),
    ("DRF001 X", drf001._PATTERN, drf001._matches, "XxＸ×╳组长月日年2019字a ."),
    ("DRF001 runs", drf001._PATTERN, drf001._matches, "○〇□口口人年一_＿某某由张字"),
    ("DRF003 quoted", drf003._QUOTED, drf003._quoted, "“”\"三十两大类项个条种方面顽疾字"),
    ("DRF003 N大", drf003._BARE_DA, drf003._bare_da, "一二三十两百大的第这“顽疾字"),
    ("DRF003 N类", drf003._BARE_CLASS, drf003._bare_class, "一二三十两类项种第每其“顽疾字"),
    ("PTC003", ptc003._DOUBLE, ptc003._doubles, "的了地得字"),
    # Characters that share a low byte (要 誁, 一 伀 倀 𠀀 and the ideographic space, a lone
    # surrogate), function characters and others, a space, a digit: doublings of every length.
    ("DRF002", drf002._TWICE_RE, _doublings, "要誁一伀倀\U00020000\u3000\ud800是我们研究 1"),
    ("DRF002 runs", drf002._TWICE_RE, _doublings, "要要是研"),
]


@pytest.mark.parametrize("name", [s[0] for s in _SCANS])
def test_a_scan_tried_at_its_starts_is_finditer(name: str) -> None:
    _, pattern, shortcut, alphabet = next(s for s in _SCANS if s[0] == name)
    found = 0
    for text in TEXTS + STRESS + _random_texts(name, alphabet):
        plain = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert [(m.span(), m.groups()) for m in shortcut(text)] == plain, (name, text)
        found += len(plain)
    assert found > 100  # the texts reach the pattern often


def test_doubling_starts_are_found_in_long_texts() -> None:
    """DRF002's low-byte candidates far into a text, at both ends of it, and beside characters whose
    low byte is zero."""
    rng = random.Random("DRF002 long")
    for _ in range(200):
        pieces = ["我们", "一", "伀", "\U00020000", "要", "誁", "研究", "，", "　", "是"]
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 400)))
        plain = [(m.span(), m.groups()) for m in drf002._TWICE_RE.finditer(text)]
        assert [(m.span(), m.groups()) for m in _doublings(text)] == plain, text


def test_matches_at_passes_over_a_start_inside_the_match_before() -> None:
    pattern = regex.compile("aa|ab")
    for text in _random_texts("matches_at", "ab", 3000, 12):
        starts = [i for i, c in enumerate(text) if c == "a"]
        assert [m.span() for m in lazyre.matches_at(pattern, text, starts)] == [m.span() for m in pattern.finditer(text)]


# -- prefilters in front of the tokens, under any segmentation -----------------------------------

# Phrases the rules read, and what stands around them; a random segmentation often keeps
# their words whole, and their usual tags are drawn more often than others.
_PHRASES = (
    "要 认真 的 推进 工作", "必须 积极稳妥 的 推进改革", "会议 要求 各地 扎实 的 开展 工作", "请 大家 切实 的 落实 任务",
    "重要 的 工作", "需要 深入 的 研究", "要 进一步 全面 的 学习 文件",
    "工作 做 的 很 扎实", "会议 开 的 非常 成功", "落实 的 不 到位", "他 说 的 很 对", "做 的 好", "发展 的 很快 了",
    "整改 的 不够 彻底", "所 做 的 很 好", "是 的 很 好",
    "要 认真 学习 了 文件", "必须 坚持 了 “ 原则 ”", "应该 已经 收到 了 通知", "要 先 调研 了 再 决策", "要 防止 应付 了 事",
    "我们 我们 要 学习", "研究 研究", "商量 商量", "一个 一个", "在 在", "要 要", "切实 切实", "人 人",
)
_PUNCT = ["，", "。", "、", "；", "！", "“", "”", "（", "）", "1", ",", "2", "\n"]
_USUAL = {
    "认真": "ad", "积极稳妥": "l", "扎实": "a", "切实": "ad", "深入": "v", "全面": "ad", "进一步": "d", "推进": "v",
    "推进改革": "l", "开展": "v", "落实": "v", "学习": "v", "研究": "vn", "做": "v", "开": "v", "说": "v", "发展": "vn",
    "整改": "v", "坚持": "v", "收到": "v", "调研": "vn", "应付": "v", "很": "d", "非常": "d", "不": "d", "不够": "d",
    "很快": "d", "好": "a", "对": "p", "成功": "a", "到位": "v", "彻底": "a", "各地": "r", "大家": "r", "我们": "r",
    "一个": "m", "商量": "n", "在": "p", "要": "v", "人": "n", "的": "uj", "了": "ul",
}
_WORDS = sorted({w for p in _PHRASES for w in p.split(" ")} | set(_PUNCT), key=len, reverse=True)
_TAGS = ("v", "vn", "a", "ad", "d", "z", "i", "l", "r", "m", "x", "n", "u", "p", "c", "eng")


class _RandomTokenizer:
    """Cuts a text at random, preferring the words of the phrases, and tags each piece,
    with its usual tag more often than not."""

    name = "random"

    def __init__(self, seed: int) -> None:
        self.seed = seed

    def tag(self, text: str) -> list[tuple[str, str]]:
        rng = random.Random(f"{self.seed}:{text}")
        out, i = [], 0
        while i < len(text):
            pieces = [w for w in _WORDS if w and text.startswith(w, i)] or [text[i]]
            piece = text[i : i + rng.randrange(1, 4)] if rng.random() < 0.15 else rng.choice(pieces)
            usual = _USUAL.get(piece)
            out.append((piece, usual if usual and rng.random() < 0.6 else rng.choice(_TAGS)))
            i += len(piece)
        return out


def _documents(seed: int, count: int) -> list[Document]:
    rng = random.Random(seed)
    docs = []
    for k in range(count):
        tokenizer = _RandomTokenizer(k % 7)  # a few segmentations of the same text across documents
        parts = [rng.choice(_PHRASES).replace(" ", "") if rng.random() < 0.5 else rng.choice(_PUNCT) for _ in range(rng.randrange(1, 8))]
        docs.append(Document("".join(parts), tokenizer_factory=lambda t=tokenizer: t))
    return docs


def _findings(rule: Any, docs: list[Document]) -> list[list[tuple[int, int, str]]]:
    return [[(v.span.start, v.span.end, v.message) for v in rule.check(doc, rule.options())] for doc in docs]


def _plain(module: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every candidate gets its tokens: no ``keep`` or clause test, PTC005's 的 without its
    look-ahead, DRF002's doublings found at every offset."""
    monkeypatch.setattr(module, "candidates", lambda *a, keep=None, at=None, **k: _match.candidates(*a, **k))
    if module is ptc005:
        monkeypatch.setattr(module, "_DE", regex.compile("的"))


@pytest.mark.parametrize("module", [ptc001, ptc004, ptc005, drf002], ids=["PTC001", "PTC004", "PTC005", "DRF002"])
def test_prefilters_hold_for_any_segmentation(module: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    rule = next(v for v in vars(module).values() if getattr(v, "code", "") in ("PTC001", "PTC004", "PTC005", "DRF002"))
    docs = _documents(11, 6000)
    with_prefilter = _findings(rule, docs)
    _plain(module, monkeypatch)
    docs = [Document(d.text, tokenizer_factory=d.tokenizer_factory) for d in docs]
    assert _findings(rule, docs) == with_prefilter
    assert sum(map(len, with_prefilter)) > 20, "the random segmentations reach the findings"


def test_ptc005_keeps_the_de_before_each_word_that_may_follow() -> None:
    """The look-ahead and the prefix test pass each word the rule reads after 的."""
    after = (
        ptc005._DEGREE
        | ptc005._MANNER
        | {d + w for d in ptc005._MERGED_DEGREE for w in ptc005._MANNER}
        | {n + w for n in ptc005._NEGATION for w in ptc005._NEGATED_MANNER}
    )
    for w in after:
        m = ptc005._DE.search(f"做的{w}。")
        assert m is not None and f"做的{w}。".startswith(ptc005._WORDS_AFTER, m.end()), w


# The clause test as it was before it searched the reversed text: the last clause mark before the
# candidate found searching backwards, then the words searched for between it and the candidate.
_LAST_BOUNDARY = regex.compile("(?r)" + BOUNDARY_SOURCE)


def _plain_in_clause(text: str, target: str, words: frozenset[str], gap: int) -> list[int]:
    pattern = re.compile("|".join(sorted(words, key=len, reverse=True)))  # re: an end before the start finds nothing
    kept = []
    for offset in (i for i, c in enumerate(text) if c == target):
        mark = _LAST_BOUNDARY.search(text, 0, offset)
        if pattern.search(text, mark.end() if mark else 0, offset - gap):
            kept.append(offset)
    return kept


# Directives and modals, clause marks of both widths, digits (a mark between two is no boundary;
# 𐵀 is a digit only to regex's newer Unicode tables), ideographs, a line break, the targets.
_CLAUSE_ALPHABET = "要求请应须务必一定希望需亟重扎实的了，。；：、！？,;:!?1२\U00010d40a“\n"


@pytest.mark.parametrize(
    ("target", "words", "gap"),
    [("的", ptc004._DIRECTIVES, 2), ("的", ptc004._DIRECTIVES, 0), ("了", _match.MODALS, 0), ("了", _match.MODALS, 1)],
)
def test_the_clause_test_is_the_plain_one(target: str, words: frozenset[str], gap: int) -> None:
    pattern = _match.clause_words(words)
    kept = 0
    for text in TEXTS + STRESS + _random_texts(f"clause {target} {gap}", _CLAUSE_ALPHABET, 20000, 24):
        plain = _plain_in_clause(text, target, words, gap)
        keep = _match.in_clause(Document(text), pattern, gap)
        found = [m.start() for m in regex.finditer(target, text) if keep(m)]
        assert found == plain, text
        kept += len(plain)
    assert kept > 300  # the random texts reach both ends of the test


def test_a_directive_ends_before_the_modifier() -> None:
    """PTC004's gap: the directive search ends two characters before the 的, never after."""
    for text, kept in [("要扎实的推进", True), ("重要的工作", False), ("要好的推进", False), ("要的", False), ("要，扎实的推进", False)]:
        keep = _match.in_clause(Document(text), ptc004._ANY_DIRECTIVE, ptc004._MODIFIER_LENGTH)
        assert keep(ptc004._DE.search(text)) is kept, text


# -- the rest -----------------------------------------------------------------------------------------


def test_two_sets_asks_the_own_level_only_when_it_decides() -> None:
    levels = (None, "省", "市", "县")
    for owner, mine, own in itertools.product(levels, repeat=3):
        asked: list[str | None] = []
        plain = bool(
            (owner or mine) and owner != mine and (owner or own) and (mine or own) and (owner or own) != (mine or own)
        )
        assert drf003._two_sets(owner, mine, lambda own=own, asked=asked: asked.append(own) or own) is plain
        assert bool(asked) == (bool(owner) != bool(mine)), (owner, mine, own)


def _variant_texts(formulations: Any, count: int) -> list[str]:
    """Listed wordings whole, cut at either end, with their quotation marks changed or dropped,
    run together or apart."""
    rng = random.Random("TRM001")
    words = sorted(formulations._listed)
    quotes = "“”\"「」‘’'『』"
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randrange(1, 6)):
            w = rng.choice(words)
            r = rng.random()
            if r < 0.2:
                w = w[rng.randrange(len(w)) :]
            elif r < 0.4:
                w = w[: rng.randrange(1, len(w) + 1)]
            elif r < 0.55:
                w = "".join(rng.choice(quotes) if c in quotes else c for c in w)
            elif r < 0.7:
                w = "".join(c for c in w if c not in quotes)
            parts += [rng.choice(["", "", rng.choice(quotes), rng.choice(quotes) * 2]), w, rng.choice(["", "，", "的"])]
        texts.append("".join(parts))
    return texts


# Wordings the data does not hold yet: a quotation mark second, two opening a wording, one
# character alone, heads shared with them.
_ODD_WORDINGS = Formulations(
    (
        Formulation("甲“乙”丙", ("甲乙丙丁",), "", dt.date(2024, 1, 1)),
        Formulation("““双层””引号", ("‘单’引",), "", dt.date(2024, 1, 1)),
        Formulation("丁", ("乙甲乙", "甲丙"), "", dt.date(2024, 1, 1)),
    ),
    (),
)


@pytest.mark.parametrize("odd", [False, True], ids=["data", "odd"])
def test_wordings_tried_at_their_heads_are_finditer(odd: bool) -> None:
    """TRM001's trie, tried only at the heads of listed wordings (and at the quotation marks before
    them), finds what it finds at every offset, in any stretch of the text."""
    formulations = _ODD_WORDINGS if odd else Resources().formulations
    rng = random.Random("TRM001 stretch")
    found = 0
    for text in TEXTS + STRESS + _variant_texts(formulations, 20000):
        plain = [(m.span(), m.group()) for m in formulations._matcher.finditer(text)]
        assert [(m.span(), m.group()) for m in formulations._wordings(text)] == plain, text
        found += len(plain)
        start, end = rng.randrange(-5, len(text) + 3), rng.choice([None, rng.randrange(-5, len(text) + 3)])
        stretch = formulations._matcher.finditer(text, start, len(text) if end is None else end)
        plain = [(m.span(), m.group()) for m in stretch]
        assert [(m.span(), m.group()) for m in formulations._wordings(text, start, end)] == plain, (text, start, end)
    assert found > 1000


def test_numbered_terms_are_made_once() -> None:
    formulations = Resources().formulations
    assert formulations.numbered_terms is formulations.numbered_terms
    assert formulations.numbered_terms == frozenset(formulations._numbered_index)


def test_closings_are_tried_one_by_one_and_only_until_one_is_found() -> None:
    from speechlint.document import genres
    from speechlint.document.segment import Segment

    resources = Resources()
    speech = resources.genres.get("讲话")
    assert speech is not None and len(speech.closings) > 5
    rng = random.Random(31)
    pieces = ["谢谢大家！", "同志们，", "让我们共同努力！", "散会。", "会议到此结束。", "今年的工作很重要。", "为盼。", "！", " "]
    for _ in range(300):
        ending = tuple(
            Segment(text=t, span=Span(0, len(t)))
            for t in ("".join(rng.choice(pieces) for _ in range(rng.randrange(1, 4))) for _ in range(rng.randrange(0, 3)))
        )
        plain = any(p.search(seg.text) for seg in ending for p in speech.closings)
        assert genres.has_closing(speech, ending) == plain
    # A speech ending with 谢谢 compiles its first closing only.
    table = Resources().genres.get("讲话")
    assert table is not None
    ending = (Segment(text="今年的工作很重要。", span=Span(0, 9)), Segment(text="谢谢大家！", span=Span(10, 15)))
    assert genres.has_closing(table, ending)
    assert [p._compiled is not None for p in table.closings] == [True] + [False] * (len(table.closings) - 1)
