"""``--baseline FILE`` / ``--update-baseline``: fingerprints with counts, not line numbers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from speechlint.baseline import CONTEXT
from speechlint.cli import main
from speechlint.linter import Session

TITLE = "在全县工作总结大会上的讲话\n"


def check(*args: str, out: Path) -> tuple[int, list[dict[str, Any]]]:
    code = main(["check", "--isolated", "--output-format", "json", "--output-file", str(out), *args])
    report = json.loads(out.read_text(encoding="utf-8"))
    return code, [d for f in report["files"] for d in f["diagnostics"]]


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "drafts").mkdir()
    return tmp_path


def test_seed_baseline_hides_old_findings_and_shows_a_new_one(seed: Path, work: Path) -> None:
    draft = work / "drafts" / "seed.txt"
    shutil.copyfile(seed, draft)
    out = work / "out.json"
    code, before = check(str(draft), out=out)
    assert code == 1 and before

    code, shown = check("--baseline", "baseline.json", "--update-baseline", "drafts/seed.txt", out=out)
    assert (code, shown) == (0, [])
    code, shown = check("--baseline", "baseline.json", "drafts/seed.txt", out=out)
    assert (code, shown) == (0, [])

    # A title inserted at the top moves every finding one line down: still hidden.
    text = seed.read_text(encoding="utf-8")
    draft.write_text(TITLE + text, encoding="utf-8")
    code, shown = check("--baseline", "baseline.json", "drafts/seed.txt", out=out)
    assert (code, shown) == (0, [])

    # One more copy of the sentence holding 要深入学习了: only its findings come back.
    at = text.index("要深入学习了")
    sentence = text[text.rindex("。", 0, at) + 1 : text.index("。", at) + 1]
    changed = TITLE + text.rstrip("\n") + "\n" + sentence + "\n"
    draft.write_text(changed, encoding="utf-8")
    last_line = changed.count("\n")
    _, everything = check(str(draft), out=out)
    new = [d for d in everything if d["start"]["line"] == last_line]
    code, shown = check("--baseline", "baseline.json", "drafts/seed.txt", out=out)
    assert shown == new and shown
    assert code == 1
    if any(r.code == "PTC001" for r in Session().rules):
        # The particle rules alone (PTC002 must run: it owns 了、 and supersedes PTC001 there).
        _, shown = check("--baseline", "baseline.json", "--select", "PTC", "drafts/seed.txt", out=out)
        assert [(d["code"], d["match"], d["start"]["line"]) for d in shown] == [("PTC001", "了", last_line)]


def test_counts_not_lines(work: Path) -> None:
    draft = work / "drafts" / "a.txt"
    out = work / "out.json"
    draft.write_text("会议由XX同志主持，各单位准时参加。\n", encoding="utf-8")
    main(["check", "--isolated", "--select", "DRF001", "--baseline", "b.json", "--update-baseline", str(draft)])
    data = json.loads((work / "b.json").read_text(encoding="utf-8"))
    assert data == {
        "version": 1,
        "findings": [
            {"path": "drafts/a.txt", "code": "DRF001", "match": "XX", "before": "会议由", "after": "同志主持，各", "count": 1}
        ],
    }
    # The same sentence twice: one occurrence is recorded, the other is new.
    draft.write_text("会议由XX同志主持，各单位准时参加。\n" * 2, encoding="utf-8")
    code, shown = check("--select", "DRF001", "--baseline", "b.json", str(draft), out=out)
    assert code == 1
    assert [(d["start"]["line"], d["start"]["column"]) for d in shown] == [(2, 4)]
    # The neighbourhood is part of the fingerprint: the same placeholder elsewhere is new,
    # and an edit farther than a few characters away leaves the old one recorded.
    text = "会议由XX同志主持，各单位准时参加。会后请XX同志讲话。\n"
    draft.write_text(text, encoding="utf-8")
    code, shown = check("--select", "DRF001", "--baseline", "b.json", str(draft), out=out)
    assert [(d["start"]["column"], d["match"]) for d in shown] == [(text.rindex("XX") + 1, "XX")]


def test_neighbourhood_is_a_few_characters_within_the_line(work: Path) -> None:
    draft = work / "drafts" / "a.txt"
    long = "这是一个很长的句子开头部分请X组长审阅这份材料的全部内容。"
    draft.write_text("上一段。\n" + long + "\n下一段。\n", encoding="utf-8")
    main(["check", "--isolated", "--select", "DRF001", "--baseline", "b.json", "--update-baseline", str(draft)])
    (entry,) = json.loads((work / "b.json").read_text(encoding="utf-8"))["findings"]
    at = long.index("X组长")
    assert entry["before"] == long[at - CONTEXT : at] and entry["after"] == long[at + 1 : at + 1 + CONTEXT]
    draft.write_text("X组长好。\n", encoding="utf-8")  # at the line's start: no neighbour before
    main(["check", "--isolated", "--select", "DRF001", "--baseline", "b.json", "--update-baseline", str(draft)])
    (entry,) = json.loads((work / "b.json").read_text(encoding="utf-8"))["findings"]
    assert (entry["before"], entry["after"]) == ("", "组长好。")


def test_paths_are_relative_to_the_baseline_folder(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (work / "drafts" / "a.txt").write_text("请X组长审阅。\n", encoding="utf-8")
    main(["check", "--isolated", "--select", "DRF001", "--baseline", "b.json", "--update-baseline", "drafts/a.txt"])
    # From inside drafts/, naming the file differently, the entry still matches.
    monkeypatch.chdir(work / "drafts")
    code, shown = check("--select", "DRF001", "--baseline", "../b.json", "a.txt", out=work / "out.json")
    assert (code, shown) == (0, [])


def test_update_keeps_entries_of_files_not_checked(work: Path) -> None:
    (work / "drafts" / "a.txt").write_text("请X组长审阅。\n", encoding="utf-8")
    (work / "drafts" / "b.txt").write_text("由XX同志主持。\n", encoding="utf-8")
    main(["check", "--isolated", "--select", "DRF001", "--baseline", "b.json", "--update-baseline", "drafts"])
    (work / "drafts" / "a.txt").write_text("请王明组长审阅。\n", encoding="utf-8")
    main(["check", "--isolated", "--select", "DRF001", "--baseline", "b.json", "--update-baseline", "drafts/a.txt"])
    findings = json.loads((work / "b.json").read_text(encoding="utf-8"))["findings"]
    assert [(f["path"], f["match"]) for f in findings] == [("drafts/b.txt", "XX")]


def test_baseline_errors(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "drafts" / "a.txt").write_text("请X组长审阅。\n", encoding="utf-8")
    assert main(["check", "--isolated", "--baseline", "missing.json", "drafts"]) == 2
    assert "missing.json: cannot read baseline" in capsys.readouterr().err
    (work / "bad.json").write_text("{not json", encoding="utf-8")
    assert main(["check", "--isolated", "--baseline", "bad.json", "drafts"]) == 2
    assert "bad.json: not a baseline" in capsys.readouterr().err
    assert main(["check", "--isolated", "--update-baseline", "drafts"]) == 2
    err = capsys.readouterr().err
    assert err == "speechlint: error: --update-baseline needs --baseline FILE\n"
