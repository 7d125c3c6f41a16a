"""Punctuation rules (GB/T 15834-2011)."""

from __future__ import annotations

from speechlint.builtin.punctuation.bracket_pairing import bracket_pairing
from speechlint.builtin.punctuation.dash_form import dash_form
from speechlint.builtin.punctuation.duplicate_punct import duplicate_punct
from speechlint.builtin.punctuation.ellipsis_form import ellipsis_form
from speechlint.builtin.punctuation.halfwidth_punct_in_cjk import halfwidth_punct_in_cjk
from speechlint.builtin.punctuation.quote_pairing import quote_pairing
from speechlint.builtin.punctuation.stray_spacing import stray_spacing
from speechlint.rule import Rule

RULES: tuple[Rule, ...] = (
    halfwidth_punct_in_cjk,
    quote_pairing,
    bracket_pairing,
    ellipsis_form,
    dash_form,
    duplicate_punct,
    stray_spacing,
)
