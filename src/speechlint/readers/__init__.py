"""Readers turn bytes into Documents; the built-in plugin offers them through ``speechlint_read``."""

from __future__ import annotations

import codecs


class ReadError(Exception):
    """A file that cannot be read; reported for that file only."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes) -> tuple[str, str, bool]:
    """Decode a text file: BOM (UTF-8/16/32), else UTF-8, else GB18030.

    Returns ``(text, encoding, had_bom)``.  A NUL byte outside a UTF-16/32 file
    means binary.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding, True
            except UnicodeDecodeError as e:
                raise ReadError(f"not valid {encoding} despite its byte-order mark: {e.reason}") from None
    if b"\x00" in data:
        raise ReadError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030", False
    except UnicodeDecodeError as e:
        raise ReadError(f"cannot decode: neither UTF-8 nor GB18030 (byte {e.start})") from None


def encode(text: str, encoding: str, bom: bool) -> bytes:
    """The inverse of ``decode``: the bytes to write back."""
    data = text.encode(encoding)
    if bom:
        prefix = dict((enc, b) for b, enc in _BOMS)[encoding]
        data = prefix + data
    return data
