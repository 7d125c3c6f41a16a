"""PTC001 le-after-modal."""

from __future__ import annotations

from collections.abc import Iterator

from speechlint.builtin.particles._match import (
    ADVERBIALS,
    MODALS,
    Paragraph,
    candidates,
    clause_words,
    governor_before,
    in_clause,
    lone_token,
)
from speechlint.document import Document
from speechlint.fix import Edit, Fix, Span
from speechlint.lazyre import lazy_re
from speechlint.rule import NoOptions, Violation, rule

_LE = lazy_re("了")
# Right after 了: 了的 (取得了的成绩), 了事/了之 (应付了事, 一走了之), a question (学习了没有),
# a final particle (要抓紧了吧).
_AFTER = frozenset({"的", "事", "之", "没有", "吧", "啊", "呀", "呢", "嘛"})
# Later in the clause: V了 is a step before another or a time frame (学习了文件再讨论,
# 吃了亏才明白, 要在学习了文件之后开展讨论).
_LATER = frozenset({"之后", "以后", "后", "时", "以来", "之前", "再", "才", "就", "又", "然后"})
# Between the modal and the verb these make the modal a guess about the past, which 了 suits:
# 应该已经收到了通知, 大家应该都看到了.
_EPISTEMIC = frozenset({"已经", "已", "早已", "业已", "曾", "曾经", "都", "均", "全都", "大概", "可能", "肯定"})
# An opening quote or title mark after 了 starts its object (必须坚持了“党政同责”), so that 了 is
# not sentence-final.  A bracket opens an aside instead; a straight quote opens only when an
# even number of them stand before it in the paragraph.
_OPENING = frozenset("“‘《「『〈")
# Without a modal earlier in its clause, a 了 is never reported: such paragraphs need no tokens.
_ANY_MODAL = clause_words(MODALS)


def _adverbial(p: Paragraph, k: int) -> bool:
    return p.pos(k) in ("d", "ad") or p.word(k) in ADVERBIALS or p.word(k) == "地"


@rule(code="PTC001", name="le-after-modal", severity="warning", fix="always", options=NoOptions)
def le_after_modal(document: Document, options: NoOptions) -> Iterator[Violation]:
    """情态词（要、必须、务必……）后的动词带了“了”。

    ## 它检查什么
    “要、应、应当、必须、务必、需要、一定要”等情态词后，动词紧跟“了”又带宾语的句子，
    如“要深入学习了党的二十大精神”。情态词与动词之间只能有“深入、认真、切实”之类的状语。

    ## 为什么
    指令句说的是将要做的事，“了”表示动作已经完成，两者矛盾；多是改稿时由陈述句
    （“会议认真学习了……”）改成要求句而漏删的“了”。

    ## 示例
    ```text
    各级党组织要认真落实了主体责任。
    ```
    改为：
    ```text
    各级党组织要认真落实主体责任。
    ```
    不报：`要深入了解群众的意见`（“了解”是一个词）、`要进一步深化改革了。`（句末的“了”）、
    `要在学习了文件之后开展讨论`、`只要坚持了正确方向`（“只要”是连词）、`我们要了三个名额`
    （“要”是动词）、`要防止应付了事`、`要先调研了再决策`、`要巩固已经取得了的成绩`、
    `会议认真学习了文件精神`（没有情态词）、`应该已经收到了通知`、`大家应该注意到了这个变化`
    （推测已发生的事）。

    ## 修复安全性
    删去“了”需要作者确认（unsafe）：只有作者知道这句话说的是要求还是已完成的事。

    ## 选项
    无。

    ## 依据
    现代汉语语法：动态助词“了”表示动作完成，与表示意愿、必要的情态词不在同一谓语上共现；
    讲话稿审校惯例。
    """
    for m, p in candidates(document, _LE, keep=in_clause(document, _ANY_MODAL)):
        i = lone_token(p, m.start(), "了")
        if i is None or i < 2:
            continue
        nxt = i + 1
        # Sentence-final 了 (要进一步深化改革了。) marks a new situation, not completion.  Before
        # 、 the verb is one of a series (要认真学习了、深刻领会): PTC002 reports that 了 instead.
        after = p.word(nxt)[:1]
        opening = after in _OPENING or (
            after == '"' and document.text.count('"', p.span.start, p.start(nxt)) % 2 == 0
        )
        if p.word(nxt) != "、" and not opening and (p.is_boundary(nxt) or p.is_punct(nxt)) or p.word(nxt) in _AFTER:
            continue
        verb = i - 1
        if p.word(verb) in MODALS or p.is_punct(verb):
            continue  # 要了三个名额: 要 is the main verb
        modal = governor_before(p, verb, MODALS, lambda k: _adverbial(p, k))
        if modal is None or any(p.word(k) in _LATER for k in range(nxt, p.clause_end(nxt))):
            continue
        if any(p.word(k) in _EPISTEMIC for k in range(modal + 1, verb)):
            continue
        # 应该注意到了, 应该听过了: a guess about what has happened, not a directive.
        if p.word(modal) in ("应该", "应") and p.word(verb).endswith(("到", "过")):
            continue
        span = Span(m.start(), m.end())
        yield Violation(
            span,
            f"“{p.word(modal)}”后是要做的事，“{p.word(verb)}了”的“了”表示已完成，宜删去",
            fix=Fix.unsafe(Edit(span, ""), title="删去“了”"),
        )
