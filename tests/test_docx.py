"""Word (.docx) input: document order, every visible run, Word's own numbering marked.

The documents are built here with python-docx; revisions, content controls and
fields are added as raw WordprocessingML, as Word writes them.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

docx = pytest.importorskip("docx")
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls  # noqa: E402

from speechlint.cli import main  # noqa: E402
from speechlint.linter import Session  # noqa: E402
from speechlint.readers.docx import SOFT_BREAK, read_docx  # noqa: E402

W = nsdecls("w")


def read(path: Path) -> Any:
    return read_docx(path, path.read_bytes())


def check_json(tmp_path: Path, *args: str) -> tuple[int, dict[str, Any]]:
    out = tmp_path / "out.json"
    code = main(["check", "--isolated", "--output-format", "json", "--output-file", str(out), *args])
    return code, json.loads(out.read_text(encoding="utf-8"))


def add_runs(paragraph: Any, xml: str) -> None:
    """Append raw run-level WordprocessingML to a python-docx paragraph."""
    for el in parse_xml(f"<w:wrap {W}>{xml}</w:wrap>"):
        paragraph._p.append(el)


def test_seed_paragraphs_give_drf001_on_their_paragraph_numbers(seed: Path, tmp_path: Path) -> None:
    paragraphs = seed.read_text(encoding="utf-8").splitlines()
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = tmp_path / "seed.docx"
    document.save(path)

    code, report = check_json(tmp_path, "--select", "DRF001", str(path))
    assert code == 1
    found = [(d["start"]["line"], d["start"]["column"], d["match"]) for d in report["files"][0]["diagnostics"]]
    assert {d["code"] for d in report["files"][0]["diagnostics"]} == {"DRF001"}
    expected = []
    for number, text in enumerate(paragraphs, start=1):
        for placeholder in ("XX", "X组长"):
            start = text.find(placeholder)
            while start >= 0:
                expected.append((number, start + 1, placeholder[: 2 if placeholder == "XX" else 1]))
                start = text.find(placeholder, start + 1)
    assert expected, "the seed holds XX and X组长"
    assert set(expected) <= set(found)
    # The same findings, at the same places, as in the plain-text seed (one paragraph per line).
    _, plain = check_json(tmp_path, "--select", "DRF001", str(seed))
    assert found == [(d["start"]["line"], d["start"]["column"], d["match"]) for d in plain["files"][0]["diagnostics"]]


def test_every_visible_run_counts_and_deleted_text_does_not(tmp_path: Path) -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "页眉XX"
    document.sections[0].footer.paragraphs[0].text = "页脚XX"
    document.add_paragraph("第一段。")
    p = document.add_paragraph("今天")
    add_runs(
        p,
        '<w:ins w:id="1" w:author="审稿人" w:date="2024-05-01T00:00:00Z"><w:r><w:t>，请</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="审稿人" w:date="2024-05-01T00:00:00Z"><w:r><w:delText>删掉的XX</w:delText></w:r></w:del>'
        '<w:sdt><w:sdtPr><w:alias w:val="姓名"/></w:sdtPr><w:sdtContent><w:r><w:t>X组长</w:t></w:r></w:sdtContent></w:sdt>'
        '<w:fldSimple w:instr=" DOCPROPERTY 职务 "><w:r><w:t>讲话</w:t></w:r></w:fldSimple>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:tab/><w:t>页</w:t><w:br/><w:t>续</w:t><w:br w:type="page"/></w:r>'
        '<w:hyperlink w:anchor="a"><w:r><w:t>链接</w:t></w:r></w:hyperlink>'
    )
    # A comment on the first paragraph: its text is not the body's.
    document.add_comment(document.paragraphs[0].runs, text="XX批注", author="审稿人")
    path = tmp_path / "runs.docx"
    document.save(path)

    doc = read(path)
    assert doc.format == "docx"
    assert doc.text == f"第一段。\n今天，请X组长讲话3\t页{SOFT_BREAK}续链接"
    code, report = check_json(tmp_path, "--select", "DRF001", str(path))
    assert code == 1
    (finding,) = report["files"][0]["diagnostics"]
    assert (finding["start"]["line"], finding["start"]["column"], finding["match"]) == (2, 5, "X")


def test_block_content_controls_and_tables_in_document_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("开头")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "甲"
    table.cell(0, 1).text = "乙"
    table.cell(1, 0).merge(table.cell(1, 1)).text = "合并"
    inner = table.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内一"
    inner.cell(0, 1).text = "内二"
    document.add_paragraph("中间")
    body = document.element.body
    block = parse_xml(
        f"<w:sdt {W}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>控件段</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    body.insert(list(body).index(body[-1]), block)  # before the section properties
    document.add_paragraph("结尾")
    path = tmp_path / "order.docx"
    document.save(path)

    # A merged cell is read once; a nested table sits inside its cell, which Word closes
    # with an empty paragraph (an empty line: paragraph numbers stay Word's).
    assert read(path).text.split("\n") == ["开头", "甲", "乙", "内一", "内二", "", "合并", "中间", "控件段", "结尾"]


def _numbered_document() -> Any:
    """Headings numbered by Word ("一、" in chineseCounting), directly and through a style."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {W} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    numbering.insert(
        1,
        parse_xml(
            f'<w:abstractNum {W} w:abstractNumId="91"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
            '<w:lvlText w:val="•"/></w:lvl></w:abstractNum>'
        ),
    )
    numbering.append(parse_xml(f'<w:num {W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {W} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
    # "Heading 2" carries the second level through its style.
    heading2 = document.styles["Heading 2"].element
    heading2.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W}><w:ilvl w:val="1"/><w:numId w:val="90"/></w:numPr>')
    )

    def numbered(text: str, num_id: str = "90", style: str | None = None) -> None:
        p = document.add_paragraph(text, style=style)
        p._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>')
        )

    document.add_paragraph("同志们：")  # 1
    document.add_paragraph("下面，我讲三点意见。")  # 2
    numbered("认清形势，增强做好春耕生产的责任感")  # 3
    document.add_paragraph("今年春播面积稳中有增。")  # 4
    document.add_paragraph("抓好物资供应", style="Heading 2")  # 5: numbered by its style
    document.add_paragraph("种子、化肥要提前备足。")  # 6
    document.add_paragraph("抓好农机检修", style="Heading 2")  # 7
    numbered("突出重点，扎实抓好春耕生产各项工作")  # 8
    numbered("这一条是项目符号，不是编号", num_id="91")  # 9: a bullet
    p = document.add_paragraph("本段样式带编号，但段落关掉了编号", style="Heading 2")  # 10: numId 0 switches it off
    p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {W}><w:numId w:val="0"/></w:numPr>'))
    numbered("强化保障，确保春耕生产顺利推进")  # 11
    document.add_paragraph("谢谢大家！")  # 12
    return document


