"""Writes through the web: the token that guards them, and uploads turned into documents for
the same pipeline `storyline build` runs.

Without a configured token, writes are off. The token comes from the STORYLINE_TOKEN
environment variable or from a file (`storyline serve --token-file`), never from the page.
"""

from __future__ import annotations

import hmac
import json
import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from storyline.model import Problem, RawDocument
from storyline.options import Options
from storyline.pipeline.readers import READERS, read_file
from storyline.pipeline.readers.jsonl import record_to_document

TOKEN_VARIABLE = "STORYLINE_TOKEN"
MIN_TOKEN_CHARS = 16
# Per request: uploads beyond these are refused whole with a 413, before any is read in full.
MAX_UPLOAD_FILES = 100
MAX_UPLOAD_BYTES = 20_000_000
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class TokenError(ValueError):
    """The configured token cannot be used (too short, unreadable file)."""


def configured_token(
    token_file: str | Path | None = None, environ: Mapping[str, str] = os.environ
) -> str | None:
    """The write token: from `token_file` if given, else from STORYLINE_TOKEN; None (writes
    off) when neither is set. A short token is refused rather than silently accepted."""
    if token_file is not None:
        try:
            token = Path(token_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise TokenError(f"cannot read the token file {token_file}: {exc}") from exc
    else:
        token = environ.get(TOKEN_VARIABLE, "").strip()
    if not token:
        return None
    if len(token) < MIN_TOKEN_CHARS:
        raise TokenError(f"the write token must have at least {MIN_TOKEN_CHARS} characters")
    return token


def token_matches(given: str | None, expected: str | None) -> bool:
    """Constant-time comparison; no expected token means no write is allowed."""
    if not expected or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def bearer(authorization: str | None) -> str | None:
    """The token of an 'Authorization: Bearer …' header."""
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None


def safe_upload_name(name: str | None, index: int) -> str:
    """A file name for an upload that cannot leave the upload folder: the last path part
    only, unusual characters replaced, never empty or hidden."""
    base = Path((name or "").replace("\\", "/")).name
    base = _UNSAFE_NAME.sub("_", base).lstrip(".")
    return base or f"upload-{index}.txt"


def documents_from_files(
    files: Iterable[tuple[str | None, bytes]], options: Options
) -> list[RawDocument | Problem]:
    """Read uploaded files (name, bytes) with the readers `storyline build` uses, by file
    type. Each is written to a private temporary folder under its sanitized name first,
    so the readers see exactly what they would see on disk."""
    found: list[RawDocument | Problem] = []
    with tempfile.TemporaryDirectory(prefix="storyline-upload-") as folder:
        for index, (name, data) in enumerate(files):
            safe = safe_upload_name(name, index)
            source = f"upload/{safe}"
            if Path(safe).suffix.lower() not in READERS:
                supported = ", ".join(sorted(READERS))
                found.append(
                    Problem(source, f"unsupported file type (supported: {supported})", "read")
                )
                continue
            path = Path(folder) / f"{index}-{safe}"
            path.write_bytes(data)
            found.extend(read_file(path, source, options))
    return found


def documents_from_json(payload: object) -> list[RawDocument | Problem]:
    """Articles posted as JSON: one object or a list of objects with the fields of a .jsonl
    line (`text` or `html`, optional `url`, `title`, `published`, `site`, `author`)."""
    records = payload if isinstance(payload, list) else [payload]
    found: list[RawDocument | Problem] = []
    for index, record in enumerate(records):
        source = f"api/{index}"
        if not isinstance(record, dict):
            found.append(
                Problem(source, f"expected a JSON object, got {type(record).__name__}", "read")
            )
            continue
        raw = json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
        url = record.get("url")
        named = f"api/{url}" if isinstance(url, str) and url.strip() else source
        item = record_to_document(record, raw, named)
        found.append(replace(item, step="read") if isinstance(item, Problem) else item)
    return found
