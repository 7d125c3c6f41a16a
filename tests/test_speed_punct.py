"""The punctuation rules' speed shortcuts give exactly what the plain way gives.

Each shortcut is checked against the computation it replaces, on the texts of
tests/test_speed.py (the corpus, the examples, every case file) and on random strings
made of the characters it concerns: the emoticon pattern with its first character in
front, the runs a pattern is searched in, the lines holding a needle, the candidate scan
without the dot, the number spans the rules no longer compute, the per-paragraph guard
test, the paragraphs visited and the list markers looked for only where asked; (fifth pass)
the marks and the runs of dashes found by a str.find per character instead of a class scan, and
the emoticons tried only at the characters they start with.
"""

from __future__ import annotations

import importlib
import random
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pytest
import regex

from speechlint.builtin.punctuation import _context
from speechlint.builtin.punctuation._context import (
    Protected,
    char_offsets,
    lines_holding,
    marks_by_paragraph,
    unprotected,
)
from speechlint.document import Document
from speechlint.lazyre import matches_at

from test_speed import STRESS, TEXTS

# The packages export each rule under its module's name: the modules come from sys.modules.
pun001, pun002, pun003, pun004, pun005, pun008, pun009 = (
    importlib.import_module(f"speechlint.builtin.punctuation.{m}")
    for m in ("halfwidth_punct_in_cjk", "quote_pairing", "bracket_pairing", "ellipsis_form", "dash_form",
              "duplicate_punct", "stray_spacing")
)


def _random(seed: object, pieces: Sequence[str], count: int, longest: int) -> list[str]:
    rng = random.Random(str(seed))
    return ["".join(rng.choice(pieces) for _ in range(rng.randrange(0, longest))) for _ in range(count)]


def _found(matches: Any) -> list[tuple[tuple[int, int], str | None, str]]:
    return [(m.span(), m.lastgroup, m.group()) for m in matches]


def test_emoticon_pattern_is_the_plain_alternation() -> None:
    plain = regex.compile(
        r"[:;=][-'^]?[()]"  # :) :-( ;)
        r"|[(（][\^T>＾][_\-.oω]?[\^T<＾][)）]"  # (^_^) （T_T）
        r"|\^_?\^"
    )
    pieces = list(":;=-'^()（）T>＾<_.oω字，") + [":-)", "(^_^)", "（T_T）", "^^", "^_^", ";(", "=)"]
    for text in TEXTS + STRESS + _random("emoticon", pieces, 20000, 14):
        assert _found(_context._EMOTICON.finditer(text)) == _found(plain.finditer(text)), text


#: (name, pattern, the runs it is searched in, the plain pattern of those runs, characters to build texts of):
#: see ``unprotected``.
_RUN_CASES: list[tuple[str, Any, Callable[[str], list[tuple[int, int]]], str, list[str]]] = [
    ("PUN008", pun008._RUN, lambda text: [m.span() for m in pun008._RUNS.finditer(text)],
     "[，,；;：:！!？?、。]{2,}", list("，,；;：:！!？?、。字a1 \n") + ["。。", "。。。", "，,"]),
    ("PUN004", pun004._FORM, lambda text: [m.span() for m in pun004._FORM_RUNS.finditer(text)],
     "[.。．·・•⋯…]{2,}|[⋯…]", list(".。．·・•⋯…字a1 \n") + ["……", "...", "………", "。。。"]),
    ("PUN005", pun005._FORM, lambda text: _context.char_runs(text, pun005._DASHES), "[-－─━–―—]+",
     list("-－─━–―—字a1 \n") + ["——", "――", "--", "---"]),
]


@pytest.mark.parametrize("name", [c[0] for c in _RUN_CASES])
def test_a_pattern_searched_in_its_runs_finds_what_the_whole_text_scan_finds(name: str) -> None:
    _, pattern, runs, plain_runs, pieces = next(c for c in _RUN_CASES if c[0] == name)
    nothing = Protected([])
    found = 0
    for text in TEXTS + STRESS + _random(name, pieces, 20000, 16):
        windows = runs(text)
        plain = _found(pattern.finditer(text))
        assert _found(unprotected(pattern, text, nothing, windows)) == plain, text
        # the runs (re's class scan, str.find) are the plain pattern's matches, as regex finds them
        assert windows == [m.span() for m in regex.finditer(plain_runs, text)], text
        found += bool(plain)
    assert found > 1000  # the random texts do reach the pattern


def test_deng_searched_in_the_lines_holding_a_needle_finds_what_the_whole_text_scan_finds() -> None:
    pieces = list("…⋯.。等待字a \n\r") + ["……等", "...等", "。。。等等", "⋯等", "……等待"]
    nothing = Protected([])
    found = 0
    for text in TEXTS + STRESS + _random("deng", pieces, 20000, 16):
        plain = _found(pun004._DENG.finditer(text))
        windows = lines_holding(text, pun004.DENG_NEEDS)
        assert _found(unprotected(pun004._DENG, text, nothing, windows)) == plain, text
        found += bool(plain)
    assert found > 1000


