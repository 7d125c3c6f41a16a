"""The Tokenizer protocol and the two jieba engines, each built once per process on first use."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Protocol

from speechlint.fix import Span, trusted_span

ENGINES = ("auto", "rjieba", "jieba")


class Tokenizer(Protocol):
    """Segments and tags text; the words concatenate back to ``text``."""

    name: str

    def tag(self, text: str) -> list[tuple[str, str]]: ...


@dataclass(frozen=True, slots=True)  # slots: a long run holds hundreds of thousands
class Token:
    word: str
    pos: str
    span: Span


class RjiebaTokenizer:
    """jieba-rs through rjieba: jieba's dictionary and algorithm, about ten times faster."""

    name = "rjieba"

    def __init__(self, words: Iterable[tuple[str, str]] = (), dictionaries: Sequence[str] = ()) -> None:
        self._jieba = _rjieba_class()()
        for word, tag in words:
            self._jieba.add_word(word, None, tag)
        for path in dictionaries:
            for word, freq, tag in _read_user_dictionary(path):
                self._jieba.add_word(word, freq, tag)

    def tag(self, text: str) -> list[tuple[str, str]]:
        return self._jieba.tag(text, False)


class JiebaTokenizer:
    """The reference engine: a private ``jieba.Tokenizer`` (never the global one), HMM off."""

    name = "jieba"

    def __init__(self, words: Iterable[tuple[str, str]] = (), dictionaries: Sequence[str] = ()) -> None:
        # Imported here: every run imports this module, few load jieba.
        import contextlib
        import io
        import logging
        import warnings

        # jieba logs to stderr and its import warns about pkg_resources; neither is the writer's business.
        with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
            warnings.simplefilter("ignore")
            _import_jieba()
            import jieba
            import jieba.posseg

            jieba.setLogLevel(logging.ERROR)
            tokenizer = jieba.Tokenizer()
            _initialize(tokenizer)
            self._tagger = _pos_tagger(tokenizer)
        for word, tag in words:
            self._tagger.tokenizer.add_word(word, tag=tag)
            self._tagger.word_tag_tab[word] = tag
        for path in dictionaries:
            for word, freq, tag in _read_user_dictionary(path):
                self._tagger.tokenizer.add_word(word, freq, tag)
                if tag:
                    self._tagger.word_tag_tab[word] = tag

    def tag(self, text: str) -> list[tuple[str, str]]:
        return [(p.word, p.flag) for p in self._tagger.cut(text, HMM=False)]


def _rjieba_class() -> type:
    """rjieba's ``Jieba`` class, loaded without running ``rjieba/__init__.py``.

    That file builds a module-level default ``Jieba`` (a whole dictionary, about
    0.1 s and tens of MB) that speechlint never uses: every tokenizer builds its
    own, because words are added to it.  The compiled module is loaded under its
    own name, ``rjieba.rjieba``, so a later ``import rjieba`` reuses it.
    """
    import importlib.machinery
    import importlib.util

    loaded = sys.modules.get("rjieba.rjieba") or sys.modules.get("rjieba")
    if loaded is not None:
        return loaded.Jieba  # type: ignore[no-any-return]
    spec = importlib.util.find_spec("rjieba")
    if spec is None:
        raise ImportError("rjieba is not installed")
    for folder in spec.submodule_search_locations or ():
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = os.path.join(folder, "rjieba" + suffix)
            if os.path.isfile(path):
                loader = importlib.machinery.ExtensionFileLoader("rjieba.rjieba", path)
                module = importlib.util.module_from_spec(importlib.util.spec_from_loader("rjieba.rjieba", loader))
                loader.exec_module(module)
                sys.modules["rjieba.rjieba"] = module
                return module.Jieba  # type: ignore[no-any-return]
    import rjieba  # an unusual layout: the ordinary import

    return rjieba.Jieba  # type: ignore[no-any-return]


def _import_jieba() -> None:
    """``import jieba`` without ``pkg_resources``, which costs most of that import.

    jieba 0.42 tries ``import pkg_resources`` only to open its own data files and
    falls back to a plain ``open`` when the import fails; a ``None`` entry in
    ``sys.modules`` makes it fail, for the duration of this import only.
    """
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        return
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba  # noqa: F401
    finally:
        if sys.modules.get("pkg_resources", False) is None:
            del sys.modules["pkg_resources"]


