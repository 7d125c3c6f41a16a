"""Candidate-first matching (catalogue §2.4): a regex on the raw text, then the paragraph's tokens decide.

A candidate found by the regex is never missed because of a segmentation quirk;
the tokens of its paragraph (segmented once, cached by the Document) then tell
whether the candidate lies inside a longer word (了解, 为了, 的确, 地方, 值得 …) or
on a word boundary.  Only paragraphs that hold a candidate are ever tokenized.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import regex

from speechlint.document import BOUNDARY, Document, Token
from speechlint.fix import Span

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
_WORDLIKE = regex.compile(r"[\p{L}\p{N}]")


class Paragraph:
    """One paragraph's tokens with the look-ups the particle rules share."""

    def __init__(self, document: Document, span: Span) -> None:
        self.span = span
        self.tokens: list[Token] = document.tokens_in(span)
        self._starts = [t.span.start for t in self.tokens]
        # Offsets of clause marks, either width (a half-width mark between digits is not one).
        text = document.text[span.start : span.end]
        self._boundaries = {span.start + m.start() for m in BOUNDARY.finditer(text)}

    def __len__(self) -> int:
        return len(self.tokens)

    def index_at(self, offset: int) -> int:
        """Index of the token holding the character at ``offset``."""
        lo, hi = 0, len(self._starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._starts[mid] <= offset:
                lo = mid + 1
            else:
                hi = mid
        return lo - 1

    def word(self, i: int) -> str:
        """The word of token ``i``, or "" outside the paragraph."""
        return self.tokens[i].word if 0 <= i < len(self.tokens) else ""

    def pos(self, i: int) -> str:
        return self.tokens[i].pos if 0 <= i < len(self.tokens) else ""

    def is_boundary(self, i: int) -> bool:
        """True for a clause mark (，。；：！？、 or , ; : ! ?) and outside the paragraph."""
        if not 0 <= i < len(self.tokens):
            return True
        tok = self.tokens[i]
        return any(o in self._boundaries for o in range(tok.span.start, tok.span.end))

    def is_punct(self, i: int) -> bool:
        """True for punctuation and spaces of any kind (quotes, brackets, dashes …)."""
        if not 0 <= i < len(self.tokens):
            return True
        return not _WORDLIKE.search(self.tokens[i].word)

    def clause_start(self, i: int) -> int:
        """Index of the first token of the clause holding token ``i``."""
        while i > 0 and not self.is_boundary(i - 1):
            i -= 1
        return i

    def clause_end(self, i: int) -> int:
        """Index one past the last word token of the clause holding token ``i``."""
        while i < len(self.tokens) and not self.is_boundary(i):
            i += 1
        return i


def candidates(
    document: Document, pattern: regex.Pattern[str], overlapped: bool = False
) -> Iterator[tuple[regex.Match[str], Paragraph]]:
    """Each match of ``pattern`` in the text with its paragraph's tokens (each paragraph segmented once)."""
    cache = document.shared(_paragraphs)  # one Paragraph per paragraph for all the rules that use them
    for m in pattern.finditer(document.text, overlapped=overlapped):
        para = document.paragraph_at(m.start())
        if para is None or not para.span.start <= m.start() < para.span.end:
            continue  # Markdown markers, indentation: not prose
        p = cache.get(para.span.start)
        if p is None:
            p = cache[para.span.start] = Paragraph(document, para.span)
        yield m, p


def _paragraphs(document: Document) -> dict[int, Paragraph]:
    """Paragraphs by start offset, built on demand by ``candidates``."""
    return {}


def lone_token(p: Paragraph, offset: int, word: str) -> int | None:
    """Index of the token at ``offset`` when that token is exactly ``word`` (not part of a longer word)."""
    i = p.index_at(offset)
    if i < 0 or p.tokens[i].span.start != offset or p.tokens[i].word != word:
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
