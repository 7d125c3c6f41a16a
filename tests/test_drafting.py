"""DRF002 repeated-token and DRF003 numbered-term-inconsistent: the seed, the traps, both engines."""

from __future__ import annotations

from pathlib import Path

import pytest

from speechlint.builtin.drafting import numbered_term_inconsistent, repeated_token
from speechlint.document import Document
from speechlint.fix import Applicability
from speechlint.linter import Session

from engines import CORPUS, ENGINES, CountingTokenizer, engine_sessions, fixed, found, lint


@pytest.fixture(scope="module")
def sessions() -> dict[str, Session]:
    return engine_sessions("DRF002", "DRF003")


# -- DRF003 on the seed ---------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_seed_numbered_term(sessions: dict[str, Session], seed: Path, engine: str) -> None:
    text = seed.read_text(encoding="utf-8")
    diagnostics = [d for d in lint(sessions, text, engine) if d.code == "DRF003"]
    assert [d.match for d in diagnostics] == ["六大顽瘴痼疾"]
    assert "六类顽疾" in diagnostics[0].message
    assert diagnostics[0].fix is None


@pytest.mark.parametrize("engine", ENGINES)
def test_seed_has_no_repeated_token(sessions: dict[str, Session], seed: Path, engine: str) -> None:
    assert [d for d in lint(sessions, seed.read_text(encoding="utf-8"), engine) if d.code == "DRF002"] == []


# -- DRF002 ---------------------------------------------------------------------------------------

REPEATS = [
    ("我们我们要加强学习。", [(1, 3, "DRF002")], "我们要加强学习。", Applicability.SAFE),
    ("进一步进一步加强管理。", [(1, 4, "DRF002")], "进一步加强管理。", Applicability.SAFE),
    ("要切实切实履行职责。", [(1, 4, "DRF002")], "要切实履行职责。", Applicability.SAFE),
    ("大家要要加强学习。", [(1, 4, "DRF002")], "大家要加强学习。", Applicability.SAFE),
    ("要始终把人民人民群众的利益放在首位。", [(1, 7, "DRF002")], "要始终把人民群众的利益放在首位。", Applicability.UNSAFE),
    ("我们要加强\n加强组织领导。", [(2, 1, "DRF002")], "我们要加强\n组织领导。", Applicability.UNSAFE),
]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("text", "expected", "after", "applicability"), REPEATS, ids=range(len(REPEATS)))
def test_repeated_token(
    sessions: dict[str, Session], engine: str, text: str, expected: list, after: str, applicability: Applicability
) -> None:
    diagnostics = lint(sessions, text, engine)
    assert found(diagnostics) == expected
    assert [d.fix.applicability for d in diagnostics if d.fix] == [applicability]
    assert fixed(text, diagnostics, unsafe=True) == after
    half = text.replace("。", ".").replace("，", ",")
    assert found(lint(sessions, half, engine)) == expected


NOT_REPEATS = [
    "要研究研究这个问题，讨论讨论下一步工作。",
    "大家要认认真真学习，人人参与、天天落实，常常看看。",
    "谢谢大家！谢谢谢谢！",
    "问题要一个一个地解决，路要一步一步往前走，措施要一条一条落实，一年一年抓提升。",
    "层层压实责任，个个都是好样的，事事有人管，最最重要的是落实。",
    "会上大家说说心里话，气氛热烈。",
    "村里的事情多同群众研究研究、商量商量，再交流交流、比较比较。",  # verbs tagged n, d
    "党的的领导。已经完成了了全年任务。",  # doubled particles are PTC003's
    "一、安全生产\n安全生产是头等大事。",  # a paragraph repeating the heading above it
    "（二）从严管理\n从严管理干部是一贯要求。",
    "## 安全生产\n安全生产是头等大事。",
    "- 要坚持从严\n- 从严管理干部。",  # two list items
    "加强组织领导\n领导干部要带头。",  # a title-like line ending in a noun
    "我们要加强。\n加强组织领导是关键。",  # the line above ends its sentence
    "我们要加强\n\n加强组织领导。",  # a blank line between
]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("text", NOT_REPEATS)
def test_not_repeated(sessions: dict[str, Session], engine: str, text: str) -> None:
    suffix = ".md" if text.startswith(("#", "- ")) else ".txt"
    assert [d for d in found(lint(sessions, text, engine, suffix)) if d[2] == "DRF002"] == []


