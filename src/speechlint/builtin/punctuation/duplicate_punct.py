"""PUN008 duplicate-punct."""

from __future__ import annotations

from collections.abc import Iterator

from speechlint.builtin.punctuation._context import (
    is_cjk,
    left_char,
    protected_in,
    unprotected,
)
from speechlint.document import Document
from speechlint.fix import Edit, Fix, Span
from speechlint.lazyre import lazy_re, lazy_regex
from speechlint.rule import NoOptions, Severity, Violation, rule

# One mark typed twice or more, in either width.  Three or more 。 are an ellipsis (PUN004's).
_RUN = lazy_regex(r"[，,]{2,}|[；;]{2,}|[：:]{2,}|[！!]{2,}|[？?]{2,}|、{2,}|(?<!。)。。(?!。)")
#: Runs of two marks or more of _RUN's: every match of _RUN lies in one, and its look-arounds
#: test for a 。, which a run's neighbours are not.  A class scan (on re, which skips ahead
#: to the marks) finds the few runs, and tells the texts without one (cheaper than testing the
#: 22 pairs of marks a match may start with); _RUN's alternatives are tried only inside them.
_RUNS = lazy_re(r"[，,；;：:！!？?、。][，,；;：:！!？?、。]+")
_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}


@rule(
    code="PUN008",
    name="duplicate-punct",
    severity="error",
    fix="always",
    supersedes=("PUN001",),
    options=NoOptions,
)
def duplicate_punct(document: Document, options: NoOptions) -> Iterator[Violation]:
    """同一个标点连打了两次。

    ## 它检查什么
    连写的同一标点：`，，` `。。` `；；` `：：` `、、`，全角半角混打的 `，,` `,,` 也算；
    `！！` `？？` 只作提示。

    ## 为什么
    标点重复多是录入时多按了一下，印出来就是差错。GB/T 15834 允许叠用问号、叹号表达强烈感情，
    但公文和讲话稿里一般不用。

    ## 示例
    ```text
    要加强组织领导，，压实工作责任。
    ```
    改为：
    ```text
    要加强组织领导，压实工作责任。
    ```
    不报：“……”“——”（PUN004、PUN005 检查其写法）、`？！`、英文和代码里的 `::` `!!`、
    网址、Markdown 代码。

    ## 修复安全性
    把重复的标点合成一个（半角的改为全角）是安全修复：只删多打的标点，意思不会变。叠用的问号、
    叹号合成一个需确认（unsafe）：作者可能有意加重语气。

    ## 选项
    无。

    ## 依据
    GB/T 15834-2011《标点符号用法》4.3 问号、4.4 叹号（叠用的限制）及各标点的用法。
    """
    text = document.prose
    runs = [run.span() for run in _RUNS.finditer(text)]
    if not runs:
        return  # most texts
    # A number (digits with single separators between) holds no run of two marks: not protected here.
    guard = protected_in(document, text, numbers=False)
    for m in unprotected(_RUN, text, guard, runs):
        start, end = m.span()
        run = m.group()
        full = _FULL.get(run[0], run[0])
        if all(ch in _FULL for ch in run) and not is_cjk(left_char(text, start)):
            continue  # std::vector, Wow!!: half-width marks outside Chinese
        emphatic = full in "！？"
        edit = Edit(Span(start, end), full)
        title = f"合为一个“{full}”"
        yield Violation(
            Span(start, end),
            f"标点“{full}”重复" + ("，公文和讲话稿中一般不叠用" if emphatic else ""),
            fix=Fix.unsafe(edit, title=title) if emphatic else Fix.safe(edit, title=title),
            severity=Severity.INFO if emphatic else None,
        )
