"""The Session: one per run.  Reads files, runs the selected rules, stamps Diagnostics."""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Any

from speechlint.config import ConfigError, ConfigResolver, Settings, known_selector, select_rules
from speechlint.diagnostic import Diagnostic, made_diagnostic, made_position
from speechlint.document import Document
from speechlint.document.tokenize import Tokenizer
from speechlint.files import discover
from speechlint.fix import Span
from speechlint.plugins import Plugins, collect_rules, load_plugins
from speechlint.readers import ReadError
from speechlint.resources import Resources
from speechlint.rule import Rule, Severity

if TYPE_CHECKING:
    from speechlint.cache import Cache


@dataclass
class FileResult:
    path: str
    document: Document | None
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass(frozen=True)
class FileError:
    path: str | None
    message: str


@dataclass
class Report:
    files: list[FileResult] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for f in self.files for d in f.diagnostics]


class Session:
    """The composition root: plugin manager, rules, settings, resources and the tokenizer."""

    def __init__(
        self,
        resolver: ConfigResolver | None = None,
        *,
        disabled_plugins: Sequence[str] = (),
        plugins: Sequence[object] = (),
        rule_packs: Sequence[str] = (),
        verbose: bool = False,
        cache: bool = False,
        cache_writes: bool = True,
    ) -> None:
        from speechlint.builtin import BuiltinPlugin

        self.resolver = resolver or ConfigResolver(isolated=True)
        root = self.resolver.root
        self.verbose = verbose
        self.resources = Resources(genres_extra=dict(root.genres))
        self.plugins: Plugins = load_plugins(
            BuiltinPlugin(self), root.plugins, disabled_plugins, extra=plugins
        )
        self.errors: list[str] = list(self.plugins.errors)  # session-level problems, one line each
        packs = (*root.rule_packs, *rule_packs)  # rule_packs: extra packs (check-pack)
        if packs:
            from speechlint.packs import register_packs

            self.errors.extend(register_packs(self.plugins, packs, disabled_plugins))
        rules, rule_errors = collect_rules(self.plugins.pm)
        self.errors.extend(rule_errors)
        self.rules: list[Rule] = rules
        self._known_codes = frozenset(r.code for r in rules)  # every Document is told them
        self._by_key: dict[str, Rule] = {k: r for r in rules for k in (r.code, r.name)}
        self._tokenizer: Tokenizer | None = None
        self._options: dict[tuple[int, str], tuple[Settings, Any, Severity]] = {}
        self._selected: dict[int, tuple[Settings, list[Rule]]] = {}
        self.validate(root)
        self.cache: Cache | None = self._open_cache(cache_writes) if cache else None

    def _open_cache(self, writes: bool) -> Cache:
        """The content cache in the root settings' folder (DESIGN §10; see speechlint.cache)."""
        import importlib.util

        from speechlint.cache import CACHE_DIR, Cache, session_fingerprint

        root = self.resolver.root
        parts = [repr(root), *(f"{p.name}|{p.source}|{p.distribution}|{p.version}" for p in self.plugins.info)]
        if root.tokenizer == "auto":  # which engine "auto" takes changes the tokens
            parts.append(f"rjieba:{importlib.util.find_spec('rjieba') is not None}")
        files = [p.name for p in self.plugins.info if p.source in ("local file", "rule pack")]
        return Cache(root.root / CACHE_DIR, session_fingerprint(parts, [*files, *root.dictionaries]), writes)

    # -- rules and options ------------------------------------------------------

    def rule(self, key: str) -> Rule | None:
        return self._by_key.get(key) or self._by_key.get(key.upper())

    def validate(self, settings: Settings) -> None:
        """Selectors, rule tables and option types; raises ConfigError naming file and key."""
        for key, selectors in (
            ("select", settings.select or ()),
            ("extend-select", settings.extend_select),
            ("ignore", settings.ignore),
            ("per-file-ignores", [c for _, codes in settings.per_file_ignores for c in codes]),
        ):
            for s in selectors:
                if not known_selector(s, self.rules):
                    raise ConfigError(f"{settings.where(key)}: unknown rule selector '{s}' in '{key}'")
        for name in settings.rules:
            self._resolve_options(settings, name)
        # [genres.<name>] tables and the genre setting (--genre, config `genre`).
        self.resources.validate_genres(settings.genres, settings.where("genres"), settings.genre)
        # The home setting (--home, config `home`): a unit name or 6-digit code of the gazetteer.
        self.resources.validate_home(settings.home, settings.where("home"))

    def _resolve_options(self, settings: Settings, name: str) -> tuple[Any, Severity]:
        r = self.rule(name)
        where = settings.where("rules")
        if r is None:
            raise ConfigError(f"{where}: unknown rule '{name}' in [rules.{name}]")
        table = dict(settings.rules.get(name, {}))
        severity = r.severity
        if "severity" in table:
            value = table.pop("severity")
            if value not in ("error", "warning", "info"):
                raise ConfigError(f"{where}: [rules.{name}] severity must be error, warning or info, not {value!r}")
            severity = Severity(value)
        fields = {f.name.replace("_", "-"): f for f in dataclasses.fields(r.options)}
        kwargs = {}
        defaults = r.options()
        for key, value in table.items():
            f = fields.get(key) or fields.get(key.replace("_", "-"))
            if f is None:
                known = ", ".join(sorted(fields)) or "none"
                raise ConfigError(f"{where}: [rules.{name}] unknown option '{key}' (options: {known})")
            default = getattr(defaults, f.name)
            if not _same_type(default, value):
                raise ConfigError(
                    f"{where}: [rules.{name}] '{key}' must be {type(default).__name__}, not {value!r}"
                )
            kwargs[f.name] = tuple(value) if isinstance(default, tuple) else value
        return r.options(**kwargs), severity

    def options_for(self, r: Rule, settings: Settings) -> tuple[Any, Severity]:
        key = (id(settings), r.code)
        cached = self._options.get(key)
        # The entry holds its Settings: a collected one's id may be reused by a new object.
        if cached is None or cached[0] is not settings:
            name = next((k for k in (r.name, r.code) if k in settings.rules), None)
            cached = (settings, *(self._resolve_options(settings, name) if name else (r.options(), r.severity)))
            self._options[key] = cached
        return cached[1], cached[2]

    def selected(self, settings: Settings, path: str | None) -> list[Rule]:
        """The rules that run on the file ``path`` under ``settings``."""
        if settings.per_file_ignores:
            return select_rules(self.rules, settings, _relpath(path, settings.root))
        # Without per-file-ignores the answer is the same for every file of these settings.
        cached = self._selected.get(id(settings))
        if cached is None or cached[0] is not settings:
            cached = self._selected[id(settings)] = (settings, select_rules(self.rules, settings))
        return cached[1]

    # -- tokenizer --------------------------------------------------------------

    def tokenizer(self) -> Tokenizer:
        """Built once per session, on the first call (so PUN-only runs never import jieba)."""
        if self._tokenizer is None:
            self._tokenizer = self.plugins.pm.hook.speechlint_tokenizer(settings=self.resolver.root)
        assert self._tokenizer is not None
        return self._tokenizer

    # -- reading ----------------------------------------------------------------

    def read(self, path: Path, data: bytes, settings: Settings) -> Document | None:
        """The Document for ``path``, or None when no reader takes its format."""
        doc = self.plugins.pm.hook.speechlint_read(path=path, data=data, settings=settings)
        if doc is None:
            return None
        return self.contextualise(doc, settings)

    def contextualise(self, doc: Document, settings: Settings) -> Document:
        return doc.evolve(
            tokenizer_factory=self.tokenizer,
            resources=self.resources,
            genre_hint=settings.genre or doc.genre_hint,
            home_hint=settings.home or doc.home_hint,
            known_codes=self._known_codes,
        )

    # -- linting ----------------------------------------------------------------

    def lint_document(
        self, doc: Document, settings: Settings, rules: Sequence[Rule] | None = None
    ) -> tuple[list[Diagnostic], list[FileError]]:
        """Run rules on one Document: stamp, exempt, resolve overlaps, sort."""
        if rules is None:
            rules = self.selected(settings, doc.path)
        errors: list[FileError] = []
        found: list[tuple[Rule, Diagnostic]] = []
        for r in rules:
            options, severity = self.options_for(r, settings)
            try:
                for v in r.check(doc, options):
                    found.append((r, self._stamp(doc, r, severity, v)))
            except Exception as e:
                if self.verbose:
                    import traceback  # only for a crash report

                    detail = traceback.format_exc()
                else:
                    detail = f"{type(e).__name__}: {e}"
                errors.append(FileError(doc.path, f"rule {r.code} crashed on {doc.path or '<text>'}: {detail}"))
        exempt = list(doc.exempt)
        for batch in self.plugins.pm.hook.speechlint_exempt_spans(document=doc):
            exempt.extend(batch or ())
        accepted = list(_accepted_spans(doc.text, settings.accept))
        exempted = _exemption_test(exempt)
        kept = [
            (r, d) for r, d in found if not exempted(d) and not (accepted and any(a.contains(d.span) for a in accepted))
        ]
        diagnostics = _resolve_overlaps(kept)
        diagnostics.sort(key=Diagnostic.sort_key)
        return diagnostics, errors

    def _stamp(self, doc: Document, r: Rule, severity: Severity, v: Any) -> Diagnostic:
        if v.severity is not None and v.severity.rank < severity.rank:
            severity = v.severity
        span = v.span
        text = doc.text
        if not 0 <= span.end <= len(text):
            raise ValueError(f"span {span.start}..{span.end} is outside the text")
        position = doc.lines.position
        sl, sc = position(span.start)
        el, ec = position(span.end)
        return made_diagnostic(
            r.code,
            r.name,
            severity,
            doc.path,
            span,
            made_position(sl, sc),
            made_position(el, ec),
            v.message,
            text[span.start : span.end],
            v.fix,
        )

    def check_file(self, path: Path, explicit: bool = True) -> tuple[FileResult | None, list[FileError], list[str]]:
        """Read and lint one file; every failure is an error for this file only."""
        try:
            data = path.read_bytes()
        except OSError as e:
            return None, [FileError(str(path), f"cannot read: {e.strerror or e}")], []
        return self.check_data(path, data, explicit)

    def check_data(
        self, path: Path, data: bytes, explicit: bool = True, shown: str | None = None
    ) -> tuple[FileResult | None, list[FileError], list[str]]:
        """Lint bytes as the file ``path`` (config, reader); stdin comes here with its --stdin-filename."""
        shown = str(path) if shown is None else shown
        try:
            settings = self.resolver.for_path(path)
            self.validate(settings)
        except ConfigError as e:
            return None, [FileError(shown, str(e))], []
        cached = key = content = None
        if self.cache is not None:
            from speechlint.cache import content_hash

            # The selected rules follow from the settings, the path and the session's plugins.
            key, content = self.cache.key(str(path), shown, repr(settings)), content_hash(data)
            cached = self.cache.get(key, content)
            if cached is not None:
                # An entry is written only after this reader took these bytes under these
                # settings: the Document is read if a formatter, the baseline or --fix asks.
                return _CacheHit(shown, cached, partial(self._read_again, path, data, settings)), [], []
        try:
            doc = self.read(path, data, settings)
        except ReadError as e:
            return None, [FileError(shown, str(e))], []
        except Exception as e:
            return None, [FileError(shown, f"reader failed: {type(e).__name__}: {e}")], []
        if doc is None:
            return None, [], [f"{shown}: skipped: unsupported file type"] if explicit else []
        diagnostics, errors = self.lint_document(doc, settings)
        if self.cache is not None and key is not None and content is not None and not errors:
            self.cache.put(key, content, diagnostics)  # a crashed rule's partial findings are never kept
        return FileResult(shown, doc, diagnostics), errors, []

    def iter_files(self, paths: Sequence[Path], force_exclude: bool = False) -> Iterator[tuple[Path, bool]]:
        def exclude_for(p: Path) -> tuple[Path, Sequence[str]]:
            try:
                s = self.resolver.for_path(p)
            except ConfigError:
                s = self.resolver.root
            return s.root, s.exclude + s.extend_exclude

        for c in discover(paths, exclude_for, force_exclude):
            yield c.path, c.explicit

    def check_paths(self, paths: Sequence[Path], force_exclude: bool = False, jobs: int = 1) -> Report:
        """Check files and folders; ``jobs`` > 1 shares the files among forked workers (same report)."""
        from speechlint.jobs import map_in_order

        report = Report(errors=[FileError(None, e) for e in self.errors])
        files = list(self.iter_files(paths, force_exclude))
        for result, errors, notes in map_in_order(files, self._check_item(jobs > 1), jobs):
            if result is not None:
                report.files.append(self.adopt(result))
            report.errors.extend(errors)
            report.notes.extend(notes)
        return report

    def _check_item(
        self, portable: bool
    ) -> Callable[[tuple[Path, bool]], tuple[FileResult | None, list[FileError], list[str]]]:
        def work(item: tuple[Path, bool]) -> tuple[FileResult | None, list[FileError], list[str]]:
            path, explicit = item
            if explicit and not path.exists():
                return None, [FileError(str(path), "no such file or folder")], []
            result, errors, notes = self.check_file(path, explicit)
            return (portable_result(result) if portable else result), errors, notes

        return work

    def _read_again(self, path: Path, data: bytes, settings: Settings) -> Document | None:
        try:
            return self.read(path, data, settings)
        except Exception:  # read fine when the entry was written: only a changed plugin could fail
            return None

    def adopt(self, result: FileResult) -> FileResult:
        """A result from a worker process: give its Document this session's tokenizer and resources."""
        if isinstance(result, _CacheHit) and not result.loaded:
            return result  # read by this session when asked
        doc = result.document
        if doc is None or doc.resources is self.resources:
            return result
        return FileResult(result.path, doc.evolve(tokenizer_factory=self.tokenizer, resources=self.resources), result.diagnostics)


