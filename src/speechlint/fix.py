"""Spans, edits and fixes (ruff's model), and the function that applies them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True, order=True, slots=True)  # slots: one per token, memory adds up
class Span:
    """Code-point offsets into ``Document.text``; ``end`` is exclusive.

    ``start == end`` is allowed: it marks something missing (one caret, an
    insertion fix).
    """

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        """True when the spans share a character, or an empty span touches the other."""
        if self.start == self.end or other.start == other.end:
            return other.start <= self.start <= other.end or self.start <= other.start <= self.end
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


# Spans made by the thousand (each line, paragraph and token of a long document) skip the
# dataclass __init__, whose frozen-field checks cost more than making the rest: the slots are
# set through the same descriptors (object.__setattr__ does no more).
_new = object.__new__
_set_start, _set_end = Span.start.__set__, Span.end.__set__  # type: ignore[attr-defined,misc]


def trusted_span(start: int, end: int) -> Span:
    """``Span(start, end)`` without its check, for callers whose ``0 <= start <= end`` holds by construction."""
    span = _new(Span)
    _set_start(span, start)
    _set_end(span, end)
    return span


class Applicability(Enum):
    """How sure a fix is: ``safe`` fixes are applied by ``--fix``."""

    SAFE = "safe"
    UNSAFE = "unsafe"  # one determinate replacement the writer should confirm
    DISPLAY_ONLY = "display-only"  # a suggestion a person must choose; never applied


@dataclass(frozen=True)
class Edit:
    """Replace ``span`` with ``replacement``: ``""`` deletes, an empty span inserts."""

    span: Span
    replacement: str


@dataclass(frozen=True)
class Fix:
    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    def __post_init__(self) -> None:
        object.__setattr__(self, "edits", tuple(sorted(self.edits, key=lambda e: e.span)))

    @classmethod
    def safe(cls, *edits: Edit, title: str) -> Fix:
        return cls(title, edits, Applicability.SAFE)

    @classmethod
    def unsafe(cls, *edits: Edit, title: str) -> Fix:
        return cls(title, edits, Applicability.UNSAFE)

    @classmethod
    def display_only(cls, *edits: Edit, title: str) -> Fix:
        return cls(title, edits, Applicability.DISPLAY_ONLY)

    @property
    def span(self) -> Span:
        return Span(min(e.span.start for e in self.edits), max(e.span.end for e in self.edits))


def _conflicts(a: Span, b: Span) -> bool:
    # Two insertions at one point, or an edit touching another's range, wait for the next pass.
    return a.start < b.end and b.start < a.end or a.start == b.start or (
        (len(a) == 0 or len(b) == 0) and a.overlaps(b)
    )


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """Apply the fixes that do not overlap an earlier one; return the text and how many applied.

    Fixes are taken in order of their first edit; a fix that overlaps one already
    taken is skipped (the fix loop runs another pass for it).
    """
    taken: list[Edit] = []
    count = 0
    for fix in sorted(fixes, key=lambda f: f.span):
        if any(_conflicts(e.span, t.span) for e in fix.edits for t in taken):
            continue
        taken.extend(fix.edits)
        count += 1
    out: list[str] = []
    pos = 0
    for edit in sorted(taken, key=lambda e: e.span):
        out.append(text[pos : edit.span.start])
        out.append(edit.replacement)
        pos = edit.span.end
    out.append(text[pos:])
    return "".join(out), count
