"""ENU001 inline-enum-sequence."""

from __future__ import annotations

from collections.abc import Iterator

from speechlint.document import Document
from speechlint.fix import Edit, Fix
from speechlint.rule import NoOptions, Violation, rule


@rule(code="ENU001", name="inline-enum-sequence", severity="warning", fix="sometimes", options=NoOptions)
def inline_enum_sequence(document: Document, options: NoOptions) -> Iterator[Violation]:
    """段内序列不连续、重复、混用或颠倒。

    ## 它检查什么
    段落里的序列 `一是…二是…三是`（`一要…二要`、`一来…二来`）、`第一，…第二，`、`其一，…其二，`、
    `首先…其次…再次…最后`：
    - 跳号：`一是…二是…四是`；
    - 重号或倒序：`第一，…第二，…第二，`；
    - 混用：`一是…第二…`（同一序列换了写法）；
    - 颠倒：`其次…首先…`。
    一个序列可以跨段：后面的段落以下一个序号开头（`第二，…` 另起一段）时接着计数；
    遇到新的层级标题，序列结束。逗号、冒号全角半角都认。

    不算序号的：`思想统一是行动的前提`、`唯一是`（前面不是标点）、`第一书记`、`第一时间`、
    `第一责任人`、`第一季度`（`第一` 后没有逗号）、`一是一，二是二`、`一来二去`、`三要素`。

    ## 为什么
    讲话稿段内列举最常见的毛病就是改稿后序号没跟着改：删了“三是”，“四是”还留着；
    或者前面写“一是”，后面写成“第二”。念出来听众会跟丢。

    ## 示例
    ```text
    一是提高站位，二是压实责任，四是强化保障。
    ```
    报告“四是”：“二是”之后应为“三是”。

    ## 修复安全性
    跳号、重号、混用给出需人工确认的建议（改为应有的序号），不自动修改：
    可能是漏写了一条，而不是序号写错。

    ## 选项
    无。

    ## 依据
    讲话稿、公文写作惯例；GB/T 15834-2011 附录 B.3（序次语）。
    """
    # Imported here: a run without this rule (--select PUN, a cached rerun) never loads the module.
    from speechlint.document.outline import FANGMIAN, SEQ

    for series in document.outline.series:
        for k, item in enumerate(series.items):
            if item.issue is None or k == 0:
                continue
            prev = series.items[k - 1]
            assert item.expected is not None
            want = prev.form(item.expected) if series.style not in (SEQ, FANGMIAN) else item.form(item.expected)
            if item.issue == "gap":
                message = f"序列不连续：“{prev.text}”之后应为“{want}”，这里是“{item.text}”"
            elif item.issue == "repeat" and want == item.text:
                message = f"序列重复：“{prev.text}”之后又是“{item.text}”"  # 另一方面 twice
            elif item.issue == "repeat":
                message = f"序列重复或倒序：“{prev.text}”之后应为“{want}”，这里是“{item.text}”"
            elif item.issue == "order":
                message = f"序列颠倒：“{item.text}”出现在“{prev.text}”之后"
            else:
                message = f"序列写法混用：前面用“{series.first.text}”，这里用“{item.text}”，应为“{want}”"
            fix = None
            if item.issue != "order" and series.style not in (SEQ, FANGMIAN):
                fix = Fix.display_only(Edit(item.span, want), title=f"改为“{want}”")
            yield Violation(item.span, message, fix=fix)
