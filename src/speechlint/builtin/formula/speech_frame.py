"""GEN007 speech-frame."""

from __future__ import annotations

from collections.abc import Iterator

from speechlint.document import Document
from speechlint.fix import Span
from speechlint.lazyre import lazy_regex
from speechlint.rule import NoOptions, Violation, rule

# The modest formula of a report to one's superiors, out of place in a leader's speech.
_UPWARD = lazy_regex(r"以上(?:汇报|发言)(?:.{0,16})指正")


@rule(code="GEN007", name="speech-frame", severity="info", options=NoOptions)
def speech_frame(document: Document, options: NoOptions) -> Iterator[Violation]:
    """讲话稿首尾不呼应。

    ## 它检查什么
    讲话类文稿（讲话、致辞、发言、主持词）的开头和结尾：
    - 以称呼语开头、却没有收束的讲话：最后两段既没有“谢谢大家”，也没有号召性的语句
      （“同志们，让我们……而努力奋斗！”）或叹号结尾；
    - 结尾没有感谢或祝愿的致辞，结尾没有宣布散会或结束的主持词；
    - 标题表明是讲话、却以汇报的谦辞“以上汇报，不妥之处请批评指正”结尾（方向反了）；
    - 标题或 `--genre` 表明是讲话、致辞、主持词，却没有称呼语（“同志们：”）。
    各文种的常用结尾见文种表（`closings`、`closing-required`、`salutation-required`）。
    政府工作报告等作为讲话的报告不查称呼语。

    ## 为什么
    讲话稿没有国家标准，但首尾呼应是通行写法：开头称呼听众，结尾号召或致谢；结尾戛然而止，
    念到最后听众不知道讲完了没有。

    ## 示例
    ```text
    同志们：
    今天召开全县安全生产工作会议……
    四是要加强督促检查，确保各项措施落实到位。
    ```
    结尾补上：
    ```text
    同志们，安全生产责任重于泰山。让我们以更加务实的作风，为全县经济社会发展创造良好环境而努力奋斗！
    ```
    不报：以“谢谢大家！”结尾的讲话；以号召性语句结尾的讲话；以“以上发言，不妥之处，请批评指正。”
    结尾的表态发言。

    ## 修复安全性
    无自动修复：结尾怎么写由作者决定。

    ## 选项
    无。

    ## 依据
    讲话稿写作惯例；GB/T 15834-2011 §4.7（称呼语后的冒号）。
    """
    # Imported here: a run without this rule (--select PUN, a cached rerun) never loads the module.
    from speechlint.document.genres import formula_key, has_closing, last_sentence

    meta = document.meta
    spec, closing = meta.spec, meta.closing
    if spec is None or spec.family != "speech" or closing is None:
        return
    last = last_sentence(closing)
    explicit = meta.genre_source in ("hint", "title")
    if spec.name == "讲话" and explicit and not meta.speech_report:
        if _UPWARD.search(formula_key(closing.text)):
            yield Violation(last, "讲话稿不用汇报的谦辞“以上汇报……请批评指正”收尾：领导讲话是对下讲话，可用号召性语句或“谢谢大家！”")
            return
    if spec.closing_required and not has_closing(spec, meta.ending):
        yield Violation(last, spec.closing_message)
    if spec.salutation_required and meta.salutation is None and explicit and not meta.speech_report and meta.body:
        first = meta.body[0].span.start
        yield Violation(Span(first, first), f"{spec.name}开头缺少称呼语（如“同志们：”“各位代表：”）")
