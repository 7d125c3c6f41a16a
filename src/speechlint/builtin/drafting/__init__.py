"""Draft leftovers: placeholders, repeated words, inconsistent numbered terms."""

from __future__ import annotations

from speechlint.builtin.drafting.numbered_term_inconsistent import numbered_term_inconsistent
from speechlint.builtin.drafting.placeholder_left import placeholder_left
from speechlint.builtin.drafting.repeated_token import repeated_token
from speechlint.rule import Rule

RULES: tuple[Rule, ...] = (placeholder_left, repeated_token, numbered_term_inconsistent)
