from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import run, run_json

CLEAN_SPEECH = """同志们：
今天，我们召开全县安全生产工作会议，主要任务是总结上半年工作，部署下一阶段任务。
下面，我讲两点意见。
一、提高认识，压实责任。各乡镇、各部门要把安全生产摆在突出位置。
二、突出重点，狠抓落实。要抓好重点行业领域的隐患排查整治。
同志们，安全生产责任重于泰山。让我们以更加务实的作风，为全县经济社会发展创造良好环境而努力奋斗！
"""


def test_seed_findings_are_consistent(seed: Path) -> None:
    code, data = run_json("--isolated", seed)
    assert code == 1
    [f] = data["files"]
    text = seed.read_text(encoding="utf-8")
    diags = f["diagnostics"]
    drf = [d for d in diags if d["code"] == "DRF001"]
    assert sorted(d["match"] for d in drf) == ["X", "X", "X", "XX"]
    assert {text[d["start"]["offset"] : d["end"]["offset"] + 2] for d in drf} == {"XX同志", "X组长"}
    pun = [d for d in diags if d["code"] == "PUN001"]
    assert len(pun) > 100
    assert {d["match"] for d in pun} <= {",", ";", ":", "!", "?"}
    lines = text.splitlines(keepends=True)
    for d in diags:
        assert text[d["start"]["offset"] : d["end"]["offset"]] == d["match"]
        for end in ("start", "end"):
            pos = d[end]
            before = sum(len(ln) for ln in lines[: pos["line"] - 1])
            assert before + pos["column"] - 1 == pos["offset"]


