"""The speed shortcuts (issue 11) give exactly what the plain way gives.

Each shortcut is checked against the straightforward computation it replaces, on the
clean corpus, the examples, every case file's texts and texts made to stress it:
the ``re`` Han class, the doubling scan, the particle rules' character prefilters,
the Paragraph's parallel tuples, the gazetteer's length tables, the exemption test, and (third
pass) the lazy patterns, the outline's line hints, the wrap test's usual width, the URL prefilter
and the lines' content bounds; (fifth pass) the content bounds read at the breaks by spaces, the
Line objects made on first use, the trusted segments, the web chrome found at its openings, the
page line searched after a break, the typed text told by width bounds, the organ names told by
their last character and the titles cleaned where their patterns can match.
"""

from __future__ import annotations

import dataclasses
import importlib
import random
import re
import subprocess
import sys
from bisect import bisect_left
from pathlib import Path

import pytest
import regex

from speechlint.builtin.particles import _match
from speechlint.charclass import RE_HAN
from speechlint.diagnostic import Diagnostic, Position
from speechlint.document import Document
from speechlint.document.places import _inside
from speechlint.document.tokenize import make_tokenizer
from speechlint.fix import Span
from speechlint.linter import _covers, _exemption_test
from speechlint.resources import Resources
from speechlint.rule import Severity
from speechlint.testing import parse_case_file

from conftest import ROOT

# The packages export each rule under its module's name: the modules come from sys.modules.
drf002, ptc001, ptc004, ptc005 = (
    importlib.import_module(f"speechlint.builtin.{m}")
    for m in ("drafting.repeated_token", "particles.le_after_modal", "particles.de_should_be_di",
              "particles.de_should_be_de_complement")
)


def _texts() -> list[str]:
    files = sorted((ROOT / "benchmarks" / "corpus").glob("*")) + sorted((ROOT / "examples").glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files if f.suffix in (".txt", ".md")]
    for path in sorted((ROOT / "rules").glob("[A-Z][A-Z][A-Z][0-9][0-9][0-9]-*.md")):
        texts += [case.text for case in parse_case_file(path).cases]
    return texts


TEXTS = _texts()
# Made to stress the shortcuts: doubled runs of every length, particles next to digits,
# marks between digits, clauses broken across a hard-wrapped line, modals and directives
# far from the particle, degree words and adjectives after 的.
STRESS = [
    "我们我们要要加强学习学习，进一步进一步推进，切实切实履行职责职责。人人天天谢谢谢谢。",
    "要认真学习了文件。要\n认真学习了文件，各地要深入的研究研究，会议要求各单位认真的开展1,2:3的工作。",
    "这项工作做的很扎实。会议开的非常成功。落实的不到位，他说的很对，做的好，来的早。",
    "希望大家积极稳妥的推进改革，请各部门扎实的推进各项工作；必须\n全面的贯彻落实了。",
    "二〇二六年的的确确，有的的确很好，目的的确定，不了了之，当地地方政府，搞得得心应手。",
]


def test_re_han_is_the_han_of_regex() -> None:
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert re.findall(f"[{RE_HAN}]", everything) == regex.findall(r"\p{Han}", everything)


def test_doubling_scan_finds_what_the_overlapped_regex_finds() -> None:
    plain = regex.compile(r"(\p{Han}{1,6}?)\1")
    rng = random.Random(7)
    made = ["".join(rng.choice("要是学习我们一二，") for _ in range(400)) for _ in range(20)]
    for text in TEXTS + STRESS + made:
        assert [(m.start(), m.group(1)) for m in drf002._TWICE_RE.finditer(text)] == [
            (m.start(), m.group(1)) for m in plain.finditer(text, overlapped=True)
        ]


@pytest.fixture(scope="module")
def tokenizer():  # type: ignore[no-untyped-def]
    return make_tokenizer("rjieba", Resources().tokenizer_words())


