"""The outline's speed shortcuts give exactly what the plain way gives.

Each shortcut of ``speechlint.document.outline`` is checked against the computation it replaces,
on the clean corpus, the examples, every case file's texts and random texts made of the pieces
the outline reads (markers, enumerators, counts, colons, circled numbers, line breaks): the
line hints written to open with one character class (the enumerator's) or with a literal (the
five count hints), the count pattern run by re, the markers
found once for every line, the colon test of the line above a heading, the one-line paragraphs
of a text that is not hard-wrapped, the footnote lines read from the circled numbers, the headings
made without their dataclass __init__ and the enumerator pattern opening with one class (run by re).
"""

from __future__ import annotations

import random

import pytest
import regex

from speechlint.document import Document, outline
from speechlint.document.wrap import continued_lines

from test_speed import STRESS, TEXTS

# The pieces of a random text: markers of every kind and width, enumerators, counts and their
# look-alikes, colons, circled numbers inside and at the start of lines, blank lines, spaces.
PIECES = [
    "一、", "二、", "三、", "十一、", "（一）", "（二）", "(三)", "一.", "一，", "1.", "2.", "1、", "3．", "（1）", "(2)",
    "①", "②", "③ ", "第一章", "第二章 ", "第三节　", "第一条 ", "第二条", "第十条　", "附件：", "附件", "附件2",
    "一是", "二是", "三要", "一来", "第一，", "第二，", "其一，", "其二、", "一方面", "另一方面", "首先，", "其次，",
    "再次，", "最后，", "讲三点", "两个方面", "四项任务", "以下几点", "1个问题", "12条", "三点半", "“四个意识”",
    "一、二年级", "三、四月份", "第", "其", "是", "要", "方面", "点", "项", "条", "面", "题",
    "工作", "总体要求", "要求：", "如下:", "。", "，", "；", "：", "、", "\n", "\n", "\n", "\n\n", " ", "　", "\t", "  ",
]


def _random_texts(seed: int, count: int, size: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randrange(1, size))) for _ in range(count)]


RANDOM = _random_texts(11, 3000, 40)


def _documents(texts: list[str]) -> list[Document]:
    return [Document(text, format=fmt) for text in texts for fmt in ("text", "markdown")]


def _plain_hint_lines(document: Document, plain: regex.Pattern[str]) -> set[int]:
    return {ln.number for ln in document.lines.lines if plain.search(document.prose, ln.span.start, ln.span.end)}


def test_line_hints_find_the_lines_the_plain_hints_find() -> None:
    """The enumerator hint opens with one character class, the count hints each with one of the
    count's last characters; they find a match in exactly the lines the plain alternations find
    one in."""
    numerals = outline.CN_NUMERALS
    plain_enumerator = regex.compile(rf"[{numerals}][是要来]|[第其][{numerals}]|一方面|首先|其次|再次|最后")
    plain_count = regex.compile(r"(?:[两二三四五六七八九十几]|\d)(?:个方面|方面|个问题|点|项|条)")
    # Counts and their look-alikes, with digits of other widths and scripts (\d is Unicode's).
    rng = random.Random(16)
    pieces = ["三", "几", "两", "十", "3", "12", "３", "٣", "个", "方", "面", "问", "题", "点", "项", "条", "方面", "个问题",
              "字", "，", "\n", " "]
    counts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 16))) for _ in range(4000)]
    for document in _documents(TEXTS + STRESS + RANDOM + counts):
        assert outline._hint_lines(document, outline._ENUMERATOR_HINTS) == _plain_hint_lines(document, plain_enumerator)
        assert outline._hint_lines(document, outline._COUNT_HINTS) == _plain_hint_lines(document, plain_count)


def test_count_pattern_on_re_matches_as_on_regex() -> None:
    plain = regex.compile(*outline._COUNT._args)
    counts = _random_texts(12, 20000, 12)
    for text in TEXTS + STRESS + RANDOM + counts:
        assert [(m.span(), m.groups(), m.lastgroup) for m in outline._COUNT.finditer(text)] == [
            (m.span(), m.groups(), m.lastgroup) for m in plain.finditer(text)
        ]