def test_lines_holding_a_needle() -> None:
    for text in _random("lines", list("ab\n") + ["ab\n", "\r\n"], 5000, 12):
        lines, start = [], 0
        for line in text.split("\n"):
            if "ab" in line or "ba" in line:
                lines.append((start, start + len(line)))
            start += len(line) + 1
        assert lines_holding(text, ("ab", "ba")) == lines, text


def test_the_candidates_but_the_dot_are_the_candidate_scan_without_its_dots() -> None:
    pieces = list(",;:?!.字a1 \n") + ["...", "3.5", "1,000"]
    for text in TEXTS + STRESS + _random("candidates", pieces, 5000, 16):
        plain = [m.span() for m in pun001._CANDIDATE.finditer(text) if m.group() != "."]
        assert [(i, i + 1) for i in char_offsets(text, pun001._NO_DOT)] == plain, text


def _findings(rule: Any, texts: list[str], formats: Sequence[str] = ("text",)) -> list[list[Any]]:
    return [list(rule.check(Document(text, format=fmt), rule.options())) for text in texts for fmt in formats]


#: Marks beside digits and number separators: what a number span could hold.
_NUMBER_PIECES = list("0123456789.,:：/'\"“”‘’-－—―…。，；;!！?？、字a \n") + [
    "1.5", "10:30", "1,000", "3.1.2", "5'30\"", "2024--2025", "1...2", "1，，2", "1::2", "3——4", "…等",
    *["工作任务繁重"] * 8, "--", "—",  # a dash is reported only between Han, a single one after a long run
]


