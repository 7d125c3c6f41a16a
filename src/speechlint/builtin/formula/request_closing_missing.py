"""GEN002 request-closing-missing."""

from __future__ import annotations

from collections.abc import Iterator

from speechlint.document import Document
from speechlint.fix import Edit, Fix, Span
from speechlint.rule import NoOptions, Violation, rule


@rule(
    code="GEN002",
    name="request-closing-missing",
    severity="warning",
    fix="sometimes",
    options=NoOptions,
)
def request_closing_missing(document: Document, options: NoOptions) -> Iterator[Violation]:
    """请示缺少请求性结语。

    ## 它检查什么
    请示的最后两段正文（附件说明、署名、日期、联系人之前）里没有任何请求性结语：
    “妥否，请批示。”“当否，请批复。”“以上请示，请予审批。”“特此请示，请予批准。”
    “以上请示如无不妥，请批转……执行。”等都算（文种表中请示的 `closings`）。
    文种表中其他标为 `closing-required` 的公文文种同样检查。

    ## 为什么
    请示是请求批准的上行文，必须明确提出请求事项并以请求性结语收尾（《党政机关公文处理
    工作条例》第十五条）；以“以上。”“特此说明。”或一段项目介绍结尾，上级不知道要批什么。

    ## 示例
    ```text
    关于购置执法车辆的请示
    市财政局：
    我局现有执法车辆老化严重，拟购置执法车辆两辆，所需资金六十万元。
    ```
    补上：
    ```text
    妥否，请批示。
    ```
    不报：`妥否，请批示。`、`当否，请批复。`、`特此请示，请予批准。`、`以上请示，请予审批。`。
    请示以“特此报告。”结尾时只报 GEN001（它取代本条）。

    ## 修复安全性
    只给建议（display-only）：在正文末另起一段写“妥否，请批示。”，措辞由作者选定。

    ## 选项
    无。

    ## 依据
    《党政机关公文处理工作条例》第八条、第十五条。
    """
    # Imported here: a run without this rule (--select PUN, a cached rerun) never loads the module.
    from speechlint.document.genres import has_closing, last_sentence

    meta = document.meta
    spec, closing = meta.spec, meta.closing
    if spec is None or closing is None or spec.family != "official" or not spec.closing_required:
        return
    if has_closing(spec, meta.ending):
        return
    span = last_sentence(closing)
    fix = None
    if spec.suggest:
        end = Span(closing.span.end, closing.span.end)
        newline = "\r\n" if "\r\n" in document.text else "\n"
        fix = Fix.display_only(Edit(end, newline + spec.suggest), title=f"另起一段写“{spec.suggest}”")
    yield Violation(span, spec.closing_message, fix=fix)
