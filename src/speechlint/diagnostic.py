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


# The engine stamps Diagnostics by the thousand: made without the dataclass __init__, whose
# frozen-field checks (object.__setattr__ by name) cost more than the rest of the stamping.
# The slots are set through the same descriptors, as speechlint.fix.trusted_span makes spans;
# neither class has a __post_init__ to skip.
_new = object.__new__
_position, _diagnostic = vars(Position), vars(Diagnostic)  # the slot descriptors, by field name
_set_line, _set_column = _position["line"].__set__, _position["column"].__set__
_set_code, _set_rule = _diagnostic["code"].__set__, _diagnostic["rule"].__set__
_set_severity, _set_path = _diagnostic["severity"].__set__, _diagnostic["path"].__set__
_set_span, _set_start = _diagnostic["span"].__set__, _diagnostic["start"].__set__
_set_end, _set_message = _diagnostic["end"].__set__, _diagnostic["message"].__set__
_set_match, _set_fix = _diagnostic["match"].__set__, _diagnostic["fix"].__set__


def made_position(line: int, column: int) -> Position:
    """``Position(line, column)``."""
    p = _new(Position)
    _set_line(p, line)
    _set_column(p, column)
    return p


def made_diagnostic(
    code: str,
    rule: str,
    severity: Severity,
    path: str | None,
    span: Span,
    start: Position,
    end: Position,
    message: str,
    match: str,
    fix: Fix | None,
) -> Diagnostic:
    """``Diagnostic(code, rule, severity, path, span, start, end, message, match, fix)``."""
    d = _new(Diagnostic)
    _set_code(d, code)
    _set_rule(d, rule)
    _set_severity(d, severity)
    _set_path(d, path)
    _set_span(d, span)
    _set_start(d, start)
    _set_end(d, end)
    _set_message(d, message)
    _set_match(d, match)
    _set_fix(d, fix)
    return d
