"""The gazetteer: China's administrative divisions (province, prefecture, county).

Built from ``data/gazetteer.csv`` (``scripts/build_gazetteer.py``) and
``data/place_ordinary_words.txt`` (``scripts/build_place_ordinary_words.py``), once
per session through ``Resources.gazetteer``.  Level and parent follow from the
6-digit code; the build script checks that they do.

Matching is a dictionary look-up anchored on the unit word: every full name ends in
one of 省市县区旗盟州, so the scan finds those characters with one regex and looks
back for the longest name ending there (measured against token look-ups, an
alternation regex and an Aho–Corasick automaton in docs/places.md).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import itemgetter
from typing import NamedTuple

import regex

from speechlint.lazyre import lazy_re

LEVELS = ("province", "prefecture", "county")

#: The character of the self-references (我X, 全X, X委) of each unit word.
SELF_CHAR = {
    "省": "省", "自治区": "区", "特别行政区": "区", "市": "市", "自治州": "州", "州": "州",
    "地区": "地区", "盟": "盟", "县": "县", "自治县": "县", "区": "区", "林区": "区", "特区": "区",
    "新区": "区", "矿区": "区", "旗": "旗", "自治旗": "旗",
}
#: Every full name ends with one of these.
UNIT_CHARS = "省市县区旗盟州"
NAME_END = lazy_re(f"[{UNIT_CHARS}]")  # re: a character class, scanned twice as fast


@dataclass(frozen=True, slots=True)
class Unit:
    """One administrative unit."""

    code: str
    name: str
    short: str  # equals ``name`` when the source keeps no shorter form (阿荣旗, 赵县)
    suffix: str  # the unit word: 县, 市, 自治州, 旗 …
    parent: str | None  # the parent's code

    @property
    def level(self) -> str:
        if self.code.endswith("0000"):
            return "province"
        return "prefecture" if self.code.endswith("00") else "county"

    @property
    def self_char(self) -> str:
        """What follows 我/全 when the unit speaks of itself: 县, 市, 区, 旗, 州, 盟, 省, 地区."""
        return SELF_CHAR[self.suffix]

    def as_json(self) -> dict[str, str]:
        return {"code": self.code, "name": self.name}


# Every run makes the 3,214 units: they skip the dataclass __init__, which sets each frozen
# field through object.__setattr__, as speechlint.fix.trusted_span does, and each field is
# set by one C loop over the units (map), not by a Python call per unit: 30% less.
_SETTERS = (Unit.code.__set__, Unit.name.__set__, Unit.short.__set__, Unit.suffix.__set__, Unit.parent.__set__)  # type: ignore[attr-defined,misc,union-attr]


def _trusted_units(*columns: Sequence[str | None]) -> list[Unit]:
    """``[Unit(code, name, short, suffix, parent) …]`` of the columns, built as the dataclass builds them."""
    units: list[Unit] = list(map(object.__new__, repeat(Unit, len(columns[0]))))
    for setter, column in zip(_SETTERS, columns, strict=True):
        deque(map(setter, units, column), maxlen=0)
    return units


_TAIL, _HEAD = itemgetter(slice(-2, None)), itemgetter(slice(2))


def _parent(code: str, known: set[str]) -> str | None:
    """A county's prefecture, or its province when the prefecture's code is none (省直辖县级市, the
    districts of a 直辖市); a prefecture's province; None for a province."""
    if code.endswith("0000"):
        return None
    if code.endswith("00"):
        return code[:2] + "0000"
    prefecture = code[:4] + "00"
    return prefecture if prefecture in known else code[:2] + "0000"


class NameHit(NamedTuple):
    """A full name found in a text (before any context check)."""

    start: int
    end: int
    units: tuple[Unit, ...]


