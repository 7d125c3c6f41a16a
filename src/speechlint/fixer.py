"""The fix loop and the writer: ``--fix``, ``--unsafe-fixes``, ``--diff`` and fixing stdin.

One pass lints the text and applies every applicable fix that does not overlap
one applied before it (``speechlint.fix.apply_fixes``); the text is read again
and the next pass picks up what waited.  Passes repeat until nothing changes,
at most ``MAX_PASSES`` times.

A file is written only when decoding and encoding it again gives back its exact
bytes (so the edits are the only change: encoding, BOM and every line ending
stay, because ``Document.text`` keeps ``\\r\\n`` and no edit spans one), and
only if it did not change on disk meanwhile.  The write is atomic: a temporary
file in the same folder, the old file's mode, then ``os.replace``.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from speechlint.config import Settings
from speechlint.diagnostic import Diagnostic
from speechlint.document import Document
from speechlint.fix import Applicability, apply_fixes
from speechlint.lazyre import lazy_re
from speechlint.linter import FileError, FileResult, Report, Session, portable_result
from speechlint.readers import ReadError, encode

MAX_PASSES = 10
# Encodings whose diff lines can be written in the file's own bytes for `patch`.
_ASCII_SUPERSETS = ("utf-8", "gb18030", "gbk", "gb2312")
_DIFF_LINE = lazy_re(r"[^\n]*\n|[^\n]+")


@dataclass(frozen=True)
class FixMode:
    unsafe: bool = False  # --unsafe-fixes
    write: bool = True  # False for --diff and stdin: compute only
    max_passes: int = MAX_PASSES

    def applies(self, d: Diagnostic) -> bool:
        if d.fix is None:
            return False
        return d.fix.applicability is Applicability.SAFE or (
            self.unsafe and d.fix.applicability is Applicability.UNSAFE
        )


@dataclass
class FileFix:
    """What fixing did to one file."""

    path: str
    before: str
    after: str
    encoding: str
    bom: bool
    applied: int  # fixes applied over all passes
    settled: bool  # False: MAX_PASSES ran out with fixes still to apply

    @property
    def changed(self) -> bool:
        return self.after != self.before

    def data(self) -> bytes:
        """The fixed file's bytes (encoding and BOM kept)."""
        return encode(self.after, self.encoding, self.bom)


@dataclass
class FixRun:
    """A check run that fixed: the report holds the diagnostics that remain."""

    report: Report
    fixes: list[FileFix] = field(default_factory=list)

    @property
    def applied(self) -> int:
        return sum(f.applied for f in self.fixes)

    def summary(self, mode: FixMode) -> list[str]:
        """Lines for stderr: fixes applied (or that would be), fixes that remain, the pass bound."""
        changed = [f for f in self.fixes if f.changed]
        remaining = len(self.report.diagnostics)
        if mode.write:
            head = f"已修复 {self.applied} 处（{len(changed)} 个文件），剩余 {remaining} 处问题。"
        else:
            head = f"可修复 {self.applied} 处（{len(changed)} 个文件），修复后剩余 {remaining} 处问题；未写入任何文件。"
        lines = [head]
        if not mode.unsafe:
            unsafe = sum(
                1 for d in self.report.diagnostics if d.fix and d.fix.applicability is Applicability.UNSAFE
            )
            if unsafe:
                lines.append(f"另有 {unsafe} 处可用 --unsafe-fixes 修复（请先确认）。")
        for f in self.fixes:
            if not f.settled:
                lines.append(f"{f.path}: 修复 {mode.max_passes} 轮后仍未收敛，其余修复未应用。")
        return lines


class Unfixable(Exception):
    """A file whose text cannot be written back exactly (a .docx, an encoding that does not round-trip)."""


def fix_result(
    session: Session, result: FileResult, path: Path, data: bytes, mode: FixMode
) -> tuple[FileResult, FileFix | None, list[FileError]]:
    """Fix one checked file until its fixes settle.

    ``result`` is the first pass (from ``Session.check_data``) and ``data`` the
    bytes it was read from.  Returns the result for the fixed text (its remaining
    diagnostics), the FileFix (None when there was nothing to fix) and the errors
    of later passes.  Raises Unfixable.
    """
    doc = result.document
    if doc is None or not any(mode.applies(d) for d in result.diagnostics):
        return result, None, []
    if doc.format == "docx":
        raise Unfixable(f"{result.path}: --fix 不修改 .docx 文件")
    try:
        exact = encode(doc.text, doc.encoding, doc.bom) == data
    except (LookupError, UnicodeError):
        exact = False
    if not exact:
        raise Unfixable(f"{result.path}: 无法按原样写回（解码后再编码与原文件不一致），未修复")
    settings = session.resolver.for_path(path)
    diagnostics = result.diagnostics
    errors: list[FileError] = []
    applied = 0
    settled = True
    for n in range(mode.max_passes + 1):
        fixes = [d.fix for d in diagnostics if d.fix is not None and mode.applies(d)]
        if not fixes:
            break
        if n == mode.max_passes:
            settled = False
            break
        text, count = apply_fixes(doc.text, fixes)
        if count == 0 or text == doc.text:
            break
        applied += count
        try:
            doc = _reread(session, path, doc, text, settings)
        except (ReadError, UnicodeError) as e:
            return result, None, [FileError(result.path, f"fixed text cannot be read back: {e}")]
        diagnostics, errs = session.lint_document(doc, settings)
        errors.extend(e for e in errs if e not in errors)
    before = result.document
    assert before is not None  # checked on entry
    fix = FileFix(result.path, before.text, doc.text, before.encoding, before.bom, applied, settled)
    return FileResult(result.path, doc, diagnostics), fix, errors


