"""Speed benchmarks: one command, one table.

    pip install -e '.[bench]'          # autocorrect-py and psutil: benchmark-only
    python benchmarks/run.py [--runs 5] [--engines rjieba,jieba] [--no-agreement]

Builds its workloads in a temporary folder from texts the project ships
(benchmarks/corpus/*.txt and examples/*.txt): 200 speech drafts of about 2,000
characters, one 1,000,000-character document made of the same drafts, and one
speech.  Each workload runs as whole processes with output sent to /dev/null,
after one untimed warm-up run (byte-code caches, jieba's dictionary cache and
the OS file cache warm, as on any machine after the first run).  The table
gives the median wall time, min–max, the median CPU time (user + system, the
workers of ``--jobs`` included), the peak memory summed over the process tree
(polled in one more, untimed run: the poll slows the process it reads;
proportional set size on Linux, so pages the workers share with the parent count
once) and characters per second, with the issue's target where it has one.  On a busy machine the CPU column is the steadier measure.

Each speechlint workload runs with both tokenizer engines (a config file
``tokenizer = "..."``); punctuation-only runs never load a tokenizer, so they
run once.  AutoCorrect (through its Python package, one process for all 200
drafts, like speechlint) gives the ratios the issue asks for.  Last, the two
engines are compared on the clean corpus and every case file: token agreement
and finding agreement.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = 200
DRAFT_CHARS = 2000
BIG_CHARS = 1_000_000
# The targets (wall seconds, or MB for the peak memory of the 200-draft run).
TARGETS = {
    "version": 0.1,
    "one": 0.4,
    "drafts": 1.0,
    "big": 1.5,
    "cached": 0.2,
}
TARGET_MEMORY_MB = 300


def shipped_paragraphs() -> list[str]:
    paras: list[str] = []
    for f in sorted((ROOT / "benchmarks" / "corpus").glob("*.txt")) + sorted((ROOT / "examples").glob("*.txt")):
        for line in f.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if len(line) >= 20:
                paras.append(line)
    if not paras:
        sys.exit("benchmarks: no texts found in benchmarks/corpus/ or examples/")
    return paras


def build_workloads(where: Path) -> dict[str, Path]:
    """200 speech drafts of about 2,000 characters, one 1,000,000-character document, one speech."""
    rng = random.Random(20261127)  # fixed: the same drafts every run
    paras = shipped_paragraphs()
    drafts = where / "drafts"
    drafts.mkdir()
    texts = []
    for i in range(DRAFTS):
        body: list[str] = [f"在全县第{i + 1}次工作会议上的讲话", "同志们："]
        while sum(map(len, body)) < DRAFT_CHARS:
            body.append(rng.choice(paras))
        body.append("谢谢大家！")
        text = "\n".join(body) + "\n"
        texts.append(text)
        (drafts / f"draft{i:03d}.txt").write_text(text, encoding="utf-8")
    big = where / "big" / "big.txt"
    big.parent.mkdir()
    out: list[str] = []
    total = 0
    while total < BIG_CHARS:
        for t in texts:
            out.append(t)
            total += len(t)
            if total >= BIG_CHARS:
                break
    big.write_text("".join(out), encoding="utf-8")
    one = where / "one" / "speech.txt"
    one.parent.mkdir()
    one.write_text(texts[0], encoding="utf-8")
    return {"drafts": drafts, "big": big, "one": one}


def chars_in(path: Path) -> int:
    files = [path] if path.is_file() else sorted(path.glob("*.txt"))
    return sum(len(f.read_text(encoding="utf-8")) for f in files)


@dataclass
class Result:
    name: str
    times: list[float]
    cpu: list[float]
    peak_mb: float
    chars: int
    target: float | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    def row(self) -> str:
        rate = f"{self.chars / self.median:,.0f}" if self.chars else "–"
        target = "–"
        if self.target is not None:
            target = f"≤ {self.target:g} s {'✓' if self.median <= self.target else '✗'}"
        return (
            f"| {self.name} | {self.median:.3f} s | {min(self.times):.3f}–{max(self.times):.3f} s "
            f"| {statistics.median(self.cpu):.3f} s | {self.peak_mb:.0f} MB | {rate} | {target} |"
        )


def bench_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # users' installs have byte-code caches
    env["NO_COLOR"] = "1"
    return env


def measure(cmd: list[str], runs: int, cwd: Path | None = None) -> tuple[list[float], list[float], float]:
    """Wall and CPU time of each run, and the peak memory summed over the process tree (polled).

    Memory is the proportional set size where the system reports it (Linux): a page
    shared by forked workers counts once, split among them, so the sum is what the
    run costs; elsewhere the resident set size, which counts shared pages again in
    every process.  It is polled in one more run after the timed ones: reading a
    process's memory map every few milliseconds slowed the process measured (the
    200 drafts by about a tenth, timed alternately with and without the poll).
    """
    import psutil

    def memory(p: psutil.Process) -> int:
        try:
            return int(p.memory_full_info().pss)
        except (AttributeError, psutil.AccessDenied):
            return int(p.memory_info().rss)

    env = bench_env()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd)  # warm-up
    times, cpus, peak = [], [], 0.0
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    ps = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            tree = [ps, *ps.children(recursive=True)]
            peak = max(peak, sum(memory(p) for p in tree) / 2**20)
        except psutil.Error:
            pass
        time.sleep(0.005)
    return times, cpus, peak


def speechlint_command() -> list[str]:
    script = Path(sys.executable).parent / "speechlint"
    if script.is_file():
        return [str(script)]
    found = shutil.which("speechlint")
    return [found] if found else [sys.executable, "-m", "speechlint"]


def run_speed(w: dict[str, Path], tmp: Path, engines: list[str], runs: int) -> list[Result]:
    exe = speechlint_command()
    results = [Result("`speechlint --version`", *measure([*exe, "--version"], runs), 0, TARGETS["version"])]
    pun_done = False
    for engine in engines:
        folder = tmp / f"config-{engine}"
        folder.mkdir()
        cfg = folder / "speechlint.toml"
        cfg.write_text(f'tokenizer = "{engine}"\n', encoding="utf-8")
        base = [*exe, "check", "--config", str(cfg), "--exit-zero", "--output-format", "concise"]
        default = engine == engines[0]
        workloads: list[tuple[str, list[str], Path, float | None]] = [
            ("one speech, cold process, all rules", ["--no-cache"], w["one"], TARGETS["one"] if default else None),
            ("200 drafts, all rules", ["--no-cache"], w["drafts"], TARGETS["drafts"] if default else None),
            ("200 drafts, all rules, `--jobs 2`", ["--no-cache", "--jobs", "2"], w["drafts"], None),
            # The cache lives in the config's folder: the warm-up run fills it.
            ("200 drafts, second run with the cache", [], w["drafts"], TARGETS["cached"] if default else None),
            ("1,000,000-char document, all rules", ["--no-cache"], w["big"], TARGETS["big"] if default else None),
        ]
        if not pun_done:  # punctuation rules never load a tokenizer: one engine suffices
            workloads.insert(3, ("200 drafts, punctuation rules only", ["--no-cache", "--select", "PUN"], w["drafts"], None))
            workloads.append(("1,000,000-char document, punctuation rules only", ["--no-cache", "--select", "PUN"], w["big"], None))
            pun_done = True
        for label, extra, target, goal in workloads:
            print(f"  {label} ({engine}) …", file=sys.stderr)
            times, cpu, peak = measure([*base, *extra, str(target)], runs)
            name = label if "punctuation" in label else f"{label} ({engine})"
            results.append(Result(name, times, cpu, peak, chars_in(target), goal))
    return results


def run_autocorrect(w: dict[str, Path], runs: int) -> Result | None:
    try:
        import autocorrect_py  # noqa: F401
    except ImportError:
        print("benchmarks: autocorrect-py is not installed (pip install -e '.[bench]'); no ratios", file=sys.stderr)
        return None
    script = (
        "import sys, pathlib, autocorrect_py\n"
        "for f in sorted(pathlib.Path(sys.argv[1]).glob('*.txt')):\n"
        "    for line in autocorrect_py.lint_for(f.read_text(encoding='utf-8'), str(f)).lines:\n"
        "        print(f'{f}:{line.line}:{line.col}: {line.new}')\n"
    )
    print("  AutoCorrect …", file=sys.stderr)
    times, cpu, peak = measure([sys.executable, "-c", script, str(w["drafts"])], runs)
    return Result("AutoCorrect (autocorrect-py), 200 drafts", times, cpu, peak, chars_in(w["drafts"]))


# -- engine agreement --------------------------------------------------------------------


def agreement() -> list[str]:
    """Tokens and findings of rjieba against jieba on the corpus and every case file's texts."""
    sys.path.insert(0, str(ROOT / "src"))
    from speechlint.config import ConfigResolver, Overrides
    from speechlint.document import Document
    from speechlint.linter import Session
    from speechlint.testing import lint_case, parse_case_file

    sessions = {e: Session(ConfigResolver(isolated=True, overrides=Overrides(tokenizer=e))) for e in ("jieba", "rjieba")}
    corpus = sorted((ROOT / "benchmarks" / "corpus").glob("*.txt")) + sorted((ROOT / "examples").glob("*.txt"))
    case_files = [parse_case_file(p) for p in sorted((ROOT / "rules").glob("[A-Z][A-Z][A-Z][0-9][0-9][0-9]-*.md"))]
    texts = [p.read_text(encoding="utf-8") for p in corpus]
    texts += [c.text for cf in case_files for c in cf.cases]

    # Tokens: per paragraph, the same words with the same spans; tags compared where spans agree
    # (also without ASCII words: for digits and Latin jieba's no-HMM path says eng, rjieba m).
    paragraphs = same_paragraphs = tokens = same_tokens = tagged = same_tags = han_tagged = han_same = 0
    segmentations: list[str] = []
    for text in texts:
        doc = {e: Document(text, tokenizer_factory=s.tokenizer) for e, s in sessions.items()}
        for para in doc["jieba"].paragraphs:
            a = doc["jieba"].tokens_in(para.span)
            b = doc["rjieba"].tokens_in(para.span)
            paragraphs += 1
            spans_a = {t.span for t in a}
            spans_b = {t.span: t.pos for t in b}
            if [(t.word, t.span) for t in a] == [(t.word, t.span) for t in b]:
                same_paragraphs += 1
            else:
                only_a = "/".join(t.word for t in a if t.span not in spans_b)
                only_b = "/".join(t.word for t in b if t.span not in spans_a)
                segmentations.append(f"jieba {only_a} — rjieba {only_b}")
            tokens += len(a) + len(b)
            common = [t for t in a if t.span in spans_b]
            same_tokens += 2 * len(common)
            tagged += len(common)
            same_tags += sum(spans_b[t.span] == t.pos for t in common)
            han = [t for t in common if not t.word.isascii()]
            han_tagged += len(han)
            han_same += sum(spans_b[t.span] == t.pos for t in han)

    # Findings: all default rules on the corpus; each case file's rule on its cases.
    def corpus_findings(engine: str, path: Path) -> list[tuple[int, int, str]]:
        session = sessions[engine]
        result, errors, _ = session.check_file(path)
        assert result is not None and not errors, errors
        return [(d.start.line, d.start.column, d.code) for d in result.diagnostics]

    units = same_units = findings = 0
    differing: list[str] = []
    for path in corpus:
        a, b = corpus_findings("jieba", path), corpus_findings("rjieba", path)
        units += 1
        same_units += a == b
        findings += len(a)
        if a != b:
            differing.append(f"{path.relative_to(ROOT)}: jieba {a} rjieba {b}")
    for cf in case_files:
        for case in cf.cases:
            found = {
                e: [(d.start.line, d.start.column, d.code) for d in lint_case(s, cf.code, case.text, case.suffix, case.config)]
                for e, s in sessions.items()
            }
            units += 1
            same_units += found["jieba"] == found["rjieba"]
            findings += len(found["jieba"])
            if found["jieba"] != found["rjieba"]:
                differing.append(f"{cf.path.name}:{case.line}: jieba {found['jieba']} rjieba {found['rjieba']}")
    lines = [
        f"{len(texts)} texts ({len(corpus)} corpus and example files, {len(texts) - len(corpus)} cases "
        f"of {len(case_files)} case files), {paragraphs} paragraphs:",
        f"- paragraphs segmented identically: {same_paragraphs}/{paragraphs} ({100 * same_paragraphs / max(paragraphs, 1):.2f}%)",
        f"- tokens with the same word and span: {100 * same_tokens / max(tokens, 1):.3f}% of {tokens // 2:,}",
        f"- same tag where the spans agree: {100 * same_tags / max(tagged, 1):.2f}%; "
        f"without ASCII words (digits: jieba eng, rjieba m): {100 * han_same / max(han_tagged, 1):.3f}%",
        f"- texts with identical findings: {same_units}/{units} ({findings} findings under jieba)",
    ]
    lines += [f"  - segmented differently: {d}" for d in segmentations]
    lines += [f"  - differs: {d}" for d in differing]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per workload (after one warm-up run)")
    parser.add_argument("--engines", default="rjieba,jieba", help="tokenizer engines, the default one first")
    parser.add_argument("--no-agreement", action="store_true", help="skip the rjieba/jieba agreement section")
    args = parser.parse_args()
    try:
        import psutil  # noqa: F401
    except ImportError:
        sys.exit("benchmarks: psutil is missing (pip install -e '.[bench]')")
    tmp = Path(tempfile.mkdtemp(prefix="speechlint-bench-"))
    try:
        w = build_workloads(tmp)
        engines = args.engines.split(",")
        results = run_speed(w, tmp, engines, args.runs)
        auto = run_autocorrect(w, args.runs)
        if auto is not None:
            results.append(auto)
        print(
            f"{chars_in(w['drafts']):,} chars in {DRAFTS} drafts; {chars_in(w['big']):,} chars in the big document; "
            f"{chars_in(w['one']):,} chars in the speech; median of {args.runs} runs after one warm-up; "
            f"{os.cpu_count()} CPUs; Python {sys.version.split()[0]}\n"
        )
        print("| workload | median | min–max | CPU | peak memory | chars/s | target |\n|---|---|---|---|---|---|---|")
        for r in results:
            print(r.row())
        drafts = next(r for r in results if r.name == f"200 drafts, all rules ({engines[0]})")
        ok = "✓" if drafts.peak_mb <= TARGET_MEMORY_MB else "✗"
        print(f"\nPeak memory of the 200-draft run ({engines[0]}): {drafts.peak_mb:.0f} MB (target ≤ {TARGET_MEMORY_MB} MB {ok})")
        if auto is not None:
            pun = next(r for r in results if r.name == "200 drafts, punctuation rules only")
            ratios = [("punctuation rules only", pun, " (target ≤ 2×)")]
            ratios += [
                (f"all rules, {e}", next(r for r in results if r.name == f"200 drafts, all rules ({e})"), "")
                for e in engines
            ]
            print("\nOver the 200 drafts, wall time (CPU time):")
            for label, r, goal in ratios:
                wall = r.median / auto.median
                cpu = statistics.median(r.cpu) / statistics.median(auto.cpu)
                print(f"- speechlint ({label}) / AutoCorrect: {wall:.2f}× ({cpu:.2f}×){goal}")
        if not args.no_agreement:
            print("\nrjieba against jieba\n")
            print("\n".join(agreement()))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
