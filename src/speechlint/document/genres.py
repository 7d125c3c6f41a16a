"""The genre table: 公文 types and speech kinds with their titles, salutations and closings.

The table ships as ``data/genres.toml`` (documented in docs/genres.md).  Resources
loads it once per session and merges the ``[genres.<name>]`` tables of the root
config over it; this module parses, validates and queries it.  No tokenizer here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

import regex

from speechlint.document.segment import Segment
from speechlint.fix import Span
from speechlint import lazyre
from speechlint.lazyre import lazy_regex

FAMILIES = ("official", "speech")
#: key -> kind of value; the kinds are checked by ``check_genre_tables``.
GENRE_KEYS: dict[str, str] = {
    "family": "family",
    "aliases": "strings",
    "titles": "strings",
    "title-patterns": "patterns",
    "salutations": "patterns",
    "salutation-required": "bool",
    "openings": "patterns",
    "closings": "patterns",
    "closing-required": "bool",
    "closing-message": "string",
    "wrong-closings": "wrong",
    "suggest": "string",
}
WRONG_KEYS = ("pattern", "message", "unless")
#: A closing formula is short: longer endings are body text, never compared with wrong-closings.
MAX_FORMULA = 30

# Punctuation, symbols and spaces: removed before a formula is compared.
_NOISE = lazy_regex(r"[\p{P}\p{S}\s]+")


class GenreTableError(ValueError):
    """A bad ``[genres.<name>]`` table; the message names the table and the key."""


class LazyPattern(lazyre.LazyPattern):
    """A pattern of the table, compiled on first use: a document needs the closings of its
    own genre only, and compiling all 19 genres' (about 150 patterns) costs 20-25 ms a run.
    A bad one names its table and key."""

    def __init__(self, pattern: str, where: str) -> None:
        super().__init__("regex", pattern)
        self._where = where

    def compiled(self) -> Any:
        try:
            return super().compiled()
        except regex.error as e:
            raise GenreTableError(f"{self._where}: bad regular expression {self._args[0]!r}: {e}") from None


class WrongClosing(NamedTuple):
    pattern: LazyPattern
    message: str
    unless: LazyPattern | None = None


@dataclass(frozen=True)
class GenreSpec:
    """One row of the genre table."""

    name: str
    family: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    title_patterns: tuple[LazyPattern, ...] = ()
    salutations: tuple[LazyPattern, ...] = ()
    salutation_required: bool = False
    openings: tuple[LazyPattern, ...] = ()
    closings: tuple[LazyPattern, ...] = ()
    closing_required: bool = False
    closing_message: str = ""
    wrong_closings: tuple[WrongClosing, ...] = ()
    suggest: str | None = None


class TitleMatch(NamedTuple):
    spec: GenreSpec | None  # None: an ambiguous title (a genre that is no legal type)
    matched: str  # the suffix or the text the pattern matched


class GenreTable:
    """The merged genre table, in file order (then config order)."""

    def __init__(self, specs: Mapping[str, GenreSpec], ambiguous_titles: tuple[str, ...] = ()) -> None:
        self.specs = dict(specs)
        self._names: dict[str, GenreSpec] = {}
        for spec in self.specs.values():
            for alias in spec.aliases:
                self._names.setdefault(alias, spec)
        for spec in self.specs.values():
            self._names[spec.name] = spec
        suffixes = [(t, spec) for spec in self.specs.values() for t in spec.titles]
        suffixes += [(t, None) for t in ambiguous_titles]
        # Longest suffix first: 政府工作报告 before 报告, 复函 before 函.
        self._suffixes = sorted(suffixes, key=lambda x: -len(x[0]))

    def get(self, name: str) -> GenreSpec | None:
        """The spec of a genre name or alias."""
        return self._names.get(name.strip())

    def names(self) -> list[str]:
        return list(self._names)

    def match_title(self, line: str) -> TitleMatch | None:
        """The genre a title line names: patterns first, then the longest suffix."""
        text = clean_title(line)
        if not text:
            return None
        for spec in self.specs.values():
            for p in spec.title_patterns:
                m = p.search(text)
                if m:
                    return TitleMatch(spec, m.group())
        for suffix, spec in self._suffixes:
            if text.endswith(suffix):
                return TitleMatch(spec, suffix)
        return None

    def match_salutation(self, text: str) -> GenreSpec | None:
        for spec in self.specs.values():
            if any(p.search(text) for p in spec.salutations):
                return spec
        return None

    def match_opening(self, text: str) -> GenreSpec | None:
        for spec in self.specs.values():
            if any(p.search(text) for p in spec.openings):
                return spec
        return None


_TITLE_TAIL = lazy_regex(r"(?:\s*[（(][^（）()]{1,12}[）)])+\s*$")  # （征求意见稿）（草案）
_TITLE_TRIM = lazy_regex(r"^[\s—─-]+|[\s。.：:]+$")
_TRIM_OPENING, _TRIM_CLOSING = frozenset("—─-"), frozenset("。.：:")


def clean_title(line: str) -> str:
    """A title line without its trailing draft marks (（征求意见稿）) and spaces."""
    text = line.strip()
    # Each pattern is tried only where it can match (most titles have neither): a mark in
    # brackets ends the stripped line, a dash or space opens or a stop ends what is left.
    if text.endswith(("）", ")")):
        text = _TITLE_TAIL.sub("", text)
    if not text.strip("—─- "):
        return ""
    if text[0] in _TRIM_OPENING or text[-1] in _TRIM_CLOSING or text[0].isspace() or text[-1].isspace():
        return _TITLE_TRIM.sub("", text)  # type: ignore[no-any-return]
    return text


def formula_key(text: str) -> str:
    """Formula text as compared with the table: punctuation, symbols and spaces removed."""
    return _NOISE.sub("", text)


# Sentence ends for closings: the usual marks, and a half-width full stop after Han
# (drafts typed in an English input mode end sentences with ".").
_SENTENCE_END = lazy_regex(r"[。！？!?]+[”’」』）)]*|(?<=\p{Han})\.(?!\d)")


def sentence_starts(paragraph: Segment) -> list[int]:
    """Offsets where the sentences of a paragraph start (for closings: "." after Han ends one)."""
    starts = [paragraph.span.start]
    text = paragraph.text
    for m in _SENTENCE_END.finditer(text):
        rest = text[m.end() :]
        if rest.strip():
            starts.append(paragraph.span.start + len(text) - len(rest.lstrip()))
    return starts


def last_sentence(paragraph: Segment) -> Span:
    return Span(sentence_starts(paragraph)[-1], paragraph.span.end)


def formula_endings(paragraph: Segment, limit: int = MAX_FORMULA) -> Iterator[tuple[Span, str]]:
    """The last 3, 2 and 1 sentences of a paragraph (longest first) with their formula keys.

    Only endings whose key has at most ``limit`` characters are given: a closing
    formula is short, and ``妥否？请批示！`` is two sentences.
    """
    starts = sentence_starts(paragraph)
    for k in range(min(3, len(starts)), 0, -1):
        start = starts[-k]
        span = Span(start, paragraph.span.end)
        key = formula_key(paragraph.text[start - paragraph.span.start :])
        if key and len(key) <= limit:
            yield span, key


def find_wrong_closing(spec: GenreSpec, closing: Segment, document_text: str) -> tuple[Span, WrongClosing] | None:
    """The wrong closing formula that ends ``closing``, if the table lists one for ``spec``."""
    for span, key in formula_endings(closing):
        for w in spec.wrong_closings:
            if w.pattern.fullmatch(key) and not (w.unless and w.unless.search(document_text)):
                return span, w
    return None


def has_closing(spec: GenreSpec, ending: tuple[Segment, ...]) -> bool:
    """Whether one of the genre's usual closings appears in the ending paragraphs."""
    # Closing by closing, each in every paragraph: the first (谢谢 for a speech) usually settles
    # it, and the others are never compiled (a speech's 27 cost about 1% of a one-file run).
    return any(p.search(seg.text) for p in spec.closings for seg in ending)


