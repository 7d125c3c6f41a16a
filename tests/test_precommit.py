"""The hooks of .pre-commit-hooks.yaml, run by the real pre-commit (``pre-commit try-repo``).

try-repo clones the hook repository at HEAD, so the working tree (with whatever
is not committed yet) is copied to a temporary folder and committed there first.
pre-commit then builds its own virtualenv and pip-installs speechlint into it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEED

pytest.importorskip("pre_commit")
if shutil.which("git") is None:
    pytest.skip("git is not installed", allow_module_level=True)

BAD = "同志们:\n下面,请XX同志介绍春耕准备情况。\n"
CLEAN = (
    "同志们：\n"
    "今天，我们召开全县春季农业生产工作会议，主要任务是总结去年工作，部署今年春耕备耕。\n"
    "一、认清形势，增强做好春耕生产的责任感。\n"
    "今年春播面积稳中有增，各乡镇要早谋划、早动手。\n"
    "二、突出重点，扎实抓好春耕生产各项工作。\n"
    "要抓好种子、化肥、农机等物资供应，确保不误农时。\n"
    "同志们，春耕生产时间紧、任务重，让我们扎实做好各项工作！\n"
    "谢谢大家！\n"
)
_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "__pycache__", ".pytest_cache", ".speechlint_cache", "*.egg-info", "build", "dist"
)


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", "-c", "user.name=speechlint-test", "-c", "user.email=test@example.invalid",
         "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=cwd, check=True, capture_output=True,
    )


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A committed copy of the working tree, so try-repo sees uncommitted work too."""
    repo = tmp_path_factory.mktemp("hooks") / "speechlint"
    shutil.copytree(ROOT, repo, ignore=_IGNORE)
    _git("init", "-q", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("commit", "-q", "-m", "snapshot", cwd=repo)
    return repo


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    """A git repository of drafts to run the hooks on."""
    work = tmp_path / "drafts"
    work.mkdir()
    _git("init", "-q", cwd=work)
    (work / "bad.txt").write_text(BAD, encoding="utf-8")
    (work / "clean.txt").write_text(CLEAN, encoding="utf-8")
    if SEED.is_file():
        shutil.copyfile(SEED, work / "seed.txt")
    _git("add", "-A", cwd=work)
    return work


# pip's words for "no package index reachable" (not for a broken project).
_OFFLINE = ("NewConnectionError", "Temporary failure in name resolution", "Network is unreachable")


def try_repo(hook_repo: Path, drafts: Path, hook: str, *files: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SKIP" and not k.startswith("PRE_COMMIT")}
    env["NO_COLOR"] = "1"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    run = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), hook, "--color", "never", "--files", *files],
        cwd=drafts, env=env, capture_output=True, text=True, encoding="utf-8", timeout=900,
    )
    if run.returncode == 3 and any(word in run.stdout + run.stderr for word in _OFFLINE):
        pytest.skip("pre-commit could not install the hook: no package index reachable")
    return run


def concise(drafts: Path, *files: str) -> list[str]:
    """What speechlint itself reports, to compare with the hook's output."""
    out = subprocess.run(
        [sys.executable, "-m", "speechlint", "check", "--output-format", "concise", *files],
        cwd=drafts, capture_output=True, text=True, encoding="utf-8",
    )
    return out.stdout.splitlines()


def test_manifest_is_valid() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
        capture_output=True, text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_hook_fails_on_bad_drafts_and_passes_on_a_clean_one(hook_repo: Path, drafts: Path) -> None:
    bad = ["bad.txt"] + (["seed.txt"] if (drafts / "seed.txt").exists() else [])
    run = try_repo(hook_repo, drafts, "speechlint", *bad)
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert "speechlint" in output and "Failed" in output
    expected = concise(drafts, *bad)
    assert any(": DRF001 [placeholder-left] " in line for line in expected)
    for line in expected:  # every finding is shown to the writer
        assert line in output
    if "seed.txt" in bad:
        assert any(line.startswith("seed.txt:") and " DRF001 " in line for line in expected)

    run = try_repo(hook_repo, drafts, "speechlint", "clean.txt")
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    assert "Passed" in output
    assert "clean.txt:" not in output


def test_fix_hook_rewrites_the_draft_and_fails(hook_repo: Path, drafts: Path) -> None:
    fixable = drafts / "fixable.txt"
    fixable.write_text("今天,我们召开全县春季农业生产工作会议。\n", encoding="utf-8")
    _git("add", "fixable.txt", cwd=drafts)
    run = try_repo(hook_repo, drafts, "speechlint-fix", "fixable.txt", "clean.txt")
    output = run.stdout + run.stderr
    assert run.returncode == 1, output  # pre-commit fails a hook that changed files
    assert fixable.read_text(encoding="utf-8") == "今天，我们召开全县春季农业生产工作会议。\n"
    assert (drafts / "clean.txt").read_text(encoding="utf-8") == CLEAN
    assert "files were modified by this hook" in output
