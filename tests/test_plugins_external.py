"""Third-party plugins from outside: the foundation's example plugin as an entry point and as a
local file, ``--disable-plugin``, a plugin that fails to import, and two rules with one code.

An entry point is "installed" the way an installer leaves it: a module plus a
``.dist-info`` folder with ``entry_points.txt`` on ``PYTHONPATH``.  Each run is a
fresh ``python -m speechlint`` process, as a user would start it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# The third-party plugin of issue 2, exactly as written there.
EMPTY_PHRASE = '''\
from speechlint import hookimpl, rule, Violation, Span

@rule(code="ZZZ001", name="empty-phrase")
def empty_phrase(document, options):
    """空话套话：抓手。"""
    i = document.text.find("抓手")
    while i >= 0:
        yield Violation(Span(i, i + 2), "避免使用“抓手”")
        i = document.text.find("抓手", i + 1)

@hookimpl
def speechlint_rules():
    return [empty_phrase]
'''

# Another plugin that reuses ZZZ001 for a different rule.
SAME_CODE = '''\
from speechlint import hookimpl, rule, Violation, Span

@rule(code="ZZZ001", name="other-phrase")
def other_phrase(document, options):
    """另一个插件的规则。"""
    return []

@hookimpl
def speechlint_rules():
    return [other_phrase]
'''

DRAFT = "我们要以项目建设为抓手，推动全县经济高质量发展。\n"
FINDING = "draft.txt:1:10: ZZZ001 [empty-phrase] 避免使用“抓手”"


def install(site: Path, dist: str, entry_points: dict[str, str], modules: dict[str, str]) -> None:
    """What pip leaves in site-packages: the modules and a dist-info with the entry points."""
    site.mkdir(parents=True, exist_ok=True)
    for name, source in modules.items():
        (site / f"{name}.py").write_text(source, encoding="utf-8")
    info = site / f"{dist.replace('-', '_')}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1\n", encoding="utf-8")
    lines = "".join(f"{name} = {target}\n" for name, target in entry_points.items())
    (info / "entry_points.txt").write_text(f"[speechlint]\n{lines}", encoding="utf-8")


def speechlint(cwd: Path, *args: str, site: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("SPEECHLINT_DISABLE_PLUGIN_AUTOLOAD", "PYTHONPATH")}
    if site is not None:
        environ["PYTHONPATH"] = str(site)
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-m", "speechlint", *args], cwd=cwd, env=environ, capture_output=True, text=True
    )


def lines(text: str) -> list[str]:
    return text.splitlines()


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / "draft.txt").write_text(DRAFT, encoding="utf-8")
    return folder


def test_example_plugin_as_entry_point(tmp_path: Path, draft: Path) -> None:
    site = tmp_path / "site"
    install(site, "zzz-plugin", {"zzz": "zzz_plugin"}, {"zzz_plugin": EMPTY_PHRASE})

    rules = speechlint(draft, "rules", site=site)
    assert rules.returncode == 0, rules.stderr
    assert [line.split() for line in lines(rules.stdout) if line.startswith("ZZZ")] == [
        ["ZZZ001", "empty-phrase", "warning", "none", "default", "zzz"]
    ]
    plugins = speechlint(draft, "plugins", site=site)
    assert "zzz  (entry point, zzz-plugin 0.1)" in lines(plugins.stdout)

    check = speechlint(draft, "check", "draft.txt", "--output-format", "concise", site=site)
    assert check.returncode == 1 and check.stderr == ""
    assert FINDING in lines(check.stdout)

    off = speechlint(draft, "check", "draft.txt", "--output-format", "concise", "--disable-plugin", "zzz", site=site)
    assert off.returncode != 2 and "ZZZ001" not in off.stdout and off.stderr == ""
    listed = speechlint(draft, "rules", "--disable-plugin", "zzz", site=site)
    assert "ZZZ001" not in listed.stdout
    auto_off = speechlint(draft, "check", "draft.txt", "--output-format", "concise", site=site,
                          SPEECHLINT_DISABLE_PLUGIN_AUTOLOAD="1")
    assert "ZZZ001" not in auto_off.stdout


def test_example_plugin_as_local_file(draft: Path) -> None:
    (draft / "plugins").mkdir()
    (draft / "plugins" / "rules.py").write_text(EMPTY_PHRASE, encoding="utf-8")
    (draft / "speechlint.toml").write_text('plugins = ["plugins/rules.py"]\n', encoding="utf-8")

    check = speechlint(draft, "check", "draft.txt", "--output-format", "concise")
    assert check.returncode == 1 and check.stderr == ""
    assert FINDING in lines(check.stdout)
    rules = speechlint(draft, "rules")
    assert [line.split()[:2] for line in lines(rules.stdout) if line.startswith("ZZZ")] == [["ZZZ001", "empty-phrase"]]

    # A local file is named by its path; the file's stem names it too.
    off = speechlint(draft, "check", "draft.txt", "--output-format", "concise", "--disable-plugin", "rules")
    assert off.returncode != 2 and "ZZZ001" not in off.stdout and off.stderr == ""


def test_plugin_that_fails_to_import_is_one_line_and_the_run_goes_on(tmp_path: Path, draft: Path) -> None:
    site = tmp_path / "site"
    install(
        site, "two-plugins", {"zzz": "zzz_plugin", "broken": "broken_plugin"},
        {"zzz_plugin": EMPTY_PHRASE, "broken_plugin": "import speechlint_no_such_module\n"},
    )
    check = speechlint(draft, "check", "draft.txt", "--output-format", "concise", site=site)
    assert check.returncode == 2
    assert FINDING in lines(check.stdout)
    assert lines(check.stderr) == [
        "speechlint: error: plugin broken (broken_plugin) failed to load: "
        "ModuleNotFoundError: No module named 'speechlint_no_such_module'"
    ]
    # Disabling the broken plugin is the user's way out.
    fixed = speechlint(draft, "check", "draft.txt", "--output-format", "concise", "--disable-plugin", "broken", site=site)
    assert fixed.returncode == 1 and fixed.stderr == ""


def test_local_file_that_fails_to_import(draft: Path) -> None:
    (draft / "bad.py").write_text("def broken(:\n", encoding="utf-8")
    (draft / "speechlint.toml").write_text('plugins = ["bad.py"]\n', encoding="utf-8")
    check = speechlint(draft, "check", "draft.txt", "--output-format", "concise")
    assert check.returncode == 2
    [line] = lines(check.stderr)
    assert line.startswith(f"speechlint: error: plugin {draft / 'bad.py'} failed to load: SyntaxError")
    assert "Traceback" not in check.stderr


def test_two_rules_with_one_code_stop_the_run_naming_both_plugins(tmp_path: Path, draft: Path) -> None:
    site = tmp_path / "site"
    install(
        site, "clash", {"zzz": "zzz_plugin", "zzz-copy": "zzz_copy"},
        {"zzz_plugin": EMPTY_PHRASE, "zzz_copy": SAME_CODE},
    )
    check = speechlint(draft, "check", "draft.txt", "--output-format", "concise", site=site)
    assert check.returncode == 2 and check.stdout == ""
    assert check.stderr in (
        "speechlint: error: rule ZZZ001 is defined twice: by plugin zzz and by plugin zzz-copy\n",
        "speechlint: error: rule ZZZ001 is defined twice: by plugin zzz-copy and by plugin zzz\n",
    )
    # Without one of them the run works again.
    ok = speechlint(draft, "check", "draft.txt", "--output-format", "concise", "--disable-plugin", "zzz-copy", site=site)
    assert ok.returncode == 1 and FINDING in lines(ok.stdout)
