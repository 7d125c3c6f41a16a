"""Markdown: the source text, with what is not prose marked and exempt.

Positions are those of the source: the reader never rewrites the text.  It records

- ``markup``: Markdown syntax (``#``, ``>``, bullets, emphasis marks, table pipes,
  link brackets, escapes) and non-prose content (front matter, fenced and indented
  code, inline code, HTML comments and tags, link targets).  ``Document.prose``
  reads them as spaces, so emphasis marks are boundaries: ``**一是**加强`` reads
  ``  一是  加强`` and paragraphs start on the 一 (content start skips them);
- ``exempt`` (all codes): front matter, code, comments, HTML tags, autolinks,
  link targets and reference definitions; plus the ranges that suppression
  comments disable;
- ``content_starts``: after ``>``, ``#``, bullets (``-``, ``*``, ``+``, ``[ ]``),
  a leading table pipe.  An ordered-list marker (``1.``) stays *inside* the
  content: in a Chinese draft ``1.`` is a heading number the structure rules read;
- ``directives``: the ``<!-- speechlint-… -->`` comments, for SLX001;
- ``front_matter``: ``key: value`` lines of a leading ``---`` block (no YAML
  library: nested values are skipped); ``genre`` and ``home`` become hints.

Indented code follows CommonMark (four spaces after a blank line, outside list
items), except that a block whose lines all start with a Chinese character or
mark is a paragraph indented by hand, not code.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from speechlint.document import Directive, Document
from speechlint.document.furniture import furniture_spans
from speechlint.document.lines import Line, LineIndex
from speechlint.fix import Span
from speechlint.lazyre import lazy_regex
from speechlint.readers import decode

SUFFIXES = (".md", ".markdown")
KINDS = ("disable", "enable", "disable-next-line", "disable-file")

_FM_KEY = lazy_regex(r"(?P<key>[\w][\w .-]*?)[ \t]*:(?:[ \t]+(?P<value>.*?))?[ \t]*")
_QUOTE = lazy_regex(r"(?:[ \t]{0,3}>[ \t]?)+")
_FENCE = lazy_regex(r"(?P<fence>`{3,}|~{3,})(?P<info>.*)")
_THEMATIC = lazy_regex(r"([-*_])[ \t]*(?:\1[ \t]*){2,}")
_SETEXT = lazy_regex(r"(?:=+|-+)[ \t]*")
_REFDEF = lazy_regex(r"\[(?!\^)[^\]]+\]:[ \t]*\S")
_FOOTDEF = lazy_regex(r"\[\^[^\]]+\]:[ \t]*")
_ATX = lazy_regex(r"#{1,6}(?:[ \t]+|$)")
_ATX_CLOSE = lazy_regex(r"[ \t]+#+[ \t]*$")
_BULLET = lazy_regex(r"[-*+][ \t]+(?:\[[ xX]\][ \t]+)?(?=\S)")
_ORDERED = lazy_regex(r"\d{1,9}[.)][ \t]+(?=\S)")
_DELIMITER_ROW = lazy_regex(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*|\|[ \t]*:?-+:?[ \t]*\|[ \t]*")
# A paragraph indented by hand starts with Han or a Chinese mark; code does not.
_CJK_START = lazy_regex(r"[\p{Han}\u3000-\u303f\uff00-\uffef“‘《（【…—]")

_COMMENT = lazy_regex(r"<!--.*?-->", regex.S)
_DIRECTIVE = lazy_regex(r"<!--\s*speechlint-(?P<kind>[A-Za-z]+(?:-[A-Za-z]+)*)(?P<rest>.*?)-->", regex.S)
_CODE_TOKEN = lazy_regex(r"[^\s,，、;；]+")
_INLINE_CODE = lazy_regex(r"(?<![`\\])(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_AUTOLINK = lazy_regex(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s]+)>")
_HTML_TAG = lazy_regex(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*?)?/?>")
_ESCAPE = lazy_regex(r"\\(?=[!-/:-@\[-`{-~])")
_FOOTNOTE_REF = lazy_regex(r"\[\^[^\]\s]+\]")
_LINK = lazy_regex(
    r"""
    (?P<open>!?\[)
    (?P<label>(?:[^\[\]\\\x00]|\\.|\[[^\[\]]*\])*)
    (?:
        (?P<target>\]\([ \t]*(?:<[^<>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)
            (?:[ \t]+(?:"[^"]*"|'[^']*'|\([^()]*\)))?[ \t]*\))
      | (?P<ref>\]\[[^\[\]]*\])
    )   # a bare [label] is prose: citations such as [1]
    """,
    regex.X,
)
_EMPHASIS = (
    regex.compile(r"(?<![\\*\d])(\*{1,3})(?![\s*])(.+?)(?<![\s*\\])\1(?!\*)"),
    regex.compile(r"(?<![\\_\p{L}\p{N}])(_{1,2})(?![\s_])(.+?)(?<![\s_\\])\1(?![_\p{L}\p{N}])"),
    regex.compile(r"(?<![\\~])(~~)(?![\s~])(.+?)(?<![\s~\\])~~(?!~)"),
)
_PIPE = lazy_regex(r"(?<!\\)\|")
# Pandoc attributes: a bracketed span ``[重点任务]{.underline}`` and the size of an image
# ``![](media/image1.png){width="5.76in"}`` (a .docx converted by pandoc is full of them).
_ATTRS = r"\{(?:[.#][\w-]+|[\w-]+=)[^{}\n]*\}"
_BRACKETED_SPAN = lazy_regex(rf"(\[)[^\[\]\n\x00]+(\]){_ATTRS}")
_ATTRIBUTES = lazy_regex(rf"(?<=[\x00])({_ATTRS})")
# A backslash ending a line is pandoc's hard line break (Shift+Enter in Word), not text.
_HARD_BREAK = lazy_regex(r"(?<!\\)\\[ \t]*$")
_MASK = "\x00"  # stands for characters already claimed (code, comments) in a line being scanned


def read_markdown(path: Path, data: bytes) -> Document:
    text, encoding, bom = decode(data)
    parsed = parse_markdown(text)
    fm = parsed.front_matter
    return Document(
        text=text,
        path=str(path),
        encoding=encoding,
        bom=bom,
        format="markdown",
        content_starts=tuple(parsed.content_starts),
        exempt=tuple(parsed.exempt),
        markup=tuple(_merge(parsed.markup)),
        directives=tuple(parsed.directives),
        front_matter=fm,
        genre_hint=_hint(fm.get("genre")),
        home_hint=_hint(fm.get("home")),
    )


def _hint(value: Any) -> str | None:
    return str(value) if isinstance(value, (str, int)) and str(value) else None


@dataclass
class Parsed:
    content_starts: list[int]
    markup: list[Span] = field(default_factory=list)
    exempt: list[tuple[Span, frozenset[str]]] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    front_matter: dict[str, Any] = field(default_factory=dict)


_ALL: frozenset[str] = frozenset()


def parse_markdown(text: str) -> Parsed:
    """Everything the Markdown reader records, as lists (see the module docstring)."""
    lines = LineIndex(text).lines
    out = Parsed(content_starts=[ln.span.start for ln in lines])
    code: list[Span] = []  # fenced and indented code blocks, front matter
    first = _front_matter(lines, out)
    if first:
        block = Span(lines[0].span.start, lines[first - 1].span.end)
        code.append(block)
    prose, tables = _blocks(lines, first, out, code)
    inline_code = {k: list(_finditer(_INLINE_CODE, lines[k].text, start - lines[k].span.start))
                   for k, start in prose.items()}
    comments = _comments(text, lines, code, inline_code)
    for k, start in prose.items():
        _inline(lines[k], start, inline_code[k], comments, k in tables, out)
    for span in code:
        out.markup.append(span)
        out.exempt.append((span, _ALL))
    out.markup.extend(comments)  # exempt in _suppressions, which leaves directive codes reportable
    _suppressions(text, lines, comments, out)
    for span in furniture_spans(text):  # page numbers of a PDF converted to Markdown
        out.markup.append(span)
        out.exempt.append((span, _ALL))
    return out


# -- front matter -------------------------------------------------------------------


def _front_matter(lines: tuple[Line, ...], out: Parsed) -> int:
    """Number of lines of a leading ``---`` block of ``key: value`` lines (0: none)."""
    if len(lines) < 2 or lines[0].text.rstrip(" \t") != "---":
        return 0
    items: dict[str, Any] = {}
    for k in range(1, len(lines)):
        t = lines[k].text
        if t.rstrip(" \t") in ("---", "..."):
            out.front_matter.update(items)
            return k + 1
        if not t.strip() or t.lstrip().startswith("#"):
            continue
        if t[0] in " \t" or t.startswith("- "):
            continue  # nested values and list items: not needed by any rule
        m = _FM_KEY.fullmatch(t)
        if m is None:
            return 0  # prose after "---": a thematic break, not front matter
        items[m.group("key")] = _fm_value(m.group("value") or "")
    return 0


def _fm_value(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


# -- blocks -------------------------------------------------------------------------


def _indent(s: str) -> int:
    width = 0
    for c in s:
        if c == " ":
            width += 1
        elif c == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _blocks(lines: tuple[Line, ...], first: int, out: Parsed, code: list[Span]) -> tuple[dict[int, int], set[int]]:
    """Walk the lines: code blocks, markers, content starts.

    Returns the prose lines (line index -> offset where inline scanning starts)
    and the indices of table rows.
    """
    prose: dict[int, int] = {}
    tables: set[int] = set()
    fence: tuple[str, int] | None = None
    fence_start = 0
    in_comment = False
    prev_blank, prev_para, in_table = True, False, False
    list_indent: int | None = None
    k = first
    while k < len(lines):
        ln = lines[k]
        t, base = ln.text, ln.span.start
        if fence is not None:
            m = _QUOTE.match(t)
            rest = t[m.end() if m else 0 :].strip()
            if rest and rest[0] == fence[0] and len(rest) >= fence[1] and rest == rest[0] * len(rest):
                code.append(Span(fence_start, ln.span.end))
                fence = None
            k += 1
            continue
        if in_comment:
            in_comment = "-->" not in t
            k += 1
            continue
        if not t.strip():
            prev_blank, prev_para, in_table = True, False, False
            k += 1
            continue
        pos = 0
        m = _QUOTE.match(t)
        if m:
            out.markup.append(Span(base, base + m.end()))
            pos = m.end()
        indent = _indent(t[pos:])
        at = pos + len(t[pos:]) - len(t[pos:].lstrip(" \t"))
        rest = t[at:]
        if list_indent is not None and indent < list_indent and not _BULLET.match(rest) and not _ORDERED.match(rest):
            if not prev_para:
                list_indent = None
        if pos == 0 and prev_blank and not prev_para and indent >= (list_indent or 0) + 4:
            end = _indented_code(lines, k, (list_indent or 0) + 4)
            if end is not None:
                code.append(Span(base, lines[end - 1].span.end))
                k = end
                prev_blank, prev_para = False, False
                continue
        m = _FENCE.fullmatch(rest)
        if m and not (m.group("fence")[0] == "`" and "`" in m.group("info")):
            fence = (m.group("fence")[0], len(m.group("fence")))
            fence_start = base
            k += 1
            continue
        if rest.startswith("<!--") and "-->" not in rest[4:]:
            in_comment = True
            k += 1
            continue
        if _THEMATIC.fullmatch(rest) or (prev_para and _SETEXT.fullmatch(rest)):
            out.markup.append(Span(base + at, ln.span.end))
            prev_blank, prev_para = False, False
            k += 1
            continue
        if _REFDEF.match(rest):
            span = Span(base + at, ln.span.end)
            out.markup.append(span)
            out.exempt.append((span, _ALL))
            k += 1
            continue
        start = at
        heading = False
        if m := _FOOTDEF.match(rest):
            # [^1]: is syntax, like a footnote reference: its colon is no Chinese punctuation.
            span = Span(base + at, base + at + m.end())
            out.markup.append(span)
            out.exempt.append((span, _ALL))
            start = at + m.end()
        elif m := _ATX.match(rest):
            out.markup.append(Span(base + at, base + at + m.end()))
            start = at + m.end()
            if c := _ATX_CLOSE.search(t, start):
                out.markup.append(Span(base + c.start(), base + c.end()))
            heading = True
        elif m := _BULLET.match(rest):
            out.markup.append(Span(base + at, base + at + m.end()))
            start = at + m.end()
            list_indent = _indent(t[pos:]) + m.end()
        elif m := _ORDERED.match(rest):
            list_indent = _indent(t[pos:]) + m.end()  # the marker stays in the content
        if _DELIMITER_ROW.fullmatch(rest) and "|" in rest:
            out.markup.append(Span(base + at, ln.span.end))
            in_table = True
            if k > first and prose.get(k - 1) is not None and "|" in lines[k - 1].text:
                tables.add(k - 1)
            k += 1
            continue
        if rest.startswith("|") or (in_table and "|" in rest):
            tables.add(k)
            if rest.startswith("|"):
                out.markup.append(Span(base + at, base + at + 1))
                start = at + 1  # the inline pass marks the other pipes
        else:
            in_table = False
        out.content_starts[k] = base + start
        prose[k] = base + start
        prev_blank, prev_para = False, not heading
        k += 1
    if fence is not None:
        code.append(Span(fence_start, lines[-1].span.end))  # an unclosed fence runs to the end
    return prose, tables


def _indented_code(lines: tuple[Line, ...], k: int, need: int) -> int | None:
    """End (exclusive line index) of the indented code block starting at ``k``, or None for prose."""
    end = k
    j = k
    while j < len(lines):
        t = lines[j].text
        if not t.strip():
            j += 1
            continue
        if _indent(t) < need:
            break
        j += 1
        end = j
    body = [lines[i].text.strip() for i in range(k, end) if lines[i].text.strip()]
    if all(_CJK_START.match(s) for s in body):
        return None
    return end


# -- comments, inline syntax --------------------------------------------------------


def _finditer(pattern: regex.Pattern[str], s: str, pos: int) -> Iterable[tuple[int, int]]:
    return (m.span() for m in pattern.finditer(s, pos))


def _comments(
    text: str, lines: tuple[Line, ...], code: list[Span], inline_code: dict[int, list[tuple[int, int]]]
) -> list[Span]:
    starts = [ln.span.start for ln in lines]
    out = []
    for m in _COMMENT.finditer(text):
        s = m.start()
        if any(c.start <= s < c.end for c in code):
            continue
        k = bisect_right(starts, s) - 1
        col = s - starts[k]
        if any(a <= col < b for a, b in inline_code.get(k, ())):
            continue
        out.append(Span(m.start(), m.end()))
    return out


class _Mask:
    """A line being scanned: claimed characters become NUL so later patterns skip them."""

    def __init__(self, text: str) -> None:
        self.chars = list(text)

    def claim(self, a: int, b: int) -> None:
        for i in range(max(a, 0), min(b, len(self.chars))):
            self.chars[i] = _MASK

    @property
    def text(self) -> str:
        return "".join(self.chars)


def _inline(
    ln: Line, start: int, inline_code: list[tuple[int, int]], comments: list[Span], table: bool, out: Parsed
) -> None:
    base = ln.span.start
    mask = _Mask(ln.text)
    mask.claim(0, start - base)
    # Comments first (found over the whole text), then inline code.
    for c in comments:
        if c.start < ln.span.end and c.end > base:
            mask.claim(c.start - base, c.end - base)
    for a, b in inline_code:
        span = Span(base + a, base + b)
        out.markup.append(span)
        out.exempt.append((span, _ALL))
        mask.claim(a, b)

    def claim(pattern: regex.Pattern[str], exempt: bool = True) -> None:
        for m in pattern.finditer(mask.text):
            span = Span(base + m.start(), base + m.end())
            out.markup.append(span)
            if exempt:
                out.exempt.append((span, _ALL))
            mask.claim(*m.span())

    claim(_AUTOLINK)
    claim(_HTML_TAG)
    claim(_FOOTNOTE_REF)
    for m in _ESCAPE.finditer(mask.text):
        out.markup.append(Span(base + m.start(), base + m.end()))
        mask.claim(m.start(), m.end() + 1)  # the escaped mark is prose, never syntax
    for m in _LINK.finditer(mask.text):
        out.markup.append(Span(base + m.start("open"), base + m.end("open")))
        tail = "target" if m.group("target") is not None else "ref"
        span = Span(base + m.start(tail), base + m.end(tail))
        out.markup.append(span)
        # The target (or reference label) is exempt; the closing "]" goes with it.
        out.exempt.append((Span(span.start + 1, span.end), _ALL))
        mask.claim(m.start("open"), m.end("open"))
        mask.claim(m.start(tail), m.end(tail))
    for m in _BRACKETED_SPAN.finditer(mask.text):
        out.markup.append(Span(base + m.start(1), base + m.end(1)))
        attrs = Span(base + m.start(2), base + m.end())
        out.markup.append(attrs)
        out.exempt.append((attrs, _ALL))
        mask.claim(m.start(1), m.end(1))
        mask.claim(m.start(2), m.end())
    for m in _ATTRIBUTES.finditer(mask.text):
        span = Span(base + m.start(), base + m.end())
        out.markup.append(span)
        out.exempt.append((span, _ALL))
        mask.claim(m.start(), m.end())
    if m := _HARD_BREAK.search(mask.text):
        out.markup.append(Span(base + m.start(), base + m.end()))
        mask.claim(m.start(), m.end())
    for pattern in _EMPHASIS:
        _emphasis(pattern, mask, base, 0, len(mask.chars), out, depth=0)
    if table:
        for m in _PIPE.finditer(mask.text):
            out.markup.append(Span(base + m.start(), base + m.end()))


def _emphasis(pattern: regex.Pattern[str], mask: _Mask, base: int, a: int, b: int, out: Parsed, depth: int) -> None:
    if depth > 3:
        return
    for m in pattern.finditer(mask.text, a, b):
        n = len(m.group(1))
        out.markup.append(Span(base + m.start(), base + m.start() + n))
        out.markup.append(Span(base + m.end() - n, base + m.end()))
        _emphasis(pattern, mask, base, m.start(2), m.end(2), out, depth + 1)


# -- suppression comments -----------------------------------------------------------


def _suppressions(text: str, lines: tuple[Line, ...], comments: list[Span], out: Parsed) -> None:
    """Directives, the exempt spans of comments (code tokens left reportable) and disabled ranges."""
    open_: dict[str, int] = {}  # code ("" for all) -> where its disabled range began

    def close(code: str, end: int) -> None:
        begin = open_.pop(code)
        if end > begin:
            out.exempt.append((Span(begin, end), frozenset([code]) if code else _ALL))

    for c in comments:
        m = _DIRECTIVE.fullmatch(text, c.start, c.end)
        if m is None:
            out.exempt.append((c, _ALL))
            continue
        kind = m.group("kind")
        rest_start = m.start("rest")
        rest = m.group("rest").split("--", 1)[0]
        codes = tuple(
            (t.group(), Span(rest_start + t.start(), rest_start + t.end())) for t in _CODE_TOKEN.finditer(rest)
        )
        d = Directive(kind, c, Span(m.start("kind"), m.end("kind")), codes)
        out.directives.append(d)
        # The comment is exempt except its kind and codes, which SLX001 may report.
        holes = [d.kind_span, *(s for _, s in codes)]
        pos = c.start
        for h in holes:
            if h.start > pos:
                out.exempt.append((Span(pos, h.start), _ALL))
            pos = h.end
        out.exempt.append((Span(pos, c.end), _ALL))
        names = [code for code, _ in codes]
        targets = [""] if not names or "ALL" in names else names
        if kind == "disable-file":
            for code in targets:
                out.exempt.append((Span(0, len(text)), frozenset([code]) if code else _ALL))
        elif kind == "disable-next-line":
            line = _next_line(lines, comments, c.end)
            if line is not None:
                for code in targets:
                    out.exempt.append((line.span, frozenset([code]) if code else _ALL))
        elif kind == "disable":
            for code in targets:
                open_.setdefault(code, c.end)
        elif kind == "enable":
            for code in list(open_) if not names or "ALL" in names else names:
                if code in open_:
                    close(code, c.start)
    for code in list(open_):
        close(code, len(text))


def _next_line(lines: tuple[Line, ...], comments: list[Span], offset: int) -> Line | None:
    """The first line after the one holding ``offset`` with something besides comments on it."""
    first = bisect_right([ln.span.start for ln in lines], offset)
    for ln in lines[first:]:
        rest = ln.text
        for c in reversed(comments):
            if c.start < ln.span.end and c.end > ln.span.start:
                a, b = max(c.start, ln.span.start) - ln.span.start, min(c.end, ln.span.end) - ln.span.start
                rest = rest[:a] + rest[b:]
        if rest.strip():
            return ln
    return None


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s in sorted(spans):
        if out and s.start <= out[-1].end:
            if s.end > out[-1].end:
                out[-1] = Span(out[-1].start, s.end)
        else:
            out.append(s)
    return out
