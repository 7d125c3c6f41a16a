"""Shared data (genre table, formulations, gazetteer), loaded once per session on first use.

Document views read these; rules never read data files themselves.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from speechlint.document.genres import GenreTable
    from speechlint.formulations import Formulations
    from speechlint.gazetteer import Gazetteer


def data_bytes(name: str) -> bytes:
    """The bytes of a data file shipped in ``speechlint/data/``."""
    # pkgutil asks the package's loader (a folder or a zip alike); importlib.resources does the
    # same but costs every run that reads a data file about 3 ms to import (it imports tempfile).
    import pkgutil

    data = pkgutil.get_data("speechlint", f"data/{name}")
    if data is None:
        raise FileNotFoundError(f"speechlint/data/{name}")
    return data


def load_toml(name: str) -> dict[str, Any]:
    return tomllib.loads(data_bytes(name).decode("utf-8"))


class Resources:
    """Lazily loaded, read-only data shared by all documents of one session."""

    def __init__(self, genres_extra: dict[str, Any] | None = None) -> None:
        self._genres_extra = genres_extra or {}

    def tokenizer_words(self) -> list[tuple[str, str]]:
        """Words added to the tokenizer's dictionary (the gazetteer's names, as ``ns``)."""
        return self.gazetteer.tokenizer_words()

    @cached_property
    def gazetteer(self) -> Gazetteer:
        """data/gazetteer.csv and data/place_ordinary_words.txt (see data/NOTICE.md)."""
        from speechlint.gazetteer import Gazetteer

        return Gazetteer.from_csv(
            data_bytes("gazetteer.csv").decode("utf-8"), data_bytes("place_ordinary_words.txt").decode("utf-8")
        )

    def validate_home(self, home: str | None, where: str) -> None:
        """Check the ``home`` setting (--home, config ``home``); raise ConfigError naming ``where``."""
        if home is None:
            return
        from speechlint.config import ConfigError

        unit, problem = self.gazetteer.resolve(home)
        if unit is None:
            raise ConfigError(f"{where}: unknown home: {problem}")

    @cached_property
    def _cache(self) -> dict[str, Any]:
        return {}

    # -- formulations -----------------------------------------------------------

    @cached_property
    def formulations(self) -> Formulations:
        """data/formulations.toml: standard formulations and numbered formulations (docs/formulations.md)."""
        from speechlint.formulations import parse_formulations

        return parse_formulations(load_toml("formulations.toml"))

    # -- genre table ------------------------------------------------------------

    @cached_property
    def _genre_data(self) -> dict[str, Any]:
        return load_toml("genres.toml")

    @cached_property
    def genres(self) -> GenreTable:
        """data/genres.toml merged with the config's ``[genres.<name>]`` tables."""
        from speechlint.document.genres import build_genre_table

        return build_genre_table(self._genre_data, self._genres_extra)

    def validate_genres(self, tables: Mapping[str, Any], where: str, genre: str | None = None) -> None:
        """Check ``[genres.<name>]`` tables and the ``genre`` setting; raise ConfigError naming ``where``."""
        from speechlint.config import ConfigError

        if tables:  # the genres module is imported only when there is something to check
            from speechlint.document.genres import GenreTableError, check_genre_tables

            try:
                check_genre_tables(tables, self._genre_data.get("genres", {}))
            except GenreTableError as e:
                raise ConfigError(f"{where}: {e}") from None
        if genre is not None and self.genres.get(genre) is None and genre not in tables:
            known = "、".join(self.genres.specs)
            raise ConfigError(
                f"{where}: unknown genre '{genre}' in --genre or 'genre' (known: {known}; add one with [genres.\"{genre}\"])"
            )
