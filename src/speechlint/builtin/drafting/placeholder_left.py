"""DRF001 placeholder-left."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from speechlint.document import Document
from speechlint.fix import Span
from speechlint.lazyre import lazy_re, lazy_regex, matches_at
from speechlint.rule import NoOptions, Violation, rule

# Words a single X or 某某 stands in front of when it fills a slot.
_SLOT = (
    "月|日|年|号|届|次|组长|副组长|书记|副书记|县长|副县长|市长|副市长|区长|副区长|省长|副省长|"
    "乡长|副乡长|镇长|副镇长|旗长|副旗长|州长|副州长|盟长|厅长|副厅长|"
    "同志|局长|副局长|主任|副主任|部长|副部长|处长|科长|主席|副主席|委员|常委|秘书长|"
    "省|市|县|区|镇|乡|村|街道|社区|单位|部门|公司|万元|元|名|人|个|%|％"
)
_PLACEHOLDER_WORD = "待定|待补|待填|姓名|单位|部门|时间|日期|地点|名称|XX|xx|××|X+|×+|○+|〇+"
# Inside 【】 these mark a slot to fill wherever they stand (【此处填写数据】), and 姓名, 名称 at its
# end (【领导姓名】); a label such as 【单位风采】 or 【工作动态】 holds none of them.
_FILL = "填写|填入|待定|待补|待填|待确认|此处|XX|xx|××|○○|〇〇"
# Compiled on first use (about 4 ms): a run without this rule (--select PUN, a cached rerun)
# never pays for it.
_SOURCE = rf"""
      (?<![A-Za-z])[Xx]{{2,}}(?![A-Za-z])                # XX同志, xxx
    | (?<![A-Za-z])[ＸＸ]{{2,}}                          # full-width ＸＸ
    | (?<![\d.])[×╳]{{2,}}(?!\d)                        # ××同志, not 3××4
    | (?<![A-Za-z\d])[Xx×Ｘ](?=(?:{_SLOT}))             # X组长, ×月×日
    | (?<![一二三四五六七八九十〇○零\d])(?:[○〇□]{{2,}}|口{{3,}})(?![〇○零一二三四五六七八九十\d]*年)
    | 【\s*(?:(?:{_PLACEHOLDER_WORD})\s*)?】             # 【】, 【待定】
    | 【[^】\n]{{0,8}}?(?:{_FILL})[^】\n]{{0,8}}】        # 【此处填写数据】, 【待确认】
    | 【[^】\n]{{0,6}}(?:姓名|名称)】                     # 【领导姓名】, 【单位名称】
    | (?<![A-Za-z\d])20\d[Xx×](?=年)                     # 202X年
    | （[ \u3000]+）                                    # （　　）
    | _{{3,}} | ＿{{2,}}
    | (?<=[由请对向和与及同、，,：:“\s]|^)某某(?=\p{{Han}})  # 由某某同志; not 张某某
    """


#: Every match of _PATTERN holds one of these (one per alternative): only where they are is it
#: tried (most drafts hold none, and the pattern tries a look-behind at every position).
PATTERN_NEEDS = ("X", "x", "Ｘ", "×", "╳", "○", "〇", "□", "口口口", "【", "（ ", "（\u3000", "___", "＿＿", "某某")
_PATTERN = lazy_regex("(?xm)" + _SOURCE)
# Every match starts at a needle, but 202X年, which starts three characters before its X: the
# pattern is tried only there (it would try a look-behind at every position).  The needles are
# found by their literal first characters, which re skips to; the rest of a longer needle is
# looked ahead for, so that each 口 of 口口口口 is found, not every third.
_NEEDLE_AT = lazy_re("|".join(re.escape(n[0]) + (f"(?={re.escape(n[1:])})" if n[1:] else "") for n in PATTERN_NEEDS))
_BEFORE_X = 3  # 20\d before the X of 202X年


def _matches(text: str) -> Iterator[Any]:
    """``_PATTERN.finditer(text)``."""
    starts: set[int] = set()
    for m in _NEEDLE_AT.finditer(text):
        starts.add(m.start())
        if m.group() in "Xx×":
            starts.add(m.start() - _BEFORE_X)
    return matches_at(_PATTERN, text, sorted(starts))


@rule(code="DRF001", name="placeholder-left", severity="error", options=NoOptions)
def placeholder_left(document: Document, options: NoOptions) -> Iterator[Violation]:
    """模板占位符没有替换。

    ## 它检查什么
    讲话稿、公文模板里留下的占位符：`XX`、`××`、`×××`、`ＸＸ`；职务、机构、日期前的单个 `X`
    （`X组长`、`X书记`、`X旗长`、`X县`、`×月×日`、`X%`）；`202X年`；`○○`、`□□`、`口口口`；空的或写着
    占位词的 `【】`（`【】`、`【待定】`、`【姓名】`、`【此处填写数据】`、`【领导姓名】`、`【单位名称】`）；
    只有空格的 `（　　）`；`____`；该写人名处的 `某某`（`由某某同志主持`）。

    ## 为什么
    从模板或上一份稿子改来的讲话稿，最常见的事故就是占位符没有替换，印发或念出来就是事故。

    ## 示例
    ```text
    刚才，XX同志通报了有关情况，X组长提出了要求。
    ```
    改为（填上真实姓名）：
    ```text
    刚才，王明同志通报了有关情况，李强组长提出了要求。
    ```
    不报：`二〇〇八年`、`3×4平方米`、`X光检查`、`XML`、`iPhone X`、`张某某`（通报中有意的匿名）、
    `人口口径`、`【重要提示】`、`【单位风采】`（简报的栏目名）。

    ## 修复安全性
    无自动修复：只有作者知道该填什么。

    ## 选项
    无。

    ## 依据
    《党政机关公文处理工作条例》第十九条（文稿审核）；讲话稿审校惯例。
    """
    for m in _matches(document.text):
        yield Violation(Span(m.start(), m.end()), f"占位符“{m.group()}”未替换")
