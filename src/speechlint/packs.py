"""Rule packs: house-style rules written in TOML, for writers who do not program.

A pack is a TOML file with an optional ``[pack]`` table (``name``,
``description``) and one ``[[rule]]`` table per rule::

    [[rule]]
    kind = "substitution"            # existence | substitution | consistency | conditional
    code = "CTY003"                  # not a reserved prefix (DESIGN §3)
    name = "zuowei-form"
    message = "“{match}”应写作“{suggestion}”"
    swap = { "做为" = "作为" }
    flag = ["做为一名党员，要带头。"]    # must be flagged
    pass = ["作为一名党员，要带头。"]    # must not be flagged

Config ``rule-packs = ["packs/house.toml"]`` (root config only) loads packs;
``speechlint check-pack FILE`` validates one and runs its embedded examples.
Each loaded pack is registered as a plugin of its own, so a pack rule whose code
or name is taken stops the run exactly like a duplicate plugin rule.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from speechlint.hookspecs import hookimpl
from speechlint.kinds import FACTORIES, KindError
from speechlint.rule import CODE_RE, NAME_RE, Rule

if TYPE_CHECKING:
    from speechlint.linter import Session
    from speechlint.plugins import Plugins

#: Code prefixes of the built-in families and the engine (DESIGN §3); packs and plugins use others.
RESERVED_PREFIXES = ("STR", "ENU", "PAR", "GEN", "PLC", "PTC", "PUN", "DRF", "TRM", "NUM", "SLX")

_PACK_KEYS = ("pack", "rule")
_PACK_TABLE_KEYS = ("name", "description")
_COMMON = ("kind", "code", "name", "message", "severity", "boundary", "regex", "exceptions",
           "description", "flag", "pass")
# TOML key -> factory argument, per kind (TOML keys read better for writers; ``if`` is a Python keyword).
_KIND_KEYS: dict[str, dict[str, str]] = {
    "existence": {"phrases": "phrases", "suggestion": "suggestion", "max": "limit"},
    "substitution": {"swap": "swap"},
    "consistency": {"forms": "forms"},
    "conditional": {"if": "when", "then": "then", "suggestion": "suggestion"},
}
_REQUIRED: dict[str, tuple[str, ...]] = {
    "existence": ("phrases",),
    "substitution": ("swap",),
    "consistency": ("forms",),
    "conditional": ("if", "then"),
}


class PackError(Exception):
    """A malformed pack: every problem found, each naming the rule."""

    def __init__(self, path: str, problems: Sequence[str]) -> None:
        self.path = path
        self.problems = list(problems)
        super().__init__(f"{path}: " + "; ".join(self.problems))

    def lines(self) -> list[str]:
        return [f"{self.path}: {p}" for p in self.problems]


@dataclass(frozen=True)
class PackRule:
    rule: Rule
    flag: tuple[str, ...]  # examples that must be flagged
    passes: tuple[str, ...]  # examples that must not be


@dataclass(frozen=True)
class Pack:
    path: str
    name: str
    description: str
    rules: tuple[PackRule, ...]


# -- loading ------------------------------------------------------------------------


def load_pack(path: str | Path) -> Pack:
    """Read and validate a pack file; raise PackError listing every problem."""
    shown = str(path)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise PackError(shown, [f"malformed TOML: {e}"]) from None
    except OSError as e:
        raise PackError(shown, [f"cannot read: {e.strerror or e}"]) from None
    except UnicodeDecodeError:
        raise PackError(shown, ["cannot read: not UTF-8"]) from None
    return parse_pack(data, shown)


def parse_pack(data: Mapping[str, Any], path: str) -> Pack:
    problems: list[str] = []
    for key in data:
        if key not in _PACK_KEYS:
            problems.append(f"unknown key '{key}' (a pack has [pack] and [[rule]] tables)")
    head = data.get("pack", {})
    if not isinstance(head, dict):
        problems.append("[pack] must be a table")
        head = {}
    for key in head:
        if key not in _PACK_TABLE_KEYS:
            problems.append(f"[pack] unknown key '{key}'")
    for key in _PACK_TABLE_KEYS:
        if key in head and not isinstance(head[key], str):
            problems.append(f"[pack] '{key}' must be a string")
    entries = data.get("rule", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        problems.append("'rule' must be [[rule]] tables")
        entries = []
    elif not entries:
        problems.append("no [[rule]] table: the pack defines no rules")
    rules: list[PackRule] = []
    seen: dict[str, str] = {}
    for number, entry in enumerate(entries, 1):
        label = _label(number, entry)
        try:
            pr = _parse_rule(entry)
        except KindError as e:
            problems.append(f"{label}: {e}")
            continue
        for key in (pr.rule.code, pr.rule.name):
            if key in seen:
                problems.append(f"{label}: duplicate {'code' if key == pr.rule.code else 'name'} {key} (also {seen[key]})")
            seen.setdefault(key, label)
        rules.append(pr)
    if problems:
        raise PackError(path, problems)
    name = head.get("name") or Path(path).stem
    return Pack(path, name, head.get("description", ""), tuple(rules))


def _label(number: int, entry: Mapping[str, Any]) -> str:
    ident = " ".join(str(entry[k]) for k in ("code", "name") if isinstance(entry.get(k), str))
    return f"rule {number}" + (f" ({ident})" if ident else "")


def _parse_rule(entry: Mapping[str, Any]) -> PackRule:
    kind = entry.get("kind")
    if kind is None:
        raise KindError("missing field 'kind' (existence, substitution, consistency or conditional)")
    if not isinstance(kind, str) or kind not in FACTORIES:
        raise KindError(f"unknown kind {kind!r} (existence, substitution, consistency or conditional)")
    own = _KIND_KEYS[kind]
    for key in entry:
        if key not in _COMMON and key not in own:
            raise KindError(f"unknown field '{key}' for kind {kind}")
    for key in ("code", "name", "message", *_REQUIRED[kind]):
        if key not in entry:
            raise KindError(f"missing field '{key}'")
    code, name = entry["code"], entry["name"]
    if not isinstance(code, str) or not CODE_RE.match(code):
        raise KindError(f"code {code!r} must be three capital letters and three digits")
    if code[:3] in RESERVED_PREFIXES:
        raise KindError(f"code prefix {code[:3]} is reserved for built-in rules; use another prefix")
    if not isinstance(name, str) or not NAME_RE.match(name):
        raise KindError(f"name {name!r} must be kebab-case (lower-case words joined by '-')")
    for key in ("severity", "boundary", "description", "suggestion"):
        if key in entry and not isinstance(entry[key], str):
            raise KindError(f"'{key}' must be a string")
    if "regex" in entry and not isinstance(entry["regex"], bool):
        raise KindError("'regex' must be true or false")
    for key in ("flag", "pass"):
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(x, str) and x for x in value):
            raise KindError(f"'{key}' must be a list of example texts")
    kwargs: dict[str, Any] = {arg: entry[key] for key, arg in own.items() if key in entry}
    for key in ("severity", "boundary", "regex", "exceptions"):
        if key in entry:
            kwargs[key] = entry[key]
    if kind == "conditional":
        # ``if`` and ``then`` may be one phrase or a list of them.
        for arg in ("when", "then"):
            if isinstance(kwargs[arg], str):
                kwargs[arg] = [kwargs[arg]]
    description = entry.get("description", "").strip()
    summary, _, rest = description.partition("\n")
    r = FACTORIES[kind](
        code=code, name=name, message=entry["message"], summary=summary.strip(), doc=rest, **kwargs,
    )
    flag, passes = tuple(entry.get("flag", [])), tuple(entry.get("pass", []))
    if flag or passes:
        shown = [("报告", x) for x in flag] + [("不报", x) for x in passes]
        blocks = "\n\n".join(f"{label}：\n```text\n{x}\n```" for label, x in shown)
        r = dataclasses.replace(r, doc=f"{r.doc}\n\n## 示例\n{blocks}")
    return PackRule(r, flag, passes)


# -- registration in a Session -------------------------------------------------------


class PackPlugin:
    """A loaded pack, registered with the plugin manager like any plugin."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack

    @hookimpl
    def speechlint_rules(self) -> Sequence[Rule]:
        return [pr.rule for pr in self.pack.rules]


