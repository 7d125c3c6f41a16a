"""PTC rules: the issue's must-flag and must-stay-silent lists, the seed, the traps, both engines."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from speechlint.builtin.particles import RULES
from speechlint.document import Document
from speechlint.fix import Applicability
from speechlint.linter import Session

from engines import CORPUS, ENGINES, CountingTokenizer, engine_sessions, fixed, found, lint


@pytest.fixture(scope="module")
def sessions() -> dict[str, Session]:
    return engine_sessions("PTC")


# -- the seed -------------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_seed_has_exactly_the_two_stray_le(sessions: dict[str, Session], seed: Path, engine: str) -> None:
    text = seed.read_text(encoding="utf-8")
    diagnostics = lint(sessions, text, engine)
    assert [d.code for d in diagnostics] == ["PTC002", "PTC001"]
    dunhao, modal = diagnostics
    assert text[dunhao.span.start - 4 : dunhao.span.end + 1] == "认真学习了、"
    assert text[modal.span.start - 5 : modal.span.end] == "要深入学习了"
    assert dunhao.fix is not None and dunhao.fix.applicability is Applicability.SAFE
    assert modal.fix is not None and modal.fix.applicability is Applicability.UNSAFE
    # 应付了事 stays silent (no finding near it)
    i = text.index("应付了事")
    assert not any(i - 2 <= d.span.start <= i + 6 for d in diagnostics)


# -- the issue's lists ----------------------------------------------------------------------------

FLAGGED = [
    ("必须认真贯彻了中央的决策部署", "PTC001", "必须认真贯彻中央的决策部署"),
    ("要认真学习了、深刻领会了文件精神", "PTC002", "要认真学习、深刻领会了文件精神"),
    ("党的的全面领导", "PTC003", "党的全面领导"),
    ("要扎实的推进各项工作", "PTC004", "要扎实地推进各项工作"),
    ("完成的很出色", "PTC005", "完成得很出色"),
]

SILENT = [
    "深入了解群众的意见",
    "为了做好",
    "除了加强监管以外",
    "不了了之",
    "应付了事",
    "的确很重要",
    "有的的确很好",
    "工作的目的",
    "得到了支持",
    "值得推广",
    "地方政府",
    "在各部门扎实的推进下",
    "会议研究了下一步工作，通过了有关决定",
]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("text", "code", "after"), FLAGGED, ids=[c for _, c, _ in FLAGGED])
def test_issue_flagged(sessions: dict[str, Session], engine: str, text: str, code: str, after: str) -> None:
    diagnostics = lint(sessions, text, engine)
    assert [d.code for d in diagnostics] == [code]
    assert fixed(text, diagnostics, unsafe=True) == after
    # the same defect in a draft typed with half-width punctuation
    half = f"会议强调:{text},请大家认真对照!"
    assert [d.code for d in lint(sessions, half, engine)] == [code]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("text", SILENT)
def test_issue_silent(sessions: dict[str, Session], engine: str, text: str) -> None:
    assert found(lint(sessions, text, engine)) == []
    assert found(lint(sessions, text.replace("，", ",") + ".", engine)) == []


# -- the traps, rule by rule ------------------------------------------------------------------------

TRAPS_FLAGGED = [
    # PTC001: the modal must govern the verb directly (only adverbials between)
    ("各级党组织要认真落实了主体责任。", [(1, 11, "PTC001")]),
    ("务必高度重视了安全生产工作，必须坚持了党的全面领导。", [(1, 7, "PTC001"), (1, 19, "PTC001")]),
    ("我们要清醒地看到取得了一定成效。", []),  # 看到 takes a clause: its 了 is right
    ("要充分肯定全县上下付出了艰辛努力。", []),
    ("要认真总结推广取得了明显成效的经验做法。", []),
    ("要在学习了文件之后开展讨论，只要坚持了正确方向，就能取得胜利。", []),
    ("我们要了三个名额。要进一步深化改革了。", []),
    ("要先调研了再决策，要巩固已经取得了的成绩。", []),
    ("要防止应付了事、敷衍了事。", []),
    ("大家应该已经收到了会议通知，应该注意到了这些变化。", []),  # a guess about the past
    # PTC002: V不了、 V得了、 and series of small clauses stay
    ("会议传达了、学习了上级精神。", [(1, 5, "PTC002")]),
    ("解决不了、解决不好的问题要及时上报，确保管得了、管得好。", []),
    ("现在的路宽了、水清了、村子美了，有的人走了、有的人来了。", []),
    ("要了解、掌握基层情况，为了、除了都是介词。", []),
    # PTC003: a double inside one word or across a word boundary is legitimate
    ("已经完成了了全年任务，各种各样的的问题，认真地地推进。", [(1, 5, "PTC003"), (1, 16, "PTC003"), (1, 23, "PTC003")]),
    ("的的确确如此，目的的确定要慎重，为了了解基层情况，除了了解情况外。", []),
    ("我实在受不了了。当地地方政府干得得心应手，他是地地道道的农民。", []),
    # PTC004: only after a modal or 要求/请, with adverbials between
    ("我们要认真的学习文件，要严格的落实责任制。", [(1, 6, "PTC004"), (1, 15, "PTC004")]),
    ("必须积极稳妥的推进改革，会议要求各地认真的开展自查。", [(1, 7, "PTC004"), (1, 21, "PTC004")]),
    ("经过认真的学习，大家提高了认识。要进行深入的研究，要给予积极的支持。", []),
    ("这是认真的态度，取得了扎实的成效，要保持良好的学习习惯，要加强地方立法。", []),
    # PTC005: complement at the clause end; predicates of a thing stay
    ("这项工作做的很扎实。大家干的十分出色。", [(1, 6, "PTC005"), (1, 14, "PTC005")]),
    ("会议开的非常成功。这件事办的非常漂亮。他做的好。", [(1, 4, "PTC005"), (1, 14, "PTC005"), (1, 22, "PTC005")]),
    ("我们说的好办法要推广。他做的事情很多。这是他做的。他坐的士去开会。", []),
    ("他做的很多，说的很少。他说的很对。取得的成效，有目共睹。", []),
]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("text", "expected"), TRAPS_FLAGGED, ids=range(len(TRAPS_FLAGGED)))
def test_traps(sessions: dict[str, Session], engine: str, text: str, expected: list[tuple[int, int, str]]) -> None:
    assert found(lint(sessions, text, engine)) == expected


def test_ptc002_supersedes_ptc001_on_the_same_le(sessions: dict[str, Session]) -> None:
    text = "大家要认真学习了、深刻领会会议精神。"
    assert found(lint(sessions, text)) == [(1, 8, "PTC002")]
    # PTC001 alone does see it
    rule = next(r for r in RULES if r.code == "PTC001")
    doc = sessions["rjieba"].contextualise(Document(text), sessions["rjieba"].resolver.root)
    assert [v.span.start for v in rule.check(doc, rule.options())] == [7]


def test_fix_safety(sessions: dict[str, Session]) -> None:
    text = "我们认真学习了、深刻领会了文件精神，我们听了、记了群众的意见，要坚持党的的领导。"
    diagnostics = lint(sessions, text)
    assert [(d.code, d.fix.applicability) for d in diagnostics if d.fix] == [
        ("PTC002", Applicability.SAFE),  # 学习了、: a two-syllable verb
        ("PTC002", Applicability.UNSAFE),  # 听了、: a one-syllable verb
        ("PTC003", Applicability.SAFE),
    ]
    assert fixed(text, diagnostics) == "我们认真学习、深刻领会了文件精神，我们听了、记了群众的意见，要坚持党的领导。"


def test_markdown_positions_and_headings(sessions: dict[str, Session]) -> None:
    text = "# 标题\n\n- 要扎实的推进各项工作\n> 党的的领导\n"
    assert found(lint(sessions, text, suffix=".md")) == [(3, 6, "PTC004"), (4, 4, "PTC003")]


# -- candidate-first: only paragraphs with a candidate are segmented ---------------------------------


def test_only_paragraphs_with_a_candidate_are_tokenized() -> None:
    counting = CountingTokenizer()
    # 第五段's 了 has no modal before it in its clause, 第六段's 的 neither a directive before it
    # nor a degree word or adjective after it: no rule can report them, so no tokens are needed.
    text = "第一段没有候选字。\n第二段要学习了文件。\n第三段也没有。\n第四段党的的领导。\n第五段学习了文件。\n第六段党的领导。"
    doc = Document(text, tokenizer_factory=lambda: counting)
    for r in RULES:
        list(r.check(doc, r.options()))
    assert counting.calls == ["第二段要学习了文件。", "第四段党的的领导。"]  # each once, shared by all five rules


# -- both engines agree, and the corpus stays clean -------------------------------------------------


def _all_findings(sessions: dict[str, Session], engine: str, texts: list[str]) -> Iterator[tuple[int, int, int, str]]:
    for n, text in enumerate(texts):
        for d in lint(sessions, text, engine):
            yield n, d.start.line, d.start.column, d.code


def test_engines_agree_on_the_traps(sessions: dict[str, Session]) -> None:
    texts = [t for t, _ in TRAPS_FLAGGED] + [t for t, _, _ in FLAGGED] + SILENT
    assert list(_all_findings(sessions, "jieba", texts)) == list(_all_findings(sessions, "rjieba", texts))


@pytest.mark.parametrize("engine", ENGINES)
def test_corpus_is_clean(sessions: dict[str, Session], engine: str) -> None:
    assert CORPUS, "benchmarks/corpus is empty"
    for path in CORPUS:
        diagnostics = lint(sessions, path.read_text(encoding="utf-8"), engine)
        assert found(diagnostics) == [], path.name
