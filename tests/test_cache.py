"""The content cache (.speechlint_cache/): reruns reuse it, edits invalidate it, runs may share it."""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from speechlint.cache import CACHE_DIR, Cache, _package_state, diagnostic_from_row, diagnostic_to_row
from speechlint.config import ConfigResolver
from speechlint.diagnostic import Diagnostic, Position
from speechlint.fix import Edit, Fix, Span
from speechlint.linter import Session
from speechlint.rule import Severity

from helpers import run

# A local plugin whose rule writes one line per call next to itself: the test's way of
# seeing which files were really linted (real rules never do I/O).
PLUGIN = '''
from pathlib import Path

from speechlint import Span, Violation, hookimpl, rule

LOG = Path(__file__).with_name("calls.log")


@rule(code="XCN001", name="counted-rule", fix="always")
def counted(document, options):
    """Reports each 甲 (a test rule that counts its calls)."""
    with LOG.open("a", encoding="utf-8") as f:
        f.write(f"{Path(document.path or '-').name}\\n")
    if "崩溃" in document.text:
        raise RuntimeError("boom")
    i = document.text.find("甲")
    if i >= 0:
        from speechlint import Edit, Fix
        yield Violation(Span(i, i + 1), "甲字", fix=Fix.safe(Edit(Span(i, i + 1), "乙"), title="改为乙"))


@hookimpl
def speechlint_rules():
    return [counted]
'''


def new_project(tmp_path: Path) -> Path:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    (folder / "counter.py").write_text(PLUGIN, encoding="utf-8")
    (folder / "speechlint.toml").write_text('plugins = ["counter.py"]\n', encoding="utf-8")
    drafts = folder / "drafts"
    drafts.mkdir()
    (drafts / "a.txt").write_text("甲方案已经印发，请各单位认真执行。\n", encoding="utf-8")
    (drafts / "b.txt").write_text("会议要求，各地要抓好落实。\n", encoding="utf-8")
    (drafts / "c.md").write_text("# 标题\n\n同志们：甲项工作要抓紧。\n", encoding="utf-8")
    return folder


def steady(test: Callable[[Path], None]) -> Callable[[Path], None]:
    """Run ``test`` on a fresh project; again if speechlint's own files changed meanwhile.

    Their modification times are part of every key, so an edit of the package while the
    test runs (a developer's editor) rightly empties the cache and would fail the test.
    """

    def wrapper(tmp_path: Path) -> None:
        for attempt in range(3):
            before = _package_state()
            try:
                return test(new_project(tmp_path))
            except AssertionError:
                if _package_state() == before or attempt == 2:
                    raise

    wrapper.__name__ = test.__name__  # not functools.wraps: pytest must see tmp_path, not project
    return wrapper


def calls(project: Path) -> list[str]:
    log = project / "calls.log"
    lines = sorted(log.read_text(encoding="utf-8").split()) if log.exists() else []
    log.unlink(missing_ok=True)
    return lines


