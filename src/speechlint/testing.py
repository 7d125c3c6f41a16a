"""Run rule case files (``rules/<CODE>-<name>.md``): public, for plugin authors too.

A case file is Markdown.  Under a ``## 错例`` (flag) heading each case is a
fenced ``text`` (or ``markdown``) block with the draft, then an ``expect`` block
of ``line:column CODE`` lines, then optionally a ``fixed`` block (the text after
``--fix``) or ``fixed-unsafe`` (after ``--fix --unsafe-fixes``).  Under
``## 正例`` (pass) each ``text`` block must give no finding of the rule.  A
``toml`` block before a case sets options for that case only (the keys of a
config file, e.g. ``genre = "通知"`` or ``[rules.placeholder-left]``).
See rules/README.md.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from speechlint.config import Settings, settings_from_table
from speechlint.diagnostic import Diagnostic
from speechlint.fix import Applicability, apply_fixes
from speechlint.lazyre import lazy_re

_FENCE = lazy_re(r"^(`{3,})([\w-]*)[^\n]*\n(.*?)^\1[ \t]*$", re.M | re.S)
_SECTION = lazy_re(r"^##\s+(.+?)\s*$", re.M)
_FLAG_HEADINGS = ("错例", "flag", "flagged", "must flag")
_PASS_HEADINGS = ("正例", "pass", "clean", "must not flag")
_FORMATS = {"text": ".txt", "txt": ".txt", "markdown": ".md", "md": ".md"}
MAX_FIX_PASSES = 10


@dataclass
class Case:
    kind: str  # "flag" or "pass"
    text: str
    line: int  # line of the case in the case file, for messages
    suffix: str = ".txt"
    expect: list[tuple[int, int, str]] = field(default_factory=list)
    fixed: str | None = None
    unsafe: bool = False
    config: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CaseFile:
    path: Path
    code: str
    name: str
    cases: tuple[Case, ...]


class CaseFileError(Exception):
    pass


def parse_case_file(path: str | Path) -> CaseFile:
    path = Path(path)
    m = re.match(r"^([A-Z]{3}\d{3})-([a-z0-9-]+)\.md$", path.name)
    if not m:
        raise CaseFileError(f"{path}: a case file is named <CODE>-<name>.md")
    source = path.read_text(encoding="utf-8")
    fences = [(b.start(), b.end()) for b in _FENCE.finditer(source)]
    # A "## …" line inside a case (a Markdown heading) is no section of the case file.
    sections = [
        (s.start(), s.group(1))
        for s in _SECTION.finditer(source)
        if not any(a <= s.start() < b for a, b in fences)
    ]
    cases: list[Case] = []
    pending_config: dict[str, Any] = {}
    for block in _FENCE.finditer(source):
        lang, body = block.group(2).lower(), block.group(3)
        heading = next((h for start, h in reversed(sections) if start < block.start()), "")
        kind = _kind(heading)
        line = source.count("\n", 0, block.start()) + 1
        body = body[:-1] if body.endswith("\n") else body
        if lang == "toml":
            try:
                pending_config = tomllib.loads(body)
            except tomllib.TOMLDecodeError as e:
                raise CaseFileError(f"{path}:{line}: bad toml block: {e}") from None
        elif lang in _FORMATS:
            if kind is None:
                continue  # an illustration outside the flag and pass sections
            cases.append(Case(kind, body, line, _FORMATS[lang], config=pending_config))
            pending_config = {}
        elif lang == "expect":
            if not cases or cases[-1].kind != "flag":
                raise CaseFileError(f"{path}:{line}: expect block without a flagged case before it")
            for item in body.split("\n"):
                item = item.strip()
                if not item:
                    continue
                em = re.match(r"^(\d+):(\d+)\s+([A-Z]{3}\d{3})$", item)
                if not em:
                    raise CaseFileError(f"{path}:{line}: expect lines are 'line:column CODE', not {item!r}")
                cases[-1].expect.append((int(em.group(1)), int(em.group(2)), em.group(3)))
        elif lang in ("fixed", "fixed-unsafe"):
            if not cases:
                raise CaseFileError(f"{path}:{line}: fixed block without a case before it")
            cases[-1].fixed = body
            cases[-1].unsafe = lang == "fixed-unsafe"
    for c in cases:
        if c.kind == "flag" and not c.expect:
            raise CaseFileError(f"{path}:{c.line}: flagged case without an expect block")
    return CaseFile(path, m.group(1), m.group(2), tuple(cases))


def _kind(heading: str) -> str | None:
    h = heading.lower()
    if any(k in h for k in _FLAG_HEADINGS):
        return "flag"
    if any(k in h for k in _PASS_HEADINGS):
        return "pass"
    return None


@dataclass(frozen=True)
class CaseFailure:
    case: Case
    message: str

    def __str__(self) -> str:
        return f"line {self.case.line}: {self.message}\n--- text ---\n{self.case.text}"


def _settings(code: str, config: dict[str, Any]) -> Settings:
    table = dict(config)
    table.setdefault("select", [code])
    return settings_from_table(table, None, Path.cwd())


def run_case_file(path: str | Path, plugins: Sequence[object] = ()) -> list[CaseFailure]:
    """Run every case of a case file; return the failures (empty: all passed).

    ``plugins`` are extra plugin objects or modules to register (for third-party rules).
    """
    from speechlint.linter import Session

    cf = parse_case_file(path)
    session = Session(plugins=plugins)
    rule = session.rule(cf.code)
    if rule is None:
        return [CaseFailure(Case("flag", "", 0), f"no rule {cf.code} is registered")]
    if rule.name != cf.name:
        return [CaseFailure(Case("flag", "", 0), f"rule {cf.code} is named {rule.name}, not {cf.name}")]
    failures = []
    for case in cf.cases:
        failures.extend(_run_case(session, cf.code, case))
    return failures


def lint_case(session: Any, code: str, text: str, suffix: str = ".txt", config: dict[str, Any] | None = None) -> list[Diagnostic]:
    settings = _settings(code, config or {})
    session.validate(settings)
    doc = session.read(Path("case" + suffix), text.encode("utf-8"), settings)
    diagnostics, errors = session.lint_document(doc, settings)
    if errors:
        raise AssertionError("; ".join(e.message for e in errors))
    return [d for d in diagnostics if d.code == code]


def fix_text(session: Any, code: str, case: Case) -> str:
    """Apply the rule's fixes until nothing changes (bounded)."""
    allowed = {Applicability.SAFE} | ({Applicability.UNSAFE} if case.unsafe else set())
    text = case.text
    for _ in range(MAX_FIX_PASSES):
        fixes = [d.fix for d in lint_case(session, code, text, case.suffix, case.config) if d.fix and d.fix.applicability in allowed]
        new, applied = apply_fixes(text, fixes)
        if not applied or new == text:
            return text
        text = new
    raise AssertionError(f"fixes did not settle after {MAX_FIX_PASSES} passes")


