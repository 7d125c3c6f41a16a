"""Place names: self-reference level, foreign places in self slots and mentions, own name."""

from __future__ import annotations

from speechlint.builtin.places.foreign_place_in_self_slot import foreign_place_in_self_slot
from speechlint.builtin.places.foreign_place_mention import foreign_place_mention
from speechlint.builtin.places.own_name_inconsistent import own_name_inconsistent
from speechlint.builtin.places.self_reference_level import self_reference_level
from speechlint.rule import Rule

RULES: tuple[Rule, ...] = (self_reference_level, foreign_place_in_self_slot, foreign_place_mention, own_name_inconsistent)
