"""PUN001 halfwidth-punct-in-cjk."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from speechlint.builtin.punctuation._context import (
    char_offsets,
    is_cjk,
    is_latin_or_digit,
    protected_in,
)
from speechlint.document import Document
from speechlint.fix import Edit, Fix, Span
from speechlint.lazyre import lazy_regex
from speechlint.rule import Violation, rule

FULLWIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"}

# A candidate mark with what stands on either side.  Runs of dots are ellipses (PUN004's).
_CANDIDATE = lazy_regex(r"[,;:?!]|(?<!\.)\.(?!\.)")
#: _CANDIDATE's marks but the ".": all that is checked unless ``marks`` holds it (the default),
#: found by str.find loops (rare in Chinese text; the dots of numbers and file names are not visited).
_NO_DOT = ",;:?!"


@dataclass(frozen=True)
class Options:
    #: The half-width marks checked.  "." may be added: it is then checked only
    #: at a sentence end after a Han character (never decimals or file names).
    marks: str = ",;:?!"


@rule(
    code="PUN001",
    name="halfwidth-punct-in-cjk",
    severity="warning",
    fix="always",
    options=Options,
)
def halfwidth_punct_in_cjk(document: Document, options: Options) -> Iterator[Violation]:
    """中文语境中使用了半角标点。

    ## 它检查什么
    紧挨汉字或中文标点的半角逗号、分号、冒号、问号、叹号（,;:?!）。半角句点默认不查
    （小数、文件名、缩写太多），可用选项 `marks` 打开，打开后只查汉字后、句末的“.”。

    ## 为什么
    GB/T 15834-2011 规定中文文本使用全角标点；讲话稿常在英文输入法下录入，半角标点混入后版面参差，
    印发前必须改正。

    ## 示例
    ```text
    会议强调,要坚持学习,不断进步!
    ```
    改为：
    ```text
    会议强调，要坚持学习，不断进步！
    ```
    不报：`1,000`、`3.5`、`10:30`、网址和电子邮箱、英文短语（`Made in China, Made by China`）、
    Markdown 代码。

    ## 修复安全性
    左邻是汉字或中文标点时，改为对应全角标点是安全修复（只换一个标点，并删去其后多余的半角空格）；
    左邻是字母或数字、右邻才是汉字时，修复需确认（unsafe）。

    ## 选项
    - `marks`：要检查的半角标点，默认 `,;:?!`；加上 `.` 则也查汉字后句末的半角句点。

    ## 依据
    GB/T 15834-2011《标点符号用法》；GB/T 9704-2012 第 9 章。
    """
    text = document.text
    # URLs, e-mail addresses and emoticons; numbers are told apart by their neighbours below.
    guard = protected_in(document, text, numbers=False)
    marks = options.marks
    candidates = [m.start() for m in _CANDIDATE.finditer(text)] if "." in marks else char_offsets(text, _NO_DOT)
    for i in candidates:
        mark = text[i]
        if mark not in marks or i in guard:
            continue
        left = text[i - 1] if i > 0 else ""
        j = i + 1
        while j < len(text) and text[j] == " ":
            j += 1
        right = text[j] if j < len(text) else ""
        left_cjk = is_cjk(left)
        right_cjk = is_cjk(right)
        if mark == ".":
            # Only a sentence end after Han: never decimals, abbreviations or file names.
            if not left_cjk or (right and not right_cjk and right not in "\r\n"):
                continue
        elif not (left_cjk or right_cjk):
            continue
        elif is_latin_or_digit(left) and is_latin_or_digit(right):
            continue  # 1,000 / 10:30 / A:B
        full = FULLWIDTH[mark]
        # Spaces after the mark go too when Chinese follows: "学习, 进步" -> "学习，进步".
        end = j if right_cjk else i + 1
        edit = Edit(Span(i, end), full)
        title = f"改为全角“{full}”"
        fix = Fix.safe(edit, title=title) if left_cjk else Fix.unsafe(edit, title=title)
        yield Violation(Span(i, i + 1), f"中文语境应使用全角标点“{full}”，不用半角“{mark}”", fix=fix)
