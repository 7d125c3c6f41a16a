"""TRM001 canonical-formulation."""

from __future__ import annotations

from collections.abc import Iterator

from speechlint.document import Document
from speechlint.fix import Fix
from speechlint.resources import Resources
from speechlint.rule import NoOptions, Violation, rule


@rule(
    code="TRM001",
    name="canonical-formulation",
    severity="error",
    fix="always",
    options=NoOptions,
)
def canonical_formulation(document: Document, options: NoOptions) -> Iterator[Violation]:
    """规范提法写错了。

    ## 它检查什么
    格式化的政治提法写成了已知的错误形式：字数增减、词序颠倒、同音字（`习近平新时代社会主义思想`、
    `以习近平总书记为核心的党中央`、`国家总体安全观`、`“五位一体”战略布局`、`人民当家做主`）。
    提法及其错误形式列在 `data/formulations.toml`，每条注明出处和日期（见 docs/formulations.md）；
    所有错误形式在一遍扫描中找出。

    ## 为什么
    规范提法一字不能差。讲话稿引用中央提法写错，是审稿最不能放过的政治性差错。

    ## 示例
    ```text
    深入学习贯彻习近平新时代社会主义思想。
    ```
    改为：
    ```text
    深入学习贯彻习近平新时代中国特色社会主义思想。
    ```
    不报：规范写法本身；规范短称“新时代中国特色社会主义思想”；习近平法治思想、习近平经济思想等
    其他规范名称；包含在更长的规范提法之内的字串。引号写法不同（“”、""、不加引号）都能认出。

    ## 修复安全性
    给出改为规范提法的修复，只改不同的那几个字，引号保持原样；需确认（unsafe）：引用原文或
    讲历史沿革时（“以习近平同志为总书记的党中央”）旧的写法可能是有意的。

    ## 选项
    无。

    ## 依据
    各条目所列的中央文件、党章和重要讲话（见 `data/formulations.toml` 的 `source` 与 `as-of`）；
    中央和国家机关公文审核中对规范表述的要求。
    """
    resources = document.resources or Resources()  # a Document built by hand has none
    text = document.prose
    for hit in resources.formulations.find_variants(text):
        f = hit.formulation
        found = text[hit.span.start : hit.span.end]
        note = f"（{f.note}）" if f.note else ""
        fix = Fix.unsafe(hit.edit, title=f"改为{_cite(f.canonical)}")
        yield Violation(hit.span, f"规范提法是{_cite(f.canonical)}，不是{_cite(found)}{note}", fix=fix)


def _cite(wording: str) -> str:
    """Quote a wording, unless it already starts with a quotation mark (“五位一体”总体布局)."""
    return wording if wording[:1] in "“\"" else f"“{wording}”"
