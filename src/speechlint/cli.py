"""The command line: ``speechlint check | rules | rule | plugins | check-pack``.

Exit codes: 0 nothing at or above ``fail-on``; 1 findings at or above it;
2 usage, configuration, I/O or plugin errors (other files are still checked).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from speechlint import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(value: str) -> list[str]:
    return [c.strip() for c in value.split(",") if c.strip()]


class _Extend(argparse.Action):
    """--select A,B --select C -> [A, B, C]."""

    def __call__(self, parser, namespace, values, option_string=None):  # type: ignore[no-untyped-def]
        items = list(getattr(namespace, self.dest) or [])
        items.extend(_codes(values))  # type: ignore[arg-type]
        setattr(namespace, self.dest, items)


def _jobs(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"expected a number of processes, not {value!r}")
    return int(value)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="speechlint",
        description="讲话稿与公文检查工具 — a linter for Chinese speech drafts and official documents.",
    )
    parser.add_argument("--version", action="version", version=f"speechlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="检查文件或文件夹（默认当前文件夹）")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (.txt .md .markdown .docx)")
    sel = check.add_argument_group("rule selection")
    sel.add_argument("--select", action=_Extend, metavar="CODES", help="codes, prefixes (PUN, PTC0) or names; replaces the config's select")
    sel.add_argument("--extend-select", action=_Extend, metavar="CODES")
    sel.add_argument("--ignore", action=_Extend, metavar="CODES")
    sel.add_argument("--preview", action="store_true", default=None, help="enable preview rules")
    out = check.add_argument_group("output")
    out.add_argument("--output-format", metavar="FORMAT", help="full, concise, json, sarif, github (default: full on a terminal, else concise)")
    out.add_argument("--output-file", metavar="FILE", type=Path)
    out.add_argument("--statistics", action="store_true", help="count findings per rule")
    out.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    out.add_argument("--fail-on", choices=("error", "warning", "info"))
    doc = check.add_argument_group("document")
    doc.add_argument("--genre", metavar="GENRE", help="文种，如 通知、请示、讲话")
    doc.add_argument("--home", metavar="PLACE", help="本地：地名或 6 位区划代码")
    cfg = check.add_argument_group("configuration")
    cfg.add_argument("--config", metavar="PATH", type=Path)
    cfg.add_argument("--isolated", action="store_true", help="ignore all config files")
    cfg.add_argument("--force-exclude", action="store_true", help="apply exclude to files named on the command line")
    fixing = check.add_argument_group("fixes")
    fixing.add_argument("--fix", action="store_true", help="apply safe fixes (writes the files)")
    fixing.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff: apply unsafe fixes too")
    fixing.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    fixing.add_argument("--stdin-filename", metavar="NAME", help='with "-": the name used for config, reader and output')
    base = check.add_argument_group("baseline")
    base.add_argument("--baseline", metavar="FILE", type=Path, help="hide the findings recorded in FILE")
    base.add_argument("--update-baseline", action="store_true", help="record the current findings in the --baseline FILE")
    cfg.add_argument("--disable-plugin", action="append", default=[], metavar="NAME")
    cfg.add_argument("--verbose", action="store_true", help="tracebacks for crashes")
    speed = check.add_argument_group("speed")
    speed.add_argument("--jobs", type=_jobs, default=1, metavar="N", help="worker processes (default 1; 0: one per CPU)")
    speed.add_argument("--no-cache", action="store_true", help="neither read nor write .speechlint_cache/")

    rules = sub.add_parser("rules", help="列出全部规则")
    rules.add_argument("--disable-plugin", action="append", default=[], metavar="NAME")
    one = sub.add_parser("rule", help="显示一条规则的说明")
    one.add_argument("key", metavar="CODE|NAME")
    plugins = sub.add_parser("plugins", help="列出已加载的插件")
    plugins.add_argument("--disable-plugin", action="append", default=[], metavar="NAME")
    pack = sub.add_parser("check-pack", help="检查 TOML 规则包并运行其中的示例")
    pack.add_argument("file", metavar="FILE", type=Path)
    pack.add_argument("--config", metavar="PATH", type=Path)
    pack.add_argument("--isolated", action="store_true", help="ignore all config files")
    return parser


def _err(message: str, stream: TextIO | None = None) -> None:
    print(f"speechlint: error: {message}", file=stream or sys.stderr)


def _session(args: argparse.Namespace, rule_packs: Sequence[str] = ()):  # type: ignore[no-untyped-def]
    """Build the Session, or print one line and return None."""
    from speechlint.config import ConfigError, ConfigResolver, Overrides
    from speechlint.linter import Session
    from speechlint.plugins import PluginError

    overrides = Overrides(
        select=tuple(args.select) if getattr(args, "select", None) else None,
        extend_select=tuple(args.extend_select) if getattr(args, "extend_select", None) else None,
        ignore=tuple(args.ignore) if getattr(args, "ignore", None) else None,
        preview=getattr(args, "preview", None),
        fail_on=getattr(args, "fail_on", None),
        genre=getattr(args, "genre", None),
        home=getattr(args, "home", None),
    )
    try:
        resolver = ConfigResolver(
            config=getattr(args, "config", None), isolated=getattr(args, "isolated", False), overrides=overrides
        )
        return Session(
            resolver,
            disabled_plugins=getattr(args, "disable_plugin", []),
            verbose=getattr(args, "verbose", False),
            rule_packs=rule_packs,
            # The cache holds files: not stdin (an editor's buffer); --diff reads it and writes nothing.
            cache=args.command == "check" and not args.no_cache and not _reads_stdin(args),
            cache_writes=not getattr(args, "diff", False),
        )
    except (ConfigError, PluginError) as e:
        _err(str(e))
        return None


def _reads_stdin(args: argparse.Namespace) -> bool:
    return "-" in args.paths or (args.stdin_filename is not None and not args.paths)


def cmd_check(args: argparse.Namespace) -> int:
    import gc

    # A run keeps hundreds of thousands of small objects (tokens, spans) alive and makes
    # few reference cycles; at the default thresholds the collector's passes over them
    # cost a fifth of a long run.  Restored afterwards for callers of main() in-process.
    threshold = gc.get_threshold()
    gc.set_threshold(1_000_000, 50, 100)
    try:
        return _check(args)
    finally:
        gc.set_threshold(*threshold)


def _check(args: argparse.Namespace) -> int:
    from speechlint.formatters import FormatOptions
    from speechlint.formatters.text import format_statistics

    session = _session(args)
    if session is None:
        return EXIT_ERROR
    tty = sys.stdout.isatty() and args.output_file is None
    name = args.output_format or ("full" if tty else "concise")
    formatter = session.plugins.pm.hook.speechlint_formatter(name=name)
    if formatter is None:
        _err(f"unknown output format '{name}'")
        return EXIT_ERROR
    baseline = _open_baseline(args)
    if baseline is False:
        return EXIT_ERROR
    report, run, stdin_data = _check_run(args, session)
    if report is None:
        return EXIT_ERROR
    if baseline is not None and not _apply_baseline(baseline, report, args.update_baseline):
        return EXIT_ERROR
    color = tty and not os.environ.get("NO_COLOR")
    text = formatter(report, FormatOptions(color=color, rules=tuple(session.rules)))
    if args.statistics:
        text = format_statistics(report) if name in ("full", "concise") else text
    if args.diff:
        text = ""  # the diff is the output
    # Fixing stdin: the fixed text owns stdout, so diagnostics go to stderr.
    fixing_stdin = stdin_data is not None and args.fix and not args.diff
    if args.output_file is not None:
        try:
            args.output_file.write_text(text, encoding="utf-8")
        except OSError as e:
            _err(f"{args.output_file}: cannot write: {e.strerror or e}")
            return EXIT_ERROR
    else:
        (sys.stderr if fixing_stdin else sys.stdout).write(text)
    if args.diff or fixing_stdin:
        _write_fixed(run, args.diff, stdin_data)
    if args.fix or args.diff:
        from speechlint.fixer import FixMode

        for line in run.summary(FixMode(unsafe=args.unsafe_fixes, write=not args.diff)):
            print(f"speechlint: {line}", file=sys.stderr)
    for note in report.notes:
        print(f"speechlint: {note}", file=sys.stderr)
    for error in report.errors:
        _err(f"{error.path}: {error.message}" if error.path and not error.message.startswith("rule ") else error.message)
    if args.diff:  # like ruff: 1 when there is something to fix
        changed = any(f.changed for f in run.fixes)
        return EXIT_ERROR if report.errors else EXIT_FINDINGS if changed and not args.exit_zero else EXIT_OK
    return exit_code(report, session.resolver.root.fail_on, args.exit_zero)


def _check_run(args: argparse.Namespace, session):  # type: ignore[no-untyped-def]
    """Check or fix the paths, or stdin: (Report, FixRun or None, stdin bytes or None); (None, None, None)
    after a usage error.  A plain check of paths has no FixRun: it never imports the fixer."""
    fixing = args.fix or args.diff
    if _reads_stdin(args):
        if args.paths != ["-"] and args.paths:
            _err("'-' (stdin) cannot be combined with other paths")
            return None, None, None
        from speechlint.fixer import FixMode, fix_data

        data = sys.stdin.buffer.read()
        name = args.stdin_filename or "-"
        mode = FixMode(unsafe=args.unsafe_fixes, write=not args.diff) if fixing else None
        run = fix_data(session, Path(name), name, data, mode)
        return run.report, run, data
    paths = [Path(p) for p in (args.paths or ["."])]
    jobs = _workers(args.jobs)
    if not fixing:
        return session.check_paths(paths, force_exclude=args.force_exclude, jobs=jobs), None, None
    from speechlint.fixer import FixMode, fix_paths

    mode = FixMode(unsafe=args.unsafe_fixes, write=not args.diff)
    run = fix_paths(session, paths, mode, force_exclude=args.force_exclude, jobs=jobs)
    return run.report, run, None


def _workers(jobs: int) -> int:
    from speechlint.jobs import can_fork, workers

    n = workers(jobs)
    if n > 1 and not can_fork():
        print("speechlint: --jobs needs fork(), which this platform lacks; checking in one process", file=sys.stderr)
        return 1
    return n


def _write_fixed(run, diff: bool, stdin_data: bytes | None) -> None:  # type: ignore[no-untyped-def]
    """Bytes to stdout: the diffs, or the fixed stdin text (the input itself when nothing was fixed)."""
    from speechlint.fixer import unified_diff

    if diff:
        data = b"".join(unified_diff(f) for f in run.fixes)
    else:
        data = run.fixes[0].data() if run.fixes else stdin_data or b""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        buffer.write(data)
        buffer.flush()
    else:  # a text-only stream (tests): the bytes are UTF-8 or GB18030 text
        sys.stdout.write(data.decode("utf-8", errors="replace"))


def _open_baseline(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The --baseline file, None without one, False after printing an error."""
    if args.baseline is None:
        if args.update_baseline:
            _err("--update-baseline needs --baseline FILE")
            return False
        return None
    from speechlint.baseline import BaselineError, open_baseline

    try:
        return open_baseline(args.baseline, args.update_baseline)
    except BaselineError as e:
        _err(str(e))
        return False