def check(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run("check", "--output-format", "json", *args, "drafts", cwd=project)


@steady
def test_a_rerun_over_unchanged_files_uses_the_cache(project: Path) -> None:
    first = check(project)
    assert calls(project) == ["a.txt", "b.txt", "c.md"]
    second = check(project)
    assert calls(project) == []  # nothing was linted again
    assert second.stdout == first.stdout and second.returncode == first.returncode == 1
    data = json.loads(second.stdout)
    assert [(f["path"], [d["code"] for d in f["diagnostics"]]) for f in data["files"]] == [
        (str(Path("drafts/a.txt")), ["XCN001"]),
        (str(Path("drafts/b.txt")), []),
        (str(Path("drafts/c.md")), ["XCN001"]),
    ]
    cache = project / CACHE_DIR
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


@steady
def test_an_edited_file_is_linted_again_and_only_it(project: Path) -> None:
    check(project)
    calls(project)
    (project / "drafts" / "b.txt").write_text("甲乙双方签订协议。\n", encoding="utf-8")
    out = json.loads(check(project).stdout)
    assert calls(project) == ["b.txt"]
    assert [d["message"] for d in out["files"][1]["diagnostics"]] == ["甲字"]
    # The edited file's new entry replaced its old one: one entry per file.
    entries = [p for p in (project / CACHE_DIR).rglob("*") if p.is_file() and p.name != ".gitignore"]
    assert len(entries) == 3


@steady
def test_changed_settings_or_plugin_invalidate(project: Path) -> None:
    check(project)
    calls(project)
    (project / "speechlint.toml").write_text('plugins = ["counter.py"]\naccept = ["甲方案"]\n', encoding="utf-8")
    out = json.loads(check(project).stdout)
    assert calls(project) == ["a.txt", "b.txt", "c.md"]
    assert out["files"][0]["diagnostics"] == []  # accepted now
    check(project, "--select", "XCN001")  # other selected rules: other entries
    assert calls(project) == ["a.txt", "b.txt", "c.md"]
    plugin = project / "counter.py"
    plugin.write_text(PLUGIN + "\n# edited\n", encoding="utf-8")
    os.utime(plugin, ns=(plugin.stat().st_atime_ns, plugin.stat().st_mtime_ns + 10**9))
    check(project, "--select", "XCN001")
    assert calls(project) == ["a.txt", "b.txt", "c.md"]


@steady
def test_no_cache_neither_reads_nor_writes(project: Path) -> None:
    check(project, "--no-cache")
    assert not (project / CACHE_DIR).exists()
    run("check", "--diff", "drafts", cwd=project)  # --diff writes nothing, the cache included
    run("check", "-", "--stdin-filename", "drafts/a.txt", cwd=project, stdin="甲。\n")
    assert not (project / CACHE_DIR).exists()
    check(project)
    calls(project)
    check(project, "--no-cache")
    assert calls(project) == ["a.txt", "b.txt", "c.md"]


@steady
def test_a_crashed_rule_is_not_cached(project: Path) -> None:
    (project / "drafts" / "b.txt").write_text("这里会崩溃。\n", encoding="utf-8")
    assert check(project).returncode == 2
    calls(project)
    again = check(project)
    assert again.returncode == 2 and "rule XCN001 crashed" in again.stderr
    assert calls(project) == ["b.txt"]


@steady
def test_fix_diff_stdin_and_baseline_see_the_same_findings(project: Path) -> None:
    check(project)  # fills the cache
    calls(project)
    diff = run("check", "--diff", "drafts/a.txt", cwd=project)
    # The first pass comes from the cache; only the fixed text is linted (without the cache: twice).
    assert calls(project) == ["a.txt"] and "+乙方案已经印发" in diff.stdout
    # stdin (an editor's buffer) is always linted and never stored.
    piped = run("check", "--output-format", "concise", "--stdin-filename", "drafts/a.txt", "-", cwd=project,
                stdin="甲方案已经印发，请各单位认真执行。\n")
    assert piped.stdout.startswith(f"{Path('drafts/a.txt')}:1:1: XCN001") and calls(project) == ["a.txt"]
    # A baseline hides what it recorded, whether the findings come from the cache or not.
    assert run("check", "--baseline", "base.json", "--update-baseline", "drafts", cwd=project).returncode == 0
    for extra in ((), ("--no-cache",)):
        hidden = run("check", "--output-format", "concise", "--baseline", "base.json", *extra, "drafts", cwd=project)
        assert hidden.returncode == 0 and hidden.stdout == ""
    # --fix applies the cached fixes; the fixed file is then linted afresh.
    calls(project)
    fixed = run("check", "--fix", "drafts", cwd=project)
    assert fixed.returncode == 0, fixed.stderr
    assert (project / "drafts" / "a.txt").read_text(encoding="utf-8") == "乙方案已经印发，请各单位认真执行。\n"
    assert (project / "drafts" / "c.md").read_text(encoding="utf-8") == "# 标题\n\n同志们：乙项工作要抓紧。\n"
    assert calls(project) == ["a.txt", "c.md"]  # the second pass of each fixed file
    after = json.loads(check(project).stdout)
    assert calls(project) == ["a.txt", "c.md"] and all(not f["diagnostics"] for f in after["files"])


def test_entries_round_trip_diagnostics() -> None:
    d = Diagnostic(
        code="PUN001", rule="halfwidth-punct-in-cjk", severity=Severity.WARNING, path="稿/a.txt",
        span=Span(3, 4), start=Position(1, 4), end=Position(1, 5), message="用全角", match=",",
        fix=Fix.unsafe(Edit(Span(3, 4), "，"), Edit(Span(9, 9), "。"), title="改"),
    )
    for x in (d, dataclasses.replace(d, fix=None)):
        back = diagnostic_from_row(json.loads(json.dumps(diagnostic_to_row(x))))
        assert back == x
        assert repr(back) == repr(x) and hash(back) == hash(x)  # built without __init__, yet the same


def test_a_damaged_entry_is_a_miss(tmp_path: Path) -> None:
    cache = Cache(tmp_path, "fp")
    good = ["PUN001", "r", "warning", None, 3, 4, 1, 4, 1, 5, "m", ",", None]
    damages: list[tuple[int, object]] = [(4, 5), (4, -1), (2, "loud"), (12, ["t", "safe", [[1, 2]]]), (12, ["t", "bold", []])]
    for at, value in [(None, None), *damages]:  # (None, None): the undamaged row
        row = list(good)
        if at is not None:
            row[at] = value
        for entry in ({"content": "h", "diagnostics": [row]}, {"content": "h", "diagnostics": [row[:-1]]}):
            (tmp_path / "ke").mkdir(exist_ok=True)
            (tmp_path / "ke" / "key").write_text(json.dumps(entry), encoding="utf-8")
            got = cache.get("key", "h")
            short = len(entry["diagnostics"][0]) < len(good)  # type: ignore[arg-type]
            assert (got is None) == (at is not None or short), (at, value, short)
    good[12] = ["改", "safe", [[3, 4, "，"]]]
    (tmp_path / "ke" / "key").write_text(json.dumps({"content": "h", "diagnostics": [good]}), encoding="utf-8")
    got = cache.get("key", "h")
    assert got is not None and got[0].fix is not None and got[0].fix.edits[0].replacement == "，"


def test_a_session_without_cache_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("甲。\n", encoding="utf-8")
    session = Session(ConfigResolver(cwd=tmp_path, isolated=True))
    assert session.cache is None
    session.check_paths([tmp_path / "a.txt"])
    assert not (tmp_path / CACHE_DIR).exists()


def _hammer(folder: str, n: int, seed: int) -> None:
    """Write and read one entry many times; every read must be whole (or a miss)."""
    cache = Cache(Path(folder), "fingerprint")
    diag = Diagnostic("XCN001", "counted-rule", Severity.WARNING, "a.txt", Span(0, 1), Position(1, 1),
                      Position(1, 2), "甲" * 2000, "甲")
    for i in range(n):
        cache.put("k" * 64, f"content-{(i + seed) % 2}", [diag] * (1 + (i + seed) % 7))
        # One read of the entry as another process may be replacing it: whole, never torn.
        entry = json.loads((Path(folder) / "kk" / ("k" * 64)).read_bytes())
        got = cache.get("k" * 64, entry["content"])
        if entry["content"] not in ("content-0", "content-1") or len(entry["diagnostics"]) not in range(1, 8):
            raise AssertionError(f"a torn entry: {entry!r:.80}")
        if got is not None and got[0] != diag:
            raise AssertionError(f"a wrong entry: {got!r:.80}")


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_two_runs_sharing_the_cache_do_not_corrupt_it(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_hammer, args=(str(tmp_path / "shared"), 300, s)) for s in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    assert not [p for p in (tmp_path / "shared").rglob(".tmp-*")]  # no temporary file left behind
    # Two whole CLI runs at once over the same files and cache, then a third from the cache.
    env = {**os.environ, "NO_COLOR": "1"}
    cmd = [sys.executable, "-m", "speechlint", "check", "--output-format", "json", "drafts"]
    runs = [subprocess.Popen(cmd, cwd=project, env=env, stdout=subprocess.PIPE, text=True, encoding="utf-8")
            for _ in range(2)]
    outs = [r.communicate(timeout=120)[0] for r in runs]
    assert outs[0] == outs[1]
    assert run("check", "--output-format", "json", "drafts", cwd=project).stdout == outs[0]
