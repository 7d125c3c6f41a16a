"""``--output-format github``: Actions workflow commands, one annotation per finding."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from speechlint.cli import main
from speechlint.formatters.github import escape_data, escape_property

# The runner's parser: command, then key=value properties split on ",", then "::" and the message.
COMMAND = re.compile(r"^::(?P<cmd>error|warning|notice)(?: (?P<props>[^:]*))?::(?P<msg>.*)$")


def unescape_property(s: str) -> str:
    return s.replace("%2C", ",").replace("%3A", ":").replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def parse(line: str) -> tuple[str, dict[str, str], str]:
    m = COMMAND.match(line)
    assert m, line
    props = dict(p.split("=", 1) for p in (m["props"] or "").split(",") if p)
    return m["cmd"], {k: unescape_property(v) for k, v in props.items()}, m["msg"]


def test_escaping() -> None:
    assert escape_data("100%\r\n下一行") == "100%25%0D%0A下一行"
    assert escape_property("a,b:c%") == "a%2Cb%3Ac%25"
    assert unescape_property(escape_property("x%2C,:\n")) == "x%2C,:\n"


def test_annotations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    # A file name with "," and ":" must be escaped in the file= property.
    Path("会议,稿:一.txt").write_text("开头。\n今天,请XX同志讲话。\n", encoding="utf-8")
    code = main(["check", "--isolated", "--select", "PUN001,DRF001", "--output-format", "github", "会议,稿:一.txt"])
    assert code == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "::warning file=会议%2C稿%3A一.txt,line=2,col=3,endLine=2,endColumn=4,"
        "title=PUN001 halfwidth-punct-in-cjk::中文语境应使用全角标点“，”，不用半角“,”"
    )
    cmd, props, msg = parse(lines[1])
    assert cmd == "error"  # DRF001 is an error
    assert props == {"file": "会议,稿:一.txt", "line": "2", "col": "5", "endLine": "2", "endColumn": "7",
                     "title": "DRF001 placeholder-left"}
    assert msg == "占位符“XX”未替换"
    assert len(lines) == 2


def test_info_is_a_notice_and_file_errors_are_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("speechlint.toml").write_text('[rules.halfwidth-punct-in-cjk]\nseverity = "info"\n', encoding="utf-8")
    Path("a.txt").write_text("今天,开会。\n", encoding="utf-8")
    Path("b.txt").write_bytes(b"\x00binary")
    code = main(["check", "--config", "speechlint.toml", "--select", "PUN001", "--output-format", "github",
                 "a.txt", "b.txt"])
    assert code == 2
    notice, error = capsys.readouterr().out.splitlines()
    assert parse(notice)[0] == "notice"
    assert error == "::error file=b.txt::binary file (contains NUL bytes)"
