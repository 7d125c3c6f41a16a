"""GEN003 closing-formula-form."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from speechlint.document import Document
from speechlint.document.segment import Segment
from speechlint.fix import Edit, Fix, Span
from speechlint.lazyre import lazy_re, lazy_regex
from speechlint.rule import NoOptions, Violation, rule

if TYPE_CHECKING:
    import regex

# Closing formulas: 特此通知 / 此复 / 妥否，请批示 / 特此请示，请予批准.
_HEAD = r"特此(?:通知|报告|通报|通告|公告|函告|函复|函达|批复|决定|请示)|此复|此令"
_ASK = r"妥否|当否|可否"
_TAIL = r"(?:请|恳请|望|盼)(?:予|予以)?(?:批示|批复|审批|批准|指示|核准|审定|审示|审议|函复)"
_MARKS = r"[ \t\u3000，,？?！!；;：:。.、]*"
_FORMULA = rf"(?P<head>{_HEAD}|{_ASK})(?:(?P<sep>{_MARKS})(?P<tail>{_TAIL}))?(?P<end>{_MARKS})"
_ALONE = _FORMULA
# A formula run into the end of a body paragraph: "…按时报送。特此通知。"
_RUN_IN = rf"(?<=(?:[。！？!?；;，,]|\p{{Han}}\.)[ \t\u3000]*){_FORMULA}$"
_SPACES = " \t\u3000"
# A closing paragraph of its own that opens with a lead-in: 以上情况，特此报告。
_LEAD_IN = r"(?:以上\p{Han}{0,6}|综上(?:所述)?|如无不妥|如无异议)[，,][ \t\u3000]*"


#: What every formula opens with: a paragraph that opens with none is no formula, and a
#: closing paragraph holding none holds no formula (most texts): neither pattern is tried.
_OPENINGS = ("特此", "此复", "此令", "妥否", "当否", "可否")

# Compiled on first use: a run without this rule (--select PUN, a cached rerun) never pays.
_ALONE_RE = lazy_re(_ALONE)
_RUN_IN_RE = lazy_regex(_RUN_IN, needs=_OPENINGS)
_LEAD_IN_RE = lazy_regex(_LEAD_IN)
_ASK_RE = lazy_re(_ASK)


def _form(m: regex.Match[str], base: int) -> Violation | None:
    """The punctuation finding for one formula match, if its marks are wrong."""
    head, tail = m.group("head"), m.group("tail")
    if tail is None and _ASK_RE.fullmatch(head):
        return None  # 妥否 alone is not a formula
    edits = []
    if tail is not None and m.group("sep").strip(_SPACES) != "，":
        edits.append(Edit(Span(base + m.start("sep"), base + m.end("sep")), "，"))
    end = m.group("end")
    if end.strip(_SPACES) != "。" or end != end.lstrip(_SPACES):
        edits.append(Edit(Span(base + m.start("end"), base + m.end("end")), "。"))
    if not edits:
        return None
    canonical = head + ("，" + tail if tail else "") + "。"
    span = Span(edits[0].span.start, edits[-1].span.end)
    return Violation(
        span,
        f"结束语的标点应为“{canonical}”",
        fix=Fix.safe(*edits, title=f"改为“{canonical}”"),
    )


@rule(
    code="GEN003",
    name="closing-formula-form",
    severity="warning",
    fix="sometimes",
    supersedes=("PUN001", "PUN008"),
    options=NoOptions,
)
def closing_formula_form(document: Document, options: NoOptions) -> Iterator[Violation]:
    """结束语的标点与位置不合规范。

    ## 它检查什么
    独立成段的结束语（`特此通知`、`特此报告`、`特此函告`、`此复`、`此令`、`妥否，请批示`、
    `当否，请批复`、`特此请示，请予批准` 等）的标点：“否”后用逗号，不用问号；结尾用句号，
    不用叹号、半角句点，也不能没有标点。正文最后一段末尾连写的结束语
    （`……按时报送。特此通知。`）报告位置问题：结束语应另起一段。

    ## 为什么
    结束语是公文的固定格式，单独成段、以句号结束（GB/T 9704-2012 第 7.3.3 条；GB/T 15834-2011
    §4.1）。`妥否？请批示！` 把请求写成了反问和命令，语气失当。

    ## 示例
    ```text
    妥否？请批示！
    特此通知!
    ```
    改为：
    ```text
    妥否，请批示。
    特此通知。
    ```
    不报：`妥否，请批示。`、`特此通知。`（独立成段）、`以上情况，特此报告。`（带引语独立成段）、
    `可否，请予审批。`、句中的“特此通知各单位”。

    ## 修复安全性
    标点的修复是安全的：只替换结束语里的标点，文字不动；半角标点、重复的标点也由本条改
    （本条取代 PUN001、PUN008）。
    连写在正文里的结束语不自动修复：是否另起一段由作者决定。

    ## 选项
    无。

    ## 依据
    GB/T 9704-2012《党政机关公文格式》；GB/T 15834-2011《标点符号用法》；《党政机关公文处理工作条例》。
    """
    meta = document.meta
    for para in meta.body:
        m = _ALONE_RE.fullmatch(para.text) if para.text.startswith(_OPENINGS) else None
        if m is not None:
            v = _form(m, para.span.start)
            if v is not None:
                yield v
    closing: Segment | None = meta.closing
    if closing is None or not _RUN_IN_RE.may_match(closing.text) or _ALONE_RE.fullmatch(closing.text):
        return
    m = _RUN_IN_RE.search(closing.text)
    if m is None or (m.group("tail") is None and _ASK_RE.fullmatch(m.group("head"))):
        return
    if _LEAD_IN_RE.fullmatch(closing.text, 0, m.start()):
        v = _form(m, closing.span.start)  # 以上情况，特此报告。: its own paragraph
        if v is not None:
            yield v
        return
    base = closing.span.start
    words_end = m.end("tail") if m.group("tail") else m.end("head")
    formula = closing.text[m.start() : words_end]
    yield Violation(Span(base + m.start(), base + words_end), f"结束语“{formula}”应另起一段，不与正文连写")
    v = _form(m, base)
    if v is not None:
        yield v
