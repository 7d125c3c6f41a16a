"""--fix, --unsafe-fixes and --diff: the fix loop, the writer and the diff."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from speechlint import Edit, Fix, Span, Violation, hookimpl, rule
from speechlint.cli import main
from speechlint.config import ConfigResolver, Overrides
from speechlint.fix import Applicability
from speechlint.fixer import FileFix, FixMode, FixRun, fix_result, unified_diff, write_atomic
from speechlint.linter import Report, Session
from speechlint.readers import decode, encode

FULLWIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


def _session(*codes: str, plugins: tuple[object, ...] = ()) -> Session:
    return Session(ConfigResolver(isolated=True, overrides=Overrides(select=codes)), plugins=plugins)


def _copy(seed: Path, target: Path, encoding: str, bom: bool = False, newline: str = "\r\n") -> bytes:
    text = seed.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\n", newline)
    data = encode(text, encoding, bom)
    target.write_bytes(data)
    return data


def _expected(path: Path) -> tuple[str, int]:
    """The text after fixing, built from the first pass's edits, each checked to touch one mark only."""
    result, errors, _ = _session("PUN001").check_file(path)
    assert result is not None and result.document is not None and not errors
    text = result.document.text
    edits = sorted(
        (e for d in result.diagnostics if d.fix and d.fix.applicability is Applicability.SAFE for e in d.fix.edits),
        key=lambda e: e.span,
    )
    out, pos = [], 0
    for e in edits:
        old = text[e.span.start : e.span.end]
        # One half-width mark (and only spaces after it) becomes its full-width mark.
        assert old[0] in FULLWIDTH and not old[1:].strip(" ") and e.replacement == FULLWIDTH[old[0]], old
        out += [text[pos : e.span.start], e.replacement]
        pos = e.span.end
    out.append(text[pos:])
    return "".join(out), len(edits)


