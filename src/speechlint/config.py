"""Configuration: discovery, TOML -> Settings, validation, rule selection.

Files: ``[tool.speechlint]`` in ``pyproject.toml`` (a pyproject without that table
is not a config file), ``speechlint.toml`` or ``.speechlint.toml`` (no prefix).
The closest file to a document wins; ``extend = "path"`` layers it on another.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from speechlint.document.tokenize import ENGINES
from speechlint.rule import Rule, Severity

CONFIG_NAMES = (".speechlint.toml", "speechlint.toml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration problem; the message is one line naming the file and the key."""


_LIST = "a list of strings"


def _is_str_list(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


# key -> (check, description of the expected type)
_KEYS: dict[str, tuple[Any, str]] = {
    "extend": (lambda v: isinstance(v, str), "a string"),
    "select": (_is_str_list, _LIST),
    "extend-select": (_is_str_list, _LIST),
    "ignore": (_is_str_list, _LIST),
    "per-file-ignores": (
        lambda v: isinstance(v, dict) and all(_is_str_list(x) for x in v.values()),
        "a table of glob = [codes]",
    ),
    "preview": (lambda v: isinstance(v, bool), "true or false"),
    "fail-on": (lambda v: v in ("error", "warning", "info"), '"error", "warning" or "info"'),
    "exclude": (_is_str_list, _LIST),
    "extend-exclude": (_is_str_list, _LIST),
    "genre": (lambda v: isinstance(v, str), "a string"),
    "home": (lambda v: isinstance(v, (str, int)), "a place name or a 6-digit code"),
    "accept": (_is_str_list, _LIST),
    "rules": (lambda v: isinstance(v, dict) and all(isinstance(x, dict) for x in v.values()), "a table of tables"),
    "genres": (lambda v: isinstance(v, dict) and all(isinstance(x, dict) for x in v.values()), "a table of tables"),
    "plugins": (_is_str_list, _LIST),
    "rule-packs": (_is_str_list, _LIST),
    "dictionaries": (_is_str_list, _LIST),
    "tokenizer": (lambda v: v in ENGINES, " or ".join(f'"{e}"' for e in ENGINES)),
}
#: Keys that shape the whole process: only the root config or --config may set them.
PROCESS_KEYS = ("plugins", "rule-packs", "dictionaries", "tokenizer")

DEFAULT_EXCLUDE = (
    ".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".speechlint_cache",
    "build", "dist",
)


@dataclass(frozen=True)
class Settings:
    """Resolved configuration for one directory."""

    root: Path = field(default_factory=Path.cwd)  # the folder relative paths are taken from
    path: Path | None = None  # the config file, if any
    select: tuple[str, ...] | None = None  # None: every stable rule
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    preview: bool = False
    fail_on: Severity = Severity.WARNING
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    genre: str | None = None
    home: str | None = None
    accept: tuple[str, ...] = ()
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    genres: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    plugins: tuple[str, ...] = ()
    rule_packs: tuple[str, ...] = ()
    dictionaries: tuple[str, ...] = ()
    tokenizer: str = "auto"

    def where(self, key: str) -> str:
        """Name of the config file and table, for messages."""
        if self.path is None:
            return "settings"
        table = "[tool.speechlint]" if self.path.name == "pyproject.toml" else ""
        return f"{self.path}{' ' + table if table else ''}"


@dataclass(frozen=True)
class Overrides:
    """What the command line says; each field left None keeps the config's value."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    preview: bool | None = None
    fail_on: str | None = None
    genre: str | None = None
    home: str | None = None
    tokenizer: str | None = None

    def apply(self, s: Settings) -> Settings:
        changes: dict[str, Any] = {}
        if self.select is not None:
            changes["select"] = self.select
        if self.extend_select is not None:
            changes["extend_select"] = s.extend_select + self.extend_select
        if self.ignore is not None:
            changes["ignore"] = s.ignore + self.ignore
        if self.preview is not None:
            changes["preview"] = self.preview
        if self.fail_on is not None:
            changes["fail_on"] = Severity(self.fail_on)
        for name in ("genre", "home", "tokenizer"):
            if getattr(self, name) is not None:
                changes[name] = getattr(self, name)
        return dataclasses.replace(s, **changes) if changes else s


def read_table(path: Path) -> dict[str, Any] | None:
    """The speechlint table of a config file, or None for a pyproject without one."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: malformed TOML: {e}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read: {e}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("speechlint")
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.speechlint] must be a table")
        return table
    return data


def _validate(path: Path, table: Mapping[str, Any]) -> None:
    prefix = "[tool.speechlint] " if path.name == "pyproject.toml" else ""
    for key, value in table.items():
        if key not in _KEYS:
            raise ConfigError(f"{path}: unknown key {prefix}'{key}'")
        check, expected = _KEYS[key]
        if not check(value):
            raise ConfigError(f"{path}: {prefix}'{key}' must be {expected}, not {value!r}")


