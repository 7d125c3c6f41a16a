"""``--output-format sarif``: SARIF 2.1.0, code-point columns, every rule described."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import SHARED
from speechlint.cli import main
from speechlint.linter import Session

SCHEMA = SHARED / "data" / "sarif-schema-2.1.0.json"


def run(tmp_path: Path, fmt: str, *args: str) -> tuple[int, Any]:
    out = tmp_path / f"out.{fmt}"
    code = main(["check", "--isolated", "--output-format", fmt, "--output-file", str(out), *args])
    return code, json.loads(out.read_text(encoding="utf-8"))


def validate(log: Any) -> None:
    if not SCHEMA.is_file():
        pytest.skip("../shared/data/sarif-schema-2.1.0.json is not present")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)


def test_seed_is_schema_valid_and_has_every_diagnostic(seed: Path, tmp_path: Path) -> None:
    code, log = run(tmp_path, "sarif", str(seed))
    _, report = run(tmp_path, "json", str(seed))
    assert code == 1
    diagnostics = [d for f in report["files"] for d in f["diagnostics"]]
    (sarif_run,) = log["runs"]
    assert len(sarif_run["results"]) == len(diagnostics) > 0
    assert [r["ruleId"] for r in sarif_run["results"]] == [d["code"] for d in diagnostics]
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    validate(log)


def test_result_fields(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 𠮷 is outside the BMP: one code point, two UTF-16 units.  Columns count code points.
    monkeypatch.chdir(tmp_path)
    Path("稿.txt").write_text("开头。\n𠮷𠮷,请X组长审阅。\n", encoding="utf-8")
    code, log = run(tmp_path, "sarif", "--select", "PUN001,DRF001", "稿.txt")
    assert code == 1
    validate(log)
    (sarif_run,) = log["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    pun, drf = sarif_run["results"]

    assert pun["ruleId"] == "PUN001" and rules[pun["ruleIndex"]]["id"] == "PUN001"
    assert pun["level"] == "warning"
    loc = pun["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert loc["artifactLocation"]["uri"] == "%E7%A8%BF.txt"  # 稿, percent-encoded
    assert sarif_run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    assert loc["region"] == {
        "startLine": 2, "startColumn": 3, "endLine": 2, "endColumn": 4,
        "charOffset": 6, "charLength": 1, "snippet": {"text": ","},
    }
    (fix,) = pun["fixes"]
    (change,) = fix["artifactChanges"]
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 2, "startColumn": 3, "endLine": 2, "endColumn": 4,
                              "charOffset": 6, "charLength": 1},
            "insertedContent": {"text": "，"},
        }
    ]
    assert fix["properties"]["applicability"] == "safe"

    assert drf["ruleId"] == "DRF001" and drf["level"] == "error" and "fixes" not in drf
    assert drf["locations"][0]["physicalLocation"]["region"]["startColumn"] == 5
    assert drf["message"]["text"] == "占位符“X”未替换"
    assert sarif_run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


def test_driver_lists_every_rule_with_help(tmp_path: Path) -> None:
    draft = tmp_path / "a.txt"
    draft.write_text("没有问题。\n", encoding="utf-8")
    code, log = run(tmp_path, "sarif", str(draft))
    assert code == 0
    validate(log)
    (sarif_run,) = log["runs"]
    assert sarif_run["results"] == []
    rules = {r["id"]: r for r in sarif_run["tool"]["driver"]["rules"]}
    session = Session()
    assert set(rules) == {r.code for r in session.rules}
    for r in session.rules:
        d = rules[r.code]
        assert d["name"] == r.name
        assert d["shortDescription"]["text"] == r.summary
        assert d["help"]["markdown"] == r.doc and "## 它检查什么" in d["help"]["text"]
        assert d["defaultConfiguration"]["level"] == {"error": "error", "warning": "warning", "info": "note"}[
            r.severity.value
        ]


def test_info_is_a_note_and_errors_are_notifications(tmp_path: Path) -> None:
    config = tmp_path / "speechlint.toml"
    config.write_text('[rules.halfwidth-punct-in-cjk]\nseverity = "info"\n', encoding="utf-8")
    draft = tmp_path / "a.txt"
    draft.write_text("今天,开会。\n", encoding="utf-8")
    broken = tmp_path / "b.txt"
    broken.write_bytes(b"\x00\x01binary")
    out = tmp_path / "out.sarif"
    code = main(["check", "--config", str(config), "--select", "PUN001", "--output-format", "sarif",
                 "--output-file", str(out), str(draft), str(broken)])
    assert code == 2
    log = json.loads(out.read_text(encoding="utf-8"))
    validate(log)
    (sarif_run,) = log["runs"]
    (result,) = sarif_run["results"]
    assert result["level"] == "note"
    (invocation,) = sarif_run["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "binary" in note["message"]["text"]
    # An absolute path is a file URI of its own.
    assert note["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": broken.as_uri()}


def test_docx_regions_have_no_offsets_and_no_fixes(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("开头。")
    document.add_paragraph("今天,开会。")
    path = tmp_path / "稿.docx"
    document.save(path)
    code, log = run(tmp_path, "sarif", "--select", "PUN001", str(path))
    assert code == 1
    validate(log)
    (result,) = log["runs"][0]["results"]
    # Line = paragraph; offsets into extracted text mean nothing in the zipped file.
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 2, "startColumn": 3, "endLine": 2, "endColumn": 4, "snippet": {"text": ","},
    }
    assert "fixes" not in result