def _run_case(session: Any, code: str, case: Case) -> list[CaseFailure]:
    found = lint_case(session, code, case.text, case.suffix, case.config)
    got = sorted((d.start.line, d.start.column, d.code) for d in found)
    if case.kind == "pass":
        if got:
            return [CaseFailure(case, f"expected no {code} finding, got {_fmt(got)}")]
        return []
    out = []
    for d in found:
        if case.text[d.span.start : d.span.end] != d.match:
            out.append(CaseFailure(case, f"match {d.match!r} is not the text at its span"))
    if got != sorted(case.expect):
        out.append(CaseFailure(case, f"expected {_fmt(sorted(case.expect))}, got {_fmt(got)}"))
    if case.fixed is not None:
        fixed = fix_text(session, code, case)
        if fixed != case.fixed:
            out.append(CaseFailure(case, f"after fixing expected\n{case.fixed}\ngot\n{fixed}"))
        else:
            again = fix_text(session, code, Case("flag", fixed, case.line, case.suffix, unsafe=case.unsafe, config=case.config))
            if again != fixed:
                out.append(CaseFailure(case, "fixing twice changed the text again"))
    return out


def _fmt(items: Sequence[tuple[int, int, str]]) -> str:
    return ", ".join(f"{line}:{col} {code}" for line, col, code in items) or "nothing"


def assert_case_file(path: str | Path, plugins: Sequence[object] = ()) -> None:
    """pytest helper: fail with every failing case of the file listed."""
    failures = run_case_file(path, plugins)
    if failures:
        raise AssertionError(f"{path}: {len(failures)} failing case(s)\n\n" + "\n\n".join(map(str, failures)))