@pytest.mark.parametrize("module", [ptc001, ptc004, ptc005, drf002], ids=["PTC001", "PTC004", "PTC005", "DRF002"])
def test_prefilters_drop_only_what_the_rule_lets_pass(module, tokenizer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The rule's findings with its ``keep`` test and with every candidate given tokens."""
    rule = next(v for v in vars(module).values() if getattr(v, "code", None) in ("PTC001", "PTC004", "PTC005", "DRF002"))

    def run(texts: list[str]) -> list[list[tuple[int, int, str]]]:
        out = []
        for text in texts:
            doc = Document(text, tokenizer_factory=lambda: tokenizer)
            out.append([(v.span.start, v.span.end, v.message) for v in rule.check(doc, rule.options())])
        return out

    texts = TEXTS + STRESS
    with_keep = run(texts)
    monkeypatch.setattr(module, "candidates", lambda *a, keep=None, **k: _match.candidates(*a, **k))
    if module is ptc005:  # its prefilter is a look-ahead in the candidate pattern
        monkeypatch.setattr(module, "_DE", regex.compile("的"))
    assert run(texts) == with_keep
    assert any(with_keep), "the texts exercise the rule"


def test_paragraph_tuples_are_the_tokens(tokenizer) -> None:  # type: ignore[no-untyped-def]
    for text in TEXTS[:40] + STRESS:
        doc = Document(text, tokenizer_factory=lambda: tokenizer)
        for para in doc.paragraphs:
            p = _match.Paragraph(doc, para.span)
            tokens = doc.tokens_in(para.span)
            assert len(p) == len(tokens) and p.tokens == tokens
            assert [(p.word(i), p.pos(i), Span(p.start(i), p.end(i))) for i in range(len(p))] == [
                (t.word, t.pos, t.span) for t in tokens
            ]
            for offset in range(para.span.start, para.span.end):
                holding = [i for i, t in enumerate(tokens) if t.span.start <= offset < t.span.end]
                assert [p.index_at(offset)] == holding
            assert p.word(-1) == p.word(len(p)) == "" and p.is_boundary(len(p))


def _all_lengths(g) -> list[int]:  # type: ignore[no-untyped-def]
    return sorted({len(n) for n in (*g.by_name, *g.by_short)}, reverse=True)


def plain_scan_names(g, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """``Gazetteer.scan_names`` the plain way: at each unit character, every full-name length."""
    full = sorted({len(n) for n in g.by_name}, reverse=True)
    out, last = [], start
    for m in re.finditer("[省市县区旗盟州]", text[: len(text) if end is None else end]):
        if m.start() < start:
            continue
        for n in full:
            if m.end() - n >= last and text[m.end() - n : m.end()] in g.by_name:
                out.append((m.end() - n, m.end()))
                last = m.end()
                break
    return out


def test_gazetteer_tables_find_what_every_length_finds() -> None:
    g = Resources().gazetteer
    lengths = _all_lengths(g)

    def ending(text: str, stop: int, floor: int = 0) -> list[tuple[int, object, bool]]:
        return [
            (stop - n, units, short)
            for n in lengths
            if stop - n >= floor
            for table, short in ((g.by_name, False), (g.by_short, True))
            if (units := table.get(text[stop - n : stop])) is not None
        ]

    def starting(text: str, begin: int, limit: int) -> list[tuple[int, object, bool]]:
        return [
            (begin + n, units, short)
            for n in lengths
            if begin + n <= limit
            for table, short in ((g.by_name, False), (g.by_short, True))
            if (units := table.get(text[begin : begin + n])) is not None
        ]

    names = [*g.by_name, *g.by_short]
    texts = [t for t in TEXTS if regex.search("[省市县区旗盟州]", t)][:60]
    texts += ["在" + "、".join(names[i : i + 40]) + "县委的领导下" for i in range(0, len(names), 40)]
    for text in texts:
        assert [(h.start, h.end) for h in g.scan_names(text)] == plain_scan_names(g, text)
        for i in range(len(text) + 1):
            assert g.names_ending_at(text, i) == ending(text, i)
            assert g.names_ending_at(text, i, max(0, i - 4)) == ending(text, i, max(0, i - 4))
            assert g.names_starting_at(text, i) == starting(text, i, len(text))
            assert g.names_starting_at(text, i, min(len(text), i + 5)) == starting(text, i, min(len(text), i + 5))


def _finding(span: Span, code: str) -> Diagnostic:
    return Diagnostic(code, "x", Severity.WARNING, None, span, Position(1, 1), Position(1, 1), "", "")


def test_exemption_test_is_the_overlap_filter() -> None:
    rng = random.Random(3)
    codes = ["PUN001", "STR001", "PTC004"]
    for _ in range(300):
        exempt = []
        for _ in range(rng.randrange(0, 12)):
            start = rng.randrange(0, 200)
            chosen = frozenset(rng.sample(["PUN", "STR001", "PTC"], rng.randrange(0, 2)))
            exempt.append((Span(start, start + rng.choice([0, 1, 3, 10, 80])), chosen))
        test = _exemption_test(exempt)
        for _ in range(40):
            start = rng.randrange(0, 220)
            d = _finding(Span(start, start + rng.choice([0, 0, 1, 2, 5])), rng.choice(codes))
            assert test(d) == any(d.span.overlaps(s) and _covers(c, d.code) for s, c in exempt), (exempt, d.span)


def test_a_reference_in_a_quotation_is_found_by_bisection() -> None:
    rng = random.Random(5)
    for _ in range(500):
        quoted, pos = [], 0
        for _ in range(rng.randrange(0, 8)):
            a = pos + rng.randrange(0, 10)
            b = a + rng.randrange(2, 12)
            quoted.append((a, b))
            pos = b
        opening = [a for a, _ in quoted]
        for start in range(0, pos + 3):
            for end in (start, start + 1, start + 2):
                span = Span(start, end)
                got = _inside(quoted, bisect_left(opening, span.start) - 1, span)
                assert got == any(a < span.start and span.end < b for a, b in quoted)


def test_a_punctuation_run_imports_no_tokenizer() -> None:
    """``--select PUN`` needs neither jieba nor rjieba (nor the gazetteer's tables)."""
    out = _python(
        "import sys\n"
        "from speechlint import lint_text\n"
        "from speechlint.config import Settings\n"
        "lint_text('我们要认真学习了文件,落实的很好。', settings=Settings(select=('PUN',)))\n"
        "print(sorted(m for m in sys.modules if 'jieba' in m))\n",
        Path(__file__).resolve().parent,
    )
    assert out.stdout.strip() == "[]"


def test_version_imports_neither_the_rule_model_nor_dataclasses() -> None:
    """``speechlint --version`` loads the package and the CLI only (a third of it was the rule model)."""
    out = _python(
        "import runpy, sys\n"
        "sys.argv = ['speechlint', '--version']\n"
        "try:\n"
        "    runpy.run_module('speechlint', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('speechlint.rule', 'speechlint.fix', 'dataclasses', 'pluggy') if m in sys.modules))\n",
        Path(__file__).resolve().parent,
    )
    assert out.stdout.split("\n")[-2] == "[]", out.stdout


def test_the_package_rule_is_the_decorator_whichever_import_comes_first() -> None:
    """The submodule speechlint.rule, once loaded, does not replace the decorator ``speechlint.rule``."""
    for first in ("import speechlint.rule", "import speechlint.linter", "from speechlint.rule import Violation",
                  "from speechlint import rule", "import speechlint"):
        out = _python(
            f"{first}\n"
            "import speechlint, speechlint.rule, sys\n"
            "from speechlint import rule\n"
            "module = sys.modules['speechlint.rule']\n"
            "print(rule is module.rule and speechlint.rule is module.rule and callable(rule))\n",
            Path(__file__).resolve().parent,
        )
        assert out.stdout.strip() == "True", (first, out.stdout)


def _python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter (the modules a run imports are those of a new process)."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd)
    assert out.returncode == 0, out.stderr
    return out


def test_plain_exclude_names_match_as_pathspec_matches(tmp_path: Path) -> None:
    import pathspec

    from speechlint.files import _literal_names, excluded

    patterns = (".git", ".hg", "venv", "node_modules", "__pycache__", "build", "dist", "a.b", "x-y_z")
    assert _literal_names(patterns) is not None
    assert _literal_names(("*.md",)) is None and _literal_names(("docs/",)) is None and _literal_names(("..",)) is None
    spec = pathspec.GitIgnoreSpec.from_lines(patterns)
    parts = ["build", "dist", "venv", "a.b", "a", "ab", "x-y_z", "builds", "Build", "node_modules", "src", "x.txt"]
    rng = random.Random(9)
    for _ in range(3000):
        rel = "/".join(rng.choice(parts) for _ in range(rng.randrange(1, 5)))
        path = tmp_path / rel
        expected = spec.match_file(rel) or (path.is_dir() and spec.match_file(rel + "/"))
        assert excluded(path, tmp_path, patterns) == expected, rel


def test_every_shipped_genre_pattern_compiles() -> None:
    """The shipped table is compiled pattern by pattern when used, not checked at start."""
    from speechlint.document.genres import check_genre_tables
    from speechlint.resources import load_toml

    check_genre_tables(load_toml("genres.toml")["genres"])  # compiles every pattern, raises on a bad one


def test_entry_point_groups_are_seen_without_importlib_metadata() -> None:
    import importlib.metadata

    from speechlint.plugins import _may_declare

    groups = {ep.group for dist in importlib.metadata.distributions() for ep in dist.entry_points}
    assert groups and all(_may_declare(g) for g in groups)
    assert _may_declare("speechlint") == bool(importlib.metadata.entry_points(group="speechlint"))
    assert not _may_declare("speechlint-no-such-group")


def test_an_installed_plugin_is_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from speechlint.plugins import _entry_points, _may_declare

    info = tmp_path / "demo_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: demo-plugin\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[speechlint]\ndemo = demo_plugin\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert _may_declare("speechlint")
    assert [ep.name for ep in _entry_points("speechlint")] == ["demo"]


def test_file_names_are_found_where_finditer_finds_them() -> None:
    from speechlint.builtin.punctuation._context import _FILE_NAME, _file_names

    rng = random.Random(1)
    pieces = list("通知附件表报（）()“”，。 \n.x") + [".doc", ".docx", ".pdf", ".xls", ".PDF", ".jpeg", ".7z", "a", "1"]
    made = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 120))) for _ in range(4000)]
    units = list("通知表“”（）") + ["“关于开展活动的通知”", "（样表）"]
    made += [
        rng.choice(["", "前言 ", "说明："])
        + "".join(rng.choice(units) for _ in range(rng.randrange(1, 200)))
        + rng.choice([".docx", ".pdf", "x.pdf", " .pdf"])
        + rng.choice(["", "a", "。"])
        for _ in range(300)
    ]
    for text in TEXTS + made:
        assert _file_names(text) == [m.span() for m in _FILE_NAME.finditer(text)], text


