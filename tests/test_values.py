from __future__ import annotations

import pytest

from speechlint import Edit, Fix, Span, Violation, rule
from speechlint.fix import Applicability, apply_fixes
from speechlint.rule import FixAvailability, Severity


def test_span_allows_empty_and_rejects_reversed() -> None:
    assert len(Span(3, 3)) == 0
    with pytest.raises(ValueError):
        Span(4, 3)


def test_overlap_of_empty_and_adjacent_spans() -> None:
    assert Span(1, 3).overlaps(Span(2, 4))
    assert not Span(1, 3).overlaps(Span(3, 5))
    assert Span(3, 3).overlaps(Span(1, 5))
    assert not Span(0, 1).overlaps(Span(2, 2))


def test_apply_fixes_defers_overlapping_edits() -> None:
    text = "甲,,乙"
    a = Fix.safe(Edit(Span(1, 2), "，"), title="a")
    b = Fix.safe(Edit(Span(1, 3), "，"), title="b")
    new, count = apply_fixes(text, [a, b])
    assert (new, count) == ("甲，,乙", 1)


def test_apply_fixes_insertions_and_deletions() -> None:
    new, count = apply_fixes("特此通知", [Fix.safe(Edit(Span(4, 4), "。"), title="补句号")])
    assert (new, count) == ("特此通知。", 1)
    new, count = apply_fixes("的的确", [Fix.unsafe(Edit(Span(0, 1), ""), title="删")])
    assert new == "的确"


def test_rule_decorator_fills_metadata_from_docstring() -> None:
    @rule(code="ZZZ123", name="demo-rule", severity="info", fix="always", supersedes=["PUN001"])
    def demo(document, options):  # type: ignore[no-untyped-def]
        """演示规则。

        ## 它检查什么
        """
        yield Violation(Span(0, 1), "x")

    assert demo.summary == "演示规则。"
    assert demo.severity is Severity.INFO and demo.fix is FixAvailability.ALWAYS
    assert demo.supersedes == frozenset({"PUN001"})
    assert "## 它检查什么" in demo.doc
    assert Fix.safe(Edit(Span(0, 1), ""), title="t").applicability is Applicability.SAFE


@pytest.mark.parametrize("code,name", [("ZZ001", "ok-name"), ("ZZZ001", "Bad_Name"), ("zzz001", "ok")])
def test_rule_codes_and_names_are_validated(code: str, name: str) -> None:
    with pytest.raises(ValueError):
        rule(code=code, name=name)(lambda d, o: ())
