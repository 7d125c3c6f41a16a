"""The versioned JSON output (version 1; documented in docs/json-schema.md)."""

from __future__ import annotations

from typing import Any

from speechlint import __version__
from speechlint.diagnostic import Diagnostic
from speechlint.document import Document
from speechlint.formatters import FormatOptions, json_text
from speechlint.linter import Report

JSON_VERSION = 1


def diagnostic_dict(d: Diagnostic) -> dict[str, Any]:
    fix = None
    if d.fix is not None:
        fix = {
            "applicability": d.fix.applicability.value,
            "title": d.fix.title,
            "edits": [
                {"start": e.span.start, "end": e.span.end, "replacement": e.replacement} for e in d.fix.edits
            ],
        }
    return {
        "code": d.code,
        "rule": d.rule,
        "severity": d.severity.value,
        "message": d.message,
        "match": d.match,
        "start": {"line": d.start.line, "column": d.start.column, "offset": d.span.start},
        "end": {"line": d.end.line, "column": d.end.column, "offset": d.span.end},
        "fix": fix,
    }


def document_context(doc: Document | None) -> dict[str, Any]:
    """genre, genre_family and home of a document (null while unknown)."""
    meta = doc.meta if doc is not None else None
    return {
        "genre": meta.genre if meta else None,
        "genre_family": meta.family if meta else None,
        # The home unit (--home, config, front matter, else inferred without the tokenizer).
        "home": doc.places.home.as_json() if doc is not None and doc.places.home is not None else None,
    }


def format_json(report: Report, options: FormatOptions) -> str:
    files = []
    for f in report.files:
        doc = f.document
        files.append(
            {
                "path": f.path,
                "encoding": doc.encoding if doc else None,
                **document_context(doc),
                "diagnostics": [diagnostic_dict(d) for d in f.diagnostics],
            }
        )
    data = {
        "version": JSON_VERSION,
        "tool": {"name": "speechlint", "version": __version__},
        "files": files,
        "errors": [{"path": e.path, "message": e.message} for e in report.errors],
    }
    return json_text(data) + "\n"
