"""Place names: home unit, matches, and the PLC rules on the seed speech and look-alikes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from speechlint.config import settings_from_table
from speechlint.diagnostic import Diagnostic
from speechlint.document import Document
from speechlint.linter import Session

from conftest import ROOT
from helpers import run

SEVERE = ("warning", "error")


@pytest.fixture(scope="module")
def session() -> Session:
    return Session()


def read(session: Session, text: str, home: str | None = None, suffix: str = ".txt") -> Document:
    table: dict[str, object] = {"select": ["PLC"]}
    if home:
        table["home"] = home
    doc = session.read(Path("draft" + suffix), text.encode("utf-8"), settings_from_table(table, None, Path.cwd()))
    assert doc is not None
    return doc


def lint(session: Session, text: str, home: str | None = None) -> list[Diagnostic]:
    table: dict[str, object] = {"select": ["PLC"]}
    if home:
        table["home"] = home
    settings = settings_from_table(table, None, Path.cwd())
    doc = session.read(Path("draft.txt"), text.encode("utf-8"), settings)
    diagnostics, errors = session.lint_document(doc, settings)
    assert not errors, errors
    return diagnostics


def found(diagnostics: list[Diagnostic]) -> list[tuple[int, int, str, str]]:
    return [(d.start.line, d.start.column, d.code, d.match) for d in diagnostics]


def position(text: str, needle: str) -> tuple[int, int]:
    offset = text.index(needle)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# -- the seed speech ------------------------------------------------------------


def test_seed_is_clean_with_the_home_inferred(session: Session, seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    doc = read(session, text)
    assert doc.places.home is not None and doc.places.home.name == "灵石县"
    assert doc.places.home_source == "inferred"
    assert lint(session, text) == []


def test_seed_is_clean_with_the_home_given(session: Session, seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    assert lint(session, text, home="灵石县") == []
    assert lint(session, text, home="140729") == []


def test_seed_with_a_foreign_county_in_a_self_slot(session: Session, seed: Path) -> None:
    text = seed.read_text(encoding="utf-8").replace("平安灵石", "平安介休")
    line, column = position(text, "平安介休")
    assert found(lint(session, text)) == [(line, column + 2, "PLC002", "介休")]


def test_seed_with_my_city_in_a_county_speech(session: Session, seed: Path) -> None:
    text = seed.read_text(encoding="utf-8").replace("推动我县", "推动我市", 1)
    line, column = position(text, "推动我市")
    diagnostics = lint(session, text)
    assert found(diagnostics) == [(line, column + 2, "PLC001", "我市")]
    assert diagnostics[0].severity.value == "error"
    fix = diagnostics[0].fix
    assert fix is not None and fix.applicability.value == "unsafe" and fix.edits[0].replacement == "县"


def test_mixed_self_references_without_a_home(session: Session) -> None:
    text = "同志们：\n我县经济平稳运行。我市将持续推进改革。我县各级要行动起来。\n谢谢大家。"
    doc = read(session, text)
    assert doc.places.home is None and doc.places.own_level == "县"
    assert found(lint(session, text)) == [(2, 10, "PLC001", "我市")]


def test_the_title_outweighs_one_stray_self_reference(session: Session) -> None:
    text = (
        "在全县乡村振兴工作推进会上的讲话\n\n同志们：\n全县上下要打造具有灵石特色的农产品品牌。"
        "去年，我市乡村振兴工作取得新进展，要为建设平安介休、美丽灵石作出新贡献。\n谢谢大家。"
    )
    doc = read(session, text)
    assert doc.places.own_level == "县"
    assert doc.places.home is not None and doc.places.home.name == "灵石县"
    assert [(d.code, d.match) for d in lint(session, text)] == [("PLC001", "我市"), ("PLC002", "介休")]


def test_series_outside_a_neutral_frame_is_still_reported(session: Session) -> None:
    text = "我县要打造平安灵石。差旅费按照介休市、孝义市有关规定执行。"
    assert [(d.code, d.match) for d in lint(session, text, home="灵石县")] == [("PLC003", "介休市"), ("PLC003", "孝义市")]


def test_district_named_under_its_city_in_the_title(session: Session) -> None:
    text = "遵义市红花岗区人民政府\n关于做好春耕生产工作的通知\n各镇人民政府：\n全区春耕面积稳定，我区要认真落实。\n\n遵义市红花岗区人民政府\n2026年2月20日\n"
    doc = read(session, text)
    assert doc.places.home is not None and doc.places.home.name == "红花岗区"
    assert [o.units[0].name for o in doc.places.organ_names] == ["红花岗区", "红花岗区"]
    assert lint(session, text) == []


def test_place_a_title_is_about_is_not_reported(session: Session) -> None:
    text = (
        "灵石县农业农村局\n关于赴介休市考察学习设施农业经验的报告\n县人民政府：\n"
        "我局组织考察组赴介休市考察学习。介休市委、市政府高度重视设施农业，孝义市财政局给予补贴。\n"
        "特此报告。\n灵石县农业农村局\n2026年4月28日\n"
    )
    assert [(d.code, d.match) for d in lint(session, text)] == [("PLC003", "孝义市")]


def test_addressee_of_a_letter_is_not_reported(session: Session) -> None:
    letter = "灵石县人民政府办公室\n关于商请开展结对合作的函\n\n介休市人民政府办公室：\n\n我县拟与贵市开展结对合作。\n\n灵石县人民政府办公室\n2024年3月1日\n"
    assert lint(session, letter) == []
    # A 通知 goes to its own subordinates: another place on its 主送 line is reported.
    notice = letter.replace("商请开展结对合作的函", "做好春耕生产的通知").replace("介休市人民政府办公室：", "介休市各乡镇人民政府：")
    assert [(d.code, d.match) for d in lint(session, notice)] == [("PLC003", "介休市")]


# -- silent look-alikes -------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "赴介休市考察学习。",
        "比如，有的单位落实不到位。",
        "要加强合作。",
        "推动和平发展。",
        "建设平安中国。",
        "推进老城区改造。",
        "弘扬延安精神。",
        "推进太原都市圈建设。",
        "与湖南省安化县开展交流合作。",
        "对口支援西藏比如县。",
        "学习借鉴平遥县经验。",
        "原平遥县委书记作了介绍。",
        "在全市排名第三，全省上下都在关注。",
        "市委和县委联合发文，大力振兴县域经济，落实办公经费县级配套。",
        "县委组织部要会同县乡村振兴局开展考核。",
        "县人民政府和县人大常委会高度重视，由县发展改革局和县财政局负责。",  # 和县 is 和 + 县…
        "市委书记强调：“我市要推进高质量发展，全市上下要拧成一股绳。”",  # the city speaking
        # Firms and institutes located elsewhere, markets, meeting places, partners, visitors.
        "深圳市康泰茶业有限公司年产五千吨精制茶项目已开工，浙江省农业科学院给予支持。",
        "产品销往北京市、上海市、广州市等大中城市，全省推进会在太原市召开。",
        "宁波市鄞州区是我县东西部协作结对地区，杭州市西湖区的茶农专程来灵石传授技艺。",
        # Names in a series share the frame: 赴A和B, 与A、B等城市协作, 到A、B等地.
        "两次带队赴四川省青川县和贵州省沿河县，对接劳务协作事项。",
        "加强与重庆市、泸州市等周边城市协作。",
        "学习借鉴介休市、孝义市和汾阳市的经验。",
    ],
)
def test_silent_in_a_lingshi_speech(session: Session, sentence: str) -> None:
    text = f"我县要打造平安灵石。{sentence}我县要抓好落实。"
    assert lint(session, text, home="灵石县") == []
    assert lint(session, text) == []  # the same with the home inferred


def test_parent_names_are_allowed(session: Session) -> None:
    text = "吕梁市委、市政府高度重视。奋力建设法治吕梁，在吕梁市委的坚强领导下推进工作。我县要抓好落实。"
    assert lint(session, text, home="交城县") == []


def test_foreign_mentions_are_info(session: Session) -> None:
    text = "差旅费按照介休市财政局有关规定执行。"
    diagnostics = lint(session, text, home="灵石县")
    assert found(diagnostics) == [(1, 6, "PLC003", "介休市")]
    assert diagnostics[0].severity.value == "info"


# -- matches and word boundaries -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("大力振兴县域经济，要振兴县经济。", []),
        ("市委和县委联合发文。", []),
        ("紧临县城的村庄，防止经济下滑县里要研究，加强合作市场。", []),
        ("请你局会同县财政局抓紧落实。", []),
        ("交城县委书记讲话，中共交城县委，峨边县委。", ["交城县", "交城县", "峨边"]),
        ("构建和谐平安漯河，爱我长沙，具有灵石特色。", ["漯河", "长沙", "灵石"]),
        ("阳泉市城区和郊区。", ["阳泉市", "城区"]),
    ],
)
def test_matches(session: Session, text: str, names: list[str]) -> None:
    doc = read(session, text)
    assert [doc.text[m.span.start : m.span.end] for m in doc.places.matches] == names


def test_match_contexts(session: Session) -> None:
    doc = read(session, "赴介休市考察学习。在文水县委的坚强领导下。平安介休。")
    got = [(doc.text[m.span.start : m.span.end], m.context, m.slot, m.neutral) for m in doc.places.matches]
    assert got == [
        ("介休市", "name", None, True),
        ("文水县", "slot", "在文水县委的坚强领导下", False),
        ("介休", "slot", "平安介休", False),
    ]


# -- the home unit ---------------------------------------------------------------------


def test_home_from_organ_lines(session: Session) -> None:
    text = "交城县人民政府关于做好春季防火工作的通知\n各乡镇人民政府：\n现将有关事项通知如下。\n\n交城县人民政府\n2024年3月1日"
    doc = read(session, text)
    assert doc.places.home is not None and doc.places.home.name == "交城县"
    assert [(o.part, o.units[0].name) for o in doc.places.organ_names] == [("标题", "交城县"), ("署名", "交城县")]


def test_home_from_front_matter(session: Session) -> None:
    doc = read(session, "---\nhome: 当阳市\n---\n我市将全力推进乡村振兴。\n", suffix=".md")
    assert doc.places.home is not None and doc.places.home.code == "420582"
    assert doc.places.home_source == "hint"


def test_setting_wins_over_inference(session: Session) -> None:
    doc = read(session, "我县要打造平安灵石。", home="交城县")
    assert doc.places.home is not None and doc.places.home.name == "交城县"


def test_no_evidence_no_home(session: Session) -> None:
    assert read(session, "要加强合作，推动和平发展。").places.home is None


def test_inferring_the_home_never_imports_the_tokenizer(seed: Path) -> None:
    code = (
        "import sys\n"
        "from speechlint.document import Document\n"
        f"doc = Document(open({str(seed)!r}, encoding='utf-8').read())\n"
        "assert doc.places.home.name == '灵石县'\n"
        "bad = [m for m in ('jieba', 'rjieba') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr


# -- command line and JSON ---------------------------------------------------------------


def test_json_reports_the_home(tmp_path: Path) -> None:
    f = tmp_path / "speech.txt"
    f.write_text("同志们：\n我县要打造平安灵石，建设法治灵石。\n谢谢大家。\n", encoding="utf-8")
    p = run("check", "--isolated", "--select", "PLC", "--output-format", "json", f)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["files"][0]["home"] == {"code": "140729", "name": "灵石县"}
    p = run("check", "--isolated", "--select", "PLC", "--home", "交城县", "--output-format", "json", f)
    assert json.loads(p.stdout)["files"][0]["home"] == {"code": "141122", "name": "交城县"}


@pytest.mark.parametrize("value", ["火星县", "朝阳区", "123456"])
def test_unknown_home_is_one_error_line(tmp_path: Path, value: str) -> None:
    f = tmp_path / "speech.txt"
    f.write_text("我县要抓好落实。\n", encoding="utf-8")
    p = run("check", "--isolated", "--home", value, f)
    assert p.returncode == 2
    assert p.stderr.strip().count("\n") == 0 and "home" in p.stderr, p.stderr


def test_unknown_home_in_config_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "speechlint.toml").write_text('home = "火星县"\n', encoding="utf-8")
    (tmp_path / "speech.txt").write_text("我县要抓好落实。\n", encoding="utf-8")
    p = run("check", "speech.txt", cwd=tmp_path)
    assert p.returncode == 2
    assert "speechlint.toml" in p.stderr and "火星县" in p.stderr


# -- the clean corpus --------------------------------------------------------------------


def test_corpus_has_no_place_warnings(session: Session) -> None:
    corpus = sorted((ROOT / "benchmarks" / "corpus").glob("*.txt"))
    assert any(p.name.startswith("places-") for p in corpus)
    bad = []
    for path in corpus:
        for d in lint(session, path.read_text(encoding="utf-8")):
            if d.severity.value in SEVERE:
                bad.append(f"{path.name}:{d.start.line}:{d.start.column} {d.code} {d.message}")
    assert not bad, "\n".join(bad)


def test_corpus_homes_are_inferred(session: Session) -> None:
    homes = {
        p.name: read(session, p.read_text(encoding="utf-8")).places.home
        for p in sorted((ROOT / "benchmarks" / "corpus").glob("places-*.txt"))
    }
    assert {k: (v.name if v else None) for k, v in homes.items()} == {
        "places-notice-city.txt": "吕梁市",
        "places-report-district.txt": "小店区",
        "places-speech-county.txt": "交城县",
    }
