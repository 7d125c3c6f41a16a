"""The punctuation family together: one problem, one diagnostic; fixes settle; the corpus stays quiet."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers import run
from speechlint.builtin.punctuation._context import Protected, protected, url_spans
from speechlint.config import settings_from_table
from speechlint.diagnostic import Diagnostic
from speechlint.fix import Applicability, apply_fixes
from speechlint.linter import Session
from speechlint.rule import Severity

ROOT = Path(__file__).resolve().parent.parent
PUN = ["PUN001", "PUN002", "PUN003", "PUN004", "PUN005", "PUN008", "PUN009"]
TOGETHER = [*PUN, "TRM001"]


@pytest.fixture(scope="module")
def session() -> Session:
    return Session()


def lint(session: Session, text: str, select: list[str] = TOGETHER, suffix: str = ".txt") -> list[Diagnostic]:
    settings = settings_from_table({"select": select}, None, Path.cwd())
    doc = session.read(Path("draft" + suffix), text.encode("utf-8"), settings)
    assert doc is not None
    diagnostics, errors = session.lint_document(doc, settings)
    assert not errors, errors
    return diagnostics


def found(session: Session, text: str, select: list[str] = TOGETHER) -> list[tuple[str, int, str]]:
    return [(d.code, d.start.column, d.match) for d in lint(session, text, select)]


# -- each defect by its own rule, exactly once, with all the rules running ------------------

FLAGGED = [
    ("坚持学习,不断进步!", [("PUN001", 5, ","), ("PUN001", 10, "!")]),
    ("“四个意识", [("PUN002", 1, "“")]),
    ("（组织领导。", [("PUN003", 1, "（")]),
    ("千头万绪...要", [("PUN004", 5, "...")]),
    ("长期任务--必须", [("PUN005", 5, "--")]),
    ("领导，，压实", [("PUN008", 3, "，，")]),
    ("要 加强 组织领导.", [("PUN009", 2, " 加强 ")]),  # PUN001 leaves "." alone by default
    # The same defects typed with half-width punctuation around them.
    ("\"四个意识,要牢记.", [("PUN002", 1, "\""), ("PUN001", 6, ",")]),
    ("(组织领导.", [("PUN003", 1, "(")]),
    ("工作千头万绪,...要抓住重点", [("PUN001", 7, ","), ("PUN004", 8, "...")]),
    ("这是长期任务--必须久久为功,不能松劲", [("PUN005", 7, "--"), ("PUN001", 15, ",")]),
    ("领导,,压实", [("PUN008", 3, ",,")]),
    ("会议强调,要 加强 组织领导", [("PUN001", 5, ","), ("PUN009", 7, " 加强 ")]),
    ("学习习近平新时代社会主义思想,推动发展", [("TRM001", 3, "习近平新时代社会主义思想"), ("PUN001", 15, ",")]),
]


@pytest.mark.parametrize(("text", "expected"), FLAGGED, ids=[t for t, _ in FLAGGED])
def test_each_defect_is_reported_once_by_its_owner(
    session: Session, text: str, expected: list[tuple[str, int, str]]
) -> None:
    assert sorted(found(session, text), key=lambda f: f[1]) == sorted(expected, key=lambda f: f[1])


SILENT = [
    "1.5亿元",
    "增长5.2%",
    "（http://www.example.gov.cn/a.html）",
    "iPhone 15 Pro",
    "“两个确立”",
    "主持——这是",
    "聚焦主责主业\u3000强化监督执纪",
    # More of what a well-written draft contains.
    "会议定于上午9:30召开，全年投资1,000万元，比例为3:2，依据第3.1.2条。",
    "(http://www.example.gov.cn/a.html)",
    "详见县政府网站（https://www.example.gov.cn/zwgk/index.html），或发邮件至office@example.gov.cn。",
    "他强调：“要做到‘两个维护’。”",
    "认真学习《〈中国共产党纪律处分条例〉释义》（国发〔2024〕3号）。",
    "具体包括：1）企业开办；2）工程建设。",
    "我们要加强学习、宣传、贯彻……把各项工作抓紧抓实。",
    "2024—2025年，北京—上海高速铁路。",
    "难道我们能视而不见吗？！",
    "　　同志们：",
    "出席：县委常委　张　强　李小红　王　明",
    "小组长说:-)这次很顺利。",
    "口号是Made in China, Made by China，大家都记住了。",
]


@pytest.mark.parametrize("text", SILENT)
def test_clean_text_is_silent(session: Session, text: str) -> None:
    assert found(session, text) == []


def test_quotation_over_three_paragraphs_is_legitimate(session: Session) -> None:
    text = "书记强调：\n“第一，要把纪律挺在前面。\n“第二，要把责任扛在肩上。\n“第三，要把作风抓在经常。”\n"
    assert found(session, text) == []
    # The last paragraph must close it.
    broken = text.replace("经常。”", "经常。")
    assert [(d.code, d.start.line, d.start.column) for d in lint(session, broken)] == [("PUN002", 4, 1)]


def test_markdown_code_is_exempt_but_prose_around_it_is_checked(session: Session) -> None:
    text = "# 说明\n\n代码 `a = “b` 与 `x -- y` 不查，正文千头万绪...要抓重点。\n\n```\n（组织领导。\n```\n"
    assert [(d.code, d.match) for d in lint(session, text, suffix=".md")] == [("PUN004", "...")]


def test_markdown_soft_wrapped_paragraph_closes_on_the_next_line(session: Session) -> None:
    wrapped = "他说：“要加强学习。\n要抓好落实。”\n"
    assert lint(session, wrapped, suffix=".md") == []
    # A blank line ends the Markdown paragraph, and in plain text a finished line stands alone.
    assert [d.code for d in lint(session, wrapped.replace("\n", "\n\n", 1), suffix=".md")] == ["PUN002", "PUN002"]
    assert [d.code for d in lint(session, "（组织领导。\n请各单位）\n")] == ["PUN003", "PUN003"]
    # A line that closes the mark of the line above may leave another one open for the next.
    chain = "在建工程（特别是\n施工项目）开展排查，按照《防汛应急\n预案》的要求执行。\n"
    assert lint(session, chain, suffix=".md") == []


def test_punctuation_and_formulation_rules_never_import_the_tokenizer(tmp_path: Path) -> None:
    draft = tmp_path / "讲话.txt"
    draft.write_text(EVERY_DEFECT, encoding="utf-8")
    code = (
        "import sys\n"
        "from speechlint.cli import main\n"
        f"rc = main(['check', '--isolated', '--no-cache', '--select', 'PUN,TRM001', {str(draft)!r}])\n"
        "assert rc == 1, rc\n"
        "bad = [m for m in ('jieba', 'rjieba') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert p.returncode == 0, p.stderr


# -- fixes of all the rules together settle ------------------------------------------------------

EVERY_DEFECT = """同志们:
坚持学习,不断进步!要牢记“国之大者，坚定信心。
增强"四个意识"，坚定“四个自信"。
印发《安全生产管理办法(试行)》的通知（组织领导。
千头万绪...要抓住重点。。。学习、宣传、贯彻……等工作要同步推进，要求如下…
长期任务--必须久久为功，我们的目标──共同富裕，我们的奋斗目标—共同富裕。
领导，，压实责任；；抓好落实。。真的可行吗？？
要 加强 组织领导.
他强调：“要做到“两个维护”。”
学习习近平新时代社会主义思想。
"""

AFTER_SAFE = """同志们：
坚持学习，不断进步！要牢记“国之大者，坚定信心。
增强"四个意识"，坚定“四个自信"。
印发《安全生产管理办法（试行）》的通知（组织领导。
千头万绪……要抓住重点……学习、宣传、贯彻……等工作要同步推进，要求如下……
长期任务——必须久久为功，我们的目标——共同富裕，我们的奋斗目标—共同富裕。
领导，压实责任；抓好落实。真的可行吗？？
要加强组织领导.
他强调：“要做到“两个维护”。”
学习习近平新时代社会主义思想。
"""

AFTER_UNSAFE = """同志们：
坚持学习，不断进步！要牢记“国之大者，坚定信心。
增强“四个意识”，坚定“四个自信”。
印发《安全生产管理办法（试行）》的通知（组织领导。
千头万绪……要抓住重点……学习、宣传、贯彻……工作要同步推进，要求如下……
长期任务——必须久久为功，我们的目标——共同富裕，我们的奋斗目标——共同富裕。
领导，压实责任；抓好落实。真的可行吗？
要加强组织领导.
他强调：“要做到‘两个维护’。”
学习习近平新时代中国特色社会主义思想。
"""


def fix_pass(session: Session, text: str, unsafe: bool) -> str:
    allowed = {Applicability.SAFE} | ({Applicability.UNSAFE} if unsafe else set())
    fixes = [d.fix for d in lint(session, text) if d.fix and d.fix.applicability in allowed]
    return apply_fixes(text, fixes)[0]


@pytest.mark.parametrize(("unsafe", "expected"), [(False, AFTER_SAFE), (True, AFTER_UNSAFE)], ids=["safe", "unsafe"])
def test_fix_loop_over_every_defect_settles(session: Session, unsafe: bool, expected: str) -> None:
    text = EVERY_DEFECT
    for _ in range(10):
        new = fix_pass(session, text, unsafe)
        if new == text:
            break
        text = new
    else:
        pytest.fail("fixes did not settle in 10 passes")
    assert text == expected
    assert fix_pass(session, text, unsafe) == text
    # What stays needs the writer: the unclosed quotation mark and bracket.
    left = {(d.code, d.start.line) for d in lint(session, text) if not unsafe or d.fix is None}
    assert {("PUN002", 2), ("PUN003", 4)} <= left


@pytest.mark.parametrize("flags", [["--fix"], ["--fix", "--unsafe-fixes"]], ids=["fix", "unsafe-fixes"])
def test_cli_fix_twice_changes_nothing_the_second_time(tmp_path: Path, flags: list[str]) -> None:
    draft = tmp_path / "讲话.txt"
    draft.write_text(EVERY_DEFECT, encoding="utf-8")
    args = ["check", "--isolated", "--no-cache", "--select", ",".join(TOGETHER), "--output-format", "concise", *flags, draft]
    first = run(*args, cwd=tmp_path)
    assert first.returncode == 1, first.stderr  # the unclosed marks remain
    once = draft.read_bytes()
    assert once.decode("utf-8") == (AFTER_UNSAFE if "--unsafe-fixes" in flags else AFTER_SAFE)
    second = run(*args, cwd=tmp_path)
    assert second.returncode == 1, second.stderr
    assert draft.read_bytes() == once
    assert second.stdout == first.stdout


# -- the benchmark corpus stays quiet ----------------------------------------------------------

CORPUS = sorted((ROOT / "benchmarks" / "corpus").glob("*.txt"))


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_corpus_has_no_warning_or_error(session: Session, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    loud = [d for d in lint(session, text) if d.severity is not Severity.INFO]
    assert loud == [], [(d.code, d.start.line, d.start.column, d.match) for d in loud]


def test_own_corpus_files_are_full_of_traps() -> None:
    names = {p.name for p in CORPUS}
    assert {"punctuation-notice-traps.txt", "punctuation-speech-traps.txt"} <= names
    own = [p for p in CORPUS if p.name.startswith("punctuation-")]
    text = "".join(p.read_text(encoding="utf-8") for p in own)
    for trap in ("〔2022〕", "1）", "——", "……", "9:30", "1,200", "http://", "\u3000", "‘", "〈", "2024—2026年"):
        assert trap in text, trap


# -- shared helpers ------------------------------------------------------------------------------


def test_url_spans_leave_out_punctuation_typed_after_them() -> None:
    text = "见(http://www.example.gov.cn/a.html)和http://a.gov.cn/x.html.以及http://a.org/wiki/A_(B)。"
    urls = [text[a:b] for a, b in url_spans(text)]
    assert urls == ["http://www.example.gov.cn/a.html", "http://a.gov.cn/x.html", "http://a.org/wiki/A_(B)"]


def test_protected_spans() -> None:
    text = "增长5.2%，上午10:30，见www.example.gov.cn，笑:-)"
    guard = protected(text)
    assert all(i in guard for i in range(text.index("5.2"), text.index("5.2") + 3))
    assert text.index("%") not in guard
    assert text.index(":-)") + 2 in guard
    assert text.index("，") not in guard
    assert guard.overlaps(0, text.index("5.2") + 1)
    assert not guard.overlaps(0, text.index("5.2"))
    assert not Protected([]).overlaps(0, 10)
