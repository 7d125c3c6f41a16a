"""PTC002 le-before-dunhao."""

from __future__ import annotations

from collections.abc import Iterator

from speechlint.builtin.particles._match import candidates, lone_token
from speechlint.document import Document
from speechlint.fix import Edit, Fix, Span
from speechlint.lazyre import lazy_regex
from speechlint.rule import NoOptions, Violation, rule

# 了 right before a 、 (there is no half-width 顿号); V不了、 and V得了、 read liǎo and stay.
_LE_DUNHAO = lazy_regex(r"(?<=\p{Han})(?<![不得])了(?=、)")
# The end of the series: the next clause mark other than 、.
_SERIES_END = lazy_regex(r"[，。；：！？,;:!?]")


@rule(
    code="PTC002",
    name="le-before-dunhao",
    severity="warning",
    fix="always",
    supersedes=("PTC001",),
    options=NoOptions,
)
def le_before_dunhao(document: Document, options: NoOptions) -> Iterator[Violation]:
    """并列的动词之间出现“了、”。

    ## 它检查什么
    顿号前紧挨着的动态助词“了”：`认真学习了、深刻领会了文件精神`。
    并列的几个动词共用一个“了”，它只能放在最后一个动词后面。

    ## 为什么
    “学习了、领会了”把一个并列结构拆成几个完成体，读来拖沓，多是改稿时增删并列项留下的。
    同一个“了”若在情态词后（`要认真学习了、深刻领会`），本条代替 PTC001 报告，一处问题只报一次。

    ## 示例
    ```text
    我们认真学习了、深刻领会了文件精神。
    ```
    改为：
    ```text
    我们认真学习、深刻领会了文件精神。
    ```
    不报：`解决不了、解决不好的问题`（“不了”读 liǎo）、`确保管得了、管得好`、
    `路宽了、水清了、村子美了`（每一项都以“了”结束，是几个完整的小句）、
    `我们认真学习、深刻领会了文件精神`、`要了解、掌握基层情况`（“了解”是一个词）、`为了、除了`。

    ## 修复安全性
    “了”前是双音节动词（学习了、传达了）时，删去“了”是安全修复：并列项的完成义由最后一个动词后的
    “了”或上下文承担，意思不变。“了”前是单音节动词（说了、做了）时，删去需要确认（unsafe）。

    ## 选项
    无。

    ## 依据
    现代汉语语法：并列谓语共用的动态助词置于最后一项之后；GB/T 15834-2011 4.5（顿号用于句内并列词语之间）。
    """
    for m, p in candidates(document, _LE_DUNHAO):
        i = lone_token(p, m.start(), "了")
        if i is None or i == 0 or p.is_punct(i - 1):
            continue  # 为了、罢了、受不了、: the 了 belongs to a word
        # 路宽了、水清了、村子美了，… : when the last item ends in 了 too, each item is a
        # complete small clause with its own 了, not verbs sharing one object.
        end = _SERIES_END.search(document.text, m.end(), p.span.end)
        if document.text[(end.start() if end else p.span.end) - 1] == "了":
            continue
        span = Span(m.start(), m.end())
        edit = Edit(span, "")
        verb = p.word(i - 1)
        fix = (
            Fix.safe(edit, title="删去“了”")
            if len(verb) >= 2
            else Fix.unsafe(edit, title="删去“了”")
        )
        yield Violation(span, f"并列动词之间不用“了、”：删去“{verb}”后的“了”，只在最后一个动词后用“了”", fix=fix)
