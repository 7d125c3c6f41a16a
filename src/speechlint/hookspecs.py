"""Hook specifications for speechlint plugins.

Five hooks, in pytest's idiom.  Third-party plugins implement them with
``@speechlint.hookimpl`` in a module named by an entry point of the group
``speechlint``, or in a local file listed in config ``plugins``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from speechlint.config import Settings
    from speechlint.document import Document
    from speechlint.document.tokenize import Tokenizer
    from speechlint.fix import Span
    from speechlint.formatters import Formatter
    from speechlint.rule import Rule

PROJECT = "speechlint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)

# -- Registration hooks: called once per session ----------------------------------


@hookspec
def speechlint_rules() -> Sequence[Rule]:  # type: ignore[empty-body]
    """Return the rules this plugin contributes.

    Results of all plugins are collected.  Two rules with one ``code`` or one
    ``name`` stop the run (exit 2), naming both plugins.
    """


@hookspec(firstresult=True)
def speechlint_tokenizer(settings: Settings) -> Tokenizer | None:
    """Return the word segmenter / POS tagger for documents, or ``None``.

    Stops at the first non-None result.  The built-in jieba engines are
    ``trylast``, so any plugin can replace them.  Called once per session, the
    first time a rule asks for tokens.
    """


# -- Per-file hooks -----------------------------------------------------------------


@hookspec(firstresult=True)
def speechlint_read(path: Path, data: bytes, settings: Settings) -> Document | None:
    """Turn the bytes of ``path`` into a Document, or return ``None`` to let another plugin try.

    Stops at the first non-None result.  Raise ``speechlint.readers.ReadError``
    for a file of your format that cannot be read: it is reported for that file
    only.
    """


@hookspec
def speechlint_exempt_spans(document: Document) -> Iterable[tuple[Span, frozenset[str]]]:  # type: ignore[empty-body]
    """Return spans in which some or all rules must not report.

    Each item is a span and the codes or prefixes it exempts (an empty set
    exempts all rules).  Results of all plugins are collected.
    """


# -- Reporting hooks ----------------------------------------------------------------


@hookspec(firstresult=True)
def speechlint_formatter(name: str) -> Formatter | None:
    """Return the formatter for ``--output-format NAME``, or ``None``.

    Stops at the first non-None result.
    """
