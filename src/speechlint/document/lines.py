"""Line index: code-point offset <-> 1-based line and column."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate
from operator import add

from speechlint.fix import Span, trusted_span
from speechlint.lazyre import lazy_regex

# "\r\n" is one break; a lone "\r" or "\n" is one too.
LINE_BREAK = lazy_regex(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)  # slots: a long document has tens of thousands
class Line:
    number: int  # 1-based
    span: Span  # without the line break
    text: str


_set_number, _set_span, _set_text = Line.number.__set__, Line.span.__set__, Line.text.__set__  # type: ignore[attr-defined,misc]


def _line(number: int, start: int, end: int, text: str) -> Line:
    """``Line(number, Span(start, end), text)`` made as ``trusted_span`` makes spans (every line
    of every file comes here)."""
    line = object.__new__(Line)
    _set_number(line, number)
    _set_span(line, trusted_span(start, end))
    _set_text(line, text)
    return line


def line_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line, without its line break: the lines of ``LineIndex(text)``
    for a reader that needs no Line objects."""
    if "\r" not in text:  # the usual text: breaks found by str.find, several times faster
        pos = 0
        stop = text.find("\n")
        while stop != -1:
            yield pos, stop
            pos = stop + 1
            stop = text.find("\n", pos)
        yield pos, len(text)
        return
    pos = 0
    for m in LINE_BREAK.finditer(text):
        yield pos, m.start()
        pos = m.end()
    yield pos, len(text)


class LineIndex:
    """Where each line starts and ends; built once per document.

    ``starts``, ``ends`` and ``texts`` give each line (0-based: line ``n`` is at ``n - 1``)
    without its break; the ``Line`` objects are made on first use of ``lines`` (the document's
    own views read the three tuples, and most runs never ask for a Line).
    """

    def __init__(self, text: str) -> None:
        if "\r" not in text:  # the usual text: split at "\n", the lines' texts come with it
            texts = text.split("\n")
            starts = list(accumulate([len(p) + 1 for p in texts[:-1]], initial=0))
            ends = list(map(add, starts, map(len, texts)))
        else:
            starts = [0]
            ends = []
            for m in LINE_BREAK.finditer(text):
                ends.append(m.start())
                starts.append(m.end())
            ends.append(len(text))
            texts = [text[s:e] for s, e in zip(starts, ends)]
        self.starts: tuple[int, ...] = tuple(starts)
        self.ends: tuple[int, ...] = tuple(ends)
        self.texts: tuple[str, ...] = tuple(texts)

    @cached_property
    def lines(self) -> tuple[Line, ...]:
        return tuple(map(_line, range(1, len(self.starts) + 1), self.starts, self.ends, self.texts))

    def __len__(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        """The 1-based line holding ``offset`` (an offset inside a line break belongs to its line)."""
        return bisect_right(self.starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        line = self.line_of(offset)
        return line, offset - self.starts[line - 1] + 1

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1
