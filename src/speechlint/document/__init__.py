"""The Document: immutable text plus lazily computed, cached views.

Nothing is computed until a rule asks: the line index, paragraphs, sentences and
tokens are built on first access and shared by every rule that reads them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

import regex

from speechlint.document.lines import Line, LineIndex
from speechlint.document.segment import BOUNDARY, Segment, clauses_of, sentences_of
from speechlint.document.tokenize import Token, Tokenizer, tokens_of
from speechlint.fix import Span

if TYPE_CHECKING:
    from speechlint.resources import Resources

__all__ = ["BOUNDARY", "Document", "Line", "Segment", "Token"]

_LEADING_SPACE = regex.compile(r"[ \t\u3000\u00a0]*")


@dataclasses.dataclass(frozen=True, eq=False)
class Document:
    """One decoded file.

    ``text`` is exact: a BOM is dropped and ``\\r\\n`` stays (one line break), so
    offsets match the editor's buffer.  Readers fill the format fields; the
    session fills the context fields (tokenizer, resources, genre and home hints).
    """

    text: str
    path: str | None = None
    # What the reader found; kept so that --fix writes the file back as it was.
    encoding: str = "utf-8"
    bom: bool = False
    format: str = "text"  # "text", "markdown", "docx", or a plugin's own
    #: Per line (0-based index), the offset where the line's content starts
    #: (after Markdown "#", ">", bullets, table pipes; after leading spaces).
    content_starts: tuple[int, ...] | None = None
    #: Spans the reader exempts from some or all rules: (span, codes); empty codes = all.
    exempt: tuple[tuple[Span, frozenset[str]], ...] = ()
    front_matter: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    #: 1-based numbers of lines numbered by a word processor's automatic numbering.
    auto_numbered: frozenset[int] = frozenset()
    # Context from the session: never read from disk by the Document itself.
    genre_hint: str | None = None
    home_hint: str | None = None
    tokenizer_factory: Callable[[], Tokenizer] | None = dataclasses.field(default=None, repr=False)
    resources: Resources | None = dataclasses.field(default=None, repr=False)

    def evolve(self, **changes: Any) -> Document:
        """A copy with some fields changed (and empty caches)."""
        return dataclasses.replace(self, **changes)

    # -- lines -----------------------------------------------------------------

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    def content_start(self, line: int) -> int:
        """Offset where the content of 1-based ``line`` starts (past markup and indentation)."""
        ln = self.lines.lines[line - 1]
        start = ln.span.start
        if self.content_starts is not None:
            start = max(start, self.content_starts[line - 1])
        m = _LEADING_SPACE.match(self.text, start, ln.span.end)
        return m.end() if m else start

    # -- paragraphs, sentences, clauses -----------------------------------------

    @cached_property
    def paragraphs(self) -> tuple[Segment, ...]:
        """Non-empty lines, from their content start to the end of their last non-space character."""
        out = []
        for ln in self.lines.lines:
            start = self.content_start(ln.number)
            end = start + len(self.text[start : ln.span.end].rstrip())
            if end > start:
                out.append(Segment(Span(start, end), self.text[start:end]))
        return tuple(out)

    @cached_property
    def sentences(self) -> tuple[Segment, ...]:
        return tuple(s for p in self.paragraphs for s in sentences_of(p))

    @cached_property
    def clauses(self) -> tuple[Segment, ...]:
        return tuple(c for p in self.paragraphs for c in clauses_of(p))

    def paragraph_at(self, offset: int) -> Segment | None:
        """The paragraph holding ``offset``, if any."""
        line = self.lines.line_of(offset)
        idx = self._paragraph_by_line.get(line)
        return None if idx is None else self.paragraphs[idx]

    @cached_property
    def _paragraph_by_line(self) -> dict[int, int]:
        return {self.lines.line_of(p.span.start): i for i, p in enumerate(self.paragraphs)}

    # -- tokens -----------------------------------------------------------------

    @cached_property
    def _token_cache(self) -> dict[int, tuple[Token, ...]]:
        return {}

    @property
    def tokenizer(self) -> Tokenizer:
        if self.tokenizer_factory is None:
            from speechlint.document.tokenize import make_tokenizer

            # A Document built by hand (tests, library use) gets its own engine.
            object.__setattr__(self, "tokenizer_factory", _once(make_tokenizer))
        assert self.tokenizer_factory is not None
        return self.tokenizer_factory()

    def tokens_in(self, span: Span) -> list[Token]:
        """Tokens overlapping ``span``, segmented per paragraph (each paragraph once, cached)."""
        out: list[Token] = []
        first = self.lines.line_of(span.start)
        last = self.lines.line_of(span.end)
        for line in range(first, last + 1):
            idx = self._paragraph_by_line.get(line)
            if idx is None:
                continue
            tokens = self._token_cache.get(idx)
            if tokens is None:
                para = self.paragraphs[idx]
                tokens = tokens_of(self.tokenizer, para.text, para.span.start)
                self._token_cache[idx] = tokens
            out.extend(t for t in tokens if t.span.overlaps(span) and (len(span) or t.span.start <= span.start < t.span.end))
        return out

    def token_at(self, offset: int) -> Token | None:
        """The token holding the character at ``offset``."""
        for tok in self.tokens_in(Span(offset, offset + 1)):
            if tok.span.start <= offset < tok.span.end:
                return tok
        return None


def _once(factory: Callable[[], Tokenizer]) -> Callable[[], Tokenizer]:
    made: list[Tokenizer] = []

    def get() -> Tokenizer:
        if not made:
            made.append(factory())
        return made[0]

    return get
