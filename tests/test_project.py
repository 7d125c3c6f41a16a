"""The README's two commands and the project's packaging stay true."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _sh_blocks() -> list[str]:
    return re.findall(r"^```sh\n(.*?)\n```", (ROOT / "README.md").read_text(encoding="utf-8"), re.M | re.S)


def test_readme_starts_with_the_two_commands() -> None:
    blocks = _sh_blocks()
    assert "speechlint check examples/" in blocks[0]
    assert "pip install -e '.[test]'" in blocks[1] and "pytest" in blocks[1]
    head = (ROOT / "README.md").read_text(encoding="utf-8").split("```sh")[0]
    assert "##" not in head, "the two commands come first"


def test_ci_runs_the_readme_test_command() -> None:
    ci = ROOT / ".ci" / "run"
    out = subprocess.run(
        ["awk", '/^```sh$/ { n++; getline; if (n == 2) { print; exit } }', str(ROOT / "README.md")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert out == _sh_blocks()[1]
    assert 'bash -c "$cmd"' in ci.read_text(encoding="utf-8")


def test_bundled_examples_show_every_rule_family() -> None:
    from speechlint.linter import lint_paths

    codes = {d.code for d in lint_paths([ROOT / "examples" / "speech.txt", ROOT / "examples" / "notice.md"])}
    for family in ("STR", "ENU", "GEN", "PLC", "PTC", "PUN", "DRF", "TRM", "SLX"):
        assert any(c.startswith(family) for c in codes), family


def test_package_ships_type_marker_and_module_entry() -> None:
    src = ROOT / "src" / "speechlint"
    assert (src / "py.typed").is_file() and (src / "__main__.py").is_file()
