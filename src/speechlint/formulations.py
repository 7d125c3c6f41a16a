"""The formulation list (data/formulations.toml) as typed, read-only values.

``Resources.formulations`` loads it once per session; rules read it as
``document.resources.formulations``.  The shape is documented in docs/formulations.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

import regex

from speechlint.fix import Edit, Span
from speechlint.lazyre import matches_at

#: Quotation marks in a listed wording match any quotation mark of the same kind, or none.
_QUOTE_CLASS = {"“": "[“”\"「」]?", "”": "[“”\"「」]?", "‘": "[‘’'『』]?", "’": "[‘’'『』]?"}
_QUOTES = "“”\"「」‘’'『』"
# Opening and closing marks share one trie edge: the pattern accepts either.
_QUOTE_KEY = {"”": "“", "’": "‘"}


class FormulationError(ValueError):
    """The formulation data is malformed (a bad entry in data/formulations.toml)."""


@dataclass(frozen=True)
class Formulation:
    """A standard wording and the wrong variants seen in drafts."""

    canonical: str
    variants: tuple[str, ...]
    source: str
    as_of: dt.date
    note: str = ""


@dataclass(frozen=True)
class NumberedFormulation:
    """A numbered formulation (四个意识) with its members in official order.

    One term may have several versions (四个全面 before and after 2020); each is
    its own entry, told apart by ``valid_from`` / ``valid_to``.
    """

    term: str
    count: int
    members: tuple[str, ...]
    source: str
    as_of: dt.date
    verbs: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None  # exclusive: the day the next version took over
    note: str = ""

    def valid_on(self, day: dt.date) -> bool:
        """True when this version was the current one on ``day``."""
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day < self.valid_to)


class VariantMatch(NamedTuple):
    """A wrong variant found in a text, with the smallest edit that makes it canonical."""

    span: Span  # the variant as written
    variant: str  # as listed in the data
    formulation: Formulation
    edit: Edit  # replaces only the part that differs (quotation marks as written are kept)


@dataclass(frozen=True)
class Formulations:
    """The whole list.  Built once per session by ``Resources``; never mutated."""

    formulations: tuple[Formulation, ...]
    numbered: tuple[NumberedFormulation, ...]

    # -- numbered formulations ---------------------------------------------------

    @cached_property
    def _numbered_index(self) -> dict[str, tuple[NumberedFormulation, ...]]:
        index: dict[str, list[NumberedFormulation]] = {}
        for n in self.numbered:
            for name in (n.term, *n.aliases):
                index.setdefault(name, []).append(n)
        return {k: tuple(v) for k, v in index.items()}

    @cached_property
    def numbered_terms(self) -> frozenset[str]:
        """Every numbered term and alias (四个意识, 五大发展理念 …); made once, asked of every document."""
        return frozenset(self._numbered_index)

    def numbered_versions(self, term: str) -> tuple[NumberedFormulation, ...]:
        """All versions of a numbered term or alias, oldest first; empty when unknown."""
        return tuple(sorted(self._numbered_index.get(term, ()), key=lambda n: n.valid_from or dt.date.min))

    def numbered_on(self, term: str, day: dt.date | None = None) -> NumberedFormulation | None:
        """The version of ``term`` current on ``day`` (the newest when ``day`` is None)."""
        versions = self.numbered_versions(term)
        if day is None:
            current = [n for n in versions if n.valid_to is None]
            return (current or list(versions) or [None])[-1]
        return next((n for n in reversed(versions) if n.valid_on(day)), None)

    # -- wrong variants --------------------------------------------------------

    @cached_property
    def _by_key(self) -> dict[str, tuple[Formulation, str | None]]:
        return _index(self.formulations)

    @cached_property
    def _matcher(self) -> regex.Pattern[str]:
        """Every canonical wording and every variant in one pattern, built as a trie.

        At each offset the longest listed wording wins.  Canonical wordings are in
        it as guards: the scan consumes a correct formulation whole, so a variant
        inside a longer correct one is never seen.  A trie-shaped pattern scans
        about twice as fast as a flat alternation (docs/formulations.md).
        """
        return regex.compile(_trie_pattern(self._listed))

    @property
    def _listed(self) -> set[str]:
        """Every canonical wording and every variant."""
        words = {f.canonical for f in self.formulations}
        words.update(v for f in self.formulations for v in f.variants)
        return words

    @cached_property
    def _diff_patterns(self) -> dict[str, tuple[regex.Pattern[str], str]]:
        """Per variant: a pattern capturing the part that differs, and its replacement."""
        out: dict[str, tuple[regex.Pattern[str], str]] = {}
        for f in self.formulations:
            for v in f.variants:
                p, s = _common_ends(v, f.canonical)
                pattern = _pattern(v[:p]) + "(" + _pattern(v[p : len(v) - s]) + ")" + _pattern(v[len(v) - s :])
                out[v] = (regex.compile(pattern), f.canonical[p : len(f.canonical) - s])
        return out

    @cached_property
    def _heads(self) -> tuple[re.Pattern[str], tuple[str, ...], int]:
        """Where listed wordings start, for ``_wordings``: a pattern finding the first
        character of each before its second (any character when the second is a quotation
        mark), the heads so found of wordings opening with quotation marks, and the most
        quotation marks a wording opens with (its match may start that far before its head).

        The trie opens with an optional class and is tried at every offset of the text (about
        250 instructions a character); each branch of this pattern opens with a literal, and
        the standard library's re skips to those (about 90): the trie is tried only at them.
        """
        seconds: dict[str, set[str]] = {}  # first character -> second characters ("" for any)
        quoted: set[str] = set()
        lead = 0
        for word in self._listed:
            key = word.lstrip(_QUOTES)
            head = key[:2] if key[1:2] and key[1] not in _QUOTES else key[:1]
            seconds.setdefault(head[0], set()).add(head[1:])
            if key != word:
                quoted.add(head)
                lead = max(lead, len(word) - len(key))
        pattern = "|".join(
            re.escape(first) + ("" if "" in rest else "(?=[" + re.escape("".join(sorted(rest))) + "])")
            for first, rest in sorted(seconds.items())
        )
        return re.compile(pattern), tuple(sorted(quoted)), lead

    def _wordings(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Any]:
        """``self._matcher.finditer(text, start, end)``, the trie tried only where a wording may start."""
        start, end, _ = slice(start, end).indices(len(text))  # regex reads negative offsets as slices do
        text = text[:end]  # the trie looks around nothing: as regex's endpos
        heads, quoted, lead = self._heads
        starts = [m.start() for m in heads.finditer(text, start)]
        if lead:
            before = {s - k for s in starts if text.startswith(quoted, s) for k in range(1, lead + 1) if s - k >= start}
            starts = sorted(before.union(starts))
        return matches_at(self._matcher, text, starts)

    def find_variants(self, text: str, start: int = 0, end: int | None = None) -> Iterator[VariantMatch]:
        """Wrong variants in ``text[start:end]``, in one pass over it."""
        for m in self._wordings(text, start, end):
            hit = self._by_key.get(_key(m.group()))
            if hit is None or hit[1] is None:
                continue  # a canonical wording: correct
            formulation, variant = hit
            pattern, replacement = self._diff_patterns[variant]
            d = pattern.fullmatch(text, m.start(), m.end())
            assert d is not None  # the same wording matched the alternation
            yield VariantMatch(Span(m.start(), m.end()), variant, formulation, Edit(Span(*d.span(1)), replacement))


def _trie_pattern(words: Iterable[str]) -> str:
    """A pattern matching any of ``words``, longest first, with shared prefixes factored out."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(_QUOTE_KEY.get(ch, ch), {})
        node[""] = {}  # a word ends here

    def build(node: dict[str, Any]) -> str:
        branches = [
            (_QUOTE_CLASS.get(ch) or regex.escape(ch)) + build(child) for ch, child in sorted(node.items()) if ch
        ]
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a shorter word ends here: the longer ones are tried first (greedy)
            return ("(?:" + group + ")?") if len(branches) == 1 else group + "?"
        return group

    return build(trie)


