"""Output formats.  A formatter turns a Report into text; it never decides exit codes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from speechlint.linter import Report


@dataclass(frozen=True)
class FormatOptions:
    color: bool = False
    #: Rules of the session, for formats that describe them (SARIF).
    rules: tuple = ()


class Formatter(Protocol):
    def __call__(self, report: Report, options: FormatOptions) -> str: ...


def _lazy(module: str, name: str) -> Formatter:
    def run(report: Report, options: FormatOptions) -> str:
        import importlib

        return getattr(importlib.import_module(f"speechlint.formatters.{module}"), name)(report, options)

    return run


BUILTIN: dict[str, Formatter] = {
    "full": _lazy("text", "format_full"),
    "concise": _lazy("text", "format_concise"),
    "json": _lazy("json", "format_json"),
    "sarif": _lazy("sarif", "format_sarif"),
    "github": _lazy("github", "format_github"),
}
NAMES: tuple[str, ...] = tuple(BUILTIN)

FormatterFn = Callable[["Report", FormatOptions], str]
