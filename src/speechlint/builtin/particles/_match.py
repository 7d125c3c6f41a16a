"""Candidate-first matching (catalogue §2.4): a regex on the raw text, then the paragraph's tokens decide.

A candidate found by the regex is never missed because of a segmentation quirk;
the tokens of its paragraph (segmented once, cached by the Document) then tell
whether the candidate lies inside a longer word (了解, 为了, 的确, 地方, 值得 …) or
on a word boundary.  Only paragraphs that hold a candidate are ever tokenized.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Any

from speechlint.document import BOUNDARY, Document, Token
from speechlint.document.segment import CLAUSE_END
from speechlint.fix import Span
from speechlint.lazyre import lazy_re, lazy_regex, matches_at

if TYPE_CHECKING:
    import regex

#: Modal words that make a clause a directive (要 应 必须 …); each must be its own token.
MODALS = frozenset({"要", "应", "应当", "应该", "必须", "务必", "须", "需", "需要", "必需", "一定要", "亟需", "亟须"})
#: Words that work as adverbials before a verb although jieba tags some of them v, a, c or n.
ADVERBIALS = frozenset({
    "深入", "全面", "认真", "切实", "积极", "坚决", "大力", "努力", "持续", "不断", "扎实", "严格",
    "充分", "主动", "及时", "继续", "进一步", "始终", "真正", "自觉", "着力", "广泛",
    "系统", "更加", "更好", "一定", "牢牢", "稳妥", "稳步", "依法", "科学", "重点",
    # manner words jieba tags n or v (热情/n, 精心/n, 妥善/v): 要热情地做好服务
    "热情", "热心", "精心", "用心", "全力", "虚心", "热忱", "妥善", "有序", "创造性", "积极主动",
})
_WORDLIKE = lazy_regex(r"[\p{L}\p{N}]")


class Paragraph:
    """One paragraph's tokens with the look-ups the particle rules share.

    Tokens are read through ``word``, ``pos``, ``start`` and ``end`` (parallel tuples:
    a paragraph is walked token by token, and Token objects would cost more than the
    walk); ``tokens`` gives the Token objects when a rule wants them.
    """

    def __init__(self, document: Document, span: Span) -> None:
        self.span = span
        self._document = document
        tagged = document.tagged_paragraph(span.start)
        assert tagged is not None
        self._words = tagged.words
        self._tags = tagged.tags
        self._bounds = tagged.starts  # token i spans _bounds[i]:_bounds[i + 1]
        self._n = len(tagged.words)

    @cached_property
    def _boundaries(self) -> set[int]:
        """Offsets of clause marks, either width (a half-width mark between digits is not one);
        found when a rule first asks (DRF002 and PTC003 never do)."""
        start = self.span.start
        text = self._document.text[start : self.span.end]
        return {start + m.start() for m in BOUNDARY.finditer(text)}

    def __len__(self) -> int:
        return self._n

    @cached_property
    def tokens(self) -> list[Token]:
        return self._document.tokens_in(self.span)

    def index_at(self, offset: int) -> int:
        """Index of the token holding the character at ``offset``."""
        return bisect_right(self._bounds, offset, 0, self._n) - 1

    def word(self, i: int) -> str:
        """The word of token ``i``, or "" outside the paragraph."""
        return self._words[i] if 0 <= i < self._n else ""

    def pos(self, i: int) -> str:
        return self._tags[i] if 0 <= i < self._n else ""

    def start(self, i: int) -> int:
        """Offset of token ``i`` (``0 <= i < len(self)``)."""
        return self._bounds[i]

    def end(self, i: int) -> int:
        """Offset just past token ``i`` (``0 <= i < len(self)``)."""
        return self._bounds[i + 1]

    def is_boundary(self, i: int) -> bool:
        """True for a clause mark (，。；：！？、 or , ; : ! ?) and outside the paragraph."""
        if not 0 <= i < self._n:
            return True
        boundaries = self._boundaries
        return any(o in boundaries for o in range(self._bounds[i], self._bounds[i + 1]))

    def is_punct(self, i: int) -> bool:
        """True for punctuation and spaces of any kind (quotes, brackets, dashes …)."""
        if not 0 <= i < self._n:
            return True
        return not _WORDLIKE.search(self._words[i])

    def clause_start(self, i: int) -> int:
        """Index of the first token of the clause holding token ``i``."""
        while i > 0 and not self.is_boundary(i - 1):
            i -= 1
        return i

    def clause_end(self, i: int) -> int:
        """Index one past the last word token of the clause holding token ``i``."""
        while i < self._n and not self.is_boundary(i):
            i += 1
        return i


def candidates(
    document: Document,
    pattern: regex.Pattern[str] | re.Pattern[str],
    overlapped: bool = False,
    keep: Callable[[Any], bool] | None = None,
    at: Callable[[str], Iterable[int]] | None = None,
) -> Iterator[tuple[Any, Paragraph]]:
    """Each match of ``pattern`` in the text with its paragraph's tokens (each paragraph segmented once).

    ``keep``, when given, drops a match before its paragraph is segmented: a test on the
    characters alone that is false only where the rule would let the match pass anyway
    (tokens cost more than anything else a rule does).  ``pattern`` may be a ``re``
    pattern (``overlapped`` is then a ``regex`` feature it cannot have).  ``at``, for a
    pattern that matches only empty strings (a look-ahead), gives the offsets of the text
    where it may match, ascending: it is tried only there (``lazyre.matches_at``).
    """
    text = document.text
    if at is not None:
        found = matches_at(pattern, text, at(text))
    else:
        found = pattern.finditer(text, overlapped=True) if overlapped else pattern.finditer(text)
    return in_paragraphs(document, found, keep)


def in_paragraphs(
    document: Document, found: Iterable[Any], keep: Callable[[Any], bool] | None = None
) -> Iterator[tuple[Any, Paragraph]]:
    """``candidates`` of matches found otherwise (in the order of the text)."""
    cache = document.shared(_paragraphs)  # one Paragraph per paragraph for all the rules that use them
    last: Paragraph | None = None  # matches come in order: most fall in the paragraph of the one before
    for m in found:
        if keep is not None and not keep(m):
            continue
        start = m.start()
        if last is not None and last.span.start <= start < last.span.end:
            yield m, last
            continue
        para = document.paragraph_at(start)
        if para is None or not para.span.start <= start < para.span.end:
            continue  # Markdown markers, indentation: not prose
        p = cache.get(para.span.start)
        if p is None:
            p = cache[para.span.start] = Paragraph(document, para.span)
        last = p
        yield m, p


def _paragraphs(document: Document) -> dict[int, Paragraph]:
    """Paragraphs by start offset, built on demand by ``candidates``."""
    return {}


def clause_words(words: Iterable[str]) -> Any:
    """The pattern ``in_clause`` looks for ``words`` with: any of them reversed, or a clause mark.

    The text is searched backwards from each candidate for the nearest word or mark, in one
    search forwards in the reversed text, where the standard library's re skips to the first
    characters of what it looks for (a regex search backwards for the last mark, then one
    for the words after it, cost twice as much).
    """
    backwards = sorted((w[::-1] for w in words), key=len, reverse=True)
    return lazy_re("|".join(re.escape(w) for w in [*CLAUSE_END, *backwards]))


def in_clause(document: Document, words: Any, gap: int = 0) -> Callable[[Any], bool]:
    """A ``keep`` for ``candidates``: whether one of the words of ``words`` (from ``clause_words``)
    stands between the start of a match's clause and the match, ending at least ``gap``
    characters before it (a governor with a word of ``gap`` characters at least between:
    要扎实的, never 重要的).

    A test on the characters: a governor that ``governor_before`` finds in token ``i``'s
    clause is a token of the same clause, so its word is in this stretch of text.  The
    stretch starts after the last clause mark (BOUNDARY) before the match in the whole text
    (which at a paragraph's edge may count fewer marks than the paragraph's own: the stretch
    is then longer, never shorter).  The words and marks nearest to the match come first: a
    word ending early enough keeps it, a mark that is a boundary drops it (one just before
    the match is: the match is no digit).  A line break does not end the stretch: a
    hard-wrapped paragraph's clause goes on in the next line.
    """
    text = document.text
    back = document.shared(_reversed)
    size = len(text)
    search = words.search

    def keep(m: Any) -> bool:
        offset = m.start()
        at = size - offset  # in ``back``, the character before the match
        while (w := search(back, at)) is not None:
            end = size - w.start()  # where the word or mark ends in the text
            if w.group() in _MARKS:
                if _boundary(text, end - 1):
                    return False
            elif end <= offset - gap:
                return True
            at = w.start() + 1
        return False

    return keep


def _reversed(document: Document) -> str:
    """The text backwards, for ``in_clause``."""
    return document.text[::-1]


def _boundary(text: str, at: int) -> bool:
    """``BOUNDARY.match(text, at)`` for a clause mark at ``at``: a mark is one unless it stands
    between two digits (1,000), so a mark beside an ideograph is one without asking regex
    (whose call costs more than all the rest of the test)."""
    low, high = _IDEOGRAPHS
    if at == 0 or low <= text[at - 1] <= high or low <= text[at + 1 : at + 2] <= high:
        return True
    return BOUNDARY.match(text, at) is not None


_MARKS = frozenset(CLAUSE_END)
_IDEOGRAPHS = ("\u4e00", "\u9fff")  # the CJK Unified Ideographs block: letters, never digits


def lone_token(p: Paragraph, offset: int, word: str) -> int | None:
    """Index of the token at ``offset`` when that token is exactly ``word`` (not part of a longer word)."""
    i = p.index_at(offset)
    if i < 0 or p.start(i) != offset or p.word(i) != word:
        return None
    return i


def governor_before(
    p: Paragraph, i: int, governors: frozenset[str], passable: Callable[[int], bool], max_between: int = 3
) -> int | None:
    """Index of the governing word (a modal …) before token ``i`` in its clause.

    Only tokens ``passable`` accepts (adverbials) may stand between, at most ``max_between``
    of them; anything else means the governor rules some other verb.
    """
    start = max(p.clause_start(i), i - 1 - max_between)
    for k in range(i - 1, start - 1, -1):
        if p.word(k) in governors:
            return k
        if not passable(k):
            return None
    return None
