"""Rule packs in TOML: the four kinds, loading from config, and ``speechlint check-pack``."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from speechlint import kinds
from speechlint.cli import main
from speechlint.fix import Applicability, apply_fixes
from speechlint.linter import Session
from speechlint.packs import RESERVED_PREFIXES, PackError, load_pack
from speechlint.testing import lint_case

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_PACK = ROOT / "examples" / "packs" / "county-office.toml"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def pack_session(tmp_path: Path, body: str) -> Session:
    return Session(rule_packs=[str(write(tmp_path / "pack.toml", body))])


JINXING_RULE = """
    [[rule]]
    kind = "existence"
    code = "XYZ001"
    name = "jinxing"
    message = "少用“{match}”"
    phrases = ["进行"]
"""
JINXING = JINXING_RULE + """
    flag = ["我们要进行深入研究。"]
    pass = ["这首进行曲很好听。"]
"""


@pytest.fixture
def here(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Work in an empty folder: no config of the working tree applies."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- check-pack ---------------------------------------------------------------------


def test_example_pack_passes_check_pack(capsys: pytest.CaptureFixture[str], here: Path) -> None:
    code, out, err = run(capsys, "check-pack", str(EXAMPLE_PACK))
    assert (code, err) == (0, "")
    assert out == f"{EXAMPLE_PACK}: 6 rules, 28 examples: all pass\n"


def test_example_pack_uses_no_reserved_prefix_and_has_examples() -> None:
    pack = load_pack(EXAMPLE_PACK)
    assert [pr.rule.code for pr in pack.rules] == [f"CTY00{i}" for i in range(1, 7)]
    assert {pr.rule.code[:3] for pr in pack.rules}.isdisjoint(RESERVED_PREFIXES)
    assert all(pr.flag and pr.passes for pr in pack.rules)


def test_failing_example_exits_1_naming_it(capsys: pytest.CaptureFixture[str], here: Path) -> None:
    write(here / "p.toml", JINXING_RULE + """
        flag = ["我们要进行深入研究。", "这首进行曲很好听。"]
        pass = ["会议进行了三个小时。"]
    """)
    code, out, err = run(capsys, "check-pack", "p.toml")
    assert code == 1 and err == ""
    assert out.splitlines() == [
        "p.toml: XYZ001 jinxing: flag example 2 was not flagged: 这首进行曲很好听。",
        "p.toml: XYZ001 jinxing: pass example 1 was flagged at 1:3 “进行”: 会议进行了三个小时。",
        "p.toml: 1 rule, 3 examples: 2 failed",
    ]


def test_fix_that_never_settles_fails(capsys: pytest.CaptureFixture[str], here: Path) -> None:
    write(here / "p.toml", """
        [[rule]]
        kind = "substitution"
        code = "XYZ002"
        name = "loop"
        message = "改为“{suggestion}”"
        boundary = "char"
        swap = { "其它" = "其它们" }
        flag = ["其它事项"]
    """)
    code, out, _ = run(capsys, "check-pack", "p.toml")
    assert code == 1
    assert "XYZ002 loop: flag example 1: its fix never settles" in out


def test_rule_without_flag_example_fails(capsys: pytest.CaptureFixture[str], here: Path) -> None:
    write(here / "p.toml", JINXING_RULE)
    code, out, _ = run(capsys, "check-pack", "p.toml")
    assert code == 1
    assert "p.toml: XYZ001 jinxing: no flag example" in out


RULE = """
[[rule]]
kind = "{kind}"
code = "{code}"
name = "{name}"
message = "{message}"
{extra}
"""


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        ([dict(kind="exist", extra='phrases = ["进行"]')], "rule 1 (XYZ001 r-one): unknown kind 'exist'"),
        ([dict(code="PUN001")], "rule 1 (PUN001 r-one): code prefix PUN is reserved for built-in rules"),
        ([dict(code="SLX001")], "rule 1 (SLX001 r-one): code prefix SLX is reserved"),
        ([dict(extra="regex = true\nphrases = ['进(行']")], "rule 1 (XYZ001 r-one): phrases: bad regex '进(行'"),
        ([dict(extra="regex = true\nphrases = ['进?']")], "rule 1 (XYZ001 r-one): phrases: regex '进?' matches empty text"),
        ([{}, dict(name="r-two")], "rule 2 (XYZ001 r-two): duplicate code XYZ001 (also rule 1 (XYZ001 r-one))"),
        ([{}, dict(code="XYZ002")], "rule 2 (XYZ002 r-one): duplicate name r-one"),
        ([dict(extra="")], "rule 1 (XYZ001 r-one): missing field 'phrases'"),
        ([dict(extra='phrase = ["进行"]')], "rule 1 (XYZ001 r-one): unknown field 'phrase' for kind existence"),
        ([dict(message="少用{word}")], "rule 1 (XYZ001 r-one): message: unknown placeholder {word}"),
        ([dict(code="XY001")], "rule 1 (XY001 r-one): code 'XY001' must be three capital letters and three digits"),
        ([dict(name="R_One")], "rule 1 (XYZ001 R_One): name 'R_One' must be kebab-case"),
        ([dict(extra='phrases = ["进行"]\nseverity = "fatal"')], "rule 1 (XYZ001 r-one): severity must be"),
        ([dict(extra='phrases = ["进行"]\nboundary = "word"')], "rule 1 (XYZ001 r-one): boundary must be"),
        ([dict(kind="consistency", extra='forms = ["我县"]')], "rule 1 (XYZ001 r-one): forms must list at least two forms"),
        (
            [dict(kind="substitution", extra="regex = true\nswap = { '(做)为' = '\\2' }")],
            "rule 1 (XYZ001 r-one): swap: replacement '\\\\2' refers to a group '2'",
        ),
    ],
)
def test_malformed_pack_exits_2_naming_file_and_rule(
    rules: list[dict[str, str]], expected: str, capsys: pytest.CaptureFixture[str], here: Path
) -> None:
    defaults = dict(kind="existence", code="XYZ001", name="r-one", message="少用“{match}”", extra='phrases = ["进行"]')
    body = "".join(RULE.format(**{**defaults, **r}) for r in rules)
    (here / "bad.toml").write_text(body, encoding="utf-8")
    code, out, err = run(capsys, "check-pack", "bad.toml")
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"speechlint: error: bad.toml: {expected}"), lines[0]


def test_malformed_toml_and_missing_file(capsys: pytest.CaptureFixture[str], here: Path) -> None:
    (here / "bad.toml").write_text("[[rule]\nkind = ", encoding="utf-8")
    code, _, err = run(capsys, "check-pack", "bad.toml")
    assert code == 2 and err.startswith("speechlint: error: bad.toml: malformed TOML:")
    code, _, err = run(capsys, "check-pack", "missing.toml")
    assert code == 2 and err.startswith("speechlint: error: missing.toml: cannot read:")


def test_pack_level_problems(tmp_path: Path) -> None:
    with pytest.raises(PackError) as e:
        load_pack(write(tmp_path / "p.toml", '[pack]\nname = "x"\nauthor = "me"\n'))
    assert e.value.problems == ["[pack] unknown key 'author'", "no [[rule]] table: the pack defines no rules"]
    with pytest.raises(PackError) as e:
        load_pack(write(tmp_path / "q.toml", 'rules = []\n'))
    assert "unknown key 'rules'" in e.value.problems[0]


def test_check_pack_reports_collision_with_a_builtin_name(capsys: pytest.CaptureFixture[str], here: Path) -> None:
    write(here / "p.toml", JINXING.replace('"jinxing"', '"placeholder-left"'))
    code, _, err = run(capsys, "check-pack", "p.toml")
    assert code == 2
    assert err.startswith("speechlint: error: rule placeholder-left is defined twice: by plugin ")
    assert "speechlint.builtin" in err and str(here / "p.toml") in err


# -- pack rules in `speechlint check` --------------------------------------------------


DRAFT = "我县坚持项目为王。本县财政收入稳步增长，要以党建为抓手，做为全年开局。\n其它事项详见附件。\n"


def test_pack_rules_fire_in_check(capsys: pytest.CaptureFixture[str], here: Path) -> None:
    pack = here / "packs" / "county-office.toml"
    pack.parent.mkdir()
    pack.write_text(EXAMPLE_PACK.read_text(encoding="utf-8"), encoding="utf-8")
    write(here / "speechlint.toml", 'rule-packs = ["packs/county-office.toml"]\n')
    write(here / "draft.txt", DRAFT)
    code, out, err = run(capsys, "check", "draft.txt", "--output-format", "concise", "--select", "CTY")
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        "draft.txt:1:10: CTY005 [county-self-name] 全文自称已用“我县”，这里的“本县”请统一",
        "draft.txt:1:26: CTY001 [stock-jargon] 本办要求少用套话“抓手”，请写明具体措施",
        "draft.txt:1:29: CTY003 [zuowei-form] “做为”应写作“作为”",
        "draft.txt:2:1: CTY004 [qita-form] 本办公文统一写“其他”（“其它”不算错，按本办体例统一）",
        "draft.txt:2:5: CTY006 [attachment-note-missing] 正文写了“详见附件”，但文末没有附件说明（“附件：1. ……”）",
    ]
    code, out, _ = run(capsys, "rules")
    rows = [line.split() for line in out.splitlines() if line.startswith("CTY")]
    assert [r[0] for r in rows] == [f"CTY00{i}" for i in range(1, 7)]
    assert rows[2] == ["CTY003", "zuowei-form", "warning", "always", "default", str(pack)]
    code, out, _ = run(capsys, "plugins")
    assert f"{pack}  (rule pack)" in out.splitlines()
    code, out, _ = run(capsys, "rule", "CTY005")
    assert code == 0 and "## 它检查什么" in out and "## 示例" in out
    # A pack is a plugin named by its path; --disable-plugin takes the file stem too.
    code, out, _ = run(capsys, "check", "draft.txt", "--output-format", "concise", "--disable-plugin", "county-office")
    assert "CTY" not in out


def test_pack_fixes_in_json(capsys: pytest.CaptureFixture[str], here: Path) -> None:
    write(here / "speechlint.toml", f'rule-packs = ["{EXAMPLE_PACK.as_posix()}"]\n')
    write(here / "draft.txt", DRAFT)
    code, out, _ = run(capsys, "check", "draft.txt", "--output-format", "json", "--select", "CTY003,CTY005")
    fixes = [d["fix"] for d in json.loads(out)["files"][0]["diagnostics"]]
    assert fixes == [
        {"applicability": "unsafe", "title": "统一为“我县”", "edits": [{"start": 9, "end": 11, "replacement": "我县"}]},
        {"applicability": "unsafe", "title": "改为“作为”", "edits": [{"start": 28, "end": 30, "replacement": "作为"}]},
    ]


def test_pack_fixes_need_unsafe_fixes(capsys: pytest.CaptureFixture[str], here: Path) -> None:
    write(here / "speechlint.toml", f'rule-packs = ["{EXAMPLE_PACK.as_posix()}"]\n')
    draft = write(here / "draft.txt", DRAFT)
    select = ("--select", "CTY003,CTY004,CTY005", "--output-format", "concise")
    run(capsys, "check", "draft.txt", "--fix", *select)
    assert draft.read_text(encoding="utf-8") == DRAFT
    code, _, _ = run(capsys, "check", "draft.txt", "--fix", "--unsafe-fixes", *select)
    assert code == 0
    assert draft.read_text(encoding="utf-8") == (
        "我县坚持项目为王。我县财政收入稳步增长，要以党建为抓手，作为全年开局。\n其他事项详见附件。\n"
    )


def test_broken_pack_is_one_line_and_the_run_goes_on(capsys: pytest.CaptureFixture[str], here: Path) -> None:
    write(here / "good.toml", JINXING)
    write(here / "bad.toml", JINXING.replace("existence", "exist").replace("XYZ001", "XYZ009"))
    write(here / "speechlint.toml", 'rule-packs = ["bad.toml", "good.toml"]\n')
    write(here / "draft.txt", "我们要进行深入研究。\n")
    code, out, err = run(capsys, "check", "draft.txt", "--output-format", "concise")
    assert code == 2
    assert out == "draft.txt:1:4: XYZ001 [jinxing] 少用“进行”\n"
    assert err.splitlines() == [
        f"speechlint: error: rule pack {here / 'bad.toml'}: rule 1 (XYZ009 jinxing): unknown kind 'exist'"
        " (existence, substitution, consistency or conditional)"
    ]


def test_pack_code_colliding_with_another_pack_stops_the_run(capsys: pytest.CaptureFixture[str], here: Path) -> None:
    write(here / "a.toml", JINXING)
    write(here / "b.toml", JINXING.replace("jinxing", "jinxing-two"))
    write(here / "speechlint.toml", 'rule-packs = ["a.toml", "b.toml"]\n')
    write(here / "draft.txt", "我们要进行深入研究。\n")
    code, out, err = run(capsys, "check", "draft.txt")
    assert code == 2 and out == ""
    a, b = here / "a.toml", here / "b.toml"
    assert err in (
        f"speechlint: error: rule XYZ001 is defined twice: by plugin {a} and by plugin {b}\n",
        f"speechlint: error: rule XYZ001 is defined twice: by plugin {b} and by plugin {a}\n",
    )


def test_rule_packs_only_in_root_config(capsys: pytest.CaptureFixture[str], here: Path) -> None:
    write(here / "speechlint.toml", "")
    write(here / "sub" / "speechlint.toml", 'rule-packs = ["p.toml"]\n')
    write(here / "sub" / "a.txt", "我们要进行深入研究。\n")
    code, _, err = run(capsys, "check", "sub/a.txt")
    assert code == 2 and "'rule-packs' is allowed only in the root config" in err


# -- the kinds -----------------------------------------------------------------------


def test_token_boundary_does_not_fire_inside_a_longer_word(tmp_path: Path) -> None:
    session = pack_session(tmp_path, JINXING)
    found = lint_case(session, "XYZ001", "这首进行曲很好听。我们要进行深入研究。")
    assert [(d.start.column, d.match) for d in found] == [(13, "进行")]
    char = pack_session(tmp_path, JINXING + 'boundary = "char"\n')
    found = lint_case(char, "XYZ001", "这首进行曲很好听。我们要进行深入研究。")
    assert [d.start.column for d in found] == [3, 13]


def test_token_boundary_takes_the_longest_aligned_phrase(tmp_path: Path) -> None:
    session = pack_session(tmp_path, """
        [[rule]]
        kind = "existence"
        code = "XYZ001"
        name = "big-words"
        message = "“{match}”"
        phrases = ["进行", "进行曲"]
    """)
    found = lint_case(session, "XYZ001", "这首进行曲很好听，我们要进行深入研究。")
    assert [d.match for d in found] == ["进行曲", "进行"]


def test_char_rules_never_load_the_tokenizer(tmp_path: Path) -> None:
    pack = write(tmp_path / "p.toml", """
        [[rule]]
        kind = "existence"
        code = "XYZ001"
        name = "jinxing"
        message = "少用“{match}”"
        phrases = ["进行"]
        boundary = "char"

        [[rule]]
        kind = "existence"
        code = "XYZ002"
        name = "zhuashou"
        message = "少用“{match}”"
        phrases = ["抓手"]
    """)
    # XYZ002 matches on tokens but finds no candidate, so it never asks for tokens either.
    script = textwrap.dedent(f"""
        import sys
        from speechlint.linter import Session
        from speechlint.testing import lint_case
        s = Session(rule_packs=[{str(pack)!r}])
        found = lint_case(s, "XYZ001", "我们要进行深入研究。") + lint_case(s, "XYZ002", "我们要进行深入研究。")
        assert [d.code for d in found] == ["XYZ001"], found
        print(sorted(m for m in ("jieba", "rjieba") if m in sys.modules))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out == "[]\n"


