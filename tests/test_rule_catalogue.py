"""Every built-in rule has exactly one case file and a documented docstring; every case passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from speechlint.builtin import builtin_rules
from speechlint.testing import assert_case_file, parse_case_file

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
CASE_FILES = sorted(p for p in RULES_DIR.glob("*.md") if p.name != "README.md")
SECTIONS = ("它检查什么", "为什么", "示例", "修复安全性", "选项", "依据")


def test_every_rule_has_exactly_one_case_file() -> None:
    by_code: dict[str, list[str]] = {}
    for p in CASE_FILES:
        by_code.setdefault(p.name[:6], []).append(p.name)
    for r in builtin_rules():
        assert by_code.get(r.code) == [f"{r.code}-{r.name}.md"], f"{r.code}: case files {by_code.get(r.code)}"
    codes = {r.code for r in builtin_rules()}
    assert not set(by_code) - codes, f"case files without a rule: {sorted(set(by_code) - codes)}"


@pytest.mark.parametrize("rule", builtin_rules(), ids=lambda r: r.code)
def test_docstring_sections(rule) -> None:  # type: ignore[no-untyped-def]
    for section in SECTIONS:
        assert f"## {section}" in rule.doc, f"{rule.code} docstring lacks '## {section}'"
    assert rule.summary and not rule.summary.startswith("#")


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_case_file(path: Path) -> None:
    cf = parse_case_file(path)
    assert any(c.kind == "flag" for c in cf.cases), "no flagged case"
    assert any(c.kind == "pass" for c in cf.cases), "no clean case"
    assert_case_file(path)


def test_markdown_heading_inside_a_case_is_no_section(tmp_path: Path) -> None:
    # "## 二、…" inside a ```markdown case once ended the 正例 section: later cases were dropped.
    case = tmp_path / "STR003-heading-level-order.md"
    fence = "```"
    case.write_text(
        f"# STR003\n\n## 正例\n\n{fence}markdown\n## 二、学习要点\n{fence}\n\n{fence}text\n一、总体要求\n{fence}\n",
        encoding="utf-8",
    )
    assert [c.text for c in parse_case_file(case).cases] == ["## 二、学习要点", "一、总体要求"]
