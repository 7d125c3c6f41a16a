"""The numbered-point outline of a document: headings, inline series and announced counts.

Three things, all found by regular expressions on the raw text (no tokenizer):

* ``headings``: line-initial markers of the GB/T 9704 levels 一、 （一） 1. （1）, plus ①…,
  read at each line's content start (so Markdown ``## 一、`` and ``- 一是`` count), with the
  literal form as written (``一.``, ``(一)``, ``1、`` are malformed forms of the right level),
  the ordinal, the level and the parent.  Documents numbered 第X章 / 第X节 / 第X条 are read in
  regulation mode, where （一） is a 项 under its 条 and 1. a 目.  The 附件说明 list
  (``附件：1.…`` and its numbered continuation lines) is not body structure, and a line that is
  only ``附件`` / ``附件2`` starts a new part (the attachment's own numbering).
* ``series``: inline enumerations inside paragraphs (一是/一要/一来, 第一，, 其一，,
  首先…其次…再次…最后, 一方面…另一方面), continued into following paragraphs that begin with
  the next enumerator, with the gaps, repeats and mixed styles found while building them.
* ``announcements``: announced counts (讲三点意见, 从三个方面, 四项任务, 以下几点) and the
  series or headings that follow them.

Drafts are often typed with half-width punctuation, so every boundary here is the class of
``speechlint.document.segment`` that holds both widths.  See docs/structure.md.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import regex

from speechlint.document.segment import CLAUSE_END, SENTENCE_END
from speechlint.fix import Span, trusted_span
from speechlint.lazyre import lazy_re, lazy_regex

if TYPE_CHECKING:
    from speechlint.document import Document, Segment

__all__ = [
    "Announcement",
    "Heading",
    "Item",
    "Outline",
    "Series",
    "build_outline",
    "is_item_list",
    "cn_to_int",
    "int_to_cn",
]

CN_NUMERALS = "一二三四五六七八九十"
_CN_VALUE = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100}


def cn_to_int(numeral: str) -> int | None:
    """二十一 -> 21, 一百零五 -> 105; None when the string is not a well-formed numeral."""
    total = 0
    digit: int | None = None
    for ch in numeral:
        if ch in _CN_VALUE:
            if digit is not None and digit != 0:
                return None  # 一二: two digits in a row
            digit = _CN_VALUE[ch]
        elif ch in _CN_UNIT:
            total += (digit if digit else 1) * _CN_UNIT[ch]
            digit = None
        else:
            return None
    if not numeral:
        return None
    return total + (digit or 0)


def int_to_cn(n: int) -> str:
    """21 -> 二十一 (1 to 999), the way ordinals are written in headings."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    rest = n % 100
    head = digits[n // 100] + "百"
    if rest == 0:
        return head
    return head + ("零" + digits[rest] if rest < 10 else int_to_cn(rest) if rest >= 20 else "一" + int_to_cn(rest))


# -- headings ---------------------------------------------------------------------------

#: Heading kinds, from the GB/T 9704 levels and the legislative hierarchy.
CHAPTER, SECTION, ARTICLE = "chapter", "section", "article"
CN, CN_PAREN, ARABIC, ARABIC_PAREN, CIRCLED = "cn", "cn-paren", "arabic", "arabic-paren", "circled"
_LEVEL = {CN: 1, CN_PAREN: 2, ARABIC: 3, ARABIC_PAREN: 4, CIRCLED: 5}
_REGULATION_LEVEL = {CHAPTER: 1, SECTION: 2, ARTICLE: 3, CN: 4, CN_PAREN: 4, ARABIC: 5, ARABIC_PAREN: 6, CIRCLED: 7}
#: The punctuation each kind takes after its numeral or closing bracket (GB/T 15834 B.3).
CANONICAL_PUNCT = {CN: "、", CN_PAREN: "", ARABIC: ".", ARABIC_PAREN: "", CIRCLED: ""}
#: Kinds written as lists inside a section: a new list may restart at 1 after a lead-in line.
_LIST_KINDS = frozenset({ARABIC, ARABIC_PAREN, CIRCLED})

# The marks that may follow a marker, right or wrong, in either width.
_AFTER = "、.．,，:："
_SPACE = " \t\u3000"
_REG_MARKER = lazy_re(rf"第([一二三四五六七八九十百零〇两]+)(章|节|条)(?=[{_SPACE}]|$)")
_CN_PAREN = lazy_re(rf"([（(])([{CN_NUMERALS}]+)([）)])([{_AFTER}]?)")
_ARABIC_PAREN = lazy_regex(rf"([（(])(\d{{1,2}})([）)])([{_AFTER}]?)")
# 一、二等奖 and 一、二级 are not headings (一、2025年工作 is); nor 3、4月份 or 1.5亿元.
# A Markdown line ending so goes on in the next line (hard-wrapped), unless a block starts there.
_HAN_CHAR = lazy_regex(r"\p{Han}")
_WRAP_AFTER = "，、（“‘《,("
_BLOCK_START = lazy_regex(r"[ \t]*(?:#|>|\||[-*+][ \t]|\d{1,9}[.)][ \t])")
_CN_BARE = lazy_re(rf"([{CN_NUMERALS}]+)([{_AFTER}])(?![{CN_NUMERALS}]+[、，,等级类])")
# 一、二年级, 三、四月份, 一、二产业: a range of two numerals before a unit (see _range_not_heading).
_CN_RANGE = lazy_re(rf"([{CN_NUMERALS}]+)[、，,]([{CN_NUMERALS}]+)(?:月|季|年级|产|线|类|号|批|期|档|星)")
_ARABIC_BARE = lazy_regex(rf"(\d{{1,2}})([{_AFTER}])(?!\d)")
_CIRCLED = lazy_regex(rf"([①-⑳])([{_AFTER}]?)")
# The characters a marker can start with: most lines are rejected by one set look-up.
_MARKER_START = frozenset(CN_NUMERALS + "第（(0123456789" + "".join(chr(c) for c in range(0x2460, 0x2474)))
_ATTACH_LIST = lazy_regex(r"附\s*件\s*[：:]")
_ATTACH_ITEM = lazy_regex(rf"\d{{1,2}}\s*[{_AFTER}]|[（(]\d{{1,2}}[）)]")
_ATTACH_PAGE = lazy_regex(rf"附\s*件\s*[\d{CN_NUMERALS}]*[{_SPACE}]*$")


@dataclass(frozen=True)
class Heading:
    """One line-initial numbered marker and the heading it opens.

    ``marker`` covers the literal marker as written, brackets and the mark after it included
    (``一、``, ``（一）``, ``1．``, ``(2)``); ``numeral`` is the ordinal as written;
    ``title`` is the heading text after the marker up to the first sentence end or the end of
    the line (a run-in heading such as ``（一）整合服务窗口。3月起…`` has the title 整合服务窗口).
    """

    index: int
    kind: str
    level: int  # 1 = 一、 (or 第X章 in regulation mode); deeper levels count up
    ordinal: int
    line: int
    part: int  # 0 = the body; 1, 2 … = attachments that follow a 附件 page line
    marker: Span
    marker_text: str
    numeral: Span
    numeral_text: str
    open: str  # the opening bracket as written, "" for bare markers
    close: str
    punct: str  # the mark after the marker as written, "" when none
    punct_span: Span
    title: Span
    title_text: str
    span: Span  # from the marker to the end of the line's content
    parent: int | None  # index of the parent heading; None at the top of its part
    group: int  # siblings share a group: one parent, one kind, one run of 1, 2, 3 …
    #: A top-level typed heading below a paragraph numbered by Word: its real parent is
    #: that paragraph, whose number is not in the text.
    under_auto: bool = False
    #: The line above is text ending with a colon (重点做好以下工作：): a list (列项) it introduces.
    after_colon: bool = False
    #: The last character of the line (a list item ends with ；).
    line_end: str = ""

    @property
    def canonical_punct(self) -> str:
        return CANONICAL_PUNCT.get(self.kind, self.punct)

    @property
    def well_formed(self) -> bool:
        """True when the mark after the marker and the brackets are as GB/T 15834 B.3 writes them."""
        if self.kind in (CHAPTER, SECTION, ARTICLE):
            return True
        brackets_ok = not self.open or (self.open, self.close) == ("（", "）")
        return brackets_ok and self.punct == self.canonical_punct

    def form(self, ordinal: int | None = None) -> str:
        """The canonical marker for this kind, e.g. ``（三）``; with ``ordinal``, for that number."""
        n = self.ordinal if ordinal is None else ordinal
        if self.kind == CN:
            return f"{int_to_cn(n)}、"
        if self.kind == CN_PAREN:
            return f"（{int_to_cn(n)}）"
        if self.kind == ARABIC:
            return f"{n}."
        if self.kind == ARABIC_PAREN:
            return f"（{n}）"
        if self.kind == CIRCLED:
            return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
        unit = {CHAPTER: "章", SECTION: "节", ARTICLE: "条"}[self.kind]
        return f"第{int_to_cn(n)}{unit}"

    def numeral_for(self, ordinal: int) -> str:
        """The numeral of ``ordinal`` written the way this kind writes it (三, 3, ③)."""
        if self.kind in (ARABIC, ARABIC_PAREN):
            return str(ordinal)
        if self.kind == CIRCLED:
            return self.form(ordinal)
        return int_to_cn(ordinal)


def _heading(fields: dict[str, Any]) -> Heading:
    """``Heading(**fields)`` given every field in order, made without the frozen dataclass's
    __init__ (its object.__setattr__ per field costs three times the rest of a heading): the dict
    becomes the instance's own, with no copy (a call with 22 keywords builds a dict too, at the
    cost of this whole function), and the Heading stays frozen."""
    heading = object.__new__(Heading)
    object.__setattr__(heading, "__dict__", fields)
    return heading


# -- inline series ----------------------------------------------------------------------

#: Series styles.  X是/X要/X来 are one style (一是…二要 is a variation, not a mix).
SHI, DI, QI, FANGMIAN, SEQ = "shi", "di", "qi", "fangmian", "seq"
_NUMBERED_STYLES = frozenset({SHI, DI, QI})
_SEQ_ORDINAL = {"首先": 1, "其次": 2, "再次": 3}

# What may stand right before an enumerator: a clause mark of either width, a space, an opening
# quote or bracket, a dash; or the end of a plural subject (我们一是要…, 大家一来要…).
_LEFT = frozenset(CLAUSE_END + _SPACE + "“‘「『（(《—")
_LEFT_SUBJECT = frozenset("们家")
# 这一方面, 统一方面, 每一方面, 是一方面 … are not “on the one hand”.
_NOT_BEFORE_YIFANGMIAN = frozenset("这那哪每某任统唯单同划专第是")
# Every enumerator opens with one class, which re skips to (a pattern opening with alternatives is
# tried at every position, at several times the cost); each alternative asks a look-behind which
# character that was.  An X是 enumerator's numeral is the match up to ``suf``.
_ENUMERATOR = lazy_re(
    rf"""
    [{CN_NUMERALS}第其另首再最]
    (?:
      (?<=[{CN_NUMERALS}])[{CN_NUMERALS}]*(?P<suf>[是要来])                    # 一是 / 二要 / 一来
    | (?<=第)(?P<d>[{CN_NUMERALS}]+)[项点]?(?=[，：,:]|是|、(?![{CN_NUMERALS}第\d]))  # 第一， 第一项， ; not 第一、二产业
    | (?<=其)(?P<q>[{CN_NUMERALS}])(?=[，、：,:]|是)                            # 其一，
    | (?<=另)(?P<other>一方面)
    | (?<=一)(?P<one>方面)
    | (?P<seq>(?<=首)先|(?<=其)次)(?=[，、：,:]|要|是)
    | (?P<seq2>(?<=再)次|(?<=最)后)(?=[，、：,:]|是)
    )
    """,
    re.VERBOSE,
)
# 首先 of courtesy (首先，我代表县委向大家表示感谢) or of a host's script (首先，请王明同志
# 通报…; the next speaker comes with 下面) starts no series.
_COURTESY = lazy_regex(r"[，,：:]?[^。！？!?]{0,4}?(?:代表|感谢|祝贺|欢迎|向)|[，,：:]?请")
# Words whose first character follows a numeral without making it an enumerator: 三要素, 一来就.
_NOT_AFTER = {"要": frozenset("素求点件案闻害职员务"), "来": frozenset("就到了过自看说讲")}


def _same_again(text: str, end: int, numeral: str, suffix: str) -> bool:
    """一是一，/ 二是二。 (the same numeral closing a clause) and 一来二去 (a numeral after 来)."""
    if suffix == "来":
        return end < len(text) and text[end] in CN_NUMERALS
    if not text.startswith(numeral, end):
        return False
    after = end + len(numeral)
    return after == len(text) or text[after] in _LEFT


@dataclass
class Item:
    """One enumerator in the text: 二是, 第三，, 其次, 另一方面 …"""

    span: Span
    text: str
    style: str
    ordinal: int
    line: int
    paragraph: int  # its paragraph's number (a hard-wrapped Markdown paragraph counts once)
    initial: bool  # the enumerator opens its paragraph
    final: bool = False  # 最后
    #: What is wrong with this item, found while building the series:
    #: "gap", "repeat", "order" (首先 after 其次) or "mixed" (一是 … 第二); None when fine.
    issue: str | None = None
    expected: int | None = None  # the ordinal the series expected here

    def form(self, ordinal: int) -> str:
        """The enumerator of ``ordinal`` in this item's style: 三是 / 三要, 第三, 其三, 再次."""
        if self.style == SHI:
            return int_to_cn(ordinal) + self.text[-1]
        if self.style == DI:
            unit = self.text[-1] if self.text[-1] in "项点" else ""  # 第一项，: an agenda, 第一点，
            return "第" + int_to_cn(ordinal) + unit
        if self.style == QI:
            return "其" + int_to_cn(ordinal)
        if self.style == SEQ:
            return {1: "首先", 2: "其次", 3: "再次"}.get(ordinal, "最后")
        return "一方面" if ordinal == 1 else "另一方面"


@dataclass
class Series:
    """An inline enumeration: items of one style in order, in one paragraph or continued into
    following paragraphs that begin with the next enumerator."""

    style: str
    items: list[Item] = field(default_factory=list)
    closed: bool = False  # ended by 最后

    @property
    def first(self) -> Item:
        return self.items[0]

    @property
    def last_ordinal(self) -> int:
        return self.items[-1].ordinal

    @property
    def count(self) -> int:
        """How many points the series makes.  A series whose first enumerator was not
        recognised (我们一要… written without a boundary) is counted from its first ordinal."""
        return self.first.ordinal - 1 + len(self.items)


# -- announced counts -------------------------------------------------------------------

_COUNT_TRIGGER = (
    "讲|谈|提出|提|强调|明确|把握|抓好|做到|突出|注重|从|围绕|以下|下面|包括|概括为|归纳为|分为|主要有|共有"
)
# Literal characters only: re runs it (a call costs less than regex's, and most lines found
# by the hint hold one match or none).
_COUNT = lazy_re(
    rf"""
    (?P<trigger>{_COUNT_TRIGGER})
    [^{regex.escape(CLAUSE_END)}“”‘’"《》\n]{{0,4}}?
    (?<![第\d{CN_NUMERALS}两])
    (?P<num>[两二三四五六七八九十]+|几|[1-9]\d|[2-9])(?!\d)
    (?P<cls>个方面|方面|个问题|点|项|条)
    """,
    regex.X,
)
# What every match of _ENUMERATOR and of _COUNT holds, with no line break inside: the lines
# holding none are skipped without a scan of their own (most lines of a speech hold none).
# The enumerator hint opens with one character class, which re skips to at C speed (a pattern
# opening with alternatives is tried at every position): its first character ([一二…十][是要来] |
# [第其][一二…十] | 一方面 | 首先 | 其次 | 再次 | 最后).  The count hint ([两二…十几\d] then 个方面 |
# 方面 | 个问题 | 点 | 项 | 条) is five patterns, each opening with one of the last characters: a
# pattern opening with a literal is skipped to several times faster than one opening with a
# class (five scans cost half of the one by class).
_ENUMERATOR_HINT = lazy_re(
    rf"[{CN_NUMERALS}第其首再最]"
    rf"(?:(?<=[{CN_NUMERALS}])[是要来]|(?<=[第其])[{CN_NUMERALS}]|(?<=一)方面|(?<=首)先|(?<=[其再])次|(?<=最)后)"
)
_ENUMERATOR_HINTS = (_ENUMERATOR_HINT,)
_COUNT_DIGIT = r"[两二三四五六七八九十几\d]"
_COUNT_HINTS = (
    lazy_re(rf"点(?<={_COUNT_DIGIT}点)"),
    lazy_re(rf"项(?<={_COUNT_DIGIT}项)"),
    lazy_re(rf"条(?<={_COUNT_DIGIT}条)"),
    lazy_re(rf"面(?:(?<={_COUNT_DIGIT}方面)|(?<={_COUNT_DIGIT}个方面))"),
    lazy_re(rf"题(?<={_COUNT_DIGIT}个问题)"),
)


def _hint_lines(document: Document, hints: Sequence[regex.Pattern[str]]) -> set[int]:
    """Lines holding a match of one of ``hints``: a one-line paragraph elsewhere holds no match
    of the pattern the hints stand for (a hint has no line break, so it never spans two lines)."""
    lines, prose = document.lines, document.prose
    ends = lines.ends
    out: set[int] = set()
    for hint in hints:
        m = hint.search(prose)
        while m is not None:
            line = lines.line_of(m.start())
            out.add(line)
            m = hint.search(prose, ends[line - 1])  # the line's other matches tell nothing
    return out


_CLOCK_BEFORE = ("上午", "下午", "晚上", "凌晨", "早上", "中午", "傍晚", "今天", "明天", "当天", "当日", "次日")
_CLOCK_AFTER = lazy_regex(r"钟|半|整|\d|[零〇一二三四五六七八九十]+分|左右|许|前|后|以前|以后|之前|之后")
# Numbered formulations written without quotes: 坚持四项基本原则 announces nothing.  The
# shared formulation data (Resources.formulations) is used when the session offers it; these
# few, not numbered lists of members, are always known.  Quoted ones (“四个意识”) are skipped.
_FORMULATIONS = frozenset({"四项基本原则", "八项规定", "两点论", "三项制度改革"})
_SENTENCE_MARKS = frozenset(SENTENCE_END)
_SENTENCE_MARK = lazy_re(f"[{regex.escape(SENTENCE_END)}]")
_CLAUSE_MARKS = frozenset(CLAUSE_END)
# How far an announcement may stand from the series it announces: 抓好落实：/ 意见。
_NEAR = 10
_FORWARD_TRIGGERS = frozenset({"讲", "谈", "提", "提出", "强调", "下面", "以下", "从", "包括", "概括为", "归纳为", "分为", "主要有"})


@dataclass(frozen=True)
class Announcement:
    """An announced count and what follows it.

    ``count`` is None for 几 (以下几点: at least two).  ``found`` is the number of points that
    follow (an inline series, the series of the following paragraphs, or the child headings),
    None when nothing that could be counted follows.
    """

    span: Span  # the count: 三点, 四项, 两个方面
    text: str
    count: int | None
    line: int
    trigger: str  # the word that announces: 讲, 从, 明确, 以下 …
    phrase: Span  # from the trigger to the end of the count: 讲三点
    found: int | None = None
    target: str | None = None  # "series", "paragraphs" or "headings"
    target_span: Span | None = None  # the first item of what was counted


# -- the outline ------------------------------------------------------------------------


@dataclass(frozen=True)
class Outline:
    """Headings, inline series and announced counts of one document."""

    headings: tuple[Heading, ...]
    series: tuple[Series, ...]
    announcements: tuple[Announcement, ...]
    regulation: bool
    #: 1-based lines of the 附件说明 list (excluded from the headings).
    attachment_lines: frozenset[int]

    def children(self, parent: int | None, part: int = 0) -> tuple[Heading, ...]:
        """Child headings of heading ``parent`` (None: the top level of ``part``)."""
        if parent is not None:
            return tuple(h for h in self.headings if h.parent == parent)
        return tuple(h for h in self.headings if h.parent is None and h.part == part)

    def groups(self) -> Iterator[tuple[Heading, ...]]:
        """Sibling runs in document order: one parent, one kind, one run numbered from 1."""
        by_group: dict[int, list[Heading]] = {}
        for h in self.headings:
            by_group.setdefault(h.group, []).append(h)
        for g in sorted(by_group):
            yield tuple(by_group[g])


def build_outline(document: Document) -> Outline:
    """Read the outline of ``document`` (Document.outline calls this once and caches it)."""
    lines = _content_lines(document)
    regulation = _is_regulation(document, lines)
    attachments, pages = _attachment_lines(document, lines)
    markers = _markers(document, lines, regulation)
    implied = _implied_numbered(document, lines, markers, regulation, attachments, pages)
    footnotes = _footnote_lines(document, lines)
    headings = _headings(document, lines, markers, regulation, attachments | footnotes, pages, implied)
    heading_lines = {h.line: h for h in headings}
    wrapped = _wrapped_paragraphs(document, heading_lines)
    series = _series(document, heading_lines, wrapped)
    announcements = _announcements(document, headings, heading_lines, series, wrapped)
    return Outline(headings, tuple(series), tuple(announcements), regulation, frozenset(attachments))


_Lines = list[tuple[int, int, int]]
_Markers = dict[int, tuple[str, "regex.Match[str]"]]  # line number -> (kind, match)


def _content_lines(document: Document) -> _Lines:
    """(line number, content start, content end) of non-blank lines not numbered by Word."""
    auto = document.auto_numbered
    return [
        (number, start, end)
        for number, (start, end) in enumerate(document.content_bounds, 1)
        if end > start and number not in auto
    ]


def _is_regulation(document: Document, lines: _Lines) -> bool:
    text = document.prose
    for _, start, end in lines:
        if text[start] != "第":
            continue  # what _REG_MARKER opens with
        m = _REG_MARKER.match(text, start, end)
        if m and m.group(2) in ("章", "条"):
            return True
    return False


def _attachment_lines(document: Document, lines: _Lines) -> tuple[set[int], set[int]]:
    """Lines of the 附件说明 list, and lines that open an attachment's own pages."""
    text = document.prose
    listed: set[int] = set()
    pages: set[int] = set()
    in_list = False
    for number, start, end in lines:
        head = text[start] == "附"
        if head and _ATTACH_LIST.match(text, start, end):
            listed.add(number)
            in_list = True
        elif in_list and _ATTACH_ITEM.match(text, start, end):
            listed.add(number)
        else:
            in_list = False
            if head and _ATTACH_PAGE.match(text, start, end):
                pages.add(number)
    return listed, pages


# A heading title ends with no mark; a line holding a sentence, a table row (cells apart by
# tabs or runs of spaces) or a label (日期：) is no heading of its own.
_BARE_TITLE = lazy_regex(rf"[\p{{Han}}\d][^{regex.escape(CLAUSE_END)}。\t]{{1,29}}")
_CELL_GAP = lazy_regex(r"\S(?: {2,}|\t)\S")
_FOOTNOTE_MARK = lazy_regex(r"[①-⑳]")


def _implied_numbered(
    document: Document, lines: _Lines, markers: _Markers, regulation: bool, attachments: set[int], pages: set[int]
) -> set[int]:
    """Lines whose number Word's automatic numbering gave and a copy to plain text lost.

    A text copied out of Word keeps the typed （一） 1. of the lower levels but loses the
    一、 二、 that Word added to the top-level headings: ``工作开展情况`` / ``（一）…（二）…`` /
    ``存在的主要问题`` / ``（一）…``.  Such a line is short, ends with no mark, holds no
    table cells, and is followed by a typed （一） or 1.; at least two of them in a part that
    types no 一、 at all.  They are read as Word-numbered paragraphs (``Document.auto_numbered``):
    the （一） under each starts its own run.
    """
    if regulation or document.auto_numbered:
        return set()
    text = document.prose
    by_part: dict[int, list[tuple[int, int, int]]] = {}
    part = 0
    for line in lines:
        if line[0] in pages:
            part += 1
            continue
        by_part.setdefault(part, []).append(line)
    out: set[int] = set()
    for part_lines in by_part.values():
        found: list[int] = []
        typed_top = False
        for k, (number, start, end) in enumerate(part_lines):
            marker = None if number in attachments else markers.get(number)
            if marker is not None and marker[0] == CN:
                typed_top = True
                break
            if marker is not None or k + 1 >= len(part_lines) or number in attachments:
                continue
            nxt_number = part_lines[k + 1][0]
            child = markers.get(nxt_number)  # most lines have no marker below: asked first
            if child is None or child[0] not in (CN_PAREN, ARABIC) or nxt_number in attachments:
                continue
            if not _BARE_TITLE.fullmatch(text, start, end) or _CELL_GAP.search(text, start, end):
                continue
            kind, m = child
            numeral = m.group(2) if kind == CN_PAREN else m.group(1)
            if (cn_to_int(numeral) if kind == CN_PAREN else int(numeral)) == 1:
                found.append(number)
        if not typed_top and len(found) >= 2:
            out.update(found)
    return out


def _footnote_lines(document: Document, lines: _Lines) -> set[int]:
    """Lines that give a footnote's text (① 含防汛物资…): they open with a circled number already
    used as a note mark inside a sentence above (…3.6万件（套）①。).  Not headings."""
    text = document.prose
    used: set[str] = set()
    out: set[int] = set()
    marks = [m.start() for m in _FOOTNOTE_MARK.finditer(text)]  # one search, read in order
    if not marks:
        return out  # no circled number anywhere: no note mark, no note
    starts = [start for _, start, _ in lines]
    for pos in marks:  # only the lines a circled number stands in are looked at
        k = bisect_right(starts, pos) - 1
        if k < 0 or pos >= lines[k][2]:
            continue  # outside every line's content
        if pos > starts[k]:
            used.add(text[pos])  # a note mark inside a line
        elif text[pos] in used:
            out.add(lines[k][0])  # a line opening with a mark used above
    return out


_BY_FIRST: dict[str, tuple[tuple[str, Any], ...]] = {
    **{c: ((CN_PAREN, _CN_PAREN), (ARABIC_PAREN, _ARABIC_PAREN)) for c in "（("},
    **{c: ((CN, _CN_BARE),) for c in CN_NUMERALS},
    **{c: ((ARABIC, _ARABIC_BARE),) for c in "0123456789"},
    **{chr(c): ((CIRCLED, _CIRCLED),) for c in range(0x2460, 0x2474)},
}


def _markers(document: Document, lines: _Lines, regulation: bool) -> _Markers:
    """The marker each line opens with (its kind and match), by line number; found once for
    the implied headings, the headings and their titles."""
    text = document.prose
    out: _Markers = {}
    for number, start, end in lines:
        first = text[start]
        if first not in _MARKER_START:
            continue  # most lines: one set look-up
        if regulation:
            m = _REG_MARKER.match(text, start, end)
            if m:
                out[number] = {"章": CHAPTER, "节": SECTION, "条": ARTICLE}[m.group(2)], m
                continue
        # Each pattern opens with its own characters: only those that can match are tried, in order.
        for kind, pattern in _BY_FIRST.get(first, ()):
            m = pattern.match(text, start, end)
            if m:
                out[number] = kind, m
                break
    return out


def _headings(
    document: Document,
    lines: _Lines,
    markers: _Markers,
    regulation: bool,
    attachments: set[int],
    pages: set[int],
    implied: set[int] = frozenset(),  # type: ignore[assignment]
) -> tuple[Heading, ...]:
    text = document.prose
    levels = _REGULATION_LEVEL if regulation else _LEVEL
    out: list[Heading] = []
    part = 0
    stack: list[Heading] = []
    groups: dict[tuple[int, int, int | None, str], int] = {}  # (part, scope, parent, kind) -> open group
    next_group = 0
    lead_end = 0  # where the content of the last non-heading line ends (0: none yet)
    last_was_heading = False
    # A Word-numbered paragraph is a heading whose number is not in the text: typed markers
    # after it start a new scope under it (so （一）（二） may restart under each one).
    auto = sorted(document.auto_numbered | implied)
    from speechlint.document.wrap import continued_lines

    continued = document.shared(continued_lines)  # lines of hard-wrapped paragraphs
    scope = 0
    under_auto = False
    for k, (number, start, end) in enumerate(lines):
        if auto and auto[0] < number:
            while auto and auto[0] < number:
                auto.pop(0)
            scope += 1
            stack.clear()
            under_auto = True
            last_was_heading = True
        if number in pages:
            part += 1
            stack.clear()
            under_auto = False
            continue
        found = markers.get(number)
        # A hard wrap right after 第 or 其 (…；第 / 二，进中求质…) leaves an ordinal, not a marker;
        # so does any wrap inside a paragraph of a PDF copy (增长百分之六点 / 二，一般公共…).
        if found is not None and (
            number in attachments or number in continued or (k > 0 and text[lines[k - 1][2] - 1] in "第其")
        ):
            found = None
        if found is None:
            lead_end = end
            last_was_heading = False
            continue
        kind, m = found
        numeral_span, numeral_text, open_, close, punct, punct_span = _literal(kind, m)
        ordinal = (int(numeral_text) if kind in (ARABIC, ARABIC_PAREN) else
                   ord(numeral_text) - 0x2460 + 1 if kind == CIRCLED else cn_to_int(numeral_text))
        if not ordinal or (kind == CN and _range_not_heading(text, start, end, ordinal, out, part)):
            lead_end = end
            last_was_heading = False
            continue
        # The line above is text ending with a colon (a content ends on its last non-space
        # character, so that character is the test): a list's lead-in line.
        after_colon = not last_was_heading and lead_end > 0 and text[lead_end - 1] in "：:"
        level = levels[kind]
        while stack and stack[-1].level >= level:
            stack.pop()
        parent = stack[-1].index if stack else None
        # Articles and chapters are numbered through the whole part, not per parent.
        key = (part, scope, None if kind in (ARTICLE, CHAPTER) else parent, kind)
        restart = (
            ordinal == 1
            and key in groups
            and (kind in _LIST_KINDS or (regulation and kind in (CN, CN_PAREN)))
            and after_colon
        )
        if key not in groups or restart:
            groups[key] = next_group
            next_group += 1
        title, title_text = _title(text, m.end(), end)
        # Only a hard-wrapped text has paragraphs of several lines.
        para = document.paragraph_at(start) if continued else None
        if para is not None and para.span.end > end and not _SENTENCE_MARKS.intersection(text[m.end() : end]):
            # A run-in heading of hard-wrapped text: its title may run on past the line break.
            joined, at = _joined(text, m.end(), para.span.end)
            whole, whole_text = _title(joined, 0, len(joined))
            if at is not None and whole.end > whole.start:
                title, title_text = trusted_span(at[whole.start], at[whole.end - 1] + 1), whole_text
        if not title_text and k + 1 < len(lines):
            # 一、 / 2025年工作回顾: a PDF copy put the marker and its title on two lines.
            next_number, next_start, next_end = lines[k + 1]
            if next_number not in markers:
                title, title_text = _title(text, next_start, next_end)
        h = _heading({
            "index": len(out),
            "kind": kind,
            "level": level,
            "ordinal": ordinal,
            "line": number,
            "part": part,
            "marker": trusted_span(m.start(), m.end()),
            "marker_text": m.group(),
            "numeral": numeral_span,
            "numeral_text": numeral_text,
            "open": open_,
            "close": close,
            "punct": punct,
            "punct_span": punct_span,
            "title": title,
            "title_text": title_text,
            "span": trusted_span(start, end),
            "parent": parent,
            "group": groups[key],
            "under_auto": under_auto and parent is None,
            "after_colon": after_colon,
            "line_end": text[end - 1],
        })
        out.append(h)
        stack.append(h)
        last_was_heading = True
    return tuple(out)


def _range_not_heading(text: str, start: int, end: int, ordinal: int, out: list[Heading], part: int) -> bool:
    """一、二年级学生…, 三、四月份是防火关键期: two numerals in a row before a unit are a range.

    Read so unless the line continues the 一、 二、 headings above it (三、四月份工作安排 after 二、).
    """
    m = _CN_RANGE.match(text, start, end)
    if m is None or cn_to_int(m.group(1)) != ordinal or cn_to_int(m.group(2)) != ordinal + 1:
        return False
    previous = next((h for h in reversed(out) if h.kind == CN and h.part == part), None)
    return previous is None or previous.ordinal != ordinal - 1


def is_item_list(group: Sequence[Heading]) -> bool:
    """Siblings that are the items of a list (列项), not headings: a colon introduces them
    (重点做好以下工作：), or each ends with a semicolon and the last with a full stop (1.…； 2.…。)."""
    if not group:
        return False
    if group[0].after_colon:
        return True
    return (
        len(group) >= 2
        and all(h.line_end in "；;" for h in group[:-1])
        and group[-1].line_end in "；;。."
    )


def _literal(kind: str, m: regex.Match[str]) -> tuple[Span, str, str, str, str, Span]:
    """(numeral span, numeral, open bracket, close bracket, punctuation, punctuation span)."""
    if kind in (CN_PAREN, ARABIC_PAREN):
        open_, numeral, close, punct = m.groups()
        return trusted_span(*m.span(2)), numeral, open_, close, punct, trusted_span(*m.span(4))
    if kind in (CHAPTER, SECTION, ARTICLE):
        return trusted_span(*m.span(1)), m.group(1), "", "", "", trusted_span(m.end(), m.end())
    return trusted_span(*m.span(1)), m.group(1), "", "", m.group(2), trusted_span(*m.span(2))


_TITLE_END = _SPACE + "，；：,;:"  # what a title does not end with


def _title(text: str, start: int, end: int) -> tuple[Span, str]:
    while start < end and text[start] in _SPACE:
        start += 1
    mark = _SENTENCE_MARK.search(text, start, end)  # a heading's run-in text may be long
    stop = mark.start() if mark else end
    while stop > start and text[stop - 1] in _TITLE_END:
        stop -= 1
    return trusted_span(start, stop), text[start:stop]  # start <= stop: stop backs up to start at most


# -- series -------------------------------------------------------------------------------


_BREAK = lazy_regex(r"[ \t\u3000\u00a0]*(?:\r?\n[ \t\u3000\u00a0]*)+")


def _joined(prose: str, start: int, end: int) -> tuple[str, list[int] | None]:
    """The prose of a paragraph with its line breaks (and the spaces around them) taken out,
    and the offset of each of its characters (None when the paragraph is one line).

    A paragraph of hard-wrapped text holds breaks anywhere, even inside 二是 or 三点."""
    text = prose[start:end]
    if "\n" not in text:
        return text, None
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in _BREAK.finditer(text):
        parts.append(text[pos : m.start()])
        offsets.extend(range(start + pos, start + m.start()))
        pos = m.end()
    parts.append(text[pos:])
    offsets.extend(range(start + pos, end))
    return "".join(parts), offsets


def _items(
    prose: str, para: Segment, index: int, line: int, scan_from: int, tail: Segment | None = None,
    line_of: Callable[[int], int] | None = None,
) -> Iterator[Item]:
    """The enumerators of one paragraph.  A hard-wrapped paragraph is read without its line
    breaks (…；二 / 是…); ``tail`` is the next paragraph when a wrap may have broken an
    enumerator at the end of this one.  Spans are those of the source, over the breaks."""
    base = para.span.start
    text, at = _joined(prose, base, para.span.end)
    size = len(text)
    if tail is not None:
        text += prose[tail.span.start : min(tail.span.end, tail.span.start + _TAIL)]

    def offset(i: int) -> int:
        if i >= size:
            return tail.span.start + i - size  # type: ignore[union-attr]
        return at[i] if at is not None else base + i

    for m in _ENUMERATOR.finditer(text, scan_from - base):
        i, j = m.span()
        if i >= size:
            break  # it starts in the next line, which is scanned on its own
        left = text[i - 1] if i > 0 else ""
        kind = m.lastgroup
        if kind == "one":
            if left in _NOT_BEFORE_YIFANGMIAN:
                continue
            style, ordinal = FANGMIAN, 1
        elif kind == "other":
            style, ordinal = FANGMIAN, 2
        else:
            if i > 0 and left not in _LEFT and not (kind == "suf" and left in _LEFT_SUBJECT):
                continue
            if kind == "suf":
                suffix, numeral = text[j - 1], text[i : j - 1]
                after = text[j : j + 1]
                if after and after in _NOT_AFTER.get(suffix, ()):
                    continue
                if _same_again(text, j, numeral, suffix):
                    continue  # 一是一，二是二 / 一来二去: idioms, not enumerators
                style, value = SHI, cn_to_int(numeral)
            elif kind == "d":
                style, value = DI, cn_to_int(m.group("d"))
            elif kind == "q":
                style, value = QI, cn_to_int(m.group("q"))
            elif kind == "seq":
                word = text[i:j]
                if word == "首先" and _COURTESY.match(text, j):
                    continue
                style, value = SEQ, _SEQ_ORDINAL[word]
            else:  # seq2
                style, value = SEQ, _SEQ_ORDINAL.get(text[i:j], 0)
            if value is None:
                continue
            ordinal = value
        start = offset(i)
        word = m.group()
        item = Item(
            span=trusted_span(start, offset(j - 1) + 1),
            text=word,
            style=style,
            ordinal=ordinal,
            line=line if at is None or line_of is None else line_of(start),
            paragraph=index,
            initial=i == 0,
            final=word == "最后",
        )
        yield item


def _wrapped_paragraphs(document: Document, heading_lines: dict[int, Heading]) -> frozenset[int]:
    """Indices of the paragraphs that go on with the one above: a Markdown paragraph hard-wrapped
    in mid-sentence (…一是项目储备不足， / 前期工作滞后；二是…；最后，…) is one paragraph."""
    if document.format != "markdown":
        return frozenset()
    lines = document.lines
    paragraphs = document.paragraphs
    out = set()
    for index in range(1, len(paragraphs)):
        above, para = paragraphs[index - 1], paragraphs[index]
        number = lines.line_of(para.span.start)
        if lines.line_of(above.span.end) != number - 1 or number in heading_lines or number - 1 in heading_lines:
            continue
        last = above.text[-1]
        if not (_HAN_CHAR.match(last) or last in _WRAP_AFTER):
            continue  # the line above ends its sentence: one paragraph a line
        if _BLOCK_START.match(lines.texts[number - 1]) or _BLOCK_START.match(lines.texts[number - 2]):
            continue  # a list item, quote, table row or ATX heading starts its own block
        out.add(index)
    return frozenset(out)


# Enough of the next line to finish an enumerator broken at a line end (另一 / 方面，).
_TAIL = 4
_ENUMERATOR_PART = frozenset(CN_NUMERALS + "第其另方首再最")


def _continuation(document: Document, index: int, heading_lines: dict[int, Heading]) -> Segment | None:
    """The paragraph after ``index``, which stops on a character that begins an enumerator
    (_ENUMERATOR_PART), when a hard wrap may have broken the enumerator between them: the next
    line (blank lines and page furniture aside in plain text; the very next line in Markdown)
    is no heading."""
    if document.format not in ("text", "markdown"):
        return None  # a .docx paragraph is never wrapped by hand
    paragraphs = document.paragraphs
    if index + 1 >= len(paragraphs):
        return None
    nxt = paragraphs[index + 1]
    number = document.paragraph_lines[index + 1][0]
    if number in heading_lines:
        return None
    if document.format == "markdown" and number != document.paragraph_lines[index][1] + 1:
        return None  # a blank line ends a Markdown paragraph
    return nxt


def _series(document: Document, heading_lines: dict[int, Heading], wrapped: frozenset[int]) -> list[Series]:
    out: list[Series] = []
    open_: dict[str, Series] = {}  # per style, the series a later paragraph may continue
    here: dict[str, Series] = {}  # per style, the latest series of this paragraph
    logical = -1
    hinted = _hint_lines(document, _ENUMERATOR_HINTS)
    prose, line_of, first_lines = document.prose, document.lines.line_of, document.paragraph_lines
    for index, para in enumerate(document.paragraphs):
        line = first_lines[index][0]
        heading = heading_lines.get(line)
        if heading is not None:
            open_.clear()  # a heading closes the series of the section before it
        if index not in wrapped:
            logical += 1
            here = {}
        # Only a paragraph that stops on what begins an enumerator may have it go on in the next.
        tail = _continuation(document, index, heading_lines) if para.text[-1] in _ENUMERATOR_PART else None
        if tail is None and line not in hinted and "\n" not in para.text:
            continue  # no enumerator can start in this line
        scan_from = para.span.start if heading is None else heading.marker.end
        for item in _items(prose, para, logical, line, scan_from, tail, line_of):
            if index in wrapped:
                item.initial = False  # it opens a line, not its paragraph
            if item.final:
                _place_final(item, here, open_)
            else:
                _place(item, here, open_, out)
    return out


def _place_final(item: Item, here: dict[str, Series], open_: dict[str, Series]) -> None:
    """最后 ends the latest series of its paragraph, or a series of paragraph-initial items
    when it opens the very next paragraph (第一，…/第二，…/最后，…); otherwise it is only a
    word (同志们，…/最后，祝大家身体健康！)."""
    candidates = [s for s in here.values() if s.style != FANGMIAN and not s.closed]
    if not candidates and item.initial:
        candidates = [
            s
            for s in open_.values()
            if s.style != FANGMIAN
            and not s.closed
            and s.items[-1].initial
            and s.items[-1].paragraph == item.paragraph - 1
        ]
    if not candidates:
        return
    s = max(candidates, key=lambda c: c.items[-1].span.start)
    item.ordinal = s.last_ordinal + 1
    s.items.append(item)
    s.closed = True


def _place(item: Item, here: dict[str, Series], open_: dict[str, Series], out: list[Series]) -> None:
    style = item.style
    s = here.get(style)
    in_paragraph = s is not None
    if s is None:
        o = open_.get(style)
        # A paragraph-initial enumerator continues the open series (and may show a gap);
        # one inside a paragraph continues it only as its next number.
        if o is not None and not o.closed and (item.initial or item.ordinal == o.last_ordinal + 1):
            s = o
    if s is not None and not s.closed:
        expected = s.last_ordinal + 1
        if item.ordinal == expected:
            s.items.append(item)
            here[style] = open_[style] = s
            return
        # 一是 again starts a new series (在思想上，一是…；在行动上，一是…), except 首先 after 其次.
        if item.ordinal != 1 or (style == SEQ and in_paragraph and s.first.ordinal > 1):
            item.issue = (
                "order" if style == SEQ and item.ordinal < expected
                else "gap" if item.ordinal > expected
                else "repeat"
            )
            item.expected = expected
            s.items.append(item)
            here[style] = open_[style] = s
            return
    elif style in _NUMBERED_STYLES and item.ordinal > 1:
        # 一是 … 第二: another numbered style continues this paragraph's series.
        # A series of paragraph-initial items (第一，… / 第二，…) is not mixed with a series inside
        # its paragraph (第一，…大家一来…二来…).
        for other_style, t in here.items():
            if (
                other_style != style
                and other_style in _NUMBERED_STYLES
                and t.last_ordinal == item.ordinal - 1
                and not (t.style in (DI, QI) and t.items[-1].initial)
            ):
                item.issue = "mixed"
                item.expected = item.ordinal
                t.items.append(item)
                here[style] = open_[style] = t
                return
    s = Series(style, [item])
    out.append(s)
    here[style] = open_[style] = s


# -- announced counts ---------------------------------------------------------------------


def _inside_quotes(text: str, pos: int) -> bool:
    before = text[:pos]
    if before.count("“") > before.count("”") or before.count("‘") > before.count("’"):
        return True
    if before.count("《") > before.count("》"):
        return True
    return before.count('"') % 2 == 1


def _is_formulation(document: Document, text: str, num_start: int) -> bool:
    terms, lengths = document.shared(_formulation_terms)
    return any(text[num_start : num_start + n] in terms for n in lengths)


def _formulation_terms(document: Document) -> tuple[frozenset[str], tuple[int, ...]]:
    """The numbered terms and their lengths, made once per document: a term starts at a position
    when the text there, cut to one of the lengths, is one (no test of each term)."""
    terms: frozenset[str] = _FORMULATIONS
    if document.resources is not None:
        terms = terms | document.resources.formulations.numbered_terms
    return terms, tuple(sorted({len(t) for t in terms}))


def _is_clock(text: str, num_start: int, cls_end: int, cls: str) -> bool:
    if cls != "点":
        return False
    if text[max(0, num_start - 2) : num_start] in _CLOCK_BEFORE or text[num_start - 1 : num_start] in ("晚", "早"):
        return True
    return bool(_CLOCK_AFTER.match(text, cls_end))


def _announcements(
    document: Document,
    headings: tuple[Heading, ...],
    heading_lines: dict[int, Heading],
    series: list[Series],
    wrapped: frozenset[int] = frozenset(),
) -> list[Announcement]:
    out: list[Announcement] = []
    ctx: _Context | None = None  # indexed at the first count found: a text announcing none needs none
    prose = document.prose
    hinted = _hint_lines(document, _COUNT_HINTS)
    first_lines = document.paragraph_lines
    for pi, para in enumerate(document.paragraphs):
        if "\n" not in para.text and first_lines[pi][0] not in hinted:
            continue  # no count in this line
        base = para.span.start
        text, at = _joined(prose, base, para.span.end)

        def offset(i: int, base: int = base, at: list[int] | None = at) -> int:
            return at[i] if at is not None else base + i

        for m in _COUNT.finditer(text):
            num_start, cls_end = m.start("num"), m.end("cls")
            if _inside_quotes(text, num_start) or _is_clock(text, num_start, cls_end, m.group("cls")):
                continue
            if _is_formulation(document, text, num_start):
                continue
            raw = m.group("num")
            count = None if raw == "几" else int(raw) if raw.isdigit() else cn_to_int(raw)
            if count == 0:
                continue
            end = offset(cls_end - 1) + 1
            ann = Announcement(
                Span(offset(num_start), end),
                text[num_start:cls_end],
                count,
                document.lines.line_of(offset(num_start)),
                m.group("trigger"),
                Span(offset(m.start()), end),
            )
            if ctx is None:
                ctx = _Context(document, headings, heading_lines, series, wrapped)
            out.append(ctx.target(ann, pi))
    return out


def _near(gap: str) -> bool:
    """An announcement leads straight into what follows: a short tail with no clause mark but
    the last one (讲三点意见。 / 抓好落实： / 要求：), not 三项任务，目前进展顺利。"""
    body = _BREAK.sub("", gap).rstrip()  # a hard wrap inside the tail is no text
    while body and (body[-1] in _CLAUSE_MARKS):
        body = body[:-1].rstrip()
    return len(body) <= _NEAR and not any(c in _CLAUSE_MARKS for c in body)


def _forward(prose: str, ann: Announcement, tail: str) -> bool:
    """Whether an announcement closing its paragraph points at what comes next: it ends with a
    colon, or it is a speaker's announcement (讲三点, 以下几点) not told in the past (提出了三项)."""
    if tail.rstrip().endswith(("：", ":")):
        return True
    return ann.trigger in _FORWARD_TRIGGERS and "了" not in prose[ann.phrase.start : ann.span.start]


class _Context:
    """What announcements are matched against, indexed once per document."""

    def __init__(
        self,
        document: Document,
        headings: tuple[Heading, ...],
        heading_lines: dict[int, Heading],
        series: list[Series],
        wrapped: frozenset[int] = frozenset(),
    ) -> None:
        self.document = document
        self.wrapped = wrapped
        self.headings = headings
        self.heading_lines = heading_lines
        self.series = sorted(series, key=lambda s: s.first.span.start)
        self.series_starts = [s.first.span.start for s in self.series]
        self.heading_line_numbers = [h.line for h in headings]
        self.groups: dict[int, list[Heading]] = {}
        for h in headings:
            self.groups.setdefault(h.group, []).append(h)

    def target(self, ann: Announcement, pi: int) -> Announcement:
        document = self.document
        para = document.paragraphs[pi]
        last = pi  # the paragraph's last line when it is hard-wrapped
        while last + 1 in self.wrapped:
            last += 1
        end = ann.span.end
        # (a) a series in the same paragraph, starting right after the announcement.
        k = bisect_left(self.series_starts, end)
        if k < len(self.series) and self.series_starts[k] < document.paragraphs[last].span.end:
            s = self.series[k]
            if len(s.items) >= 2 and _near(document.prose[end : s.first.span.start]):
                return replace(ann, found=s.count, target="series", target_span=s.first.span)
        # (b) and (c) need the announcement to close its paragraph: 下面，我讲三点意见。
        tail = document.prose[end : para.span.end]
        if last != pi or not _near(tail) or not _forward(document.prose, ann, tail) or pi + 1 >= len(document.paragraphs):
            return ann
        nxt = document.paragraphs[pi + 1]
        h = self.heading_lines.get(document.lines.line_of(nxt.span.start))
        if h is None:
            k = bisect_left(self.series_starts, nxt.span.start)
            if k < len(self.series) and self.series_starts[k] == nxt.span.start:
                s = self.series[k]
                if s.first.initial and s.first.ordinal == 1 and len(s.items) >= 2:
                    return replace(ann, found=s.count, target="paragraphs", target_span=s.first.span)
            return ann
        # (c) the headings one level below the announcement's place.
        k = bisect_right(self.heading_line_numbers, ann.line)
        scope = self.headings[k - 1] if k else None
        if scope is not None and scope.part != h.part:
            scope = None
        if h.parent != (scope.index if scope is not None else None):
            return ann
        siblings = [g for g in self.groups[h.group] if g.index >= h.index]
        if len(siblings) < 2:
            return ann
        return replace(ann, found=len(siblings), target="headings", target_span=h.marker)
