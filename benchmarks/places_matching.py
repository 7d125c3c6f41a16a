"""Gazetteer costs: loading once, and matching full names in a 400,000-character text.

Run from the repository root::

    python benchmarks/places_matching.py

The text is the clean corpus (benchmarks/corpus/*.txt) repeated to 400,000 characters.
Prints the median of several runs of each way of finding the gazetteer's full names:

- suffix-anchored look-ups (what speechlint uses): one regex finds 省市县区旗盟州, a dict
  look-up finds the longest name ending there;
- token look-ups: tag every paragraph with the names added to the tokenizer as ``ns``
  and look each token up (tokenizer start-up shown apart);
- one big alternation regex (``regex`` and ``re``);
- an Aho–Corasick automaton (``pyahocorasick``, only if it is installed: it is not a
  dependency of speechlint);

and the whole of ``Document.places`` (candidates, word-boundary check, home) on the text.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import regex

ROOT = Path(__file__).resolve().parent.parent
SIZE = 400_000


def corpus_text() -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "benchmarks" / "corpus").glob("*.txt"))]
    base = "\n".join(parts)
    return (base * (SIZE // len(base) + 1))[:SIZE]


def median(fn: Callable[[], Any], runs: int = 7) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def row(name: str, seconds: float, found: Any = "") -> None:
    print(f"| {name} | {seconds * 1000:,.1f} ms | {found} |")


def main() -> None:
    from speechlint.document.tokenize import make_tokenizer
    from speechlint.gazetteer import Gazetteer
    from speechlint.resources import Resources, data_bytes

    text = corpus_text()
    print(f"text: {len(text):,} characters, {text.count(chr(10)) + 1:,} lines\n")
    print("| step | median | found |")
    print("|---|---|---|")
    t, g = median(
        lambda: Gazetteer.from_csv(
            data_bytes("gazetteer.csv").decode("utf-8"), data_bytes("place_ordinary_words.txt").decode("utf-8")
        )
    )
    row("load the gazetteer (3,214 units)", t, f"{len(g)} units")
    names = sorted(g.by_name, key=len, reverse=True)

    t, hits = median(lambda: len(list(g.scan_names(text))))
    row("suffix-anchored look-ups (kept)", t, hits)

    for engine in ("rjieba", "jieba"):
        try:
            start = time.perf_counter()
            tok = make_tokenizer(engine, g.tokenizer_words())
            load = time.perf_counter() - start
        except ImportError:
            continue
        paragraphs = text.split("\n")
        nameset = set(names)

        def lookups(tok: Any = tok) -> int:
            return sum(1 for p in paragraphs for w, _ in tok.tag(p) if w in nameset)

        t, n = median(lookups, 3)
        row(f"{engine}: start-up with the names added", load)
        row(f"{engine}: token look-ups", t, n)

    t, pattern = median(lambda: regex.compile("|".join(map(regex.escape, names))), 1)
    t, n = median(lambda: len(pattern.findall(text)), 3)
    row("alternation regex (`regex`)", t, n)
    pattern_re = re.compile("|".join(map(re.escape, names)))
    t, n = median(lambda: len(pattern_re.findall(text)), 3)
    row("alternation regex (`re`)", t, n)
    try:
        import ahocorasick
    except ImportError:
        print("| Aho–Corasick (pyahocorasick) | not installed | |")
    else:
        automaton = ahocorasick.Automaton()
        for name in names:
            automaton.add_word(name, name)
        automaton.make_automaton()
        t, n = median(lambda: sum(1 for _ in automaton.iter_long(text)))
        row("Aho–Corasick (pyahocorasick, iter_long)", t, n)

    from speechlint.document import Document

    resources = Resources()
    resources.gazetteer  # loaded once, as in a session
    tokenizer = make_tokenizer("auto", resources.tokenizer_words())

    def whole() -> int:
        doc = Document(text, tokenizer_factory=lambda: tokenizer, resources=resources)
        return len(doc.places.matches)

    def home_only() -> str | None:
        doc = Document(text, tokenizer_factory=lambda: tokenizer, resources=resources)
        home = doc.places.home
        return home.name if home else None

    t, n = median(home_only, 3)
    row("`Document.places.home` (inferred, no tokenizer)", t, n)
    t, n = median(whole, 3)
    row("`Document.places.matches` (candidates + token check)", t, n)


if __name__ == "__main__":
    main()