class Gazetteer:
    """Units by code, full name and short name; ordinary-word names are kept apart."""

    def __init__(self, units: Iterable[Unit], ordinary: Iterable[str] = (), frequent: Iterable[str] = ()) -> None:
        self.units: dict[str, Unit] = {u.code: u for u in units}
        #: Names that are ordinary words (和平, 比如, 城区): never bare, never in a self slot.
        self.ordinary: frozenset[str] = frozenset(ordinary)
        #: Places that read as ordinary words in a self slot (长寿, 古城, 江南): not after 平安/美丽 … nor before 特色.
        self.frequent: frozenset[str] = frozenset(frequent)
        self.by_name: dict[str, tuple[Unit, ...]] = {}
        self.by_short: dict[str, tuple[Unit, ...]] = {}
        by_name, by_short = self.by_name, self.by_short
        for u in self.units.values():
            name, short = u.name, u.short
            found = by_name.get(name)
            by_name[name] = (u,) if found is None else (*found, u)
            if short != name:
                found = by_short.get(short)
                by_short[short] = (u,) if found is None else (*found, u)
        # All lengths, longest first, for the look-ups without the tables (names of one character).
        self._name_lengths = sorted(set(map(len, by_name)), reverse=True)
        self._any_lengths = sorted(set(map(len, (*by_name, *by_short))), reverse=True)
        # The length of the longest full or short name by its last (first) two characters: a
        # look-up at a position tries only the lengths up to it, most of the time one or two
        # (the full-name scan shares the table of all names: a short name only adds a look-up
        # that fails).  Built by C loops over the names, shortest first, so that each key keeps
        # its longest; they need every name to have two characters at least.
        self._ending: dict[str, int] | None = None
        self._starting: dict[str, int] | None = None
        if min(self._any_lengths, default=0) >= 2:
            words = sorted((*by_name, *by_short), key=len)
            sizes = list(map(len, words))
            self._ending = dict(zip(map(_TAIL, words), sizes))
            self._starting = dict(zip(map(_HEAD, words), sizes))

    @classmethod
    def from_csv(cls, data: str, ordinary: str = "") -> Gazetteer:
        """``code,name,short,suffix`` rows (no quoting); ``ordinary``: name, class, why a line (``#`` comments)."""
        lines = data.splitlines()
        if not lines or lines[0].strip() != "code,name,short,suffix":
            raise ValueError("gazetteer: expected the header code,name,short,suffix")
        rows = [line.split(",") for line in lines[1:] if line]
        # The columns, and the units made column by column (C loops, not a Python loop per row).
        codes, names, shorts, suffixes = zip(*rows, strict=True) if rows else ((), (), (), ())
        if "" in shorts:  # no shorter form: the name
            shorts = tuple(short or name for short, name in zip(shorts, names))
        known = set(codes)
        units = _trusted_units(codes, names, shorts, suffixes, [_parent(code, known) for code in codes])
        classes: dict[str, list[str]] = {"word": [], "frequent": []}
        for line in ordinary.splitlines():
            if line.strip() and not line.startswith("#"):
                name, kind = line.split("\t")[:2]
                classes[kind].append(name)
        return cls(units, classes["word"], classes["frequent"])

    def __len__(self) -> int:
        return len(self.units)

    # -- hierarchy --------------------------------------------------------------

    def ancestors(self, unit: Unit) -> list[Unit]:
        """Parent, grandparent …, nearest first."""
        out = []
        code = unit.parent
        while code is not None:
            parent = self.units[code]
            out.append(parent)
            code = parent.parent
        return out

    def is_ancestor(self, a: Unit, b: Unit) -> bool:
        """True when ``a`` contains ``b`` (``a`` is a strict ancestor)."""
        return any(x.code == a.code for x in self.ancestors(b))

    def related(self, a: Unit, b: Unit) -> bool:
        """``a`` is ``b``, or one contains the other: the places a document of ``b`` may call its own."""
        return a.code == b.code or self.is_ancestor(a, b) or self.is_ancestor(b, a)

    def chain(self, unit: Unit) -> str:
        """山西省晋中市灵石县: the unit with its ancestors, for messages."""
        return "".join(u.name for u in reversed([unit, *self.ancestors(unit)]))

    # -- resolving a --home value -----------------------------------------------

    def resolve(self, value: str | int) -> tuple[Unit | None, str | None]:
        """A unit for a name, a short name, a chain (吕梁市交城县) or a 6-digit code.

        Returns ``(unit, None)`` or ``(None, reason)``.
        """
        text = str(value).strip()
        if regex.fullmatch(r"\d{6}", text):
            unit = self.units.get(text)
            return (unit, None) if unit else (None, f"no unit has the code {text}")
        for table in (self.by_name, self.by_short):
            found = table.get(text, ())
            if len(found) == 1:
                return found[0], None
            if len(found) > 1:
                options = "、".join(f"{self.chain(u)}（{u.code}）" for u in found)
                return None, f"'{text}' names {len(found)} units: {options}; give the 6-digit code"
        # A chain: each name must be a child of the one before; the last decides.
        hits = list(self.scan_names(text))
        if hits and hits[0].start == 0 and hits[-1].end == len(text):
            if all(a.end == b.start for a, b in zip(hits, hits[1:])):
                candidates = [
                    u for u in hits[-1].units if all(any(self.is_ancestor(p, u) for p in h.units) for h in hits[:-1])
                ]
                if len(candidates) == 1:
                    return candidates[0], None
        return None, f"'{text}' is not a province, prefecture or county-level unit of the gazetteer"

    # -- matching ---------------------------------------------------------------

    def scan_names(
        self, text: str, start: int = 0, end: int | None = None, ends: Iterable[int] | None = None
    ) -> Iterator[NameHit]:
        """Full names in ``text[start:end]``: longest, leftmost-ending, non-overlapping.

        Ordinary-word names (城区, 老城区) are included; callers decide on them.  ``ends``: the
        offset after each unit character in ``text[start:end]``, in order (where a full name
        can end), from a caller that scans for more than these characters (Places).
        """
        end = len(text) if end is None else end
        last = start
        by_name = self.by_name
        longest = self._ending
        for stop in (m.end() for m in NAME_END.finditer(text, start, end)) if ends is None else ends:
            if longest is None:
                lengths: Iterable[int] = self._name_lengths
            else:
                # Most unit characters end no name (我县, 各市): skip them before any other work.
                top = longest.get(text[stop - 2 : stop]) if stop >= 2 else None
                if top is None:
                    continue
                lengths = range(top, 1, -1)
            for length in lengths:
                begin = stop - length
                if begin < last:
                    continue
                units = by_name.get(text[begin:stop])
                if units is not None:
                    yield NameHit(begin, stop, units)
                    last = stop
                    break

    def names_starting_at(self, text: str, begin: int, limit: int | None = None) -> list[tuple[int, tuple[Unit, ...], bool]]:
        """Full and short names starting at ``begin`` (longest first) as ``(end, units, short)``."""
        limit = len(text) if limit is None else limit
        out = []
        longest = self._starting
        if longest is None:
            lengths: Iterable[int] = self._any_lengths
        else:
            lengths = range(longest.get(text[begin : begin + 2], 0), 1, -1)
        for n in lengths:  # two look-ups inline: called for every candidate position
            if begin + n <= limit:
                word = text[begin : begin + n]
                if (units := self.by_name.get(word)) is not None:
                    out.append((begin + n, units, False))
                if (units := self.by_short.get(word)) is not None:
                    out.append((begin + n, units, True))
        return out

    def names_ending_at(self, text: str, stop: int, floor: int = 0) -> list[tuple[int, tuple[Unit, ...], bool]]:
        """Full and short names ending at ``stop`` (longest first) as ``(start, units, short)``."""
        out = []
        longest = self._ending
        if longest is None:
            lengths: Iterable[int] = self._any_lengths
        else:
            lengths = range(longest.get(text[stop - 2 : stop], 0) if stop >= 2 else 0, 1, -1)
        for n in lengths:
            if stop - n >= floor:
                word = text[stop - n : stop]
                if (units := self.by_name.get(word)) is not None:
                    out.append((stop - n, units, False))
                if (units := self.by_short.get(word)) is not None:
                    out.append((stop - n, units, True))
        return out

    def tokenizer_words(self) -> list[tuple[str, str]]:
        """Full names for the tokenizer, tagged ``ns`` (ordinary-word names left out)."""
        return [(name, "ns") for name in self.by_name if name not in self.ordinary]

