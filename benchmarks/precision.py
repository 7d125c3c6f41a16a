"""Precision benchmark: false alarms per 10,000 characters on the clean corpus.

    python benchmarks/precision.py [--select CODES] [--ignore CODES] [--preview]
                                   [--tokenizer both|rjieba|jieba] [--corpus DIR]
                                   [--show] [--check]

benchmarks/corpus/ holds clean, well-written speeches and 公文 written by the
team, full of the traps each rule must not fall into.  Every finding on it is a
false alarm.  The script runs the selected rules (by default every stable rule,
as `speechlint check` does) over the corpus once per tokenizer engine and prints
a Markdown table: per rule, its findings and findings per 10,000 characters with
each engine, and whether the rule meets the target (at most 1 per 10,000 for
warning and error rules; info rules are shown without a target).  It then says
whether both engines gave exactly the same findings and lists any difference.

--show prints every finding (path:line:column code match); --check exits 1 when
a warning or error rule misses the target or the engines disagree.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_PER_10K = 1.0
SUFFIXES = (".txt", ".md", ".markdown")


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    column: int
    code: str
    match: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.code} {self.match!r}"


@dataclass
class EngineRun:
    engine: str
    findings: list[Finding]
    chars: int
    errors: list[str]


def codes(value: str | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(c.strip() for c in value.split(",") if c.strip())


def run_engine(engine: str, corpus: list[Path], args: argparse.Namespace) -> tuple[EngineRun, list]:
    """Lint the corpus with one engine; return the findings and the rules that ran."""
    from speechlint.config import ConfigResolver, Overrides, select_rules
    from speechlint.linter import Session

    overrides = Overrides(
        select=codes(args.select), ignore=codes(args.ignore), preview=True if args.preview else None, tokenizer=engine
    )
    session = Session(ConfigResolver(cwd=ROOT, isolated=True, overrides=overrides))
    if session.errors:
        sys.exit("precision: " + "; ".join(session.errors))
    settings = session.resolver.root
    rules = select_rules(session.rules, settings)
    findings: list[Finding] = []
    errors: list[str] = []
    chars = 0
    for path in corpus:
        doc = session.read(path, path.read_bytes(), settings)
        if doc is None:
            continue
        chars += len(doc.text)
        diagnostics, file_errors = session.lint_document(doc, settings, rules)
        errors.extend(e.message for e in file_errors)
        shown = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
        findings.extend(Finding(shown, d.start.line, d.start.column, d.code, d.match) for d in diagnostics)
    if session.tokenizer().name != engine:
        sys.exit(f"precision: asked for {engine}, the session built {session.tokenizer().name}")
    return EngineRun(engine, findings, chars, errors), rules


def per_10k(n: int, chars: int) -> float:
    return n * 10_000 / chars if chars else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--select", help="rule codes, prefixes or names (default: every stable rule)")
    parser.add_argument("--ignore", help="rule codes, prefixes or names to leave out")
    parser.add_argument("--preview", action="store_true", help="include preview rules")
    parser.add_argument("--tokenizer", default="both", choices=("both", "rjieba", "jieba"))
    parser.add_argument("--corpus", type=Path, default=ROOT / "benchmarks" / "corpus")
    parser.add_argument("--show", action="store_true", help="print every finding")
    parser.add_argument("--check", action="store_true", help="exit 1 on a missed target or an engine difference")
    args = parser.parse_args()

    corpus = sorted(p for p in args.corpus.resolve().rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
    if not corpus:
        sys.exit(f"precision: no .txt or .md files in {args.corpus}")
    engines = ("rjieba", "jieba") if args.tokenizer == "both" else (args.tokenizer,)
    runs: list[EngineRun] = []
    rules: list = []
    for engine in engines:
        run, rules = run_engine(engine, corpus, args)
        runs.append(run)
    chars = runs[0].chars

    print(f"Corpus: {len(corpus)} files, {chars:,} characters; {len(rules)} rules; target ≤ {TARGET_PER_10K:g} per 10,000 characters for warning and error rules.\n")
    head = "| code | rule | severity | " + " | ".join(f"{r.engine} findings | {r.engine} per 10k" for r in runs) + " | target |"
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    counts = [Counter(f.code for f in r.findings) for r in runs]
    missed = []
    for rule in sorted(rules, key=lambda r: r.code):
        cells = []
        worst = 0.0
        for run, count in zip(runs, counts):
            rate = per_10k(count[rule.code], run.chars)
            worst = max(worst, rate)
            cells.append(f"{count[rule.code]} | {rate:.2f}")
        severity = rule.severity.value
        if severity == "info":
            verdict = "–"
        elif worst <= TARGET_PER_10K:
            verdict = "met"
        else:
            verdict = "**missed**"
            missed.append(rule.code)
        print(f"| {rule.code} | {rule.name} | {severity} | " + " | ".join(cells) + f" | {verdict} |")

    for run in runs:
        for e in run.errors:
            print(f"\nerror ({run.engine}): {e}")
    if args.show:
        print()
        for run in runs:
            print(f"Findings with {run.engine}:")
            for f in run.findings:
                print(f"  {f}")

    agree = True
    if len(runs) == 2:
        a, b = (set(r.findings) for r in runs)
        agree = a == b
        print(f"\nBoth engines give the same findings: {'yes' if agree else 'no'}")
        for f in sorted(a - b, key=str):
            print(f"  only {runs[0].engine}: {f}")
        for f in sorted(b - a, key=str):
            print(f"  only {runs[1].engine}: {f}")
    if missed:
        print(f"\nMissed the target: {', '.join(missed)}")
    errors = any(r.errors for r in runs)
    return 1 if args.check and (missed or not agree or errors) else 0


if __name__ == "__main__":
    raise SystemExit(main())