def test_width_counts_as_the_character_loop_counts() -> None:
    from speechlint.document.wrap import _width

    rng = random.Random(2)
    for _ in range(3000):
        text = "".join(chr(rng.choice([rng.randrange(0, 0x2E80), rng.randrange(0x2E7E, 0x2E82), rng.randrange(0x2E80, 0xD800)])) for _ in range(rng.randrange(0, 200)))
        assert _width(text) == sum(0.5 if ord(c) < 0x2E80 else 1.0 for c in text)


def test_clause_edges_by_search_are_the_character_walk() -> None:
    from speechlint.document.places import _CLAUSE_MARK, Places

    def walk_start(text: str, pos: int, soft: set[int]) -> int:
        while pos > 0 and (not _CLAUSE_MARK.match(text, pos - 1) or pos - 1 in soft):
            pos -= 1
        return pos

    def walk_end(text: str, pos: int, soft: set[int]) -> int:
        while pos < len(text) and (not _CLAUSE_MARK.match(text, pos) or pos in soft):
            pos += 1
        return pos

    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(rng.choice("ab，。\n:c") for _ in range(rng.randrange(0, 25)))
        soft = {j for j, c in enumerate(text) if c == "\n" and rng.random() < 0.5}
        places = Places.__new__(Places)
        places.__dict__.update(text=text, _soft_breaks=soft)  # the cached views, set by hand
        for pos in range(len(text) + 1):
            assert places._clause_start(pos) == walk_start(text, pos, soft)
            assert places._clause_end(pos) == walk_end(text, pos, soft)


