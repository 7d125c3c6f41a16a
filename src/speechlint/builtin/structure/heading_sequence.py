"""STR001 heading-sequence."""

from __future__ import annotations

from collections.abc import Iterator

from speechlint.document import Document
from speechlint.fix import Edit, Fix
from speechlint.rule import NoOptions, Violation, rule


@rule(code="STR001", name="heading-sequence", severity="error", fix="always", options=NoOptions)
def heading_sequence(document: Document, options: NoOptions) -> Iterator[Violation]:
    """层级序号不连续、重复或不从一开始。

    ## 它检查什么
    行首序号（`一、` `（一）` `1.` `（1）` `①`，以及条例中的 `第X章` `第X节` `第X条`）在同一上级之下
    必须从一开始、逐一递增：不能跳号（`一、` `二、` `四、`），不能重号（`1.` `1.`），
    第一个不能是 `二、`。每个上级之下重新编号：`一、` 下的 `（一）（二）` 与 `二、` 下的
    `（一）（二）` 各自成列；`第X条` 全文连续编号。半角写法（`一.`、`(一)`、`1、`）按同一层级计数。

    不算层级序号的：句中引用的序号（`文件第三部分“（三）强化保障”提出…`）、附件说明
    （`附件：1.…` 及其后各行）、Word 自动编号的段落。冒号引出的新一组 `1.` `2.`
    （`主要措施：` 之后重新从 1. 开始）是新的列表，不算重号。

    ## 为什么
    讲话稿、公文改稿时增删段落，最容易留下跳号、重号；印发后序号错乱，既影响阅读，
    也让“第三部分”之类的引用对不上号。

    ## 示例
    ```text
    一、统一思想
    二、明确任务
    四、强化保障
    ```
    第 3 行报告：“二、”之后应为“三、”。

    ## 修复安全性
    只给出需人工确认的建议（改为应有的序号），不自动修改：重新编号可能牵动正文中
    “本通知第三部分”之类的交叉引用，也可能是中间漏写了一整部分。

    ## 选项
    无。

    ## 依据
    GB/T 9704-2012《党政机关公文格式》7.3.3（结构层次序数依次用“一、”“（一）”“1.”“（1）”）；
    《立法技术规范》（章、节、条、款、项、目）。
    """
    outline = document.outline
    for group in outline.groups():
        prev = None
        for h in group:
            expected = 1 if prev is None else prev.ordinal + 1
            if h.ordinal != expected:
                want = h.form(expected)
                if prev is None:
                    message = f"同级第一个序号应为“{want}”，这里是“{h.marker_text}”"
                elif h.ordinal > expected:
                    message = f"序号不连续：“{prev.form()}”之后应为“{want}”，这里是“{h.marker_text}”"
                else:
                    message = f"序号重复或倒序：“{prev.form()}”之后应为“{want}”，这里是“{h.marker_text}”"
                fix = Fix.display_only(Edit(h.numeral, h.numeral_for(expected)), title=f"改为“{want}”")
                yield Violation(h.marker, message, fix=fix)
            prev = h
