"""Hard-wrapped plain text: which lines go on with the line above.

Text copied out of a PDF (or a printout's text layer) breaks every paragraph into lines of
about the same width, wherever the line ended: inside a sentence, a quotation, a 《title》,
between 二 and 是.  Read one paragraph a line, such a text is full of broken sentences,
unpaired quotes and series that stop halfway.  ``continued_lines`` finds the lines that
continue a paragraph so that ``Document.paragraphs`` can give whole paragraphs.

A text is hard-wrapped when many of its lines have about one width and stop in mid-sentence
and hardly any line is wider (a typed paragraph is one long line ending with its full stop),
or when its paragraphs are indented and several indented lines go on, in mid-sentence, into
lines that are not.  In such a text a line continues the line above when the line above is
full or stops in mid-sentence inside an indented paragraph (or on a comma or an opening mark),
neither is a table row, the line is not indented where the copy indents its paragraphs, and it
is not a line that stands alone in a 公文 (附件1, 抄送：…, a date, 特此报告。).  A numbered heading starts
a paragraph unless the line above broke off in mid-word (增长百分之六点 / 二，…); it goes on
only when its run-in text does.  Plain text only: a Markdown paragraph's lines and a .docx
paragraph are read by their own rules.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from speechlint.lazyre import lazy_re

if TYPE_CHECKING:
    from speechlint.document import Document

_SPACE = " \t\u3000\u00a0"
#: Table cells apart by a tab or a run of spaces.
_CELL_GAP = lazy_re(r"\S(?: {2,}|\t)\S")
#: Marks that never end a paragraph: the line goes on however short it is.
_OPEN_END = "，、“‘《（(〔【—,"
#: Closing marks: a line ending so may be a note of its own (（此件公开发布）).
_CLOSE = "”’》）)〕】」』"
#: Where a sentence, clause list or note may end.
_SENTENCE_STOPS = "。！？!?；;：:" + _CLOSE
#: How many sentences broken at a line end make a text hard-wrapped.
_EVIDENCE = 3
#: Lines shorter than this say nothing about the width.
_MIN_WIDTH = 10
#: A full line is at least this part of the wrap width (kinsoku, digits and Latin letters).
_FULL = 0.8
#: A line this much wider than the wrap width was not wrapped.
_WIDER = 1.2


# Compiled on first need: most texts are not hard-wrapped and never get this far.
# What a numbered heading opens with (the outline reads the exact forms; a line opening
# so starts a paragraph unless the line above broke off in mid-word).
_MARKER = lazy_re(
    r"[一二三四五六七八九十百]+[、.．,，:：]|[（(][一二三四五六七八九十百\d]{1,3}[）)]|\d{1,2}[.．、,，:：](?!\d)|[①-⑳]"
    r"|第[一二三四五六七八九十百零〇两]+[章节条](?:[ \t\u3000]|$)"
)
# Lines that stand on their own in a 公文 whatever precedes them.
_STANDALONE = lazy_re(
    r"附\s*件\s*[\d一二三四五六七八九十]*\s*(?:[：:]|$)|(?:抄\s*送|抄\s*报|分\s*送|主\s*送|签\s*发\s*人)\s*[：:]"
    r"|(?:出\s*席|列\s*席|参\s*加|缺\s*席|请\s*假|记\s*录|主\s*持)(?:人员|单位|人)?\s*[：:]"
    r"|[（(]?\s*(?:联系人|联系电话|此件)|.{0,20}印\s*发$"
    r"|[（(]?\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年[^，。；]{0,8}日\s*[）)]?$"
    # closings that stand as a paragraph of their own: 特此报告。 妥否，请批示。 谢谢大家！
    r"|(?:特此[\u4e00-\u9fff]{1,4}|此复|此致|敬礼|妥否[，,]?请[\u4e00-\u9fff]{1,4}|谢谢[\u4e00-\u9fff]{0,4})[。！!.]?$"
)


@dataclass(slots=True)  # not frozen: a frozen dataclass's __init__ costs twice as much
class _Row:
    number: int
    text: str  # the line's content, stripped
    width: float
    indented: bool
    heading: bool
    cells: bool


def _width(text: str) -> float:
    """Display width: a half-width character takes half the room of a Chinese one."""
    # Counted by a regex, not char by char (every line of every plain-text file comes here):
    # the same sum, exactly (halves add up exactly in a float).
    return len(text) - 0.5 * len(_NARROW.findall(text))


_NARROW = lazy_re(r"[\x00-\u2e7f]")


def continued_lines(document: Document) -> frozenset[int]:
    """1-based numbers of the lines that continue the paragraph of the line above them."""
    if document.format != "text":
        return frozenset()
    lines = document.lines
    prose = document.prose
    # Each line as the prose reads it: the lines' own texts when nothing reads as spaces.
    texts = lines.texts if prose is document.text else [prose[s:e] for s, e in zip(lines.starts, lines.ends)]
    # Evidence is counted at lines that stop in mid-sentence: a text with fewer than _EVIDENCE
    # of them is not hard-wrapped, told before any line is measured.
    mid = 0
    for raw in texts:
        content = raw.rstrip(_SPACE)
        if content and content[-1] not in _SENTENCE_STOPS:
            mid += 1
            if mid == _EVIDENCE:
                break
    if mid < _EVIDENCE:
        return frozenset()
    if _surely_typed(texts):
        return frozenset()  # most texts stop here: a typed text is told without every line's width
    rows: list[_Row] = []
    for number, raw in enumerate(texts, 1):
        content = raw.strip(_SPACE)
        if content:
            rows.append(_Row(number, content, _width(content), _indented(raw), False, _cells(content)))
    # Text lines: a numbered heading with its run-in text (（一）…。…) is one too.
    body = [r for r in rows if r.width >= _MIN_WIDTH and not r.cells]
    full = _usual_width(body)
    # A copy that keeps the first-line indent: a paragraph starts at an indented line and goes
    # on over the lines below it that are not indented.
    indents = sum(1 for r in body if r.indented) >= 3
    if full is None and not indents:
        return frozenset()
    for r in rows:
        r.heading = _MARKER.match(r.text) is not None
    # How wide a full line is, for a heading line that runs on into body text.
    widest = full if full is not None else _percentile(sorted(r.width for r in body), 0.9)
    out: set[int] = set()
    evidence = 0  # lines that go on with a line stopped in mid-sentence: the text is wrapped
    open_ = False  # the line above is part of a paragraph
    for prev, cur in zip(rows, rows[1:]):
        # A numbered heading line goes on when it stops in mid-sentence after a run-in title or
        # across the full width: （一）坚定不移抓项目、扩投资。要围绕国家 / 政策投向，…
        run_in = prev.heading and _mid_sentence(prev.text) and ("。" in prev.text or prev.width >= widest * _FULL)
        open_ = not prev.cells and (run_in or (not prev.heading and (prev.indented or (open_ and prev.number in out))))
        if (prev.heading and not run_in) or prev.cells or cur.cells or (indents and cur.indented):
            continue
        if cur.heading and not _broken_before(prev, full, indents):
            continue
        if _STANDALONE.match(cur.text):
            continue  # 附件1, 抄送：…, 2026年3月12日: lines of their own in any copy
        if full is not None and (prev.width > full * _WIDER or cur.width > full * _WIDER):
            continue  # a line longer than the wrap width was typed as it is
        if indents and not open_:
            continue  # a title, a salutation, a signature: not inside a paragraph
        last = prev.text[-1]
        is_full = run_in or (full is not None and prev.width >= full * _FULL)
        if last in _OPEN_END:
            out.add(cur.number)
            evidence += 1
        elif not _mid_sentence(prev.text):
            # The line may end its paragraph (。 ； ： or a closing mark): the next line goes on
            # with it only if it is text (a title, a table cell or a label after a finished line
            # stands alone) and the paragraphs are indented or this line is full.
            # A line opening with “ after a finished one starts the next paragraph of a quotation.
            if _has_clause(cur.text) and (indents or is_full) and not cur.text.startswith("“"):
                out.add(cur.number)
        elif indents or is_full:
            out.add(cur.number)  # stopped in mid-sentence
            evidence += 1
    # A typed draft with indented paragraphs may have a line or two below a paragraph (出席：…);
    # a wrapped copy breaks many sentences.
    return frozenset(out) if evidence >= _EVIDENCE else frozenset()


def _broken_before(prev: _Row, full: float | None, indents: bool) -> bool:
    """A line that opens with what looks like a number (二，一般公共预算收入…) goes on with the
    line above when that line stopped in mid-word: 增长百分之六点 / 二，…"""
    if prev.heading or not _mid_sentence(prev.text) or prev.text[-1] in _OPEN_END:
        return False
    return indents or (full is not None and prev.width >= full * _FULL)


def _mid_sentence(text: str) -> bool:
    """The line stops where no sentence, clause list or note may end."""
    return text[-1] not in _SENTENCE_STOPS


def _percentile(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(len(values) * q))] if values else 0.0


def _has_clause(text: str) -> bool:
    return any(c in text for c in "，。；：！？、")


def _usual_width(body: list[_Row]) -> float | None:
    """The wrap width ``w``: two text lines in five or more are between 0.8·w and w wide, most of
    them stop in mid-sentence (a typed paragraph ends with its full stop), and hardly any
    line is wider (a typed paragraph is as long as it is)."""
    best, best_count = _best_width(sorted(r.width for r in body if _mid_sentence(r.text)))
    if best is None or best_count < 4:
        return None
    around = [r for r in body if best * _FULL <= r.width <= best]
    wider = sum(1 for r in body if r.width > best * _WIDER)
    if len(around) < 0.4 * len(body) or best_count < 0.6 * len(around) or wider > 0.1 * len(body):
        return None
    return best


def _best_width(widths: list[float]) -> tuple[float | None, int]:
    """The width ``w`` (the widest of the best) with the most of ``widths`` (sorted: the widths of
    the text lines that stop in mid-sentence) between 0.8·w and w, and how many are there."""
    best: float | None = None
    best_count = 0
    for w in sorted(set(widths)):
        # Counted by bisection (a long document has thousands of lines and hundreds of widths).
        count = bisect_right(widths, w) - bisect_left(widths, w * _FULL)
        if count >= best_count:
            best, best_count = w, count
    return best, best_count


def _indented(raw: str) -> bool:
    """The line opens with an indent: a full-width space, a tab or two spaces."""
    lead = len(raw) - len(raw.lstrip(_SPACE))
    return lead >= 2 or (lead == 1 and raw[0] in "\u3000\t")


def _cells(content: str) -> bool:
    """The line holds table cells apart by a tab or a run of spaces."""
    return ("  " in content or "\t" in content) and _CELL_GAP.search(content) is not None


def _surely_typed(texts: Sequence[str]) -> bool:
    """True when the lines have no usual width and fewer than three indents: the text is not
    hard-wrapped.

    Told without the width of every line: the usual width is the best of the widths of the text
    lines that stop in mid-sentence (a typed text has few), and a line is between half its length
    and its length wide, so a line more than 2·_WIDER times as long as that width is wider than
    it and a line shorter than _MIN_WIDTH is no text line.  When these bounds do not tell, False:
    every line is measured (``_usual_width``).
    """
    indents = 0
    lengths: list[int] = []  # of the lines that are no table rows
    mid: list[float] = []  # widths of the text lines that stop in mid-sentence
    for raw in texts:
        content = raw.strip(_SPACE)
        if not content:
            continue
        if raw[0] in _SPACE and _indented(raw):
            indents += 1
        if _cells(content):
            continue
        lengths.append(len(content))
        if len(content) >= _MIN_WIDTH and _mid_sentence(content):
            width = _width(content)
            if width >= _MIN_WIDTH:
                mid.append(width)
    if indents >= 3:
        return False  # perhaps indented paragraphs
    best, best_count = _best_width(sorted(mid))
    if best is None or best_count < 4:
        return True
    lengths.sort()
    body = len(lengths) - bisect_left(lengths, _MIN_WIDTH)  # at most this many text lines
    wider = len(lengths) - bisect_right(lengths, 2 * (best * _WIDER))  # at least this many wider
    return wider > 0.1 * body
