"""GEN rules: the issue's must-flag and must-stay-silent lists, the seed, the corpus, config."""

from __future__ import annotations

from pathlib import Path

import pytest

from speechlint.config import ConfigResolver, settings_from_table
from speechlint.diagnostic import Diagnostic
from speechlint.fix import apply_fixes
from speechlint.linter import Session, lint_text

from conftest import ROOT

CORPUS = sorted((ROOT / "benchmarks" / "corpus").glob("*.txt"))


def lint(text: str, select: tuple[str, ...] = ("GEN", "PUN001"), path: str | None = None, **config: object) -> list[Diagnostic]:
    settings = settings_from_table({"select": list(select), **config}, None, Path.cwd())
    return lint_text(text, path=path, settings=settings)


def found(diagnostics: list[Diagnostic]) -> list[tuple[int, int, str]]:
    return [(d.start.line, d.start.column, d.code) for d in diagnostics]


SPEECH_HEAD = "在全县安全生产工作会议上的讲话\n同志们：\n今天，我们召开全县安全生产工作会议，部署今年的安全生产工作。\n"
NOTICE_HEAD = "关于做好汛期安全防范工作的通知\n各乡镇人民政府，县直各单位：\n请各单位立即开展隐患排查，落实值班值守制度。\n"
REQUEST_HEAD = "关于购置执法执勤车辆的请示\n市财政局：\n为保障执法工作正常开展，拟购置执法执勤车辆两辆，所需资金六十万元。\n"
REPORT_HEAD = "关于2024年上半年安全生产工作情况的报告\n市应急管理局：\n今年以来，我县认真落实安全生产责任制，全县未发生较大以上生产安全事故。\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SPEECH_HEAD + "特此通知。\n", [(4, 1, "GEN001")]),
        (NOTICE_HEAD + "谢谢大家！\n", [(4, 1, "GEN001")]),
        (REQUEST_HEAD + "特此报告。\n", [(4, 1, "GEN001")]),  # GEN002 is superseded: one finding
        (REPORT_HEAD + "妥否，请批示。\n", [(4, 1, "GEN001")]),
        ("同志们,\n今天，我们召开全县安全生产工作会议。\n谢谢大家！\n", [(1, 4, "GEN004")]),  # no PUN001
    ],
    ids=["speech-tecitongzhi", "notice-xiexie", "request-baogao", "report-qingpishi", "salutation-ascii-comma"],
)
def test_must_flag(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert found(lint(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        NOTICE_HEAD + "特此通知。\n",
        REQUEST_HEAD + "妥否，请批示。\n",
        REPORT_HEAD + "特此报告。\n",
        REPORT_HEAD + "以上情况，特此报告。\n",
        SPEECH_HEAD + "谢谢大家！\n",
        SPEECH_HEAD + "同志们，让我们团结一心、真抓实干，为全县经济社会高质量发展而努力奋斗！\n",
        "2024年灵石县人民政府工作报告\n各位代表：\n现在，我代表县人民政府向大会报告工作，请予审议。\n"
        "各位代表，让我们在县委的坚强领导下，为全面建设社会主义现代化新灵石而努力奋斗！\n",
        "县政府第十二次常务会议纪要\n3月5日，县长王明主持召开县政府第十二次常务会议。\n"
        "会议要求，各乡镇要在3月底前完成农资储备，确保春耕生产顺利进行。\n",
    ],
    ids=["notice", "request", "report", "report-lead-in", "speech-thanks", "speech-rally", "government-report", "minutes"],
)
def test_must_stay_silent(text: str) -> None:
    assert lint(text) == []


def test_half_width_variants_are_flagged_once() -> None:
    speech = "在全县安全生产工作会议上的讲话\n同志们:\n今天，我们召开全县安全生产工作会议。\n特此通知!\n"
    assert found(lint(speech)) == [(2, 4, "GEN004"), (4, 1, "GEN001"), (4, 5, "GEN003")]
    request = "关于购置执法执勤车辆的请示\n市财政局:\n拟购置执法执勤车辆两辆.\n妥否?请批示!\n"
    assert found(lint(request)) == [(2, 5, "GEN004"), (4, 3, "GEN003")]


def test_owned_marks_are_reported_once() -> None:
    text = "关于做好防汛工作的通知\n各乡镇人民政府：：\n请做好防汛工作。\n特此通知。。\n"
    assert found(lint(text, select=("GEN", "PUN"))) == [(2, 8, "GEN004"), (4, 5, "GEN003")]


def test_safe_fixes_settle() -> None:
    text = "关于购置执法执勤车辆的请示\n市财政局:\n拟购置执法执勤车辆两辆。\n妥否?请批示!\n"
    fixes = [d.fix for d in lint(text) if d.fix and d.fix.applicability.value == "safe"]
    fixed, applied = apply_fixes(text, fixes)
    assert applied == 2
    assert fixed == "关于购置执法执勤车辆的请示\n市财政局：\n拟购置执法执勤车辆两辆。\n妥否，请批示。\n"
    assert lint(fixed) == []


def test_suggestions_are_display_only() -> None:
    (d,) = lint(REQUEST_HEAD + "特此报告。\n")
    assert d.fix is not None and d.fix.applicability.value == "display-only"
    assert d.fix.edits[0].replacement == "妥否，请批示。"
    (d,) = lint(REQUEST_HEAD, select=("GEN002",))
    assert d.fix is not None and d.fix.applicability.value == "display-only"
    assert d.fix.edits[0].replacement == "\n妥否，请批示。"


def test_unknown_genre_stays_silent() -> None:
    assert lint("今天，我们召开会议，部署今年的工作。\n特此通知。\n", select=("GEN001", "GEN002", "GEN007")) == []
    # A genre the table does not know (front matter is not validated like config).
    md = "---\ngenre: 倡议书\n---\n\n同志们：\n\n今天，我们召开会议。\n\n特此通知。\n"
    assert found(lint(md, select=("GEN001", "GEN002", "GEN007"), path="a.md")) == []


def test_genre_from_config_and_front_matter() -> None:
    text = "各乡镇人民政府：\n请于3月底前报送春耕备耕情况。\n谢谢大家！\n"
    assert found(lint(text, genre="通知")) == [(3, 1, "GEN001")]
    md = "---\ngenre: 通知\n---\n\n各乡镇人民政府：\n\n请于3月底前报送春耕备耕情况。\n\n谢谢大家！\n"
    assert found(lint(md, path="draft.md")) == [(9, 1, "GEN001")]


def test_config_genre_table_adds_a_genre(tmp_path: Path) -> None:
    (tmp_path / "speechlint.toml").write_text(
        'select = ["GEN"]\n'
        '[genres."倡议书"]\nfamily = "official"\ntitles = ["倡议书"]\n'
        'wrong-closings = [{ pattern = "特此通知", message = "倡议书不用“{found}”" }]\n',
        encoding="utf-8",
    )
    draft = tmp_path / "a.txt"
    draft.write_text("关于节约用水的倡议书\n全县广大居民：\n让我们从点滴做起，节约每一滴水。\n特此通知。\n", encoding="utf-8")
    session = Session(ConfigResolver(cwd=tmp_path))
    result, errors, _ = session.check_file(draft)
    assert not errors and result is not None
    assert [(d.code, d.message) for d in result.diagnostics] == [("GEN001", "倡议书不用“特此通知”")]


def test_seed_gets_gen004_and_no_gen001(seed: Path) -> None:
    diagnostics = lint(seed.read_text(encoding="utf-8"), select=("GEN",))
    assert found(diagnostics) == [(1, 4, "GEN004")]
    assert diagnostics[0].fix is not None and diagnostics[0].fix.edits[0].replacement == "："
    # PUN001 does not report the colon GEN004 owns.
    with_pun = lint(seed.read_text(encoding="utf-8"), select=("GEN", "PUN001"))
    assert [d.code for d in with_pun if d.start.line == 1] == ["GEN004"]


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_corpus_has_no_gen_warning_or_error(path: Path) -> None:
    diagnostics = lint(path.read_text(encoding="utf-8"), select=("GEN",))
    assert [d for d in diagnostics if d.severity.value != "info"] == []
    if path.name.startswith("formula-"):
        assert diagnostics == []


def test_own_corpus_covers_the_genres() -> None:
    from speechlint.document import Document

    genres = {Document(text=p.read_text(encoding="utf-8")).meta.genre for p in CORPUS if p.name.startswith("formula-")}
    assert {"通知", "请示", "报告", "批复", "函", "纪要", "讲话", "致辞", "主持词"} <= genres
