"""Run the CLI in a subprocess, as a user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any


def run(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "speechlint", *map(str, args)],
        cwd=cwd,
        env=full_env,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def run_json(*args: str | Path, cwd: Path | None = None) -> tuple[int, dict[str, Any]]:
    p = run("check", "--output-format", "json", *args, cwd=cwd)
    return p.returncode, json.loads(p.stdout)
