from __future__ import annotations

import pytest

from speechlint.document import Document
from speechlint.document.lines import LineIndex
from speechlint.fix import Span


def test_line_index_counts_crlf_as_one_break() -> None:
    text = "第一行\r\n第二行\n\n第四行"
    idx = LineIndex(text)
    assert [ln.text for ln in idx.lines] == ["第一行", "第二行", "", "第四行"]
    assert idx.position(0) == (1, 1)
    assert idx.position(text.index("二")) == (2, 2)
    assert idx.position(text.index("四")) == (4, 2)
    # the offset of "\r" and "\n" both belong to line 1
    assert idx.position(3) == (1, 4)
    assert idx.position(4) == (1, 5)
    assert idx.offset(2, 2) == text.index("二")


def test_positions_are_code_points_beyond_the_bmp() -> None:
    text = "𠀀汉字，好"
    idx = LineIndex(text)
    assert idx.position(text.index("，")) == (1, 4)


def test_paragraphs_skip_blank_lines_and_indentation() -> None:
    doc = Document("　　同志们：\n\n  今天开会。  \n")
    assert [p.text for p in doc.paragraphs] == ["同志们：", "今天开会。"]
    assert doc.paragraphs[0].span == Span(2, 6)


def test_sentences_and_clauses_split_on_both_widths() -> None:
    doc = Document("一是抓学习,二是抓落实;三是抓督查。好吗?好!\n增长3.5%,时间10:30。")
    assert [s.text for s in doc.sentences] == ["一是抓学习,二是抓落实;三是抓督查。", "好吗?", "好!", "增长3.5%,时间10:30。"]
    clauses = [c.text for c in doc.clauses]
    assert clauses[:3] == ["一是抓学习,", "二是抓落实;", "三是抓督查。"]
    # a colon between digits is not a boundary
    assert "时间10:30。" in clauses


def test_closing_quote_stays_with_its_sentence() -> None:
    doc = Document("他说：“要抓落实。”我们照办。")
    assert [s.text for s in doc.sentences] == ["他说：“要抓落实。”", "我们照办。"]


@pytest.mark.parametrize("engine", ["rjieba", "jieba"])
def test_tokens_in_concatenate_and_carry_spans(engine: str) -> None:
    from speechlint.document.tokenize import make_tokenizer

    tok = make_tokenizer(engine)
    doc = Document("标题\n我们要深入学习了文件精神。", tokenizer_factory=lambda: tok)
    para = doc.paragraphs[1]
    tokens = doc.tokens_in(para.span)
    assert "".join(t.word for t in tokens) == para.text
    assert all(doc.text[t.span.start : t.span.end] == t.word for t in tokens)
    le = doc.token_at(doc.text.index("了"))
    assert le is not None and le.word == "了" and le.pos == "ul"


def test_tokens_are_computed_once_per_paragraph() -> None:
    calls: list[str] = []

    class Counting:
        name = "counting"

        def tag(self, text: str) -> list[tuple[str, str]]:
            calls.append(text)
            return [(c, "x") for c in text]

    doc = Document("甲乙丙\n丁戊", tokenizer_factory=lambda: Counting())
    doc.tokens_in(Span(0, 1))
    doc.tokens_in(Span(1, 3))
    assert calls == ["甲乙丙"]
    doc.tokens_in(Span(0, len(doc.text)))
    assert calls == ["甲乙丙", "丁戊"]


def test_nothing_is_computed_before_asked() -> None:
    doc = Document("一句话。")
    assert "lines" not in doc.__dict__ and "paragraphs" not in doc.__dict__


# -- page furniture (speechlint.document.furniture), read by the text reader -----------------


def _read(text: str) -> Document:
    from pathlib import Path

    from speechlint.readers.text import read_text

    return read_text(Path("a.txt"), text.encode("utf-8"))


_PDF_COPY = (
    "在全县经济工作会议上的讲话\n"
    "同志们：\n"
    "　　全县各级各部门要以“时时放心\n"
    "\n"
    "第 1 页 共 3 页\n"
    "在全县经济工作会议上的讲话\n"
    "\n"
    "不下”的责任感，真抓实干。一是抓项目；\n"
    "— 2 —  \n"
    "在全县经济工作会议上的讲话\n"
    "二是强产业；三是惠民生。\n"
    "- 3 -\n"
)


def test_page_numbers_and_running_headers_are_no_paragraphs() -> None:
    doc = _read(_PDF_COPY)
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "在全县经济工作会议上的讲话"  # the title is text: it stands near no page number
    assert not any("页" in t or t.startswith(("—", "-")) for t in texts)
    assert texts.count("在全县经济工作会议上的讲话") == 1
    assert all(doc.text[s.start : s.end] == doc.text[s.start : s.end].strip() for s in doc.markup)