def test_line_spans_are_the_lines() -> None:
    from speechlint.document.lines import LineIndex, line_spans

    rng = random.Random(4)
    for _ in range(3000):
        text = "".join(rng.choice(["a", "\n", "\r", "\r\n", "b ", " "]) for _ in range(rng.randrange(0, 30)))
        assert list(line_spans(text)) == [(ln.span.start, ln.span.end) for ln in LineIndex(text).lines]


def test_formulation_lookup_is_the_startswith_test() -> None:
    from speechlint.document.outline import _FORMULATIONS, _is_formulation

    doc = Document("", resources=Resources())
    terms = _FORMULATIONS | Resources().formulations.numbered_terms
    for text in TEXTS[:60] + STRESS + ["".join(sorted(terms))]:
        for n in range(len(text) + 1):
            assert _is_formulation(doc, text, n) == any(text.startswith(t, n) for t in terms)


# -- third pass -----------------------------------------------------------------------------


def test_a_lazy_pattern_answers_as_the_compiled_pattern() -> None:
    from speechlint.lazyre import lazy_re, lazy_regex

    for make, compile_ in ((lazy_regex, regex.compile), (lazy_re, re.compile)):
        lazy, plain = make(r"(?P<n>[一二三])是"), compile_(r"(?P<n>[一二三])是")
        text = "一是学习，二是落实；三是"
        # before and after the first use, through copied methods and the rarer attributes alike
        for _ in range(2):
            assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in plain.finditer(text)]
            assert lazy.search(text, 3).span() == plain.search(text, 3).span()
            assert lazy.sub("X", text) == plain.sub("X", text)
            assert (lazy.pattern, lazy.groups, lazy.groupindex) == (plain.pattern, plain.groups, plain.groupindex)
            assert lazy.scanner(text).search().span() == plain.scanner(text).search().span()


def test_outline_hints_skip_only_lines_without_a_match(monkeypatch: pytest.MonkeyPatch) -> None:
    from speechlint.document import outline

    def every_line(document: Document, hint: object) -> set[int]:
        return set(range(1, len(document.lines) + 1))

    stress = [
        "一、总体要求\n今年要抓好三项工作：一是学\n习，二是落实。\n第\n二，要抓好两个方面。另一方面，\n首先，要讲三点意见。",
        "要从以下几个方面\n抓好落实。其一，\n其二，最后，谈两点体会。",
    ]
    for text in TEXTS[:120] + STRESS + stress:
        for fmt in ("text", "markdown"):
            fast = Document(text, format=fmt).outline
            with monkeypatch.context() as m:
                m.setattr(outline, "_hint_lines", every_line)
                plain = Document(text, format=fmt).outline
            assert fast == plain


def test_usual_width_by_bisection_is_the_count_over_every_line() -> None:
    from speechlint.document import wrap

    def plain(body: list[wrap._Row]) -> float | None:
        mid = [r for r in body if wrap._mid_sentence(r.text)]
        best, best_count = None, 0
        for w in sorted({r.width for r in mid}):
            count = sum(1 for r in mid if w * wrap._FULL <= r.width <= w)
            if count >= best_count:
                best, best_count = w, count
        if best is None or best_count < 4:
            return None
        around = [r for r in body if best * wrap._FULL <= r.width <= best]
        wider = sum(1 for r in body if r.width > best * wrap._WIDER)
        if len(around) < 0.4 * len(body) or best_count < 0.6 * len(around) or wider > 0.1 * len(body):
            return None
        return best

    rng = random.Random(11)
    for _ in range(2000):
        rows = [
            wrap._Row(k, "字" * 3 + rng.choice("，。a、；"), rng.choice([30.0, 31.5, 29.0, 24.0, 25.5, 40.0, 12.0, 36.0]) - rng.randrange(0, 4) * 0.5, False, False, False)
            for k in range(rng.randrange(0, 40))
        ]
        assert wrap._usual_width(rows) == plain(rows)


def test_url_needles_are_what_a_url_holds() -> None:
    from speechlint.builtin.punctuation._context import _URL, url_spans

    samples = ["见https://www.gov.cn/a。", "访问www.example.com，", "邮箱a.b@c.cn；", "没有网址的句子。", "ftp://x", "HTTPS://X.CN", "WWW.GOV.CN"]
    for text in TEXTS[:80] + samples:
        if "://" not in text and "www." not in text and "@" not in text:
            assert _URL.search(text) is None
        assert [s for s, _ in url_spans(text)] == [m.start() for m in _URL.finditer(text)]


