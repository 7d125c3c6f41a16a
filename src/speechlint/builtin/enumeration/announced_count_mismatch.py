"""ENU003 announced-count-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from speechlint.document import Document
from speechlint.rule import NoOptions, Violation, rule

_TARGET = {"series": "段内列举", "paragraphs": "其后各段", "headings": "其后的标题"}


@rule(code="ENU003", name="announced-count-mismatch", severity="error", options=NoOptions)
def announced_count_mismatch(document: Document, options: NoOptions) -> Iterator[Violation]:
    """宣布的条数与实际列出的不符。

    ## 它检查什么
    `讲三点意见`、`从两个方面`、`明确了四项重点任务`、`提出以下5点要求` 这类预告的数目，
    与紧接着列出的条数比较：
    1. 同一段里紧随其后的序列（`要从两个方面抓好落实：一是…二是…三是…`）；
    2. 否则，预告在段末时，下一段起以 `一是`/`第一，`/`首先` 开头的各段；
    3. 否则，下一级标题：前言里的预告数一级标题 `一、`，`二、` 之下的预告数它的 `（一）`。
    只有找到至少两项、且数目不同时才报告；`以下几点`、`讲几点意见` 只要求至少两项。

    不报：钟点（`下午三点召开`、`3点半`、`三点钟`）；引号、书名号里的数字提法
    （`增强“四个意识”`）；固定提法（提法数据中的数字提法，如 `四项基本原则`，以及 `八项规定`）；后面没有列举的
    预告（`会议审议通过了三个文件`）。

    ## 为什么
    “下面我讲三点意见”却讲了四点，是讲话稿里最容易被听众发现的硬伤，
    多半是改稿时增删了一部分而开头没跟着改。

    ## 示例
    ```text
    下面，我讲三点意见。
    一、提高认识
    二、压实责任
    三、强化督导
    四、严明纪律
    ```
    报告“三点”：其后的标题列了四点。

    ## 修复安全性
    无自动修复：该改预告的数目，还是删并条目，只有作者能定。

    ## 选项
    无。

    ## 依据
    讲话稿、公文写作惯例（总分结构中的总述与分述一致）。
    """
    # Imported here: a run without this rule (--select PUN, a cached rerun) never loads the module.
    from speechlint.document.outline import int_to_cn

    for ann in document.outline.announcements:
        if ann.count is None or ann.found is None or ann.found < 2 or ann.found == ann.count:
            continue
        unit = ann.text.lstrip("0123456789两二三四五六七八九十")
        found = "两" if ann.found == 2 else int_to_cn(ann.found) if ann.found <= 99 else str(ann.found)
        where = _TARGET.get(ann.target or "", "其后")
        assert ann.target_span is not None
        line = document.lines.line_of(ann.target_span.start)
        yield Violation(ann.span, f"前面说“{ann.text}”，{where}（第{line}行起）实际列了{found}{unit}")
