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
