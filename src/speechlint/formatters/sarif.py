"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.

Columns count Unicode code points (``columnKind: "unicodeCodePoints"``), as
speechlint's positions do.  Every rule of the session is listed in the driver
with its name, summary and documentation, so a viewer can explain a finding
without speechlint installed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from speechlint import __version__
from speechlint.diagnostic import Diagnostic
from speechlint.document import Document
from speechlint.fix import Span
from speechlint.formatters import FormatOptions, json_text
from speechlint.linter import Report
from speechlint.rule import Rule, Severity

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_location(path: str | None) -> dict[str, Any]:
    """A relative path stays relative to %SRCROOT% (the working folder); an absolute one is a file URI."""
    if not path or path == "-":
        return {"uri": "stdin"}
    p = Path(path)
    if p.is_absolute():
        return {"uri": p.as_uri()}
    return {"uri": quote(p.as_posix()), "uriBaseId": SRCROOT}


def region(doc: Document | None, span: Span) -> dict[str, Any]:
    """Line/column (1-based, code points, end exclusive) and, for text files, the character offset."""
    out: dict[str, Any] = {}
    if doc is not None:
        sl, sc = doc.lines.position(span.start)
        el, ec = doc.lines.position(span.end)
        out = {"startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec}
        if doc.format == "docx":
            # Offsets into the extracted text mean nothing in the zipped file.
            return out
    out["charOffset"] = span.start
    out["charLength"] = len(span)
    return out


def rule_descriptor(r: Rule) -> dict[str, Any]:
    summary = r.summary or r.name
    doc = r.doc or summary
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": summary},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": _LEVEL[r.severity], "enabled": not r.preview},
        "properties": {"fix": r.fix.value, "preview": r.preview, "tags": [r.code[:3]]},
    }


def _fix(d: Diagnostic, doc: Document | None, location: dict[str, Any]) -> list[dict[str, Any]]:
    if d.fix is None or doc is None or doc.format == "docx":
        # A .docx is never rewritten, so it has no artifact changes to propose.
        return []
    return [
        {
            "description": {"text": d.fix.title},
            "artifactChanges": [
                {
                    "artifactLocation": location,
                    "replacements": [
                        {"deletedRegion": region(doc, e.span), "insertedContent": {"text": e.replacement}}
                        for e in d.fix.edits
                    ],
                }
            ],
            "properties": {"applicability": d.fix.applicability.value},
        }
    ]


def result(
    d: Diagnostic, doc: Document | None, rule_index: int, location: dict[str, Any] | None = None
) -> dict[str, Any]:
    """``location``: ``artifact_location(d.path)``, when the caller has it."""
    if location is None:
        location = artifact_location(d.path)
    reg = region(doc, d.span)
    if d.match:
        reg["snippet"] = {"text": d.match}
    out: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": _LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": reg}}],
    }
    fixes = _fix(d, doc, location)
    if fixes:
        out["fixes"] = fixes
    return out


def sarif_log(report: Report, options: FormatOptions) -> dict[str, Any]:
    rules: list[Rule] = list(options.rules)
    index = {r.code: i for i, r in enumerate(rules)}
    descriptors = [rule_descriptor(r) for r in rules]
    results = []
    # One location per path, shared by its findings: a Path and a quote for each cost more than the rest.
    locations: dict[str | None, dict[str, Any]] = {}
    for f in report.files:
        for d in f.diagnostics:
            if d.code not in index:
                # A finding of a rule the formatter was not told about (library use): describe it minimally.
                index[d.code] = len(descriptors)
                descriptors.append({"id": d.code, "name": d.rule, "shortDescription": {"text": d.rule}})
            location = locations.get(d.path)
            if location is None:
                location = locations[d.path] = artifact_location(d.path)
            results.append(result(d, f.document, index[d.code], location))
    notifications = [
        {
            "level": "error",
            "message": {"text": e.message},
            **({"locations": [{"physicalLocation": {"artifactLocation": artifact_location(e.path)}}]} if e.path else {}),
        }
        for e in report.errors
    ]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "speechlint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": descriptors,
                    }
                },
                "invocations": [
                    {"executionSuccessful": not report.errors, "toolExecutionNotifications": notifications}
                ],
                "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def format_sarif(report: Report, options: FormatOptions) -> str:
    return json_text(sarif_log(report, options)) + "\n"
