"""The Markdown reader: exempt code and links, content starts, front matter, suppression comments."""

from __future__ import annotations

from pathlib import Path

import regex

from speechlint import lint_text
from speechlint.config import Settings
from speechlint.readers.markdown import read_markdown


def _doc(text: str):  # type: ignore[no-untyped-def]
    return read_markdown(Path("a.md"), text.encode("utf-8"))


def _found(text: str, *codes: str) -> list[tuple[int, int, str]]:
    settings = Settings(select=codes or None)
    return [(d.start.line, d.start.column, d.code) for d in lint_text(text, path="a.md", settings=settings)]


def test_disable_next_line_hides_only_the_next_placeholder() -> None:
    text = (
        "# 在全县安全生产工作会议上的讲话\n"
        "\n"
        "<!-- speechlint-disable-next-line DRF001 -->\n"
        "\n"
        "刚才，XX同志通报了有关情况。\n"
        "\n"
        "会议由××同志主持。\n"
    )
    assert _found(text, "DRF001", "SLX001") == [(7, 4, "DRF001")]


def test_disable_enable_region_and_file() -> None:
    text = (
        "会议强调,要坚持学习。\n"
        "<!-- speechlint-disable PUN001 -->\n"
        "会议强调,XX同志主持。\n"
        "<!-- speechlint-enable -->\n"
        "会议强调,要坚持学习。\n"
    )
    assert _found(text, "DRF001", "PUN001") == [(1, 5, "PUN001"), (3, 6, "DRF001"), (5, 5, "PUN001")]
    assert _found("<!-- speechlint-disable-file -->\n会议强调,XX同志主持。\n", "DRF001", "PUN001") == []
    assert _found("会议强调,XX同志主持。\n<!-- speechlint-disable-file PUN -->\n", "DRF001", "PUN001") == [
        (1, 6, "DRF001")
    ]


def test_unknown_code_in_a_directive_is_slx001() -> None:
    text = "<!-- speechlint-disable-next-line DRF01 -->\n刚才，XX同志通报了有关情况。\n"
    # The misspelt code suppresses nothing, and says so.
    assert _found(text, "DRF001", "SLX001") == [(1, 35, "SLX001"), (2, 4, "DRF001")]


def test_code_and_link_targets_are_exempt() -> None:
    text = (
        "会议强调,要坚持学习。\n"  # prose: flagged (the control)
        "\n"
        "```text\n"
        "会议强调,XX同志主持。\n"
        "```\n"
        "\n"
        "    print(\"会议强调,XX同志主持\")\n"
        "\n"
        "运行`会议强调,XX同志`即可，详见[通知](https://example.gov.cn/a,XX同志 \"标题:说明\")。\n"
        "<!-- 会议强调,XX同志主持 -->\n"
        "~~~\n"
        "未闭合的代码块,XX同志\n"
    )
    assert _found(text, "DRF001", "PUN001") == [(1, 5, "PUN001")]


def test_hand_indented_chinese_paragraph_is_prose() -> None:
    text = "同志们：\n\n    会议强调,要坚持学习。\n    刚才，XX同志通报了情况。\n"
    assert _found(text, "DRF001", "PUN001") == [(3, 9, "PUN001"), (4, 8, "DRF001")]


