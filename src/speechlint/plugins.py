"""The plugin manager: built-in plugin, entry points, local plugin files; typed hook calls."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pluggy

from speechlint import hookspecs
from speechlint.rule import Rule

if TYPE_CHECKING:
    import importlib.metadata

ENTRY_POINT_GROUP = "speechlint"
BUILTIN_NAME = "speechlint.builtin"
AUTOLOAD_ENV = "SPEECHLINT_DISABLE_PLUGIN_AUTOLOAD"


class PluginError(Exception):
    """A plugin problem that stops the run (two rules with one code or name)."""


@dataclass(frozen=True)
class PluginInfo:
    name: str
    source: str  # "builtin", "entry point", "local file", "api"
    distribution: str = ""
    version: str = ""


@dataclass
class Plugins:
    pm: pluggy.PluginManager
    info: list[PluginInfo]
    errors: list[str]  # one line per plugin that failed to load


def _import_file(path: str) -> ModuleType:
    name = "speechlint_local_" + "".join(c if c.isalnum() else "_" for c in Path(path).stem)
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}".strip()


def load_plugins(
    builtin: object,
    local_files: Sequence[str] = (),
    disabled: Iterable[str] = (),
    extra: Sequence[object] = (),
    autoload: bool | None = None,
) -> Plugins:
    """Register the built-in plugin, entry-point plugins and local files; never raise on import errors."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    disabled = set(disabled)
    info: list[PluginInfo] = []
    errors: list[str] = []

    def register(plugin: object, name: str, pinfo: PluginInfo) -> None:
        try:
            pm.register(plugin, name=name)
        except Exception as e:  # pluggy validates hook signatures
            errors.append(f"plugin {name} could not be registered: {_describe(e)}")
            return
        info.append(pinfo)

    register(builtin, BUILTIN_NAME, PluginInfo(BUILTIN_NAME, "builtin", "speechlint", _own_version()))
    if autoload is None:
        autoload = os.environ.get(AUTOLOAD_ENV, "") in ("", "0")
    if autoload:
        for ep in sorted(_entry_points(ENTRY_POINT_GROUP), key=lambda e: e.name):
            if ep.name in disabled or pm.get_plugin(ep.name) is not None:
                continue
            dist = ep.dist
            try:
                plugin = ep.load()
            except Exception as e:
                errors.append(f"plugin {ep.name} ({ep.value}) failed to load: {_describe(e)}")
                continue
            register(plugin, ep.name, PluginInfo(ep.name, "entry point", dist.name if dist else "", dist.version if dist else ""))
    for path in local_files:
        name = path
        if name in disabled or Path(path).stem in disabled:
            continue
        try:
            module = _import_file(path)
        except Exception as e:
            errors.append(f"plugin {path} failed to load: {_describe(e)}")
            continue
        register(module, name, PluginInfo(name, "local file"))
    for i, plugin in enumerate(extra):
        name = getattr(plugin, "__name__", None) or f"plugin-{i}"
        if name in disabled:
            continue
        register(plugin, name, PluginInfo(name, "api"))
    return Plugins(pm, info, errors)


def collect_rules(pm: pluggy.PluginManager) -> tuple[list[Rule], list[str]]:
    """All rules, sorted by code; duplicates raise PluginError naming both plugins.

    A plugin whose hook raises or returns something that is not a Rule is an
    error line, and the run goes on without it.
    """
    rules: list[Rule] = []
    owner: dict[str, str] = {}
    errors: list[str] = []
    for impl in reversed(pm.hook.speechlint_rules.get_hookimpls()):
        try:
            batch = list(impl.function() or ())
        except Exception as e:
            errors.append(f"plugin {impl.plugin_name} failed in speechlint_rules: {_describe(e)}")
            continue
        for r in batch:
            if not isinstance(r, Rule):
                errors.append(f"plugin {impl.plugin_name} returned {r!r}, which is not a speechlint Rule")
                continue
            for key in (r.code, r.name):
                if key in owner:
                    raise PluginError(
                        f"rule {key} is defined twice: by plugin {owner[key]} and by plugin {impl.plugin_name}"
                    )
                owner[key] = impl.plugin_name
            rules.append(r)
    return sorted(rules, key=lambda r: r.code), errors


def rule_plugins(pm: pluggy.PluginManager) -> dict[str, str]:
    """Rule code -> the plugin that contributed it (for ``speechlint rules``)."""
    out: dict[str, str] = {}
    for impl in pm.hook.speechlint_rules.get_hookimpls():
        try:
            for r in impl.function() or ():
                if isinstance(r, Rule):
                    out[r.code] = impl.plugin_name
        except Exception:
            continue
    return out


def _entry_points(group: str) -> list[importlib.metadata.EntryPoint]:
    """``importlib.metadata.entry_points(group=group)``; importing that module costs about
    20 ms, spent only when an installed distribution may declare the group."""
    if not _may_declare(group):
        return []
    import importlib.metadata

    return list(importlib.metadata.entry_points(group=group))


def _may_declare(group: str) -> bool:
    """False when no distribution importlib.metadata would find declares entry points of ``group``.

    It finds them through the finders on ``sys.meta_path`` that offer ``find_distributions``;
    the standard one looks in each ``sys.path`` folder for ``*.dist-info`` and ``*.egg-info``
    folders.  Anything else (another such finder, a zip archive or an ``.egg`` on the path)
    is left to importlib.metadata: True.
    """
    from importlib.machinery import PathFinder

    if any(getattr(f, "find_distributions", None) is not None and f is not PathFinder for f in sys.meta_path):
        return True
    for entry in sys.path:
        folder = entry or "."
        try:
            with os.scandir(folder) as found:
                names = [e.name for e in found]
        except OSError:
            if os.path.isfile(folder):
                return True  # a zip archive
            continue
        for name in names:
            low = name.lower()
            if low.endswith(".egg"):
                return True
            if low.endswith((".dist-info", ".egg-info")):
                try:
                    with open(os.path.join(folder, name, "entry_points.txt"), encoding="utf-8", errors="replace") as f:
                        text = f.read()
                except OSError:
                    continue
                if any(line.strip().startswith("[") and group in line for line in text.splitlines()):
                    return True
    return False


def _own_version() -> str:
    from speechlint import __version__

    return __version__

