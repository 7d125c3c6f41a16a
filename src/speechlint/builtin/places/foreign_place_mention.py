"""PLC003 foreign-place-mention."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from speechlint.document import Document
from speechlint.fix import Span
from speechlint.rule import NoOptions, Violation, rule

if TYPE_CHECKING:
    from speechlint.gazetteer import Unit


@rule(code="PLC003", name="foreign-place-mention", severity="info", options=NoOptions)
def foreign_place_mention(document: Document, options: NoOptions) -> Iterator[Violation]:
    """正文出现本地辖区以外的地名，请核对。

    ## 它检查什么
    正文里的全称地名（“介休市”“湖南省安化县”）和带机构的简称（“文水县委”“峨边县政府”），
    既不是本地，也不是本地的上级或下辖单位。提示（info），不算错误。本地不明时不报。

    下列常见写法里出现外地地名是正常的，从不提示：`赴X考察`、`到X学习`、`学习借鉴X`、
    `与X合作`、`对口支援X`、`原X`、`X精神`、`X经验`、`X模式`、`X做法`、`X会议`、`在X召开`、
    `销往X`、外地的企业和院校（`深圳市康泰茶业有限公司`、`浙江省农业科学院`）、分句里说到协作帮扶
    （`宁波市鄞州区是我县东西部协作结对地区`）或来访（`杭州市的茶农专程来灵石传授技艺`），并列的几个地名
    同样（`赴四川省青川县和贵州省沿河县`、`与重庆市、泸州市等城市协作`）；函和复函的主送机关
    （`安吉县人民政府办公室：`）——函本来就发给不相隶属的外地机关；标题里以这类写法点明的地方
    （`关于赴浙江省安吉县考察学习的报告`），正文再提到它（`安吉县委、县政府坚持…`）也不提示。
    只写简称（“太原都市圈”“延安精神”）不提示：简称只在自指位置和机构名前才算地名（见 PLC002）；
    “和平”“比如”“城区”这类也是常用词的地名从不单独算数。

    ## 为什么
    照抄外地材料常常留下外地的单位、乡镇或文件（2017 年当阳市网站发布“灌阳县国土资源局多举措助推
    精准扶贫工作”；2018 年杭州一份文件按“丽水市财政局”的规定报销差旅费）。外地地名本身不一定错，
    所以只提示，请作者过目。

    ## 示例
    ```text
    差旅费按照介休市财政局有关规定执行。
    ```
    本地是灵石县时提示“介休市”。改为本地的依据：
    ```text
    差旅费按照灵石县财政局有关规定执行。
    ```
    不报：`赴介休市考察学习`、`与湖南省安化县开展交流合作`、`对口支援西藏比如县`、
    `比如，有的单位落实不到位`、交城县讲话里的 `吕梁市委`（上级）。

    ## 修复安全性
    无自动修复。

    ## 选项
    无。

    ## 依据
    rule-catalog §7.1（灌阳、丽水、平乐等事例）、§7.2 中性语境；DESIGN §7、§11（PLC003 为提示）。
    """
    places = document.places
    home = places.home
    if home is None:
        return
    addressee = _letter_addressee(document)
    subjects = _title_subjects(document)
    g = places.gazetteer
    for m in places.matches:
        if m.context == "slot" or m.neutral or places.allowed(m.units):
            continue
        if addressee is not None and addressee.start <= m.span.start < addressee.end:
            continue
        if any(g.related(u, s) for u in m.units for s in subjects):
            continue  # 关于赴浙江省安吉县考察学习的报告: the place the document is about
        name = document.text[m.span.start : m.span.end]
        where = "、".join(places.gazetteer.chain(u) for u in m.units)
        yield Violation(m.span, f"“{name}”（{where}）不在本地（{home.name}）辖区内，请核对是否照抄了外地材料")


def _letter_addressee(document: Document) -> Span | None:
    """The 主送 line of a 函 or 复函: a letter goes to an organ it has no authority over,
    often in another place."""
    meta = document.meta
    if meta.genre != "函" or meta.salutation is None or meta.salutation.kind != "organ":
        return None
    return meta.salutation.segment.span


def _title_subjects(document: Document) -> list[Unit]:
    """The places a title names in a neutral frame (关于赴浙江省安吉县考察学习…的报告,
    关于与安吉县开展结对合作的复函): the document is about them, so they come up again."""
    titles = document.meta.title
    return [
        u
        for m in document.places.matches
        if m.neutral and any(t.span.start <= m.span.start < t.span.end for t in titles)
        for u in m.units
    ]