def test_heading_and_series_are_seen_by_the_document() -> None:
    text = (
        "## 一、总体要求\n"
        "- 一是加强学习\n"
        "* [ ] 二是严格管理\n"
        "1. 加强培训\n"
        "> - 三是落实责任\n"
        "**四是**强化保障，**五是**狠抓落实。\n"
        "| 一是 | 二是 |\n"
        "|---|---|\n"
        "### 二、主要任务 ###\n"
    )
    doc = _doc(text)
    starts = {n: text[doc.content_start(n) :].split("\n")[0] for n in range(1, 10)}
    assert starts[1] == "一、总体要求"
    assert starts[2] == "一是加强学习"
    assert starts[3] == "二是严格管理"
    assert starts[4] == "1. 加强培训"  # the ordered marker stays: structure rules read it
    assert starts[5] == "三是落实责任"
    assert starts[6].startswith("四是**强化保障")  # a bold opening is skipped
    assert starts[7].startswith("一是 | 二是")
    paragraphs = [(doc.lines.line_of(p.span.start), p.text) for p in doc.paragraphs]
    assert paragraphs == [
        (1, "一、总体要求"),
        (2, "一是加强学习"),
        (3, "二是严格管理"),
        (4, "1. 加强培训"),
        (5, "三是落实责任"),
        (6, "四是**强化保障，**五是**狠抓落实。"),
        (7, "一是 | 二是"),  # the delimiter row is no paragraph; the closing pipe is markup
        (9, "二、主要任务"),
    ]
    # Emphasis marks are boundaries: on the prose view an enumeration pattern sees every item.
    assert len(doc.prose) == len(text) and doc.prose.count("\n") == text.count("\n")
    series = regex.compile(r"(?:(?<=^)|(?<=[，。；：！？\s“]))([一二三四五六七八九十]+)(?:是|、)", regex.M)
    assert [m.group(1) for m in series.finditer(doc.prose)] == ["一", "一", "二", "三", "四", "五", "一", "二", "二"]


def test_front_matter() -> None:
    text = "---\ntitle: 在全县工作会议上的讲话\ngenre: 讲话\nhome: \"灵石县\"\ntags:\n  - 会议\n---\n同志们：\n"
    doc = _doc(text)
    assert doc.front_matter == {"title": "在全县工作会议上的讲话", "genre": "讲话", "home": "灵石县", "tags": ""}
    assert (doc.genre_hint, doc.home_hint) == ("讲话", "灵石县")
    assert [p.text for p in doc.paragraphs] == ["同志们："]
    # Not front matter: a thematic break followed by prose.
    doc = _doc("---\n会议强调,要坚持学习。\n---\n")
    assert doc.front_matter == {} and [p.text for p in doc.paragraphs] == ["会议强调,要坚持学习。"]


def test_positions_stay_those_of_the_source_with_crlf_and_bom() -> None:
    text = "# 标题\r\n\r\n> 会议强调,XX同志主持。\r\n"
    doc = read_markdown(Path("a.md"), b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert doc.text == text and doc.bom
    assert _found(text, "DRF001", "PUN001") == [(3, 7, "PUN001"), (3, 8, "DRF001")]


def test_front_matter_and_comments_are_exempt() -> None:
    text = "---\ntitle: 会议强调,XX同志\n---\n<!--\n会议强调,XX同志\n```\n-->\n会议强调,要坚持学习。\n"
    assert _found(text, "DRF001", "PUN001") == [(8, 5, "PUN001")]


def test_footnote_definition_marker_is_exempt() -> None:
    text = "学习要点[^1]：增强“四个意识”。\n\n[^1]: 参见《习近平关于“三农”工作论述摘编》。\n"
    assert _found(text, "PUN001") == []
    assert _found("会议强调:要抓落实。\n", "PUN001") == [(1, 5, "PUN001")]


def test_pandoc_attributes_spans_and_hard_breaks_are_markup() -> None:
    text = (
        "**二、**[重点任务]{.underline}\n"
        "\n"
        "![](media/image1.png){width=\"5.76in\" height=\"3.24in\"}\n"
        "\n"
        "每周上门探访1\\~2次，做到{底数清}。\n"
        "\n"
        "灵石县民政局\\\n"
        "2026年3月20日\n"
    )
    doc = _doc(text)
    assert doc.outline.headings[0].title_text == "重点任务"
    assert "{" not in doc.prose.replace("{底数清}", "")  # attributes read as spaces; braces in prose stay
    assert "\\" not in doc.prose.splitlines()[6]
    assert [p.text for p in doc.paragraphs][-2:] == ["灵石县民政局", "2026年3月20日"]
    assert doc.meta.signature[-1].text == "灵石县民政局"
