"""What the punctuation rules share: Chinese context and the spans they never touch.

A mark is judged by its neighbours: Han or CJK punctuation makes the context
Chinese; Latin letters and digits make it not.  URLs, e-mail addresses, file
names, emoticons and numbers are protected: no punctuation rule reports inside them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from speechlint.charclass import CJK, HAN, URL_OR_EMAIL
from speechlint.document import Document, Segment
from speechlint.lazyre import lazy_re, lazy_regex, matches_at

if TYPE_CHECKING:
    import regex

HAN_CHAR = lazy_regex(HAN)
CJK_CHAR = lazy_regex(CJK)
LATIN_OR_DIGIT = lazy_regex(r"[A-Za-z0-9]")
LATIN = lazy_regex(r"[A-Za-z]")

_URL = lazy_regex(URL_OR_EMAIL)
# Sentence punctuation typed right after a URL is not part of it (as autolinkers do).
_URL_TAIL = ".,;:!?'\""
#: Emoticons: their brackets and colons are not punctuation — :) :-( ;) (^_^) （T_T） ^^ ^_^.
#: The first character is taken out in front of the alternatives (each starts with different
#: ones, so the look-behind picks the one that alternative needs), which lets ``re`` skip to
#: the few places a match can start instead of trying every alternative at every position.
_EMOTICON = lazy_re(
    r"[:;=(（^](?:(?<=[:;=])[-'^]?[()]|(?<=[(（])[\^T>＾][_\-.oω]?[\^T<＾][)）]|(?<=\^)_?\^)"
)
#: The characters _EMOTICON's class opens with: it is tried only where one stands (see char_offsets).
_EMOTICON_FIRST = ":;=(（^"
_SENTENCE_END = set("。！？；!?;")
#: A number with its inner separators: 1.5, 5.2, 1,000, 10:30, 3.1.2.
_NUMBER = lazy_regex(r"\d+(?:[.,:：/]\d+)+")
#: A file name as the web page or the attachment list gives it, marks and all:
#: 报表(样表).xls, 关于开展“安全生产月”活动的通知.docx.  A bracket or quote belongs to it
#: only with its partner, so pairing around the name is still checked.
_EXTENSION = r"\.(?:docx?|xlsx?|pptx?|pdf|ofd|wps|et|dps|txt|csv|zip|rar|7z|jpe?g|png)(?![A-Za-z0-9])"
_FILE_NAME = lazy_regex(
    r"(?i)(?:[^\s，。；！？,;!?：:（）()《》“”‘’\[\]【】]|[（(][^\s（）()]{1,12}[）)]|“[^\s“”]{1,24}”){1,60}"
    + _EXTENSION
)
#: The most characters _FILE_NAME's name part can take: 60 units of at most 26 (a quoted word).
_FILE_NAME_REACH = 60 * 26
_HAS_EXTENSION = lazy_regex("(?i)" + _EXTENSION)  # most texts name no file: skip the long pattern
_LAST_SPACE = lazy_regex(r"(?r)\s")


def is_han(ch: str) -> bool:
    return bool(ch) and HAN_CHAR.match(ch) is not None


def is_cjk(ch: str) -> bool:
    """Han or CJK punctuation: a neighbour that makes the context Chinese."""
    return bool(ch) and CJK_CHAR.match(ch) is not None


def is_latin_or_digit(ch: str) -> bool:
    return bool(ch) and LATIN_OR_DIGIT.match(ch) is not None


def left_char(text: str, i: int, skip: str = "") -> str:
    """The character before offset ``i`` (skipping characters in ``skip``), or ""."""
    j = i - 1
    while j >= 0 and text[j] in skip:
        j -= 1
    return text[j] if j >= 0 else ""


def right_char(text: str, i: int, skip: str = "") -> str:
    """The character at or after offset ``i`` (skipping characters in ``skip``), or ""."""
    j = i
    while j < len(text) and text[j] in skip:
        j += 1
    return text[j] if j < len(text) else ""


class Protected:
    """Sorted, non-overlapping spans with a fast "is this offset inside one" test."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            elif end > start:
                merged.append((start, end))
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def __contains__(self, offset: int) -> bool:
        k = bisect_right(self._starts, offset) - 1
        return k >= 0 and offset < self._ends[k]

    def overlaps(self, start: int, end: int) -> bool:
        """True when any offset in ``start..end`` (end exclusive) is protected."""
        k = bisect_right(self._starts, max(start, end - 1)) - 1
        return k >= 0 and self._ends[k] > start


