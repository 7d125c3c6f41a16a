"""Output formats.  A formatter turns a Report into text; it never decides exit codes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

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


def json_text(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)``, written several times faster.

    The standard library encodes in C only without ``indent``; with it, every value passes
    up a chain of generators, one per level of nesting (a third of a SARIF run over 200
    drafts).  This writes dicts with ``str`` keys, lists, ``str``, ``int``, ``bool`` and
    None, each of the exact type, as json does; any other value (a float, a tuple, a
    subclass) leaves the whole document to ``json.dumps``.
    """
    import json

    out: list[str] = []
    try:
        _write(data, out, "\n", json.encoder.encode_basestring)
    except _Unsupported:
        return json.dumps(data, ensure_ascii=False, indent=2)
    return "".join(out)


class _Unsupported(Exception):
    """A value json_text leaves to json.dumps."""


def _write(value: Any, out: list[str], newline: str, quote: Callable[[str], str]) -> None:
    """Append ``value`` to ``out`` as json.dumps writes it at the indentation that ``newline`` ends in."""
    kind = type(value)
    if kind is str:
        out.append(quote(value))
    elif kind is int:
        out.append(int.__repr__(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif kind is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        sep = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _Unsupported
            kind = type(item)
            # Strings and ints inline: most values of a report are one of them.
            if kind is str:
                out.append(f"{sep}{quote(key)}: {quote(item)}")
            elif kind is int:
                out.append(f"{sep}{quote(key)}: {int.__repr__(item)}")
            else:
                out.append(f"{sep}{quote(key)}: ")
                _write(item, out, inner, quote)
            sep = "," + inner
        out.append(newline + "}")
    elif kind is list:
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        sep = "[" + inner
        for item in value:
            out.append(sep)
            _write(item, out, inner, quote)
            sep = "," + inner
        out.append(newline + "]")
    else:
        raise _Unsupported
