"""DRF002 repeated-token."""

from __future__ import annotations

import re
from collections.abc import Iterator

from speechlint.builtin.particles._match import candidates
from speechlint.charclass import RE_HAN
from speechlint.document import BOUNDARY, Document, Segment
from speechlint.fix import Edit, Fix, Span
from speechlint.lazyre import lazy_re, lazy_regex
from speechlint.rule import NoOptions, Violation, rule

# A run of Han characters written twice in a row: the candidates.  At every position (a
# look-ahead, so that overlapping runs are all found), the shortest run that doubles there.
# The standard library's re with an explicit Han class scans several times faster than regex.
# Compiled on first use: a run without this rule (--select PUN, a cached rerun) never pays for it.
_LONGEST = 6  # characters in a run written twice
_TWICE = rf"(?=([{RE_HAN}]{{1,{_LONGEST}}}?)\1)"


_TWICE_RE = lazy_re(_TWICE)
# Single characters whose doubling is always a slip (要要, 是是, 我我); others double legitimately
# (说说, 看看) or are PTC003's (的的, 了了).
_FUNCTION_CHARS = frozenset("要是在和与及把将被向从并就都也还又更很不没我你他她它这那其以于或但而由给按据因所之则且")
# Tags whose doubling is grammar: numeral-classifier reduplication (一个一个, 一步一步), interjections.
_REDUPLICATING_TAGS = frozenset({"m", "mq", "q", "x", "eng", "y", "e", "o"})
# Verbs and state adjectives double as ABAB to mean "a little" (研究研究, 高兴高兴).
_ABAB_TAGS = frozenset({"v", "vn"})
_ABAB_ADJECTIVES = frozenset({"高兴", "热闹", "轻松", "暖和", "凉快", "清醒", "活动", "放松", "乐呵"})
# Verbs the dictionary tags as nouns or other classes (商量 n, 比较 d, 对照 p, 权衡 nr), doubled
# the same way: 同群众研究研究、商量商量.
_ABAB_VERBS = frozenset(
    "商量 商议 协商 交流 交心 聊天 议论 评议 总结 盘点 整理 清理 体验 品味 思量 权衡 估量 反省 比较 对照 "
    "比划 摸底 指导 关心 核实 规范 交代 汇报 热身".split()
)
# Pronouns, adverbs, conjunctions, prepositions and particles: deleting the copy cannot change the meaning.
_SAFE_TAGS = ("r", "d", "ad", "c", "p", "u")
# Headings, list items, quotes and table rows: the next line may repeat them (一、安全生产 /
# 安全生产是…), and they are never one sentence broken across two lines.
_HEADING = lazy_regex(
    r"^\s*(?:[#>|]|[-*+]\s|[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[）)]|\d+[.．、)]|第[一二三四五六七八九十百\d]+[章节条部分篇])"
)
_HAN = lazy_regex(r"\p{Han}")


def _never_a_slip(word: str, pos: str) -> bool:
    """Numerals, punctuation, interjections and single characters other than function words."""
    if pos in _REDUPLICATING_TAGS or not _HAN.search(word):
        return True
    return len(word) == 1 and word not in _FUNCTION_CHARS


def _exempt(word: str, pos: str) -> bool:
    """Doubling of this token is reduplication, not a slip."""
    if _never_a_slip(word, pos):
        return True
    if len(word) == 2 and word[0] == word[1]:
        return True  # 谢谢谢谢, 最最: an AA word said twice for emphasis
    return (len(word) == 2 and pos in _ABAB_TAGS) or word in _ABAB_ADJECTIVES or word in _ABAB_VERBS


def _may_slip(m: re.Match[str]) -> bool:
    """False for a doubling ``_exempt`` always lets pass, told without the tokens: one
    character other than a function word (人人, 看看), AA said twice (谢谢谢谢), or a verb
    or adjective listed as doubled for "a little" (商量商量)."""
    half = m.group(1)
    if len(half) == 1:
        return half in _FUNCTION_CHARS
    return (len(half) != 2 or half[0] != half[1]) and half not in _ABAB_VERBS and half not in _ABAB_ADJECTIVES


def _may_double_at(text: str) -> list[int]:
    """Offsets where a run of one to ``_LONGEST`` characters may be written twice: every offset
    where ``_TWICE`` matches, and a few more.

    ``_TWICE`` tries a backreference for each length at every offset of the text (about 1,100
    instructions a character), and matches at a few offsets in a thousand.  A doubling of a
    run of n characters at k needs character k + n equal to character k and, when n > 1,
    character k + n + 1 equal to k + 1.  Equal characters have equal low bytes: the low bytes
    of the text as one integer, xored with itself shifted by n characters, hold a zero byte at
    k (two for n > 1) wherever that may be so, found by ``bytes.find`` (whole-integer
    operations and byte searches in C: about 280 instructions a character in all).
    """
    low = text.encode("utf-32-le", "surrogatepass")[::4]  # each character's lowest byte
    n = len(low)
    whole = int.from_bytes(low, "little")
    starts: set[int] = set()
    for half in range(1, _LONGEST + 1):
        # Byte k is character k's low byte xored with character k + half's.
        same = (whole ^ (whole >> (8 * half))).to_bytes(n, "little")
        zeros = b"\0" * min(half, 2)
        end = n - half  # beyond it a byte compares with nothing
        k = same.find(zeros, 0, end)
        while k >= 0:
            starts.add(k)
            k = same.find(zeros, k + 1, end)
    return sorted(starts)