# -- parsing and validation --------------------------------------------------------------------


def _compile(pattern: str, where: str) -> regex.Pattern[str]:
    return LazyPattern(pattern, where).compiled()  # type: ignore[no-any-return]


def _check_value(name: str, key: str, value: Any, compile_patterns: bool = True) -> None:
    where = f"[genres.{name}] '{key}'"
    kind = GENRE_KEYS[key]
    if kind == "family":
        if value not in FAMILIES:
            raise GenreTableError(f"{where} must be \"official\" or \"speech\", not {value!r}")
    elif kind == "bool":
        if not isinstance(value, bool):
            raise GenreTableError(f"{where} must be true or false, not {value!r}")
    elif kind == "string":
        if not isinstance(value, str):
            raise GenreTableError(f"{where} must be a string, not {value!r}")
    elif kind in ("strings", "patterns"):
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            raise GenreTableError(f"{where} must be a list of strings, not {value!r}")
        if kind == "patterns" and compile_patterns:
            for p in value:
                _compile(p, where)
    elif kind == "wrong":
        if not isinstance(value, list) or not all(isinstance(x, dict) for x in value):
            raise GenreTableError(f"{where} must be a list of tables {{ pattern = …, message = … }}")
        for item in value:
            for k, v in item.items():
                if k not in WRONG_KEYS:
                    raise GenreTableError(f"{where}: unknown key '{k}' (keys: {', '.join(WRONG_KEYS)})")
                if not isinstance(v, str):
                    raise GenreTableError(f"{where}: '{k}' must be a string, not {v!r}")
            if "pattern" not in item:
                raise GenreTableError(f"{where}: every entry needs a 'pattern'")
            if compile_patterns:
                _compile(item["pattern"], where)
                if "unless" in item:
                    _compile(item["unless"], where)


