"""Inline enumerations and announced counts (ENU): 一是…二是…, 第一，…, 讲三点意见."""

from __future__ import annotations

from speechlint.builtin.enumeration.announced_count_mismatch import announced_count_mismatch
from speechlint.builtin.enumeration.inline_enum_orphan import inline_enum_orphan
from speechlint.builtin.enumeration.inline_enum_sequence import inline_enum_sequence
from speechlint.rule import Rule

RULES: tuple[Rule, ...] = (inline_enum_sequence, inline_enum_orphan, announced_count_mismatch)
