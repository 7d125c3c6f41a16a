from __future__ import annotations

from pathlib import Path

import pytest

from helpers import run, run_json
from speechlint.config import ConfigError, ConfigResolver, Overrides, Settings, select_rules
from speechlint.linter import Session
from speechlint.rule import Severity

DRAFT = "请XX同志发言,谢谢。\n"


def _codes(data: dict, name: str) -> set[str]:
    return {d["code"] for f in data["files"] if Path(f["path"]).name == name for d in f["diagnostics"]}


def test_closest_config_wins_and_replaces_farther(tmp_path: Path) -> None:
    (tmp_path / "speechlint.toml").write_text('ignore = ["DRF001"]\n', encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / ".speechlint.toml").write_text('ignore = ["PUN001"]\n', encoding="utf-8")
    (tmp_path / "top.txt").write_text(DRAFT, encoding="utf-8")
    (sub / "low.txt").write_text(DRAFT, encoding="utf-8")
    _, data = run_json(".", cwd=tmp_path)
    assert _codes(data, "top.txt") == {"PUN001"}
    assert _codes(data, "low.txt") == {"DRF001"}


def test_extend_layers_on_another_file(tmp_path: Path) -> None:
    (tmp_path / "base.toml").write_text('ignore = ["DRF001"]\n[rules.PUN001]\nseverity = "error"\n', encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "speechlint.toml").write_text('extend = "../base.toml"\n[rules.PUN001]\nmarks = ","\n', encoding="utf-8")
    (sub / "a.txt").write_text(DRAFT + "好!\n", encoding="utf-8")
    _, data = run_json(".", cwd=sub)
    diags = data["files"][0]["diagnostics"]
    assert [(d["code"], d["match"], d["severity"]) for d in diags] == [("PUN001", ",", "error")]


def test_pyproject_without_table_is_not_a_config(tmp_path: Path) -> None:
    (tmp_path / "speechlint.toml").write_text('ignore = ["DRF001"]\n', encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (sub / "a.txt").write_text(DRAFT, encoding="utf-8")
    _, data = run_json(".", cwd=sub)
    assert _codes(data, "a.txt") == {"PUN001"}


def test_pyproject_table_is_read(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.speechlint]\nselect = ["DRF"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(DRAFT, encoding="utf-8")
    _, data = run_json(".", cwd=tmp_path)
    assert _codes(data, "a.txt") == {"DRF001"}


def test_cli_flags_override_config(tmp_path: Path) -> None:
    (tmp_path / "speechlint.toml").write_text('select = ["DRF"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(DRAFT, encoding="utf-8")
    _, data = run_json("--select", "PUN001", ".", cwd=tmp_path)
    assert _codes(data, "a.txt") == {"PUN001"}
    _, data = run_json("--isolated", ".", cwd=tmp_path)
    assert _codes(data, "a.txt") == {"PUN001", "DRF001"}


def test_explicit_config_file(tmp_path: Path) -> None:
    cfg = tmp_path / "other.toml"
    cfg.write_text('select = ["DRF001"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(DRAFT, encoding="utf-8")
    _, data = run_json("--config", cfg, "a.txt", cwd=tmp_path)
    assert _codes(data, "a.txt") == {"DRF001"}
    p = run("check", "--config", tmp_path / "missing.toml", "a.txt", cwd=tmp_path)
    assert p.returncode == 2 and "missing.toml" in p.stderr


def test_broken_nested_config_fails_only_its_files(tmp_path: Path) -> None:
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "speechlint.toml").write_text("select = 3\n", encoding="utf-8")
    (sub / "a.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(DRAFT, encoding="utf-8")
    p = run("check", "--output-format", "concise", ".", cwd=tmp_path)
    assert p.returncode == 2
    assert "b.txt:1:2: DRF001" in p.stdout and "a.txt" not in p.stdout
    assert p.stderr.count("\n") == 1 and "'select' must be a list of strings" in p.stderr


def test_process_wide_keys_only_in_root(tmp_path: Path) -> None:
    (tmp_path / "speechlint.toml").write_text("", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "speechlint.toml").write_text('tokenizer = "jieba"\n', encoding="utf-8")
    (sub / "a.txt").write_text(DRAFT, encoding="utf-8")
    p = run("check", ".", cwd=tmp_path)
    assert p.returncode == 2 and "only in the root config" in p.stderr


def test_per_file_ignores(tmp_path: Path) -> None:
    (tmp_path / "speechlint.toml").write_text('[per-file-ignores]\n"drafts/*.txt" = ["DRF"]\n', encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(DRAFT, encoding="utf-8")
    _, data = run_json(".", cwd=tmp_path)
    assert _codes(data, "a.txt") == {"PUN001"}
    assert _codes(data, "b.txt") == {"PUN001", "DRF001"}


def test_accept_phrases_drop_findings_inside_them(tmp_path: Path) -> None:
    (tmp_path / "speechlint.toml").write_text('accept = ["XX同志"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(DRAFT, encoding="utf-8")
    _, data = run_json(".", cwd=tmp_path)
    assert _codes(data, "a.txt") == {"PUN001"}


def test_more_specific_selector_wins() -> None:
    session = Session()
    s = Settings(select=("PUN001",), ignore=("PUN",))
    assert [r.code for r in select_rules(session.rules, s)] == ["PUN001"]
    s = Settings(select=("PUN",), ignore=("PUN001",))
    assert "PUN001" not in [r.code for r in select_rules(session.rules, s)]


def test_resolver_rejects_unknown_key(tmp_path: Path) -> None:
    (tmp_path / "speechlint.toml").write_text("colour = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key 'colour'"):
        ConfigResolver(cwd=tmp_path)


def test_overrides_apply_on_top() -> None:
    s = Overrides(fail_on="error", extend_select=("X",)).apply(Settings())
    assert s.fail_on is Severity.ERROR and s.extend_select == ("X",)


def test_lint_text_settings_choose_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    import speechlint

    seen: list[str] = []
    original = Session.tokenizer

    def spy(self: Session):  # type: ignore[no-untyped-def]
        tok = original(self)
        seen.append(tok.name)
        return tok

    monkeypatch.setattr(Session, "tokenizer", spy)
    speechlint.lint_text("我们要深入学习了文件精神。", settings=Settings(tokenizer="jieba", select=("PTC001",)))
    assert seen and set(seen) == {"jieba"}
