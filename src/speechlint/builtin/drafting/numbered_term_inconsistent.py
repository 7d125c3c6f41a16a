"""DRF003 numbered-term-inconsistent."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from speechlint.document import Document
from speechlint.fix import Span
from speechlint.lazyre import lazy_re, lazy_regex, matches_at, starts_of
from speechlint.rule import NoOptions, Violation, rule

_NUM = "一二三四五六七八九十两百"
_BARE_NUM = "二三四五六七八九十两"  # one numeral, not 一, before an unquoted term
# A quoted numbered term: “六类顽疾”, "四个意识" (straight quotes too; PUN002 reports those).
# The opening quote is matched, not looked behind for: the scan then stops only at quotes.
_QUOTED = lazy_regex(rf"[“\"]([{_NUM}]{{1,3}})(大|类|项|个|条|种|方面)(\p{{Han}}{{2,8}})(?=[”\"])")
# An unquoted N大 term (实施五大行动): one numeral, not 一 (一大批), not after 的/第/届/党/共
# (党的二大, 中共二大), never a congress (十九大, 二十大 have two numerals), not a part of a
# set named before (这两大优势, 其余三大; 前两大 below).
_BARE_DA = lazy_regex(rf"(?<![{_NUM}的第届党共〇零这那余外他另])([{_BARE_NUM}])大(\p{{Han}}{{2,6}})")
# An unquoted N类 / N项 / N种 term (六类顽疾整治): alone it is as often a plain count (三类企业,
# 其中三项行动已完成), so it counts only beside a quoted or N大 term of the same head and the
# same number (整治六大顽瘴痼疾……六类顽疾整治): then only the classifier differs.  Not after
# 这, 上述, 其 …: 这五项工程 refers back to the set in other words.
_BARE_CLASS = lazy_regex(rf"(?<![{_NUM}第每这那述余其另])([{_BARE_NUM}])(类|项|种)(\p{{Han}}{{2,6}})")
# Where the three scans can match, each found by a pattern opening with a literal, which re
# skips to (the scans look behind, or test a class, at every position of the text): a quote
# before a numeral; a 大, 类, 项 or 种 after one, the match starting one character before.
_QUOTE_AT = tuple(lazy_re(f"{q}(?=[{_NUM}])") for q in "“\"")
_DA_AT = (lazy_re(f"大(?<=[{_BARE_NUM}]大)"),)
_CLASS_AT = tuple(lazy_re(f"{c}(?<=[{_BARE_NUM}]{c})") for c in "类项种")
# 前两大优势 / 后三大 pick members of a set; 目前四大行动, 今后五大 do not.
_SUBSET = lazy_regex(r"(?<![目之以今此最然])[前后]$")
# 市里部署了“十大工程”，县里抓好其中的“五大工程”: 其中 picks a part of a set named before.
_PART_OF = lazy_re(r"其中(?:的)?[“\"]?$")
# Whose set a term is, said in its clause: 全市确定了四大主导产业 is the city's, 我县的三大主导产业
# the county's; two terms of different owners are two sets.
_OWNER = lazy_regex(r"(?:全|我|本)([省市县区])|([省市县区])(?:里|委|政府)")
_CLAUSE_START = lazy_regex(r"[。！？；，,;!?\n]")
# Heads that name one thing in different words, mapped to one key.
_SYNONYMS = (("顽瘴痼疾", "顽疾"), ("痼疾", "顽疾"), ("顽症", "顽疾"))
# What follows a congress number or a size, not a term: 二大精神, 五大以来.
_NOT_HEADS = ("精神", "报告", "以来", "代表", "会址", "召开", "期间", "胜利", "提出", "党章", "之后", "以后")


class _Term(NamedTuple):
    span: Span  # the number through the head, without quotes
    number: str
    classifier: str
    head: str
    bare: bool = False  # an unquoted N类 / N项 / N种 (see _BARE_CLASS)

    @property
    def text(self) -> str:
        return f"{self.number}{self.classifier}{self.head}"

    @property
    def form(self) -> tuple[str, str]:
        return self.number, self.classifier


def _key(head: str) -> str:
    for variant, canonical in _SYNONYMS:
        head = head.replace(variant, canonical)
    return head[:2]


def _known_terms(document: Document) -> frozenset[str]:
    """Standard numbered formulations (data/formulations.toml): each is right though two may share a head."""
    if document.resources is None:
        return frozenset()  # a Document built by hand, outside a session
    return document.resources.formulations.numbered_terms


def _quoted(text: str) -> Iterator[Any]:
    return matches_at(_QUOTED, text, starts_of(text, _QUOTE_AT))


def _bare_da(text: str) -> Iterator[Any]:
    return matches_at(_BARE_DA, text, starts_of(text, _DA_AT, 1))


def _bare_class(text: str) -> Iterator[Any]:
    return matches_at(_BARE_CLASS, text, starts_of(text, _CLASS_AT, 1))


def _terms(text: str) -> Iterator[_Term]:
    named = False  # a quoted or N大 term: bare N类 terms count only beside one
    for m in _quoted(text):
        start = m.start(1)  # after the opening quote
        if _PART_OF.search(text, max(0, start - 4), start):
            continue
        named = True
        yield _Term(Span(start, m.end()), m.group(1), m.group(2), m.group(3))
    for m in _bare_da(text):
        run = m.group(2)
        if run.startswith(_NOT_HEADS) or (m.start() > 0 and text[m.start() - 1] in "“\""):
            continue
        if _SUBSET.search(text, max(0, m.start() - 2), m.start()) or _PART_OF.search(text, max(0, m.start() - 3), m.start()):
            continue
        # Without quotes the head's end is unknown (四大行动全面铺开): keep the part the key reads.
        head = _bare_head(run)
        named = True
        yield _Term(Span(m.start(), m.start(2) + len(head)), m.group(1), "大", head)
    if not named:
        return  # bare terms alone never make a finding (see numbered_term_inconsistent)
    for m in _bare_class(text):
        run = m.group(3)
        if run.startswith(_NOT_HEADS) or (m.start() > 0 and text[m.start() - 1] in "“\""):
            continue
        if _PART_OF.search(text, max(0, m.start() - 3), m.start()):
            continue
        head = _bare_head(run)
        yield _Term(Span(m.start(), m.start(3) + len(head)), m.group(1), m.group(2), head, bare=True)


def _owner(text: str, start: int) -> str | None:
    """The level (省, 市, 县, 区) whose set the term at ``start`` is, when its clause says so."""
    left = start
    while left > 0 and not _CLAUSE_START.match(text, left - 1):
        left -= 1
    found = None
    for m in _OWNER.finditer(text, left, start):
        found = m.group(1) or m.group(2)
    return found


def _two_sets(owner: str | None, mine: str | None, own_level: Callable[[], str | None]) -> bool:
    """Whether two terms whose clauses name the owners ``owner`` and ``mine`` (or none) are two sets.

    A term with no owner in its clause is the document's own: 全市确定了五大主导产业 in a
    county's speech is the city's set, its 三大主导产业 the county's.  ``own_level`` gives the
    document's own level; it is asked only when just one of the two has an owner.
    """
    if not (owner or mine) or owner == mine:
        return False
    if owner and mine:
        return True
    own = own_level()
    return bool((owner or own) and (mine or own) and (owner or own) != (mine or own))


def _bare_head(run: str) -> str:
    return run[: next((len(v) for v, _ in _SYNONYMS if run.startswith(v)), 2)]


@rule(code="DRF003", name="numbered-term-inconsistent", severity="warning", options=NoOptions)
def numbered_term_inconsistent(document: Document, options: NoOptions) -> Iterator[Violation]:
    """同一个数字提法前后数字或量词不一致。

    ## 它检查什么
    带引号的数字提法（`“六类顽疾”`、`“四个意识”`）和“N大”提法（`五大行动`）：中心语相同
    （`顽疾` 与 `顽瘴痼疾` 视为同一个）而数字或量词不同时，报告与通篇主要写法不一致的那一处。
    不加引号的“N类、N项、N种”（`六类顽疾整治`）只在有同一中心语、同一数字的上述提法时才算
    （`六大顽瘴痼疾……六类顽疾`）：单独出现时多是计数（`三类企业`、`其中三项行动已完成`）。

    ## 为什么
    同一个提法在一篇稿子里写成“六类顽疾”又写成“六大顽瘴痼疾”，或“五大行动”后面成了“四大行动”，
    读者会以为是两件事；多是拼接不同时期的材料留下的。

    ## 示例
    ```text
    紧盯“六类顽疾”开展整治。……聚焦“六大顽瘴痼疾”，建立长效机制。
    ```
    改为统一的一种写法（由作者决定哪一种）。
    不报：`“两个务必”`（历史叙述）与 `“三个务必”`（两者都是规范提法）、`“三个代表”` 与 `“三个务必”`
    （中心语不同）、`三项任务……其中第一项任务`、`党的十九大……党的二十大`、`一大批`、
    `“十大工程”……其中的“五大工程”`（一部分）、`全市确定了四大主导产业`与`我县三大主导产业`
    （分句里写明了不同的主体）。

    ## 修复安全性
    无自动修复：只有作者知道哪一种写法是对的。

    ## 选项
    无。

    ## 依据
    《党政机关公文处理工作条例》第十九条（文稿审核：提法准确、前后一致）。
    """
    terms = sorted(_terms(document.text), key=lambda t: t.span)
    by_key: dict[str, list[_Term]] = {}
    for t in terms:
        by_key.setdefault(_key(t.head), []).append(t)
    known = _known_terms(document)
    for group in by_key.values():
        numbers = {t.number for t in group if not t.bare}
        group = [t for t in group if not t.bare or t.number in numbers]
        forms = Counter(t.form for t in group)
        if len(forms) < 2:
            continue
        # Two standard formulations that share a head are both right.
        if all(t.text in known for t in group):
            continue
        reference = next((t for t in group if t.text in known), None)
        if reference is None:
            top = max(forms.values())
            reference = next(t for t in group if forms[t.form] == top)
        line = document.lines.line_of(reference.span.start)
        owner = _owner(document.text, reference.span.start)
        for t in group:
            if t.form == reference.form or t.text in known:
                continue
            if _two_sets(owner, _owner(document.text, t.span.start), lambda: document.places.own_level):
                continue
            yield Violation(
                t.span,
                f"“{t.text}”与第 {line} 行的“{reference.text}”应是同一提法，数字或量词前后不一致",
            )
