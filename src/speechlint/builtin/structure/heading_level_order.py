"""STR003 heading-level-order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from speechlint.document import Document
from speechlint.rule import Severity, Violation, rule

if TYPE_CHECKING:
    from speechlint.document.outline import Heading


@cache
def _levels() -> tuple[dict[str, str], dict[int, str], dict[int, str]]:
    """The marker names, the marker of each level, and the same in regulation mode.

    Built on first use: a run without this rule (--select PUN, a cached rerun) never loads the outline.
    """
    from speechlint.document.outline import ARABIC, ARABIC_PAREN, CIRCLED, CN, CN_PAREN

    names = {CN: "“一、”", CN_PAREN: "“（一）”", ARABIC: "“1.”", ARABIC_PAREN: "“（1）”", CIRCLED: "“①”"}
    by_level = {1: CN, 2: CN_PAREN, 3: ARABIC, 4: ARABIC_PAREN, 5: CIRCLED}
    # In regulation mode the levels below 条 are 项 （一）, 目 1., then （1） and ①.
    regulation = {4: CN_PAREN, 5: ARABIC, 6: ARABIC_PAREN, 7: CIRCLED}
    return names, by_level, regulation


@dataclass(frozen=True)
class Options:
    #: Do not report a downward skip (一、 straight to 1.); inversions are still reported.
    allow_skip_level: bool = False


@rule(code="STR003", name="heading-level-order", severity="warning", options=Options)
def heading_level_order(document: Document, options: Options) -> Iterator[Violation]:
    """层级序号倒挂或跳级。

    ## 它检查什么
    层级序号应依次使用 `一、` → `（一）` → `1.` → `（1）`：
    - **倒挂**（警告）：还没有出现 `一、` 就先用了 `（一）`；或前面用 `1.`、`（1）` 作了顶层，
      后面又出现更高一级的 `一、`/`（一）`。
    - **跳级**（提示）：`一、` 之下直接用 `1.`，缺了 `（一）`；`（二）` 之下直接用 `（1）`，缺了 `1.`。
    每组同级序号只在第一个处报告一次。

    只用 `1.` `2.` 列项、全文没有更高层级的短通知不报；冒号引出的列项（`重点做好以下工作：` 之后的
    `1.` `2.`）和以分号结尾的列项（`1.……；` `2.……。`）是段内的列举，不是跳级；条例文件（第X章/第X节/第X条）中
    章、节可以省略，`（一）` 是条下的项，`1.` 是项下的目，按此判断。附件说明不参与。

    ## 为什么
    层级倒挂、跳级会让听众和读者分不清主次，改稿时删掉一层标题后最容易出现。
    GB/T 9704 说结构层次序数“依次可以用”，所以跳级是提示，倒挂是警告。

    ## 示例
    ```text
    （一）提高认识
    （二）压实责任
    ```
    第 1 行报告：“（一）”之前没有一级序号“一、”。

    ```text
    一、主要任务
    1.抓好源头治理
    2.强化督促检查
    ```
    第 2 行提示：“一、”之下直接用了“1.”，缺少“（一）”一级。

    ## 修复安全性
    无自动修复：该补一层标题还是改用上一级序号，只有作者能定。

    ## 选项
    - `allow-skip-level`（默认 `false`）：为 `true` 时不报跳级，只报倒挂。

    ## 依据
    GB/T 9704-2012《党政机关公文格式》7.3.3；《立法技术规范》（章、节、条、款、项、目）。
    """
    from speechlint.document.outline import is_item_list

    level_name, plain, regulation = _levels()
    outline = document.outline
    headings = outline.headings
    by_level = regulation if outline.regulation else plain
    seen_groups: set[int] = set()
    siblings: dict[int, list[Heading]] = {}
    for h in headings:
        siblings.setdefault(h.group, []).append(h)
    for h in headings:
        if h.group in seen_groups:
            continue  # one finding per group of siblings, at its first member
        seen_groups.add(h.group)
        parent = headings[h.parent] if h.parent is not None else None
        parent_level = parent.level if parent is not None else 0
        if outline.regulation:
            if h.level <= 3:
                continue  # 章 and 节 may be left out
            parent_level = max(parent_level, 3)
        if h.level - parent_level <= 1:
            continue
        missing = level_name.get(by_level.get(h.level - 1, ""), "上一级序号")
        if parent is None:
            if h.under_auto:
                continue  # its parent is a Word-numbered paragraph: the level is unknown, not inverted
            higher = _later_higher(headings, h)
            if higher is not None:
                yield Violation(
                    h.marker,
                    f"层级倒挂：“{h.marker_text}”用作顶层序号，后文却出现更高一级的“{higher.marker_text}”",
                )
            elif h.level == 2 and not outline.regulation:
                yield Violation(h.marker, f"层级倒挂：“{h.marker_text}”之前没有一级序号“一、”")
            continue  # a plain 1. 2. 3. list with nothing above it is a short notice's style
        if options.allow_skip_level or is_item_list(siblings[h.group]):
            continue  # 重点做好以下工作： 1.…； 2.…。: a list in the section, not a skipped level
        yield Violation(
            h.marker,
            f"层级跳跃：“{parent.marker_text}”之下直接用了“{h.marker_text}”，缺少{missing}一级",
            severity=Severity.INFO,
        )


def _later_higher(headings: tuple[Heading, ...], h: Heading) -> Heading | None:
    """The first later heading of the same part at a higher level than ``h``."""
    for g in headings[h.index + 1 :]:
        if g.part == h.part and g.level < h.level:
            return g
    return None
