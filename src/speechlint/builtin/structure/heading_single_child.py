"""STR004 heading-single-child."""

from __future__ import annotations

from collections.abc import Iterator

from speechlint.document import Document
from speechlint.rule import NoOptions, Violation, rule

_LONG_DOCUMENT = 1000  # characters


@rule(code="STR004", name="heading-single-child", severity="info", options=NoOptions)
def heading_single_child(document: Document, options: NoOptions) -> Iterator[Violation]:
    """下一级只有一项：有“（一）”没有“（二）”。

    ## 它检查什么
    一个标题之下只分出一个下级标题（`一、` 下只有 `（一）`，`（二）` 下只有 `1.`）；
    千字以上的全文只有一个一级标题 `一、`（或条例只有 `第一章`）。附件说明、句中引用的序号不算。

    ## 为什么
    分层是为了并列展开，只有一项就不必再分一级：要么把这一项的内容并入上级，
    要么是漏写了后面的条目。

    ## 示例
    ```text
    一、提高认识
    （一）深化学习
    二、压实责任
    ```
    第 2 行提示：“一、”之下只有“（一）”一项。

    ## 修复安全性
    无自动修复。

    ## 选项
    无。

    ## 依据
    公文写作惯例：同一层级至少两项才分列；GB/T 9704-2012 7.3.3。
    """
    # Imported here: a run without this rule (--select PUN, a cached rerun) never loads the module.
    from speechlint.document.outline import CHAPTER, CN

    outline = document.outline
    children: dict[tuple[int, int | None], list[int]] = {}
    for h in outline.headings:
        children.setdefault((h.part, h.parent), []).append(h.index)
    for (_, parent), kids in children.items():
        if len(kids) != 1:
            continue
        child = outline.headings[kids[0]]
        if parent is None:
            # A lone 一、 matters in a long document; a short note may number its one point.
            if child.kind in (CN, CHAPTER) and len(document.text) >= _LONG_DOCUMENT:
                yield Violation(child.marker, f"全文只有一个一级标题“{child.marker_text}”，一项不必编号分列")
            continue
        p = outline.headings[parent]
        yield Violation(
            child.marker,
            f"“{p.marker_text}”之下只有“{child.marker_text}”一项，没有“{child.form(child.ordinal + 1)}”：一项不必再分一级",
        )