def _inline(document: Document) -> Iterator[Violation]:
    for m, p in candidates(document, _TWICE_RE, keep=_may_slip, at=_may_double_at):
        half = len(m.group(1))
        i = p.index_at(m.start())
        if i < 0 or i + 1 >= len(p):
            continue
        word, pos, second_pos = p.word(i), p.pos(i), p.pos(i + 1)
        # Both halves must be whole tokens: 认认真真 or 人人 is one token and never matches.
        if p.start(i) != m.start() or p.end(i) != m.start() + half or p.word(i + 1) != word:
            continue
        if _exempt(word, pos) or _exempt(word, second_pos):
            continue
        second = Span(p.start(i + 1), p.end(i + 1))
        edit = Edit(second, "")
        title = f"删去重复的“{word}”"
        safe = len(word) == 1 or (pos.startswith(_SAFE_TAGS) and second_pos.startswith(_SAFE_TAGS))
        yield Violation(
            second,
            f"“{word}”连写了两遍",
            fix=Fix.safe(edit, title=title) if safe else Fix.unsafe(edit, title=title),
        )


def _across_lines(document: Document) -> Iterator[Violation]:
    paragraphs = document.paragraphs
    spans = document.paragraph_lines
    for k, (above, below) in enumerate(zip(paragraphs, paragraphs[1:])):
        if spans[k + 1][0] != spans[k][1] + 1:
            continue  # a blank line between: not a broken sentence
        # Cheap tests first: does the line below start with an ending of the line above?  (Its
        # first character must then be among the last six above: most lines fail that at once.)
        if below.text[:1] not in above.text[-6:]:
            continue
        if not any(below.text.startswith(above.text[-n:]) for n in range(1, min(6, len(above.text)) + 1)):
            continue
        # A paragraph that repeats the line above it whole repeats a heading.
        if _finished_or_heading(document, above) or below.text.startswith(above.text):
            continue
        last = document.tokens_in(above.span)[-1]
        first = document.tokens_in(below.span)[0]
        if last.word != first.word or _never_a_slip(last.word, last.pos):
            continue
        if not last.pos.startswith(("v", "d", "a", "r", "c", "p")) and not BOUNDARY.search(above.text):
            continue  # a title-like line ending in a noun (加强组织领导 / 领导要…)
        yield Violation(
            first.span,
            f"“{first.word}”在上一行末尾已经写过",
            fix=Fix.unsafe(Edit(first.span, ""), title=f"删去重复的“{first.word}”"),
        )


def _finished_or_heading(document: Document, segment: Segment) -> bool:
    """The line ends with a mark (its sentence is finished), or is a heading or a list item."""
    number = document.lines.line_of(segment.span.start)
    line = document.lines.texts[number - 1]  # the text alone: .lines would build every Line
    return (
        _HEADING.match(line) is not None
        or number in document.auto_numbered
        or not _HAN.search(segment.text[-1])
    )


@rule(code="DRF002", name="repeated-token", severity="warning", fix="sometimes", options=NoOptions)
def repeated_token(document: Document, options: NoOptions) -> Iterator[Violation]:
    """同一个词连写了两遍。

    ## 它检查什么
    分词后相邻的两个相同的词（`我们我们要加强学习`、`进一步进一步加强管理`、`要切实切实履行职责`），
    以及上一行末尾的词在下一行开头又写了一遍（`要加强` 换行 `加强组织领导`）。

    ## 为什么
    改稿时复制、拼接、换行留下的重复词，念稿时最容易卡壳，印发出去是明显的差错。

    ## 示例
    ```text
    我们我们要加强学习。
    ```
    改为：
    ```text
    我们要加强学习。
    ```
    不报：动词重叠（`研究研究`、`讨论讨论`、`说说`）、一个词里的叠字（`认认真真`、`人人`、`天天`、
    `常常`、`看看`、`谢谢`、`家家户户`）、数量词重叠（`一个一个`、`一步一步`、`一条一条`）、
    重复上一行标题的段落（`一、安全生产` 换行 `安全生产是……`）、“的的、了了”（由 PTC003 报告）。

    ## 修复安全性
    重复的是代词、副词、连词、介词、助词或单个虚字（要要、是是）时，删去一个是安全修复；重复的是名词、动词等实词，
    或重复跨了行时，删去需要确认（unsafe）。

    ## 选项
    无。

    ## 依据
    《党政机关公文处理工作条例》第十九条（文稿审核：文字表述规范）；讲话稿审校惯例。
    """
    yield from _inline(document)
    yield from _across_lines(document)