def load_file(path: Path, seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    """Read, validate and resolve ``extend`` chains; paths in process keys become absolute."""
    path = path.resolve()
    if path in seen:
        raise ConfigError(f"{path}: 'extend' loops back to this file")
    table = read_table(path)
    if table is None:
        raise ConfigError(f"{path}: no [tool.speechlint] table")
    _validate(path, table)
    for key in ("plugins", "rule-packs", "dictionaries"):
        if key in table:
            table[key] = [str((path.parent / p).resolve()) for p in table[key]]
    base: dict[str, Any] = {}
    if "extend" in table:
        target = (path.parent / table.pop("extend")).resolve()
        if not target.is_file():
            raise ConfigError(f"{path}: 'extend' names a missing file {target}")
        base = load_file(target, seen + (path,))
        # Rules tables merge per rule; every other key is replaced.
        for key in ("rules", "genres"):
            if key in base and key in table:
                merged = {k: dict(v) for k, v in base[key].items()}
                for k, v in table[key].items():
                    merged.setdefault(k, {}).update(v)
                table[key] = merged
    return {**base, **table}


def settings_from_table(table: Mapping[str, Any], path: Path | None, root: Path) -> Settings:
    def tup(key: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        return tuple(table[key]) if key in table else default

    home = table.get("home")
    return Settings(
        root=root,
        path=path,
        select=tuple(table["select"]) if "select" in table else None,
        extend_select=tup("extend-select"),
        ignore=tup("ignore"),
        per_file_ignores=tuple((k, tuple(v)) for k, v in table.get("per-file-ignores", {}).items()),
        preview=table.get("preview", False),
        fail_on=Severity(table.get("fail-on", "warning")),
        exclude=tup("exclude", DEFAULT_EXCLUDE),
        extend_exclude=tup("extend-exclude"),
        genre=table.get("genre"),
        home=None if home is None else str(home),
        accept=tup("accept"),
        rules={k: dict(v) for k, v in table.get("rules", {}).items()},
        genres={k: dict(v) for k, v in table.get("genres", {}).items()},
        plugins=tup("plugins"),
        rule_packs=tup("rule-packs"),
        dictionaries=tup("dictionaries"),
        tokenizer=table.get("tokenizer", "auto"),
    )


def find_config(directory: Path) -> Path | None:
    """The closest config file at or above ``directory``."""
    for d in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            p = d / name
            if p.is_file():
                if name == "pyproject.toml":
                    try:
                        if read_table(p) is None:
                            continue
                    except ConfigError:
                        return p  # reported when loaded
                return p
    return None


class ConfigResolver:
    """Settings per directory, cached; the root settings decide process-wide keys."""

    def __init__(
        self,
        cwd: Path | None = None,
        config: Path | None = None,
        isolated: bool = False,
        overrides: Overrides = Overrides(),
    ) -> None:
        self.cwd = (cwd or Path.cwd()).resolve()
        self.explicit = config.resolve() if config else None
        self.isolated = isolated
        self.overrides = overrides
        self._cache: dict[Path, Settings] = {}
        # A broken root config stops the run: let ConfigError escape from here.
        if self.explicit is not None:
            if not self.explicit.is_file():
                raise ConfigError(f"{config}: config file not found")
            root_path: Path | None = self.explicit
        else:
            root_path = None if isolated else find_config(self.cwd)
        self.root = self._load(root_path, root=True)

    @classmethod
    def fixed(cls, settings: Settings) -> ConfigResolver:
        """A resolver that gives ``settings`` for every path (library use: no files read)."""
        resolver = cls(cwd=settings.root, isolated=True)
        resolver.root = settings
        return resolver

    def _load(self, path: Path | None, root: bool = False) -> Settings:
        if path is None:
            return self.overrides.apply(Settings(root=self.cwd))
        table = load_file(path)
        if not root:
            for key in PROCESS_KEYS:
                if key in table:
                    raise ConfigError(f"{path}: '{key}' is allowed only in the root config or --config")
        return self.overrides.apply(settings_from_table(table, path.resolve(), path.resolve().parent))

    def for_path(self, path: Path) -> Settings:
        """Settings for a document; raises ConfigError for a broken nested config."""
        if self.explicit is not None or self.isolated:
            return self.root
        # By the folder as given first: resolving costs system calls per path component, and
        # a run asks for every file (twice: for its excludes and for its settings).
        cached = self._cache.get(path.parent)
        if cached is not None:
            return cached
        directory = path.resolve().parent
        cached = self._cache.get(directory)
        if cached is not None:
            self._cache[path.parent] = cached
            return cached
        found = find_config(directory)
        if found is None or (self.root.path is not None and found.resolve() == self.root.path):
            settings = self.root
        else:
            settings = self._load(found)
            # Process-wide keys always come from the root.
            settings = dataclasses.replace(
                settings,
                plugins=self.root.plugins,
                rule_packs=self.root.rule_packs,
                dictionaries=self.root.dictionaries,
                tokenizer=self.root.tokenizer,
            )
        self._cache[directory] = self._cache[path.parent] = settings
        return settings


# -- selection -------------------------------------------------------------------


def _specificity(selector: str, rule: Rule) -> int:
    """How precisely ``selector`` names ``rule``: 0 not at all; an exact code or name is most."""
    if selector == "ALL":
        return 1
    if selector == rule.name or selector == rule.code:
        return 10
    if rule.code.startswith(selector):
        return 1 + len(selector)
    return 0


def known_selector(selector: str, rules: Iterable[Rule]) -> bool:
    return selector == "ALL" or any(_specificity(selector, r) for r in rules)


def _best(selectors: Iterable[str], rule: Rule) -> int:
    return max((_specificity(s, rule) for s in selectors), default=0)


def select_rules(rules: Sequence[Rule], settings: Settings, relpath: str | None = None) -> list[Rule]:
    """The rules that run on one file (ruff's semantics: the more specific selector wins)."""
    ignore = list(settings.ignore)
    if relpath is not None and settings.per_file_ignores:
        import pathspec

        for pattern, codes in settings.per_file_ignores:
            if pathspec.GitIgnoreSpec.from_lines([pattern]).match_file(relpath):
                ignore.extend(codes)
    chosen = []
    for r in rules:
        sel = _best(("ALL",) if settings.select is None else settings.select, r)
        sel = max(sel, _best(settings.extend_select, r))
        if sel == 0 or _best(ignore, r) >= sel:
            continue
        if r.preview and not settings.preview and sel < 10:
            continue
        chosen.append(r)
    return chosen
