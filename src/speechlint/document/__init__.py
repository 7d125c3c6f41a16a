"""The Document: immutable text plus lazily computed, cached views.

Nothing is computed until a rule asks: the line index, paragraphs, sentences and
tokens are built on first access and shared by every rule that reads them.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping
from functools import cached_property
from itertools import repeat
from typing import TYPE_CHECKING, Any, TypeVar

from speechlint.document.lines import Line, LineIndex
from speechlint.document.segment import (
    BOUNDARY,
    Segment,
    clauses_of,
    sentences_of,
    trusted_segment,
)
from speechlint.document.tokenize import Tagged, Token, Tokenizer, tagged_of
from speechlint.fix import Span
from speechlint.lazyre import lazy_re, lazy_regex

if TYPE_CHECKING:
    from speechlint.document.meta import Meta
    from speechlint.document.outline import Outline
    from speechlint.document.places import Places
    from speechlint.resources import Resources

__all__ = ["BOUNDARY", "Directive", "Document", "Line", "Segment", "Token"]

_T = TypeVar("_T")

_LEADING_SPACE = lazy_regex(r"[ \t\u3000\u00a0]*")
_LEADING_SPACE_CHARS = frozenset(" \t\u3000\u00a0")
_NOT_BREAK = lazy_regex(r"[^\r\n]")


@dataclasses.dataclass(frozen=True)
class Directive:
    """A suppression comment: ``<!-- speechlint-KIND CODES -->``.

    ``kind`` is what follows ``speechlint-`` (``disable``, ``enable``,
    ``disable-next-line``, ``disable-file``, or an unknown word); ``codes`` are the
    code tokens with their spans, as written.
    """

    kind: str
    span: Span  # the whole comment
    kind_span: Span
    codes: tuple[tuple[str, Span], ...] = ()


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
    #: Spans that are not prose: Markdown syntax (``#``, bullets, ``>``, emphasis marks,
    #: table pipes, link brackets) and non-prose content (code, comments, front matter,
    #: link targets).  They read as spaces in ``prose``.
    markup: tuple[Span, ...] = ()
    #: Suppression comments found by the reader (``<!-- speechlint-disable … -->``).
    directives: tuple[Directive, ...] = ()
    front_matter: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    #: 1-based numbers of lines numbered by a word processor's automatic numbering.
    auto_numbered: frozenset[int] = frozenset()
    # Context from the session: never read from disk by the Document itself.
    genre_hint: str | None = None
    home_hint: str | None = None
    #: Codes of every rule the session knows (for SLX001); None when not linted by a session.
    known_codes: frozenset[str] | None = None
    tokenizer_factory: Callable[[], Tokenizer] | None = dataclasses.field(default=None, repr=False)
    resources: Resources | None = dataclasses.field(default=None, repr=False)

    def evolve(self, **changes: Any) -> Document:
        """A copy with some fields changed (and empty caches)."""
        return dataclasses.replace(self, **changes)

    # -- prose -----------------------------------------------------------------

    @cached_property
    def prose(self) -> str:
        """``text`` with every ``markup`` span blanked to spaces (line breaks kept).

        Same length as ``text``, so offsets are shared.  Emphasis marks, bullets and
        ``#`` read as spaces: a pattern such as ``(?<=^|[，：\\s])一是`` finds the
        一是 of ``**一是**加强`` and of ``- 一是`` here.  Equal to ``text`` when
        there is no markup (plain text).
        """
        if not self.markup:
            return self.text
        out: list[str] = []
        pos = 0
        for span in sorted(self.markup):
            start = max(span.start, pos)
            if span.end <= start:
                continue
            out.append(self.text[pos:start])
            out.append(_NOT_BREAK.sub(" ", self.text[start : span.end]))
            pos = span.end
        out.append(self.text[pos:])
        return "".join(out)

    # -- lines -----------------------------------------------------------------

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    def content_start(self, line: int) -> int:
        """Offset where the content of 1-based ``line`` starts (past markup and indentation)."""
        return self.content_bounds[line - 1][0]

    @cached_property
    def content_bounds(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of each line's content: from ``content_start`` to its last non-space
        prose character (start == end for a blank line).  The paragraphs and the outline read it."""
        prose = self.prose
        lines = self.lines
        content_starts = self.content_starts
        if content_starts is None and "\r" not in prose:
            # A line's content is the whole line unless it opens or ends with a space: those
            # lines (next to a break found by _EDGE_SPACE, and the first and the last) are read
            # one by one, the others are taken as they are.
            out = list(zip(lines.starts, lines.ends))
            redo = {1, len(out)}
            for m in _EDGE_SPACE.finditer(prose):
                number = lines.line_of(m.start())
                redo.update((number, number + 1))
            for number in redo:
                out[number - 1] = _content(prose, *out[number - 1])
            return tuple(out)
        if content_starts is None:
            return tuple(map(_content, repeat(prose), lines.starts, lines.ends))
        return tuple(map(_content, repeat(prose), map(max, lines.starts, content_starts), lines.ends))

    # -- paragraphs, sentences, clauses -----------------------------------------

    @cached_property
    def paragraphs(self) -> tuple[Segment, ...]:
        """Lines with prose, from their content start to their last non-space prose character.

        Lines that are all markup (code, front matter, comments) are not paragraphs.  In plain
        text hard-wrapped by a PDF copy, the lines that go on with the line above are part of
        its paragraph (see ``speechlint.document.wrap``): such a paragraph spans several
        lines and its text holds their line breaks.
        """
        return self._paragraph_index[0]

    @cached_property
    def _paragraph_index(self) -> tuple[tuple[Segment, ...], dict[int, int], tuple[tuple[int, int], ...]]:
        """The paragraphs, every line of a paragraph (a hard-wrapped one has several) -> its
        index, and each paragraph's first and last line; made in one pass over the lines."""
        from speechlint.document.wrap import continued_lines

        continued = self.shared(continued_lines)
        text = self.text
        out: list[Segment] = []
        lines: list[tuple[int, int]] = []  # each paragraph's first and last line
        for number, (start, end) in enumerate(self.content_bounds, 1):
            if end > start:
                first = number
                if first in continued and out:
                    start = out.pop().span.start
                    first = lines.pop()[0]
                out.append(trusted_segment(start, end, text[start:end]))  # start <= end: content_bounds
                lines.append((first, number))
        if continued:
            by_line = {line: i for i, (a, b) in enumerate(lines) for line in range(a, b + 1)}
        else:  # one line a paragraph
            by_line = {a: i for i, (a, _) in enumerate(lines)}
        return tuple(out), by_line, tuple(lines)

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

    @property
    def paragraph_lines(self) -> tuple[tuple[int, int], ...]:
        """The first and last line (1-based) of each of ``paragraphs``."""
        return self._paragraph_index[2]

    @property
    def _paragraph_by_line(self) -> dict[int, int]:
        """Every line of a paragraph (a hard-wrapped one has several) -> its index."""
        return self._paragraph_index[1]

    # -- outline ----------------------------------------------------------------

    @cached_property
    def outline(self) -> Outline:
        """Numbered headings, inline series and announced counts (regex only, no tokenizer)."""
        from speechlint.document.outline import build_outline

        return build_outline(self)

    # -- metadata ---------------------------------------------------------------

    @cached_property
    def meta(self) -> Meta:
        """版头, 发文字号, title, salutation, body, closing, 附件说明, signature, date and genre (no tokenizer)."""
        from speechlint.document.meta import build_meta
        from speechlint.resources import Resources

        # A Document built by hand (tests, library use) reads the shipped genre table.
        resources = self.resources if self.resources is not None else Resources()
        return build_meta(self, resources.genres)

    @cached_property
    def places(self) -> Places:
        """Home unit, gazetteer matches, 我X/全X self-references and organ names (see document/places.py)."""
        from speechlint.document.places import build_places

        return build_places(self)

    # -- analyses shared by a family of rules ------------------------------------

    @cached_property
    def _shared(self) -> dict[Callable[[Document], Any], Any]:
        return {}

    def shared(self, build: Callable[[Document], _T]) -> _T:
        """``build(self)``, computed once per document and shared by every rule that asks.

        For an analysis that several rules need and the Document does not offer (the
        particle rules' tokenised paragraphs, the punctuation rules' protected spans).
        ``build`` is the key: pass a module-level function, never a lambda.  Every rule
        gets the same object, so treat it as read-only (a cache filled on demand is fine).
        """
        cache = self._shared
        if build not in cache:
            cache[build] = build(self)
        return cache[build]  # type: ignore[no-any-return]

    # -- tokens -----------------------------------------------------------------

    @cached_property
    def _token_cache(self) -> dict[int, tuple[Token, ...]]:
        return {}

    @cached_property
    def _tagged_cache(self) -> dict[int, Tagged]:
        return {}

    @property
    def tokenizer(self) -> Tokenizer:
        if self.tokenizer_factory is None:
            from speechlint.document.tokenize import make_tokenizer

            # A Document built by hand (tests, library use) gets its own engine.
            object.__setattr__(self, "tokenizer_factory", _once(make_tokenizer))
        assert self.tokenizer_factory is not None
        return self.tokenizer_factory()

    def _tagged(self, idx: int) -> Tagged:
        tagged = self._tagged_cache.get(idx)
        if tagged is None:
            para = self.paragraphs[idx]
            tagged = self._tagged_cache[idx] = tagged_of(self.tokenizer, para.text, para.span.start)
        return tagged

    def tagged_paragraph(self, offset: int) -> Tagged | None:
        """The tokens of the paragraph holding ``offset`` as parallel tuples (see ``Tagged``).

        Segmented once per paragraph and shared with ``tokens_in``; for rules that walk
        many tokens and need few Token objects.  None outside any paragraph's line.
        """
        idx = self._paragraph_by_line.get(self.lines.line_of(offset))
        return None if idx is None else self._tagged(idx)

    def tokens_in(self, span: Span) -> list[Token]:
        """Tokens overlapping ``span``, segmented per paragraph (each paragraph once, cached).

        An empty ``span`` gives the token holding the character at its offset.
        """
        out: list[Token] = []
        first = self.lines.line_of(span.start)
        last = self.lines.line_of(span.end)
        done = -1
        for line in range(first, last + 1):
            idx = self._paragraph_by_line.get(line)
            if idx is None or idx == done:
                continue  # a hard-wrapped paragraph's later lines: already taken
            done = idx
            tagged = self._tagged(idx)
            starts = tagged.starts
            n = len(starts) - 1
            if n == 0:
                continue
            # Tokens tile the paragraph in order: bisect to the one holding span.start,
            # take those starting before span.end (a rule asking for a whole paragraph
            # must not pay a test per token).  Token objects are made for the tokens
            # asked for; a whole paragraph's are kept.
            if span.start <= starts[0] and starts[n] <= span.end:
                tokens = self._token_cache.get(idx)
                if tokens is None:
                    tokens = self._token_cache[idx] = tagged.tokens()
                out.extend(tokens)  # the whole paragraph: the usual request
                continue
            lo = max(0, bisect_right(starts, span.start, 0, n) - 1)
            if span.start == span.end:
                if starts[lo] <= span.start < starts[lo + 1]:
                    out.append(tagged.token(lo))
                continue
            if starts[lo + 1] <= span.start:
                lo += 1  # span.start lies past the paragraph's last token
            hi = bisect_left(starts, span.end, lo, n)
            whole = self._token_cache.get(idx)
            out.extend(whole[lo:hi] if whole is not None else map(tagged.token, range(lo, hi)))
        return out

    def token_at(self, offset: int) -> Token | None:
        """The token holding the character at ``offset``."""
        for tok in self.tokens_in(Span(offset, offset + 1)):
            if tok.span.start <= offset < tok.span.end:
                return tok
        return None


# A break after which the line opens with a leading space, or before which it ends with a space
# (the break of a blank line is no space of that line).
_EDGE_SPACE = lazy_re(r"\n(?:[ \t\u3000\u00a0]|(?<=[^\S\n]\n))")


def _content(prose: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) of the content of the line from ``start`` to ``end``."""
    # Leading spaces and markup (a bold opening "**") are skipped on the prose view; the usual
    # line has none, told without the pattern.
    if start < end and prose[start] in _LEADING_SPACE_CHARS:
        m = _LEADING_SPACE.match(prose, start, end)
        start = m.end() if m else start
    if start < end and prose[end - 1].isspace():
        end = start + len(prose[start:end].rstrip())  # rstrip strips what isspace() tells
    return start, max(start, end)


def _once(factory: Callable[[], Tokenizer]) -> Callable[[], Tokenizer]:
    made: list[Tokenizer] = []

    def get() -> Tokenizer:
        if not made:
            made.append(factory())
        return made[0]

    return get