def _pattern(wording: str) -> str:
    return "".join(_QUOTE_CLASS.get(ch) or regex.escape(ch) for ch in wording)


def _key(wording: str) -> str:
    return "".join(ch for ch in wording if ch not in _QUOTES)


def _common_ends(a: str, b: str) -> tuple[int, int]:
    """Lengths of the common prefix and (non-overlapping) common suffix of ``a`` and ``b``."""
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    s = 0
    while s < min(len(a), len(b)) - p and a[-1 - s] == b[-1 - s]:
        s += 1
    return p, s


def _strings(entry: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(x, str) and x for x in value):
        raise FormulationError(f"{where}: '{key}' must be a list of non-empty strings")
    return tuple(value)


def _date(entry: Mapping[str, Any], key: str, where: str, required: bool = False) -> dt.date | None:
    value = entry.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise FormulationError(f"{where}: '{key}' must be a TOML date (YYYY-MM-DD)")
    return value


def _text(entry: Mapping[str, Any], key: str, where: str, required: bool = True) -> str:
    value = entry.get(key, None if required else "")
    if not isinstance(value, str) or (required and not value):
        raise FormulationError(f"{where}: '{key}' must be a non-empty string")
    return value


_FORMULATION_KEYS = {"canonical", "variants", "source", "as-of", "note"}
_NUMBERED_KEYS = {"term", "count", "members", "verbs", "aliases", "source", "as-of", "valid-from", "valid-to", "note"}


