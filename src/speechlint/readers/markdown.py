"""Markdown, read as plain text until the Markdown reader lands."""

from __future__ import annotations

from pathlib import Path

from speechlint.document import Document
from speechlint.readers import decode

SUFFIXES = (".md", ".markdown")


def read_markdown(path: Path, data: bytes) -> Document:
    text, encoding, bom = decode(data)
    return Document(text=text, path=str(path), encoding=encoding, bom=bom, format="markdown")
