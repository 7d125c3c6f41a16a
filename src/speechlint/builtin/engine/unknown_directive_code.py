"""SLX001 unknown-directive-code."""

from __future__ import annotations

from collections.abc import Iterator

from speechlint.document import Document
from speechlint.rule import NoOptions, Violation, rule

KINDS = ("disable", "enable", "disable-next-line", "disable-file")


@rule(code="SLX001", name="unknown-directive-code", severity="warning", options=NoOptions)
def unknown_directive_code(document: Document, options: NoOptions) -> Iterator[Violation]:
    """抑制注释里写了不存在的规则代码或指令。

    ## 它检查什么
    Markdown 抑制注释 `<!-- speechlint-disable CODES -->`、`<!-- speechlint-enable -->`、
    `<!-- speechlint-disable-next-line CODES -->`、`<!-- speechlint-disable-file -->` 中：
    不是任何已加载规则的代码或代码前缀（如 `DRF001`、`PUN`、`ALL`）的代码；以及
    `speechlint-` 后面不认识的指令词（如把 `disable` 拼成 `disabel`）。

    ## 为什么
    代码拼错的抑制注释什么也不抑制，却让人以为已经处理过了。让拼错的地方大声报出来，
    比默默失效好。

    ## 示例
    ```markdown
    <!-- speechlint-disable-next-line DRF01 -->
    ```
    改为：
    ```markdown
    <!-- speechlint-disable-next-line DRF001 -->
    ```
    不报：已加载的代码和前缀（`DRF001`、`PUN`、`ALL`）、插件规则的代码、`--` 之后的说明文字、
    代码块里举例的注释、与 speechlint 无关的普通 HTML 注释。

    ## 修复安全性
    无自动修复：只有作者知道本想写哪条规则。

    ## 选项
    无。

    ## 依据
    speechlint 的抑制注释约定（DESIGN §9）；ruff 对未知 `noqa` 代码的处理。
    """
    known = document.known_codes
    if known is None:
        return  # not linted by a session: nothing to compare with
    for d in document.directives:
        if d.kind not in KINDS:
            yield Violation(d.kind_span, f"未知的 speechlint 指令“speechlint-{d.kind}”，可用：{'、'.join(KINDS)}")
            continue
        for code, span in d.codes:
            if code == "ALL" or any(k.startswith(code) for k in known):
                continue
            yield Violation(span, f"抑制注释中的规则代码“{code}”不存在")
