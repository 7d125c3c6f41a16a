"""Document.outline: headings, inline series and announced counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from speechlint.document import Document
from speechlint.document.outline import (
    ARABIC,
    ARABIC_PAREN,
    ARTICLE,
    CHAPTER,
    CIRCLED,
    CN,
    CN_PAREN,
    cn_to_int,
    int_to_cn,
    is_item_list,
)


def outline(text: str, **fields: object):  # type: ignore[no-untyped-def]
    return Document(text, **fields).outline  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23), ("一百零五", 105), ("两", 2)],
)
def test_cn_to_int(numeral: str, value: int) -> None:
    assert cn_to_int(numeral) == value
    if numeral != "两":
        assert int_to_cn(value) == numeral


def test_cn_to_int_rejects_non_numerals() -> None:
    assert cn_to_int("一二") is None
    assert cn_to_int("") is None
    assert cn_to_int("三个") is None


def test_four_levels_with_parents_and_literal_forms() -> None:
    o = outline("一、总体要求\n（一）工作目标\n1.近期目标\n（1）年内摸底\n①排查\n②整改\n（2）年底整改\n二、主要任务\n")
    kinds = [(h.kind, h.level, h.ordinal, h.line) for h in o.headings]
    assert kinds == [
        (CN, 1, 1, 1),
        (CN_PAREN, 2, 1, 2),
        (ARABIC, 3, 1, 3),
        (ARABIC_PAREN, 4, 1, 4),
        (CIRCLED, 5, 1, 5),
        (CIRCLED, 5, 2, 6),
        (ARABIC_PAREN, 4, 2, 7),
        (CN, 1, 2, 8),
    ]
    assert [h.parent for h in o.headings] == [None, 0, 1, 2, 3, 3, 2, None]
    assert all(h.well_formed for h in o.headings)
    first = o.headings[0]
    assert (first.marker_text, first.numeral_text, first.punct, first.title_text) == ("一、", "一", "、", "总体要求")
    assert o.children(None) == (o.headings[0], o.headings[7])
    assert [h.form() for h in o.headings[:5]] == ["一、", "（一）", "1.", "（1）", "①"]


@pytest.mark.parametrize(
    ("line", "kind", "punct", "open_", "close"),
    [
        ("一.总体要求", CN, ".", "", ""),
        ("一，总体要求", CN, "，", "", ""),
        ("一,总体要求", CN, ",", "", ""),
        ("一：总体要求", CN, "：", "", ""),
        ("(一)工作目标", CN_PAREN, "", "(", ")"),
        ("（一）、工作目标", CN_PAREN, "、", "（", "）"),
        ("（3)压实责任", ARABIC_PAREN, "", "（", ")"),
        ("1、加强培训", ARABIC, "、", "", ""),
        ("1．加强培训", ARABIC, "．", "", ""),
        ("1,加强培训", ARABIC, ",", "", ""),
    ],
)
def test_malformed_markers_are_read_at_their_level(line: str, kind: str, punct: str, open_: str, close: str) -> None:
    (h,) = outline(line).headings
    assert (h.kind, h.punct, h.open, h.close) == (kind, punct, open_, close)
    assert not h.well_formed
    assert h.marker.start == 0


@pytest.mark.parametrize(
    "line",
    [
        "1.5亿元资金已拨付到位", "3、4月份全县完成投资", "2024年工作要点", "一、二等奖获得者", "一是加强学习",
        "“（一）强化保障”一节", "一、二年级学生实行课后服务", "三、四月份是森林防火关键期", "一、二产业融合发展",
    ],
)
def test_not_headings(line: str) -> None:
    assert outline(line).headings == ()


def test_list_after_a_colon_line() -> None:
    o = outline("一、下一步打算\n重点做好以下工作：\n1.抓好排查；\n2.抓好整改。\n二、主要任务：\n1.抓好排查\n")
    assert [(h.title_text, h.after_colon) for h in o.headings] == [
        ("下一步打算", False), ("抓好排查", True), ("抓好整改", False), ("主要任务", False), ("抓好排查", False)
    ]


def test_item_lists() -> None:
    o = outline("一、学习要点\n1.领会“两个确立”；\n2.增强“四个意识”。\n二、主要任务\n1.抓好排查\n2.抓好整改\n")
    groups = list(o.groups())
    assert [is_item_list(g) for g in groups] == [False, True, False]


def test_range_that_continues_the_headings_is_a_heading() -> None:
    o = outline("一、一季度工作\n二、二季度工作\n三、四月份工作安排\n四、五年来的体会\n")
    assert [(h.ordinal, h.title_text) for h in o.headings] == [
        (1, "一季度工作"), (2, "二季度工作"), (3, "四月份工作安排"), (4, "五年来的体会")
    ]


def test_title_of_run_in_heading_and_half_width_comma() -> None:
    (h,) = outline("（一）整合服务窗口。3月起，全县推行一窗受理。").headings
    assert h.title_text == "整合服务窗口"
    (h,) = outline("一、聚焦主题主线,教育整顿取得成效。正文。").headings
    assert h.title_text == "聚焦主题主线,教育整顿取得成效"


def test_siblings_restart_under_each_parent() -> None:
    o = outline("一、甲\n（一）子\n（二）子\n二、乙\n（一）子\n（二）子\n")
    groups = [[h.line for h in g] for g in o.groups()]
    assert groups == [[1, 4], [2, 3], [5, 6]]


def test_new_list_after_a_lead_in_line_is_a_new_group() -> None:
    o = outline("（一）落实责任。主要措施：\n1.明确牵头单位；\n2.建立台账。\n保障要求：\n1.经费列入预算；\n2.人员稳定。\n")
    assert [[h.line for h in g] for g in o.groups()] == [[1], [2, 3], [5, 6]]


def test_repeated_one_without_lead_in_stays_in_one_group() -> None:
    o = outline("（二）自查整改\n1.开展自查\n正文。\n1.集中整改\n")
    assert [[h.ordinal for h in g] for g in o.groups()] == [[2], [1, 1]]


def test_regulation_mode() -> None:
    o = outline(
        "第一章　总则\n第一条　为了规范管理，制定本办法。\n第二条　有下列情形之一的：\n（一）迟报的；\n（二）漏报的。\n"
        "第二章　附则\n第三条　本办法自印发之日起施行。\n"
    )
    assert o.regulation
    kinds = [(h.kind, h.ordinal, h.parent) for h in o.headings]
    assert kinds == [
        (CHAPTER, 1, None),
        (ARTICLE, 1, 0),
        (ARTICLE, 2, 0),
        (CN_PAREN, 1, 2),
        (CN_PAREN, 2, 2),
        (CHAPTER, 2, None),
        (ARTICLE, 3, 5),
    ]
    # Articles are numbered through the document, across chapters.
    articles = next(g for g in o.groups() if g[0].kind == ARTICLE)
    assert [h.ordinal for h in articles] == [1, 2, 3]


def test_no_regulation_mode_for_a_speech() -> None:
    o = outline("第一，要提高认识。\n第一条经验是坚持党的领导。\n")
    assert not o.regulation
    assert o.headings == ()


def test_attachment_list_is_not_structure() -> None:
    text = "一、主要任务\n1.排查\n2.整改\n附件：1.实施方案\n      2.任务分工表\n3.联系人名单\n"
    o = outline(text)
    assert o.attachment_lines == frozenset({4, 5, 6})
    assert [h.line for h in o.headings] == [1, 2, 3]


def test_attachment_page_starts_a_new_part() -> None:
    o = outline("一、总体要求\n二、主要任务\n附件1\n一、工作目标\n二、任务分工\n")
    assert [(h.line, h.part, h.parent) for h in o.headings] == [(1, 0, None), (2, 0, None), (4, 1, None), (5, 1, None)]
    assert [[h.line for h in g] for g in o.groups()] == [[1, 2], [4, 5]]


def test_word_numbered_lines_are_skipped() -> None:
    o = outline("一、总体要求\n1.第一项\n二、主要任务\n", auto_numbered=frozenset({2}))
    assert [h.line for h in o.headings] == [1, 3]


def test_markdown_content_start() -> None:
    text = "## 一、总体要求\n- 一是加强学习\n- 二是深入调研\n"
    # What the Markdown reader records: content after "## " and "- ".
    o = outline(text, content_starts=(3, 12, 21, len(text)), format="markdown")
    assert [(h.kind, h.marker.start) for h in o.headings] == [(CN, 3)]
    (series,) = o.series
    assert [(i.text, i.initial) for i in series.items] == [("一是", True), ("二是", True)]


# -- series --------------------------------------------------------------------------


def series_of(text: str) -> list[list[tuple[str, int, str | None]]]:
    return [[(i.text, i.ordinal, i.issue) for i in s.items] for s in outline(text).series]


def test_series_full_and_half_width() -> None:
    expected = [[("一是", 1, None), ("二是", 2, None), ("三是", 3, None)]]
    assert series_of("一是提高站位，二是压实责任，三是强化保障。") == expected
    assert series_of("一是提高站位,二是压实责任,三是强化保障.") == expected
    assert series_of("一是提高站位;二是压实责任;三是强化保障.") == expected


def test_series_styles() -> None:
    assert series_of("第一，要学习；第二，要落实。") == [[("第一", 1, None), ("第二", 2, None)]]
    assert series_of("其一，要学习；其二，要落实。") == [[("其一", 1, None), ("其二", 2, None)]]
    assert series_of("一要抓学习，二要抓落实。") == [[("一要", 1, None), ("二要", 2, None)]]
    assert series_of("首先，要学习；其次，要落实；最后，要总结。") == [
        [("首先", 1, None), ("其次", 2, None), ("最后", 3, None)]
    ]
    assert series_of("我们一方面要加强监管，另一方面要优化服务。") == [[("一方面", 1, None), ("另一方面", 2, None)]]


def test_series_issues() -> None:
    assert series_of("一是甲，二是乙，四是丁。")[0][2] == ("四是", 4, "gap")
    assert series_of("第一，甲；第二，乙；第二，丙。")[0][2] == ("第二", 2, "repeat")
    assert series_of("一是甲，第二是乙。") == [[("一是", 1, None), ("第二", 2, "mixed")]]
    assert series_of("其次，甲；首先，乙。") == [[("其次", 2, None), ("首先", 1, "order")]]


def test_two_series_in_one_paragraph() -> None:
    text = "在思想上，一是提高认识，二是加强学习；在行动上，一是压实责任，二是强化督导。"
    assert len(series_of(text)) == 2


def test_series_continue_in_paragraphs_that_begin_with_the_next_enumerator() -> None:
    text = "第一，要提高认识。\n会议指出，要高度重视。\n第二，要压实责任。\n第三，要强化督导。\n"
    assert series_of(text) == [[("第一", 1, None), ("第二", 2, None), ("第三", 3, None)]]


def test_heading_closes_a_series() -> None:
    text = "一、甲\n一是学习。\n二、乙\n二是落实。\n"
    assert series_of(text) == [[("一是", 1, None)], [("二是", 2, None)]]


def test_final_joins_only_the_next_paragraph() -> None:
    text = "第一，甲。\n第二，乙。\n最后，丙。\n"
    assert series_of(text) == [[("第一", 1, None), ("第二", 2, None), ("最后", 3, None)]]
    text = "第一，甲。\n第二，乙。\n同志们，任重道远。\n最后，祝大家工作顺利！\n"
    assert series_of(text) == [[("第一", 1, None), ("第二", 2, None)]]


@pytest.mark.parametrize(
    "text",
    [
        "思想统一是行动一致的前提，唯一是要抓实。",
        "村党组织第一书记要在第一时间报告，第一责任人要到岗，第一季度完成。",
        "这是全县第一次召开此类会议，这一方面的经验不多，加强监管是一方面。",
        "一是一，二是二；一来二去，三要素齐全。",
        "质量第一，安全第一，统筹推进第一、二、三产业发展。",
        "首先，我代表县委向大家表示感谢。首先，请王明同志通报情况。",
    ],
)
def test_series_traps(text: str) -> None:
    assert series_of(text) == []


# -- announcements -------------------------------------------------------------------


def test_announcement_counts_headings() -> None:
    (a,) = outline("下面，我讲三点意见。\n一、甲\n二、乙\n三、丙\n四、丁\n").announcements
    assert (a.text, a.count, a.found, a.target, a.line, a.trigger) == ("三点", 3, 4, "headings", 1, "讲")


def test_announcement_counts_inline_series_half_width() -> None:
    (a,) = outline("要从两个方面抓好落实:一是抓学习;二是抓整改;三是抓督查.").announcements
    assert (a.text, a.count, a.found, a.target) == ("两个方面", 2, 3, "series")


def test_announcement_counts_following_paragraphs() -> None:
    (a,) = outline("我再强调两点。\n第一，要守住底线。\n第二，要守住红线。\n第三，要守住防线。\n").announcements
    assert (a.count, a.found, a.target) == (2, 3, "paragraphs")


def test_announcement_under_a_heading_counts_its_children() -> None:
    text = "一、主要任务\n会议明确了四项重点任务：\n（一）甲\n（二）乙\n（三）丙\n二、保障措施\n"
    (a,) = outline(text).announcements
    assert (a.count, a.found, a.target) == (4, 3, "headings")


def test_announcement_with_few_counts_nothing() -> None:
    (a,) = outline("我讲几点意见。\n一、甲\n二、乙\n").announcements
    assert a.count is None and a.found == 2


def test_announcement_followed_by_nothing() -> None:
    (a,) = outline("会议提出了三项要求，听取了汇报。\n一、甲\n二、乙\n").announcements
    assert a.found is None
    (a,) = outline("下面，我讲三点意见。讲完以后请大家讨论。\n一、甲\n二、乙\n").announcements
    assert a.found is None


@pytest.mark.parametrize(
    "text",
    [
        "会议定于下午三点召开，3点半签到，请于三点钟前到场。",
        "要增强“四个意识”，做到“两个维护”，落实“三项制度”。",
        "要坚持四项基本原则，从严落实中央八项规定。",
        "会议审议通过了三个文件。",
        "这是排名第三项的任务。",
    ],
)
def test_announcement_traps(text: str) -> None:
    assert outline(text).announcements == ()


def test_seed_outline(seed: Path) -> None:
    o = Document(seed.read_text(encoding="utf-8")).outline
    assert [h.marker_text for h in o.headings] == ["一、", "二、", "三、"]
    assert [s.count for s in o.series] == [3, 3, 4]
    assert all(i.issue is None for s in o.series for i in s.items)
    (a,) = o.announcements
    assert (a.text, a.count, a.found, a.target) == ("三点", 3, 3, "headings")


def test_typed_subheadings_under_word_numbered_headings_restart_per_heading() -> None:
    text = "抓好春耕生产\n（一）抓好物资供应。\n（二）抓好技术服务。\n做好防汛准备\n（一）完善应急预案。\n（二）加强值班值守。\n"
    o = outline(text, auto_numbered=frozenset({1, 4}))
    assert [h.line for h in o.headings] == [2, 3, 5, 6]
    assert all(h.under_auto for h in o.headings)
    assert [[h.ordinal for h in g] for g in o.groups()] == [[1, 2], [1, 2]]


def test_word_numbered_parent_silences_level_and_sequence_rules() -> None:
    from speechlint.linter import Session
    from speechlint.config import Settings

    session = Session()
    text = "抓好春耕生产\n（一）抓好物资供应。\n（二）抓好技术服务。\n做好防汛准备\n（一）完善应急预案。\n（二）加强值班值守。\n"
    doc = session.contextualise(Document(text, auto_numbered=frozenset({1, 4})), Settings())
    diagnostics, errors = session.lint_document(doc, Settings(select=("STR",)))
    assert not errors and diagnostics == []
    # A plain-text copy that lost Word's numbering is read the same way (_implied_numbered).
    doc = session.contextualise(Document(text), Settings())
    diagnostics, _ = session.lint_document(doc, Settings(select=("STR",)))
    assert diagnostics == []
    # Typed （一） with no 一、 and no title line above each run is an inversion and a duplicate run.
    typed = "同志们：\n（一）抓好物资供应。\n（二）抓好技术服务。\n各单位要抓好落实。\n（一）完善应急预案。\n（二）加强值班值守。\n"
    doc = session.contextualise(Document(typed), Settings())
    diagnostics, _ = session.lint_document(doc, Settings(select=("STR",)))
    assert {d.code for d in diagnostics} >= {"STR001", "STR003"}


_WORD_COPY = (
    "关于2025年安全生产工作情况的报告\n县人民政府：\n现将全年工作情况报告如下。\n"
    "工作开展情况\n（一）事故总量下降。全年事故12起。\n（二）整治深入推进。检查2860家次。\n"
    "存在的主要问题\n（一）主体责任落实不到位。\n（二）基层力量薄弱。\n"
    "2026年工作打算\n（一）压实安全责任。\n（二）深化专项整治。\n特此报告。\n"
)


def test_titles_whose_word_numbering_was_lost_start_runs() -> None:
    o = outline(_WORD_COPY)
    assert [[h.ordinal for h in g] for g in o.groups()] == [[1, 2], [1, 2], [1, 2]]
    assert all(h.under_auto for h in o.headings)


@pytest.mark.parametrize(
    "text",
    [
        # A typed 一、 in the part: its top level is typed, a bare line is not a lost number.
        _WORD_COPY.replace("工作开展情况", "一、工作开展情况"),
        # One bare title line only: Word numbers a run of at least two.
        "工作要求\n（一）提高认识。\n（二）压实责任。\n（一）强化督导。\n",
        # The line above each run is a sentence or a table row, not a title.
        "各单位要抓好落实。\n（一）提高认识。\n（二）压实责任。\n"
        "项目　　单位　　时限\n（一）强化督导。\n",
    ],
)
def test_no_lost_numbering_without_bare_title_runs(text: str) -> None:
    o = outline(text)
    assert not any(h.under_auto for h in o.headings)


def test_footnote_text_lines_are_not_headings() -> None:
    text = "一、基本情况\n储备应急物资3.6万件（套）①，组织演练26场次②。\n二、下一步打算\n加强培训。\n① 含防汛物资1.8万件。\n② 含桌面推演4场次。\n"
    o = outline(text)
    assert [h.line for h in o.headings] == [1, 3]
    # A circled number not used as a note mark above is a heading as before.
    assert [h.kind for h in outline("（三）强化保障\n①经费保障\n②人员保障\n").headings] == ["cn-paren", "circled", "circled"]


def test_enumerator_broken_by_a_hard_wrap_is_read_whole() -> None:
    text = "考核中也发现一些问题：一是台账不规范；二 \n是网格员履职不到位；三是消防管理仍有薄弱环节。\n"
    (s,) = outline(text).series
    assert [i.text for i in s.items] == ["一是", "二是", "三是"] and all(i.issue is None for i in s.items)
    second = s.items[1]
    assert (text[second.span.start], text[second.span.end - 1]) == ("二", "是")
    # Blank lines between the lines of a PDF copy, and 第|二.
    o = outline("第一，稳字当头；第\n\n二，进中求质；第三，守住底线。\n")
    (s,) = o.series
    assert [i.ordinal for i in s.items] == [1, 2, 3]
    assert o.headings == ()  # the wrapped 二， is the rest of 第二, no heading
    # A line ending in 统一 does not make 是 an enumerator, nor does a heading below.
    assert outline("坚持全县一盘棋，思想上要高度统一\n是做好工作的前提。\n").series == ()


def test_marker_alone_on_its_line_takes_the_next_line_as_title() -> None:
    o = outline("一、\n2025年工作回顾\n过去一年，全县经济平稳。\n二、2026年主要任务\n")
    assert [h.title_text for h in o.headings] == ["2025年工作回顾", "2026年主要任务"]
