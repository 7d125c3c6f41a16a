"""The rule API: ``@rule`` turns a check function into a ``Rule``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, is_dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from speechlint.fix import Fix, Span
from speechlint.lazyre import lazy_re

if TYPE_CHECKING:
    from speechlint.document import Document

CODE_RE = lazy_re(r"^[A-Z]{3}[0-9]{3}$")
NAME_RE = lazy_re(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class Severity(Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self.value]


_RANK = {"info": 0, "warning": 1, "error": 2}  # asked of every finding (the exit code)


class FixAvailability(Enum):
    NONE = "none"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


@dataclass(frozen=True)
class NoOptions:
    """The options of a rule that has none."""


@dataclass(frozen=True)
class Violation:
    """What a rule yields. ``severity`` may only lower the rule's default for this finding."""

    span: Span
    message: str
    fix: Fix | None = None
    severity: Severity | None = None


CheckFn = Callable[["Document", Any], Iterable[Violation]]


@dataclass(frozen=True)
class Rule:
    """Frozen metadata plus ``check(document, options)``."""

    code: str
    name: str
    check: CheckFn = field(repr=False)
    summary: str = ""
    severity: Severity = Severity.WARNING
    fix: FixAvailability = FixAvailability.NONE
    supersedes: frozenset[str] = frozenset()
    preview: bool = False
    options: type = NoOptions
    doc: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        if not CODE_RE.match(self.code):
            raise ValueError(f"rule code {self.code!r} must be three capital letters and three digits")
        if not NAME_RE.match(self.name):
            raise ValueError(f"rule name {self.name!r} must be kebab-case")
        if not is_dataclass(self.options):
            raise TypeError(f"options of rule {self.code} must be a dataclass")

    def __call__(self, document: Document, options: Any = None) -> Iterable[Violation]:
        return self.check(document, self.options() if options is None else options)


def rule(
    *,
    code: str,
    name: str,
    severity: Severity | str = Severity.WARNING,
    fix: FixAvailability | str = FixAvailability.NONE,
    supersedes: Iterable[str] = (),
    preview: bool = False,
    options: type = NoOptions,
    summary: str | None = None,
) -> Callable[[CheckFn], Rule]:
    """Turn ``check(document, options)`` into a ``Rule``; its docstring is the rule's doc."""

    def wrap(check: CheckFn) -> Rule:
        import inspect

        doc = inspect.cleandoc(check.__doc__ or "")
        first = doc.splitlines()[0].strip() if doc else name
        return Rule(
            code=code,
            name=name,
            check=check,
            summary=summary if summary is not None else first,
            severity=Severity(severity),
            fix=FixAvailability(fix),
            supersedes=frozenset(supersedes),
            preview=preview,
            options=options,
            doc=doc,
        )

    return wrap