class _CacheHit(FileResult):
    """A file the cache answered for: its Document is read on first access of ``document``
    (the concise and JSON-lines outputs never ask; a rerun must not pay for reading)."""

    def __init__(self, path: str, diagnostics: list[Diagnostic], read: Callable[[], Document | None]) -> None:
        self.path = path
        self.diagnostics = diagnostics
        self._read: Callable[[], Document | None] | None = read
        self._document: Document | None = None

    @property
    def loaded(self) -> bool:
        return self._read is None

    @property  # type: ignore[override]
    def document(self) -> Document | None:
        if self._read is not None:
            self._document, self._read = self._read(), None
        return self._document

    @document.setter
    def document(self, value: Document | None) -> None:
        self._document, self._read = value, None


def portable_result(result: FileResult | None) -> FileResult | None:
    """The result without its Document's session links, so that it can be pickled to the parent."""
    if result is None or result.document is None:
        return result
    return FileResult(result.path, result.document.evolve(tokenizer_factory=None, resources=None), result.diagnostics)


def _same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (tuple, list)):
        return isinstance(value, list) and all(isinstance(x, (str, int, float)) for x in value)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))


def _exemption_test(exempt: list[tuple[Span, frozenset[str]]]) -> Callable[[Diagnostic], bool]:
    """Whether a finding overlaps an exempt span that covers its code.

    Bisects instead of testing every span: a long copied web page or PDF has thousands of
    exempt lines and thousands of findings.  A span overlapping the finding starts at or
    before the finding's end and ends at or after its start; ``reach`` (the furthest end
    so far) tells when no earlier span can.
    """
    spans = sorted(exempt, key=lambda e: e[0].start)
    starts = [s.start for s, _ in spans]
    reach = list(accumulate((s.end for s, _ in spans), max))

    def exempted(d: Diagnostic) -> bool:
        i = bisect_right(starts, d.span.end) - 1
        while i >= 0 and reach[i] >= d.span.start:
            s, codes = spans[i]
            if d.span.overlaps(s) and _covers(codes, d.code):
                return True
            i -= 1
        return False

    return exempted


