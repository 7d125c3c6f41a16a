"""Plain text: the decoded file as it is.

Page numbers and running headers left by a PDF copy are markup (not prose) and exempt
from every rule: see ``speechlint.document.furniture``.
"""

from __future__ import annotations

from pathlib import Path

from speechlint.document import Document
from speechlint.document.furniture import furniture_spans
from speechlint.readers import decode

SUFFIXES = (".txt", ".text")


def read_text(path: Path, data: bytes) -> Document:
    text, encoding, bom = decode(data)
    furniture = tuple(furniture_spans(text))
    return Document(
        text=text,
        path=str(path),
        encoding=encoding,
        bom=bom,
        format="text",
        markup=furniture,
        exempt=tuple((span, frozenset[str]()) for span in furniture),
    )
