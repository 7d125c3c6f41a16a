"""Shared data (genre table, formulations, gazetteer), loaded once per session on first use.

Document views read these; rules never read data files themselves.
"""

from __future__ import annotations

import tomllib
from functools import cached_property
from importlib import resources as _pkg
from typing import Any


def data_bytes(name: str) -> bytes:
    """The bytes of a data file shipped in ``speechlint/data/``."""
    return (_pkg.files("speechlint") / "data" / name).read_bytes()


def load_toml(name: str) -> dict[str, Any]:
    return tomllib.loads(data_bytes(name).decode("utf-8"))


class Resources:
    """Lazily loaded, read-only data shared by all documents of one session."""

    def __init__(self, genres_extra: dict[str, Any] | None = None) -> None:
        self._genres_extra = genres_extra or {}

    def tokenizer_words(self) -> list[tuple[str, str]]:
        """Words added to the tokenizer's dictionary (the gazetteer's names, as ``ns``)."""
        return []

    @cached_property
    def _cache(self) -> dict[str, Any]:
        return {}
