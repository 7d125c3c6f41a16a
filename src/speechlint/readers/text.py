"""Plain text: the decoded file as it is."""

from __future__ import annotations

from pathlib import Path

from speechlint.document import Document
from speechlint.readers import decode

SUFFIXES = (".txt", ".text")


def read_text(path: Path, data: bytes) -> Document:
    text, encoding, bom = decode(data)
    return Document(text=text, path=str(path), encoding=encoding, bom=bom, format="text")
