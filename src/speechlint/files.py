"""Which files a run checks: folders walked for drafts, .gitignore and ``exclude`` honoured."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # imported where a pattern is matched: files named one by one (pre-commit) never need it
    import pathspec

#: Suffixes a folder walk picks up.
DRAFT_SUFFIXES = (".txt", ".md", ".markdown", ".docx")


class Candidate(NamedTuple):
    path: Path
    explicit: bool  # named on the command line (not found by a walk)


@lru_cache(maxsize=256)
def _spec(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    # Cached on the immutable pattern tuple: settings repeat across files.
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


# A pattern of these characters only (venv, node_modules, build) matches a path whose
# components include it, as a gitignore pattern: no need to import pathspec (≈ 15 ms).
_LITERAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.")


@lru_cache(maxsize=256)
def _literal_names(patterns: tuple[str, ...]) -> frozenset[str] | None:
    """The patterns as a set of names, or None when one of them is more than a plain name."""
    if all(p and set(p) <= _LITERAL and p.strip(".") for p in patterns):
        return frozenset(patterns)
    return None


@lru_cache(maxsize=256)
def _resolved(root: Path) -> Path:
    return root.resolve()


def excluded(
    path: Path, root: Path, patterns: Sequence[str], resolved: Path | None = None, is_dir: bool | None = None
) -> bool:
    """True when ``path`` (file or folder) matches an ``exclude`` pattern relative to ``root``.

    ``resolved`` (``path.resolve()``) and ``is_dir`` save a walk asking about each file the
    system calls it has made already.
    """
    try:
        rel = (resolved or path.resolve()).relative_to(_resolved(root))
    except ValueError:
        rel = Path(path.name)
    rel_s = rel.as_posix()
    names = _literal_names(tuple(patterns))
    if names is not None:
        return not names.isdisjoint(rel_s.split("/"))
    spec = _spec(tuple(patterns))
    return spec.match_file(rel_s) or ((path.is_dir() if is_dir is None else is_dir) and spec.match_file(rel_s + "/"))


def _git_root(start: Path) -> Path | None:
    for d in (start, *start.parents):
        if (d / ".git").exists():
            return d
    return None


def _read_gitignore(directory: Path) -> pathspec.PathSpec | None:
    f = directory / ".gitignore"
    if not f.is_file():
        return None
    import pathspec

    try:
        return pathspec.GitIgnoreSpec.from_lines(f.read_text(encoding="utf-8", errors="replace").splitlines())
    except Exception:
        return None


class GitIgnore:
    """The .gitignore files from the repository root down, each applied to paths below it."""

    def __init__(self) -> None:
        self._specs: dict[Path, pathspec.PathSpec | None] = {}
        self._roots: dict[Path, Path | None] = {}  # folder -> its repository root (a walk asks per file)

    def _git_root(self, directory: Path) -> Path | None:
        if directory not in self._roots:
            self._roots[directory] = _git_root(directory)
        return self._roots[directory]

    def _spec_for(self, directory: Path) -> pathspec.PathSpec | None:
        if directory not in self._specs:
            self._specs[directory] = _read_gitignore(directory)
        return self._specs[directory]

    def ignored(self, path: Path, resolved: Path | None = None, is_dir: bool | None = None) -> bool:
        path = resolved or path.resolve()
        top = self._git_root(path.parent)
        if top is None:
            return False
        is_dir = path.is_dir() if is_dir is None else is_dir
        for d in reversed(path.parents):
            if not d.is_relative_to(top):
                continue
            spec = self._spec_for(d)
            if spec is None:
                continue
            rel = path.relative_to(d).as_posix() + ("/" if is_dir else "")
            if spec.match_file(rel):
                return True
        return False


def discover(
    paths: Sequence[Path],
    exclude_for: Callable[[Path], tuple[Path, Sequence[str]]],
    force_exclude: bool = False,
) -> Iterator[Candidate]:
    """Yield files to check in order; ``exclude_for(path)`` gives (root, patterns) of its settings.

    A named folder is walked (hidden folders, .gitignore'd and excluded paths
    skipped); a named file is always checked unless ``force_exclude``.
    """
    gitignore = GitIgnore()
    seen: set[Path] = set()
    for given in paths:
        if given.is_dir():
            for dirpath, dirnames, filenames in os.walk(given):
                here = Path(dirpath)
                keep = []
                for name in sorted(dirnames):
                    sub = here / name
                    root, patterns = exclude_for(sub / "_")
                    if name.startswith(".") or excluded(sub, root, patterns) or gitignore.ignored(sub):
                        continue
                    keep.append(name)
                dirnames[:] = keep
                here_resolved: Path | None = None
                for name in sorted(filenames):
                    f = here / name
                    if f.suffix.lower() not in DRAFT_SUFFIXES or name.startswith("."):
                        continue
                    root, patterns = exclude_for(f)
                    # Once: excluded, ignored and seen all need it.  The folder is resolved once;
                    # only a file that is itself a link is resolved on its own.
                    if here_resolved is None:
                        here_resolved = here.resolve()
                    resolved = f.resolve() if os.path.islink(f) else here_resolved / name
                    if excluded(f, root, patterns, resolved) or gitignore.ignored(f, resolved):
                        continue
                    if resolved not in seen:
                        seen.add(resolved)
                        yield Candidate(f, explicit=False)
        else:
            if force_exclude:
                root, patterns = exclude_for(given)
                if excluded(given, root, patterns) or any(
                    excluded(parent, root, patterns)
                    for parent in given.resolve().parents
                    if parent.is_relative_to(root.resolve()) and parent != root.resolve()
                ):
                    continue
            resolved = given.resolve()
            if resolved not in seen:
                seen.add(resolved)
                yield Candidate(given, explicit=True)