def test_word_numbered_headings_are_marked(tmp_path: Path) -> None:
    path = tmp_path / "numbered.docx"
    _numbered_document().save(path)
    doc = read(path)
    assert doc.lines.lines[2].text == "认清形势，增强做好春耕生产的责任感"  # no "一、" in the text
    assert doc.auto_numbered == frozenset({3, 5, 7, 8, 11})


def test_word_numbered_headings_give_no_structure_finding(tmp_path: Path) -> None:
    if not any(r.code.startswith("STR") for r in Session().rules):
        pytest.skip("no STR rules yet")
    path = tmp_path / "numbered.docx"
    _numbered_document().save(path)
    code, report = check_json(tmp_path, "--select", "STR", str(path))
    assert report["files"][0]["diagnostics"] == []
    assert code == 0


def test_a_broken_docx_is_an_error_for_that_file_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a-garbage.docx").write_bytes(b"this is not a zip file")
    with zipfile.ZipFile(tmp_path / "b-empty-zip.docx", "w") as z:
        z.writestr("readme.txt", "no Word parts here")
    (tmp_path / "c-good.txt").write_text("刚才,XX同志讲了话。\n", encoding="utf-8")
    good_docx = docx.Document()
    good_docx.add_paragraph("请X组长审阅。")
    good_docx.save(tmp_path / "d-good.docx")

    code = main(["check", "--isolated", "--select", "PUN001,DRF001", "--output-format", "concise", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 2
    errors = err.splitlines()
    assert len(errors) == 2
    assert errors[0].startswith(f"speechlint: error: {tmp_path / 'a-garbage.docx'}: not a readable Word document")
    assert errors[1].startswith(f"speechlint: error: {tmp_path / 'b-empty-zip.docx'}: not a readable Word document")
    assert out.splitlines() == [
        f"{tmp_path / 'c-good.txt'}:1:3: PUN001 [halfwidth-punct-in-cjk] 中文语境应使用全角标点“，”，不用半角“,”",
        f"{tmp_path / 'c-good.txt'}:1:4: DRF001 [placeholder-left] 占位符“XX”未替换",
        f"{tmp_path / 'd-good.docx'}:1:2: DRF001 [placeholder-left] 占位符“X”未替换",
    ]


def test_fix_leaves_docx_untouched_and_says_so_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("a.docx", "b.docx"):
        document = docx.Document()
        document.add_paragraph("今天,我们开会。")
        document.save(tmp_path / name)
    (tmp_path / "c.txt").write_text("今天,我们开会。\n", encoding="utf-8")
    before = {name: (tmp_path / name).read_bytes() for name in ("a.docx", "b.docx")}

    code = main(["check", "--isolated", "--select", "PUN001", "--fix", "--output-format", "concise", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 1  # the .docx findings remain
    assert {name: (tmp_path / name).read_bytes() for name in before} == before
    assert (tmp_path / "c.txt").read_text(encoding="utf-8") == "今天，我们开会。\n"
    assert [line for line in out.splitlines() if " PUN001 " in line] == [
        f"{tmp_path / 'a.docx'}:1:3: PUN001 [halfwidth-punct-in-cjk] 中文语境应使用全角标点“，”，不用半角“,”",
        f"{tmp_path / 'b.docx'}:1:3: PUN001 [halfwidth-punct-in-cjk] 中文语境应使用全角标点“，”，不用半角“,”",
    ]
    assert sum(".docx" in line for line in err.splitlines()) == 1
