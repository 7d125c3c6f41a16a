"""Salutations and closing formulas (GEN): the genre table in data/genres.toml decides."""

from __future__ import annotations

from speechlint.builtin.formula.closing_formula_form import closing_formula_form
from speechlint.builtin.formula.closing_formula_mismatch import closing_formula_mismatch
from speechlint.builtin.formula.request_closing_missing import request_closing_missing
from speechlint.builtin.formula.salutation_form import salutation_form
from speechlint.builtin.formula.speech_frame import speech_frame
from speechlint.rule import Rule

RULES: tuple[Rule, ...] = (
    closing_formula_mismatch,
    request_closing_missing,
    closing_formula_form,
    salutation_form,
    speech_frame,
)
