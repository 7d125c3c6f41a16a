"""The editor recipes of docs/editors.md parse real ``concise`` output.

The patterns are taken from the document itself, so a recipe that drifts from
the output format fails here.  The VS Code pattern runs in Python and, when
node is installed, in JavaScript's own engine; the Vim recipes run in a real
Vim when one is installed (ALE itself is replaced by two stand-in functions).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, SEED
from speechlint.cli import main

DOC = ROOT / "docs" / "editors.md"
DRAFT = "开头。\n今天,请XX同志讲话;会议由X组长主持。\n𠮷𠮷,好。\n"


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", DOC.read_text(encoding="utf-8"), re.S | re.M)


def vscode_regexp() -> str:
    (tasks,) = blocks("json")
    (task,) = json.loads(tasks)["tasks"]
    matcher = task["problemMatcher"]
    pattern = matcher["pattern"]
    assert (pattern["file"], pattern["line"], pattern["column"], pattern["code"], pattern["message"]) == (1, 2, 3, 4, 5)
    return pattern["regexp"]


@pytest.fixture
def outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[dict[str, Any]]]:
    """Concise lines and the matching JSON diagnostics of a draft (and of the seed when present)."""
    monkeypatch.chdir(tmp_path)
    Path("草稿.txt").write_text(DRAFT, encoding="utf-8")
    files = ["草稿.txt"]
    if SEED.is_file():
        shutil.copyfile(SEED, "seed.txt")
        files.append("seed.txt")
    main(["check", "--isolated", "--output-format", "concise", "--output-file", "out.txt", *files])
    main(["check", "--isolated", "--output-format", "json", "--output-file", "out.json", *files])
    lines = Path("out.txt").read_text(encoding="utf-8").splitlines()
    report = json.loads(Path("out.json").read_text(encoding="utf-8"))
    diagnostics = [d | {"path": f["path"]} for f in report["files"] for d in f["diagnostics"]]
    assert len(lines) == len(diagnostics) >= 4
    return lines, diagnostics


def expected(d: dict[str, Any]) -> list[str]:
    return [d["path"], str(d["start"]["line"]), str(d["start"]["column"]), d["code"], f"[{d['rule']}] {d['message']}"]


def test_vscode_problem_matcher_parses_concise(outputs: tuple[list[str], list[dict[str, Any]]]) -> None:
    lines, diagnostics = outputs
    regexp = re.compile(vscode_regexp())
    for line, d in zip(lines, diagnostics):
        m = regexp.match(line)
        assert m, line
        assert list(m.groups()) == expected(d)
    # A Windows path keeps its drive letter in the file group.
    m = regexp.match(r"C:\稿件\a.txt:3:5: PUN001 [halfwidth-punct-in-cjk] 中文语境应使用全角标点")
    assert m and m.group(1) == r"C:\稿件\a.txt" and m.group(2, 3) == ("3", "5")


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_vscode_problem_matcher_in_javascript(outputs: tuple[list[str], list[dict[str, Any]]]) -> None:
    lines, diagnostics = outputs
    script = (
        "const [re, lines] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const r = new RegExp(re);"
        "console.log(JSON.stringify(lines.map(l => { const m = r.exec(l); return m && m.slice(1, 6); })));"
    )
    run = subprocess.run(
        ["node", "-e", script], input=json.dumps([vscode_regexp(), lines]), capture_output=True, text=True,
        encoding="utf-8", check=True,
    )
    assert json.loads(run.stdout) == [expected(d) for d in diagnostics]


def emacs_regexp(elisp: str) -> re.Pattern[str]:
    """An Emacs regexp written as an elisp string literal, translated to Python's syntax."""
    s = elisp.replace("\\\\", "\\")  # the string literal's escaping
    for emacs, python in (("\\(?:", "(?:"), ("\\(", "("), ("\\)", ")"), ("\\{", "{"), ("\\}", "}")):
        s = s.replace(emacs, python)
    return re.compile(s)


