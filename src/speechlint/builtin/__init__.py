"""The built-in plugin, registered by the Session exactly like a third-party plugin."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from speechlint.hookspecs import hookimpl

if TYPE_CHECKING:
    from speechlint.config import Settings
    from speechlint.document import Document
    from speechlint.document.tokenize import Tokenizer
    from speechlint.formatters import Formatter
    from speechlint.linter import Session
    from speechlint.rule import Rule

FAMILIES = ("structure", "enumeration", "formula", "places", "particles", "punctuation", "drafting", "terms", "engine")


def builtin_rules() -> list[Rule]:
    """Every built-in rule, family by family (imported on first call, not at import)."""
    import importlib

    out: list[Rule] = []
    for family in FAMILIES:
        out.extend(importlib.import_module(f"speechlint.builtin.{family}").RULES)
    return out


class BuiltinPlugin:
    """Readers, tokenizer, formatters and rules that ship with speechlint."""

    def __init__(self, session: Session) -> None:
        self._session = session

    @hookimpl
    def speechlint_rules(self) -> Sequence[Rule]:
        return builtin_rules()

    @hookimpl(trylast=True)
    def speechlint_read(self, path: Path, data: bytes, settings: Settings) -> Document | None:
        suffix = path.suffix.lower()
        from speechlint.readers import text

        if suffix in text.SUFFIXES or suffix == "":
            return text.read_text(path, data)
        from speechlint.readers import markdown  # imported for Markdown only: its patterns cost

        if suffix in markdown.SUFFIXES:
            return markdown.read_markdown(path, data)
        if suffix == ".docx":
            from speechlint.readers.docx import read_docx

            return read_docx(path, data)
        return None

    @hookimpl(trylast=True)
    def speechlint_tokenizer(self, settings: Settings) -> Tokenizer:
        from speechlint.document.tokenize import make_tokenizer

        return make_tokenizer(settings.tokenizer, self._session.resources.tokenizer_words(), settings.dictionaries)

    @hookimpl(trylast=True)
    def speechlint_formatter(self, name: str) -> Formatter | None:
        from speechlint.formatters import BUILTIN

        return BUILTIN.get(name)
