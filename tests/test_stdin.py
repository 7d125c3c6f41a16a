"""``speechlint check -`` with ``--stdin-filename``: config, reader and output by name; --fix to stdout."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def _run(args: list[str], data: bytes, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "speechlint", "check", *args], input=data, cwd=cwd, capture_output=True)


def test_stdin_uses_the_name_for_reader_and_output(tmp_path: Path) -> None:
    data = "会议强调,要坚持学习。\n\n`a,XX同志`\n".encode()
    run = _run(["-", "--isolated", "--stdin-filename", "drafts/讲话.md", "--output-format", "concise"], data, tmp_path)
    # Markdown reader: the inline code is exempt; the name is the path shown.
    assert run.stdout.decode() == "drafts/讲话.md:1:5: PUN001 [halfwidth-punct-in-cjk] 中文语境应使用全角标点“，”，不用半角“,”\n"
    assert run.returncode == 1
    run = _run(["-", "--isolated", "--output-format", "concise"], data, tmp_path)
    assert "-:3:4: DRF001" in run.stdout.decode()  # read as plain text without a name


def test_stdin_filename_finds_the_config(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "speechlint.toml").write_text('ignore = ["PUN001"]\n', encoding="utf-8")
    data = "会议强调,XX同志主持。\n".encode()
    inside = _run(["-", "--stdin-filename", "sub/a.txt", "--output-format", "concise"], data, tmp_path)
    outside = _run(["-", "--stdin-filename", "a.txt", "--output-format", "concise"], data, tmp_path)
    assert [line.split(" ")[1] for line in inside.stdout.decode().splitlines()] == ["DRF001"]
    assert [line.split(" ")[1] for line in outside.stdout.decode().splitlines()] == ["PUN001", "DRF001"]


def test_stdin_fix_writes_the_text_to_stdout_and_diagnostics_to_stderr(tmp_path: Path) -> None:
    data = "同志们:\r\n会议强调,XX同志主持!\r\n".encode("gb18030")
    run = _run(["-", "--isolated", "--stdin-filename", "a.txt", "--fix", "--output-format", "concise"], data, tmp_path)
    assert run.stdout == "同志们：\r\n会议强调，XX同志主持！\r\n".encode("gb18030")  # encoding and CRLF kept
    err = run.stderr.decode()
    assert "a.txt:2:6: DRF001" in err and "已修复 3 处（1 个文件），剩余 1 处问题" in err
    assert run.returncode == 1
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_stdin_fix_echoes_text_with_nothing_to_fix(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + "会议强调，要坚持学习。\n".encode()
    run = _run(["-", "--isolated", "--fix"], data, tmp_path)
    assert (run.stdout, run.returncode) == (data, 0)
    run = _run(["-", "--isolated", "--fix"], b"\x00\x01binary", tmp_path)
    assert run.stdout == b"\x00\x01binary" and run.returncode == 2  # never swallow the input


def test_stdin_diff(tmp_path: Path) -> None:
    run = _run(["--isolated", "--stdin-filename", "a.txt", "--diff"], "会议强调,要坚持学习\n".encode(), tmp_path)
    assert run.stdout.decode() == "--- a.txt\n+++ a.txt\n@@ -1 +1 @@\n-会议强调,要坚持学习\n+会议强调，要坚持学习\n"
    assert run.returncode == 1


@pytest.mark.parametrize("paths", [["-", "a.txt"], ["a.txt", "-"]])
def test_stdin_cannot_mix_with_paths(tmp_path: Path, paths: list[str]) -> None:
    run = _run([*paths, "--isolated"], b"", tmp_path)
    assert run.returncode == 2 and "cannot be combined" in run.stderr.decode()