def test_page_break_breaks_no_quotation_and_no_series() -> None:
    from speechlint import lint_text

    assert [d for d in lint_text(_PDF_COPY) if d.severity.value != "info"] == []
    (series,) = _read(_PDF_COPY).outline.series
    assert [i.text for i in series.items] == ["一是", "二是", "三是"]
    # With a sentence in place of the page lines the quotation is broken indeed.
    broken = _PDF_COPY.replace("第 1 页 共 3 页", "这是正文。")
    assert "PUN002" in {d.code for d in lint_text(broken)}


@pytest.mark.parametrize(
    "line", ["— 12 —", "－3－", "- 4 -", "· 5 ·", "第 6 页", "第6页/共9页", "共9页 第7页", "8/9", "Page 2 of 9"]
)
def test_page_number_forms(line: str) -> None:
    doc = _read(f"第一段正文，\n{line}\n接着写完。\n")
    assert [p.text for p in doc.paragraphs] == ["第一段正文，", "接着写完。"]


@pytest.mark.parametrize(
    "text",
    [
        # A repeated short line far from page numbers is text (a refrain, a heading).
        "坚持不懈\n正文一。\n坚持不懈\n正文二。\n正文三。\n正文四。\n正文五。\n— 1 —\n",
        # Numbers inside a sentence, or a line that is a year range.
        "全年完成投资增长12/100。\n2024—2026年\n",
    ],
)
def test_not_furniture(text: str) -> None:
    doc = _read(text)
    assert [p.text for p in doc.paragraphs if "—" not in p.text or "年" in p.text] == [
        ln.strip() for ln in text.splitlines() if ln.strip() and ln.strip() != "— 1 —"
    ]


_WEB_COPY = (
    "首页 > 信息公开 > 通知公告\n"
    "关于开展2026年“安全生产月”活动的通知\n"
    "发布时间：2026-05-28 10:30　　来源：县应急管理局　　浏览次数：1265\n"
    "【字体：大 中 小】【打印】【关闭】\n"
    "各乡镇人民政府，县直各单位：\n"
    "现将有关事项通知如下。会议定于2026-06-02 09:30召开。\n"
    "特此通知。\n"
    "县应急管理局\n"
    "2026年5月28日\n"
    "责任编辑：张敏\n"
    "分享到：微信 微博 QQ空间\n"
    "上一篇：关于做好汛期地质灾害防治工作的通知\n"
    "#安全生产月 #应急科普\n"
    "阅读 2.3万\n"
)


def test_web_page_chrome_is_no_paragraph() -> None:
    doc = _read(_WEB_COPY)
    texts = [p.text for p in doc.paragraphs]
    assert texts == [
        "关于开展2026年“安全生产月”活动的通知",
        "各乡镇人民政府，县直各单位：",
        "现将有关事项通知如下。会议定于2026-06-02 09:30召开。",  # a sentence is never chrome
        "特此通知。",
        "县应急管理局",
        "2026年5月28日",
    ]
    m = doc.meta
    assert m.genre == "通知" and [s.text for s in m.title] == [texts[0]]
    assert m.salutation is not None and m.closing is not None and m.closing.text == "特此通知。"


# -- hard-wrapped plain text (speechlint.document.wrap) ------------------------------------------

_WRAPPED = (
    "在全县经济工作会议上的讲话\n"
    "同志们：\n"
    "　　今年的目标任务已经明确，关键在于抓好落实。下面，我\n"
    "从三个方面讲几点意见：首先，要强化项目支撑，全年新\n"
    "开工亿元以上项目60个；其次，要加快产业转型，推动传\n"
    "统产业改造升级；最后，要兜牢民生底线，确保困难群众\n"
    "基本生活有保障。\n"
    "　　市委书记在讲话中强调：“我市要坚定不移推进高质量\n"
    "发展，全市上下要拧成一股绳、铆足一股劲。”我们要认真\n"
    "贯彻落实。考核中也发现一些问题：一是台账不规范；二\n"
    "是网格员履职不到位；三是消防管理仍有薄弱环节。\n"
    "　　同志们，让我们团结一心、真抓实干，为全面建设社会\n"
    "主义现代化新灵石而努力奋斗！\n"
)


def test_hard_wrapped_lines_make_one_paragraph() -> None:
    doc = _read(_WRAPPED)
    texts = [p.text.replace("\n", "") for p in doc.paragraphs]
    assert texts[:2] == ["在全县经济工作会议上的讲话", "同志们："]  # short lines stand alone
    assert len(texts) == 5 and texts[2].startswith("今年") and texts[2].endswith("基本生活有保障。")
    assert texts[4] == "同志们，让我们团结一心、真抓实干，为全面建设社会主义现代化新灵石而努力奋斗！"
    # Every line of a wrapped paragraph leads to it; its tokens are given once.
    para = doc.paragraphs[2]
    assert doc.paragraph_at(doc.text.index("基本生活")) == para
    offsets = [t.span.start for t in doc.tokens_in(para.span)]
    assert offsets == sorted(set(offsets))


