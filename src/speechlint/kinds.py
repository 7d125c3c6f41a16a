"""Declarative rule kinds: factories that return ordinary ``Rule`` objects.

Vale's best idea, kept small.  Four kinds cover most house-style lists:

- ``existence``: flag these phrases (optionally only beyond ``limit`` uses);
- ``substitution``: this → that, with an unsafe fix;
- ``consistency``: use one of these forms, not several: the minority form is flagged;
- ``conditional``: if one phrase appears, another must appear too.

Each matches either on token boundaries (``boundary="token"``: a match must start
and end where the segmenter puts a word boundary, so 进行 does not fire inside
进行曲) or on plain characters (``boundary="char"``).  Only token matching loads the
tokenizer, and only for paragraphs that hold a candidate match.

The same factories back TOML rule packs (``speechlint.packs``) and may be used
directly in a Python plugin.  A malformed argument raises ``KindError`` naming
the field.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import regex

from speechlint.fix import Edit, Fix, Span
from speechlint.lazyre import lazy_regex
from speechlint.rule import FixAvailability, NoOptions, Rule, Severity, Violation

if TYPE_CHECKING:
    from speechlint.document import Document

KINDS = ("existence", "substitution", "consistency", "conditional")
BOUNDARIES = ("token", "char")
PLACEHOLDERS = ("match", "suggestion")
# ^ and $ match at line ends: a pattern can anchor to the start of a paragraph.
_FLAGS = regex.MULTILINE | regex.V0


class KindError(ValueError):
    """A malformed declarative rule; the message names the field."""


# -- matching ---------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    span: Span
    index: int  # which pattern matched
    match: Any = None  # the regex match object, when patterns are regexes


@dataclass(frozen=True)
class Matcher:
    """Phrases or regexes, matched on token boundaries or on characters."""

    patterns: tuple[str, ...]
    compiled: tuple[Any, ...]  # regex objects when ``is_regex``; else empty
    is_regex: bool
    boundary: str
    exceptions: tuple[Any, ...]  # strings or regex objects, matched on characters

    def find(self, doc: Document) -> list[Found]:
        """Non-overlapping matches, leftmost-longest, in text order."""
        text = doc.text
        candidates = [f for i in range(len(self.patterns)) for f in self._candidates(text, i)]
        if not candidates:
            return []
        if self.boundary == "token":
            candidates = [f for f in candidates if _on_token_boundaries(doc, f.span)]
        if self.exceptions and candidates:
            shelter = list(_spans(text, self.exceptions))
            candidates = [f for f in candidates if not any(s.contains(f.span) for s in shelter)]
        candidates.sort(key=lambda f: (f.span.start, -len(f.span), f.index))
        out: list[Found] = []
        end = -1
        for f in candidates:
            if f.span.start >= end:
                out.append(f)
                end = f.span.end
        return out

    def _candidates(self, text: str, index: int) -> Iterator[Found]:
        # Overlapping candidates: the longest one that sits on token boundaries must win.
        if self.is_regex:
            for m in self.compiled[index].finditer(text, overlapped=True):
                if m.end() > m.start():
                    yield Found(Span(m.start(), m.end()), index, m)
            return
        phrase = self.patterns[index]
        i = text.find(phrase)
        while i >= 0:
            yield Found(Span(i, i + len(phrase)), index)
            i = text.find(phrase, i + 1)


def _on_token_boundaries(doc: Document, span: Span) -> bool:
    tokens = doc.tokens_in(span)
    return bool(tokens) and tokens[0].span.start == span.start and tokens[-1].span.end == span.end


def _spans(text: str, items: Iterable[Any]) -> Iterator[Span]:
    for item in items:
        if isinstance(item, str):
            i = text.find(item)
            while i >= 0:
                yield Span(i, i + len(item))
                i = text.find(item, i + 1)
        else:
            for m in item.finditer(text, overlapped=True):
                yield Span(m.start(), m.end())


def _matcher(
    field: str, patterns: Sequence[str], is_regex: bool, boundary: str, exceptions: Sequence[str] = ()
) -> Matcher:
    if boundary not in BOUNDARIES:
        raise KindError(f"boundary must be \"token\" or \"char\", not {boundary!r}")
    items = _strings(field, patterns)
    excepted = _strings("exceptions", exceptions, allow_empty=True)
    compiled = tuple(_compile(field, p) for p in items) if is_regex else ()
    shelter = tuple(_compile("exceptions", p) for p in excepted) if is_regex else excepted
    return Matcher(items, compiled, is_regex, boundary, shelter)


def _compile(field: str, pattern: str) -> Any:
    try:
        compiled = regex.compile(pattern, _FLAGS)
    except regex.error as e:
        raise KindError(f"{field}: bad regex {pattern!r}: {e}") from None
    if compiled.fullmatch("") is not None:
        raise KindError(f"{field}: regex {pattern!r} matches empty text")
    return compiled


def _strings(field: str, value: Any, allow_empty: bool = False) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise KindError(f"{field} must be a list of strings")
    items = tuple(value)
    if not all(isinstance(x, str) and x for x in items):
        raise KindError(f"{field} must be a list of non-empty strings")
    if not items and not allow_empty:
        raise KindError(f"{field} must not be empty")
    if len(set(items)) != len(items):
        dup = next(x for x in items if items.count(x) > 1)
        raise KindError(f"{field} lists {dup!r} twice")
    return items


# -- messages and metadata ---------------------------------------------------------


def _message(template: str) -> Callable[[str, str], str]:
    """Check the placeholders once; return a formatter of (match, suggestion)."""
    if not isinstance(template, str) or not template.strip():
        raise KindError("message must be a non-empty string")
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
    except ValueError as e:
        raise KindError(f"message: {e} (write literal braces as {{{{ and }}}})") from None
    for f in fields:
        if f not in PLACEHOLDERS:
            raise KindError(f"message: unknown placeholder {{{f}}} (use {{match}} or {{suggestion}})")
    try:
        template.format(match="", suggestion="")
    except (ValueError, IndexError, KeyError, AttributeError) as e:
        raise KindError(f"message: {e}") from None
    return lambda match, suggestion: template.format(match=match, suggestion=suggestion)


def _severity(value: Severity | str) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        raise KindError(f"severity must be \"error\", \"warning\" or \"info\", not {value!r}") from None


def _quote(items: Iterable[str]) -> str:
    return "、".join(f"“{x}”" for x in items)


def _doc(summary: str, what: str, boundary: str, is_regex: bool, fix: str, extra: str) -> str:
    how = "按词边界匹配（不在更长的词内部报告）" if boundary == "token" else "按字符匹配"
    if is_regex:
        how += "；模式是正则表达式"
    parts = [summary, ""]
    if extra.strip():  # the author's own explanation comes right after the summary
        parts += [extra.strip(), ""]
    parts += ["## 它检查什么", what, "", how + "。", "", "## 修复安全性", fix]
    return "\n".join(parts)


def _make(
    *,
    code: str,
    name: str,
    check: Callable[[Document, Any], Iterable[Violation]],
    summary: str,
    severity: Severity | str,
    fix: FixAvailability,
    doc: str,
) -> Rule:
    try:
        return Rule(
            code=code, name=name, check=check, summary=summary, severity=_severity(severity),
            fix=fix, options=NoOptions, doc=doc,
        )
    except (ValueError, TypeError) as e:
        raise KindError(str(e)) from None


# -- the four kinds ------------------------------------------------------------------


def existence(
    *,
    code: str,
    name: str,
    message: str,
    phrases: Sequence[str],
    severity: Severity | str = Severity.WARNING,
    boundary: str = "token",
    regex: bool = False,
    exceptions: Sequence[str] = (),
    suggestion: str = "",
    limit: int = 0,
    summary: str = "",
    doc: str = "",
) -> Rule:
    """Flag every match of ``phrases``; with ``limit`` N, only the matches after the first N."""
    matcher = _matcher("phrases", phrases, regex, boundary, exceptions)
    say = _message(message)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise KindError(f"max must be a whole number of at least 0, not {limit!r}")

    def check(document: Document, options: NoOptions) -> Iterator[Violation]:
        for f in matcher.find(document)[limit:]:
            yield Violation(f.span, say(document.text[f.span.start : f.span.end], suggestion))

    shown = "、".join(matcher.patterns) if regex else _quote(matcher.patterns)
    summary = summary or f"不宜使用：{shown}"
    what = f"出现下列词语时报告：{shown}。" + (f"前 {limit} 处不报，超出的才报告。" if limit else "")
    return _make(
        code=code, name=name, check=check, summary=summary, severity=severity, fix=FixAvailability.NONE,
        doc=_doc(summary, what, boundary, regex, "无自动修复。", doc),
    )


def substitution(
    *,
    code: str,
    name: str,
    message: str,
    swap: Mapping[str, str],
    severity: Severity | str = Severity.WARNING,
    boundary: str = "token",
    regex: bool = False,
    exceptions: Sequence[str] = (),
    summary: str = "",
    doc: str = "",
) -> Rule:
    """This → that.  The fix is unsafe: wording is for the writer to confirm."""
    if not isinstance(swap, Mapping) or not swap:
        raise KindError("swap must be a non-empty table of \"this\" = \"that\"")
    for key, value in swap.items():
        if not isinstance(value, str):
            raise KindError(f"swap: the replacement of {key!r} must be a string")
        if key == value:
            raise KindError(f"swap: {key!r} is replaced by itself")
    matcher = _matcher("swap", list(swap), regex, boundary, exceptions)
    replacements = tuple(swap.values())
    if regex:
        for pattern, template in zip(matcher.compiled, replacements):
            _check_template(pattern, template)
    say = _message(message)

    def check(document: Document, options: NoOptions) -> Iterator[Violation]:
        for f in matcher.find(document):
            found = document.text[f.span.start : f.span.end]
            good = f.match.expand(replacements[f.index]) if regex else replacements[f.index]
            if good == found:
                continue
            fix = Fix.unsafe(Edit(f.span, good), title=f"改为“{good}”" if good else f"删去“{found}”")
            yield Violation(f.span, say(found, good), fix=fix)

    pairs = "；".join(f"{k} → {v}" if regex else f"“{k}”→“{v}”" for k, v in swap.items())
    summary = summary or f"用词替换：{pairs}"
    return _make(
        code=code, name=name, check=check, summary=summary, severity=severity, fix=FixAvailability.ALWAYS,
        doc=_doc(summary, f"报告左边的写法，建议改为右边的写法：{pairs}。", boundary, regex,
                 "不安全（需要 `--unsafe-fixes`）：改词可能牵动语义，请作者确认。", doc),
    )


_GROUP_REF = lazy_regex(r"\\(?:g<([^>]*)>|(\d+))")


def _check_template(pattern: Any, template: str) -> None:
    for m in _GROUP_REF.finditer(template):
        ref = m.group(1) if m.group(1) is not None else m.group(2)
        ok = ref in pattern.groupindex or (ref.isdigit() and int(ref) <= pattern.groups)
        if not ok:
            raise KindError(f"swap: replacement {template!r} refers to a group {ref!r} that {pattern.pattern!r} lacks")


def consistency(
    *,
    code: str,
    name: str,
    message: str,
    forms: Sequence[str],
    severity: Severity | str = Severity.WARNING,
    boundary: str = "token",
    regex: bool = False,
    exceptions: Sequence[str] = (),
    summary: str = "",
    doc: str = "",
) -> Rule:
    """One document, one form: the form used most (on a tie, first) wins; the others are flagged."""
    matcher = _matcher("forms", forms, regex, boundary, exceptions)
    if len(matcher.patterns) < 2:
        raise KindError("forms must list at least two forms")
    say = _message(message)

    def check(document: Document, options: NoOptions) -> Iterator[Violation]:
        found = matcher.find(document)
        used = {f.index for f in found}
        if len(used) < 2:
            return
        counts = {i: sum(1 for f in found if f.index == i) for i in used}
        first = {i: next(f.span.start for f in found if f.index == i) for i in used}
        winner = max(used, key=lambda i: (counts[i], -first[i]))
        model = next(f for f in found if f.index == winner)
        good = document.text[model.span.start : model.span.end]
        for f in found:
            if f.index == winner:
                continue
            bad = document.text[f.span.start : f.span.end]
            fix = None if regex else Fix.unsafe(Edit(f.span, good), title=f"统一为“{good}”")
            yield Violation(f.span, say(bad, good), fix=fix)

    shown = " / ".join(matcher.patterns) if regex else _quote(matcher.patterns)
    summary = summary or f"全文统一用词：{shown}"
    what = (
        f"同一文档里 {shown} 只用一种。用得最多的写法（一样多时取先出现的）为准，其余写法逐处报告。"
    )
    fix_note = "无自动修复。" if regex else "不安全（需要 `--unsafe-fixes`）：改为文中用得最多的写法，请作者确认。"
    return _make(
        code=code, name=name, check=check, summary=summary, severity=severity,
        fix=FixAvailability.NONE if regex else FixAvailability.ALWAYS,
        doc=_doc(summary, what, boundary, regex, fix_note, doc),
    )


def conditional(
    *,
    code: str,
    name: str,
    message: str,
    when: Sequence[str],
    then: Sequence[str],
    severity: Severity | str = Severity.WARNING,
    boundary: str = "token",
    regex: bool = False,
    exceptions: Sequence[str] = (),
    suggestion: str = "",
    summary: str = "",
    doc: str = "",
) -> Rule:
    """If any of ``when`` appears, one of ``then`` must appear too; else flag the first ``when``."""
    trigger = _matcher("if", when, regex, boundary, exceptions)
    required = _matcher("then", then, regex, boundary)
    say = _message(message)
    hint = suggestion or ("" if regex else required.patterns[0])

    def check(document: Document, options: NoOptions) -> Iterator[Violation]:
        found = trigger.find(document)
        if not found or required.find(document):
            return
        first = found[0]
        yield Violation(first.span, say(document.text[first.span.start : first.span.end], hint))

    shown_if = "、".join(trigger.patterns) if regex else _quote(trigger.patterns)
    shown_then = "、".join(required.patterns) if regex else _quote(required.patterns)
    summary = summary or f"出现{shown_if}时须有{shown_then}"
    what = f"文中出现 {shown_if} 而没有 {shown_then} 时，在第一处 {shown_if} 报告一次。"
    return _make(
        code=code, name=name, check=check, summary=summary, severity=severity, fix=FixAvailability.NONE,
        doc=_doc(summary, what, boundary, regex, "无自动修复：缺的内容只有作者能补。", doc),
    )


FACTORIES: dict[str, Callable[..., Rule]] = {
    "existence": existence,
    "substitution": substitution,
    "consistency": consistency,
    "conditional": conditional,
}
