"""The human formats: ``concise`` (one line per diagnostic) and ``full`` (with source and carets)."""

from __future__ import annotations

import unicodedata
from collections import Counter

from speechlint.diagnostic import Diagnostic
from speechlint.fix import Applicability
from speechlint.formatters import FormatOptions
from speechlint.linter import FileResult, Report

_COLORS = {"error": "31", "warning": "33", "info": "36"}
_CONTEXT = 24  # characters of context shown either side of a span in a long line


def concise_line(d: Diagnostic) -> str:
    return f"{d.path or '-'}:{d.start.line}:{d.start.column}: {d.code} [{d.rule}] {d.message}"


def format_concise(report: Report, options: FormatOptions) -> str:
    return "".join(concise_line(d) + "\n" for d in report.diagnostics)


def width(s: str) -> int:
    """Display width: wide and full-width characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _paint(s: str, code: str, on: bool) -> str:
    return f"\x1b[{code}m{s}\x1b[0m" if on else s


def _excerpt(result: FileResult, d: Diagnostic) -> tuple[str, int, int]:
    """The source line cut around the span: (text, caret offset, caret width)."""
    doc = result.document
    assert doc is not None
    line = doc.lines.lines[d.start.line - 1]
    text = line.text.replace("\t", " ")
    start = d.span.start - line.span.start
    end = min(d.span.end, line.span.end) - line.span.start
    left = max(0, start - _CONTEXT)
    right = min(len(text), max(end, start + 1) + _CONTEXT)
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(text) else ""
    shown = prefix + text[left:right] + suffix
    return shown, width(prefix + text[left:start]), max(1, width(text[start:end]))


def format_full(report: Report, options: FormatOptions) -> str:
    color = options.color
    out: list[str] = []
    for result in report.files:
        for d in result.diagnostics:
            sev = d.severity.value
            head = f"{d.path or '-'}:{d.start.line}:{d.start.column}: "
            out.append(
                head
                + _paint(d.code, "1;" + _COLORS[sev], color)
                + f" [{d.rule}] {d.message}"
            )
            if result.document is not None:
                shown, pad, w = _excerpt(result, d)
                gutter = str(d.start.line)
                out.append(f"{' ' * len(gutter)} |")
                out.append(f"{gutter} | {shown}")
                out.append(f"{' ' * len(gutter)} | {' ' * pad}{_paint('^' * w, _COLORS[sev], color)}")
            if d.fix is not None:
                how = {
                    Applicability.SAFE: "可用 --fix 修复",
                    Applicability.UNSAFE: "可用 --fix --unsafe-fixes 修复",
                    Applicability.DISPLAY_ONLY: "建议",
                }[d.fix.applicability]
                out.append(f"  = {how}：{d.fix.title}")
            out.append("")
    out.append(summary(report))
    return "\n".join(out) + "\n"


def summary(report: Report) -> str:
    diags = report.diagnostics
    if not diags:
        return f"未发现问题（检查了 {len(report.files)} 个文件）。"
    by_sev = Counter(d.severity.value for d in diags)
    names = {"error": "错误", "warning": "警告", "info": "提示"}
    parts = "，".join(f"{names[s]} {by_sev[s]}" for s in ("error", "warning", "info") if by_sev[s])
    fixable = sum(1 for d in diags if d.fix and d.fix.applicability is Applicability.SAFE)
    line = f"共发现 {len(diags)} 处问题（{parts}），检查了 {len(report.files)} 个文件。"
    if fixable:
        line += f"其中 {fixable} 处可用 --fix 自动修复。"
    return line


def format_statistics(report: Report) -> str:
    counts = Counter((d.code, d.rule) for d in report.diagnostics)
    fixable = {d.code for d in report.diagnostics if d.fix and d.fix.applicability is Applicability.SAFE}
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return "".join(
        f"{n:>6}  {code}  {'[*]' if code in fixable else '   '} {name}\n" for (code, name), n in rows
    )
