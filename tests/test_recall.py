"""Recall on realistic drafts: every planted defect is reported at its place, nothing else is.

tests/fixtures/recall/ holds defective drafts written for this test — county and city
speeches, a 致辞, a 主持词, 通知, 请示, 报告, 函, 纪要, Markdown drafts with front matter
and a Word document built by ``build_docx.py`` — each with several planted defects of the
kinds a careful reviewer catches.  Next to each draft, ``<name>.expect`` lists them, one a
line::

    # comment
    @home 商水县            (optional: settings for this draft, as --home / --genre give them)
    LINE CODE [ANCHOR]      (ANCHOR: text on that line, first occurrence, the finding must overlap)

A line without an anchor expects at least one finding of that code on the line and
accepts every one there (a paragraph typed with half-width punctuation).

Each draft must show every planted defect at its place and nothing else at warning or
error severity: the clean rest of each draft doubles as a precision check.  Info
findings are not counted either way.

    python tests/test_recall.py      # prints recall per rule family
"""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from speechlint.config import ConfigResolver, Overrides, Settings
from speechlint.diagnostic import Diagnostic
from speechlint.linter import Session
from speechlint.rule import Severity

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "recall"
SUFFIXES = (".txt", ".md", ".docx")
ENGINES = ("jieba", "rjieba")
#: Settings an expectation file may give with ``@key value``.
DIRECTIVES = ("home", "genre")


@dataclass(frozen=True)
class Planted:
    line: int
    code: str
    anchor: str | None  # None: any finding of the code on the line

    def __str__(self) -> str:
        return f"{self.line} {self.code}" + (f" {self.anchor}" if self.anchor else "")


@dataclass(frozen=True)
class Expectation:
    name: str
    settings: dict[str, str]
    planted: tuple[Planted, ...]


def parse_expect(path: Path) -> Expectation:
    settings: dict[str, str] = {}
    planted = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            key, _, value = line[1:].partition(" ")
            if key not in DIRECTIVES or not value.strip():
                raise ValueError(f"{path.name}:{number}: unknown directive {line!r}")
            settings[key] = value.strip()
            continue
        parts = line.split(maxsplit=2)
        if len(parts) < 2 or not parts[0].isdigit():
            raise ValueError(f"{path.name}:{number}: expected 'LINE CODE [ANCHOR]', got {line!r}")
        planted.append(Planted(int(parts[0]), parts[1], parts[2] if len(parts) == 3 else None))
    return Expectation(path.stem, settings, tuple(planted))


def expectations() -> list[Path]:
    return sorted(FIXTURES.glob("*.expect"))


