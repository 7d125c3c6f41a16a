"""STR, ENU and PAR rules end to end: positions, severities, supersession, traps, the seed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from speechlint.config import settings_from_table
from speechlint.diagnostic import Diagnostic
from speechlint.fix import Applicability
from speechlint.linter import Session

from conftest import ROOT

FAMILIES = ["STR", "ENU", "PAR"]


@pytest.fixture(scope="module")
def session() -> Session:
    return Session()


def lint(session: Session, text: str, select: list[str] | None = None, suffix: str = ".txt") -> list[Diagnostic]:
    settings = settings_from_table({"select": select or FAMILIES}, None, Path.cwd())
    doc = session.read(Path("draft" + suffix), text.encode("utf-8"), settings)
    assert doc is not None
    diagnostics, errors = session.lint_document(doc, settings)
    assert not errors
    return diagnostics


def found(diagnostics: list[Diagnostic]) -> list[tuple[int, int, str, str]]:
    return sorted((d.start.line, d.start.column, d.code, d.severity.value) for d in diagnostics)


def serious(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity.value in ("warning", "error")]


@pytest.mark.parametrize("comma", ["，", ","])
def test_gap_in_headings(session: Session, comma: str) -> None:
    text = f"一、统一思想{comma}提高认识\n二、明确任务{comma}压实责任\n四、强化保障{comma}狠抓落实\n"
    d = lint(session, text)
    assert found(d) == [(3, 1, "STR001", "error")]
    (fix,) = [x.fix for x in d]
    assert fix is not None and fix.applicability is Applicability.DISPLAY_ONLY
    assert [(e.replacement) for e in fix.edits] == ["三"]


@pytest.mark.parametrize("comma", ["，", ","])
def test_announced_three_then_two_headings(session: Session, comma: str) -> None:
    text = f"同志们：\n下面{comma}我讲三点意见。\n一、提高认识\n二、压实责任\n"
    assert found(lint(session, text, ["ENU003"])) == [(2, 6, "ENU003", "error")]


@pytest.mark.parametrize("comma", ["，", ","])
def test_announced_three_then_four_headings(session: Session, comma: str) -> None:
    text = f"下面{comma}我讲三点意见。\n一、提高认识\n二、压实责任\n三、强化督导\n四、严明纪律\n"
    (d,) = lint(session, text)
    assert (d.code, d.match, d.start.line, d.start.column) == ("ENU003", "三点", 1, 6)
    assert "四点" in d.message


@pytest.mark.parametrize("comma", ["，", ","])
def test_inline_gap(session: Session, comma: str) -> None:
    text = f"一是提高站位{comma}二是压实责任{comma}四是强化保障。"
    (d,) = lint(session, text)
    assert (d.code, d.match, d.start.column) == ("ENU001", "四是", 15)


@pytest.mark.parametrize("comma", ["，", ","])
def test_level_inversion_is_a_warning_and_skip_is_info(session: Session, comma: str) -> None:
    inverted = f"（一）提高认识{comma}增强责任\n（二）压实责任{comma}狠抓落实\n"
    assert found(lint(session, inverted, ["STR003"])) == [(1, 1, "STR003", "warning")]
    skipped = f"一、主要任务{comma}具体如下\n1.抓好源头治理\n2.强化督促检查\n二、保障措施\n"
    assert found(lint(session, skipped, ["STR003"])) == [(2, 1, "STR003", "info")]


@pytest.mark.parametrize("colon", ["：", ":"])
def test_list_after_a_colon_is_not_a_skipped_level(session: Session, colon: str) -> None:
    text = f"一、下一步打算\n下一步，重点做好以下工作{colon}\n1.坚持项目为王；\n2.坚持民生优先。\n二、请求事项\n"
    assert found(lint(session, text, ["STR003"])) == []
    # The parent heading's own colon is no lead-in sentence: the skip is still reported.
    text = "一、主要任务：\n1.抓好源头治理\n2.强化督促检查\n二、保障措施\n"
    assert found(lint(session, text, ["STR003"])) == [(2, 1, "STR003", "info")]


def test_hard_wrapped_markdown_paragraph_is_one_paragraph(session: Session) -> None:
    text = (
        "# 讲话\n\n同志们：\n\n下面，我讲三点意见：首先，要强化项目谋划；其次，要加快项目\n"
        "建设；最后，要优化服务保障。\n\n存在的问题：一是项目储备不足，\n前期工作滞后；二是要素保障不够有力。\n"
    )
    assert found(lint(session, text, ["ENU"], suffix=".md")) == []
    # One paragraph a line (each line ends its sentence): 最后 on the next line is only a word.
    text = "# 讲话\n\n下面，我讲三点意见：首先，要强化谋划；其次，要加快建设。\n最后，祝大家身体健康！\n"
    assert found(lint(session, text, ["ENU003"], suffix=".md")) == [(3, 6, "ENU003", "error")]


def test_first_of_all_is_no_orphan(session: Session) -> None:
    assert found(lint(session, "做好这项工作，首先要提高认识。", ["ENU002"])) == []
    assert found(lint(session, "首先，要提高认识。", ["ENU002"])) == [(1, 1, "ENU002", "info")]


def test_heading_marker_punctuation_supersedes_pun001(session: Session) -> None:
    text = "一,总体要求\n二、主要任务\n会议强调,要提高认识。\n"
    d = lint(session, text, ["STR002", "PUN001"])
    assert found(d) == [(1, 1, "STR002", "warning"), (3, 5, "PUN001", "warning")]
    str002 = next(x for x in d if x.code == "STR002")
    assert str002.fix is not None and str002.fix.applicability is Applicability.SAFE
    assert [(e.span.start, e.span.end, e.replacement) for e in str002.fix.edits] == [(1, 2, "、")]


def test_markdown_headings_and_list_items(session: Session) -> None:
    text = "# 讲话\n\n下面，我讲三点意见。\n\n## 一、提高认识\n\n- 一是加强学习\n- 二是深入调研\n- 四是狠抓落实\n\n## 二、压实责任\n\n## 四、强化督导\n"
    d = lint(session, text, suffix=".md")
    assert found(d) == [(9, 3, "ENU001", "warning"), (13, 4, "STR001", "error")]


@pytest.mark.parametrize(
    "text",
    [
        "会议定于下午三点召开，3点半签到。",
        "村党组织第一书记要在第一时间报告，第一责任人要到岗到位。",
        "思想统一是行动一致的前提，唯一是要把工作抓实。",
        "要增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
        "会议审议通过了三个文件。",
        "今年以来，县委提出了三项重点任务，目前进展顺利。\n一、提高认识\n二、压实责任\n",
        "下面，我讲三点意见。\n同志们，今年的任务很重。\n",
        "第一章　总则\n第一条　为规范管理，制定本办法。\n第二条　有下列情形之一的：\n（一）迟报的；\n（二）漏报的。\n",
        "一、主要任务\n（一）排查\n（二）整改\n二、保障措施\n（一）经费\n（二）人员\n附件：1.实施方案\n      2.任务分工表\n",
    ],
)
def test_traps_are_silent(session: Session, text: str) -> None:
    assert serious(lint(session, text)) == []


def test_seed_speech_has_no_structure_findings(session: Session, seed: Path) -> None:
    d = lint(session, seed.read_text(encoding="utf-8"))
    assert serious(d) == [], [f"{x.start.line}:{x.start.column} {x.code} {x.message}" for x in serious(d)]


def test_corpus_is_silent(session: Session) -> None:
    corpus = sorted((ROOT / "benchmarks" / "corpus").glob("*.txt"))
    if not corpus:
        pytest.skip("benchmarks/corpus is empty")
    for path in corpus:
        d = serious(lint(session, path.read_text(encoding="utf-8")))
        assert d == [], f"{path.name}: " + "; ".join(f"{x.start.line}:{x.start.column} {x.code} {x.message}" for x in d)


def test_structure_rules_import_no_tokenizer() -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from speechlint.config import settings_from_table\n"
        "from speechlint.linter import lint_text\n"
        "s = settings_from_table({'select': ['STR', 'ENU', 'PAR']}, None, Path.cwd())\n"
        "d = lint_text('下面，我讲三点意见。\\n一、甲\\n一是学习，二是落实。\\n二、乙\\n三、丙\\n四、丁\\n', settings=s)\n"
        "assert [x.code for x in d] == ['ENU003'], d\n"
        "print(sorted(m for m in ('jieba', 'rjieba') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