def _entries(data: Mapping[str, Any], table: str, keys: set[str]) -> Iterator[tuple[str, Mapping[str, Any], dt.date]]:
    """The entries of ``[[table]]``, each with its name for messages and its ``as-of`` date."""
    for k, entry in enumerate(data.get(table, []), 1):
        where = f"formulations.toml: [[{table}]] #{k}"
        unknown = set(entry) - keys
        if unknown:
            raise FormulationError(f"{where}: unknown keys {sorted(unknown)}")
        as_of = _date(entry, "as-of", where, required=True)
        assert as_of is not None
        yield where, entry, as_of


def parse_formulations(data: Mapping[str, Any]) -> Formulations:
    """Build and check the list from the parsed TOML; raise FormulationError naming the entry."""
    formulations: list[Formulation] = []
    for where, entry, as_of in _entries(data, "formulation", _FORMULATION_KEYS):
        formulations.append(
            Formulation(
                canonical=_text(entry, "canonical", where),
                variants=_strings(entry, "variants", where),
                source=_text(entry, "source", where),
                as_of=as_of,
                note=_text(entry, "note", where, required=False),
            )
        )
    numbered: list[NumberedFormulation] = []
    for where, entry, as_of in _entries(data, "numbered", _NUMBERED_KEYS):
        members = _strings(entry, "members", where)
        count = entry.get("count", len(members))
        if not isinstance(count, int) or count < 1 or (members and count != len(members)):
            raise FormulationError(f"{where}: 'count' must match the members (or be given when they are omitted)")
        numbered.append(
            NumberedFormulation(
                term=_text(entry, "term", where),
                count=count,
                members=members,
                source=_text(entry, "source", where),
                as_of=as_of,
                verbs=_strings(entry, "verbs", where),
                aliases=_strings(entry, "aliases", where),
                valid_from=_date(entry, "valid-from", where),
                valid_to=_date(entry, "valid-to", where),
                note=_text(entry, "note", where, required=False),
            )
        )
    _index(formulations)  # raises on a wording listed twice
    return Formulations(tuple(formulations), tuple(numbered))


def _index(formulations: Sequence[Formulation]) -> dict[str, tuple[Formulation, str | None]]:
    """Each wording (quotation marks removed) -> its formulation and, for a variant, the variant."""
    by_key: dict[str, tuple[Formulation, str | None]] = {}
    for f in formulations:
        for wording, variant in ((f.canonical, None), *((v, v) for v in f.variants)):
            key = _key(wording)
            if key in by_key and by_key[key] != (f, variant):
                raise FormulationError(f"formulations.toml: '{wording}' is listed twice")
            by_key[key] = (f, variant)
    return by_key