def test_fix_gb18030_crlf_seed(seed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "speech.txt"
    before = _copy(seed, path, "gb18030")
    os.chmod(path, 0o640)
    expected, count = _expected(path)
    assert count > 50  # the seed is typed with half-width punctuation throughout

    assert main(["check", str(path), "--isolated", "--select", "PUN001", "--fix", "--output-format", "concise"]) == 0
    after = path.read_bytes()
    text, encoding, bom = decode(after)
    assert (encoding, bom) == ("gb18030", False)
    assert after == expected.encode("gb18030")  # byte for byte: the marks and nothing else
    assert after.count(b"\r\n") == before.count(b"\r\n") and after.count(b"\n") == before.count(b"\n")
    assert not any(c in text for c in ",;:?!")
    assert stat_mode(path) == 0o640
    assert f"已修复 {count} 处（1 个文件），剩余 0 处问题" in capsys.readouterr().err

    # A second --fix changes nothing.
    assert main(["check", str(path), "--isolated", "--select", "PUN001", "--fix"]) == 0
    assert path.read_bytes() == after
    assert "已修复 0 处" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["speech.txt"]  # no temp file left behind


def stat_mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_fix_keeps_utf8_bom(seed: Path, tmp_path: Path) -> None:
    path = tmp_path / "speech.txt"
    _copy(seed, path, "utf-8", bom=True, newline="\n")
    expected, _ = _expected(path)
    assert main(["check", str(path), "--isolated", "--select", "PUN001", "--fix"]) == 0
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and after[3:].decode("utf-8") == expected


def test_fix_keeps_mixed_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes("会议强调,要坚持学习\r\n不断进步!\n同志们:\r谢谢大家。".encode())
    assert main(["check", str(path), "--isolated", "--select", "PUN001", "--fix"]) == 0
    assert path.read_bytes() == "会议强调，要坚持学习\r\n不断进步！\n同志们：\r谢谢大家。".encode()


def test_unsafe_fixes_need_the_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    # After "A" the mark is unsafe (PUN001: the left neighbour is not Chinese).
    path.write_text("会议强调,要坚持A,学习\n", encoding="utf-8")
    assert main(["check", str(path), "--isolated", "--select", "PUN001", "--fix", "--output-format", "concise"]) == 1
    assert path.read_text(encoding="utf-8") == "会议强调，要坚持A,学习\n"
    captured = capsys.readouterr()
    assert f"{path}:1:10: PUN001" in captured.out  # the remaining finding, at its place in the fixed text
    assert "剩余 1 处问题" in captured.err and "1 处可用 --unsafe-fixes" in captured.err
    assert main(["check", str(path), "--isolated", "--select", "PUN001", "--fix", "--unsafe-fixes"]) == 0
    assert path.read_text(encoding="utf-8") == "会议强调，要坚持A，学习\n"


def test_diff_writes_nothing_and_patch_gives_the_fix(seed: Path, tmp_path: Path) -> None:
    patch = shutil.which("patch")
    for name in ("g.txt", "b.txt"):
        _copy(seed, tmp_path / name, "gb18030" if name == "g.txt" else "utf-8", bom=name == "b.txt")
    originals = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    run = subprocess.run(
        [*_cli(), "check", "g.txt", "b.txt", "--isolated", "--select", "PUN001", "--diff"],
        cwd=tmp_path, capture_output=True,
    )
    assert run.returncode == 1, run.stderr.decode()
    assert run.stdout.startswith(b"--- g.txt\n+++ g.txt\n@@ ")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == originals  # nothing written
    fixed = tmp_path / "fixed"
    fixed.mkdir()
    for name in originals:
        shutil.copy(tmp_path / name, fixed / name)
    assert main(["check", str(fixed), "--isolated", "--select", "PUN001", "--fix"]) == 0
    if patch is None:
        pytest.skip("patch is not installed")
    patched = tmp_path / "patched"
    patched.mkdir()
    for name in originals:
        shutil.copy(tmp_path / name, patched / name)
    subprocess.run([patch, "-p0", "--quiet"], cwd=patched, input=run.stdout, check=True)
    for name in originals:
        assert (patched / name).read_bytes() == (fixed / name).read_bytes(), name


def test_diff_exit_zero_when_nothing_to_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text("会议强调，要坚持学习。", encoding="utf-8")
    assert main(["check", str(path), "--isolated", "--select", "PUN001", "--diff"]) == 0
    assert capsys.readouterr().out == ""


def test_diff_marks_a_missing_final_newline() -> None:
    fix = FileFix("a.txt", "甲,乙\r\n丙,丁", "甲，乙\r\n丙，丁", "utf-8", False, 2, True)
    assert unified_diff(fix).decode() == (
        "--- a.txt\n+++ a.txt\n@@ -1,2 +1,2 @@\n"
        "-甲,乙\r\n-丙,丁\n\\ No newline at end of file\n"
        "+甲，乙\r\n+丙，丁\n\\ No newline at end of file\n"
    )


# -- the loop: overlapping edits wait, passes are bounded ----------------------------


@rule(code="TST001", name="upper-ab", fix="always")
def _upper_ab(document, options):  # type: ignore[no-untyped-def]
    """test"""
    for i in range(len(document.text) - 1):
        if document.text[i : i + 2] == "AB":
            yield Violation(Span(i, i + 2), "AB", Fix.safe(Edit(Span(i, i + 2), "ab"), title="ab"))


@rule(code="TST002", name="lower-bc", fix="always")
def _lower_bc(document, options):  # type: ignore[no-untyped-def]
    """test"""
    for i in range(len(document.text) - 1):
        if document.text[i : i + 2] in ("BC", "bC"):
            yield Violation(Span(i, i + 2), "BC", Fix.safe(Edit(Span(i, i + 2), "bc"), title="bc"))


@rule(code="TST003", name="grows-forever", fix="always")
def _grows(document, options):  # type: ignore[no-untyped-def]
    """test"""
    end = len(document.text)
    yield Violation(Span(end, end), "more", Fix.safe(Edit(Span(end, end), "。"), title="more"))


class _TestRules:
    __name__ = "test-rules"

    @hookimpl
    def speechlint_rules(self):  # type: ignore[no-untyped-def]
        return [_upper_ab, _lower_bc, _grows]


def _fix(tmp_path: Path, text: str, *codes: str) -> tuple[FileFix, list[str]]:
    session = _session(*codes, plugins=(_TestRules(),))
    path = tmp_path / "t.txt"
    data = text.encode("utf-8")
    path.write_bytes(data)
    result, errors, _ = session.check_file(path)
    assert result is not None and not errors
    fixed, fix, errors = fix_result(session, result, path, data, FixMode())
    assert fix is not None and not errors
    return fix, [d.code for d in fixed.diagnostics]


def test_overlapping_edit_waits_for_the_next_pass(tmp_path: Path) -> None:
    # AB->ab and BC->bc overlap on B: the first is applied, the second waits and applies next pass.
    fix, remaining = _fix(tmp_path, "ABC", "TST001", "TST002")
    assert (fix.after, fix.applied, fix.settled, remaining) == ("abc", 2, True, [])


def test_pass_bound_is_reported(tmp_path: Path) -> None:
    fix, remaining = _fix(tmp_path, "甲", "TST003")
    assert (fix.after, fix.applied, fix.settled, remaining) == ("甲" + "。" * 10, 10, False, ["TST003"])
    assert any("10 轮后仍未收敛" in line for line in FixRun(Report(), [fix]).summary(FixMode()))


# -- the writer ---------------------------------------------------------------------


def test_write_atomic_keeps_symlink_and_refuses_a_changed_file(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_atomic(link, b"new", expect=b"old")
    assert link.is_symlink() and target.read_bytes() == b"new"
    with pytest.raises(ValueError):
        write_atomic(target, b"newer", expect=b"old")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real.txt"]


def test_fix_reports_a_failed_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("会议强调,要坚持学习", encoding="utf-8")

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("speechlint.fixer.os.replace", refuse)
    assert main(["check", str(path), "--isolated", "--select", "PUN001", "--fix"]) == 2
    err = capsys.readouterr().err
    assert "cannot write: Permission denied" in err and "已修复 0 处（0 个文件），剩余 1 处问题" in err
    assert path.read_text(encoding="utf-8") == "会议强调,要坚持学习"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # the temp file is removed


def _cli() -> list[str]:
    import sys

    return [sys.executable, "-m", "speechlint"]