def _load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("recall_build_docx", FIXTURES / "build_docx.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def draft_path(name: str, workdir: Path) -> Path:
    """The draft for ``name``: a text or Markdown file here, or the Word document built into ``workdir``."""
    for suffix in (".txt", ".md"):
        path = FIXTURES / f"{name}{suffix}"
        if path.is_file():
            return path
    builder = _load_builder()
    if builder.NAME != name:
        raise FileNotFoundError(f"no draft for {name}.expect")
    pytest.importorskip("docx")
    return builder.build(workdir / f"{name}.docx")


@dataclass(frozen=True)
class Result:
    expectation: Expectation
    lines: tuple[str, ...]  # the draft's lines (paragraphs for .docx), for anchors
    diagnostics: tuple[Diagnostic, ...]


def lint_draft(session: Session, name: str, workdir: Path) -> Result:
    expectation = parse_expect(FIXTURES / f"{name}.expect")
    path = draft_path(name, workdir)
    root: Settings = session.resolver.root
    settings = dataclasses.replace(root, **expectation.settings) if expectation.settings else root
    doc = session.read(path, path.read_bytes(), settings)
    assert doc is not None, f"{path.name} was not read"
    diagnostics, errors = session.lint_document(doc, settings)
    assert not errors, [e.message for e in errors]
    lines = tuple(line.text for line in doc.lines.lines)
    return Result(expectation, lines, tuple(diagnostics))


def anchor_columns(result: Result, planted: Planted) -> tuple[int, int]:
    """1-based [start, end) columns of the anchor on its line."""
    assert planted.anchor is not None
    assert 1 <= planted.line <= len(result.lines), f"{result.expectation.name}: no line {planted.line}"
    text = result.lines[planted.line - 1]
    at = text.find(planted.anchor)
    assert at >= 0, f"{result.expectation.name}: anchor {planted.anchor!r} is not on line {planted.line}: {text!r}"
    return at + 1, at + 1 + len(planted.anchor)


def covers(result: Result, planted: Planted, d: Diagnostic) -> bool:
    """Whether diagnostic ``d`` is the planted defect: its code, on its line, overlapping the anchor."""
    if d.code != planted.code or d.start.line != planted.line:
        return False
    if planted.anchor is None:
        return True
    start, end = anchor_columns(result, planted)
    d_end = d.end.column if d.end.line == d.start.line else 10**9
    # An empty span (something missing) counts when it stands inside the anchor or at its end.
    return d.start.column < end and (d_end > start or d.start.column == d_end == start)


def caught(result: Result) -> list[tuple[Planted, bool]]:
    return [(p, any(covers(result, p, d) for d in result.diagnostics)) for p in result.expectation.planted]


def unexpected(result: Result) -> list[Diagnostic]:
    """Warning and error findings that no planted defect explains."""
    out = []
    for d in result.diagnostics:
        if d.severity == Severity.INFO:
            continue
        if not any(covers(result, p, d) for p in result.expectation.planted):
            out.append(d)
    return out


def make_session(engine: str | None = None) -> Session:
    s = Session(ConfigResolver(cwd=ROOT, isolated=True, overrides=Overrides(tokenizer=engine)))
    assert not s.errors, s.errors
    return s


@pytest.fixture(scope="module")
def sessions() -> dict[str, Session]:
    """One session per tokenizer engine: both must find the same."""
    return {e: make_session(e) for e in ENGINES}


def test_every_draft_has_an_expectation_and_a_few_defects() -> None:
    names = {p.stem for p in expectations()}
    drafts = {p.stem for p in FIXTURES.iterdir() if p.suffix in SUFFIXES}
    assert drafts <= names, f"drafts without an .expect file: {sorted(drafts - names)}"
    assert len(names) >= 10
    for path in expectations():
        e = parse_expect(path)
        assert len(e.planted) >= 3, f"{path.name}: plant several defects"
        assert len({p.code[:3] for p in e.planted}) >= 2, f"{path.name}: plant defects of several families"


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", [p.stem for p in expectations()])
def test_planted_defects_are_reported_and_nothing_else(
    sessions: dict[str, Session], name: str, engine: str, tmp_path: Path
) -> None:
    result = lint_draft(sessions[engine], name, tmp_path)
    missed = [str(p) for p, ok in caught(result) if not ok]
    extra = [f"{d.start.line}:{d.start.column} {d.code} {d.match!r} {d.message}" for d in unexpected(result)]
    assert not missed and not extra, f"missed: {missed}; unexpected: {extra}"


def recall_table(workdir: Path) -> str:
    """Planted defects caught per rule family, as a Markdown table."""
    session = make_session()
    total: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    extra = 0
    for path in expectations():
        result = lint_draft(session, path.stem, workdir)
        for planted, ok in caught(result):
            total[planted.code[:3]] += 1
            hit[planted.code[:3]] += ok
        extra += len(unexpected(result))
    rows = ["| family | caught | planted |", "|---|---|---|"]
    rows += [f"| {f} | {hit[f]} | {total[f]} |" for f in sorted(total)]
    rows.append(f"| all | {sum(hit.values())} | {sum(total.values())} |")
    rows.append(f"\nUnexpected warning/error findings: {extra}")
    return "\n".join(rows)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        print(recall_table(Path(tmp)))
    sys.exit(0)
