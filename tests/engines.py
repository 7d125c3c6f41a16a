"""Lint a text with each tokenizer engine (for the PTC and DRF tests)."""

from __future__ import annotations

from pathlib import Path

from speechlint.config import ConfigResolver, Overrides
from speechlint.diagnostic import Diagnostic
from speechlint.fix import Applicability, apply_fixes
from speechlint.linter import Session

from conftest import ROOT

ENGINES = ("jieba", "rjieba")
CORPUS = sorted((ROOT / "benchmarks" / "corpus").glob("*.txt"))


def engine_sessions(*select: str) -> dict[str, Session]:
    """One session per engine, each selecting ``select`` (each loads its dictionary once)."""
    return {e: Session(ConfigResolver(isolated=True, overrides=Overrides(tokenizer=e, select=select))) for e in ENGINES}


def lint(sessions: dict[str, Session], text: str, engine: str = "rjieba", suffix: str = ".txt") -> list[Diagnostic]:
    session = sessions[engine]
    settings = session.resolver.root
    doc = session.read(Path("draft" + suffix), text.encode("utf-8"), settings)
    assert doc is not None
    diagnostics, errors = session.lint_document(doc, settings)
    assert not errors, errors
    return diagnostics


def found(diagnostics: list[Diagnostic]) -> list[tuple[int, int, str]]:
    return [(d.start.line, d.start.column, d.code) for d in diagnostics]


def fixed(text: str, diagnostics: list[Diagnostic], unsafe: bool = False) -> str:
    allowed = {Applicability.SAFE} | ({Applicability.UNSAFE} if unsafe else set())
    return apply_fixes(text, [d.fix for d in diagnostics if d.fix and d.fix.applicability in allowed])[0]


class CountingTokenizer:
    """One token per character, all with one tag; records each text it is asked to tag."""

    name = "counting"

    def __init__(self, pos: str = "x") -> None:
        self.pos = pos
        self.calls: list[str] = []

    def tag(self, text: str) -> list[tuple[str, str]]:
        self.calls.append(text)
        return [(c, self.pos) for c in text]