def unprotected(
    pattern: regex.Pattern[str], text: str, guard: Protected, windows: Iterable[tuple[int, int]] | None = None
) -> Iterator[regex.Match[str]]:
    """Matches of ``pattern`` in ``text`` that touch no protected span.

    ``windows``: (start, end) spans, in order and apart, that hold every match; only they are
    searched (``pattern.finditer`` over a long text tries every position, a costly alternation
    at each).  A window must also give ``pattern``'s look-arounds at its edges the answer the
    whole text gives: a run of the characters the pattern is made of, bounded by others,
    or a whole line for a pattern that never crosses one.
    """
    matches = pattern.finditer(text) if windows is None else (
        m for lo, hi in windows for m in pattern.finditer(text, lo, hi)
    )
    for m in matches:
        if not guard.overlaps(*m.span()):
            yield m


def url_spans(text: str) -> Iterator[tuple[int, int]]:
    """URLs and e-mail addresses, without the sentence punctuation typed after them."""
    for m in _url_matches(text):
        start, end = m.span()
        while end > start and text[end - 1] in _URL_TAIL:
            end -= 1
        # A closing parenthesis belongs to the URL only when the URL opened one.
        if end > start and text[end - 1] == ")" and "(" not in text[start:end]:
            end -= 1
        yield start, end


#: Each alternative of _URL holds one of these.
_URL_NEEDS = ("://", "www.", "@")


def _url_matches(text: str) -> Iterator[regex.Match[str]]:
    """``_URL.finditer(text)``, searched only in the lines holding one of _URL_NEEDS.

    No match holds a line break (every part of the pattern excludes spaces), so the matches
    of a line are those of the whole text; most lines, and most texts, hold no needle.
    """
    for lo, hi in lines_holding(text, _URL_NEEDS):
        yield from _URL.finditer(text, lo, hi)


