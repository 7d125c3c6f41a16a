"""Document.meta: 版头, 发文字号, title, salutation, closing, tail and the genre."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from speechlint.config import ConfigError, ConfigResolver
from speechlint.document import Document
from speechlint.document.meta import Meta
from speechlint.linter import Session
from speechlint.resources import Resources

from conftest import ROOT

NOTICE = """灵石县人民政府文件
灵政发〔2024〕5号
关于做好春季森林防火工作的通知
各乡镇人民政府，县直各单位:
为切实做好今年春季森林防火工作，现将有关事项通知如下。
一、提高思想认识
各单位要高度重视森林防火工作。
特此通知。
附件：1.森林防火责任表
2.值班安排表
灵石县人民政府
2024年3月5日
（此件公开发布）
抄送：县委办公室。
"""

SPEECH = """坚定信心　奋勇争先
——在全县经济工作会议上的讲话
县委书记　王明
（2024年1月5日）
同志们：
今天我们召开全县经济工作会议。
同志们，让我们团结一心，为建设美丽灵石而努力奋斗！
谢谢大家！
"""


def meta(text: str, **fields: object) -> Meta:
    return Document(text=text, **fields).meta  # type: ignore[arg-type]


def texts(segments: tuple) -> list[str]:  # type: ignore[type-arg]
    return [s.text for s in segments]


def test_official_document_parts() -> None:
    m = meta(NOTICE)
    assert texts(m.header) == ["灵石县人民政府文件", "灵政发〔2024〕5号"]
    assert m.doc_number is not None and m.doc_number.text == "灵政发〔2024〕5号"
    assert texts(m.title) == ["关于做好春季森林防火工作的通知"]
    assert m.salutation is not None
    assert m.salutation.segment.text == "各乡镇人民政府，县直各单位:"
    assert m.salutation.kind == "organ" and m.salutation.mark_text == ":"
    assert texts(m.body)[0] == "为切实做好今年春季森林防火工作，现将有关事项通知如下。"
    assert m.closing is not None and m.closing.text == "特此通知。"
    assert texts(m.attachments) == ["附件：1.森林防火责任表", "2.值班安排表"]
    assert texts(m.signature) == ["灵石县人民政府"]
    assert m.date is not None and m.date.text == "2024年3月5日"
    assert (m.genre, m.family, m.genre_source, m.title_match) == ("通知", "official", "title", "通知")


def test_salutation_broken_over_two_lines() -> None:
    text = NOTICE.replace("各乡镇人民政府，县直各单位:", "各乡镇人民政府、街道办事处，\n县直各单位，各有关单位：")
    m = meta(text)
    assert m.salutation is not None and m.salutation.kind == "organ"
    assert m.salutation.segment.text == "各乡镇人民政府、街道办事处，\n县直各单位，各有关单位："
    assert m.salutation.mark_text == "："
    assert texts(m.body)[0] == "为切实做好今年春季森林防火工作，现将有关事项通知如下。"
    # A comma after the salutation and body text in the next line: the comma is its mark.
    m = meta(SPEECH.replace("同志们：", "同志们，"))
    assert m.salutation is not None and m.salutation.mark_text == "，"
    assert texts(m.body)[0] == "今天我们召开全县经济工作会议。"


def test_speech_parts_subtitle_decides() -> None:
    m = meta(SPEECH)
    assert texts(m.title) == ["坚定信心　奋勇争先", "——在全县经济工作会议上的讲话", "县委书记　王明", "（2024年1月5日）"]
    assert m.salutation is not None and m.salutation.kind == "speech"
    assert m.salutation.mark_text == "："
    assert texts(m.ending) == ["同志们，让我们团结一心，为建设美丽灵石而努力奋斗！", "谢谢大家！"]
    assert (m.genre, m.family, m.genre_source) == ("讲话", "speech", "title")
    assert not m.speech_report


@pytest.mark.parametrize(
    ("title", "genre", "family", "report"),
    [
        ("2024年灵石县政府工作报告", "讲话", "speech", True),
        ("——在中国共产党灵石县第十五次代表大会上的报告", "讲话", "speech", True),
        ("在全县经济工作会议上的报告", "讲话", "speech", True),
        ("王明同志2024年度述职报告", "发言", "speech", True),
        ("关于2024年法治政府建设情况的报告", "报告", "official", False),
        ("关于同意开展数据比对的复函", "函", "official", False),
        ("关于商请协助开展数据比对的函", "函", "official", False),
        ("县政府第十二次常务会议纪要", "纪要", "official", False),
        ("关于印发《2024年政府工作报告重点任务分工方案》的通知", "通知", "official", False),
        ("灵石县人民政府令", "命令", "official", False),
        ("关于修订《灵石县防汛应急预案》的决定（征求意见稿）", "决定", "official", False),
        ("在第五届文化旅游节开幕式上的致辞", "致辞", "speech", False),
        ("全县安全生产工作会议主持词", "主持词", "speech", False),
        ("关于申请办公经费的请示报告", None, None, False),
    ],
)
def test_genre_from_title_longest_suffix_first(title: str, genre: str | None, family: str | None, report: bool) -> None:
    m = meta(f"{title}\n今天，我们召开会议，研究部署工作。\n")
    assert (m.genre, m.family, m.speech_report) == (genre, family, report)


def test_genre_from_salutation_and_addressee() -> None:
    assert (meta("同志们：\n今天我们开会。\n").genre, meta("同志们：\n今天我们开会。\n").genre_source) == ("讲话", "salutation")
    assert meta("尊敬的各位来宾，女士们、先生们：\n金秋时节，我们相聚在这里。\n").genre == "致辞"
    m = meta("县应急管理局：\n为做好防汛工作，现将有关事项通知如下。\n")
    assert (m.genre, m.family, m.genre_source) == (None, "official", "addressee")
    m = meta("县应急管理局：\n你局《关于设立应急物资储备库的请示》收悉。经研究，同意设立。\n此复。\n")
    assert (m.genre, m.genre_source) == ("批复", "opening")
    m = meta("今天我们开会，研究部署工作。\n特此通知。\n")
    assert (m.genre, m.family, m.salutation) == (None, None, None)


def test_genre_hint_and_front_matter() -> None:
    assert meta("今天我们开会。\n", genre_hint="请示").genre == "请示"
    assert meta("今天我们开会。\n", genre_hint="复函").genre == "函"  # an alias
    assert meta("今天我们开会。\n", front_matter={"genre": "通知"}).genre == "通知"
    # The hint wins over the title.
    assert meta("关于做好防汛工作的通知\n今天我们开会。\n", genre_hint="讲话").genre == "讲话"
    m = meta("今天我们开会。\n", genre_hint="倡议书")
    assert (m.genre, m.family, m.spec) == ("倡议书", None, None)


@pytest.mark.parametrize(
    ("line", "mark"),
    [
        ("同志们：", "："), ("同志们,", ","), ("同志们:", ":"), ("各位代表、同志们", ""), ("市财政局", ""),
        ("全县广大干部群众，同志们、朋友们：", "："),
    ],
)
def test_salutation_whatever_mark_ends_it(line: str, mark: str) -> None:
    m = meta(f"关于做好防汛工作的讲话\n{line}\n今天，我们召开全县防汛工作会议。\n")
    assert m.salutation is not None
    assert m.salutation.mark_text == mark
    assert m.salutation.segment.text == line


def test_not_salutations() -> None:
    # A 版头 line followed by a title, a byline above the salutation, a run-in salutation.
    m = meta("灵石县人民政府办公室\n关于做好防汛工作的通知\n各乡镇人民政府：\n请做好防汛工作。\n")
    assert m.salutation is not None and m.salutation.segment.text == "各乡镇人民政府："
    m = meta("在全县会议上的讲话\n中共灵石县委\n同志们：\n今天我们开会。\n")
    assert m.salutation is not None and m.salutation.segment.text == "同志们："
    assert meta("同志们，今天我们召开全县大会，部署全年工作。\n").salutation is None
    assert meta("新年贺词\n全县广大干部群众要积极参与。\n今天我们开会。\n").salutation is None
    assert meta("2024年全县三级干部大会\n今天我们召开大会，部署全年工作。\n").salutation is None


def test_tail_without_date() -> None:
    m = meta("关于购置车辆的请示\n市财政局：\n拟购置车辆两辆。\n妥否，请批示。\n联系人：王明，电话：0354-1234567\n")
    assert m.closing is not None and m.closing.text == "妥否，请批示。"
    m = meta("关于购置车辆的请示\n市财政局：\n拟购置车辆两辆。\n妥否，请批示。\n灵石县交通运输局\n")
    assert texts(m.signature) == ["灵石县交通运输局"]
    assert m.closing is not None and m.closing.text == "妥否，请批示。"


def test_markdown_front_matter_is_not_the_title() -> None:
    text = "---\ngenre: 通知\n---\n# 关于做好防汛工作的通知\n\n各乡镇人民政府：\n\n请做好防汛工作。\n"
    session = Session()
    doc = session.read(Path("a.md"), text.encode(), session.resolver.root)
    assert doc is not None
    m = doc.meta
    assert m.genre == "通知"
    assert m.salutation is not None and m.salutation.segment.text == "各乡镇人民政府："


# -- the genre table and its configuration ------------------------------------------------------


def test_table_extended_by_config() -> None:
    extra = {
        "倡议书": {"family": "official", "titles": ["倡议书"], "wrong-closings": [{"pattern": "特此通知"}]},
        "通知": {"suggest": "请遵照执行。"},
    }
    table = Resources(genres_extra=extra).genres
    spec = table.get("倡议书")
    assert spec is not None and spec.family == "official"
    assert spec.wrong_closings[0].message == "{genre}不用“{found}”结尾"
    notice = table.get("通知")
    assert notice is not None and notice.suggest == "请遵照执行。" and notice.wrong_closings  # other keys kept
    doc = Document(text="关于节约用水的倡议书\n全体居民：\n请大家节约用水。\n", resources=Resources(genres_extra=extra))
    assert (doc.meta.genre, doc.meta.family) == ("倡议书", "official")


@pytest.mark.parametrize(
    ("table", "words"),
    [
        ('[genres."通知"]\nclosing-formula = ["特此通知"]\n', ["closing-formula"]),
        ('[genres."通知"]\nwrong-closings = [{ pattern = "谢谢", text = "x" }]\n', ["wrong-closings", "text"]),
        ('[genres."倡议书"]\ntitles = ["倡议书"]\n', ["倡议书", "family"]),
        ('[genres."通知"]\nfamily = "公文"\n', ["family"]),
        ('[genres."通知"]\nclosings = ["(特此"]\n', ["closings", "regular expression"]),
        ('genre = "通告书"\n', ["通告书"]),
    ],
)
def test_bad_genre_config_names_file_and_key(tmp_path: Path, table: str, words: list[str]) -> None:
    cfg = tmp_path / "speechlint.toml"
    cfg.write_text(table, encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        Session(ConfigResolver(cwd=tmp_path))
    message = str(e.value)
    assert str(cfg) in message
    for w in words:
        assert w in message


def test_bad_nested_genre_table_fails_its_files_only(tmp_path: Path) -> None:
    (tmp_path / "speechlint.toml").write_text("", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "speechlint.toml").write_text('[genres."通知"]\nbogus = 1\n', encoding="utf-8")
    (sub / "a.txt").write_text("同志们：\n今天开会。\n", encoding="utf-8")
    session = Session(ConfigResolver(cwd=tmp_path))
    result, errors, _ = session.check_file(sub / "a.txt")
    assert result is None and "bogus" in errors[0].message and "sub" in errors[0].message


# -- no tokenizer, JSON ---------------------------------------------------------------------------


def test_meta_and_gen_rules_never_import_the_tokenizer(seed: Path) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from speechlint.config import settings_from_table\n"
        "from speechlint.linter import lint_text\n"
        "s = settings_from_table({'select': ['GEN']}, None, Path.cwd())\n"
        f"found = lint_text(Path({str(seed)!r}).read_text(encoding='utf-8'), settings=s)\n"
        "assert found, 'the seed has a salutation finding'\n"
        "print(sorted(m for m in ('jieba', 'rjieba') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


def test_json_output_fills_genre(tmp_path: Path) -> None:
    (tmp_path / "speech.txt").write_text(SPEECH, encoding="utf-8")
    (tmp_path / "plain.txt").write_text("今天我们开会。\n", encoding="utf-8")
    (tmp_path / "notice.txt").write_text("县应急管理局：\n请做好防汛工作。\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "speechlint", "check", ".", "--isolated", "--select", "GEN", "--output-format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    data = json.loads(out.stdout)
    files = {Path(f["path"]).name: f for f in data["files"]}
    assert (files["speech.txt"]["genre"], files["speech.txt"]["genre_family"]) == ("讲话", "speech")
    assert (files["plain.txt"]["genre"], files["plain.txt"]["genre_family"]) == (None, None)
    assert (files["notice.txt"]["genre"], files["notice.txt"]["genre_family"]) == (None, "official")
    out = subprocess.run(
        [sys.executable, "-m", "speechlint", "check", "plain.txt", "--isolated", "--genre", "请示", "--output-format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    data = json.loads(out.stdout)
    assert (data["files"][0]["genre"], data["files"][0]["genre_family"]) == ("请示", "official")


def test_bracketed_alternative_in_addressee_and_attachment_item_after_signature_date() -> None:
    text = (
        "灵石县应急管理局\n关于2025年安全生产工作情况的报告\n"
        "各乡镇党委，县直各单位党组（党委）：\n现将全年工作情况报告如下。\n特此报告。\n"
        "附件：1．2025年主要指标完成情况\n      2．2026年重点工作任务清单\n"
        "灵石县应急管理局\n2026年1月15日\n"
    )
    m = meta(text)
    assert m.salutation is not None and m.salutation.segment.text == "各乡镇党委，县直各单位党组（党委）："
    # An item of 附件说明 that starts with a year (2．2026年…) is no signature line.
    assert [s.text for s in m.attachments] == ["附件：1．2025年主要指标完成情况", "2．2026年重点工作任务清单"]
    assert [s.text for s in m.signature] == ["灵石县应急管理局"]
