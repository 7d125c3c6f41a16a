"""PTC003 doubled-particle."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from speechlint.builtin.particles._match import in_paragraphs
from speechlint.document import Document
from speechlint.fix import Edit, Fix, Span
from speechlint.lazyre import lazy_re, matches_at, starts_of
from speechlint.rule import NoOptions, Violation, rule

_DOUBLE = lazy_re(r"([的了地得])\1")
# Where _DOUBLE matches, one pattern a particle: each is a literal, which re skips to (the class
# opening _DOUBLE is tested at every position, several times slower).
_DOUBLE_AT = tuple(lazy_re(c + c) for c in "的了地得")


def _doubles(text: str) -> Iterator[Any]:
    """``_DOUBLE.finditer(text)``."""
    return matches_at(_DOUBLE, text, starts_of(text, _DOUBLE_AT))


@rule(code="PTC003", name="doubled-particle", severity="error", fix="always", options=NoOptions)
def doubled_particle(document: Document, options: NoOptions) -> Iterator[Violation]:
    """结构助词、动态助词重复：的的、了了、地地、得得。

    ## 它检查什么
    两个相同的“的、了、地、得”连在一起，而它们不属于同一个词，也不是一个词的末字加下一个词的首字：
    `党的的全面领导`、`已经完成了了全年任务`、`认真地地推进`。

    ## 为什么
    重复的助词是打字或拼接句子时留下的，念出来就是口误，印出来就是差错。

    ## 示例
    ```text
    要坚持党的的全面领导。
    ```
    改为：
    ```text
    要坚持党的全面领导。
    ```
    不报：`的的确确`、`不了了之`、`小时了了`（一个词之内）、`有的的确很好`、`目的的确定`
    （前一个字是“有的、目的”的末字，后一个字是“的确、确定”的首字）、`为了了解`、`除了了解`、
    `受不了了`、`当地地方政府`、`搞得得心应手`。

    ## 修复安全性
    删去重复的一个字是安全修复：上述守卫排除了词内和词界上的合法叠字后，两个相同助词连用没有别的读法。

    ## 选项
    无。

    ## 依据
    《党政机关公文处理工作条例》第十九条（文稿审核：文字表述规范）；现代汉语助词用法。
    """
    for m, p in in_paragraphs(document, _doubles(document.text)):
        char = m.group(1)
        i, j = p.index_at(m.start()), p.index_at(m.start() + 1)
        if i == j:
            if len(p.word(i)) > 2:
                continue  # 的的确确, 不了了之, 小时了了: one word
        else:
            # 目的|的确, 受不了|了, 当地|地方: a word ends or starts here.  Merges like
            # 悄悄地 / 低低的 (tag z) end in the particle itself and do not protect it.
            if len(p.word(i)) > 1 and p.end(i) == m.start() + 1 and p.pos(i) != "z":
                continue
            if len(p.word(j)) > 1 and p.start(j) == m.start() + 1:
                continue
        span = Span(m.start(), m.end())
        yield Violation(
            span,
            f"“{char}{char}”重复，删去一个“{char}”",
            fix=Fix.safe(Edit(Span(m.start() + 1, m.end()), ""), title=f"删去重复的“{char}”"),
        )