def _covers(codes: frozenset[str], code: str) -> bool:
    return not codes or any(code.startswith(c) for c in codes)


def _accepted_spans(text: str, phrases: Iterable[str]) -> Iterator[Span]:
    for phrase in phrases:
        if not phrase:
            continue
        i = text.find(phrase)
        while i >= 0:
            yield Span(i, i + len(phrase))
            i = text.find(phrase, i + 1)


def _resolve_overlaps(found: list[tuple[Rule, Diagnostic]]) -> list[Diagnostic]:
    """One problem, one diagnostic: drop a finding overlapped by one of a rule that supersedes it."""
    superseders = [(r, d) for r, d in found if r.supersedes]
    if not superseders:
        return [d for _, d in found]
    # Only findings of a superseded code are compared (a long document has thousands of others).
    superseded = frozenset().union(*(r.supersedes for r, _ in superseders))
    return [
        d
        for _, d in found
        if d.code not in superseded
        or not any(d.code in r.supersedes and d.span.overlaps(o.span) for r, o in superseders if o is not d)
    ]


def _relpath(path: str | None, root: Path) -> str | None:
    if path is None:
        return None
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


# -- library API ------------------------------------------------------------------


def lint_text(text: str, path: str | None = None, settings: Settings | None = None) -> list[Diagnostic]:
    """Lint a string; ``path`` chooses the reader (by suffix) and appears in the Diagnostics."""
    session = Session(ConfigResolver.fixed(settings) if settings is not None else None)
    settings = session.resolver.root
    name = Path(path or "<text>.txt")
    doc = session.read(name, text.encode("utf-8"), settings)
    if doc is None:
        doc = session.contextualise(Document(text=text, path=path), settings)
    if path is None:
        doc = doc.evolve(path=None)
    diagnostics, errors = session.lint_document(doc, settings)
    if errors:
        raise RuntimeError("; ".join(e.message for e in errors))
    return diagnostics


def lint_paths(paths: Iterable[str | Path]) -> list[Diagnostic]:
    """Lint files and folders with the config found from the current folder."""
    session = Session(ConfigResolver())
    report = session.check_paths([Path(p) for p in paths])
    return report.diagnostics