def check_genre_tables(
    tables: Mapping[str, Any], base: Mapping[str, Any] | None = None, compile_patterns: bool = True
) -> None:
    """Validate ``[genres.<name>]`` tables; a new genre (not in ``base``) needs a family.

    ``compile_patterns=False`` checks the shape only: the shipped table, whose patterns
    tests/test_speed.py compiles, is checked so at every start."""
    base = base or {}
    for name, table in tables.items():
        if not isinstance(table, Mapping):
            raise GenreTableError(f"[genres.{name}] must be a table")
        for key, value in table.items():
            if key not in GENRE_KEYS:
                raise GenreTableError(f"[genres.{name}] unknown key '{key}' (keys: {', '.join(GENRE_KEYS)})")
            _check_value(name, key, value, compile_patterns)
        if name not in base and "family" not in table:
            raise GenreTableError(f"[genres.{name}] is a new genre: it needs 'family' (\"official\" or \"speech\")")


def _spec(name: str, t: Mapping[str, Any]) -> GenreSpec:
    where = f"[genres.{name}]"

    def pats(key: str) -> tuple[LazyPattern, ...]:
        return tuple(LazyPattern(p, where) for p in t.get(key, ()))

    wrong = tuple(
        WrongClosing(
            LazyPattern(w["pattern"], where),
            w.get("message", "{genre}不用“{found}”结尾"),
            LazyPattern(w["unless"], where) if "unless" in w else None,
        )
        for w in t.get("wrong-closings", ())
    )
    return GenreSpec(
        name=name,
        family=t["family"],
        aliases=tuple(t.get("aliases", ())),
        titles=tuple(t.get("titles", ())),
        title_patterns=pats("title-patterns"),
        salutations=pats("salutations"),
        salutation_required=bool(t.get("salutation-required", False)),
        openings=pats("openings"),
        closings=pats("closings"),
        closing_required=bool(t.get("closing-required", False)),
        closing_message=t.get("closing-message", f"{name}的结尾缺少常用结束语"),
        wrong_closings=wrong,
        suggest=t.get("suggest"),
    )


def build_genre_table(data: Mapping[str, Any], extra: Mapping[str, Any] | None = None) -> GenreTable:
    """The table from the shipped data merged with config tables (each key replaces the shipped one)."""
    base: dict[str, Any] = dict(data.get("genres", {}))
    check_genre_tables(base, compile_patterns=False)  # shipped: compiled when used (see LazyPattern)
    extra = extra or {}
    check_genre_tables(extra, base)
    merged = {name: dict(t) for name, t in base.items()}
    for name, t in extra.items():
        merged.setdefault(name, {}).update(t)
    specs = {name: _spec(name, t) for name, t in merged.items()}
    return GenreTable(specs, tuple(data.get("ambiguous-titles", ())))


def render_message(template: str, found: str, genre: str) -> str:
    return template.replace("{found}", found).replace("{genre}", genre)
