"""The engine's and the output formats' speed shortcuts give exactly what the plain way gives.

Each shortcut is checked against the computation it replaces: the JSON writer against
``json.dumps(..., ensure_ascii=False, indent=2)`` on the reports of the corpus and on random
nested values, the SARIF log's shared locations against one location per finding, the
Diagnostics the engine makes without the dataclass ``__init__`` against those it makes, and
the closing formulas looked for only where one can open against every paragraph tried.
"""

from __future__ import annotations

import dataclasses
import enum
import importlib
import json
import random
from pathlib import Path
from typing import Any

import pytest

from speechlint import linter
from speechlint.config import ConfigResolver
from speechlint.diagnostic import Diagnostic, Position, made_diagnostic, made_position
from speechlint.document import Document
from speechlint.fix import Edit, Fix, Span
from speechlint.formatters import FormatOptions, json_text
from speechlint.formatters import json as json_module
from speechlint.formatters import sarif as sarif_module
from speechlint.formatters.json import format_json
from speechlint.formatters.sarif import format_sarif
from speechlint.lazyre import lazy_regex
from speechlint.linter import FileResult, Report, Session
from speechlint.rule import Severity

from conftest import ROOT
from test_speed import STRESS, TEXTS


def _plain_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


@pytest.fixture(scope="module")
def session_report() -> tuple[Session, Report]:
    session = Session(ConfigResolver(isolated=True))
    paths = [ROOT / "benchmarks" / "corpus", ROOT / "examples", ROOT / "tests" / "fixtures"]
    return session, session.check_paths([p for p in paths if p.exists()])


class _Colour(enum.IntEnum):
    RED = 1


class _Text(str):
    pass


_STRINGS = [
    "", "a", "讲话稿", '"', "\\", "\n\r\t\b\f", "\x00\x1f\x7f", "\u2028\u2029", "\ud800", "😀", "%SRCROOT%", "“引号”"
]
_ATOMS: list[Any] = [*_STRINGS, 0, -1, 7, 2**70, True, False, None]
# Values json.dumps writes and json_text leaves to it: floats, tuples, subclasses, keys that are no strings.
_ODD: list[Any] = [1.5, float("inf"), (), (1, "a"), _Colour.RED, _Text("x"), {1: "a"}, {None: 1}, {True: 2}]


def _random_value(rng: random.Random, depth: int, odd: bool) -> Any:
    roll = rng.random()
    if depth == 0 or roll < 0.4:
        return rng.choice(_ATOMS + (_ODD if odd and rng.random() < 0.05 else []))
    if roll < 0.7:
        return [_random_value(rng, depth - 1, odd) for _ in range(rng.randrange(0, 4))]
    return {rng.choice(_STRINGS) + str(i): _random_value(rng, depth - 1, odd) for i in range(rng.randrange(0, 4))}


def test_json_text_is_json_dumps_on_random_values() -> None:
    rng = random.Random(11)
    for k in range(3000):
        value = _random_value(rng, rng.randrange(0, 6), odd=k % 2 == 1)
        assert json_text(value) == _plain_json(value), value


@pytest.mark.parametrize("value", [*_ATOMS, *_ODD, [], {}, [[]], {"a": {}}, {"a": [{}, [], {"b": []}]}])
def test_json_text_is_json_dumps_on_edge_values(value: Any) -> None:
    assert json_text(value) == _plain_json(value)
    assert json_text([value, {"k": value}]) == _plain_json([value, {"k": value}])


def test_json_and_sarif_reports_are_those_json_dumps_writes(
    session_report: tuple[Session, Report], monkeypatch: pytest.MonkeyPatch
) -> None:
    session, report = session_report
    options = FormatOptions(rules=tuple(session.rules))
    assert len(report.diagnostics) > 100, "the corpus has findings"
    fast = format_json(report, options), format_sarif(report, options)
    monkeypatch.setattr(json_module, "json_text", _plain_json)
    monkeypatch.setattr(sarif_module, "json_text", _plain_json)
    assert (format_json(report, options), format_sarif(report, options)) == fast


def test_sarif_shares_one_location_per_path(session_report: tuple[Session, Report]) -> None:
    """Each result is what ``result`` gives with the location made for its own finding."""
    session, report = session_report
    log = sarif_module.sarif_log(report, FormatOptions(rules=tuple(session.rules)))
    results = iter(log["runs"][0]["results"])
    for f in report.files:
        for d in f.diagnostics:
            r = next(results)
            assert r == sarif_module.result(d, f.document, r["ruleIndex"])
            assert r["locations"][0]["physicalLocation"]["artifactLocation"] == sarif_module.artifact_location(d.path)
    assert next(results, None) is None


