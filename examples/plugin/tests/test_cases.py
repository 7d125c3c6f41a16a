"""Run the plugin's case files with speechlint's own harness."""

from __future__ import annotations

from pathlib import Path

import pytest

import speechlint_example.plugin as plugin
from speechlint.testing import assert_case_file

RULES = Path(__file__).resolve().parent.parent / "rules"


@pytest.mark.parametrize("path", sorted(RULES.glob("*.md")), ids=lambda p: p.stem)
def test_case_file(path: Path) -> None:
    assert_case_file(path, plugins=[plugin])


def test_rule_is_contributed() -> None:
    codes = [r.code for r in plugin.speechlint_rules()]
    assert codes == ["EXA001"]
