"""The formulation data (data/formulations.toml), its typed view, and TRM001."""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import cached_property
from pathlib import Path
from typing import Any

import pytest

from speechlint.builtin.terms.canonical_formulation import canonical_formulation
from speechlint.config import settings_from_table
from speechlint.document import Document
from speechlint.fix import Applicability, apply_fixes
from speechlint.formulations import (
    FormulationError,
    Formulation,
    Formulations,
    NumberedFormulation,
    parse_formulations,
)
from speechlint.linter import Session
from speechlint.resources import Resources, load_toml

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def data() -> Formulations:
    return Resources().formulations


def lint(session: Session, text: str, select: str) -> list[Any]:
    settings = settings_from_table({"select": [select]}, None, Path.cwd())
    doc = session.read(Path("draft.txt"), text.encode("utf-8"), settings)
    assert doc is not None
    diagnostics, errors = session.lint_document(doc, settings)
    assert not errors
    return diagnostics


# -- the data --------------------------------------------------------------------------------


def test_at_least_thirty_entries_each_with_source_and_date(data: Formulations) -> None:
    entries = [*data.formulations, *data.numbered]
    assert len(entries) >= 30
    for e in entries:
        assert e.source.strip()
        assert isinstance(e.as_of, dt.date) and dt.date(1949, 1, 1) <= e.as_of <= dt.date.today()
    assert sum(len(f.variants) for f in data.formulations) >= 20


def test_numbered_formulations_and_their_members(data: Formulations) -> None:
    for term in ("两个确立", "两个维护", "四个意识", "四个自信", "五位一体", "四个全面", "三严三实"):
        assert term in data.numbered_terms
        current = data.numbered_on(term)
        assert current is not None and current.count == len(current.members) >= 2
    assert data.numbered_on("四个意识").members == ("政治意识", "大局意识", "核心意识", "看齐意识")  # type: ignore[union-attr]
    assert data.numbered_on("四个自信").verbs == ("坚定",)  # type: ignore[union-attr]
    assert data.numbered_on("三严三实").count == 6  # type: ignore[union-attr]
    assert data.numbered_on("五大发展理念") is data.numbered_on("新发展理念")  # an alias
    assert data.numbered_on("四个方面") is None
    for n in data.numbered:
        assert n.count == len(n.members) or not n.members
        if n.valid_from and n.valid_to:
            assert n.valid_from < n.valid_to


def test_versions_by_date(data: Formulations) -> None:
    old, new = data.numbered_versions("四个全面")
    assert old.members[0] == "全面建成小康社会" and new.members[0] == "全面建设社会主义现代化国家"
    assert data.numbered_on("四个全面", dt.date(2016, 5, 1)) is old
    assert data.numbered_on("四个全面", dt.date(2024, 5, 1)) is new
    assert data.numbered_on("四个全面") is new
    assert data.numbered_on("十个明确", dt.date(2019, 1, 1)) is None
    assert data.numbered_on("八个明确", dt.date(2019, 1, 1)) is not None
    assert data.numbered_on("八个明确", dt.date(2022, 1, 1)) is None


def test_resources_load_the_list_once_and_only_when_asked() -> None:
    session = Session()
    lint(session, "坚持学习,不断进步!", "PUN001")
    assert "formulations" not in vars(session.resources)
    lint(session, "坚持以习近平新时代中国特色社会主义思想为指导。", "TRM001")
    first = session.resources.formulations
    lint(session, "又一份讲话稿。", "TRM001")
    assert session.resources.formulations is first


def test_docs_describe_every_field() -> None:
    docs = (ROOT / "docs" / "formulations.md").read_text(encoding="utf-8")
    for cls in (Formulation, NumberedFormulation):
        for f in dataclasses.fields(cls):
            assert f"`{f.name}`" in docs, f"{cls.__name__}.{f.name}"
    members = ("numbered_terms", "numbered_versions", "numbered_on", "find_variants", "document.resources.formulations")
    for member in members:
        assert member in docs
    shipped = load_toml("formulations.toml")
    keys = {k for table in ("formulation", "numbered") for e in shipped[table] for k in e}
    for key in keys:
        assert key in docs, key


def test_every_variant_is_found_and_fixed_to_its_canonical_form(data: Formulations) -> None:
    for f in data.formulations:
        assert not list(data.find_variants(f"要坚持{f.canonical}。")), f.canonical
        for v in f.variants:
            text = f"要坚持{v}。"
            [hit] = list(data.find_variants(text))
            assert text[hit.span.start : hit.span.end] == v
            assert apply_fixes(text, [_fix(hit)])[0] == f"要坚持{f.canonical}。"


