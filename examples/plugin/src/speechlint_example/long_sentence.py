"""EXA001 long-sentence."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from speechlint import Document, Span, Violation, rule

# What counts: each Han character, and each run of Latin letters or digits as one (1,234.5 is one).
_SPOKEN = regex.compile(r"\p{Han}|[\p{L}\p{N}]+(?:[.,][\p{N}]+)*")
_LEADING_SPACE = regex.compile(r"\s*")


@dataclass(frozen=True)
class Options:
    #: A sentence with more spoken characters than this is reported.
    max_chars: int = 90


@rule(code="EXA001", name="long-sentence", severity="info", options=Options)
def long_sentence(document: Document, options: Options) -> Iterator[Violation]:
    """句子太长，念起来喘不过气。

    ## 它检查什么
    一句话（到句号、问号、叹号为止，全角半角都算）的字数超过 `max-chars` 时，报告整句。每个汉字
    算一个字，一串字母或数字（`GDP`、`1,234.5`）也算一个；标点和空格不算。

    ## 为什么
    讲话稿是念给人听的。一句话太长，讲的人要中途换气，听的人记不住主语。

    ## 示例
    ```text
    （一句九十多字、中间只用逗号连接的长句）
    ```
    改为：在意思转折处断成两三句。

    ## 修复安全性
    无自动修复：在哪里断句只有作者能定。

    ## 选项
    - `max-chars`（整数，默认 90）：一句话最多的字数。

    ## 依据
    讲话稿写作的通行要求：句子宜短，一句一意。
    """
    for sentence in document.sentences:
        count = len(_SPOKEN.findall(sentence.text))
        if count <= options.max_chars:
            continue
        lead = _LEADING_SPACE.match(sentence.text)
        start = sentence.span.start + (lead.end() if lead else 0)
        yield Violation(
            Span(start, sentence.span.end),
            f"这句话有 {count} 个字，超过 {options.max_chars} 字，念起来喘不过气，考虑断成两三句",
        )
