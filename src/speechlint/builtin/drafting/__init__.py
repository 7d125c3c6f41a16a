"""Draft leftovers: placeholders, repeated words, inconsistent numbered terms."""

from __future__ import annotations

from speechlint.builtin.drafting.placeholder_left import placeholder_left
from speechlint.rule import Rule

RULES: tuple[Rule, ...] = (placeholder_left,)