def _initialize(tokenizer: object) -> None:
    """``tokenizer.initialize()``, reading jieba's dictionary cache as bytes first.

    jieba reads the cache with ``marshal.load(file)``, which reads the file in
    small pieces; ``marshal.loads`` of the whole file halves a warm start.  Only
    the default dictionary's cache is read here (the case jieba trusts without
    comparing times); anything else, or a missing or broken cache, goes to
    jieba's own ``initialize``, which also writes the cache.
    """
    import marshal
    import tempfile

    import jieba

    t: jieba.Tokenizer = tokenizer  # type: ignore[assignment]
    if t.dictionary == jieba.DEFAULT_DICT and t.cache_file is None:
        try:
            with open(os.path.join(t.tmp_dir or tempfile.gettempdir(), "jieba.cache"), "rb") as f:
                freq, total = marshal.loads(f.read())
            if isinstance(freq, dict) and isinstance(total, int) and freq:
                t.FREQ, t.total, t.initialized = freq, total, True
                return
        except (OSError, ValueError, EOFError, TypeError):
            pass
    t.initialize()


def _pos_tagger(tokenizer: object) -> object:
    """``jieba.posseg.POSTokenizer(tokenizer)`` without reading dict.txt a second time.

    Importing ``jieba.posseg`` has just read the default dictionary's tags into
    its module-level tagger; a copy of that table is what ``POSTokenizer``
    would read again (copied, so that words added here never reach jieba's
    global tagger).  If jieba's global state was changed (user words), the
    tagger reads the dictionary itself.
    """
    import jieba
    import jieba.posseg

    shared = jieba.posseg.dt
    pristine = (
        shared.tokenizer is jieba.dt
        and jieba.dt.dictionary == jieba.DEFAULT_DICT
        and not jieba.dt.user_word_tag_tab
        and not jieba.dt.initialized  # nobody has used (or added words to) the global tokenizer
    )
    if not pristine:
        return jieba.posseg.POSTokenizer(tokenizer)
    tagger = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
    tagger.tokenizer = tokenizer
    tagger.word_tag_tab = dict(shared.word_tag_tab)
    return tagger


def _read_user_dictionary(path: str) -> Iterable[tuple[str, int | None, str | None]]:
    """jieba's user-dictionary format: ``word [freq] [tag]`` per line."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts:
                continue
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            tag = parts[-1] if len(parts) > 1 and not parts[-1].isdigit() else None
            yield parts[0], freq, tag


def make_tokenizer(
    engine: str = "auto", words: Iterable[tuple[str, str]] = (), dictionaries: Sequence[str] = ()
) -> Tokenizer:
    """Build the engine named by config ``tokenizer``; ``auto`` takes rjieba when it imports."""
    if engine == "auto":
        try:
            return RjiebaTokenizer(words, dictionaries)
        except ImportError:
            return JiebaTokenizer(words, dictionaries)
    if engine == "rjieba":
        return RjiebaTokenizer(words, dictionaries)
    if engine == "jieba":
        return JiebaTokenizer(words, dictionaries)
    raise ValueError(f"unknown tokenizer {engine!r}; expected one of {', '.join(ENGINES)}")


# A run over many drafts makes hundreds of thousands of tokens.  Token objects are built
# without the dataclass __init__ (see ``trusted_span``); the spans are valid by construction
# (0 <= start <= end, in order).
_new = object.__new__
_set_word, _set_pos, _set_span = Token.word.__set__, Token.pos.__set__, Token.span.__set__  # type: ignore[attr-defined,misc]


def _token(word: str, pos_tag: str, start: int, end: int) -> Token:
    token = _new(Token)
    _set_word(token, word)
    _set_pos(token, pos_tag)
    _set_span(token, trusted_span(start, end))
    return token


class Tagged:
    """One text's tokens as parallel tuples: ``words``, ``tags`` and ``starts``.

    ``starts`` has one more entry than ``words``: token ``i`` spans
    ``starts[i]:starts[i + 1]``.  Rules that walk a paragraph token by token read
    these tuples; a Token object (about 1 µs each) is built only when asked for.
    """

    __slots__ = ("words", "tags", "starts")

    def __init__(self, words: tuple[str, ...], tags: tuple[str, ...], starts: tuple[int, ...]) -> None:
        self.words = words
        self.tags = tags
        self.starts = starts

    def __len__(self) -> int:
        return len(self.words)

    def token(self, i: int) -> Token:
        return _token(self.words[i], self.tags[i], self.starts[i], self.starts[i + 1])

    def tokens(self) -> tuple[Token, ...]:
        starts = self.starts
        return tuple(map(_token, self.words, self.tags, starts, starts[1:]))


def tagged_of(tokenizer: Tokenizer, text: str, base: int) -> Tagged:
    """Tag ``text``, whose first character is at offset ``base``."""
    pairs = tokenizer.tag(text)
    if not pairs:
        return Tagged((), (), (base,))
    words, tags = zip(*pairs)
    return Tagged(words, tags, tuple(accumulate(map(len, words), initial=base)))


def tokens_of(tokenizer: Tokenizer, text: str, base: int) -> tuple[Token, ...]:
    """Tag ``text`` and give each token its span, starting at ``base``."""
    return tagged_of(tokenizer, text, base).tokens()
