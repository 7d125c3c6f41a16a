"""PUN004 ellipsis-form."""

from __future__ import annotations

from collections.abc import Iterator

from speechlint.builtin.punctuation._context import (
    is_cjk,
    is_han,
    is_latin_or_digit,
    left_char,
    lines_holding,
    protected_in,
    right_char,
    unprotected,
)
from speechlint.document import Document
from speechlint.fix import Edit, Fix, Span
from speechlint.lazyre import lazy_re, lazy_regex
from speechlint.rule import NoOptions, Violation, rule

ELLIPSIS = "……"
#: Every match of _FORM and of _DENG holds one of these: a text holding none is not scanned.
FORM_NEEDS = ("...", "。。。", "．．", "·", "・", "•", "⋯", "…")
# Wrong forms of the ellipsis, longest first.  "…" alone or three of them is an odd count.
_FORM = lazy_regex(
    r"(?P<dots>\.{3,})"  # ...  ......
    r"|(?P<stops>。{3,})"  # 。。。
    r"|(?P<other>．{2,}|[·・•]{3,}|⋯+)"  # ．．．  ···  ⋯⋯
    r"|(?<!…)(?P<single>…)(?!…)"
    r"|(?<!…)(?P<triple>………)(?!…)",
    needs=FORM_NEEDS,
)
#: Runs of the characters _FORM is made of that can hold a match: two or more, or one ⋯ or ….
#: Every match of _FORM lies in one, and its look-arounds test for a …, which a run's
#: neighbours are not.  A class scan (on re, which skips ahead to the marks) finds the runs;
#: _FORM's alternatives are tried only inside them.
_FORM_RUNS = lazy_re(r"[.。．·・•⋯…](?:[.。．·・•⋯…]+|(?<=[⋯…]))")
#: Every match of _DENG holds one of these: only the lines holding one are searched.
DENG_NEEDS = ("…等", "...等", "。。。等", "⋯等")
# An ellipsis (of any form) followed by 等 or 等等 (GB/T 15834 A.9: use one of them).
_DENG = lazy_regex(
    r"(?:…+|\.{3,}|。{3,}|⋯+)(?P<deng>等等|等)(?!待|候|到|于|同|级|额|量|式|号|高|距|比|值|价|效|边|身|闲|次|第|分|差|着)",
    needs=DENG_NEEDS,
)


@rule(
    code="PUN004",
    name="ellipsis-form",
    severity="warning",
    fix="always",
    supersedes=("PUN001", "PUN008"),
    options=NoOptions,
)
def ellipsis_form(document: Document, options: NoOptions) -> Iterator[Violation]:
    """省略号写法不规范，或省略号与“等”连用。

    ## 它检查什么
    中文里用 `...` `......` `。。。` `．．．` `···` `⋯` 或单个 `…`、三个 `………` 代替省略号“……”；
    省略号后又写“等”“等等”（`学习、宣传、贯彻……等工作`）。

    ## 为什么
    GB/T 15834 规定省略号是居中的六个小圆点“……”，占两个字的位置；英文句点、中文句号连写都不是
    省略号。省略号和“等”都表示列举未尽，两者只能用一个。

    ## 示例
    ```text
    工作千头万绪...要抓住重点。
    学习、宣传、贯彻……等工作要同步推进。
    ```
    改为：
    ```text
    工作千头万绪……要抓住重点。
    学习、宣传、贯彻等工作要同步推进。
    ```
    不报：“……”，整段省略的“…………”，`第3.1.2条`、`1.5亿元` 这样的数字，英文里的 `...`
    （`and so on...`），网址，Markdown 代码。

    ## 修复安全性
    把错误写法改为“……”是安全修复，三个“………”改为两个需确认（也可能是漏了一个）。省略号后的
    “等”“等等”可删去，需确认（unsafe）：也可以删省略号。

    ## 选项
    无。

    ## 依据
    GB/T 15834-2011《标点符号用法》4.11 省略号、附录 A.9（省略号与“等”“等等”不同时使用）。
    """
    text = document.prose
    if not _FORM.may_match(text):  # _DENG needs the same
        return
    # A number (digits with single separators between) holds no ellipsis: not protected here.
    guard = protected_in(document, text, numbers=False)
    for m in unprotected(_FORM, text, guard, (run.span() for run in _FORM_RUNS.finditer(text))):
        start, end = m.span()
        left, right = left_char(text, start), right_char(text, end)
        kind = m.lastgroup
        if kind in ("dots", "other", "single", "triple"):
            # Chinese context: Han or CJK punctuation beside it, and no Latin word or number on the left.
            if is_latin_or_digit(left) or not (is_cjk(left) or is_han(right) or is_cjk(right)):
                continue
        found = m.group()
        edit = Edit(Span(start, end), ELLIPSIS)
        title = f"改为“{ELLIPSIS}”"
        fix = Fix.unsafe(edit, title=title) if kind == "triple" else Fix.safe(edit, title=title)
        yield Violation(Span(start, end), f"省略号应写作“{ELLIPSIS}”，不写作“{found}”", fix=fix)
    for m in unprotected(_DENG, text, guard, lines_holding(text, DENG_NEEDS)):  # no match crosses a line
        start, end = m.span("deng")
        deng = m.group("deng")
        fix = Fix.unsafe(Edit(Span(start, end), ""), title=f"删去“{deng}”")
        yield Violation(Span(start, end), f"省略号与“{deng}”不能同时使用，删去其中一个", fix=fix)
