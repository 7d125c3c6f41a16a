"""Baselines: record today's findings so that only new ones are reported.

A baseline is a JSON file of fingerprints with counts.  A fingerprint is the
file's path (relative to the baseline's folder), the rule's code, the matched
text and a few characters either side of it within the same line — never a line
number, so inserting or moving paragraphs does not bring recorded findings back.
When a file has more findings with one fingerprint than were recorded, the
extra ones (the last in the file) are shown.

    {"version": 1,
     "findings": [{"path": "drafts/a.txt", "code": "DRF001", "match": "XX",
                   "before": "会议由", "after": "同志主持，各", "count": 1}, …]}
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from speechlint.diagnostic import Diagnostic
from speechlint.document import Document

if TYPE_CHECKING:
    from speechlint.linter import FileResult

BASELINE_VERSION = 1
#: Characters of neighbourhood kept on each side of the match.
CONTEXT = 6


class BaselineError(Exception):
    """A baseline file that cannot be read or written (one line)."""


@dataclass(frozen=True, order=True)
class Fingerprint:
    path: str
    code: str
    match: str
    before: str
    after: str


def relative_path(path: str | None, folder: Path) -> str:
    """``path`` relative to ``folder``, with forward slashes, so a baseline works from any checkout."""
    if not path or path == "-":
        return "-"
    return Path(os.path.relpath(Path(path).resolve(), folder.resolve())).as_posix()


def fingerprint(d: Diagnostic, doc: Document | None, folder: Path) -> Fingerprint:
    before = after = ""
    if doc is not None:
        # The neighbourhood stops at the line's ends: a paragraph added above or
        # below must not change the fingerprints of findings in this one.
        first = doc.lines.lines[d.start.line - 1].span
        last = doc.lines.lines[d.end.line - 1].span
        before = doc.text[max(first.start, d.span.start - CONTEXT) : d.span.start]
        after = doc.text[d.span.end : min(last.end, d.span.end + CONTEXT)]
    return Fingerprint(relative_path(d.path, folder), d.code, d.match, before, after)


class Baseline:
    """Recorded fingerprints and how many findings each stands for."""

    def __init__(self, path: Path, counts: Counter[Fingerprint] | None = None) -> None:
        self.path = path
        self.counts: Counter[Fingerprint] = counts if counts is not None else Counter()

    @property
    def folder(self) -> Path:
        return self.path.parent

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as e:
            raise BaselineError(f"{path}: cannot read baseline: {e.strerror or e}") from None
        except ValueError as e:
            raise BaselineError(f"{path}: not a baseline (invalid JSON: {e})") from None
        if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
            raise BaselineError(f"{path}: not a speechlint baseline of version {BASELINE_VERSION}")
        counts: Counter[Fingerprint] = Counter()
        try:
            for item in data["findings"]:
                key = Fingerprint(*(str(item[k]) for k in ("path", "code", "match", "before", "after")))
                counts[key] += int(item.get("count", 1))
        except (KeyError, TypeError, ValueError) as e:
            raise BaselineError(f"{path}: malformed baseline entry ({type(e).__name__}: {e})") from None
        return cls(path, counts)

    def save(self) -> None:
        findings = [
            {"path": k.path, "code": k.code, "match": k.match, "before": k.before, "after": k.after, "count": n}
            for k, n in sorted(self.counts.items())
            if n > 0
        ]
        text = json.dumps({"version": BASELINE_VERSION, "findings": findings}, ensure_ascii=False, indent=2) + "\n"
        tmp = self.path.with_name(self.path.name + ".tmp")
        try:
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as e:
            tmp.unlink(missing_ok=True)
            raise BaselineError(f"{self.path}: cannot write baseline: {e.strerror or e}") from None

    def record(self, files: list[FileResult]) -> int:
        """Replace the entries of the checked files with their current findings; other files' entries stay."""
        checked = {relative_path(f.path, self.folder) for f in files}
        for key in [k for k in self.counts if k.path in checked]:
            del self.counts[key]
        total = 0
        for f in files:
            for d in f.diagnostics:
                self.counts[fingerprint(d, f.document, self.folder)] += 1
                total += 1
        return total

    def filter(self, files: list[FileResult]) -> int:
        """Drop recorded findings from each FileResult in place; return how many were hidden."""
        hidden = 0
        for f in files:
            keys = [fingerprint(d, f.document, self.folder) for d in f.diagnostics]
            seen: dict[Fingerprint, int] = defaultdict(int)
            kept = []
            for d, key in zip(f.diagnostics, keys):
                seen[key] += 1
                # Of n findings with one fingerprint and c recorded, the first c count as old.
                if seen[key] <= self.counts.get(key, 0):
                    hidden += 1
                else:
                    kept.append(d)
            f.diagnostics[:] = kept
        return hidden


def open_baseline(path: Path, update: bool) -> Baseline:
    """The baseline at ``path``; with ``update`` a missing file starts empty."""
    if update and not path.exists():
        return Baseline(path)
    return Baseline.load(path)


def apply_baseline(baseline: Baseline, files: list[FileResult], update: bool) -> str | None:
    """Record (with ``update``) and hide the findings of ``files``; return a note for the user, if any."""
    if update:
        total = baseline.record(files)
        baseline.save()
        baseline.filter(files)
        return f"baseline {baseline.path}: recorded {total} finding(s)"
    hidden = baseline.filter(files)
    return f"{hidden} finding(s) hidden by baseline {baseline.path}" if hidden else None
