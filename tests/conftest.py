from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_7713a7289a3c232c.txt"


@pytest.fixture
def seed() -> Path:
    if not SEED.is_file():
        pytest.skip("../shared/seeds is not present")
    return SEED
