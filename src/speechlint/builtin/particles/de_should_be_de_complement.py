"""PTC005 de-should-be-de-complement."""

from __future__ import annotations

import re
from collections.abc import Iterator

from speechlint.builtin.particles._match import candidates, lone_token
from speechlint.document import Document
from speechlint.fix import Edit, Fix, Span
from speechlint.lazyre import lazy_re
from speechlint.rule import NoOptions, Violation, rule

_DEGREE = frozenset({
    "很", "非常", "十分", "比较", "更", "更加", "特别", "相当", "极其", "极为", "格外", "尤其", "尤为",
    "挺", "最", "太", "较", "越来越",
})
# After a degree word the adjective may be tagged v, d or l (出色/v, 有道理/l).
_ADJ_TAGS_AFTER_DEGREE = frozenset({"a", "ad", "an", "v", "d", "z", "i", "l"})
# Predicates of a thing, not of how it was done: 他做的很多, 他说的很对, 大家提的很重要 read as
# "what he did / said …" and stay.
_THING_PREDICATES = frozenset({
    "多", "少", "很多", "不少", "许多", "较多", "较少", "更多", "最多", "太多", "众多", "有限",
    "对", "不对", "正确", "错误", "错", "重要", "必要", "关键", "真实", "一样", "不同", "相同", "有用",
    "多余", "宝贵", "珍贵", "难得", "可贵", "有益", "好看", "多样", "特殊", "普遍", "明确",
    "踊跃",  # 发言的很踊跃: "those who spoke"
})
# Without a degree word only these adjectives count: they describe how something was done
# (做的好, 来的早); jieba also tags nouns a (取得的成效/a), so an open class would misfire.
_MANNER = frozenset({
    "好", "快", "慢", "早", "晚", "细", "实", "准", "稳", "透", "深", "不错", "出色", "扎实", "成功",
    "漂亮", "顺利", "及时", "到位", "彻底", "精彩", "圆满", "热烈", "生动", "透彻", "细致", "周到",
    "踏实", "仔细", "迅速", "稳妥", "认真", "马虎", "潦草", "草率", "匆忙", "吃力", "辛苦",
})
# Degree words jieba may fuse with a _MANNER adjective (很快, 太慢).  Not 最: 他做的最好 is as
# often "what he did is the best".
_MERGED_DEGREE = frozenset("很太挺更较")
_NEGATION = frozenset({"不", "不够", "不太", "不大"})
# After a negation only adjectives of how well a thing was done count: 落实的不到位, 做的不好.
# (他说的不对, 做的不多 say what was said or done: 对, 多 are not here.)
_NEGATED_MANNER = _MANNER | frozenset({
    "到位", "彻底", "深入", "全面", "充分", "有力", "严格", "规范", "理想", "牢固", "明显", "扎实",
})
#: Verbs jieba tags a (落实/a): with a degree word or negation after 的 they head a complement.
_VERBS_TAGGED_A = frozenset({"落实"})
# Not the verb of a complement: copulas, 有, and 所V的 (always a noun phrase).
_NOT_VERBS = frozenset({"是", "有", "在", "为", "像", "叫", "姓", "属于", "等于"})
_TAIL = frozenset({"了", "啊", "呀", "吧", "呢", "嘛"})
# The token after 的 is a degree word, a manner adjective, a degree word or 不 merged with a
# manner adjective, or a negation followed by a token that is a manner adjective: a 的 followed
# by none of these words, however the text is segmented, is never reported.  The candidates are
# the 的 before one of their first characters (the regex skips the others), kept when one of the
# words follows (a test of a few hundred prefixes, only there); their paragraphs need no tokens.
_WORDS_AFTER = tuple(
    _DEGREE
    | _MANNER
    | {d + w for d in _MERGED_DEGREE for w in _MANNER}
    | {n + w for n in _NEGATION for w in _NEGATED_MANNER}
)
_DE = lazy_re("的(?=[" + re.escape("".join(sorted({w[0] for w in _WORDS_AFTER}))) + "])")


@rule(code="PTC005", name="de-should-be-de-complement", severity="warning", fix="always", options=NoOptions)
def de_should_be_de_complement(document: Document, options: NoOptions) -> Iterator[Violation]:
    """动词和补语之间用了“的”，应为“得”。

    ## 它检查什么
    句末“动词 + 的 + （很、非常、十分……）+ 形容词”：`完成的很出色`、`这项工作做的很扎实。`、
    `会议开的非常成功。`、`他做的好。`、`产业发展的很快。`；以及否定的补语“动词 + 的 + 不 +
    （到位、彻底、好……）”：`落实的不到位`、`整改的不彻底`。

    ## 为什么
    补充说明动作结果、程度的补语前用“得”；“的”在这里是常见的录入差错。

    ## 示例
    ```text
    这次会议开的非常成功。
    ```
    改为：
    ```text
    这次会议开得非常成功。
    ```
    不报：`他做的事情很多。`、`这是他做的。`、`我们说的好办法要推广`、`他坐的士去开会。`、
    `他做的很多，说的很少。`（说的是“做的事”多少）、`他说的很对。`、`工作落实得好。`、
    `所做的很重要`。形容词不在分句末尾、或说的是事物本身（多、少、对、重要……）时不报。

    ## 修复安全性
    把“的”改为“得”需要作者确认（unsafe）：改法唯一，但“动词+的”也可能是省略了中心语的名词性结构。

    ## 选项
    无。

    ## 依据
    现代汉语语法：补语的标志是“得”；讲话稿、公文审校惯例。
    """
    text = document.text
    for m, p in candidates(document, _DE, keep=lambda m: text.startswith(_WORDS_AFTER, m.end())):
        i = lone_token(p, m.start(), "的")
        if i is None or i == 0:
            continue
        verb = i - 1
        adj = i + 1
        w = p.word(adj)
        # jieba merges some degree words with a short adjective (很快/d, 太慢/a, 不好/a): one token,
        # same frame.
        merged = w[:1] in _MERGED_DEGREE and w[1:] in _MANNER or w[:1] == "不" and w[1:] in _NEGATED_MANNER
        # 落实的不到位, 解决的不彻底: a negated manner adjective is a complement too.
        negated = w in _NEGATION and p.word(adj + 1) in _NEGATED_MANNER
        degree = merged or negated or w in _DEGREE
        # jieba tags many verbs vn (产业发展的很快: 发展/vn) and 落实 a; with a degree word and a
        # clause-final adjective after 的 they are verbs all the same.
        if p.pos(verb) not in (("v", "vn") if degree else ("v",)) and not (degree and p.word(verb) in _VERBS_TAGGED_A):
            continue
        if p.word(verb) in _NOT_VERBS or p.word(verb - 1) == "所":
            continue
        if degree and not merged:
            adj += 1
        w = p.word(adj)
        if not w or w in _THING_PREDICATES or p.is_punct(adj):
            continue
        if negated:
            pass  # the adjective was checked above
        elif degree and not merged:
            if p.pos(adj) not in _ADJ_TAGS_AFTER_DEGREE:
                continue
        elif not merged and w not in _MANNER:
            continue
        end = adj + 1
        if p.word(end) in _TAIL:
            end += 1
        # The complement ends the clause (a closing quote may stand before the mark).
        if not (p.is_boundary(end) or p.is_punct(end) and p.is_boundary(end + 1)):
            continue
        span = Span(m.start(), m.end())
        yield Violation(
            span,
            f"“{p.word(verb)}”后是补语“{''.join(map(p.word, range(i + 1, adj + 1)))}”，应用“得”",
            fix=Fix.unsafe(Edit(span, "得"), title="把“的”改为“得”"),
        )
