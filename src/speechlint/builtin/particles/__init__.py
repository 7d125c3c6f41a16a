"""Particles: stray 了, 的/地/得 confusions, doubled particles."""

from __future__ import annotations

from speechlint.builtin.particles.de_should_be_de_complement import de_should_be_de_complement
from speechlint.builtin.particles.de_should_be_di import de_should_be_di
from speechlint.builtin.particles.doubled_particle import doubled_particle
from speechlint.builtin.particles.le_after_modal import le_after_modal
from speechlint.builtin.particles.le_before_dunhao import le_before_dunhao
from speechlint.rule import Rule

RULES: tuple[Rule, ...] = (
    le_after_modal,
    le_before_dunhao,
    doubled_particle,
    de_should_be_di,
    de_should_be_de_complement,
)
