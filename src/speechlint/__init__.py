"""speechlint: a linter for Chinese speech drafts (讲话稿) and official documents (公文).

The public API is small: ``rule`` and ``hookimpl`` for plugin authors, the values
rules yield (``Violation``, ``Span``, ``Edit``, ``Fix``), the ``Document`` they
read, and ``lint_text`` / ``lint_paths`` for library use.  Names are imported on
first use so that ``speechlint --version`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "hookimpl": "speechlint.hookspecs",
    "Rule": "speechlint.rule",
    "Severity": "speechlint.rule",
    "FixAvailability": "speechlint.rule",
    "Violation": "speechlint.rule",
    "Span": "speechlint.fix",
    "Edit": "speechlint.fix",
    "Fix": "speechlint.fix",
    "Applicability": "speechlint.fix",
    "Diagnostic": "speechlint.diagnostic",
    "Position": "speechlint.diagnostic",
    "Document": "speechlint.document",
    "lint_text": "speechlint.linter",
    "lint_paths": "speechlint.linter",
}
__all__ = ["__version__", "rule", *_EXPORTS]

# Imported eagerly: the submodule speechlint.rule would otherwise shadow the
# decorator of the same name as an attribute of this package.
from speechlint.rule import rule  # noqa: E402

if TYPE_CHECKING:
    from speechlint.diagnostic import Diagnostic, Position
    from speechlint.document import Document
    from speechlint.fix import Applicability, Edit, Fix, Span
    from speechlint.hookspecs import hookimpl
    from speechlint.linter import lint_paths, lint_text
    from speechlint.rule import FixAvailability, Rule, Severity, Violation


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'speechlint' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
