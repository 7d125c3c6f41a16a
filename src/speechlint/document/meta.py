"""Document metadata: 版头, 发文字号, title, salutation / 主送 line, body, closing, 附件说明,
signature and date, and the genre.

Built from the paragraphs with regexes and the genre table alone (never the
tokenizer), once per document, on first access of ``Document.meta``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from speechlint.document.genres import GenreSpec, GenreTable, TitleMatch
from speechlint.document.segment import Segment
from speechlint.fix import Span
from speechlint.lazyre import lazy_regex

if TYPE_CHECKING:
    from speechlint.document import Document

# 发文字号, also its broken forms (NUM005 reports those): 灵政发〔2024〕5号, 灵政发[2024]5号.
DOC_NUMBER = lazy_regex(
    r"\p{Han}{1,12}\s*[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*(?:第\s*)?\d{1,5}\s*号"
)
_IN_SENTENCE = lazy_regex(r"[。，；！？《》“”]|收悉")
_SIGNER = lazy_regex(r"^签\s*发\s*人\s*[：:]")
_HEADER_LINE = lazy_regex(r"(?:文件|简报|快报|专报)$")
# Numbered headings: 一、 （一） 1. （1） 第一章.
_HEADING = lazy_regex(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百]+[）)]|\d{1,3}[.．、](?!\d)"
    r"|[（(]\d{1,3}[）)]|第[一二三四五六七八九十百]+[部章节条])"
)
_END_MARK = "：:，,；;！!。.、"
# Titles, signatures and bylines hold no colon (a colon line is a salutation or body text).
_COLON = lazy_regex(r"[：:]")

# Address words.  Speech: 同志们, 各位代表, 尊敬的…; organs: 各乡镇人民政府, 县直各单位, 市财政局.
_SPEECH_ITEM = lazy_regex(
    r"(?:尊敬的|亲爱的)[^，,、；;：:！!。]{1,24}"
    r"|各位\p{Han}{1,8}|在座的各位"
    # 全县广大干部群众, 全市人民, 全体党员干部 (a 新年贺词 addresses them all).
    r"|(?:全[县市区省镇乡旗州盟国]|全体|广大)\p{Han}{0,10}(?:群众|人民|同胞|党员|干部|职工|同志|朋友|师生|青年|官兵|乡亲)"
    r"|(?!(?:我|你|他|她|它|咱|人)们)\p{Han}{1,8}们"
)
_GREETING = lazy_regex(r"大家好|(?:早上|上午|中午|下午|晚上)好")
_ORGAN_SUFFIXES = (
    "人民政府", "政府", "党委", "党组", "党工委", "工委", "管委会", "委员会", "常委会", "村委会", "居委会", "政协", "纪委",
    "监委", "委", "局", "厅", "办", "办公室", "部门", "部", "院", "所", "中心", "单位", "公司", "集团", "街道办事处", "街道",
    "乡镇", "学校", "处", "科", "室", "机关", "大队", "支队", "中队", "站", "社区", "支部", "总支", "党组织", "组织", "团体",
    "协会", "学会", "联合会", "商会", "工会", "合作社",
)
_ORGAN_ITEM = lazy_regex(
    r"[\p{Han}（）()]{0,30}?"
    rf"(?:{'|'.join(_ORGAN_SUFFIXES)})"
    r"(?:[（(]\p{Han}{1,10}[）)])?"  # 县直各单位党组（党委）: the alternative in brackets
)
# What an organ name ends with: the last character of a suffix, or the bracket after it.  Most
# lines asked end otherwise (a title, a sentence): told without the pattern.
_ORGAN_ENDS = frozenset(suffix[-1] for suffix in _ORGAN_SUFFIXES) | {"）", ")"}
# Words that end in an organ suffix by chance, and characters no organ name holds.
_NOT_ORGAN = lazy_regex(r"(?:全|内|外|局|干|本|各)部$|^(?:本|该|此)?(?:单位|部门|处|所|室|科)$")
_NOT_ORGAN_CHAR = lazy_regex(r"[的了是我你他她]")
#: Marks that may end a 主送 line (a full stop or exclamation mark ends a sentence instead).
_ORGAN_MARKS = "：:，,、；;"
_ITEM_SEP = lazy_regex(r"\s*[、，,；;]\s*")
#: Marks after which a salutation may go on in the next line.
_CONTINUED = ("，", ",", "、")

# Tail of a 公文.
_DATE = lazy_regex(
    r"^[（(]?\s*(?:\d{4}|[〇○零一二三四五六七八九Ｏ]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*[）)]?$"
)
_IMPRINT = lazy_regex(r"^(?:抄\s*送|抄\s*报|分\s*送|主题词)\s*[：:]|印\s*发\s*$")
_NOTE = lazy_regex(r"^[（(]?\s*(?:联系人|联系电话|此件|本件)")
# The attendance lines that end a 纪要.
_ATTENDANCE = lazy_regex(r"^(?:出席|列席|参加|参会|缺席|请假|记录)(?:人员|单位|人)?\s*[：:]")
_ATTACHMENT = lazy_regex(r"^附\s*件\s*[\d一二三四五六七八九十]*\s*[：:]")
_ATTACHMENT_MORE = lazy_regex(r"^\d{1,2}\s*[.．、]")
_NOT_SIGNATURE = lazy_regex(r"谢|特此|此复|此令|此致|敬礼|否|请|[！!]")

MAX_HEAD = 8  # paragraphs searched for 版头, title and salutation
MAX_TITLE_LINES = 4
MAX_TITLE = 60
MAX_SALUTATION = 160


class Salutation(NamedTuple):
    """The salutation (讲话) or 主送 (公文) line."""

    segment: Segment
    #: The mark ending the line; an empty span at the line's end when there is none.
    mark: Span
    kind: str  # "speech" or "organ"
    #: The line ends with a greeting (…，大家好！): its mark belongs to the greeting.
    greeting: bool = False

    @property
    def mark_text(self) -> str:
        return self.segment.text[self.mark.start - self.segment.span.start : self.mark.end - self.segment.span.start]


@dataclass(frozen=True)
class Meta:
    header: tuple[Segment, ...] = ()  # 版头 lines (through the 发文字号 and 签发人)
    doc_number: Segment | None = None  # the 发文字号 itself
    title: tuple[Segment, ...] = ()  # title lines (with subtitle, date and speaker lines)
    salutation: Salutation | None = None
    body: tuple[Segment, ...] = ()
    attachments: tuple[Segment, ...] = ()  # 附件说明 and its continuation lines
    signature: tuple[Segment, ...] = ()
    date: Segment | None = None  # 成文日期
    genre: str | None = None
    family: str | None = None  # "official", "speech" or None
    #: Where the genre came from: "hint", "title", "salutation", "opening", "addressee" or None.
    genre_source: str | None = None
    #: The title suffix or pattern text that decided the genre.
    title_match: str | None = None
    spec: GenreSpec | None = None

    @property
    def closing(self) -> Segment | None:
        """The closing paragraph: the last body paragraph before 附件说明, signature and date."""
        return self.body[-1] if self.body else None

    @property
    def ending(self) -> tuple[Segment, ...]:
        """The closing paragraph and the one before it (a rallying call, then 谢谢大家！)."""
        return self.body[-2:]

    @property
    def title_text(self) -> str:
        return "".join(s.text for s in self.title)

    @property
    def speech_report(self) -> bool:
        """A report delivered as a speech (政府工作报告, 述职报告, 在…上的报告)."""
        return self.family == "speech" and bool(self.title_match and self.title_match.endswith("报告"))


def _is_heading(text: str) -> bool:
    return bool(_HEADING.match(text))


def _is_organ(item: str, alone: bool = True) -> bool:
    """An organ name (市财政局, 县直各单位); in a list 办 and 局 stand alone (县直各委、办、局)."""
    if item[-1:] not in _ORGAN_ENDS or not _ORGAN_ITEM.fullmatch(item) or _NOT_ORGAN_CHAR.search(item):
        return False
    return not (alone and _NOT_ORGAN.search(item))


def _is_title_like(text: str) -> bool:
    t = text.strip()
    return (
        0 < len(t) <= MAX_TITLE
        and t[-1] not in _END_MARK + "？?；;…"
        and not _COLON.search(t)
        and not _is_heading(t)
    )


def _salutation(seg: Segment) -> Salutation | None:
    """The segment as a salutation line, if it is made of address words only."""
    text = seg.text.rstrip()
    if not text or len(text) > MAX_SALUTATION or _is_heading(text):
        return None
    end = len(text)
    while end > 0 and text[end - 1] in _END_MARK:
        end -= 1
    body = text[:end].rstrip()
    if not body:
        return None
    items = [i for i in _ITEM_SEP.split(body) if i]
    greeting = False
    if len(items) > 1 and _GREETING.fullmatch(items[-1]):
        items, greeting = items[:-1], True
    if not items:
        return None
    kinds = set()
    for item in items:
        if _SPEECH_ITEM.fullmatch(item):
            kinds.add("speech")
        elif _is_organ(item, alone=len(items) == 1):
            kinds.add("organ")
        else:
            return None
    kind = "speech" if "speech" in kinds else "organ"
    if kind == "organ" and any(c not in _ORGAN_MARKS for c in text[end:]):
        return None
    base = seg.span.start
    return Salutation(seg, Span(base + end, base + len(text)), kind, greeting)


def _bare_salutation(s: Salutation, following: str, headed: bool) -> bool:
    """Whether a line of address words with no mark at its end is the salutation.

    Body text must follow (not a title, not another salutation); organ names need a
    title or 发文字号 above them, so a 版头 line or a meeting's name is not taken.
    """
    if not following or _is_title_like(following) or _salutation(Segment(Span(0, len(following)), following)):
        return False
    return s.kind == "speech" or headed


def _head(paras: Sequence[Segment]) -> tuple[int, Segment | None]:
    """How many paragraphs the 版头 takes, and the 发文字号."""
    for i, p in enumerate(paras[:MAX_HEAD]):
        m = DOC_NUMBER.search(p.text)
        # The number stands on its own line (left, centred, or right after 份号 / 签发人),
        # never inside a sentence: 你局《…》（灵应急字〔2024〕15号）收悉 is body text.
        if m and len(p.text) <= 60 and not _IN_SENTENCE.search(p.text):
            number = Segment(Span(p.span.start + m.start(), p.span.start + m.end()), m.group())
            n = i + 1
            if n < len(paras) and _SIGNER.match(paras[n].text):
                n += 1
            return n, number
    if paras and _HEADER_LINE.search(paras[0].text) and _is_title_like(paras[0].text):
        return 1, None
    return 0, None


def _date_line(text: str) -> bool:
    # Asked of every paragraph until the date: the characters every date holds are looked for first.
    return "年" in text and "月" in text and "日" in text and bool(_DATE.match(text.strip()))


def _signature_line(text: str) -> bool:
    t = text.strip()
    return (
        0 < len(t) <= 40
        and t[-1] not in _END_MARK + "？?；;"
        and not _COLON.search(t)
        and not _is_heading(t)
        and not _NOT_SIGNATURE.search(t)
        and not _ATTACHMENT_MORE.match(t)  # 2．2026年工作任务清单: an item of 附件说明
    )


def _tail(paras: Sequence[Segment], start: int) -> tuple[int, tuple[Segment, ...], tuple[Segment, ...], Segment | None]:
    """Where the body ends, and the 附件说明, signature and date after it.

    From the first standalone date after the body start (成文日期), up over the
    signature; without a date, up over 版记 and 附注 lines and an organ name at the
    very end.  Then, in any order, 附注 (联系人：…), 出席/列席 lines and 附件说明 are
    not body either.
    """
    n = len(paras)
    date_at = next((k for k in range(start + 1, n) if _date_line(paras[k].text)), None)
    signature: list[Segment] = []
    date = None
    if date_at is not None:
        date = paras[date_at]
        end = date_at
        while end - 1 > start and len(signature) < 3 and _signature_line(paras[end - 1].text):
            end -= 1
            signature.insert(0, paras[end])
    else:
        end = n
        while end - 1 > start and (_IMPRINT.search(paras[end - 1].text) or _NOTE.match(paras[end - 1].text)):
            end -= 1
        last = paras[end - 1].text.strip() if end - 1 > start else ""
        if last and _signature_line(last) and _is_organ(last):
            end -= 1
            signature.append(paras[end])
    attachments: tuple[Segment, ...] = ()
    while end - 1 > start:
        text = paras[end - 1].text
        if _NOTE.match(text) or _ATTENDANCE.match(text):
            end -= 1
            continue
        k = end - 1
        while k > start and _ATTACHMENT_MORE.match(paras[k].text):
            k -= 1
        if not attachments and k > start and _ATTACHMENT.match(paras[k].text):
            attachments = tuple(paras[k:end])
            end = k
            continue
        break
    return end, attachments, tuple(signature), date


def _title_genre(table: GenreTable, title: Sequence[Segment]) -> TitleMatch | None:
    """The genre the title names: a subtitle (——在…上的讲话) decides, else the longest match."""
    best: TitleMatch | None = None
    for seg in title:
        m = table.match_title(seg.text)
        if m is None:
            continue
        if seg.text.lstrip().startswith(("——", "─", "—")):
            return m
        if best is None or len(m.matched) > len(best.matched):
            best = m
    return best


def build_meta(doc: Document, table: GenreTable) -> Meta:
    # Paragraphs hold prose only: Markdown front matter, code and comments are not among them.
    paras = doc.paragraphs
    n_head, doc_number = _head(paras)
    i = n_head
    title: list[Segment] = []
    salutation: Salutation | None = None
    while i < len(paras) and i < n_head + MAX_HEAD:
        p = paras[i]
        s = _salutation(p)
        nxt = paras[i + 1].text if i + 1 < len(paras) else ""
        if s is not None and (s.mark.start != s.mark.end or _bare_salutation(s, nxt, bool(title) or doc_number is not None)):
            salutation = s
            i += 1
            # A long 主送 line broken after a comma (各镇人民政府、街道办事处，/ 区政府各部门：)
            # goes on in the next line: the salutation is both, ending with the last one's mark.
            while i < len(paras) and salutation.mark_text in _CONTINUED:
                more = _salutation(paras[i])
                if more is None or more.mark.start == more.mark.end:
                    break
                start = salutation.segment.span.start
                whole = Segment(Span(start, more.segment.span.end), doc.text[start : more.segment.span.end])
                kind = "speech" if "speech" in (salutation.kind, more.kind) else "organ"
                salutation = Salutation(whole, more.mark, kind, more.greeting)
                i += 1
            break
        # The last paragraph is never a title: a title heads something.
        if _is_title_like(p.text) and len(title) < MAX_TITLE_LINES and nxt:
            title.append(p)
            i += 1
            continue
        break
    end, attachments, signature, date = _tail(paras, i)
    body = tuple(paras[i:end])

    genre, family, source, matched, spec = _genre(doc, table, title, salutation, body)
    return Meta(
        header=tuple(paras[:n_head]),
        doc_number=doc_number,
        title=tuple(title),
        salutation=salutation,
        body=body,
        attachments=attachments,
        signature=signature,
        date=date,
        genre=genre,
        family=family,
        genre_source=source,
        title_match=matched,
        spec=spec,
    )


def _genre(
    doc: Document,
    table: GenreTable,
    title: Sequence[Segment],
    salutation: Salutation | None,
    body: Sequence[Segment],
) -> tuple[str | None, str | None, str | None, str | None, GenreSpec | None]:
    hint = doc.genre_hint or doc.front_matter.get("genre")
    if isinstance(hint, str) and hint.strip():
        spec = table.get(hint)
        if spec is None:
            return hint.strip(), None, "hint", None, None  # unknown genre: genre rules stay silent
        return spec.name, spec.family, "hint", None, spec
    m = _title_genre(table, title)
    if m is not None:
        if m.spec is None:
            return None, None, "title", m.matched, None
        return m.spec.name, m.spec.family, "title", m.matched, m.spec
    if salutation is not None and salutation.kind == "speech":
        spec = table.match_salutation(salutation.segment.text)
        if spec is not None:
            return spec.name, spec.family, "salutation", None, spec
    if salutation is not None and salutation.kind == "organ":
        spec = table.match_opening(body[0].text) if body else None
        if spec is not None and spec.family == "official":
            return spec.name, spec.family, "opening", None, spec
        return None, "official", "addressee", None, None
    return None, None, None, None, None