def test_existence_max_and_suggestion(tmp_path: Path) -> None:
    session = pack_session(tmp_path, """
        [[rule]]
        kind = "existence"
        code = "XYZ001"
        name = "dazao"
        message = "“{match}”用多了，可用{suggestion}"
        phrases = ["打造"]
        max = 2
        suggestion = "建设"
    """)
    text = "打造高地，打造样板，打造队伍，打造品牌。"
    found = lint_case(session, "XYZ001", text)
    assert [(d.start.column, d.message) for d in found] == [
        (11, "“打造”用多了，可用建设"),
        (16, "“打造”用多了，可用建设"),
    ]
    assert lint_case(session, "XYZ001", "打造高地，打造样板。") == []


def test_exceptions_shelter_a_match(tmp_path: Path) -> None:
    session = pack_session(tmp_path, JINXING + 'exceptions = ["进行了"]\n')
    assert lint_case(session, "XYZ001", "会议进行了三个小时。") == []
    assert [d.start.column for d in lint_case(session, "XYZ001", "会议进行三个小时。")] == [3]


def test_substitution_regex_with_group_and_unsafe_fix(tmp_path: Path) -> None:
    session = pack_session(tmp_path, """
        [[rule]]
        kind = "substitution"
        code = "XYZ001"
        name = "wan-yuan"
        message = "“{match}”改为“{suggestion}”"
        regex = true
        boundary = "char"
        swap = { '(\\d+)W元' = '\\1万元' }
    """)
    text = "投资12W元，收益3W元。"
    found = lint_case(session, "XYZ001", text)
    assert [(d.match, d.message) for d in found] == [("12W元", "“12W元”改为“12万元”"), ("3W元", "“3W元”改为“3万元”")]
    assert {d.fix.applicability for d in found if d.fix} == {Applicability.UNSAFE}
    assert apply_fixes(text, [d.fix for d in found if d.fix])[0] == "投资12万元，收益3万元。"


