"""PLC002 foreign-place-in-self-slot."""

from __future__ import annotations

from collections.abc import Iterator

from speechlint.document import Document
from speechlint.rule import NoOptions, Violation, rule


@rule(code="PLC002", name="foreign-place-in-self-slot", severity="error", options=NoOptions)
def foreign_place_in_self_slot(document: Document, options: NoOptions) -> Iterator[Violation]:
    """指本地的位置上写了外地的地名（“平安漯河”出现在开封的讲话里）。

    ## 它检查什么
    自指位置（“平安X”“法治X”“美丽X”“幸福X”“和谐X”“文明X”“健康X”“数字X”“智慧X”“生态X”、
    “爱我X”“X特色”“在X县委的领导下”）上的地名，既不是本地，也不是本地的上级或下辖单位。
    本地用 `--home`、配置 `home` 或前言 `home:` 指定，否则从版头、标题、署名、自指位置和
    “我县”等称谓推断；不知道本地时不报。

    ## 为什么
    照抄外地材料最容易留下的就是外地地名：2009 年开封一位副市长的讲话里还写着“构建和谐平安漯河”，
    神木街头的横幅写着“爱我长沙”。这些位置说的是“我们这里”，写错就是照抄的铁证。

    ## 示例
    ```text
    为建设更高水平的平安文水作出新的更大贡献！
    ```
    本地是交城县时改为：
    ```text
    为建设更高水平的平安交城作出新的更大贡献！
    ```
    不报：`建设平安中国`、本地或上级的 `奋力建设法治吕梁`（交城县属吕梁市）、
    `赴文水县考察学习平安建设经验`、`江山就是人民`（不在自指位置）、`推动和平发展`（“和平”是常用词）、
    `打造生态新城`、`祝大家健康长寿`（这些位置上读作普通词的地名）。“平江”“长沙”这类常见地名照样算：
    湘阴县的通知里的`守护平安平江`要报。

    ## 修复安全性
    无自动修复：该写哪个地名只有作者知道。

    ## 选项
    无。

    ## 依据
    《党政机关公文处理工作条例》第十九条；rule-catalog §7.1（平安漯河、爱我长沙等事例）、§7.2 自指位置。
    """
    places = document.places
    home = places.home
    if home is None:
        return
    for m in places.matches:
        if m.context != "slot" or m.neutral or places.allowed(m.units):
            continue
        name = document.text[m.span.start : m.span.end]
        where = "、".join(places.gazetteer.chain(u) for u in m.units)
        yield Violation(m.span, f"“{m.slot}”中的“{name}”（{where}）不是本地（{home.name}）：是否照抄了外地材料？")
