"""Place names in a document: the home unit, gazetteer matches, self-references, organ names.

``Document.places`` builds one ``Places`` per document.  Everything but ``matches``
works on characters and the gazetteer alone (the home unit is inferred without the
tokenizer, DESIGN §7); ``matches`` asks the tokenizer, for the clauses that hold a
candidate only, whether each name starts and ends on a word boundary (振兴县域 holds
兴县 but is 振兴/县域).

Where names count (DESIGN §7):
- a full name anywhere (灵石县, 介休市), unless it is an ordinary word (城区, 老城区);
- a short name (灵石) only in a self slot (平安灵石, 法治灵石, 爱我灵石, 灵石特色,
  在灵石县委的领导下) or before an institution word (灵石县委, 灵石县政府);
- ordinary-word names (和平, 平安, 比如) never bare and never in a slot.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from speechlint.document.tokenize import JiebaTokenizer, RjiebaTokenizer, tagged_of
from speechlint.document.wrap import continued_lines
from speechlint.fix import Span, trusted_span
from speechlint.gazetteer import UNIT_CHARS, Gazetteer, Unit
from speechlint.lazyre import LazyPattern, lazy_re, lazy_regex

if TYPE_CHECKING:
    import re

    from speechlint.document import Document

#: Words that make the place after them "ours" (平安灵石, 法治灵石).
SLOT_WORDS = ("平安", "法治", "美丽", "幸福", "和谐", "文明", "健康", "数字", "智慧", "生态")
# Where the candidates start, in one scan: a unit character ends a full name or starts an
# organ (县委), a slot word opens a self slot (平安灵石, 爱我长沙).  One scan, not two: re tests
# every character of the text against a set of Han characters, at tens of instructions each.
# Literal alternatives only, each unit character one of its own, so that re looks for all
# their first characters at once (a class among them would turn that off); none of them
# overlaps another.
_ANCHOR = lazy_re("|".join((*SLOT_WORDS, "爱我", *UNIT_CHARS)))
_FEATURE_SLOT = lazy_re("特色")
# 在灵石县委的坚强领导下; the name part may be empty (在县委的领导下: a bare X委).  The
# name holds no 在, so that 在工作中坚持在县委的领导下 is found at its second 在.
# 在文水县委、县政府的坚强领导下: the government may follow the committee.
# The name is a run of one class (Han but 在), not a look-ahead before each character:
# half the instructions.  regex, not re: re compiles a Han class at some 15 M instructions.
_LEAD_SLOT = lazy_regex(
    r"在(?:中共)?(?P<name>[^\P{Han}在]{0,14}?)(?P<char>[省市县区旗州盟])委"
    r"(?:、\p{Han}{0,8}?(?:人民)?政府)?的(?:坚强|正确|有力)?领导下",
    needs=("领导下",),
)
#: Words after a unit's level character that name one of its organs (县委, 县政府), asked
#: of every unit character as ``text.startswith(INSTITUTION_WORDS, pos)``: no pattern to compile.
INSTITUTION_WORDS = ("委", "人民政府", "政府", "人大", "政协", "纪委", "监委", "党委", "党工委")


def _level(after: dict[str, str]) -> str:
    """The level characters, each with a look-ahead for every character that may not follow it.

    One look-ahead per character, (?!略)(?!去), not (?!略|去): re turns an alternation of
    single Han characters into a class, which costs it about 1.5 M instructions to compile.
    """
    return "(?:" + "|".join(char + "".join(f"(?!{c})" for c in others) for char, others in after.items()) + ")"


# 我县 / 全县.  The look-aheads drop words that only start with the level character
# (我省略, 我市场, 我区分, 我乡亲, 全市场, 全区域, 全州县); 长, 事, 直, 位, 域 stay
# (我市长期以来, 我县事业单位, 我市直各单位 are genuine self-references).
_LEVEL = _level(
    {"省": "略去钱力心", "市": "场", "县": "", "区": "分别块间", "旗": "帜下号", "州": "", "盟": "友约", "镇": "定静守压", "乡": "亲愁音情里"}
)
# The look-behind comes after 我, which then opens the pattern: re scans for it as a literal.
_WO = lazy_re(r"我(?<!自我)(" + _LEVEL + ")")
_QUAN_LEVEL = _level({"省": "略份", "市": "场民", "县": "城", "区": "域间别分块", "旗": "帜", "州": "县", "盟": "友"})
# 健全、安全、完全 … end in 全: 健全县级, 安全区 are not 全县 / 全区.
_QUAN = lazy_re(r"全(?<![健安完齐保周成双十万顾俱求两]全)(" + _QUAN_LEVEL + ")")
# 全市上下要…: a call to the whole unit, which only the unit itself makes.
_QUAN_CALL = lazy_re(r"上下[^，。；！？,;!?]{0,4}?(?:要|必须|务必|一定|迅速)|各级党组织|广大党员干部")

# A direct quotation: after a colon, or a whole sentence in quotes (GB/T 15834 4.6).
_DIRECT_SPEECH = lazy_regex(r"(?<=[：:][ \t]*)“[^“”\n]*”|“[^“”\n]*[。！？!?]”")
# In a hard-wrapped paragraph (a PDF copy) a quotation runs over the line breaks.
_DIRECT_SPEECH_WRAPPED = lazy_regex(r"(?<=[：:][ \t]*)“[^“”]*”|“[^“”]*[。！？!?]”")
# A line break inside a hard-wrapped paragraph, with the spaces around it: no text.
_BREAK = lazy_regex(r"[ \t\u3000\u00a0]*(?:\r?\n[ \t\u3000\u00a0]*)+")


def _words(alternation: str) -> LazyPattern:
    """The pattern ``a|b|c`` of literal words, asked ``may_match`` (whether a text holds one of
    them: what its ``search`` tells) and compiled only if asked more."""
    return lazy_re(alternation, needs=tuple(alternation.split("|")))


def _ends_with(text: str, words: tuple[str, ...]) -> bool:
    """``re.search("(?:" + "|".join(words) + ")$", text)``: ``$`` also matches before a final line break."""
    return text.endswith(words) or (text[-1:] == "\n" and text.endswith(words, 0, len(text) - 1))


# Neutral contexts: another place is expected there (DESIGN §7).  The words that end the
# text before a name (赴, 与 …) and those the text after it holds (考察, 合作 …) are asked
# with str methods (_ends_with, LazyPattern.may_match), not patterns: re compiles the set of
# first characters of an alternation of Han words at some 2 M instructions, and each run
# compiled six of them (their calls, on a few short strings per name, cost less).
_NEUTRAL_BEFORE = (
    "赴", "前往", "来自", "学习借鉴", "借鉴", "学习", "对口支援", "对口帮扶", "对口协作", "结对帮扶", "帮扶", "支援", "援建",
    "原", "对接", "融入", "销往", "远销", "运往", "发往",
)
_GO_BEFORE = ("到", "去", "在")
_GO_AFTER = _words("考察|学习|调研|参观|观摩|交流|培训|取经|招商|洽谈|对接|访问|召开|举行|举办")
# 深圳市康泰茶业有限公司, 浙江省农业科学院: a firm or an institute located there.  This one, the
# visit and the 印发机关 line are regex patterns tried only on a text holding one of their
# ``needs`` (most do not): neither the call nor the compile is paid for nothing.
_FIRM_AFTER = lazy_regex(
    r"\p{Han}{0,12}?(?:公司|集团|大学|学院|科学院|研究院|研究所|银行)", needs=("公司", "集团", "大学", "学院", "研究院", "研究所", "银行")
)
# 宁波市鄞州区是我县东西部协作结对地区, 鄞州区投入帮扶资金, 专家团队来湄潭指导: a partner.
_PARTNER = _words("东西部协作|对口支援|对口帮扶|对口协作|结对|帮扶")
_VISIT_AFTER = lazy_regex(r"来(?:到)?\p{Han}{0,4}?(?:考察|调研|指导|交流|学习|参观|观摩|传授|投资|洽谈|访问)", needs=("来",))
_WITH_BEFORE = ("与", "同", "和", "跟")
_WITH_AFTER = _words("合作|交流|签订|签署|对接|共建|结对|协作|联动|携手|互访")
_NEUTRAL_AFTER = lazy_re(r"^(?:的)?(?:精神|经验|模式|做法|会议|来我|考察团|代表团|客商|等地)")
_CLAUSE_MARK = lazy_re(r"[。！？；，、：!?;,:\n]")
_LAST_CLAUSE_MARK = lazy_regex(r"(?r)[。！？；，、：!?;,:\n]")  # searched backwards
# Words joining the names of a series (A县、B县和C县): the names share the frame around it.
_SERIES_BEFORE = lazy_re(r"(?:以及|和|及)$")
_SERIES_AFTER = lazy_re(r"以及|和|及")
_SERIES_MAX = 6

# Characters after a level character that make it part of another word (县域, 县城,
# 市场): the character scan that infers the home unit skips names followed by them.
_COMPOUND_AFTER = {
    "县": "域城级里乡区直长情志镇市属内外",
    "市": "场民区级域县直容政长值井属内外面郊中",
    "区": "域别分县位划块间级属内外长",
    "省": "级份会内外长略去钱力直属",
    "旗": "帜下舰号袍杆",
    "盟": "友约员",
    "州": "",
}
# Title: the organ comes before 关于; cited titles in 《》 are not ours.
_CITED = lazy_re(r"《[^》]*》")
# 版记: 交城县人民政府办公室 2024年3月5日印发.
_IMPRINT = lazy_regex(
    r"^(?P<organ>\p{Han}[^\d]{1,40}?)\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印\s*发$", needs=("印",)
)


class PlaceMatch(NamedTuple):
    """A place name in the text that counts (see the module docstring)."""

    span: Span  # the name as written: a full name, or a short name
    units: tuple[Unit, ...]  # several when the name is ambiguous (鼓楼区 ×4)
    short: bool
    context: str  # "name" (a full name), "organ" (before 委/政府 …), "slot" (a self slot)
    slot: str | None = None  # the slot as written: 平安介休, 爱我长沙, 灵石特色, 在文水县委的坚强领导下
    neutral: bool = False  # 赴X考察, 学习借鉴X, 与X合作, 原X, X精神, X经验 …


class SelfReference(NamedTuple):
    """我县 / 全县, or a bare 县委 in a self slot (在县委的坚强领导下)."""

    span: Span  # 我县, 全县; for a bare X委, the level character and 委
    kind: str  # "我", "全" or "委"
    char: str  # the level character: 县, 市, 区 …
    call: bool = False  # 全X上下要…: the whole unit called on to act


class OrganName(NamedTuple):
    """A unit named in the 版头, title, signature or 印发机关 line."""

    part: str  # "版头", "标题", "署名", "印发机关"
    span: Span  # the first name of the part
    units: tuple[Unit, ...]  # the most specific unit(s) the part names


class _Candidate(NamedTuple):
    start: int
    end: int
    units: tuple[Unit, ...]
    short: bool
    context: str
    slot: Span | None = None
    slot_kind: str | None = None


class Places:
    """Place names of one document; built lazily by ``Document.places``."""

    def __init__(self, document: Document, gazetteer: Gazetteer) -> None:
        self.document = document
        self.gazetteer = gazetteer
        # _neutral by (start, end): the home inference and the matches ask it of the same names.
        self._neutral_of: dict[tuple[int, int], bool] = {}
        # The token starts of each clause holding a candidate (_token_starts).
        self._clause_tokens: dict[tuple[int, int], tuple[int, ...]] = {}

    @cached_property
    def text(self) -> str:
        # Markdown markup reads as spaces; offsets are those of the source.
        return getattr(self.document, "prose", self.document.text)

    # -- the home unit ------------------------------------------------------------

    @cached_property
    def _home(self) -> tuple[Unit | None, str | None, str | None]:
        hint = self.document.home_hint
        if hint is None:
            value = self.document.front_matter.get("home")
            hint = None if value is None else str(value)
        if hint is not None:
            unit, problem = self.gazetteer.resolve(hint)
            return unit, "hint" if unit else None, problem
        unit = self._infer_home()
        return unit, "inferred" if unit else None, None

    @property
    def home(self) -> Unit | None:
        """The home unit: ``--home``, config ``home``, front matter ``home:``, else inferred."""
        return self._home[0]

    @property
    def home_source(self) -> str | None:
        """``"hint"``, ``"inferred"`` or None."""
        return self._home[1]

    @property
    def home_problem(self) -> str | None:
        """Why a given home value did not resolve (an unknown front-matter ``home:``)."""
        return self._home[2]

    def allowed(self, units: Sequence[Unit]) -> bool | None:
        """True when one of ``units`` is home, an ancestor or a descendant; None without a home."""
        home = self.home
        if home is None:
            return None
        return any(self.gazetteer.related(u, home) for u in units)

    def _infer_home(self) -> Unit | None:
        """Organ names in 版头, title and signature; else self slots and the own-level name.

        Of organ names on one branch the deepest wins: a county's notice copied from the
        city's keeps 临沂市人民政府办公室 in its title but is signed 沂南县人民政府办公室, and a
        unit never signs as one below it.
        """
        organs = [o.units[0] for o in self.organ_names if len(o.units) == 1]
        if organs:
            home = organs[0]
            for unit in organs[1:]:
                if self.gazetteer.is_ancestor(home, unit):
                    home = unit
            return home
        own = self.own_level
        scores: Counter[str] = Counter()
        for c in self._inference_candidates(own):
            scores[c.units[0].code] += 2 if c.context == "slot" else 1
        if not scores:
            return None
        (best, top), *rest = scores.most_common(2) + [("", 0)]
        if rest[0][1] == top:
            return None  # a tie: no evidence for one over the other
        if own is None and top < 4:
            return None  # without 我X/全X, two slots or four mentions at least
        return self.gazetteer.units[best]

    @cached_property
    def own_level(self) -> str | None:
        """The level character the document speaks of itself with, by votes: 我X 2, 全X 1, 全X in the title 3 more.

        在全县…会议上的讲话 with 全县 through the text outweighs one 我市 left from a city's speech.
        """
        title = [s.span for s in self.document.meta.title]
        title_end = max((t.end for t in title), default=0)  # the title holds no reference starting after it
        votes: Counter[str] = Counter()
        for r in self.self_references:
            if r.kind == "我":
                votes[r.char] += 2
            elif r.kind == "全":
                votes[r.char] += 1 + 3 * (r.span.start < title_end and any(t.contains(r.span) for t in title))
        if not votes:
            return None
        (char, top), *rest = votes.most_common(2) + [("", 0)]
        return char if rest[0][1] < top else None

    # -- self-references ----------------------------------------------------------

    @cached_property
    def self_references(self) -> tuple[SelfReference, ...]:
        text = self.text
        out = [SelfReference(trusted_span(m.start(), m.end()), "我", m.group(1)) for m in _WO.finditer(text)]
        for m in _QUAN.finditer(text):
            call = bool(_QUAN_CALL.match(text, m.end()))
            out.append(SelfReference(trusted_span(m.start(), m.end()), "全", m.group(1), call))
        for m in self._lead_slots:
            if not m.group("name"):
                out.append(SelfReference(trusted_span(m.start("char"), m.end("char") + 1), "委", m.group("char")))
        if not out:
            return ()  # no reference a quotation could hold
        # 市委书记强调：“我市要……，全市上下要……。” is the city speaking, not us.
        quoted = [m.span() for m in _DIRECT_SPEECH.finditer(text)]
        wrapped = {m.span() for p in self._wrapped for m in _DIRECT_SPEECH_WRAPPED.finditer(text, p.start, p.end)}
        quoted = sorted(wrapped.union(quoted))
        if quoted:
            # The quotations do not overlap: only the last one opening before a reference may hold it.
            opening = [a for a, _ in quoted]
            out = [r for r in out if not _inside(quoted, bisect_left(opening, r.span.start) - 1, r.span)]
        out.sort(key=lambda r: (r.span.start, r.span.end))  # Span's order, without its __lt__
        return tuple(out)

    @cached_property
    def _lead_slots(self) -> list[re.Match[str]]:
        """The matches of _LEAD_SLOT (在X县委的领导下) in the whole text: a bare X委 is a
        self-reference, a named one a slot candidate (one scan for both)."""
        text = self.text
        return list(_LEAD_SLOT.finditer(text)) if _LEAD_SLOT.may_match(text) else []

    # -- candidates (characters only) ---------------------------------------------

    @cached_property
    def _all_candidates(self) -> list[_Candidate]:
        """``_candidates()`` of the whole text, for the home inference and the matches."""
        return self._candidates()

    def _candidates(self, start: int = 0, end: int | None = None) -> list[_Candidate]:
        """Names that count by their context, before any word-boundary check."""
        text = self.text
        end = len(text) if end is None else end
        g = self.gazetteer
        out: list[_Candidate] = []
        ends: list[int] = []  # after each unit character
        prefixes: list[re.Match[str]] = []  # the slot words
        for m in _ANCHOR.finditer(text, start, end):
            a, b = m.span()
            if b - a == 1:
                ends.append(b)
            else:
                prefixes.append(m)
        # Full names; an ordinary one (城区) only right after its parent (阳泉市城区).
        previous = None
        for hit in g.scan_names(text, start, end, ends):
            units = hit.units
            if text[hit.start : hit.end] in g.ordinary:
                parents = previous.units if previous is not None and previous.end == hit.start else ()
                units = tuple(u for u in units if any(u.parent == p.code for p in parents))
            if units:
                context = "organ" if text.startswith(INSTITUTION_WORDS, hit.end) else "name"
                out.append(_Candidate(hit.start, hit.end, units, False, context))
            previous = hit
        taken = {c.start for c in out}
        # Short name + level character + institution: 峨边县委, 交城县政府.
        for stop in ends:
            if not text.startswith(INSTITUTION_WORDS, stop, end):
                continue
            char = stop - 1
            for begin, units, short in g.names_ending_at(text, char, start):
                if not short:
                    continue
                fitting = tuple(u for u in units if u.self_char == text[char])
                if fitting and begin not in taken and text[begin:char] not in g.ordinary:
                    out.append(_Candidate(begin, char, fitting, True, "organ"))
                    taken.add(begin)
                    break
        out.extend(self._slot_candidates(start, end, prefixes))
        out.sort(key=lambda c: (c.start, c.context != "slot"))
        return out

    def _slot_candidates(self, start: int, end: int, prefixes: Iterable[re.Match[str]]) -> Iterable[_Candidate]:
        """``prefixes``: the matches of the slot words (平安, 爱我 …) in ``text[start:end]``."""
        text = self.text
        g = self.gazetteer
        for m in prefixes:
            names = g.names_starting_at(text, m.end(), end)
            if names:
                stop, units, short = names[0]  # the longest; an ordinary one ends the slot
                word = text[m.end() : stop]
                # 健康长寿, 生态新城, 美丽江南: these names read as ordinary words in a slot (the
                # gazetteer's slot-ordinary list, class "frequent"); 平安平江, 美丽长沙 still count.
                frequent = m.group() != "爱我" and word in g.frequent
                if word not in g.ordinary and word not in SLOT_WORDS and not frequent:
                    yield _Candidate(m.end(), stop, units, short, "slot", trusted_span(m.start(), stop), m.group() + "X")
        for m in _FEATURE_SLOT.finditer(text, start, end):
            names = g.names_ending_at(text, m.start(), start)
            if names:
                begin, units, short = names[0]
                word = text[begin : m.start()]
                if word not in g.ordinary and word not in g.frequent and word not in SLOT_WORDS:
                    yield _Candidate(begin, m.start(), units, short, "slot", trusted_span(begin, m.end()), "X特色")
        if start == 0 and end == len(text):
            leads: Iterable[re.Match[str]] = self._lead_slots
        else:
            leads = _LEAD_SLOT.finditer(text, start, end) if _LEAD_SLOT.may_match(text, start, end) else ()
        for m in leads:
            name, char = m.group("name"), m.group("char")
            if not name:
                continue
            full = g.by_name.get(name + char, ())
            if full:
                units, short, stop = full, False, m.end("char")
            else:
                units = tuple(u for u in g.by_short.get(name, ()) if u.self_char == char)
                short, stop = True, m.end("name")
            if units and name not in g.ordinary:
                yield _Candidate(m.start("name"), stop, units, short, "slot", trusted_span(m.start(), m.end()), "在X委的领导下")

    def _inference_candidates(self, own: str | None) -> Iterator[_Candidate]:
        """Candidates the character scan trusts to tell the home unit.

        Names of one unit, of the own level when it is known; no 2-character names outside
        organs, no name followed by a word of its level character (县域, 市场), and none in
        a neutral context (赴文水县考察 is not about us), judged last: it costs the most.
        """
        text = self.text
        for c in self._all_candidates:
            if len(c.units) != 1 or (own is not None and c.units[0].self_char != own):
                continue
            if c.context == "name":
                if c.end - c.start <= 2:
                    continue
                nxt = text[c.end : c.end + 1]
                if nxt and nxt in _COMPOUND_AFTER.get(text[c.end - 1], ""):
                    continue
            if not self._neutral(c.start, c.end):
                yield c

    # -- matches (word boundaries from the tokenizer) -----------------------------

    @cached_property
    def matches(self) -> tuple[PlaceMatch, ...]:
        """Every place name that counts, checked against the token boundaries."""
        kept: list[_Candidate] = []
        covered = -1
        for c in self._all_candidates:
            if c.start < covered:
                continue  # inside a name already kept (a slot over a full name)
            if not self._on_word_boundaries(c):
                continue
            kept.append(c)
            covered = c.end
        out = []
        for i, c in enumerate(kept):
            first = i
            while first > 0 and kept[first - 1].end == kept[first].start:
                first -= 1
            last = i
            while last + 1 < len(kept) and kept[last + 1].start == kept[last].end:
                last += 1
            slot_text = self.text[c.slot.start : c.slot.end] if c.slot else None
            # A slot is judged as a whole: 学习数字杭州的经验 is 学习 + 数字杭州.
            lo = min(kept[first].start, c.slot.start) if c.slot else kept[first].start
            out.append(
                PlaceMatch(
                    trusted_span(c.start, c.end), c.units, c.short, c.context, slot_text,
                    self._neutral(lo, kept[last].end),
                )
            )
        return tuple(out)

    def _on_word_boundaries(self, c: _Candidate) -> bool:
        """The name starts a token and ends one; before 委/政府 it may end inside one.

        交城县委书记 is 交城/县委书记: the name ends inside 县委书记, but its first token
        is its short name.  市委和县委 is 市委/和/县委: 和 is no name, so 和县 is not there.
        """
        starts = self._token_starts(c.start, c.end)
        i = bisect_left(starts, c.start)
        if i >= len(starts) - 1 or starts[i] != c.start:
            return False
        j = bisect_left(starts, c.end, i)
        if j < len(starts) and starts[j] == c.end:
            return True
        if c.context == "organ" or c.slot_kind == "在X委的领导下":
            first = self.text[c.start : starts[i + 1]]
            return any(first == u.short != u.name for u in c.units)
        return False

    def _token_starts(self, start: int, end: int) -> Sequence[int]:
        """Where the tokens around ``text[start:end]`` start, and where the last one ends.

        jieba cuts a text at punctuation before it looks anything up and segments each run
        between two marks by itself, so the clause holding a name is segmented here as it is
        inside its paragraph: most paragraphs holding a name are tagged by no rule, and the
        clause is a fraction of one.  Another engine gets the paragraph's tokens, shared
        with the rules.
        """
        paragraph = self.document.paragraph_at(start)
        if paragraph is None:
            return ()
        span = paragraph.span
        if not (self._local_segmentation and span.start <= start and end <= span.end):
            tagged = self.document.tagged_paragraph(start)
            return () if tagged is None else tagged.starts
        a = max(span.start, self._clause_start(start))
        b = min(span.end, self._clause_end(end))
        found = self._clause_tokens.get((a, b))
        if found is None:
            found = self._clause_tokens[a, b] = tagged_of(self.document.tokenizer, self.document.text[a:b], a).starts
        return found

    @cached_property
    def _local_segmentation(self) -> bool:
        """The engine is one of jieba's (not a plugin's, nor a subclass): it segments each run
        between punctuation by itself."""
        return type(self.document.tokenizer) in (RjiebaTokenizer, JiebaTokenizer)

    def _neutral(self, start: int, end: int) -> bool:
        """赴X考察, 学习借鉴X, 与X合作, 对口支援X, 原X, X精神, X经验, X模式, X会议 …"""
        found = self._neutral_of.get((start, end))
        if found is None:
            found = self._neutral_of[start, end] = self._judge_neutral(start, end)
        return found

    def _judge_neutral(self, start: int, end: int) -> bool:
        text = self.text
        left = self._clause_start(start)
        before = self._drop_names_before(_unbroken(text[left:start]))
        # 赴四川省青川县和贵州省沿河县, 与重庆市、泸州市等城市协作: names in a series share its frame.
        for _ in range(_SERIES_MAX):
            m = _SERIES_BEFORE.search(before)
            if m is not None:
                rest = self._drop_names_before(before[: m.start()])
                if rest == before[: m.start()]:
                    break
                before = rest
            elif not before and left > 0 and text[left - 1] == "、":
                previous = self._clause_start(left - 1)
                rest = self._drop_names_before(text[previous : left - 1])
                if rest == text[previous : left - 1]:
                    break
                before, left = rest, previous
            else:
                break
        right = self._clause_end(end)
        pos = end
        for _ in range(_SERIES_MAX):
            if pos == right and right < len(text) and text[right] == "、":
                join = right + 1
            else:
                m = _SERIES_AFTER.match(text, pos, right)
                if m is None:
                    break
                join = m.end()
            stop = self._names_from(join)
            if stop == join:
                break
            pos, right = stop, max(right, self._clause_end(stop))
        after = _unbroken(text[pos:right])
        if _ends_with(before, _NEUTRAL_BEFORE) or _NEUTRAL_AFTER.match(after):
            return True
        if _FIRM_AFTER.may_match(after) and _FIRM_AFTER.match(after):
            return True
        if _PARTNER.may_match(before) or _PARTNER.may_match(after):
            return True
        if _VISIT_AFTER.may_match(after) and _VISIT_AFTER.search(after):
            return True
        if _ends_with(before, _GO_BEFORE) and _GO_AFTER.may_match(after):
            return True
        # 与湖南省安化县开展交流合作; the sentence may run on past a comma.
        return _ends_with(before, _WITH_BEFORE) and _WITH_AFTER.may_match(after)

    def _clause_start(self, pos: int) -> int:
        """Just after the last clause mark before ``pos`` (a soft break is none), or 0."""
        soft = self._soft_breaks
        while True:
            m = _LAST_CLAUSE_MARK.search(self.text, 0, pos)
            if m is None:
                return 0
            if m.start() not in soft:
                return m.end()
            pos = m.start()

    def _clause_end(self, pos: int) -> int:
        """The first clause mark at or after ``pos`` (a soft break is none), or the text's end."""
        soft = self._soft_breaks
        while True:
            m = _CLAUSE_MARK.search(self.text, pos)
            if m is None:
                return len(self.text)
            if m.start() not in soft:
                return m.start()
            pos = m.end()

    @cached_property
    def _wrapped(self) -> list[Span]:
        """Paragraphs of several lines (hard-wrapped plain text, see document/wrap.py)."""
        if not self.document.shared(continued_lines):
            return []  # every paragraph is one line (most texts: no paragraph need be looked at)
        return [p.span for p in self.document.paragraphs if "\n" in p.text]

    @cached_property
    def _soft_breaks(self) -> frozenset[int]:
        """Offsets of the line breaks inside hard-wrapped paragraphs: no clause ends there."""
        text = self.text
        return frozenset(i for span in self._wrapped for i in range(span.start, span.end) if text[i] == "\n")

    def _drop_names_before(self, before: str) -> str:
        """``before`` without the names that end it (对口支援西藏比如县: a short name that does
        not count by itself still belongs to the chain)."""
        for _ in range(2):
            names = self.gazetteer.names_ending_at(before, len(before))
            if not names:
                break
            before = before[: names[0][0]]
        return before

    def _names_from(self, pos: int) -> int:
        """The end of the names (a chain of up to two: 贵州省沿河县) that start at ``pos``."""
        for _ in range(2):
            names = self.gazetteer.names_starting_at(self.text, pos)
            if not names:
                break
            pos = names[0][0]
        return pos

    # -- organ names (版头, title, signature, 印发机关) ---------------------------------

    @cached_property
    def organ_names(self) -> tuple[OrganName, ...]:
        """The unit each of 版头, title, signature and 印发机关 names, in that order."""
        meta = self.document.meta
        parts: list[tuple[str, list[Span]]] = [
            ("版头", [s.span for s in meta.header if s is not meta.doc_number]),
            ("标题", [s.span for s in meta.title]),
            ("署名", [s.span for s in meta.signature]),
            ("印发机关", self._imprint_lines()),
        ]
        out = []
        for part, spans in parts:
            found = self._organ_units(part, spans)
            if found is not None:
                out.append(OrganName(part, found[0], found[1]))
        return tuple(out)

    def _imprint_lines(self) -> list[Span]:
        out = []
        for p in self.document.paragraphs[-4:]:
            m = _IMPRINT.match(p.text) if _IMPRINT.may_match(p.text) else None
            if m:
                out.append(trusted_span(p.span.start + m.start("organ"), p.span.start + m.end("organ")))
        return out

    def _organ_units(self, part: str, spans: list[Span]) -> tuple[Span, tuple[Unit, ...]] | None:
        text = self.text
        hits: list[_Candidate] = []
        for span in spans:
            line = text[span.start : span.end]
            stop = span.end
            if part == "标题":
                about = line.find("关于")
                if about >= 0:
                    stop = span.start + about
            cited = [trusted_span(span.start + m.start(), span.start + m.end()) for m in _CITED.finditer(line)]
            found = self._candidates(span.start, stop)
            lead = self._leading_ordinary_name(span.start, stop)
            if lead is not None and all(c.start != lead.start for c in found):
                found.insert(0, lead)
            for c in found:
                if c.context == "slot" or any(s.start <= c.start < s.end for s in cited):
                    continue
                if part == "标题" and stop == span.end:
                    # No 关于: only a name that opens the line (after 中共) or follows 在
                    # (在灵石县…上的讲话), and the names chained to it (遵义市红花岗区人民政府).
                    opening = span.start + 2 if line.startswith("中共") else span.start
                    chained = bool(hits) and hits[-1].end == c.start and hits[-1].start >= span.start
                    if c.start != opening and text[c.start - 1] not in "在" and not chained:
                        continue
                hits.append(c)
        if not hits:
            return None
        units = self._most_specific(hits)
        return None if units is None else (trusted_span(hits[0].start, hits[0].end), units)

    def _leading_ordinary_name(self, start: int, stop: int) -> _Candidate | None:
        """当阳市人民政府 opening an organ line: an ordinary-word full name counts there."""
        text = self.text
        begin = start + 2 if text.startswith("中共", start) else start
        for hit in self.gazetteer.scan_names(text, begin, stop):
            if hit.start == begin and text.startswith(INSTITUTION_WORDS, hit.end):
                return _Candidate(hit.start, hit.end, hit.units, False, "organ")
            break
        return None

    def _most_specific(self, hits: Sequence[_Candidate]) -> tuple[Unit, ...] | None:
        """The deepest unit a run of names agrees on (吕梁市交城县 → 交城县); None if they disagree."""
        g = self.gazetteer
        current = hits[0].units
        for h in hits[1:]:
            deeper = tuple(u for u in h.units if any(u.code == s.code or g.is_ancestor(s, u) for s in current))
            if deeper:
                current = deeper
            elif not any(g.is_ancestor(u, s) for u in h.units for s in current):
                return None  # two unrelated places (a joint issue of two counties)
        return current


def _unbroken(text: str) -> str:
    """``text`` without its line breaks and the spaces around them (_BREAK needs a \\n)."""
    return _BREAK.sub("", text) if "\n" in text else text


def _inside(quoted: list[tuple[int, int]], k: int, span: Span) -> bool:
    return k >= 0 and quoted[k][0] < span.start and span.end < quoted[k][1]


def build_places(document: Document) -> Places:
    from speechlint.resources import Resources

    resources = document.resources if document.resources is not None else Resources()
    return Places(document, resources.gazetteer)