def test_content_bounds_are_each_lines_content() -> None:
    for text in TEXTS[:80] + STRESS + ["  **一是**学习  \n\n\u3000\u3000二是落实\u3000\n"]:
        for fmt in ("text", "markdown"):
            doc = Document(text, format=fmt)
            for ln, (start, end) in zip(doc.lines.lines, doc.content_bounds, strict=True):
                assert start == doc.content_start(ln.number)
                assert end == start + len(doc.prose[start : ln.span.end].rstrip())


def test_only_the_program_freezes_the_heap(tmp_path: Path) -> None:
    import gc

    from speechlint.cli import main

    (tmp_path / "a.txt").write_text("同志们：\n今天开会。\n", encoding="utf-8")
    before = gc.get_freeze_count()
    main(["check", "--no-cache", "--isolated", "--exit-zero", str(tmp_path / "a.txt")])
    assert gc.get_freeze_count() == before  # an in-process caller keeps its collector


def _needle_cases() -> list[tuple[str, object, tuple[str, ...], str]]:
    """(name, pattern, needles, alphabet for random texts) of every needle prefilter."""
    ell = importlib.import_module("speechlint.builtin.punctuation.ellipsis_form")
    drf001 = importlib.import_module("speechlint.builtin.drafting.placeholder_left")
    from speechlint.document import places

    return [
        ("PUN004", ell._FORM, ell.FORM_NEEDS, ".。．·・•⋯…字a等"),
        ("PUN004 等", ell._DENG, ell.FORM_NEEDS, ".。．·・•⋯…字等待"),
        ("DRF001", drf001._PATTERN, drf001.PATTERN_NEEDS, "XxＸ×╳○〇□口【】（） \u3000_＿某同志年月组长字a2019\n"),
        # one alternative at a time: a needle missing for one of them shows
        ("DRF001 X", drf001._PATTERN, drf001.PATTERN_NEEDS, "XxＸ×╳组长月日年2019字a "),
        ("DRF001 circles", drf001._PATTERN, drf001.PATTERN_NEEDS, "○〇□口人年字"),
        ("DRF001 brackets", drf001._PATTERN, drf001.PATTERN_NEEDS, "【】（）待定填写此处姓名 \u3000字"),
        ("DRF001 lines", drf001._PATTERN, drf001.PATTERN_NEEDS, "_＿某由请同志张，字\n"),
        ("places 领导下", places._LEAD_SLOT, places._LEAD_SLOT.needs, "在县市委、政府的领导下字"),
    ]


@pytest.mark.parametrize("name", [c[0] for c in _needle_cases()])
def test_a_text_without_the_needles_holds_no_match(name: str) -> None:
    _, pattern, needles, alphabet = next(c for c in _needle_cases() if c[0] == name)
    rng = random.Random(name)
    texts = TEXTS + STRESS + ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 14))) for _ in range(20000)]
    matched = 0
    for text in texts:
        found = pattern.search(text)  # type: ignore[attr-defined]
        if not any(n in text for n in needles):
            assert found is None, (name, text)
        matched += found is not None
    assert matched > 0  # the random texts do reach the pattern


def test_line_index_without_carriage_returns_is_the_regex_split() -> None:
    from speechlint.document.lines import LINE_BREAK, Line, LineIndex

    rng = random.Random(6)
    for _ in range(3000):
        text = "".join(rng.choice(["a", "\n", "\r", "\r\n", "字", " ", "\n\n"]) for _ in range(rng.randrange(0, 30)))
        starts, ends = [0], []
        for m in LINE_BREAK.finditer(text):
            ends.append(m.start())
            starts.append(m.end())
        ends.append(len(text))
        index = LineIndex(text)
        assert [(ln.number, ln.span.start, ln.span.end, ln.text) for ln in index.lines] == [
            (i + 1, s, e, text[s:e]) for i, (s, e) in enumerate(zip(starts, ends))
        ]
        # Lines made without the dataclass __init__ are the lines it makes.
        plain = tuple(Line(i + 1, Span(s, e), text[s:e]) for i, (s, e) in enumerate(zip(starts, ends)))
        assert index.lines == plain and [hash(ln) for ln in index.lines] == [hash(ln) for ln in plain]
        assert [index.line_of(o) for o in range(len(text) + 1)] == [bisect_left(starts, o + 1) for o in range(len(text) + 1)]


def test_a_trusted_span_is_the_checked_span() -> None:
    from speechlint.fix import trusted_span

    for start, end in [(0, 0), (0, 1), (3, 9), (10**6, 10**6 + 5)]:
        span = trusted_span(start, end)
        assert span == Span(start, end) and hash(span) == hash(Span(start, end)) and repr(span) == repr(Span(start, end))
        with pytest.raises(dataclasses.FrozenInstanceError):
            span.start = 1  # type: ignore[misc]


