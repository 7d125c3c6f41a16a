"""The content cache (``.speechlint_cache/``): a rerun over unchanged files is nearly free.

One small JSON file per checked file, named by a hash of what decides which
file and which rules: the path (as read and as shown), the resolved settings,
the selected rules, and the session's fingerprint (versions of Python,
speechlint and every plugin; the modification times of speechlint's own files,
of local plugins, rule packs and user dictionaries; the root settings).  The
entry holds a hash of the file's bytes and the diagnostics found in them: it
is used only when the bytes are the same, and an edited file overwrites its
own entry, so the folder never holds more entries than files x configurations.

Entries are written atomically (a temporary file, then ``os.replace``), so two
runs that share the folder each read either a whole old or a whole new entry;
an entry that cannot be read or parsed is a miss.  A folder that cannot be
written only makes the run slower.  The folder has its own ``.gitignore``.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from speechlint import __version__
from speechlint.diagnostic import Diagnostic, made_diagnostic, made_position
from speechlint.fix import Applicability, Edit, Fix, Span, trusted_span
from speechlint.rule import Severity

CACHE_DIR = ".speechlint_cache"
#: Bumped when the entry layout changes: old entries then miss.
FORMAT = 2  # 2: a finding is an array (diagnostic_to_row), not an object


def diagnostic_to_row(d: Diagnostic) -> list[Any]:
    """A finding as one JSON array (a rerun decodes arrays faster than objects, and they take less room)."""
    fix = d.fix
    return [
        d.code, d.rule, d.severity.value, d.path, d.span.start, d.span.end,
        d.start.line, d.start.column, d.end.line, d.end.column, d.message, d.match,
        None if fix is None else [fix.title, fix.applicability.value, [[e.span.start, e.span.end, e.replacement] for e in fix.edits]],
    ]


def diagnostic_from_row(row: list[Any]) -> Diagnostic:
    """The finding ``diagnostic_to_row`` wrote; a damaged row raises ValueError, KeyError or TypeError."""
    code, rule, severity, path, start, end, start_line, start_column, end_line, end_column, message, match, f = row
    if not 0 <= start <= end:  # an entry is read back as it was written; a damaged one is a miss
        raise ValueError(f"invalid span {start}..{end}")
    fix = None
    if f is not None:
        title, applicability, edits = f
        fix = Fix(title, tuple(Edit(Span(s, e), r) for s, e, r in edits), Applicability(applicability))
    # A rerun rebuilds every finding from its entry: without the dataclass __init__ (see made_diagnostic).
    return made_diagnostic(
        code,
        rule,
        _SEVERITIES[severity],  # a dict look-up: an Enum call costs more than the rest
        path,
        trusted_span(start, end),
        made_position(start_line, start_column),
        made_position(end_line, end_column),
        message,
        match,
        fix,
    )


_SEVERITIES = {s.value: s for s in Severity}


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Cache:
    """The entries under ``folder`` for one session (``fingerprint`` from ``session_fingerprint``)."""

    def __init__(self, folder: Path, fingerprint: str, writes: bool = True) -> None:
        self.folder = folder
        self.fingerprint = fingerprint
        self.writes = writes  # False: read entries, never create or change any (--diff)
        self._ready = False

    def key(self, *parts: str) -> str:
        """The entry name for one file: its path, shown name, settings and selected rules."""
        h = hashlib.sha256(f"{FORMAT}\0{self.fingerprint}".encode())
        for part in parts:
            h.update(b"\0")
            h.update(part.encode("utf-8", errors="surrogatepass"))
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str, content: str) -> list[Diagnostic] | None:
        """The cached diagnostics when the entry exists and was made from the same bytes."""
        try:
            entry = json.loads(self._path(key).read_bytes())
            if entry["content"] != content:
                return None
            return [diagnostic_from_row(x) for x in entry["diagnostics"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, content: str, diagnostics: Iterable[Diagnostic]) -> None:
        if not self.writes:
            return
        entry = {"content": content, "diagnostics": [diagnostic_to_row(d) for d in diagnostics]}
        target = self._path(key)
        tmp = None
        try:
            import tempfile  # only when writing: a rerun from the cache writes nothing

            self._prepare()
            target.parent.mkdir(exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(entry, f, ensure_ascii=False)
            os.replace(tmp, target)
        except OSError:
            if tmp is not None:  # a cache that cannot be written is only slower
                try:
                    os.unlink(tmp)
                except OSError:
                    pass

    def _prepare(self) -> None:
        if self._ready:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            import tempfile

            # Written atomically too: a second run may be creating it at the same moment.
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write("# Created by speechlint: the content cache, safe to delete.\n*\n")
            os.replace(tmp, ignore)
        self._ready = True


def session_fingerprint(parts: Iterable[str], files: Iterable[str]) -> str:
    """Python and speechlint versions, the state of speechlint's files, ``parts``, and ``files``' states."""
    out = [sys.version, __version__, _package_state(), *parts]
    for f in files:
        try:
            st = os.stat(f)
            out.append(f"{f}:{st.st_mtime_ns}:{st.st_size}")
        except OSError:
            out.append(f"{f}:missing")
    return "\n".join(out)


def _package_state() -> str:
    """Newest modification time of speechlint's own files: an edited rule or data file invalidates."""
    here = os.path.dirname(os.path.abspath(__file__))
    newest = 0
    count = 0
    for dirpath, dirnames, names in os.walk(here):
        dirnames[:] = [d for d in dirnames if d != "__pycache__"]
        for name in names:
            if not name.endswith(".pyc"):
                newest = max(newest, os.stat(os.path.join(dirpath, name)).st_mtime_ns)
                count += 1
    return f"{newest}:{count}"  # the count notices a deleted file
