"""speechlint: a linter for Chinese speech drafts (讲话稿) and official documents (公文).

The public API is small: ``rule`` and ``hookimpl`` for plugin authors, the values
rules yield (``Violation``, ``Span``, ``Edit``, ``Fix``), the ``Document`` they
read, and ``lint_text`` / ``lint_paths`` for library use.  Names are imported on
first use so that ``speechlint --version`` stays fast.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "rule": "speechlint.rule",  # the decorator, named like the submodule that holds it (see _Package)
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
__all__ = ["__version__", *_EXPORTS]

if TYPE_CHECKING:
    from speechlint.diagnostic import Diagnostic, Position
    from speechlint.document import Document
    from speechlint.fix import Applicability, Edit, Fix, Span
    from speechlint.hookspecs import hookimpl
    from speechlint.linter import lint_paths, lint_text
    from speechlint.rule import FixAvailability, Rule, Severity, Violation, rule


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'speechlint' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


class _Package(types.ModuleType):
    """This package's module type: ``speechlint.rule`` stays the decorator.

    Loading a submodule sets it as an attribute of its package, so the first
    ``import speechlint.rule`` (the module) would replace the decorator of the same
    name; the decorator was therefore imported eagerly, and with it dataclasses and
    the rule model, a third of ``speechlint --version``.  The submodule is still in
    ``sys.modules``, where every ``from speechlint.rule import …`` finds it.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "rule" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
