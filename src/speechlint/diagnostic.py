"""What the engine reports: a Violation stamped with code, rule, severity and place."""

from __future__ import annotations

from dataclasses import dataclass

from speechlint.fix import Fix, Span
from speechlint.rule import Severity


@dataclass(frozen=True, order=True, slots=True)  # slots: a long document has thousands
class Position:
    """1-based line and column, counted in code points."""

    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    rule: str
    severity: Severity
    path: str | None
    span: Span
    start: Position
    end: Position
    message: str
    match: str
    fix: Fix | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path or "", self.span.start, self.span.end, self.code)
