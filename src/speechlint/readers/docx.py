"""Word documents (.docx), read with python-docx.

What a writer sees in the body, in document order: paragraphs, and table cells
row by row (nested tables in place).  Every visible run counts, including
inserted revisions (``w:ins``, ``w:moveTo``), content controls (``w:sdt``),
hyperlinks and simple fields (``w:fldSimple``); deleted revisions, field codes,
headers, footers, footnotes, comments and text boxes do not.  One paragraph is
one line, so line N of a diagnostic is the document's Nth paragraph.

python-docx's ``Paragraph.text`` skips runs inside ``w:ins`` and content
controls, so each paragraph's XML is walked here instead.

Paragraphs numbered by Word's automatic numbering (``w:numPr`` on the paragraph
or its style chain, with a numbering format other than bullets) are recorded in
``Document.auto_numbered``: their "一、" is not in the text, and structure rules
must not take them for unnumbered headings.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from speechlint.document import Document
from speechlint.readers import ReadError

SUFFIXES = (".docx",)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, TBL, TR, TC = _w("p"), _w("tbl"), _w("tr"), _w("tc")
SDT, SDT_CONTENT, CUSTOM_XML = _w("sdt"), _w("sdtContent"), _w("customXml")
T, TAB, PTAB, BR, CR, NO_BREAK_HYPHEN = _w("t"), _w("tab"), _w("ptab"), _w("br"), _w("cr"), _w("noBreakHyphen")
VAL, TYPE = _w("val"), _w("type")

#: A soft line break (Shift+Enter) inside a paragraph.  Not "\n": a line must stay a
#: paragraph.  U+2028 is whitespace to regexes and is not an ASCII space between Han
#: characters (which PUN009 would flag).
SOFT_BREAK = "\u2028"

# Subtrees whose text is not part of the visible body text of the paragraph.
_SKIP = frozenset(
    {
        _w("pPr"),
        _w("rPr"),
        _w("sdtPr"),
        _w("sdtEndPr"),
        _w("del"),  # deleted revision
        _w("moveFrom"),  # moved-away text: a deletion
        _w("instrText"),  # field code, e.g. PAGE \* MERGEFORMAT
        _w("delInstrText"),
        _w("drawing"),  # text boxes and shapes live here; kept out for now
        _w("pict"),
        _w("object"),
        _w("footnoteReference"),
        _w("endnoteReference"),
        _w("commentReference"),
        f"{{{MC}}}AlternateContent",
    }
)
_BLOCK_WRAPPERS = frozenset({SDT, SDT_CONTENT, CUSTOM_XML})
_NOT_NUMBERS = frozenset({"bullet", "none"})


def read_docx(path: Path, data: bytes) -> Document:
    """The Document of a .docx file; ``ReadError`` (one line) when it is not a readable one."""
    try:
        import docx  # python-docx; imported only when a .docx is read

        word = docx.Document(io.BytesIO(data))
        body = word.element.body
        numbering = _Numbering(word)
    except Exception as e:
        reason = " ".join(str(e).split()) or type(e).__name__
        raise ReadError(f"not a readable Word document (.docx): {reason}") from None
    lines: list[str] = []
    numbered: set[int] = set()
    for p in paragraphs(body):
        lines.append(paragraph_text(p))
        if numbering.numbered(p):
            numbered.add(len(lines))
    return Document(
        text="\n".join(lines),
        path=str(path),
        format="docx",
        auto_numbered=frozenset(numbered),
    )


def _children(el: Any, tag: str) -> Iterator[Any]:
    """Children of ``el`` with ``tag``, looking through content controls and custom XML wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in _BLOCK_WRAPPERS:
            yield from _children(child, tag)


def paragraphs(container: Any) -> Iterator[Any]:
    """``w:p`` elements of a body or cell in document order; table cells row by row."""
    for child in container:
        tag = child.tag
        if tag == P:
            yield child
        elif tag == TBL:
            for row in _children(child, TR):
                for cell in _children(row, TC):
                    yield from paragraphs(cell)
        elif tag in _BLOCK_WRAPPERS:
            yield from paragraphs(child)


def paragraph_text(p: Any) -> str:
    out: list[str] = []
    _collect(p, out)
    # A stray CR/LF in a w:t must not split the paragraph into two lines.
    return "".join(out).replace("\r\n", SOFT_BREAK).replace("\r", SOFT_BREAK).replace("\n", SOFT_BREAK)