def _plain_markers(document: Document, lines: list[tuple[int, int, int]], regulation: bool) -> outline._Markers:
    """Every pattern tried at every line, in the order of the levels."""
    kinds = [(outline.CN, outline._CN_BARE), (outline.CN_PAREN, outline._CN_PAREN), (outline.ARABIC, outline._ARABIC_BARE),
             (outline.ARABIC_PAREN, outline._ARABIC_PAREN), (outline.CIRCLED, outline._CIRCLED)]
    units = {"章": outline.CHAPTER, "节": outline.SECTION, "条": outline.ARTICLE}
    out: outline._Markers = {}
    for number, start, end in lines:
        m = outline._REG_MARKER.match(document.prose, start, end) if regulation else None
        if m:
            out[number] = units[m.group(2)], m
            continue
        for kind, pattern in kinds:
            m = pattern.match(document.prose, start, end)
            if m:
                out[number] = kind, m
                break
    return out


def test_markers_found_once_are_every_pattern_at_every_line() -> None:
    for document in _documents(TEXTS + STRESS + RANDOM):
        lines = outline._content_lines(document)
        for regulation in (False, True):
            fast = outline._markers(document, lines, regulation)
            plain = _plain_markers(document, lines, regulation)
            assert {n: (k, m.span()) for n, (k, m) in fast.items()} == {n: (k, m.span()) for n, (k, m) in plain.items()}


def test_a_heading_after_a_colon_is_read_from_the_line_above() -> None:
    """``after_colon`` (and a list's restart) asks the last character of the line above; the plain
    reading strips that line and asks whether it ends with a colon, when it is no heading."""
    texts = [*TEXTS, *STRESS, *RANDOM, "要求：  \n1.一\n2.二\n附件2\n1.三\n如下:\t\n（一）四"]
    for document in _documents(texts):
        o = document.outline
        heading_lines = {h.line for h in o.headings}
        lines = outline._content_lines(document)
        pages = outline._attachment_lines(document, lines)[1]
        implied = outline._implied_numbered(
            document, lines, outline._markers(document, lines, o.regulation), o.regulation, o.attachment_lines, pages
        )
        body = [(number, start, end) for number, start, end in lines if number not in pages]
        above = {body[k][0]: body[k - 1] for k in range(1, len(body))}
        for h in o.headings:
            if h.line not in above:
                assert not h.after_colon
                continue
            number, start, end = above[h.line]
            lead_in = document.prose[start:end].rstrip().endswith(("：", ":"))
            assert h.after_colon == (lead_in and number not in heading_lines and number not in implied), h


def test_a_text_not_hard_wrapped_has_one_paragraph_a_line() -> None:
    """A heading's title runs on past its line only in a hard-wrapped text: elsewhere every
    paragraph is one line's content, so the heading's paragraph is not looked up."""
    wrapped = 0
    for document in _documents(TEXTS + STRESS + RANDOM):
        if document.shared(continued_lines):
            wrapped += 1
            continue
        bounds = document.content_bounds
        for para, (first, last) in zip(document.paragraphs, document.paragraph_lines):
            assert first == last
            assert (para.span.start, para.span.end) == bounds[first - 1]
    assert wrapped  # the corpus holds hard-wrapped texts: the other branch is read too


