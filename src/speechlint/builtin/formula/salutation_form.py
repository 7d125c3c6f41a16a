"""GEN004 salutation-form."""

from __future__ import annotations

from collections.abc import Iterator

from speechlint.document import Document
from speechlint.fix import Edit, Fix
from speechlint.rule import NoOptions, Severity, Violation, rule


@rule(
    code="GEN004",
    name="salutation-form",
    severity="warning",
    fix="always",
    supersedes=("PUN001", "PUN008"),
    options=NoOptions,
)
def salutation_form(document: Document, options: NoOptions) -> Iterator[Violation]:
    """称呼语、主送机关后应使用全角冒号。

    ## 它检查什么
    文稿开头的称呼语（`同志们`、`各位代表`、`尊敬的……`）或公文的主送机关行
    （`各乡镇人民政府，县直各单位`、`市财政局`），行末应是全角冒号“：”。行末是半角冒号、
    逗号（全角、半角）、句号、分号、半角叹号或没有标点，都报告；`同志们！` 是旧式写法，只作提示（info）。
    只看标题之后的第一行称呼语，讲话中间的“同志们，……”不查；`……，大家好！` 行末的叹号属于问候语，不查。

    ## 为什么
    称呼语、主送机关之后引出正文，用冒号（GB/T 15834-2011 §4.7）；GB/T 9704-2012 第 7.3.2 条规定
    主送机关最后一个名称后标全角冒号。草稿常在英文输入法下打成半角 `:` 或逗号。

    ## 示例
    ```text
    同志们,
    今天，我们召开全县安全生产工作会议。
    ```
    改为：
    ```text
    同志们：
    今天，我们召开全县安全生产工作会议。
    ```
    不报：`同志们：`、`各位代表、同志们：`、`各乡（镇）人民政府，县政府各部门：`、
    讲话中间的 `同志们，这项工作关系全局。`。

    ## 修复安全性
    把行末的标点换成（或补上）全角冒号是安全修复：只动这一个标点。本条管称呼语行末的标点，
    半角标点、重复的冒号也由本条报告（取代 PUN001、PUN008）。`同志们！` 改冒号需要确认（unsafe）。

    ## 选项
    无。

    ## 依据
    GB/T 15834-2011《标点符号用法》§4.7；GB/T 9704-2012《党政机关公文格式》第 7.3.2 条。
    """
    s = document.meta.salutation
    if s is None:
        return
    mark = s.mark_text
    if mark == "：" or (s.greeting and mark in ("！", "!", "。")):
        return
    what = "称呼语" if s.kind == "speech" else "主送机关"
    edit = Edit(s.mark, "：")
    if mark == "！" and s.kind == "speech":
        yield Violation(
            s.mark,
            f"{what}后宜用全角冒号“：”（“{mark}”是旧式写法）",
            fix=Fix.unsafe(edit, title="改为全角冒号“：”"),
            severity=Severity.INFO,
        )
        return
    if not mark:
        message = f"{what}后缺少全角冒号“：”"
        title = "补上全角冒号“：”"
    elif set(mark) == {"："}:
        message = f"{what}后的冒号“：”重复"
        title = "只留一个全角冒号“：”"
    else:
        message = f"{what}后应使用全角冒号“：”，不用“{mark}”"
        title = "改为全角冒号“：”"
    yield Violation(s.mark, message, fix=Fix.safe(edit, title=title))