def _reread(session: Session, path: Path, old: Document, text: str, settings: Settings) -> Document:
    """The Document for the fixed text, read by the same reader as the original."""
    doc = session.read(path, encode(text, old.encoding, old.bom), settings)
    if doc is None:
        raise ReadError("no reader takes it any more")
    return doc.evolve(path=old.path)


def fix_paths(
    session: Session, paths: Sequence[Path], mode: FixMode, force_exclude: bool = False, jobs: int = 1
) -> FixRun:
    """``check --fix`` / ``--diff`` over files and folders (``jobs`` > 1: forked workers, same result)."""
    from speechlint.jobs import map_in_order

    run = FixRun(Report(errors=[FileError(None, e) for e in session.errors]))
    report = run.report
    docx = 0
    files = list(session.iter_files(paths, force_exclude))
    work = partial(_fix_file, session, mode, jobs > 1)
    for done in map_in_order(files, work, jobs):
        report.errors.extend(done.check_errors)
        report.notes.extend(done.notes)
        report.errors.extend(e for e in done.fix_errors if e not in report.errors)
        docx += done.docx
        if done.result is not None:
            report.files.append(session.adopt(done.result))
        if done.fix is not None:
            run.fixes.append(done.fix)
    if docx:
        report.notes.append(f"--fix 不修改 .docx 文件（{docx} 个），请在 Word 中修改")
    return run


@dataclass
class _FileDone:
    """What fixing one file gives back (plain data: it may come from a worker process)."""

    result: FileResult | None = None
    fix: FileFix | None = None
    check_errors: list[FileError] = field(default_factory=list)
    fix_errors: list[FileError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    docx: bool = False


def _fix_file(session: Session, mode: FixMode, portable: bool, item: tuple[Path, bool]) -> _FileDone:
    path, explicit = item
    if explicit and not path.exists():
        return _FileDone(check_errors=[FileError(str(path), "no such file or folder")])
    try:
        data = path.read_bytes()
    except OSError as e:
        return _FileDone(check_errors=[FileError(str(path), f"cannot read: {e.strerror or e}")])
    result, errors, notes = session.check_data(path, data, explicit)
    done = _FileDone(check_errors=errors, notes=notes)
    if result is None:
        return done
    if result.document is not None and result.document.format == "docx":
        done.docx = True  # said once, after the loop
        done.result = portable_result(result) if portable else result
        return done
    try:
        fixed, fix, errors = fix_result(session, result, path, data, mode)
    except Unfixable as e:
        fixed, fix, errors = result, None, []
        done.notes.append(str(e))
    done.fix_errors = errors
    if fix is not None and mode.write and fix.changed:
        try:
            write_atomic(path, fix.data(), expect=data)
        except (OSError, ValueError) as e:
            done.fix_errors.append(FileError(fix.path, f"cannot write: {getattr(e, 'strerror', None) or e}"))
            fixed, fix = result, None  # not written: the findings are those of the file as it is
    done.result = portable_result(fixed) if portable else fixed
    done.fix = fix
    return done


def fix_data(session: Session, name: Path, shown: str, data: bytes, mode: FixMode | None) -> FixRun:
    """Check (and with ``mode``, fix) bytes from stdin as the file ``name``; nothing is written."""
    run = FixRun(Report(errors=[FileError(None, e) for e in session.errors]))
    report = run.report
    result, errors, notes = session.check_data(name, data, True, shown=shown)
    report.errors.extend(errors)
    report.notes.extend(notes)
    if result is None:
        return run
    if mode is not None:
        try:
            result, fix, errors = fix_result(session, result, name, data, mode)
        except Unfixable as e:
            fix, errors = None, []
            report.notes.append(str(e))
        report.errors.extend(e for e in errors if e not in report.errors)
        if fix is not None:
            run.fixes.append(fix)
    report.files.append(result)
    return run


# -- writing ------------------------------------------------------------------------


def write_atomic(path: Path, data: bytes, expect: bytes | None = None) -> None:
    """Replace the file's bytes: temp file in the same folder, same mode, then rename.

    ``expect``: the bytes the fix was computed from; if the file no longer holds
    them (an editor saved it meanwhile), nothing is written (ValueError).
    """
    target = path.resolve()  # a symlink keeps pointing at the fixed file
    if expect is not None and target.read_bytes() != expect:
        raise ValueError("the file changed while it was being checked; not written")
    mode = stat.S_IMODE(target.stat().st_mode)
    import tempfile  # only when writing a fix

    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".speechlint-tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# -- diff ---------------------------------------------------------------------------


def unified_diff(fix: FileFix) -> bytes:
    """A unified diff of the fix that GNU ``patch`` applies to the original file.

    Lines are split at ``\\n`` only, as ``patch`` does (a ``\\r\\n`` stays on its
    line), and written in the file's own encoding when it is ASCII-compatible;
    the BOM stays on the first line.
    """
    if not fix.changed:
        return b""
    own = fix.encoding in _ASCII_SUPERSETS
    encoding = fix.encoding if own else "utf-8"
    prefix = "\ufeff" if fix.bom and own else ""
    before = _DIFF_LINE.findall(prefix + fix.before)
    after = _DIFF_LINE.findall(prefix + fix.after)
    out: list[bytes] = []
    name = os.fsencode(fix.path)
    import difflib  # only for --diff

    for i, line in enumerate(difflib.unified_diff(before, after, n=3, lineterm="\n")):
        if i < 2:  # the two headers; a content line may start with "---" too
            out.append((b"--- " if i == 0 else b"+++ ") + name + b"\n")
        elif line.startswith("@@"):
            out.append(line.encode("ascii"))
        else:
            body = line.encode(encoding)
            out.append(body if body.endswith(b"\n") else body + b"\n\\ No newline at end of file\n")
    return b"".join(out)
