"""Finding input files and reading them within limits."""

from __future__ import annotations

from pathlib import Path


class InputTooLarge(ValueError):
    """Raised when a file exceeds the per-article size limit."""


def read_limited(path: Path, limit: int) -> bytes:
    size = path.stat().st_size
    if size > limit:
        raise InputTooLarge(f"file too large ({size} bytes > limit {limit}; see Options)")
    return path.read_bytes()


def walk(root: Path) -> list[Path]:
    """Every regular file under `root`, sorted, hidden files and folders left out."""
    if root.is_file():
        return [root]
    found = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file():
            found.append(path)
    return found


def source_name(path: Path, root: Path) -> str:
    """How the dossier names where an article came from: its path inside the input folder."""
    if root.is_file():
        return path.name
    return path.relative_to(root).as_posix()