def _apply_baseline(baseline, report, update: bool) -> bool:  # type: ignore[no-untyped-def]
    from speechlint.baseline import BaselineError, apply_baseline

    try:
        note = apply_baseline(baseline, report.files, update)
    except BaselineError as e:
        _err(str(e))
        return False
    if note:
        report.notes.append(note)
    return True


def exit_code(report, fail_on, exit_zero: bool) -> int:  # type: ignore[no-untyped-def]
    if report.errors:
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    worst = max((d.severity.rank for d in report.diagnostics), default=-1)
    return EXIT_FINDINGS if worst >= max(fail_on.rank, 1) else EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    from speechlint.plugins import rule_plugins

    session = _session(args)
    if session is None:
        return EXIT_ERROR
    owners = rule_plugins(session.plugins.pm)
    rows = [("code", "name", "severity", "fix", "status", "plugin")]
    for r in session.rules:
        rows.append(
            (r.code, r.name, r.severity.value, r.fix.value, "preview" if r.preview else "default", owners.get(r.code, ""))
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
    for e in session.errors:
        _err(e)
    return EXIT_ERROR if session.errors else EXIT_OK


def cmd_rule(args: argparse.Namespace) -> int:
    session = _session(args)
    if session is None:
        return EXIT_ERROR
    r = session.rule(args.key)
    if r is None:
        _err(f"unknown rule '{args.key}' (see `speechlint rules`)")
        return EXIT_ERROR
    print(f"# {r.code} {r.name}\n")
    print(f"默认级别: {r.severity.value}    修复: {r.fix.value}    {'preview' if r.preview else 'default'}")
    if r.supersedes:
        print(f"取代: {', '.join(sorted(r.supersedes))}")
    print()
    print(r.doc or r.summary)
    return EXIT_OK


def cmd_plugins(args: argparse.Namespace) -> int:
    session = _session(args)
    if session is None:
        return EXIT_ERROR
    for p in session.plugins.info:
        dist = f"{p.distribution} {p.version}".strip()
        print(f"{p.name}  ({p.source}{', ' + dist if dist else ''})")
    for e in session.errors:
        _err(e)
    return EXIT_ERROR if session.errors else EXIT_OK


def cmd_check_pack(args: argparse.Namespace) -> int:
    """Validate a rule pack (exit 2 when malformed), then run its examples (exit 1 when one fails)."""
    from speechlint.packs import PackError, load_pack, run_examples

    try:
        pack = load_pack(args.file)
    except PackError as e:
        for line in e.lines():
            _err(line)
        return EXIT_ERROR
    # The pack joins the packs of the config, so collisions and dictionaries are those of a real run.
    session = _session(args, rule_packs=[str(args.file.resolve())])
    if session is None:
        return EXIT_ERROR
    for problem in session.errors:
        _err(problem)
    count, failures = run_examples(pack, session)
    for line in failures:
        print(f"{args.file}: {line}")
    rules = f"{len(pack.rules)} rule{'s' if len(pack.rules) != 1 else ''}"
    if failures:
        print(f"{args.file}: {rules}, {count} examples: {len(failures)} failed")
    else:
        print(f"{args.file}: {rules}, {count} examples: all pass")
    if session.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if failures else EXIT_OK


COMMANDS = {
    "check": cmd_check, "rules": cmd_rules, "rule": cmd_rule, "plugins": cmd_plugins, "check-pack": cmd_check_pack,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        code = COMMANDS[args.command](args)
        if argv is None:
            # Run as the program: the process ends now.  Frozen objects escape the collection
            # at interpreter exit, a pass over everything the run kept (60 ms for 200 drafts).
            import gc

            gc.freeze()
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
