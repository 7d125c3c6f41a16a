"""PLC004 own-name-inconsistent."""

from __future__ import annotations

from collections.abc import Iterator

from speechlint.document import Document
from speechlint.rule import NoOptions, Violation, rule


@rule(code="PLC004", name="own-name-inconsistent", severity="error", supersedes=("PLC003",), options=NoOptions)
def own_name_inconsistent(document: Document, options: NoOptions) -> Iterator[Violation]:
    """版头、标题、署名、印发机关写的不是同一个地方。

    ## 它检查什么
    版头（`交城县人民政府文件`）、标题中“关于”之前的发文机关（`中共交城县委关于……的通知`，讲话
    标题开头或“在”后的地名）、署名（`交城县人民政府`）和版记的印发机关（`交城县人民政府办公室
    2024年3月5日印发`）各自指向一个行政区划；它们不一致时，在后出现的那一处报错误。
    《》里引用的文件名（`关于转发《吕梁市……》的通知`）不算。

    ## 为什么
    改外地或上级的文件时，版头改了、落款忘了改（或反过来），是照抄最直接的证据，发出去就是事故。

    ## 示例
    ```text
    交城县人民政府关于做好春季防火工作的通知
    ……
    文水县人民政府
    2024年3月1日
    ```
    署名改为：
    ```text
    交城县人民政府
    2024年3月1日
    ```
    不报：标题与署名都是 `交城县人民政府`；联合行文 `中共交城县委办公室 交城县人民政府办公室`；
    `关于转发《吕梁市……》的通知`。

    ## 修复安全性
    无自动修复：哪一处是对的只有作者知道。

    ## 选项
    无。

    ## 依据
    《党政机关公文处理工作条例》第九条（版头、发文机关署名）；GB/T 9704—2012《党政机关公文格式》
    7.2、7.3.5；rule-catalog §7 PLC004。
    """
    places = document.places
    organs = places.organ_names
    if len(organs) < 2:
        return
    first = organs[0]
    first_name = document.text[first.span.start : first.span.end]
    for o in organs[1:]:
        if any(a.code == b.code for a in o.units for b in first.units):
            continue
        name = document.text[o.span.start : o.span.end]
        yield Violation(o.span, f"{o.part}的“{name}”与{first.part}的“{first_name}”不是同一单位")
