"""Paragraphs, sentences and clauses, split on one boundary class.

Drafts are often typed with half-width punctuation, so the boundary class holds
both the full-width marks and the half-width ``, ; : ! ?``.  A half-width mark
between two digits (1,000 or 10:30) is not a boundary.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from speechlint.fix import Span, trusted_span
from speechlint.lazyre import lazy_regex

if TYPE_CHECKING:
    import regex

#: Marks that end a sentence.
SENTENCE_END = "。！？!?"
#: Marks that end a clause (sentence ends included).
CLAUSE_END = SENTENCE_END + "，；：、,;:"
#: The boundary class for rules: a clause or sentence mark, either width (its source, for
#: patterns built on it without compiling it).
BOUNDARY_SOURCE = rf"(?<!\d)[{re.escape(CLAUSE_END)}]|[{re.escape(CLAUSE_END)}](?!\d)"
BOUNDARY = lazy_regex(BOUNDARY_SOURCE)
_SENTENCE = lazy_regex(
    rf"(?:(?<!\d)[{re.escape(SENTENCE_END)}]|[{re.escape(SENTENCE_END)}](?!\d))+[”’」』）)]*"
)


@dataclass(frozen=True, slots=True)  # slots: a long document has tens of thousands of clauses
class Segment:
    """A paragraph, sentence or clause: its span and its text."""

    span: Span
    text: str


_set_span, _set_text = Segment.span.__set__, Segment.text.__set__  # type: ignore[attr-defined,misc]


def trusted_segment(start: int, end: int, text: str) -> Segment:
    """``Segment(Span(start, end), text)`` made as ``trusted_span`` makes spans, for callers whose
    ``0 <= start <= end`` holds by construction (every paragraph of every file comes here)."""
    segment = object.__new__(Segment)
    _set_span(segment, trusted_span(start, end))
    _set_text(segment, text)
    return segment


def _pieces(text: str, base: int, boundary: regex.Pattern[str]) -> Iterator[Segment]:
    pos = 0
    for m in boundary.finditer(text):
        if m.end() > pos and text[pos : m.end()].strip():
            yield Segment(Span(base + pos, base + m.end()), text[pos : m.end()])
        pos = m.end()
    if text[pos:].strip():
        yield Segment(Span(base + pos, base + len(text)), text[pos:])


def sentences_of(segment: Segment) -> Iterator[Segment]:
    """Sentences of a paragraph, each ending with its mark (and closing quotes)."""
    return _pieces(segment.text, segment.span.start, _SENTENCE)


def clauses_of(segment: Segment) -> Iterator[Segment]:
    """Clauses of a paragraph or sentence, each ending with its boundary mark."""
    return _pieces(segment.text, segment.span.start, BOUNDARY)
