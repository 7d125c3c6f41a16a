"""The drafting, particle and term rules' speed shortcuts give exactly what the plain way gives.

Each shortcut is checked against the computation it replaces: the scans tried only where a
match can start (DRF001, DRF003, PTC003) against finditer; the character prefilters in front
of the tokens (PTC001, PTC004, PTC005, DRF002) against the rule without them, under
segmentations and tags drawn at random (a prefilter must hold however the text is cut, not
only the way jieba cuts it); the owner test that asks for the document's own level only when
it must; the numbered terms made once.
"""

from __future__ import annotations

import importlib
import itertools
import random
from collections.abc import Callable
from typing import Any

import pytest
import regex

from speechlint import lazyre
from speechlint.builtin.particles import _match
from speechlint.document import Document
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


# (name, the plain pattern, the shortcut's matches, alphabet for random texts)
_SCANS: list[tuple[str, Any, Callable[[str], Any], str]] = [
    ("DRF001", drf001._PATTERN, drf001._matches, "XxＸ×╳○〇□口【】（） \u3000_＿某同志年月组长字a2019\n"),
    ("DRF001 X", drf001._PATTERN, drf001._matches, "XxＸ×╳组长月日年2019字a ."),
    ("DRF001 runs", drf001._PATTERN, drf001._matches, "○〇□口口人年一_＿某某由张字"),
    ("DRF003 quoted", drf003._QUOTED, drf003._quoted, "“”\"三十两大类项个条种方面顽疾字"),
    ("DRF003 N大", drf003._BARE_DA, drf003._bare_da, "一二三十两百大的第这“顽疾字"),
    ("DRF003 N类", drf003._BARE_CLASS, drf003._bare_class, "一二三十两类项种第每其“顽疾字"),
    ("PTC003", ptc003._DOUBLE, ptc003._doubles, "的了地得字"),
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
    """Every candidate gets its tokens: no ``keep``, and PTC005's 的 without its look-ahead."""
    monkeypatch.setattr(module, "candidates", lambda *a, keep=None, **k: _match.candidates(*a, **k))
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


def test_a_directive_ends_before_the_modifier() -> None:
    """PTC004's gap: the directive search ends two characters before the 的, never after."""
    for text, kept in [("要扎实的推进", True), ("重要的工作", False), ("要好的推进", False), ("要的", False), ("要，扎实的推进", False)]:
        doc = Document(text)
        offset = text.index("的")
        assert _match.before_in_clause(doc, offset, ptc004._ANY_DIRECTIVE, ptc004._MODIFIER_LENGTH) is kept, text


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


def test_numbered_terms_are_made_once() -> None:
    formulations = Resources().formulations
    assert formulations.numbered_terms is formulations.numbered_terms
    assert formulations.numbered_terms == frozenset(formulations._numbered_index)
