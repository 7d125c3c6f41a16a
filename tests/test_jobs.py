"""--jobs N: forked workers report exactly what one process reports, in the same order."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest

from speechlint.config import ConfigResolver
from speechlint.formatters import FormatOptions
from speechlint.formatters.json import format_json
from speechlint.formatters.text import format_full
from speechlint.linter import Session

from helpers import run

pytestmark = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="--jobs needs fork")

DRAFTS = {
    "a.txt": "同志们：\n我们要深入学习了文件精神,抓好落实。\n",
    "b.txt": "一、总体要求\n二、主要任务\n二、保障措施\n",
    "c.md": "# 关于做好安全生产工作的通知\n\n各单位：\n\n要认真的开展排查，不留死角。\n",
    "d.txt": "会议由XX同志主持,各部门负责人参加。\n",
    "e.txt": "这是一段写得很规范的文字。\n",
    "sub/f.txt": "我们我们要加强学习。\n",
    "sub/g.txt": "要坚持稳中求进工作总基调，(一)抓好项目。\n",
    "h.txt": "请各单位于本周五前报送材料……谢谢!\n",
}


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    root = tmp_path / "drafts"
    for name, text in DRAFTS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "binary.txt").write_bytes(b"\x00\x01")  # an error for that file only
    # A nested config: other settings for the files below it.
    (root / "sub" / "speechlint.toml").write_text('ignore = ["DRF002"]\n', encoding="utf-8")
    return root


@pytest.mark.parametrize("fmt", ["json", "full"])
def test_jobs_report_what_one_process_reports(drafts: Path, fmt: str) -> None:
    args = ("check", "--no-cache", "--output-format", fmt, "drafts", "drafts/notes.pdf", "drafts/e.txt")
    (drafts / "notes.pdf").write_bytes(b"%PDF")  # named explicitly: skipped with a note
    one = run(*args, "--jobs", "1", cwd=drafts.parent)
    assert one.returncode == 2 and "binary.txt" in one.stderr and "notes.pdf" in one.stderr
    assert one.stdout.count("\n") > 10
    for jobs in ("2", "3", "0"):
        many = run(*args, "--jobs", jobs, cwd=drafts.parent)
        assert (many.returncode, many.stdout, many.stderr) == (one.returncode, one.stdout, one.stderr)


def test_jobs_fix_the_same_way(drafts: Path, tmp_path: Path) -> None:
    twin = tmp_path / "twin"
    shutil.copytree(drafts, twin)
    one = run("check", "--no-cache", "--fix", "--unsafe-fixes", "--output-format", "concise", "drafts", cwd=tmp_path)
    many = run("check", "--no-cache", "--fix", "--unsafe-fixes", "--output-format", "concise", "--jobs", "2", "twin",
               cwd=tmp_path)
    assert one.returncode == many.returncode
    assert one.stdout.replace("drafts", "twin") == many.stdout
    assert one.stderr.replace("drafts", "twin") == many.stderr
    changed = 0
    for name in DRAFTS:
        after = (drafts / name).read_text(encoding="utf-8")
        assert (twin / name).read_text(encoding="utf-8") == after
        changed += after != DRAFTS[name]
    assert changed >= 3


def test_check_paths_with_jobs_in_process(drafts: Path) -> None:
    session = Session(ConfigResolver(cwd=drafts.parent))
    one = session.check_paths([drafts], jobs=1)
    many = session.check_paths([drafts], jobs=2)
    assert [f.path for f in many.files] == [f.path for f in one.files]
    assert many.diagnostics == one.diagnostics and many.errors == one.errors and many.notes == one.notes
    # The documents came back from the workers and belong to this session again.
    assert all(f.document is not None and f.document.resources is session.resources for f in many.files)
    options = FormatOptions(color=False, rules=tuple(session.rules))
    assert format_full(many, options) == format_full(one, options)
    assert format_json(many, options) == format_json(one, options)


def test_jobs_must_be_a_number(drafts: Path) -> None:
    bad = run("check", "--jobs", "two", "drafts", cwd=drafts.parent)
    assert bad.returncode == 2 and "--jobs" in bad.stderr
