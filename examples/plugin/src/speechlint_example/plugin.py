"""The module the entry point names: hook implementations only."""

from __future__ import annotations

from collections.abc import Sequence

from speechlint import Rule, hookimpl

from speechlint_example.long_sentence import long_sentence


@hookimpl
def speechlint_rules() -> Sequence[Rule]:
    return (long_sentence,)
