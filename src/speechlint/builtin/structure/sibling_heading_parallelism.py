"""PAR001 sibling-heading-parallelism."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from speechlint.document import Document
from speechlint.lazyre import lazy_re, lazy_regex
from speechlint.rule import Violation, rule

if TYPE_CHECKING:
    from speechlint.document.outline import Heading

# Report skeletons and 通知/请示 section titles are canonical, not a frame to match.
_CANONICAL = frozenset(
    """基本情况 主要做法 主要成效 工作成效 取得的成效 存在问题 存在的问题 问题和不足 下一步打算 下一步工作打算
    下一步工作安排 工作目标 目标任务 主要任务 重点任务 保障措施 工作措施 具体措施 指导思想 总体要求 基本原则
    工作原则 组织领导 工作要求 有关要求 实施步骤 方法步骤 工作步骤 时间安排 进度安排 工作安排 职责分工 工作职责
    适用范围 实施范围 主要内容 工作内容 工作机制 意见建议 工作背景 背景 总则 附则 其他事项 其他
    不足 存在的不足 问题与不足 努力方向 今后的努力方向 今后努力方向 下一步工作思路 今后工作打算
    启示 几点启示 主要启示 经验启示 工作建议 下一步工作建议 对策建议 几点建议 意见和建议""".split()
)
# 安吉县白茶产业发展的主要做法: a report's column with what it is about in front.
_ABOUT = lazy_regex(r"\p{Han}{2,}的(?P<column>\p{Han}{2,8})")
_ABOUT_COLUMNS = frozenset("基本情况 主要做法 主要成效 工作成效 存在问题 主要问题 启示 几点启示 主要启示 主要经验 对策建议".split())
# 存在的不足和今后的努力方向, 存在问题及下一步打算: canonical columns joined into one section.
_JOINED = lazy_regex(r"以及|和|及|与|、")
_CLAUSE_SPLIT = lazy_regex(r"[，,；;\u3000]+")
_NOT_COUNTED = lazy_regex(r"[\s\p{P}]")
_TRAILING_NOTE = lazy_re(r"[（(][^（）()]*[）)]$")
_HAN = lazy_regex(r"^\p{Han}+$")
# A title longer than this is a sentence, not a heading (a numbered list of requirements).
_LONGEST_TITLE = 25


@dataclass(frozen=True)
class Options:
    #: The fewest siblings worth judging: with two there is no odd one out.
    min_siblings: int = 3


@rule(code="PAR001", name="sibling-heading-parallelism", severity="info", options=Options)
def sibling_heading_parallelism(document: Document, options: Options) -> Iterator[Violation]:
    """同级标题不对仗：一个标题不合同级的格式。

    ## 它检查什么
    三个以上同级标题（去掉序号，取到第一个句号为止）中，找出与其余标题格式不合的那一个：
    - 分句数不同：其余都是 `A，B` 两个分句，只有它是一个；
    - 不合框架：其余都以同一个词开头（`坚持…`）或以同一个短语结尾（`…上下功夫`），只有它没有；
    - 长短悬殊：离中位长度最远的一个，长度是中位数的两倍以上（或一半以下）且相差 5 字以上。
    每个标题最多报告一次。

    `基本情况 / 主要做法 / 存在问题 / 下一步打算`、`工作目标 / 主要任务 / 保障措施`、`其他事项` 等
    列项不报：冒号引出的（`重点做好以下工作：` 之后的 `1.` `2.`）、以分号结尾的（`1.……；` `2.……。`）；
    固定栏目不参与比较，固定栏目连写（`存在的不足和今后的努力方向`）、前面带上对象（`安吉县白茶产业发展的主要做法`）
    也一样；条例（第X章/第X条）不报；标题末尾括注（`（6月1日至20日）`）不计；标题长于 25 字的一组（成句的条目）不报。

    ## 为什么
    讲话稿、公文的同级标题讲究对仗：同一框架、同样长短、同样句式，念起来有气势，
    看起来层次清楚。改稿时新加或改写的一个标题最容易破坏整组的格式。

    ## 示例
    ```text
    一、坚持党建引领
    二、坚持改革创新
    三、加强队伍建设
    ```
    第 3 行提示：其余同级标题都以“坚持”开头。

    ## 修复安全性
    无自动修复：怎样改写只有作者能定。

    ## 选项
    - `min-siblings`（默认 3）：同级标题少于这个数时不判断。

    ## 依据
    讲话稿、公文写作惯例（标题排比、对仗）。
    """
    # Imported here: a run without this rule (--select PUN, a cached rerun) never loads the module.
    from speechlint.document.outline import is_item_list

    outline = document.outline
    for group in outline.groups():
        if len(group) < max(3, options.min_siblings) or outline.regulation or is_item_list(group):
            # The 项 of a regulation, and a list a colon introduces (重点做好以下工作：1.… 2.…),
            # are provisions and items, not headings written to a frame.
            continue
        # Canonical section titles (其他事项, 工作要求) are neither judged nor part of the frame.
        kept = [(h, t) for h in group if not _canonical(t := _clean(h.title_text))]
        if len(kept) < max(3, options.min_siblings):
            continue
        titles = [t for _, t in kept]
        if any(not t for t in titles) or sum(_length(t) > _LONGEST_TITLE for t in titles) > 1:
            continue
        yield from _odd_ones([h for h, _ in kept], titles)


def _canonical(title: str) -> bool:
    if title in _CANONICAL or all(p in _CANONICAL for p in _JOINED.split(title)):
        return True
    m = _ABOUT.fullmatch(title)
    return m is not None and m.group("column") in _ABOUT_COLUMNS


def _clean(title: str) -> str:
    # Markup blanked to spaces inside a title (加强**组织**领导) is not part of it, nor is a
    # closing note in brackets: 自查自改阶段（6月1日至6月20日）.
    title = title.replace(" ", "").strip("\u3000")
    return _TRAILING_NOTE.sub("", title)


def _length(title: str) -> int:
    return len(_NOT_COUNTED.sub("", title))


def _odd_ones(group: Sequence[Heading], titles: list[str]) -> Iterator[Violation]:
    n = len(group)
    reported: set[int] = set()

    def report(i: int, why: str) -> Violation:
        reported.add(i)
        return Violation(group[i].title, f"同级标题不对仗：{why}")

    clauses = [len([c for c in _CLAUSE_SPLIT.split(t) if c]) for t in titles]
    common, freq = Counter(clauses).most_common(1)[0]
    if freq == n - 1:
        i = next(k for k, c in enumerate(clauses) if c != common)
        yield report(i, f"其余同级标题都是{common}个分句，这一个是{clauses[i]}个")
    for width in (4, 3, 2):
        for frame, where in (("prefix", "开头"), ("suffix", "结尾")):
            if frame == "suffix" and width < 3:
                continue  # two-character endings (建设, 工作) are words, not frames
            parts = [t[:width] if frame == "prefix" else t[-width:] for t in titles]
            shared, freq = Counter(parts).most_common(1)[0]
            if freq != n - 1 or len(shared) < width or not _HAN.match(shared):
                continue
            i = next(k for k, p in enumerate(parts) if p != shared)
            if i not in reported and shared not in titles[i]:
                yield report(i, f"其余同级标题都以“{shared}”{where}，这一个没有")
    # Lengths: only an outlier twice (or half) the usual length, five characters off or more;
    # report-style sections (8, 14, 7, 8 characters) are uneven by nature.
    lengths = [_length(t) for t in titles]
    median = sorted(lengths)[n // 2]
    i = max(range(n), key=lambda k: abs(lengths[k] - median))
    odd = lengths[i]
    if median and abs(odd - median) > 4 and (odd >= 2 * median or 2 * odd <= median) and i not in reported:
        yield report(i, f"长短悬殊：这一个{odd}字，同级标题多为{median}字左右")