def test_json_shape(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("请XX同志讲话,大家鼓掌。\n", encoding="utf-8")
    code, data = run_json("--isolated", f)
    assert code == 1
    assert data["version"] == 1 and data["tool"]["name"] == "speechlint"
    [entry] = data["files"]
    assert entry["encoding"] == "utf-8"
    assert set(entry) == {"path", "encoding", "genre", "genre_family", "home", "diagnostics"}
    d = entry["diagnostics"][0]
    assert d == {
        "code": "DRF001",
        "rule": "placeholder-left",
        "severity": "error",
        "message": "占位符“XX”未替换",
        "match": "XX",
        "start": {"line": 1, "column": 2, "offset": 1},
        "end": {"line": 1, "column": 4, "offset": 3},
        "fix": None,
    }
    pun = entry["diagnostics"][1]
    assert pun["fix"] == {
        "applicability": "safe",
        "title": "改为全角“，”",
        "edits": [{"start": 7, "end": 8, "replacement": "，"}],
    }
    assert data["errors"] == []


def test_selecting_only_pun001_never_imports_jieba(seed: Path) -> None:
    code = (
        "import sys\n"
        "from speechlint.cli import main\n"
        f"rc = main(['check', '--isolated', '--select', 'PUN001', '--output-format', 'concise', {str(seed)!r}])\n"
        "assert rc == 1, rc\n"
        "bad = [m for m in ('jieba', 'rjieba') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr


def test_clean_speech_exits_zero(tmp_path: Path) -> None:
    f = tmp_path / "clean.txt"
    f.write_text(CLEAN_SPEECH, encoding="utf-8")
    p = run("check", "--isolated", f)
    assert p.returncode == 0, p.stdout + p.stderr
    assert p.stdout == ""


def test_missing_file_is_one_error_line(tmp_path: Path) -> None:
    p = run("check", "--isolated", tmp_path / "nope.txt")
    assert p.returncode == 2
    assert p.stderr.strip().count("\n") == 0
    assert "nope.txt" in p.stderr and "no such file" in p.stderr


def test_unknown_config_key_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "speechlint.toml").write_text('selectt = ["PUN"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("好。\n", encoding="utf-8")
    p = run("check", "a.txt", cwd=tmp_path)
    assert p.returncode == 2
    assert p.stderr.count("\n") == 1
    assert "speechlint.toml" in p.stderr and "selectt" in p.stderr


def test_malformed_toml_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.speechlint\nselect = [\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("好。\n", encoding="utf-8")
    p = run("check", "a.txt", cwd=tmp_path)
    assert p.returncode == 2
    assert p.stderr.count("\n") == 1
    assert "pyproject.toml" in p.stderr and "malformed TOML" in p.stderr


def test_binary_file_in_folder_is_an_error_and_good_file_still_checked(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02abc")
    (tmp_path / "good.txt").write_text("请XX同志发言。\n", encoding="utf-8")
    p = run("check", "--isolated", "--output-format", "concise", tmp_path)
    assert p.returncode == 2
    assert "good.txt:1:2: DRF001 [placeholder-left]" in p.stdout
    err = p.stderr.strip().splitlines()
    assert len(err) == 1 and "bin.txt" in err[0] and "binary" in err[0]


def test_gb18030_and_bom_files_are_read(tmp_path: Path) -> None:
    (tmp_path / "gb.txt").write_bytes("请XX同志发言。\n".encode("gb18030"))
    (tmp_path / "bom.txt").write_bytes("\ufeff请XX同志发言。\n".encode("utf-8"))
    code, data = run_json("--isolated", tmp_path)
    assert code == 1
    enc = {Path(f["path"]).name: f["encoding"] for f in data["files"]}
    assert enc == {"gb.txt": "gb18030", "bom.txt": "utf-8"}
    # the BOM is not counted in offsets
    for f in data["files"]:
        assert f["diagnostics"][0]["start"]["offset"] == 1


def test_walk_skips_hidden_gitignored_and_excluded(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("ignored/\n*.tmp.txt\n", encoding="utf-8")
    (tmp_path / "speechlint.toml").write_text('exclude = ["old"]\n', encoding="utf-8")
    for name in ("a.txt", "b.md", "c.tmp.txt", "ignored/d.txt", ".hidden/e.txt", "old/f.txt", "g.py"):
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("请XX同志发言。\n", encoding="utf-8")
    code, data = run_json(cwd=tmp_path)
    assert sorted(Path(f["path"]).name for f in data["files"]) == ["a.txt", "b.md"]
    # a named file is checked even when excluded, unless --force-exclude
    code, data = run_json("old/f.txt", cwd=tmp_path)
    assert len(data["files"]) == 1
    code, data = run_json("--force-exclude", "old/f.txt", cwd=tmp_path)
    assert data["files"] == [] and code == 0


def test_select_ignore_and_fail_on(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("请XX同志发言,谢谢。\n", encoding="utf-8")
    _, data = run_json("--isolated", "--select", "PUN", f)
    assert {d["code"] for d in data["files"][0]["diagnostics"]} == {"PUN001"}
    _, data = run_json("--isolated", "--ignore", "placeholder-left", f)
    assert {d["code"] for d in data["files"][0]["diagnostics"]} == {"PUN001"}
    assert run("check", "--isolated", "--select", "PUN001", "--fail-on", "error", f).returncode == 0
    assert run("check", "--isolated", "--exit-zero", f).returncode == 0
    p = run("check", "--isolated", "--select", "NOPE", f)
    assert p.returncode == 2 and "NOPE" in p.stderr


def test_rule_options_and_severity_from_config(tmp_path: Path) -> None:
    (tmp_path / "speechlint.toml").write_text(
        '[rules.halfwidth-punct-in-cjk]\nmarks = ","\nseverity = "info"\n', encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text("好,好!\n", encoding="utf-8")
    code, data = run_json("a.txt", cwd=tmp_path)
    diags = data["files"][0]["diagnostics"]
    assert [(d["match"], d["severity"]) for d in diags] == [(",", "info")]
    assert code == 0  # info never fails


@pytest.mark.parametrize(
    "table,needle",
    [
        ('[rules.no-such-rule]\nx = 1\n', "no-such-rule"),
        ('[rules.PUN001]\ncolour = "red"\n', "colour"),
        ('[rules.PUN001]\nmarks = 3\n', "marks"),
        ('fail-on = "fatal"\n', "fail-on"),
    ],
)
def test_bad_rule_tables_are_errors(tmp_path: Path, table: str, needle: str) -> None:
    (tmp_path / "speechlint.toml").write_text(table, encoding="utf-8")
    (tmp_path / "a.txt").write_text("好。\n", encoding="utf-8")
    p = run("check", "a.txt", cwd=tmp_path)
    assert p.returncode == 2 and needle in p.stderr and p.stderr.count("\n") == 1


def test_concise_and_full_formats(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("请XX同志发言,谢谢。\n", encoding="utf-8")
    p = run("check", "--isolated", "--output-format", "concise", f)
    assert p.stdout.splitlines() == [
        f"{f}:1:2: DRF001 [placeholder-left] 占位符“XX”未替换",
        f"{f}:1:8: PUN001 [halfwidth-punct-in-cjk] 中文语境应使用全角标点“，”，不用半角“,”",
    ]
    p = run("check", "--isolated", "--output-format", "full", f)
    lines = p.stdout.splitlines()
    # carets under the comma: "请XX同志发言" is 2+1+1+2+2+2+2 = 12 columns wide
    source = lines.index("1 | 请XX同志发言,谢谢。", 5)
    assert lines[source + 1] == "  | " + " " * 12 + "^"
    assert "共发现 2 处问题" in lines[-1]


def test_output_file_and_statistics(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("请XX同志发言,谢谢,再见!\n", encoding="utf-8")
    out = tmp_path / "out.json"
    p = run("check", "--isolated", "--output-format", "json", "--output-file", out, f)
    assert p.stdout == "" and json.loads(out.read_text(encoding="utf-8"))["files"]
    p = run("check", "--isolated", "--statistics", f)
    assert p.stdout.splitlines() == ["     3  PUN001  [*] halfwidth-punct-in-cjk", "     1  DRF001      placeholder-left"]


def test_rules_rule_plugins_and_version() -> None:
    p = run("rules")
    assert p.returncode == 0 and "PUN001" in p.stdout and "placeholder-left" in p.stdout
    p = run("rule", "PUN001")
    assert p.returncode == 0 and "## 修复安全性" in p.stdout
    assert run("rule", "placeholder-left").returncode == 0
    assert run("rule", "XYZ999").returncode == 2
    p = run("plugins")
    assert "speechlint.builtin" in p.stdout
    p = run("--version")
    assert p.stdout.startswith("speechlint ")


def test_no_command_prints_help_and_exit_2() -> None:
    p = run()
    assert p.returncode == 2 and "check" in p.stdout


def test_check_without_path_checks_current_folder(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("请XX同志发言。\n", encoding="utf-8")
    p = run("check", "--isolated", "--output-format", "concise", cwd=tmp_path)
    assert p.returncode == 1 and "a.md:1:2: DRF001" in p.stdout


def test_unsupported_named_file_is_skipped_with_a_note(tmp_path: Path) -> None:
    f = tmp_path / "a.pdf"
    f.write_bytes(b"%PDF-1.4")
    p = run("check", "--isolated", f)
    assert p.returncode == 0 and "unsupported" in p.stderr


def test_crashing_rule_is_reported_and_others_still_run(tmp_path: Path) -> None:
    plugin = tmp_path / "crash.py"
    plugin.write_text(
        "from speechlint import hookimpl, rule\n"
        "@rule(code='ZZZ900', name='always-crash')\n"
        "def crash(document, options):\n"
        "    '''崩溃。'''\n"
        "    raise RuntimeError('boom')\n"
        "    yield\n"
        "@hookimpl\n"
        "def speechlint_rules():\n"
        "    return [crash]\n",
        encoding="utf-8",
    )
    (tmp_path / "speechlint.toml").write_text('plugins = ["crash.py"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("请XX同志发言。\n", encoding="utf-8")
    p = run("check", "--output-format", "concise", "a.txt", cwd=tmp_path)
    assert p.returncode == 2
    assert "DRF001" in p.stdout
    assert p.stderr.strip() == "speechlint: error: rule ZZZ900 crashed on a.txt: RuntimeError: boom"


def test_broken_local_plugin_is_one_line_and_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "broken.py").write_text("import no_such_module_here\n", encoding="utf-8")
    (tmp_path / "speechlint.toml").write_text('plugins = ["broken.py"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("请XX同志发言。\n", encoding="utf-8")
    p = run("check", "--output-format", "concise", "a.txt", cwd=tmp_path)
    assert p.returncode == 2 and "DRF001" in p.stdout
    err = p.stderr.strip().splitlines()
    assert len(err) == 1 and "broken.py" in err[0] and "ModuleNotFoundError" in err[0]


def test_color_only_on_terminal_and_no_color_respected(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("请XX同志发言。\n", encoding="utf-8")
    p = run("check", "--isolated", "--output-format", "full", f)
    assert "\x1b[" not in p.stdout