def test_repeated_token_markdown_positions(sessions: dict[str, Session]) -> None:
    assert found(lint(sessions, "# 标题\n\n- 我们我们要加强学习\n", suffix=".md")) == [(3, 5, "DRF002")]


# -- DRF003 ---------------------------------------------------------------------------------------

NUMBERED = [
    ("紧盯“六类顽疾”开展整治。\n要聚焦“六大顽瘴痼疾”，建立长效机制。", [(2, 5, "DRF003")]),
    ('紧盯"六类顽疾"开展整治.\n要聚焦"六大顽瘴痼疾",建立长效机制.', [(2, 5, "DRF003")]),
    ("要增强“四个意识”、坚定“四个自信”。要把“三个意识”落实到行动上。", [(1, 23, "DRF003")]),
    ("今年实施五大行动，目前四大行动全面铺开，五大行动进展顺利。", [(1, 12, "DRF003")]),
    ("今后五大行动要提速。实施四大行动。实施五大行动。", [(1, 13, "DRF003")]),
    # the most frequent form is the reference, wherever it stands
    ("“五个过硬”……“四个过硬”……“四个过硬”总要求。", [(1, 2, "DRF003")]),
]

NUMBERED_CLEAN = [
    "1949年提出“两个务必”；党的二十大提出“三个务必”。",  # both standard formulations
    "践行“三个代表”重要思想，牢记“三个务必”。",  # different heads
    "“八个明确”……“十个明确”",  # two versions of one standard formulation
    "今年要完成三项任务，其中第一项任务是整治。",
    "深入学习贯彻党的十九大精神，认真学习贯彻党的二十大精神，中共二大会址。",
    "涌现出一大批先进典型，实现了两大突破，三大产业集群初具规模。",
    "我县具有三大优势，其中前两大优势尤为突出，这两大优势要用好。",  # members of one set
    "聚焦“六大顽瘴痼疾”，开展“六大顽瘴痼疾”专项整治。",
    "市里部署了“十大工程”，县里重点抓好其中的“五大工程”。",  # a part of a set
    "我县要做大做强三大主导产业。全市确定了四大主导产业，我县有三个在其中。",  # two owners
    "我县要抓好落实。要围绕三大主导产业延链补链。全市确定了五大主导产业集群。",  # ours and the city's
]


@pytest.mark.parametrize(("text", "expected"), NUMBERED, ids=range(len(NUMBERED)))
def test_numbered_term_inconsistent(sessions: dict[str, Session], text: str, expected: list) -> None:
    diagnostics = lint(sessions, text)
    assert found(diagnostics) == expected
    assert all(d.fix is None for d in diagnostics)


@pytest.mark.parametrize("text", NUMBERED_CLEAN)
def test_numbered_term_clean(sessions: dict[str, Session], text: str) -> None:
    assert found(lint(sessions, text)) == []


def test_numbered_term_never_tokenizes() -> None:
    class Refusing:
        name = "refusing"

        def tag(self, text: str) -> list[tuple[str, str]]:
            raise AssertionError("DRF003 must not need the tokenizer")

    doc = Document("紧盯“六类顽疾”开展整治。\n聚焦“六大顽瘴痼疾”。", tokenizer_factory=lambda: Refusing())
    rule = numbered_term_inconsistent
    assert [v.span.start for v in rule.check(doc, rule.options())] == [17]


def test_repeated_token_tokenizes_only_candidates() -> None:
    counting = CountingTokenizer("r")
    doc = Document("没有重复的一段。\n他他要学习。\n又是一段话。", tokenizer_factory=lambda: counting)
    assert [v.span.start for v in repeated_token.check(doc, repeated_token.options())] == [10]
    assert counting.calls == ["他他要学习。"]


# -- both engines, the corpus -----------------------------------------------------------------------


def test_engines_agree(sessions: dict[str, Session]) -> None:
    texts = [t for t, *_ in REPEATS] + NOT_REPEATS + [t for t, _ in NUMBERED] + NUMBERED_CLEAN
    by_engine = {e: [found(lint(sessions, t, e)) for t in texts] for e in ENGINES}
    assert by_engine["jieba"] == by_engine["rjieba"]


@pytest.mark.parametrize("engine", ENGINES)
def test_corpus_is_clean(sessions: dict[str, Session], engine: str) -> None:
    assert CORPUS, "benchmarks/corpus is empty"
    for path in CORPUS:
        assert found(lint(sessions, path.read_text(encoding="utf-8"), engine)) == [], path.name
