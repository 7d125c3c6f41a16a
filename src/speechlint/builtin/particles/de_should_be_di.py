"""PTC004 de-should-be-di."""

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

_DE = lazy_re("的")
# Words that open a directive besides the modals: 会议要求各地…, 请各单位….  需要 and its kin
# also take a noun object (需要有效的沟通机制), so they do not count here.
_DIRECTIVES = (MODALS - {"需要", "需", "必需", "亟需", "亟须"}) | {"要求", "请", "希望", "号召", "督促"}
# Tags of a word that can modify a verb adverbially (扎实/a, 认真/ad, 积极稳妥/l …).
_ADVERBIAL_TAGS = frozenset({"a", "ad", "z", "d", "i", "l"})
# Policy verbs jieba tags a or folds into a longer token (落实/a, 推进改革/l).
_POLICY_VERBS = (
    "落实", "推进", "贯彻", "开展", "抓好", "做好", "加强", "推动", "完善", "学习", "执行",
    "解决", "部署", "实施", "整改", "排查",
)
# Tags under which jieba hides those verbs, alone or with their object (推进改革/l).
_HIDDEN_VERB_TAGS = frozenset({"a", "ad", "l", "i", "z"})
# After the verb, these make it a noun: 在…扎实的推进下, 认真的学习中.
_FRAME = frozenset({"下", "中", "时", "后", "之下", "之中", "过程", "过程中", "以来", "的", "和", "与", "及", "、"})
# Adverbs and addressees that may stand between 要求/请 and the modifier: 会议要求各地认真的开展….
_BETWEEN_TAGS = frozenset({"d", "ad", "r"})
# Without one of _DIRECTIVES earlier in its clause, a 的 is never reported: such paragraphs need no tokens.
# The modifier between is a word of two characters at least: the directive ends that far before the 的.
_ANY_DIRECTIVE = clause_words(_DIRECTIVES)
_MODIFIER_LENGTH = 2


def _policy_verb(w: str) -> str | None:
    return next((v for v in _POLICY_VERBS if w.startswith(v)), None)


def _is_verb(p: Paragraph, i: int) -> bool:
    pos = p.pos(i)
    return pos == "v" or (pos in _HIDDEN_VERB_TAGS and _policy_verb(p.word(i)) is not None)


@rule(code="PTC004", name="de-should-be-di", severity="warning", fix="always", options=NoOptions)
def de_should_be_di(document: Document, options: NoOptions) -> Iterator[Violation]:
    """状语和动词之间用了“的”，应为“地”。

    ## 它检查什么
    要求句中“要、必须、务必、要求……”之后，形容词或状语性词语与动词之间的“的”：
    `要扎实的推进各项工作`、`我们要认真的学习文件`、`必须积极稳妥的推进改革`。

    ## 为什么
    修饰动词的状语后用“地”，修饰名词的定语后用“的”（《现代汉语词典》“的、地、得”的分工；
    公文、讲话稿校对的常见差错）。

    ## 示例
    ```text
    要扎实的推进各项工作。
    ```
    改为：
    ```text
    要扎实地推进各项工作。
    ```
    不报：`在各部门扎实的推进下`（“推进”在“在……下”里作名词）、`经过认真的学习，大家提高了认识`、
    `要进行深入的研究`、`这是认真的态度`、`取得了扎实的成效`、`要给予积极的支持`、`要保持良好的学习习惯`、
    `要加强地方立法`。只在情态词或“要求、请”之后、且中间只有状语或主语代词时才报，
    宁可漏报，不误报名词性的“的”字结构。

    ## 修复安全性
    把“的”改为“地”需要作者确认（unsafe）：改法唯一，但“的”后面的词也可能是名词，只有作者能确定。

    ## 选项
    无。

    ## 依据
    现代汉语语法：状语的标志是“地”，定语的标志是“的”；讲话稿、公文审校惯例。
    """
    for m, p in candidates(document, _DE, keep=in_clause(document, _ANY_DIRECTIVE, _MODIFIER_LENGTH)):
        i = lone_token(p, m.start(), "的")
        if i is None or i == 0:
            continue
        mod, verb = i - 1, i + 1
        w = p.word(mod)
        if len(w) < _MODIFIER_LENGTH or not (p.pos(mod) in _ADVERBIAL_TAGS or w in ADVERBIALS):
            continue
        if not _is_verb(p, verb):
            continue
        # The verb must govern something (推进改革/l holds its object): 推进下, 学习中 and a
        # verb ending the clause read as nouns.
        after = verb + 1
        holds_object = len(p.word(verb)) > len(_policy_verb(p.word(verb)) or p.word(verb))
        if not holds_object and (p.is_boundary(after) or p.is_punct(after) or p.word(after) in _FRAME):
            continue
        if governor_before(p, mod, _DIRECTIVES, lambda k: p.pos(k) in _BETWEEN_TAGS or p.word(k) in ADVERBIALS) is None:
            continue
        span = Span(m.start(), m.end())
        yield Violation(
            span,
            f"“{w}”修饰动词“{p.word(verb)}”，其后应用“地”",
            fix=Fix.unsafe(Edit(span, "地"), title="把“的”改为“地”"),
        )