def lines_holding(text: str, needles: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text`` (without its break) holding one of ``needles``, in order."""
    windows: list[tuple[int, int]] = []
    for needle in needles:
        at = text.find(needle)
        while at != -1:
            lo, hi = text.rfind("\n", 0, at) + 1, text.find("\n", at)
            windows.append((lo, len(text) if hi == -1 else hi))
            at = text.find(needle, windows[-1][1])
    return sorted(set(windows))


def protected(text: str, *, numbers: bool = True) -> Protected:
    """URLs, e-mail addresses, file names, emoticons and (unless ``numbers=False``) numbers."""
    spans = _unwritten(text)
    if numbers:
        spans += _numbers(text)
    return Protected(spans)


def _unwritten(text: str) -> list[tuple[int, int]]:
    """The spans ``protected`` takes whatever ``numbers`` says."""
    emoticons = matches_at(_EMOTICON, text, char_offsets(text, _EMOTICON_FIRST))
    return [*url_spans(text), *_file_names(text), *(m.span() for m in emoticons)]


def _numbers(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _NUMBER.finditer(text)]


def _file_names(text: str) -> list[tuple[int, int]]:
    """The spans of ``_FILE_NAME.finditer(text)``, trying only where a name can start.

    finditer tries every position of the text, each up to 60 units long: seconds for a long
    document.  A name ends with an extension, and _HAS_EXTENSION finds every place one can
    match (each starts with its dot and holds no other).  So a name that starts at ``s``
    has an extension at the first one after ``s``, or later, with neither a space nor more
    than _FILE_NAME_REACH characters between: only positions after the last space before
    an extension, and within that reach, are tried, left to right, as finditer would.
    """
    out: list[tuple[int, int]] = []
    pos = previous = 0  # where finditer would go on; the last extension's start
    for ext in _HAS_EXTENSION.finditer(text):
        p = ext.start()
        lo = max(pos, previous, p - _FILE_NAME_REACH)
        previous = p
        if lo >= p:
            continue
        space = _LAST_SPACE.search(text, lo, p)
        for s in range(space.end() if space else lo, p):
            m = _FILE_NAME.match(text, s)
            if m:
                out.append(m.span())
                pos = m.end()
                break
    return out


def char_offsets(text: str, chars: str) -> list[int]:
    """The offsets of the characters ``chars`` in ``text``, ascending: where a scan for their class finds one.

    One ``str.find`` loop per character: each a C loop over the text several times faster than
    the class scan of ``re`` (which tests every character against the class), and the
    characters looked for are rare.
    """
    found: list[int] = []
    for ch in chars:
        at = text.find(ch)
        while at != -1:
            found.append(at)
            at = text.find(ch, at + 1)
    found.sort()
    return found


def char_runs(text: str, chars: str) -> list[tuple[int, int]]:
    """(start, end) of each run of the characters ``chars`` in ``text``, in order: the matches of
    their class repeated (``[…]+``), found by ``char_offsets`` (for characters as rare as dashes)."""
    runs: list[tuple[int, int]] = []
    start = end = -1
    for at in char_offsets(text, chars):
        if at != end:
            if end != -1:
                runs.append((start, end))
            start = at
        end = at + 1
    if end != -1:
        runs.append((start, end))
    return runs


def marks_by_paragraph(chars: str, text: str, paragraphs: Sequence[Segment]) -> dict[int, list[int]]:
    """The offsets of the characters ``chars`` in each of the ``paragraphs`` (in order, apart) that
    hold one, by paragraph index: a rule walks them without searching each paragraph again.

    One search over the text instead of one per paragraph: most paragraphs hold no quote
    or bracket, and a scan that finds nothing still costs its setting up.
    """
    starts = [p.span.start for p in paragraphs]
    out: dict[int, list[int]] = {}
    marks: list[int] = []
    start = end = 0  # the paragraph of ``marks``: the marks come in order, most beside another
    for i in char_offsets(text, chars):
        if not start <= i < end:
            k = bisect_right(starts, i) - 1
            if k < 0 or i >= paragraphs[k].span.end:
                continue
            start, end = paragraphs[k].span.start, paragraphs[k].span.end
            marks = out[k] = []
        marks.append(i)
    return out


def protected_in(document: Document, text: str, *, numbers: bool = True) -> Protected:
    """``protected(text)`` for the document's ``text`` or ``prose``, computed once per document.

    A rule whose marks never stand in a number (digits with single separators . , : ： /
    between two digits) passes ``numbers=False`` and skips that scan.
    """
    cache = document.shared(_protected)
    key = (text, numbers)
    if key not in cache:
        # The URL, file-name and emoticon scans serve both values of ``numbers`` (rules ask for
        # both): each is made once per text.
        common = cache.get((text, None))
        if common is None:
            common = cache[(text, None)] = _unwritten(text)
        cache[key] = Protected(common + _numbers(text) if numbers else common)
    return cache[key]  # type: ignore[return-value]


def _protected(document: Document) -> dict[tuple[str, bool | None], Protected | list[tuple[int, int]]]:
    return {}


def unmatched_across_breaks(
    document: Document,
    opens: Mapping[int, Sequence[tuple[int, str]]],
    closes: Mapping[int, Sequence[tuple[int, str]]],
) -> set[int]:
    """Offsets of marks that pair up across a line break (a title broken over two lines).

    ``opens[k]`` and ``closes[k]`` are the unmatched opening and closing marks of
    ``document.paragraphs[k]`` as (offset, family); a paragraph without either may be left
    out (most hold no mark: only the others are visited).  When a line leaves exactly
    one mark open and the next line's first unmatched closing mark is of the same
    family, the two are a pair, provided the line stops mid-sentence or the two
    lines are one soft-wrapped Markdown paragraph.
    """
    paragraphs = document.paragraphs
    paired: set[int] = set()
    for k in sorted(opens):  # in order: a pair made on one line counts on the next
        nxt = closes.get(k + 1)
        if len(opens[k]) != 1 or not nxt:
            continue
        first_lines = document.paragraph_lines
        wrapped = document.format == "markdown" and first_lines[k + 1][0] == first_lines[k][0] + 1
        if paragraphs[k].text[-1:] in _SENTENCE_END and not wrapped:
            continue  # a finished line of its own: the mark is missing, not carried over
        # Closing marks of this line already paired with the line above it do not count:
        # （特别是 / 施工项目）开展排查，按照《防汛应急 / 预案》的要求.
        if all(c in paired for c, _ in closes.get(k, ())):
            (o, family), (c, other) = opens[k][0], nxt[0]
            if family == other and not any(p < c for p, _ in opens.get(k + 1, ())):
                paired.update((o, c))
    return paired