def test_consistency_majority_wins_and_ties_go_to_the_first(tmp_path: Path) -> None:
    session = pack_session(tmp_path, """
        [[rule]]
        kind = "consistency"
        code = "XYZ001"
        name = "self-name"
        message = "已用“{suggestion}”，“{match}”请统一"
        forms = ["我县", "本县"]
        boundary = "char"
    """)
    majority = lint_case(session, "XYZ001", "本县坚持项目为王。我县财政收入增长，我县将继续努力。")
    assert [(d.start.column, d.message) for d in majority] == [(1, "已用“我县”，“本县”请统一")]
    tie = lint_case(session, "XYZ001", "本县坚持项目为王。我县财政收入增长。")
    assert [(d.start.column, d.match) for d in tie] == [(10, "我县")]
    assert lint_case(session, "XYZ001", "本县坚持项目为王，本县财政收入增长。") == []


def test_conditional_multiline_regex_and_any_of(tmp_path: Path) -> None:
    session = pack_session(tmp_path, """
        [[rule]]
        kind = "conditional"
        code = "XYZ001"
        name = "attachment-note"
        message = "写了“{match}”却没有附件说明"
        regex = true
        boundary = "char"
        if = ['详见附件', '见附件\\d']
        then = '^附件[：:]'
    """)
    found = lint_case(session, "XYZ001", "名单见附件1。\n详见附件。\n")
    assert [(d.start.line, d.start.column, d.match) for d in found] == [(1, 3, "见附件1")]
    assert lint_case(session, "XYZ001", "名单见附件1。\n\n附件：1.名单\n") == []
    # "附件：" must open a line: a mention inside a sentence does not count.
    assert len(lint_case(session, "XYZ001", "名单见附件1。另请阅读附件：名单。\n")) == 1


