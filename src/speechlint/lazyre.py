"""Patterns compiled on first use, and scans that try a pattern only where it can start.

Rule and document modules keep their patterns at module level (compiled once per
process), but compiling all of them at import made every run pay for every rule,
even ``--select PUN001``.  A ``LazyPattern`` compiles on its first use and then
behaves as the compiled pattern.
"""

from __future__ import annotations

import heapq
import importlib
from collections.abc import Iterable, Iterator
from typing import Any

_FORWARDED = (
    "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
    "pattern", "flags", "groups", "groupindex",
)


class LazyPattern:
    """A pattern compiled on first use.

    The first attribute lookup compiles it and copies the pattern's methods into
    the instance, so later calls cost a plain attribute lookup (a ``__getattr__``
    on every call cost 0.3 s over 200 drafts).
    """

    def __init__(self, engine: str, pattern: Any, flags: int = 0, needs: tuple[str, ...] = ()) -> None:
        self.engine = engine  # "re" or "regex": imported on the first compile (a cached rerun needs neither)
        self.needs = needs
        self._args = (pattern, flags)
        self._compiled: Any = None

    def may_match(self, text: str, start: int = 0, end: int | None = None) -> bool:
        """False when ``text[start:end]`` holds none of ``needs``, strings one of which every match
        holds: the scan is then skipped (a substring test is a vectorised scan, much cheaper
        than a pattern that tries a look-behind or a loop at every position)."""
        if not self.needs:
            return True
        # Loops, not any() over a generator: asked of every paragraph of some rules.
        if start == 0 and end is None:
            for n in self.needs:
                if n in text:
                    return True
            return False
        for n in self.needs:
            if text.find(n, start, end) >= 0:
                return True
        return False

    def compiled(self) -> Any:
        if self._compiled is None:
            compiled = importlib.import_module(self.engine).compile(*self._args)
            for name in _FORWARDED:
                if hasattr(compiled, name):
                    setattr(self, name, getattr(compiled, name))
            self._compiled = compiled
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        # Called only for names not yet in the instance: before the first compile,
        # or for the rarer attributes of the compiled pattern.
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._args[0]!r})"


def lazy_regex(pattern: Any, flags: int = 0, needs: tuple[str, ...] = ()) -> Any:
    """``regex.compile`` on first use (flags as inline groups, or ``regex``'s constants);
    ``needs``: see ``LazyPattern.may_match``."""
    return LazyPattern("regex", pattern, flags, needs)


def lazy_re(pattern: Any, flags: int = 0, needs: tuple[str, ...] = ()) -> Any:
    """``re.compile`` on first use; ``needs``: see ``LazyPattern.may_match``."""
    return LazyPattern("re", pattern, flags, needs)


def matches_at(pattern: Any, text: str, starts: Iterable[int]) -> Iterator[Any]:
    """``pattern.finditer(text)`` for a pattern each of whose matches starts at one of ``starts``
    (ascending, each once; its matches either all empty, a look-ahead, or none empty): it is
    tried only there.

    A pattern opening with a look-behind or a class is tried at every position of the text;
    the starts are found by patterns opening with a literal (``starts_of``), which the
    standard library's re skips to several times faster.  A start inside the match before
    is passed over, as finditer would.  The match at a start is finditer's there: each
    look-behind sees the text before the start.
    """
    end = 0
    for start in starts:
        if start >= end and (m := pattern.match(text, start)) is not None:
            end = m.end()
            yield m


def starts_of(text: str, locators: Iterable[Any], back: int = 0) -> Iterator[int]:
    """Where any of ``locators`` matches in ``text``, ``back`` characters before, ascending."""
    return heapq.merge(*([m.start() - back for m in at.finditer(text)] for at in locators))