def register_packs(plugins: Plugins, paths: Iterable[str], disabled: Iterable[str] = ()) -> list[str]:
    """Load each pack and register it under its path; return one error line per broken pack."""
    from speechlint.plugins import PluginInfo

    disabled = set(disabled)
    errors: list[str] = []
    for path in dict.fromkeys(paths):  # a pack named twice is loaded once
        if path in disabled or Path(path).stem in disabled:
            continue
        try:
            pack = load_pack(path)
        except PackError as e:
            errors.append(f"rule pack {e}")
            continue
        try:
            plugins.pm.register(PackPlugin(pack), name=path)
        except ValueError as e:
            errors.append(f"rule pack {path} could not be registered: {e}")
            continue
        plugins.info.append(PluginInfo(path, "rule pack"))
    return errors


# -- check-pack: run the embedded examples ------------------------------------------


def run_examples(pack: Pack, session: Session) -> tuple[int, list[str]]:
    """Run every embedded example through ``session``; return (examples run, failure lines)."""
    from speechlint.testing import Case, fix_text, lint_case

    failures: list[str] = []
    count = 0
    for pr in pack.rules:
        r = pr.rule
        who = f"{r.code} {r.name}"
        if not pr.flag:
            failures.append(f"{who}: no flag example (every rule needs at least one text it must flag)")

        def lint(text: str) -> list[Any] | str:
            try:
                return lint_case(session, r.code, text)
            except AssertionError as e:  # the rule crashed
                return str(e)

        for number, text in enumerate(pr.flag, 1):
            count += 1
            found = lint(text)
            if isinstance(found, str):
                failures.append(f"{who}: flag example {number} crashed: {found}")
            elif not found:
                failures.append(f"{who}: flag example {number} was not flagged: {text}")
            elif any(d.fix for d in found):
                # A fix must settle: a replacement that the rule flags again would loop.
                try:
                    fixed = fix_text(session, r.code, Case("flag", text, 0, unsafe=True))
                except AssertionError:
                    failures.append(f"{who}: flag example {number}: its fix never settles (the replacement is flagged again)")
                    continue
                if lint(fixed):
                    failures.append(f"{who}: flag example {number} is still flagged after its fix: {fixed}")
        for number, text in enumerate(pr.passes, 1):
            count += 1
            found = lint(text)
            if isinstance(found, str):
                failures.append(f"{who}: pass example {number} crashed: {found}")
            elif found:
                where = ", ".join(f"{d.start.line}:{d.start.column} “{d.match}”" for d in found)
                failures.append(f"{who}: pass example {number} was flagged at {where}: {text}")
    return count, failures
