"""Built-in rules of this family; `RULES` lists them for the built-in plugin."""

from __future__ import annotations

from speechlint.rule import Rule

RULES: tuple[Rule, ...] = ()
