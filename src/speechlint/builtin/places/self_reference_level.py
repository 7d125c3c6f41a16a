"""PLC001 self-reference-level."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from speechlint.document import Document
from speechlint.fix import Edit, Fix, Span
from speechlint.rule import NoOptions, Severity, Violation, rule


@rule(code="PLC001", name="self-reference-level", severity="error", fix="sometimes", options=NoOptions)
def self_reference_level(document: Document, options: NoOptions) -> Iterator[Violation]:
    """“我市”“全市”与本地的层级不符。

    ## 它检查什么
    本地（`--home`、配置 `home`、Markdown 前言 `home:`，否则从版头、标题、署名和“平安灵石”一类自指
    位置推断）是县，正文却说“我市”“我区”：报错误，给出改为“我县”的修复建议。“全市”“全区”这类
    “全X”只在它不是本地或上级的层级时（县里的讲话说“全区”）、或以“全市上下要……”号召全体时提示（info）：
    县里讲“在全市排名第一”“全省上下”说的是上级，正常。“在区委的坚强领导下”这样的自指位置上，
    不带地名的“X委”既不是本地也不是上级的层级时（县里的讲话说“区委”）报警告；县里讲
    “在市委的坚强领导下”说的是上级，正常。

    “我省”（自治区里的“我区”）指本省，县、市的讲话也常说，不报。

    不知道本地时，只比较“我X”：同一篇里既有“我县”又有“我市”，少数的一方报错误。

    ## 为什么
    照抄上级讲话只把“我市”改成“我县”、改漏一处，是讲话稿最难堪的事故之一（2014 年某县委书记
    讲话稿九成抄自市委书记讲话，“我市”改成“我县”，后作检讨）。层级错了，听众一耳朵就能听出来。

    ## 示例
    ```text
    我市各级党组织要迅速行动起来。
    ```
    本地是交城县时改为：
    ```text
    我县各级党组织要迅速行动起来。
    ```
    不报：`这一点我省略不讲了`、`要敢于自我革命`、`我市长期以来`（本地是市）、县里讲话中的
    `我省首个`、
    `全市排名第一`、`省委、市委安排部署`、`市委巡察组进驻我县`、引号里的直接引语
    （`市委书记强调：“我市要……，全市上下要……。”`：说话的是市里）。

    ## 修复安全性
    知道本地时给出不安全修复（`--unsafe-fixes` 才应用）：把“我市”改为本地的“我县”，请作者确认。
    不知道本地时只给出建议（按全文多数的说法），不自动应用。“全X”和“X委”不给修复：可能本来就指上级。

    ## 选项
    无。本地用 `--home` 或配置 `home = "交城县"`（也可以是 6 位区划代码）指定。

    ## 依据
    《党政机关公文处理工作条例》第十九条（文稿审核：内容是否符合本机关职权与实际）；
    rule-catalog §7.1（抄袭讲稿事例）、§7.2 自指称谓表。
    """
    places = document.places
    home = places.home
    refs = places.self_references
    if home is not None and len(home.self_char) == 1:
        own = home.self_char
        ancestors = places.gazetteer.ancestors(home)
        above = {u.self_char for u in ancestors}
        # 我省 (我区 in an autonomous region) names the province: a county says it too.
        province = {u.self_char for u in ancestors if u.level == "province"}
        for r in refs:
            if r.char == own or (r.kind == "我" and r.char in province):
                continue
            written = document.text[r.span.start : r.span.end]
            if r.kind == "我":
                fix = Fix.unsafe(Edit(Span(r.span.end - 1, r.span.end), own), title=f"改为“我{own}”")
                yield Violation(r.span, f"“{written}”与本地（{home.name}）的层级不符，应为“我{own}”", fix)
            elif r.kind == "全" and (r.char not in above or r.call):
                yield Violation(
                    r.span,
                    f"“{written}”与本地（{home.name}）的层级不符：号召本地全体时应为“全{own}”",
                    severity=Severity.INFO,
                )
            elif r.kind == "委" and r.char not in above:
                yield Violation(
                    r.span,
                    f"自指位置上的“{written}”与本地（{home.name}）的层级不符，应为“{own}委”",
                    severity=Severity.WARNING,
                )
        return
    # No home: only 我X forms that disagree with each other.
    wo = [r for r in refs if r.kind == "我" and r.char != "省"]  # 我省 is above every other 我X
    counts = Counter(r.char for r in wo)
    if len(counts) < 2:
        return
    order = {r.char: i for i, r in reversed(list(enumerate(wo)))}
    major = max(counts, key=lambda c: (counts[c], -order[c]))
    for r in wo:
        if r.char != major:
            written = document.text[r.span.start : r.span.end]
            fix = Fix.display_only(Edit(Span(r.span.end - 1, r.span.end), major), title=f"改为“我{major}”？")
            yield Violation(r.span, f"“{written}”与全文的“我{major}”不一致：本地是{major}还是{r.char}？", fix)
