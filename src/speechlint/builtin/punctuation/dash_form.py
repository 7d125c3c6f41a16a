"""PUN005 dash-form."""

from __future__ import annotations

from collections.abc import Iterator

from speechlint.builtin.punctuation._context import (
    char_runs,
    is_cjk,
    is_han,
    left_char,
    protected_in,
    right_char,
    unprotected,
)
from speechlint.document import Document
from speechlint.fix import Edit, Fix, Span
from speechlint.lazyre import lazy_regex
from speechlint.rule import NoOptions, Severity, Violation, rule

DASH = "——"
_FORM = lazy_regex(
    r"(?P<typed>(?<!-)-{2,3}(?!-)|－{2}|[─━]{2}|–{2})"  # -- --- －－ ── ––: typed stand-ins
    r"|(?P<bar>(?<!―)――(?!―))"  # U+2015 twice: what GBK conversions leave
    r"|(?P<single>(?<![—―])—(?![—―]))",  # one em dash
)
#: The characters _FORM is made of: every match of _FORM lies in a run of them, and its
#: look-arounds test for a - ― or —, which a run's neighbours are not.  The runs are found by a
#: str.find per character (dashes are rare: several times cheaper than a class scan), which
#: tells the texts without a dash; _FORM's alternatives are tried only inside them.
_DASHES = "-－─━–―—"
# Words after a short name that make "北京—上海" a route, not a dash.
_ROUTE = lazy_regex(r"\p{Han}{1,4}(?:高速|铁路|高铁|航线|公路|国道|省道|线|段|方向|间)")
_SPACE = " "


def _han_run_before(text: str, i: int) -> int:
    n = 0
    while i - n - 1 >= 0 and is_han(text[i - n - 1]):
        n += 1
    return n


@rule(
    code="PUN005",
    name="dash-form",
    severity="warning",
    fix="always",
    options=NoOptions,
)
def dash_form(document: Document, options: NoOptions) -> Iterator[Violation]:
    """破折号写法不规范。

    ## 它检查什么
    中文里用 `--`、`－－`、`──`（制表符）、`––`（短破折号）代替破折号“——”；`――`（U+2015，GBK 转换
    留下的横线）；汉字之间单个“—”当破折号用（提示）。

    ## 为什么
    GB/T 15834 规定破折号是占两个字位置的“——”。连字符、全角减号、制表线都不是破折号，印出来
    长短、粗细不一；单个“—”是连接号（一字线），用在数字、地名之间表示起止。

    ## 示例
    ```text
    这是一项长期任务--必须久久为功。
    ```
    改为：
    ```text
    这是一项长期任务——必须久久为功。
    ```
    不报：“——”，`2024—2025年`、`北京—上海高速铁路` 这样的连接号，`--fix` 这样的命令行选项，
    `<!-- -->`，数字之间的 `--`，Markdown 分隔线和代码。

    ## 修复安全性
    两侧都是中文时，`--` `－－` `──` `––` `――` 改为“——”是安全修复（连同两侧多余的半角空格）。
    单个“—”只作提示（info），改为“——”需确认（unsafe）：它也可能是连接号。

    ## 选项
    无。

    ## 依据
    GB/T 15834-2011《标点符号用法》4.10 破折号、4.13 连接号。
    """
    text = document.prose
    runs = char_runs(text, _DASHES)
    if not runs:
        return
    # A number (digits with single separators between) holds no dash: not protected here.
    guard = protected_in(document, text, numbers=False)
    for m in unprotected(_FORM, text, guard, runs):
        start, end = m.span()
        kind = m.lastgroup
        if kind == "single":
            # A dash between Han; a long run on the left rules out a short name (北京—上海).
            left, right = left_char(text, start), right_char(text, end)
            if not (is_han(left) and is_han(right)) or _han_run_before(text, start) < 5:
                continue
            if _ROUTE.match(text, end):
                continue
            fix = Fix.unsafe(Edit(Span(start, end), DASH), title=f"改为破折号“{DASH}”")
            yield Violation(
                Span(start, end), f"单个“—”是连接号，用作破折号时应写作“{DASH}”", fix=fix, severity=Severity.INFO
            )
            continue
        left, right = left_char(text, start, _SPACE), right_char(text, end, _SPACE)
        if not (is_cjk(left) and is_cjk(right)) or not (is_han(left) or is_han(right)):
            continue  # --fix, <!-- -->, 2024--2025, a Markdown rule
        # Spaces typed around the stand-in go too: "任务 -- 必须" -> "任务——必须".
        a = start
        while a > 0 and text[a - 1] == _SPACE:
            a -= 1
        b = end
        while b < len(text) and text[b] == _SPACE:
            b += 1
        fix = Fix.safe(Edit(Span(a, b), DASH), title=f"改为破折号“{DASH}”")
        found = m.group()
        yield Violation(
            Span(start, end),
            f"破折号应写作“{DASH}”，不写作“{found}”",
            fix=fix,
            severity=Severity.INFO if kind == "bar" else None,
        )
