"""The Python API: `build(paths, db=...)` and `load(db).dossier()`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from storyline.export.dossier_json import dossier_dict, to_json
from storyline.export.markdown import render_markdown
from storyline.export.timelinejs import to_timelinejs
from storyline.store import Store, StoreError, is_server_url
from storyline.version import __version__

ExportFormat = Literal["json", "md", "timelinejs"]


@dataclass(frozen=True)
class Dossier:
    """The exported dossier: `data` follows dossier.schema.json."""

    data: dict[str, Any]
    names: Mapping[str, Sequence[tuple[str, str, int]]]  # most mentioned entities per story

    def to_json(self) -> str:
        return to_json(self.data)

    def to_markdown(self) -> str:
        return render_markdown(self.data, self.names)

    def render(self, fmt: ExportFormat) -> str:
        if fmt == "timelinejs":
            return to_timelinejs(self.data)
        return self.to_json() if fmt == "json" else self.to_markdown()

    def write(self, path: str | Path, fmt: ExportFormat) -> Path:
        out = Path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(self.render(fmt), encoding="utf-8")
        return out


class Corpus:
    """A built store, opened for reading."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def dossier(self) -> Dossier:
        read = self.store.read
        articles = list(read.articles())
        stories = read.stories()
        names = {story.id: read.entity_counts(story.id) for story in stories}
        data = dossier_dict(articles, stories, generator=f"storyline {__version__}")
        return Dossier(data, names)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def load(db: str | Path = "storyline.db") -> Corpus:
    """Open a store built by `build`. Raises StoreError if there is none at `db`."""
    if not is_server_url(db) and not Path(db).is_file():
        raise StoreError(f"no store at {db}: run `storyline build` first")
    return Corpus(Store.open(db))
