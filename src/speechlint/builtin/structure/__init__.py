"""Numbered headings (STR) and parallel sibling headings (PAR): 一、 （一） 1. （1）."""

from __future__ import annotations

from speechlint.builtin.structure.heading_level_order import heading_level_order
from speechlint.builtin.structure.heading_marker_form import heading_marker_form
from speechlint.builtin.structure.heading_sequence import heading_sequence
from speechlint.builtin.structure.heading_single_child import heading_single_child
from speechlint.builtin.structure.sibling_heading_parallelism import sibling_heading_parallelism
from speechlint.rule import Rule

RULES: tuple[Rule, ...] = (
    heading_sequence,
    heading_marker_form,
    heading_level_order,
    heading_single_child,
    sibling_heading_parallelism,
)
