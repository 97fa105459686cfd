"""Bytes to text, refusing what is not text.

Web text arrives as UTF-8 (with or without BOM), UTF-16 with a BOM, or a legacy single-byte
code page. We try the explicit signals first (BOM, strict UTF-8), then fall back to cp1252,
which decodes every Western legacy page and is what browsers use for 'latin-1'. Anything
that looks binary (NUL bytes outside UTF-16, many control characters) is refused, because
decoding it would put garbage into the corpus.
"""

from __future__ import annotations

import codecs

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}


class NotText(ValueError):
    """Raised for input that is not decodable text; the message is the reason shown."""


def decode_bytes(data: bytes) -> str:
    """Decode input bytes to `str`, or raise `NotText` saying why not."""
    if not data.strip():
        raise NotText("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise NotText(f"invalid {encoding} after byte-order mark: {exc.reason}") from exc
    if b"\x00" in data:
        raise NotText("binary content (NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    _refuse_binary_looking(text)
    return text


def _refuse_binary_looking(text: str) -> None:
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) in _CONTROL)
    replacements = sample.count("\ufffd")
    if controls + replacements > max(8, len(sample) // 100):
        raise NotText("binary content (control characters)")
