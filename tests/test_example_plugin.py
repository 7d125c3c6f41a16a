"""The example plugin package (examples/plugin) installs with pip and works from outside.

It is installed with ``pip install --no-deps --target DIR`` (no network: the build
backend comes from this environment), then speechlint runs in fresh processes with
``PYTHONPATH=DIR``, as if the package were installed next to it.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT / "examples" / "plugin"

LONG = (
    "今年以来，全县上下认真贯彻落实上级决策部署，坚持稳中求进工作总基调，统筹推进疫情防控和经济社会发展，"
    "扎实做好六稳工作、全面落实六保任务，在项目建设、产业转型、城乡融合、民生改善等方面取得了新的成效，"
    "为完成全年目标任务打下了坚实基础。"
)
SHORT = "同志们，今天召开全县经济工作会议。"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("hatchling") is None:
        pytest.skip("hatchling (the example plugin's build backend) is not installed")
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
         "--disable-pip-version-check", "--target", str(target), str(PLUGIN)],
        check=True, capture_output=True, text=True,
    )
    return target


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "draft.txt").write_text(f"{SHORT}\n{LONG}\n", encoding="utf-8")
    return tmp_path


def run(cwd: Path, site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SPEECHLINT_DISABLE_PLUGIN_AUTOLOAD"}
    env["PYTHONPATH"] = str(site)
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_installed_files(site: Path) -> None:
    assert (site / "speechlint_example" / "long_sentence.py").is_file()
    [info] = site.glob("speechlint_example-0.1.0.dist-info")
    assert "[speechlint]\nexample = speechlint_example.plugin" in (info / "entry_points.txt").read_text()


def test_rule_is_listed(site: Path, work: Path) -> None:
    rules = run(work, site, "-m", "speechlint", "rules")
    assert rules.returncode == 0, rules.stderr
    assert [line.split() for line in rules.stdout.splitlines() if line.startswith("EXA")] == [
        ["EXA001", "long-sentence", "info", "none", "default", "example"]
    ]
    plugins = run(work, site, "-m", "speechlint", "plugins")
    assert "example  (entry point, speechlint-example 0.1.0)" in plugins.stdout.splitlines()
    doc = run(work, site, "-m", "speechlint", "rule", "long-sentence")
    assert doc.returncode == 0 and "## 选项" in doc.stdout


def test_rule_fires_and_takes_options(site: Path, work: Path) -> None:
    check = run(work, site, "-m", "speechlint", "check", "draft.txt", "--output-format", "concise", "--select", "EXA001")
    assert check.stderr == ""
    assert check.stdout == (
        "draft.txt:2:1: EXA001 [long-sentence] 这句话有 105 个字，超过 90 字，念起来喘不过气，考虑断成两三句\n"
    )
    assert check.returncode == 0  # an info finding never fails the run
    (work / "speechlint.toml").write_text("[rules.long-sentence]\nmax-chars = 12\n", encoding="utf-8")
    tight = run(work, site, "-m", "speechlint", "check", "draft.txt", "--output-format", "concise", "--select", "EXA001")
    assert [line.split(": ")[0] for line in tight.stdout.splitlines()] == ["draft.txt:1:1", "draft.txt:2:1"]


def test_disable_plugin_removes_it(site: Path, work: Path) -> None:
    check = run(work, site, "-m", "speechlint", "check", "draft.txt", "--output-format", "concise",
                "--disable-plugin", "example")
    assert check.returncode != 2 and check.stderr == ""
    assert "EXA001" not in check.stdout
    rules = run(work, site, "-m", "speechlint", "rules", "--disable-plugin", "example")
    assert rules.returncode == 0 and "EXA001" not in rules.stdout


def test_plugin_tests_pass_against_the_installed_package(site: Path) -> None:
    tests = run(PLUGIN, site, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests")
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "2 passed" in tests.stdout