@pytest.mark.parametrize("module", [pun002, pun004, pun005, pun008], ids=["PUN002", "PUN004", "PUN005", "PUN008"])
def test_a_rule_that_skips_the_numbers_finds_what_it_finds_with_them(module: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A number holds digits and . , : ： / between two digits: none of these rules' marks."""
    rule = next(v for v in vars(module).values() if getattr(v, "code", "").startswith("PUN"))
    texts = TEXTS + STRESS + _random(rule.code, _NUMBER_PIECES, 3000, 14)
    fast = _findings(rule, texts)
    with_numbers = _context.protected_in

    def protected_in(document: Document, text: str, *, numbers: bool = True) -> Protected:
        return with_numbers(document, text, numbers=True)

    monkeypatch.setattr(module, "protected_in", protected_in)
    assert _findings(rule, texts) == fast
    assert sum(map(bool, fast)) > 20  # the texts do reach the rule


def test_a_span_holds_a_protected_offset_when_it_overlaps_a_protected_span() -> None:
    """The pairing rules test each mark only in the paragraphs whose marks' range overlaps one."""
    rng = random.Random(11)
    for _ in range(2000):
        spans = [(a, a + rng.randrange(0, 6)) for a in (rng.randrange(0, 60) for _ in range(rng.randrange(0, 6)))]
        guard = Protected(spans)
        for _ in range(30):
            start = rng.randrange(0, 70)
            end = start + rng.randrange(1, 12)
            assert guard.overlaps(start, end) == any(i in guard for i in range(start, end)), (spans, start, end)


#: Quotes and brackets over lines and paragraphs, in what protects them and what does not.
_PAIRING_PIECES = list("“”‘’\"'（）()《》〈〉【】字a1。，：") + [
    "\n", "\n", "\n\n", " ", "1)", "a）", "(一)", "（二）", "http://a.cn/(x)", ":)", "报表(样表).xls", "Xi'an",
    "“关于", "的通知”", "“通知”.docx", "《办法》.pdf", "《防汛应急\n预案》", "（特别是\n施工项目）", "\n“", "\n- ", "**",
]


@pytest.mark.parametrize("chars", ["“”（）", pun002._QUOTES, pun003._BRACKETS, pun009._SPACE])
def test_marks_by_paragraph_are_each_paragraphs_matches(chars: str) -> None:
    mark = regex.compile("[" + regex.escape(chars) + "]")
    for text in TEXTS[:80] + STRESS + _random("marks", _PAIRING_PIECES + [" ", "\"'"], 3000, 24):
        doc = Document(text)
        expected = {}
        for k, p in enumerate(doc.paragraphs):
            found = [m.start() for m in mark.finditer(doc.prose, p.span.start, p.span.end)]
            if found:
                expected[k] = found
        assert marks_by_paragraph(chars, doc.prose, doc.paragraphs) == expected, text


def test_char_offsets_are_where_a_class_scan_finds_one() -> None:
    cases = ["“”‘’\"'", "（(《〈【〔〖）)》〉】〕〗", ":;=(（^", ".", " ", "a", ""]
    pieces = list("“”‘’\"'（(《〈【〔〖）)》〉】〕〗:;=^. a字，\n") + ["😀", "\u3000"]
    for chars in cases:
        scan = re.compile("[" + re.escape(chars) + "]") if chars else re.compile("(?!)")
        for text in TEXTS[:60] + STRESS + _random(("offsets", chars), pieces, 3000, 30):
            assert char_offsets(text, chars) == [m.start() for m in scan.finditer(text)], (chars, text)


def test_emoticons_tried_at_their_first_characters_are_those_finditer_finds() -> None:
    pieces = list(":;=-'^()（）T>＾<_.oω字，") + [":-)", "(^_^)", "（T_T）", "^^", "^_^", ";(", "=)", "\n"]
    for text in TEXTS + STRESS + _random("emoticon-at", pieces, 5000, 16):
        assert _found(matches_at(_context._EMOTICON, text, char_offsets(text, _context._EMOTICON_FIRST))) == _found(
            _context._EMOTICON.finditer(text)
        ), text


def _every_paragraph(
    document: Document,
    opens: Mapping[int, Sequence[tuple[int, str]]],
    closes: Mapping[int, Sequence[tuple[int, str]]],
) -> set[int]:
    """``unmatched_across_breaks`` as first written: every paragraph visited, in its order of tests."""
    paragraphs = document.paragraphs
    opens_of = [opens.get(k, []) for k in range(len(paragraphs))]
    closes_of = [closes.get(k, []) for k in range(len(paragraphs))]
    paired: set[int] = set()
    for k in range(len(opens_of) - 1):
        first_lines = document.paragraph_lines
        wrapped = document.format == "markdown" and first_lines[k + 1][0] == first_lines[k][0] + 1
        if paragraphs[k].text[-1:] in _context._SENTENCE_END and not wrapped:
            continue
        if len(opens_of[k]) == 1 and all(c in paired for c, _ in closes_of[k]) and closes_of[k + 1]:
            (o, family), (c, other) = opens_of[k][0], closes_of[k + 1][0]
            if family == other and not any(p < c for p, _ in opens_of[k + 1]):
                paired.update((o, c))
    return paired


@pytest.mark.parametrize("module", [pun002, pun003], ids=["PUN002", "PUN003"])
def test_pairing_visits_only_the_paragraphs_holding_a_mark(module: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule's findings when every paragraph is visited across line breaks and every mark is
    tested against the protected spans and (brackets) against the list markers of the whole text."""
    rule = next(v for v in vars(module).values() if getattr(v, "code", "").startswith("PUN"))
    texts = TEXTS + STRESS + _random(rule.code, _PAIRING_PIECES, 3000, 24)
    formats = ("text", "markdown")
    fast = _findings(rule, texts, formats)

    class Plain(Protected):
        def overlaps(self, start: int, end: int) -> bool:
            return True  # every mark is tested

    def plain_guard(document: Document, text: str, **kwargs: bool) -> Protected:
        guard = Plain([])
        guard.__dict__.update(_context.protected_in(document, text, **kwargs).__dict__)
        return guard

    monkeypatch.setattr(module, "unmatched_across_breaks", _every_paragraph)
    monkeypatch.setattr(module, "protected_in", plain_guard)
    if module is pun003:
        every: Callable[[str, int], bool] = lambda text, k: k in {
            m.start(1) for m in pun003._LIST_MARKER.finditer(text)
        }
        monkeypatch.setattr(module, "closes_list_marker", every)
    assert _findings(rule, texts, formats) == fast
    assert sum(map(bool, fast)) > 500


def test_a_list_marker_is_found_where_finditer_finds_it() -> None:
    pieces = ["1", "12", "123", "a", "一", "二三", ")", "）", "》", "，", " ", "\n", "x", "(", "：", "“", "字"]
    for text in TEXTS[:80] + _random("marker", pieces, 5000, 20):
        markers = {m.start(1) for m in pun003._LIST_MARKER.finditer(text)}
        assert {k for k in range(len(text)) if pun003.closes_list_marker(text, k)} == markers, text


def test_stray_spacing_visits_only_the_paragraphs_holding_a_space(monkeypatch: pytest.MonkeyPatch) -> None:
    pieces = list("字字字 \n，。：、") + ["  ", "\t", "\u3000", "出  席：陈立新  赵 明", "第一条 为了", "填报日期：    年  月  日",
                                      "我们要 加强 组织领导。", "一、", "iPhone 手机", "\n\n"]
    texts = TEXTS + STRESS + _random("spacing", pieces, 3000, 16)
    fast = _findings(pun009.stray_spacing, texts, ("text", "markdown"))

    def every_paragraph(pattern: Any, text: str, paragraphs: Sequence[Any]) -> dict[int, list[int]]:
        return {k: [] for k in range(len(paragraphs))}

    monkeypatch.setattr(pun009, "marks_by_paragraph", every_paragraph)
    assert _findings(pun009.stray_spacing, texts, ("text", "markdown")) == fast
    assert sum(map(bool, fast)) > 100
