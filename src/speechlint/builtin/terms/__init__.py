"""Formulation rules (规范提法); the data is Resources.formulations (data/formulations.toml)."""

from __future__ import annotations

from speechlint.builtin.terms.canonical_formulation import canonical_formulation
from speechlint.rule import Rule

RULES: tuple[Rule, ...] = (canonical_formulation,)