def _collect(el: Any, out: list[str]) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:  # comments and processing instructions have no str tag
            continue
        if tag == T:
            out.append(child.text or "")
        elif tag in (TAB, PTAB):
            out.append("\t")
        elif tag == BR:
            if child.get(TYPE) not in ("page", "column"):
                out.append(SOFT_BREAK)
        elif tag == CR:
            out.append(SOFT_BREAK)
        elif tag == NO_BREAK_HYPHEN:
            out.append("-")
        else:
            _collect(child, out)


class _Numbering:
    """Which paragraphs Word numbers itself: numPr on the paragraph, else on its style chain."""

    def __init__(self, word: Any) -> None:
        self._styles: dict[str, Any] = {}
        self._default_style: str | None = None
        for style in word.styles.element.iterchildren(_w("style")):
            sid = style.get(_w("styleId"))
            if sid is None:
                continue
            self._styles[sid] = style
            if style.get(TYPE) == "paragraph" and style.get(_w("default")) in ("1", "true", "on"):
                self._default_style = sid
        self._formats: dict[tuple[str, str], str | None] = {}
        self._numbering_root: Any = None
        try:
            self._numbering_root = word.part.numbering_part.element
        except Exception:  # no numbering part: every numPr counts as numbered
            self._numbering_root = None

    def numbered(self, p: Any) -> bool:
        num_id, ilvl = None, None
        ppr = p.find(_w("pPr"))
        if ppr is not None:
            num_id, ilvl = _num_pr(ppr)
            style = ppr.find(_w("pStyle"))
            style_id = style.get(VAL) if style is not None else self._default_style
        else:
            style_id = self._default_style
        if num_id is None or ilvl is None:
            s_num, s_lvl = self._style_num_pr(style_id)
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_lvl
        if num_id is None or num_id == "0":  # numId 0 switches inherited numbering off
            return False
        return self._format(num_id, ilvl or "0") not in _NOT_NUMBERS

    def _style_num_pr(self, style_id: str | None) -> tuple[str | None, str | None]:
        num_id, ilvl = None, None
        seen: set[str] = set()
        while style_id and style_id not in seen and (num_id is None or ilvl is None):
            seen.add(style_id)
            style = self._styles.get(style_id)
            if style is None:
                break
            ppr = style.find(_w("pPr"))
            if ppr is not None:
                n, lv = _num_pr(ppr)
                num_id = num_id if num_id is not None else n
                ilvl = ilvl if ilvl is not None else lv
            based = style.find(_w("basedOn"))
            style_id = based.get(VAL) if based is not None else None
        return num_id, ilvl

    def _format(self, num_id: str, ilvl: str) -> str | None:
        """The numFmt of a list level (``decimal``, ``chineseCounting``, ``bullet``…); None when unknown."""
        key = (num_id, ilvl)
        if key not in self._formats:
            self._formats[key] = self._lookup_format(num_id, ilvl)
        return self._formats[key]

    def _lookup_format(self, num_id: str, ilvl: str) -> str | None:
        root = self._numbering_root
        if root is None:
            return None
        num = next((n for n in root.iterchildren(_w("num")) if n.get(_w("numId")) == num_id), None)
        if num is None:
            return None
        for override in num.iterchildren(_w("lvlOverride")):
            lvl = override.find(_w("lvl"))
            if override.get(_w("ilvl")) == ilvl and lvl is not None and lvl.find(_w("numFmt")) is not None:
                return lvl.find(_w("numFmt")).get(VAL)
        abstract = num.find(_w("abstractNumId"))
        if abstract is None:
            return None
        aid = abstract.get(VAL)
        definition = next((a for a in root.iterchildren(_w("abstractNum")) if a.get(_w("abstractNumId")) == aid), None)
        if definition is None:
            return None
        for lvl in definition.iterchildren(_w("lvl")):
            if lvl.get(_w("ilvl")) == ilvl:
                fmt = lvl.find(_w("numFmt"))
                return fmt.get(VAL) if fmt is not None else "decimal"  # decimal is the schema default
        return None


def _num_pr(ppr: Any) -> tuple[str | None, str | None]:
    num_pr = ppr.find(_w("numPr"))
    if num_pr is None:
        return None, None
    num_id = num_pr.find(_w("numId"))
    ilvl = num_pr.find(_w("ilvl"))
    return (
        num_id.get(VAL) if num_id is not None else None,
        ilvl.get(VAL) if ilvl is not None else None,
    )