def test_content_start_is_the_leading_space_pattern() -> None:
    from speechlint.document import _LEADING_SPACE

    for text in TEXTS[:80] + STRESS + [" \t\u3000\u00a0一是\n\n  \n**x**"]:
        doc = Document(text)
        for ln in doc.lines.lines:
            m = _LEADING_SPACE.match(doc.prose, ln.span.start, ln.span.end)
            assert doc.content_start(ln.number) == (m.end() if m else ln.span.start)


def test_paragraph_lines_are_each_paragraphs_line_range() -> None:
    wrapped = "\n".join(["关于做好全县防汛工作的报告"] + ["今年以来，全县上下认真贯彻落实上级关于防汛工作的部署要求，扎实推进"] * 8 + ["各项工作。", "", "特此报告。"])
    for text in TEXTS[:120] + STRESS + [wrapped]:
        for fmt in ("text", "markdown"):
            doc = Document(text, format=fmt)
            line_of = doc.lines.line_of
            expected = {
                line: i
                for i, p in enumerate(doc.paragraphs)
                for line in range(line_of(p.span.start), line_of(p.span.end) + 1)
            }
            assert doc._paragraph_by_line == expected
            assert doc.paragraph_lines == tuple((line_of(p.span.start), line_of(p.span.end)) for p in doc.paragraphs)


def test_url_matches_by_line_are_the_whole_text_matches() -> None:
    from speechlint.builtin.punctuation._context import _URL, _url_matches

    rng = random.Random(3)
    pieces = ["http://a.cn", "https://", "www.", "w", ".", "@", "a", "b1", "字", " ", "\n", "，", "/", "x@y.cn", "ftp://", "\r\n", ":", "com"]
    randoms = ["".join(rng.choice(pieces) for _ in range(rng.randrange(0, 16))) for _ in range(20000)]
    for text in TEXTS[:80] + randoms:
        assert [m.span() for m in _url_matches(text)] == [m.span() for m in _URL.finditer(text)]


def test_every_re_pattern_finds_what_regex_finds() -> None:
    """Patterns of literal characters run on the standard library's re (it scans such a text about
    twice as fast); each must match exactly as the regex module would."""
    import pkgutil

    import speechlint
    from speechlint.lazyre import LazyPattern

    patterns = {}
    for info in pkgutil.walk_packages(speechlint.__path__, "speechlint."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, LazyPattern) and value.engine == "re":
                patterns[f"{info.name}.{name}"] = value
    assert len(patterns) >= 10
    texts = TEXTS[:200] + STRESS
    for where, lazy in patterns.items():
        plain = regex.compile(*lazy._args)
        for text in texts:
            assert [(m.span(), m.groups()) for m in lazy.finditer(text)] == [
                (m.span(), m.groups()) for m in plain.finditer(text)
            ], where


def test_a_cached_rerun_compiles_no_pattern(tmp_path: Path) -> None:
    """A rerun over unchanged files reads cache entries: it imports neither regex nor a tokenizer."""
    (tmp_path / "a.txt").write_text("同志们：\n一是要认真学习了文件，落实的很好。\n谢谢大家！\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from speechlint.cli import main\n"
        "main(['check', '--exit-zero', '--output-format', 'concise', 'a.txt'])\n"
        "print(sorted(m for m in sys.modules if m in ('regex', 'rjieba.rjieba', 'jieba')), file=sys.stderr)\n"
    )
    first = _python(code, tmp_path)
    assert "'regex'" in first.stderr  # the first run lints
    again = _python(code, tmp_path)
    assert again.stderr.strip().splitlines()[-1] == "[]"
    assert again.stdout == first.stdout


def test_a_walk_resolves_each_folder_once_and_each_link(tmp_path: Path) -> None:
    from speechlint.files import discover

    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "sub/b.txt", "outside.txt"):
        (tmp_path / name).write_text("同志们：\n", encoding="utf-8")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "c.txt").write_text("同志们：\n", encoding="utf-8")
    (drafts / "d.txt").symlink_to(drafts / "c.txt")  # the same file again: checked once
    (drafts / "e.txt").symlink_to(tmp_path / "outside.txt")  # a link out of the folder: checked
    found = [c.path.name for c in discover([drafts, tmp_path / "sub"], lambda p: (tmp_path, ()))]
    assert found == ["c.txt", "e.txt", "b.txt"]


def test_quoted_terms_by_the_opening_quote_are_the_look_behind_terms() -> None:
    drf003 = importlib.import_module("speechlint.builtin.drafting.numbered_term_inconsistent")
    behind = regex.compile(r"(?<=[“\"])([一二三四五六七八九十两百]{1,3})(大|类|项|个|条|种|方面)(\p{Han}{2,8})(?=[”\"])")
    rng = random.Random(9)
    pieces = ["“", "”", '"', "三", "十二", "大", "类", "方面", "顽疾", "行动", "，", "四个意识", "字"]
    randoms = ["".join(rng.choice(pieces) for _ in range(rng.randrange(0, 14))) for _ in range(20000)]
    for text in TEXTS + randoms:
        assert [(m.start(1), m.end(), m.groups()) for m in drf003._QUOTED.finditer(text)] == [
            (m.start(), m.end(), m.groups()) for m in behind.finditer(text)
        ]


# -- fifth pass: the document core --------------------------------------------------------------