def test_sarif_locations_of_several_paths() -> None:
    """Relative, absolute, stdin and repeated paths, each finding with its own."""
    session = Session(ConfigResolver(isolated=True))
    settings = session.resolver.root
    report = Report()
    for path in ("a b.txt", "/drafts/year 2026/稿.txt", "-", "a b.txt", "%.txt"):
        doc = session.read(Path("x.txt"), "要加强学习,不断进步!\n".encode(), settings)
        assert doc is not None
        doc = doc.evolve(path=path)
        report.files.append(FileResult(path, doc, session.lint_document(doc, settings)[0]))
    log = sarif_module.sarif_log(report, FormatOptions())
    found = [d for f in report.files for d in f.diagnostics]
    assert len(found) >= 10
    for d, r in zip(found, log["runs"][0]["results"], strict=True):
        assert r["locations"][0]["physicalLocation"]["artifactLocation"] == sarif_module.artifact_location(d.path)


def test_made_diagnostic_is_the_dataclass_made_by_its_init() -> None:
    fix = Fix.safe(Edit(Span(1, 2), "，"), title="t")
    for values in (
        ("PUN001", "halfwidth-punct-in-cjk", Severity.WARNING, "a.txt", Span(1, 2), (1, 2), (1, 3), "m", ",", fix),
        ("ABC123", "x", Severity.INFO, None, Span(0, 0), (1, 1), (1, 1), "", "", None),
    ):
        *head, start, end, message, match, fix_ = values
        plain = Diagnostic(*head, Position(*start), Position(*end), message, match, fix_)  # type: ignore[arg-type]
        made = made_diagnostic(
            *head, made_position(*start), made_position(*end), message, match, fix_  # type: ignore[arg-type]
        )
        assert type(made) is Diagnostic and type(made.start) is Position
        assert made == plain and hash(made) == hash(plain) and repr(made) == repr(plain)
        assert [getattr(made, f.name) for f in dataclasses.fields(Diagnostic)] == [
            getattr(plain, f.name) for f in dataclasses.fields(Diagnostic)
        ]
        assert made.start < made_position(9, 9) and dataclasses.astuple(made.end) == end
        with pytest.raises(dataclasses.FrozenInstanceError):
            made.code = "X"  # type: ignore[misc]
    # Every field is set by made_diagnostic: a field added to Diagnostic must be added there too.
    assert [f.name for f in dataclasses.fields(Diagnostic)] == [
        "code", "rule", "severity", "path", "span", "start", "end", "message", "match", "fix"
    ]
    assert [f.name for f in dataclasses.fields(Position)] == ["line", "column"]


def test_stamped_diagnostics_are_those_of_the_dataclass_init(monkeypatch: pytest.MonkeyPatch) -> None:
    session = Session(ConfigResolver(isolated=True))
    settings = session.resolver.root
    texts = TEXTS + STRESS + ["要加强学习,不断进步!\r\n“引号。\r\n", ""]

    def run() -> list[list[Diagnostic]]:
        out = []
        for text in texts:
            doc = session.read(Path("x.md" if "#" in text else "x.txt"), text.encode(), settings)
            assert doc is not None
            out.append(session.lint_document(doc, settings)[0])
        return out

    made = run()
    monkeypatch.setattr(linter, "made_diagnostic", Diagnostic)
    monkeypatch.setattr(linter, "made_position", Position)
    plain = run()
    assert made == plain and sum(map(len, plain)) > 500
    assert [[repr(d) for d in ds] for ds in made] == [[repr(d) for d in ds] for ds in plain]


def test_closing_formulas_are_looked_for_only_where_one_can_open(monkeypatch: pytest.MonkeyPatch) -> None:
    """GEN003's findings when every paragraph is tried with _ALONE and every closing with _RUN_IN."""
    gen003 = importlib.import_module("speechlint.builtin.formula.closing_formula_form")
    rule = gen003.closing_formula_form
    rng = random.Random(3)
    words = ["特此通知", "特此报告", "特此函复", "此复", "此令", "妥否", "当否", "可否", "请批示", "请予批准",
             "恳请审批", "以上情况", "综上所述", "，", "？", "！", "。", ".", " ", "\u3000", "按时报送", "各单位", "字",
             "特此", "否"]
    made = []
    for _ in range(400):
        paragraphs = [
            "".join(rng.choice(words) for _ in range(rng.randrange(1, 7))) for _ in range(rng.randrange(1, 5))
        ]
        made.append("关于开展工作的通知\n各单位：\n" + "\n".join(paragraphs) + "\n")
    texts = [t for t in TEXTS if "否" in t or "此" in t] + STRESS + made

    def run() -> list[list[tuple[int, int, str]]]:
        out = []
        for text in texts:
            doc = Document(text)
            out.append([(v.span.start, v.span.end, v.message) for v in rule.check(doc, rule.options())])
        return out

    fast = run()
    monkeypatch.setattr(gen003, "_OPENINGS", ("",))
    monkeypatch.setattr(gen003, "_RUN_IN_RE", lazy_regex(gen003._RUN_IN))
    assert run() == fast
    assert sum(map(bool, fast)) > 60
