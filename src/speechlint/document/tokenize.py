"""The Tokenizer protocol and the two jieba engines, each built once per process on first use."""

from __future__ import annotations

import contextlib
import io
import logging
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from speechlint.fix import Span

ENGINES = ("auto", "rjieba", "jieba")


class Tokenizer(Protocol):
    """Segments and tags text; the words concatenate back to ``text``."""

    name: str

    def tag(self, text: str) -> list[tuple[str, str]]: ...


@dataclass(frozen=True)
class Token:
    word: str
    pos: str
    span: Span


class RjiebaTokenizer:
    """jieba-rs through rjieba: jieba's dictionary and algorithm, about ten times faster."""

    name = "rjieba"

    def __init__(self, words: Iterable[tuple[str, str]] = (), dictionaries: Sequence[str] = ()) -> None:
        import rjieba

        self._jieba = rjieba.Jieba()
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
        # jieba logs to stderr and its import warns about pkg_resources; neither is the writer's business.
        with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
            warnings.simplefilter("ignore")
            import jieba
            import jieba.posseg

            jieba.setLogLevel(logging.ERROR)
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            self._tagger = jieba.posseg.POSTokenizer(tokenizer)
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


def tokens_of(tokenizer: Tokenizer, text: str, base: int) -> tuple[Token, ...]:
    """Tag ``text`` and give each token its span, starting at ``base``."""
    out = []
    pos = base
    for word, pos_tag in tokenizer.tag(text):
        out.append(Token(word, pos_tag, Span(pos, pos + len(word))))
        pos += len(word)
    return tuple(out)
