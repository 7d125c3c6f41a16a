"""The engine's own findings (SLX): problems with speechlint's directives, not with the draft."""

from __future__ import annotations

from speechlint.builtin.engine.unknown_directive_code import unknown_directive_code
from speechlint.rule import Rule

RULES: tuple[Rule, ...] = (unknown_directive_code,)
