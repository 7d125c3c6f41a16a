"""PUN009 stray-spacing."""

from __future__ import annotations

from collections.abc import Iterator

from speechlint.builtin.punctuation._context import marks_by_paragraph
from speechlint.document import Document
from speechlint.fix import Edit, Fix, Span
from speechlint.lazyre import lazy_regex
from speechlint.rule import NoOptions, Violation, rule

#: A half-width space: the paragraphs without one are not visited.
_SPACE = " "
# ASCII spaces between two Han characters.  U+3000 is never matched: it is the
# legitimate separator of heading clauses, name padding and signatures.
_GAP = lazy_regex(r"(?<=\p{Han}) +(?=\p{Han})")
# Any punctuation mark: a line without one is a heading, a name list or a table row.
_PUNCT = lazy_regex(r"[，。、；：！？,.;:!?…“”\"（）()《》—]")
# A heading marker (一、 （一） 1.) does not make a heading line prose.
_HEADING_MARKER = lazy_regex(r"[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百\d]+[)）]|\d+[.．、](?!\d)")
# Where a clause ends: spaces in different clauses are different findings.
_CLAUSE_END = lazy_regex(r"[，。、；：！？,;:!?…“”\"（）()《》—\r\n]")
# "第一条 为了…", "第三章 总则": the space after an article or chapter number is the layout.
_ARTICLE = lazy_regex(r"第[一二三四五六七八九十百零〇\d]+[章节条款编部分篇]$")
# Names after a colon ("出席：王明 李小红"): each chunk two to four Han characters.
_NAME_LIST = lazy_regex(r"[：:]\s*\p{Han}{2,4}(?: +\p{Han}{2,4})+\s*$")
# The labelled lists closing a 纪要 or a 公文 (出  席：陈立新  赵 明, 抄  送：…): spaces pad the
# label and the names there, as long as the list holds no sentence.
_LIST_LABEL = lazy_regex(
    r"(?:出 *席|列 *席|参 *加|参 *会|缺 *席|请 *假|记 *录|主 *持|抄 *送|抄 *报|主 *送|分 *送|附 *件|联 *系 *人)"
    r"(?:人员|单位|人)? *[：:]"
)
_SENTENCE_MARK = lazy_regex(r"[，。；！？,;!?](?!\s*$)")
# A table row copied as text: cells apart by tabs or runs of spaces, no sentence end.
_CELL_GAP = lazy_regex(r"\S(?: {2,}|\t)(?=\S)")
_ROW_END = lazy_regex(r"[。！？!?]\s*$")
# A form's blank date (填报日期：    年  月  日): the spaces are where the figures go.
_BLANK_DATE = lazy_regex(r"(?<![\d〇零一二三四五六七八九十两]) *年 +月 +日")


@rule(
    code="PUN009",
    name="stray-spacing",
    severity="info",
    fix="always",
    options=NoOptions,
)
def stray_spacing(document: Document, options: NoOptions) -> Iterator[Violation]:
    """汉字之间多了半角空格。

    ## 它检查什么
    正文句子里两个汉字之间的半角空格（`要 加强 组织领导`）。一个分句里的几处空格合报一次。
    纪要、版记的标注行里补位的空格不查：`出  席：陈立新  赵 明`、`抄  送：县委办公室`。

    ## 为什么
    中文词与词之间不留空格；从网页、PDF 复制或用英文输入法录入时常夹进空格，排版后字距参差。

    ## 示例
    ```text
    我们要 加强 组织领导。
    ```
    改为：
    ```text
    我们要加强组织领导。
    ```
    不报：复制成文本的表格行（单元格之间是制表符或成串的空格）、表格里待填的空白日期（`填报日期：    年  月  日`），全角空格（标题两个分句之间 `聚焦主责主业　强化监督执纪`、两字人名的补位、署名），
    除序号外没有任何标点的行（标题、名单、表格行、署名），`第一条 为了…`、`第三章 总则` 这样的条款编号后，
    冒号后用空格隔开的人名（`出席：王明 李小红`），中英文之间的空格（`iPhone 手机`）。

    ## 修复安全性
    删去这些空格是安全修复：只删空格，文字不变。

    ## 选项
    无。

    ## 依据
    中文排版惯例：汉字之间不加空格（W3C《中文排版需求》）；GB/T 9704-2012 对公文版式的要求。
    """
    text = document.text
    paragraphs = document.paragraphs
    # Only the paragraphs holding a half-width space: no space, no finding (most paragraphs).
    for k in marks_by_paragraph(_SPACE, text, paragraphs):
        para = paragraphs[k]
        start, end = para.span.start, para.span.end
        marker = _HEADING_MARKER.match(text, start, end)
        if not _PUNCT.search(text, marker.end() if marker else start, end):
            continue  # a heading, a name list, a table row, a signature
        if len(_CELL_GAP.findall(text, start, end)) >= 2 and not _ROW_END.search(text, start, end):
            continue  # 乡镇        造林任务（万亩）    其中：经济林（万亩）
        label = _LIST_LABEL.match(text, start, end)
        if label and not _SENTENCE_MARK.search(text, label.end(), end):
            continue  # 出  席：陈立新  赵 明  黄丽娟
        group: list[tuple[int, int]] = []
        blanks = [d.span() for d in _BLANK_DATE.finditer(text, start, end)]
        for m in _GAP.finditer(text, label.end() if label else start, end):
            a, b = m.span()
            if _ARTICLE.search(text, start, a) or _NAME_LIST.search(_clause(text, start, a, b, end)):
                continue
            if any(x <= a and b <= y for x, y in blanks):
                continue
            if group and _CLAUSE_END.search(text, group[-1][1], a):
                yield _finding(group)
                group = []
            group.append((a, b))
        if group:
            yield _finding(group)


def _clause(text: str, start: int, a: int, b: int, end: int) -> str:
    """The clause holding the gap a..b, from its opening mark (kept) to its end."""
    left = a
    while left > start and not _CLAUSE_END.match(text, left - 1):
        left -= 1
    right = b
    while right < end and not _CLAUSE_END.match(text, right):
        right += 1
    return text[max(start, left - 1) : right]


def _finding(group: list[tuple[int, int]]) -> Violation:
    edits = [Edit(Span(a, b), "") for a, b in group]
    span = Span(group[0][0], group[-1][1])
    count = "" if len(group) == 1 else f"（{len(group)}处）"
    return Violation(span, f"汉字之间有多余的半角空格{count}", fix=Fix.safe(*edits, title="删去空格"))
