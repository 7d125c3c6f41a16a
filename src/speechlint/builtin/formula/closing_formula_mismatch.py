"""GEN001 closing-formula-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from speechlint.document import Document
from speechlint.fix import Edit, Fix
from speechlint.rule import NoOptions, Violation, rule

_TRAILING_MARKS = "。．.！!？?，,；;：:、 \t　"


@rule(
    code="GEN001",
    name="closing-formula-mismatch",
    severity="error",
    fix="sometimes",
    supersedes=("GEN002", "GEN007"),
    options=NoOptions,
)
def closing_formula_mismatch(document: Document, options: NoOptions) -> Iterator[Violation]:
    """结束语与文种不符。

    ## 它检查什么
    正文最后一段（附件说明、署名、日期之前）末尾的结束语，是否是文种表中列为“本文种不该用”
    的结束语：讲话稿以“特此通知。”结尾，通知以“谢谢大家！”结尾，请示以“特此报告。”结尾，
    报告以“妥否，请批示。”之类的请求性结语结尾（夹带请示事项），去函用“特此函复。”，讲话稿、
    通知、请示、报告以书信的“此致　敬礼”结尾等。
    只查文种表（`data/genres.toml` 的 `wrong-closings`，见 docs/genres.md）明确列出的结束语；
    文种未知时不报。

    ## 为什么
    结束语随文种而定：请示必须请求批示，报告不得夹带请示事项（《党政机关公文处理工作条例》
    第十五条），讲话稿不用公文的“特此通知”。从别的文稿改来的稿子最容易留下错配的结束语。

    ## 示例
    ```text
    关于2024年安全生产工作情况的报告
    市应急管理局：
    今年以来，我县……全年未发生较大以上事故。
    妥否，请批示。
    ```
    改为：
    ```text
    特此报告。
    ```
    不报：通知以“请认真贯彻执行。”结尾；报告以“以上报告，请审阅。”结尾；复函（正文有
    “来函收悉”）以“特此函复。”结尾；讲话以“同志们，让我们……而努力奋斗！”结尾；纪要没有结束语。

    ## 修复安全性
    只给建议（display-only）：改成该文种的常用结束语，是否合适要由作者判断。
    同一处的 GEN002（请示缺少请求性结语）和 GEN007（讲话稿缺少收束）由本条取代。

    ## 选项
    无。文种可用 `--genre`、配置 `genre`、Markdown 前言 `genre:` 指定；文种表可在配置中用
    `[genres."<文种>"]` 扩充（docs/genres.md）。

    ## 依据
    《党政机关公文处理工作条例》第八条、第十五条；GB/T 9704-2012《党政机关公文格式》；
    讲话稿写作惯例。
    """
    # Imported here: a run without this rule (--select PUN, a cached rerun) never loads the module.
    from speechlint.document.genres import find_wrong_closing, render_message

    meta = document.meta
    spec, closing = meta.spec, meta.closing
    if spec is None or closing is None or not spec.wrong_closings:
        return
    found = find_wrong_closing(spec, closing, document.text)
    if found is None:
        return
    span, wrong = found
    written = document.text[span.start : span.end].rstrip(_TRAILING_MARKS)
    fix = None
    if spec.suggest and document.text[span.start : span.end] != spec.suggest:
        fix = Fix.display_only(Edit(span, spec.suggest), title=f"改为“{spec.suggest}”")
    yield Violation(span, render_message(wrong.message, written, spec.name), fix=fix)
