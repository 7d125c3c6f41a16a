"""ENU002 inline-enum-orphan."""

from __future__ import annotations

from collections.abc import Iterator

from speechlint.document import Document
from speechlint.rule import NoOptions, Violation, rule

# 首先， / 首先： opens a list; 首先要…, 首先是… says “first of all” and needs no 其次.
_OPENER_MARKS = ("，", ",", "：", ":")


@rule(code="ENU002", name="inline-enum-orphan", severity="info", options=NoOptions)
def inline_enum_orphan(document: Document, options: NoOptions) -> Iterator[Violation]:
    """有“一是”没有“二是”：只有一项的序列。

    ## 它检查什么
    `一是`、`一要`、`第一，`、`其一，`、`首先`、`一方面` 之后，本段和接着以序号开头的段落里
    都没有下一项（`二是`、`第二，`、`其次`、`另一方面`）。遇到新的层级标题，序列结束。

    不报：礼节性的“首先”（`首先，我代表县委向大家表示感谢`：其后四字内有 代表、感谢、
    祝贺、欢迎、向）；主持词的“首先，请…”（后面的议程用“下面”引出）；不带逗号的“首先要…”
    “首先是…”（`做好这项工作，首先要提高认识`：是“最要紧的是”，不等着“其次”）；
    `这是全县第一次召开此类会议`、`第一书记`、`这一方面`、`加强监管是一方面`。

    ## 为什么
    只有“一是”没有“二是”，多半是改稿时删掉了后面的条目，或者本不该编号。

    ## 示例
    ```text
    一是要提高思想认识，切实增强责任感。
    ```
    提示“一是”：没有“二是”。

    ## 修复安全性
    无自动修复。

    ## 选项
    无。

    ## 依据
    讲话稿、公文写作惯例。
    """
    for series in document.outline.series:
        if len(series.items) != 1:
            continue
        item = series.first
        if item.ordinal != 1:
            continue
        if item.text == "首先" and document.prose[item.span.end : item.span.end + 1] not in _OPENER_MARKS:
            continue  # 做好这项工作，首先要提高认识: “first of all”, not an opener waiting for 其次
        yield Violation(item.span, f"只有“{item.text}”，没有“{item.form(2)}”：只有一项不必编号，或漏写了后面的条目")