def test_emacs_patterns_parse_concise(outputs: tuple[list[str], list[dict[str, Any]]]) -> None:
    lines, diagnostics = outputs
    (compile_mode, flymake) = blocks("elisp")
    (compile_re,) = re.findall(r'^\s*"(\^.*?)"$', compile_mode, re.M)
    (flymake_re,) = re.findall(r'^\s*"(\^.*?)"$', flymake, re.M)
    assert "(setq compilation-error-screen-columns nil)" in compile_mode
    for line, d in zip(lines, diagnostics):
        m = emacs_regexp(compile_re).match(line)
        assert m and list(m.groups()) == expected(d)[:3], line
        m = emacs_regexp(flymake_re).match(line)
        assert m and list(m.groups()) == [expected(d)[1], expected(d)[2], f"{d['code']} [{d['rule']}] {d['message']}"]


def run_vim(tmp_path: Path, script: str) -> Any:
    if shutil.which("vim") is None:
        pytest.skip("vim is not installed")
    (tmp_path / "test.vim").write_text(script, encoding="utf-8")
    out = tmp_path / "qf.json"
    run = subprocess.run(
        ["vim", "-u", "NONE", "-i", "NONE", "-N", "-es", "-S", str(tmp_path / "test.vim")],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )
    assert out.exists(), run.stdout + run.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def byte_column(text: str, line: int, column: int) -> int:
    return len(text.splitlines()[line - 1][: column - 1].encode("utf-8")) + 1


PRELUDE = "set encoding=utf-8 fileencodings=utf-8 nomore hidden\n"


def test_vim_quickfix_recipe(tmp_path: Path, outputs: tuple[list[str], list[dict[str, Any]]]) -> None:
    _, diagnostics = outputs
    quickfix, _ = blocks("vim")
    script = (
        PRELUDE
        + f"let g:speechlint_command = '{sys.executable} -m speechlint'\n"
        + quickfix
        + "Speechlint 草稿.txt\n"
        + "call writefile([json_encode(map(getqflist(), "
        + "{_, e -> [bufname(e.bufnr), e.lnum, e.col, e.type, e.text]}))], 'qf.json')\n"
        + "qa!\n"
    )
    got = run_vim(tmp_path, script)
    want = [
        ["草稿.txt", d["start"]["line"], byte_column(DRAFT, d["start"]["line"], d["start"]["column"]), "W",
         f"{d['code']} [{d['rule']}] {d['message']}"]
        for d in diagnostics
        if d["path"] == "草稿.txt"
    ]
    assert got == want


def test_vim_ale_recipe(tmp_path: Path, outputs: tuple[list[str], list[dict[str, Any]]]) -> None:
    lines, diagnostics = outputs
    _, ale = blocks("vim")
    mine = [line for line in lines if line.startswith("草稿.txt:")]
    (tmp_path / "lines.json").write_text(json.dumps(mine, ensure_ascii=False), encoding="utf-8")
    # The recipe's file and two stand-ins for ALE's autoload functions, where Vim expects them.
    rtp = tmp_path / "rtp"
    for rel, text in (
        ("ale_linters/text/speechlint.vim", ale),
        ("autoload/ale/linter.vim",
         "function! ale#linter#Define(filetype, linter) abort\n  let g:ale_defined = [a:filetype, a:linter]\nendfunction\n"),
        ("autoload/ale/util.vim",
         "function! ale#util#GetMatches(lines, pattern) abort\n"
         "  return filter(map(copy(a:lines), {_, l -> matchlist(l, a:pattern)}), {_, m -> !empty(m)})\n"
         "endfunction\n"),
    ):
        (rtp / rel).parent.mkdir(parents=True, exist_ok=True)
        (rtp / rel).write_text(text, encoding="utf-8")
    script = (
        PRELUDE
        + "set runtimepath^=rtp\n"
        + "runtime ale_linters/text/speechlint.vim\n"
        + "edit 草稿.txt\n"
        + "let s:lines = json_decode(join(readfile('lines.json'), ''))\n"
        + "let s:found = ale_linters#text#speechlint#Handle(bufnr(''), s:lines)\n"
        + "call writefile([json_encode([g:ale_defined, s:found])], 'qf.json')\n"
        + "qa!\n"
    )
    (filetype, linter), found = run_vim(tmp_path, script)
    assert filetype == "text" and linter["lint_file"] == 1
    assert linter["command"] == "%e check --output-format concise %s"
    want = [
        {"lnum": d["start"]["line"], "col": byte_column(DRAFT, d["start"]["line"], d["start"]["column"]),
         "code": d["code"], "text": f"[{d['rule']}] {d['message']}", "type": "W"}
        for d in diagnostics
        if d["path"] == "草稿.txt"
    ]
    assert found == want