def test_hard_wrapped_text_reads_whole_series_quotes_and_closing() -> None:
    doc = _read(_WRAPPED)
    o = doc.outline
    assert [(a.text, a.found) for a in o.announcements] == [("三个方面", 3), ("几点", 3)]
    shi = next(s for s in o.series if s.style == "shi")
    assert [i.text for i in shi.items] == ["一是", "二是", "三是"] and shi.items[1].line == 10
    assert doc.meta.closing is not None and doc.meta.closing.text.endswith("而努力奋斗！")
    from speechlint import lint_text

    assert [(d.code, d.start.line) for d in lint_text(_WRAPPED)] == []


def test_typed_drafts_are_not_joined() -> None:
    typed = (
        "关于开展安全生产大检查的通知\n各乡镇人民政府：\n"
        "　　为全面排查整治各类安全隐患，有效防范遏制生产安全事故，现将有关事项通知如下。\n"
        "一、检查时间\n"
        "　　检查工作自即日起至6月30日结束，分为自查自改、重点检查、整改落实三个阶段。\n"
        "　　请各乡镇于每月25日前报送检查情况。\n"
        "出席：县委常委　张　强　李小红\n"
        "县安全生产委员会办公室\n2024年3月15日\n"
    )
    doc = _read(typed)
    assert all("\n" not in p.text for p in doc.paragraphs)


def test_wrapped_copy_keeps_attachment_and_imprint_lines_apart() -> None:
    text = _WRAPPED.replace("主义现代化新灵石而努力奋斗！\n", "主义现代化新灵石而努力奋斗！\n附件1\n抄送：县委办公室，县政府办公室。\n2026年3月12日\n")
    doc = _read(text)
    assert [p.text for p in doc.paragraphs][-3:] == ["附件1", "抄送：县委办公室，县政府办公室。", "2026年3月12日"]


def test_continuation_line_opening_with_a_numeral_is_no_heading() -> None:
    text = (
        "过去的一年，全县上下顶住压力、迎难而上，地区生产总值增长百分之六点\n"
        "二，一般公共预算收入增长百分之八点五，城乡居民收入稳步提高。同志们，\n"
        "这些成绩来之不易，是全县干部群众共同奋斗的结果。同时，我们也要清\n"
        "醒看到，产业结构偏重、创新能力不强等问题依然存在，必须认真解决。\n"
        "我们要坚持问题导向，拿出过硬举措，推动各项工作取得新的更大成效，\n"
        "为全面建设社会主义现代化作出新的贡献。\n"
    )
    doc = _read(text)
    assert len(doc.paragraphs) == 1 and doc.outline.headings == ()


def _pdf_copy(text: str, width: int = 34, page: int = 17) -> str:
    """``text`` as a PDF copy gives it: paragraphs indented and broken every ``width``
    characters (a closing mark stays on its line), a page number every ``page`` lines."""
    lines: list[str] = []
    for line in text.split("\n"):
        if not (len(line) > 30 or line.rstrip().endswith(("。", "！", "？"))):
            lines.append(line)
            continue
        rest = "　　" + line.strip("　 ")
        while len(rest) > width:
            cut = width
            while cut < len(rest) and rest[cut] in "，。、；：？！”’》）%":
                cut += 1
            lines.append(rest[:cut])
            rest = rest[cut:]
        lines.append(rest)
    out: list[str] = []
    for k, line in enumerate(lines, 1):
        out.append(line)
        if k % page == 0:
            out += ["", f"— {k // page} —", ""]
    return "\n".join(out)


@pytest.mark.parametrize(
    "name",
    [
        "general-speech-rural.txt",
        "review-report-duty-integrity.txt",
        "review-speech-relaying-city-plenum.txt",
        "review-letter-reply-pairing.txt",
        "punctuation-notice-traps.txt",
    ],
)
def test_a_pdf_copy_of_a_clean_draft_stays_clean(name: str) -> None:
    from conftest import ROOT

    from speechlint import lint_text

    path = ROOT / "benchmarks" / "corpus" / name
    if not path.exists():
        pytest.skip(f"{name} is not in the corpus")
    text = path.read_text(encoding="utf-8")

    def loud(t: str) -> set[tuple[str, str]]:
        return {(d.code, d.match.replace("\n", "")) for d in lint_text(t) if d.severity.value != "info"}

    assert loud(_pdf_copy(text)) <= loud(text)


def test_closing_formulas_keep_their_own_paragraph() -> None:
    body = "".join(f"这是第{k}行正文，全县上下要认真贯彻落实会议精神，抓紧推进\n" for k in "一二三四五六")
    text = body + "各项工作，确保取得实效，以优异成绩向全县人民交上满意答卷。\n特此报告。\n"
    doc = _read(text)
    assert [p.text for p in doc.paragraphs][-1] == "特此报告。" and len(doc.paragraphs) == 2