def test_footnote_lines_from_the_circled_numbers_are_the_line_by_line_walk() -> None:
    def plain(document: Document, lines: list[tuple[int, int, int]]) -> set[int]:
        text, used, out = document.prose, set(), set()
        for number, start, end in lines:
            if text[start] in used:
                out.add(number)
            used.update(m.group() for m in outline._FOOTNOTE_MARK.finditer(text, start + 1, end))
        return out

    rng = random.Random(13)
    pieces = ["①", "②", "③", "字", "。", "\n", "\n\n", " ", "  ", "\u3000", "（套）①", "① 含", "- ", "# ", "**"]
    randoms = ["".join(rng.choice(pieces) for _ in range(rng.randrange(0, 24))) for _ in range(8000)]
    for document in _documents(TEXTS + randoms):
        lines = outline._content_lines(document)
        assert outline._footnote_lines(document, lines) == plain(document, lines)


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_outline_of_random_texts_with_every_line_hinted(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shortcuts together: the outline of texts made of markers, enumerators and counts is
    the outline read with every line scanned and every line's marker matched by every pattern."""

    def every_line(document: Document, hint: object) -> set[int]:
        return set(range(1, len(document.lines) + 1))

    for text in RANDOM:
        fast = Document(text, format=fmt).outline
        with monkeypatch.context() as m:
            m.setattr(outline, "_hint_lines", every_line)
            m.setattr(outline, "_markers", _plain_markers)
            plain = Document(text, format=fmt).outline
        assert fast == plain


def test_a_heading_made_without_its_init_is_the_heading() -> None:
    """Headings are made by ``_heading`` (the fields put in the instance dict at once): each is
    the Heading its dataclass __init__ makes from the same fields, and stays frozen."""
    import dataclasses

    names = [f.name for f in dataclasses.fields(outline.Heading)]
    made = 0
    for document in _documents(TEXTS + STRESS + RANDOM[:500]):
        for h in document.outline.headings:
            assert list(vars(h)) == names  # every field, in order
            plain = outline.Heading(**vars(h))
            assert h == plain and hash(h) == hash(plain) and repr(h) == repr(plain)
            made += 1
    assert made > 1000
    with pytest.raises(dataclasses.FrozenInstanceError):
        h.ordinal = 2  # type: ignore[misc]


# The enumerator pattern as written for regex: alternatives, each opening with its own characters.
_PLAIN_ENUMERATOR = regex.compile(
    rf"""
      (?P<n>[{outline.CN_NUMERALS}]+)(?P<suf>[是要来])
    | 第(?P<d>[{outline.CN_NUMERALS}]+)[项点]?(?=[，：,:]|是|、(?![{outline.CN_NUMERALS}第\d]))
    | 其(?P<q>[{outline.CN_NUMERALS}])(?=[，、：,:]|是)
    | (?P<other>另一方面)
    | (?P<one>一方面)
    | (?P<seq>首先|其次)(?=[，、：,:]|要|是)
    | (?P<seq2>再次|最后)(?=[，、：,:]|是)
    """,
    regex.X,
)


def test_enumerators_found_from_their_first_character_are_the_alternatives_matches() -> None:
    """The enumerator pattern opens with one class (re skips to it) and asks a look-behind which
    character it was: its matches are the alternatives' matches, with the same numerals."""

    def plain(text: str, pos: int) -> list[tuple[object, ...]]:
        return [(m.span(), m.lastgroup, m.group("n"), m.group("suf"), m.group("d"), m.group("q")) for m in _PLAIN_ENUMERATOR.finditer(text, pos)]

    def fast(text: str, pos: int) -> list[tuple[object, ...]]:
        out: list[tuple[object, ...]] = []
        for m in outline._ENUMERATOR.finditer(text, pos):
            i, j = m.span()
            numeral, suffix = (text[i : j - 1], text[j - 1]) if m.lastgroup == "suf" else (None, None)
            out.append(((i, j), m.lastgroup, numeral, suffix, m.group("d"), m.group("q")))
        return out

    rng = random.Random(14)
    pieces = ["一", "二", "十", "第", "其", "另", "一方面", "方面", "首", "先", "次", "再", "最", "后", "是", "要", "来",
              "项", "点", "，", "、", "：", ":", "3", "字", "们"]
    randoms = ["".join(rng.choice(pieces) for _ in range(rng.randrange(0, 16))) for _ in range(30000)]
    found = 0
    for text in TEXTS + STRESS + RANDOM + randoms:
        for pos in (0, 1, 2):
            got = fast(text, pos)
            assert got == plain(text, pos), (text, pos)
            found += len(got)
    assert found > 10000