def _plain_content_bounds(doc: Document) -> list[tuple[int, int]]:
    """Each line's content read on its own: past the content start and the leading spaces, up to
    the last character that is no space."""
    out = []
    for ln in doc.lines.lines:
        start, end = ln.span.start, ln.span.end
        if doc.content_starts is not None:
            start = max(start, doc.content_starts[ln.number - 1])
        while start < end and doc.prose[start] in " \t\u3000\u00a0":
            start += 1
        end = start + len(doc.prose[start:end].rstrip())
        out.append((start, max(start, end)))
    return out


def test_content_bounds_read_at_the_breaks_by_spaces_are_every_lines_bounds() -> None:
    """Plain text reads only the lines next to a break with a space beside it (and the first and
    the last): the others' content is the whole line."""
    rng = random.Random(21)
    pieces = ["a", "字", "一是", " ", "  ", "\t", "\u3000", "\u00a0", "\x0b", "\u2003", "\x85", "\n", "\n", "\n\n", "\r\n", "\r", "**", "# ", "- "]
    randoms = ["".join(rng.choice(pieces) for _ in range(rng.randrange(0, 16))) for _ in range(6000)]
    for text in TEXTS + STRESS + randoms:
        docs = [Document(text, format=fmt) for fmt in ("text", "markdown")]
        if text:  # a part of the text read as markup, so that the prose has spaces of its own
            a = rng.randrange(0, len(text))
            docs.append(Document(text, markup=(Span(a, rng.randrange(a, len(text) + 1)),)))
        for doc in docs:
            assert list(doc.content_bounds) == _plain_content_bounds(doc), (text, doc.format, doc.markup)


def test_lines_are_made_on_first_use_as_the_index_reads_them() -> None:
    from speechlint.document.lines import LineIndex

    for text in TEXTS[:40] + ["", "a", "\n", "a\r\nb\rc\n", "字\n\n字"]:
        index = LineIndex(text)
        assert "lines" not in vars(index)  # not made yet
        assert len(index) == len(index.starts) == len(index.ends) == len(index.texts)
        assert [(ln.number, ln.span.start, ln.span.end, ln.text) for ln in index.lines] == [
            (n, s, e, t) for n, (s, e, t) in enumerate(zip(index.starts, index.ends, index.texts), 1)
        ]
        assert all(text[s:e] == t for s, e, t in zip(index.starts, index.ends, index.texts))


def test_a_trusted_segment_is_the_segment() -> None:
    from speechlint.document.segment import Segment, trusted_segment

    for start, end, text in [(0, 0, ""), (0, 2, "一是"), (10**6, 10**6 + 3, "abc")]:
        segment = trusted_segment(start, end, text)
        plain = Segment(Span(start, end), text)
        assert segment == plain and hash(segment) == hash(plain) and repr(segment) == repr(plain)
        with pytest.raises(dataclasses.FrozenInstanceError):
            segment.text = "x"  # type: ignore[misc]


def _plain_web_chrome_spans(text: str) -> list[Span]:
    """Every line matched, in a text holding one of the hint's words."""
    from speechlint.document import furniture
    from speechlint.document.lines import line_spans

    if not furniture._web_hint(text):
        return []
    out = []
    for begin, stop in line_spans(text):
        line = text[begin:stop]
        t = line.strip(furniture._SPACE)
        if t and len(t) <= 120 and not any(c in t for c in "。；！？") and furniture._WEB_CHROME.fullmatch(t):
            start = begin + line.index(t)
            out.append(Span(start, start + len(t)))
    return out


# The pieces of web chrome and page lines: each alternative's words, marks and look-alikes.
_CHROME_PIECES = [
    "首页", "当前位置", "您的位置", "您现在的位置", "所在位置", " > ", ">", "＞", "»", "›", "→", "【打印】", "【关闭】", "【",
    "[打印]", "[关闭]", "[", "]", "分享到", "分享至", "分享", "上一篇", "下一篇", "上一条", "下一条", "责任编辑", "编辑",
    "审核", "校对", "终审", "来源", "信息来源", "文章来源", "稿源", "作者", "记者", "通讯员", "供稿", "摄影", "发布机构",
    "发布日期", "发布时间", "浏览次数", "阅读次数", "访问次数", "点击数", "点击量", "字号", "扫一扫", "网站地图",
    "主办单位", "点击蓝字", "往期推荐", "阅读原文", "阅读 1.2万+", "收藏", "点赞", "在看", "转发", "推荐", "#灵石", "#",
    "2026-02-26 18:30", "2026-5-8", "10:30", "-", ":", "：", "，", "。", "字", "县政府", "张三", "12",
    "— 2 —", "- 3 -", "第 4 页 共 9 页", "共9页，第2页", "· 5 ·", "6/9", "Page 3 of 9", "PAGE 2", "page", "页",
    " ", "  ", "\u3000", "\t", "\u00a0", "\u2002", "\n", "\n", "\n", "\r\n", "\r",
]