def test_conditional_literal_suggests_the_required_phrase(tmp_path: Path) -> None:
    session = pack_session(tmp_path, """
        [[rule]]
        kind = "conditional"
        code = "XYZ001"
        name = "contact-needed"
        message = "提到“{match}”时请写明“{suggestion}”"
        if = "报名"
        then = ["联系人", "联系电话"]
    """)
    found = lint_case(session, "XYZ001", "请各单位按时报名。")
    assert [d.message for d in found] == ["提到“报名”时请写明“联系人”"]
    assert lint_case(session, "XYZ001", "请各单位按时报名。联系电话：1234567。") == []


def test_factories_can_be_used_from_python() -> None:
    r = kinds.substitution(code="XYZ001", name="zuowei", message="“{match}”→“{suggestion}”", swap={"其它": "其他"})
    assert (r.code, r.fix.value, r.summary) == ("XYZ001", "always", "用词替换：“其它”→“其他”")
    with pytest.raises(kinds.KindError, match="swap: '其它' is replaced by itself"):
        kinds.substitution(code="XYZ001", name="zuowei", message="x", swap={"其它": "其它"})
    with pytest.raises(kinds.KindError, match="phrases must not be empty"):
        kinds.existence(code="XYZ001", name="nothing", message="x", phrases=[])
    with pytest.raises(kinds.KindError, match="phrases lists '进行' twice"):
        kinds.existence(code="XYZ001", name="twice", message="x", phrases=["进行", "进行"])
