"""STR002 heading-marker-form."""

from __future__ import annotations

from collections.abc import Iterator

from speechlint.document import Document
from speechlint.fix import Edit, Fix
from speechlint.rule import NoOptions, Violation, rule


@rule(
    code="STR002",
    name="heading-marker-form",
    severity="warning",
    fix="always",
    supersedes=("PUN001",),
    options=NoOptions,
)
def heading_marker_form(document: Document, options: NoOptions) -> Iterator[Violation]:
    """层级序号后的标点用错。

    ## 它检查什么
    行首层级序号后面的标点：汉字序号后用顿号（`一.` `一．` `一，` `一:` → `一、`）；阿拉伯数字
    序号后用下脚点（`1、` `1，` `1．` → `1.`）；带括号的序号和圈码后不再加标点
    （`（一）、` `（一）.` `（1）、` `①、` → `（一）` `（1）` `①`）。全角、半角的错误写法都查。
    半角逗号、冒号等在序号后出现时由本规则报告，不再另报 PUN001。

    括号本身的全角半角、成对与否（`(一)`、`（3)`）归 PUN003 检查，本规则不报。
    不算序号的：`1.5亿元`、`3、4月份`、`2024年工作要点`、`一、二等奖`、句中的序号。

    ## 为什么
    序次语后的标点有明确规定，讲话稿、公文里却常见 `一.`、`1、`、`（一）、` 等混用，
    同一份稿子前后不一，印发前必须统一。

    ## 示例
    ```text
    一．总体要求
    （一）、工作目标
    1、加强培训
    ```
    改为：
    ```text
    一、总体要求
    （一）工作目标
    1.加强培训
    ```

    ## 修复安全性
    安全修复：只替换（或删去）行首序号后的那个标点，不动序号和正文。

    ## 选项
    无。

    ## 依据
    GB/T 15834-2011《标点符号用法》附录 B.3（序次语后的标点）；GB/T 9704-2012 7.3.3。
    """
    # Imported here: a run without this rule (--select PUN, a cached rerun) never loads the module.
    from speechlint.document.outline import ARABIC, CN

    for h in document.outline.headings:
        want = h.canonical_punct
        if h.kind not in (CN, ARABIC) and not h.punct:
            continue  # bracketed markers and circled numbers take no mark; brackets are PUN003's
        if h.punct == want:
            continue
        fixed = document.text[h.marker.start : h.punct_span.start] + want
        if h.kind == CN:
            reason = "汉字序号后用顿号"
        elif h.kind == ARABIC:
            reason = "阿拉伯数字序号后用下脚点“.”"
        else:
            reason = "带括号的序号和圈码后不加标点"
        title = f"改为“{fixed}”"
        yield Violation(
            h.marker,
            f"序号“{h.marker_text}”的标点不规范：{reason}，应为“{fixed}”",
            fix=Fix.safe(Edit(h.punct_span, want), title=title),
        )