def run_emacs(tmp_path: Path, forms: str, env: dict[str, str] | None = None) -> Any:
    if shutil.which("emacs") is None:
        pytest.skip("emacs is not installed")
    (tmp_path / "test.el").write_text(forms, encoding="utf-8")
    run = subprocess.run(
        ["emacs", "--batch", "-Q", "-l", str(tmp_path / "test.el")],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL, env=env,
    )
    out = tmp_path / "emacs.json"
    assert out.exists(), run.stdout + run.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def test_emacs_compilation_mode_recipe(tmp_path: Path, outputs: tuple[list[str], list[dict[str, Any]]]) -> None:
    lines, diagnostics = outputs
    compile_mode, _ = blocks("elisp")
    mine = [line for line in lines if line.startswith("草稿.txt:")]
    (tmp_path / "out.txt").write_text("".join(line + "\n" for line in mine), encoding="utf-8")
    forms = (
        "(set-language-environment \"UTF-8\")\n"
        "(require 'compile)\n(require 'json)\n"
        + compile_mode
        + """
(with-current-buffer (get-buffer-create "*compilation*")
  (setq default-directory (file-name-as-directory (expand-file-name ".")))
  (insert "speechlint check --output-format concise 草稿.txt\n")  ; M-x compile echoes the command first
  (insert-file-contents "out.txt")
  (compilation-mode))
(setq next-error-last-buffer (get-buffer "*compilation*"))
(let (found)
  (condition-case nil
      (while t
        (next-error)
        (set-buffer (window-buffer (selected-window)))  ; the buffer next-error showed
        (goto-char (window-point))
        (push (list (file-name-nondirectory buffer-file-name) (line-number-at-pos)
                    (1+ (- (point) (line-beginning-position))))
              found))
    (error nil))
  (with-temp-file "emacs.json" (insert (json-encode (vconcat (nreverse found))))))
"""
    )
    got = run_emacs(tmp_path, forms)
    want = [["草稿.txt", d["start"]["line"], d["start"]["column"]] for d in diagnostics if d["path"] == "草稿.txt"]
    assert got == want


def test_emacs_flymake_recipe(tmp_path: Path, outputs: tuple[list[str], list[dict[str, Any]]]) -> None:
    _, diagnostics = outputs
    _, flymake = blocks("elisp")
    bindir = Path(sys.executable).parent
    if not (bindir / "speechlint").exists():
        pytest.skip("no speechlint script beside the running Python")
    (tmp_path / "speechlint-flymake.el").write_text(flymake, encoding="utf-8")
    forms = (
        "(set-language-environment \"UTF-8\")\n"
        "(require 'json)\n"
        "(add-to-list 'load-path default-directory)\n"
        "(require 'speechlint-flymake)\n"
        + """
(find-file "草稿.txt")
(let ((result nil))
  (speechlint-flymake (lambda (diags &rest _) (setq result (or diags 'none))))
  (while (null result) (accept-process-output nil 0.1))
  (with-temp-file (expand-file-name "emacs.json" default-directory)
    (insert (json-encode
             (vconcat
              (mapcar (lambda (d)
                        (let ((beg (flymake-diagnostic-beg d)))
                          (with-current-buffer "草稿.txt"
                            (save-excursion
                              (goto-char beg)
                              (list (line-number-at-pos) (1+ (- beg (line-beginning-position)))
                                    (symbol-name (flymake-diagnostic-type d))
                                    (flymake-diagnostic-text d))))))
                      (if (eq result 'none) nil (sort result (lambda (a b) (< (flymake-diagnostic-beg a)
                                                                              (flymake-diagnostic-beg b)))))))))))
"""
    )
    env = dict(os.environ)
    env["PATH"] = f"{bindir}{os.pathsep}{env.get('PATH', '')}"
    got = run_emacs(tmp_path, forms, env)
    want = [
        [d["start"]["line"], d["start"]["column"], ":warning", f"{d['code']} [{d['rule']}] {d['message']}"]
        for d in diagnostics
        if d["path"] == "草稿.txt"
    ]
    assert got == want
