"""GitHub Actions workflow commands: one annotation per diagnostic.

``::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE rule-name::message``;
``error`` findings become ``::error`` and ``info`` ones ``::notice``.  Escaping
follows the Actions runner (``ActionCommand``): in the message ``%``, CR and LF;
in property values also ``:`` and ``,``.
"""

from __future__ import annotations

from speechlint.diagnostic import Diagnostic
from speechlint.formatters import FormatOptions
from speechlint.linter import Report
from speechlint.rule import Severity

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic) -> str:
    props = [
        ("file", d.path or "-"),
        ("line", str(d.start.line)),
        ("col", str(d.start.column)),
        ("endLine", str(d.end.line)),
        ("endColumn", str(d.end.column)),
        ("title", f"{d.code} {d.rule}"),
    ]
    shown = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{_COMMAND[d.severity]} {shown}::{escape_data(d.message)}"


def format_github(report: Report, options: FormatOptions) -> str:
    lines = [annotation(d) for d in report.diagnostics]
    for e in report.errors:
        head = f"::error file={escape_property(e.path)}::" if e.path else "::error::"
        lines.append(head + escape_data(e.message))
    return "".join(line + "\n" for line in lines)
