"""Punctuation rules (GB/T 15834-2011)."""

from __future__ import annotations

from speechlint.builtin.punctuation.halfwidth_punct_in_cjk import halfwidth_punct_in_cjk
from speechlint.rule import Rule

RULES: tuple[Rule, ...] = (halfwidth_punct_in_cjk,)