def _fix(hit: Any) -> Any:
    from speechlint.fix import Fix

    return Fix.unsafe(hit.edit, title="")


def test_quotation_marks_as_typed_are_kept(data: Formulations) -> None:
    for text, fixed in [
        ("统筹推进“五位一体”战略布局。", "统筹推进“五位一体”总体布局。"),
        ('统筹推进"五位一体"战略布局。', '统筹推进"五位一体"总体布局。'),
        ("统筹推进五位一体战略布局。", "统筹推进五位一体总体布局。"),
    ]:
        [hit] = list(data.find_variants(text))
        assert (hit.edit.span.end - hit.edit.span.start, hit.edit.replacement) == (2, "总体")
        assert apply_fixes(text, [_fix(hit)])[0] == fixed


def test_the_smallest_edit_only(data: Formulations) -> None:
    text = "学习习近平新时代社会主义思想"
    [hit] = list(data.find_variants(text))
    assert (hit.edit.span.start, hit.edit.span.end, hit.edit.replacement) == (8, 8, "中国特色")


# -- a malformed file is an error that names the entry ------------------------------------------

GOOD_F = {"canonical": "总体国家安全观", "variants": ["国家总体安全观"], "source": "会议", "as-of": dt.date(2014, 4, 15)}
GOOD_N = {"term": "四个意识", "members": ["政治意识", "大局意识", "核心意识", "看齐意识"], "source": "会议", "as-of": dt.date(2016, 1, 29)}


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        ({"formulation": [{**GOOD_F, "varients": []}]}, "unknown keys"),
        ({"formulation": [{k: v for k, v in GOOD_F.items() if k != "source"}]}, "'source'"),
        ({"formulation": [{**GOOD_F, "as-of": "2014-04-15"}]}, "'as-of' must be a TOML date"),
        ({"formulation": [GOOD_F, {**GOOD_F, "canonical": "国家安全", "variants": ["国家总体安全观"]}]}, "listed twice"),
        ({"numbered": [{**GOOD_N, "count": 3}]}, "'count'"),
        ({"numbered": [{k: v for k, v in GOOD_N.items() if k != "members"}]}, "'count'"),
        ({"numbered": [{**GOOD_N, "members": "政治意识"}]}, "'members'"),
    ],
)
def test_malformed_entries_are_rejected(data: dict[str, Any], needle: str) -> None:
    with pytest.raises(FormulationError, match=needle):
        parse_formulations(data)


# -- TRM001 -------------------------------------------------------------------------------------


def test_trm001_reports_and_offers_an_unsafe_fix() -> None:
    text = "坚持以习近平总书记为核心的党中央坚强领导。"
    [d] = lint(Session(), text, "TRM001")
    assert (d.start.line, d.start.column, d.match) == (1, 3, "以习近平总书记为核心的党中央")
    assert d.fix.applicability is Applicability.UNSAFE
    assert apply_fixes(text, [d.fix])[0] == "坚持以习近平同志为核心的党中央坚强领导。"
    assert "以习近平同志为核心的党中央" in d.message


def test_trm001_never_flags_a_variant_inside_a_longer_correct_formulation() -> None:
    # A list where one wrong wording lies inside a longer correct one.
    custom = parse_formulations(
        {
            "formulation": [
                {"canonical": "新发展格局", "variants": ["国内循环为主体"], "source": "测试", "as-of": dt.date(2020, 10, 29)},
                {"canonical": "以国内循环为主体的旧提法说明", "source": "测试", "as-of": dt.date(2020, 10, 29)},
            ]
        }
    )

    class Custom(Resources):
        @cached_property
        def formulations(self) -> Formulations:  # type: ignore[override]
            return custom

    doc = Document(text="一是国内循环为主体；二是以国内循环为主体的旧提法说明。", resources=Custom())
    hits = list(canonical_formulation(doc))
    assert [doc.text[v.span.start : v.span.end] for v in hits] == ["国内循环为主体"]
    assert hits[0].span.start == 2


def test_trm001_works_on_a_document_built_by_hand() -> None:
    doc = Document(text="深入学习贯彻习近平新时代社会主义思想。")
    [v] = list(canonical_formulation(doc))
    assert (v.span.start, v.span.end) == (6, 18)