def test_web_chrome_found_at_its_openings_is_every_lines_match() -> None:
    from speechlint.document.furniture import web_chrome_spans

    rng = random.Random(22)
    randoms = ["".join(rng.choice(_CHROME_PIECES) for _ in range(rng.randrange(0, 12))) for _ in range(20000)]
    found = 0
    for text in TEXTS + STRESS + randoms:
        fast = web_chrome_spans(text)
        assert fast == _plain_web_chrome_spans(text), text
        found += bool(fast)
    assert found > 1000  # the random texts hold chrome


def test_a_page_line_searched_after_a_break_is_the_multiline_search() -> None:
    from speechlint.document import furniture

    any_page_line = re.compile(rf"^[{furniture._SPACE}]*(?:{furniture._PAGE_SOURCE})[{furniture._SPACE}]*\r?$", re.X | re.M)
    rng = random.Random(23)
    randoms = ["".join(rng.choice(_CHROME_PIECES) for _ in range(rng.randrange(0, 10))) for _ in range(20000)]
    found = 0
    for text in TEXTS + STRESS + randoms:
        plain = any_page_line.search(text) is not None
        assert (furniture._PAGE_LINE.search("\n" + text) is not None) == plain, text
        if furniture._page_hint(text) and plain:
            found += 1
    assert found > 100


def _typed_or_wrapped_texts(seed: int, count: int) -> list[str]:
    """Texts of lines about one width (wrapped: most lines; typed: some, the others wider or far
    wider), stopping in mid-sentence or not, some of half-width characters (as wide as the others
    with twice as many characters), some indented, some table rows, some blank."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        width = rng.randrange(8, 40)
        wrapped = [0.8, 0.85, 0.9, 0.95, 1.0, 1.0, 1.0] * 2 + [3.0]  # a line in 15 far wider
        factors = rng.choice([wrapped, [0.5, 0.8, 0.9, 1.0, 1.0, 1.1, 1.3, 2.0, 2.6, 4.0]])
        half = rng.choice([0.0, 0.1, 0.3])
        lines = []
        for _ in range(rng.randrange(3, 30)):
            n = max(1, int(width * rng.choice(factors) + rng.randrange(-2, 3)))
            if rng.random() < half:  # half-width: twice as many characters for the width
                body = "".join(rng.choice("ab12-:字") for _ in range(2 * n))
            else:
                body = "".join(rng.choice("字字字字字字a1-“") for _ in range(n))
            lead = rng.choice(["", "", "", "", "", "", "\u3000\u3000", "  ", " ", "\t"])
            end = rng.choice(["", "", "，", "。", "；", "”"])
            if rng.random() < 0.05:
                body = body[: n // 2] + "  " + body[n // 2 :]  # a table row
            lines.append(lead + body + end if rng.random() > 0.05 else "")
        texts.append("\n".join(lines))
    return texts


def test_a_text_surely_typed_is_not_hard_wrapped(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bounds on the usual width tell only texts the widths of every line tell so."""
    from speechlint.document import wrap

    texts = TEXTS + STRESS + _typed_or_wrapped_texts(24, 3000)
    fast = [wrap.continued_lines(Document(text)) for text in texts]
    typed = sum(wrap._surely_typed(Document(text).lines.texts) for text in texts)
    with monkeypatch.context() as m:
        m.setattr(wrap, "_surely_typed", lambda texts: False)
        plain = [wrap.continued_lines(Document(text)) for text in texts]
    assert fast == plain
    # both ways are taken, and some texts are wrapped
    assert 0 < typed < len(texts) and sum(map(bool, plain)) > 100


def test_organ_names_told_by_their_last_character_are_the_patterns_names() -> None:
    from speechlint.document import meta

    def plain(item: str, alone: bool) -> bool:
        if not meta._ORGAN_ITEM.fullmatch(item) or meta._NOT_ORGAN_CHAR.search(item):
            return False
        return not (alone and meta._NOT_ORGAN.search(item))

    rng = random.Random(25)
    pieces = [*meta._ORGAN_SUFFIXES, "县", "市", "各", "的", "（", "）", "(", ")", "党委", "讲话", "同志们", "a", "1", "全"]
    items = ["".join(rng.choice(pieces) for _ in range(rng.randrange(0, 6))) for _ in range(20000)]
    organs = 0
    for item in items + [p.text for text in TEXTS[:100] for p in Document(text).paragraphs]:
        for alone in (True, False):
            assert meta._is_organ(item, alone) == plain(item, alone), item
            organs += plain(item, alone)
    assert organs > 1000


def test_a_title_cleaned_where_its_patterns_can_match_is_the_cleaned_title() -> None:
    from speechlint.document import genres

    def plain(line: str) -> str:
        text = genres._TITLE_TAIL.sub("", line.strip())
        return genres._TITLE_TRIM.sub("", text) if text.strip("—─- ") else ""

    rng = random.Random(26)
    pieces = ["关于", "通知", "讲话", "（征求意见稿）", "(草案)", "（", "）", "——", "─", "-", " ", "\u3000", "\n", "\x1c", "\x85",
              "。", ".", "：", ":", "在", "上的", "x"]
    lines = ["".join(rng.choice(pieces) for _ in range(rng.randrange(0, 8))) for _ in range(20000)]
    for line in lines + [p.text for text in TEXTS for p in Document(text).paragraphs[:3]]:
        assert genres.clean_title(line) == plain(line), line
