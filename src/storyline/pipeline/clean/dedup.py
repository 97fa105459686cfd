"""Near-duplicate articles across the corpus: MinHash signatures and LSH (datasketch).

Syndicated wire copy arrives many times with small edits (a changed headline, a site's own
footer). Each article gets a MinHash signature of its clean text's word 5-gram shingles; an
LSH index finds earlier articles whose estimated Jaccard similarity passes the threshold, and
the new article is linked to the canonical one (`duplicate_of`). Copies stay in the store and
count as corroboration; later stages skip them so that their facts are not counted twice.

The canonical article of a group is the first one stored, so links never move when more
copies arrive, and building the same inputs again links them the same way.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

import numpy as np
from datasketch import MinHash

from storyline.model import Article

NUM_PERM = 128
# datasketch's 32-bit permutation scheme: half the storage of 64-bit values, and unlike the
# pre-2.0 'legacy' scheme it does not inflate similarity on long texts.
SCHEME = "affine32"
SHINGLE_WORDS = 5
_WORDS = re.compile(r"\w+")


def signature(text: str, num_perm: int = NUM_PERM) -> MinHash:
    """MinHash of the text's word 5-gram shingles (lower case)."""
    tokens = _WORDS.findall(text.lower())
    span = SHINGLE_WORDS if len(tokens) >= SHINGLE_WORDS else max(1, len(tokens))
    shingles = {" ".join(tokens[i : i + span]).encode() for i in range(len(tokens) - span + 1)}
    minhash = MinHash(num_perm=num_perm, scheme=SCHEME)
    minhash.update_batch(list(shingles))
    return minhash


def to_bytes(minhash: MinHash) -> bytes:
    return minhash.hashvalues.astype("<u4").tobytes()


def from_bytes(data: bytes) -> MinHash:
    values = np.frombuffer(data, dtype="<u4").astype(np.uint32)
    return MinHash(num_perm=len(values), hashvalues=values, scheme=SCHEME)


# LSH banding, fixed so that it can be stored: 32 bands of 4 values. Two texts share a band
# with probability 1 - (1 - J^4)^32: 0.87 at Jaccard 0.5, 0.50 at 0.42, 0.06 at 0.25; every
# candidate is then checked against the threshold with its full signature. (datasketch's
# MinHashLSH keeps its buckets in memory or Redis; here they live in the store, so a build
# looks up only the buckets of its new articles.)
BANDS, ROWS = 32, 4

StoredRows = Callable[[list[int]], Iterable[tuple[str, bytes, str | None]]]


def band_keys(minhash: MinHash) -> list[int]:
    """One 64-bit key per band (the band's number and its values, hashed)."""
    values = minhash.hashvalues.astype("<u4").tobytes()
    width = ROWS * 4
    return [
        int.from_bytes(
            hashlib.blake2b(
                bytes([band]) + values[band * width : (band + 1) * width], digest_size=8
            ).digest(),
            "little",
            signed=True,
        )
        for band in range(BANDS)
    ]


class DuplicateIndex:
    """Finds the article a new one copies: among this build's articles (kept in memory) and
    among stored ones (`stored`: the rows of stored articles sharing a band key, looked up
    per article, so the cost of a new article does not grow with the corpus)."""

    def __init__(self, threshold: float = 0.5, stored: StoredRows | None = None) -> None:
        self.threshold = threshold
        self.stored = stored
        self.buckets: dict[int, list[str]] = defaultdict(list)
        self.signatures: dict[str, MinHash] = {}
        self.canonical: dict[str, str] = {}  # article id -> canonical article id
        self.keys: dict[str, list[int]] = {}  # article id -> its band keys (to store)

    def add(
        self,
        article_id: str,
        minhash: MinHash,
        duplicate_of: str | None = None,
        keys: list[int] | None = None,
    ) -> None:
        if article_id in self.signatures:
            return
        self.keys[article_id] = keys if keys is not None else band_keys(minhash)
        for key in self.keys[article_id]:
            self.buckets[key].append(article_id)
        self.signatures[article_id] = minhash
        self.canonical[article_id] = duplicate_of or article_id

    def original_of(self, minhash: MinHash, keys: list[int] | None = None) -> str | None:
        """The canonical article this signature copies, if any: the most similar candidate
        at or above the threshold (ties: the earliest id, so the choice is reproducible)."""
        keys = keys if keys is not None else band_keys(minhash)
        candidates = {
            article_id: (self.signatures[article_id], self.canonical[article_id])
            for key in keys
            for article_id in self.buckets.get(key, ())
        }
        for article_id, blob, duplicate_of in self.stored(keys) if self.stored else ():
            candidates.setdefault(article_id, (from_bytes(blob), duplicate_of or article_id))
        best, best_score = None, self.threshold
        for article_id in sorted(candidates):
            other, canonical = candidates[article_id]
            score = other.jaccard(minhash)
            if score > best_score or (score == best_score and best is None):
                best, best_score = canonical, score
        return best

    def link(self, articles: Sequence[Article]) -> tuple[list[Article], list[bytes]]:
        """Articles with `duplicate_of` set where they copy an earlier one, and their
        signatures (to store)."""
        linked, blobs = [], []
        for article in articles:
            minhash = signature(article.text)
            keys = band_keys(minhash)
            seen = article.id in self.signatures
            original = None if seen else self.original_of(minhash, keys)
            if original == article.id:
                original = None
            self.add(article.id, minhash, original, keys)
            linked.append(replace(article, duplicate_of=original) if original else article)
            blobs.append(to_bytes(minhash))
        return linked, blobs

    @classmethod
    def from_rows(
        cls, rows: Iterable[tuple[str, bytes, str | None]], threshold: float = 0.5
    ) -> DuplicateIndex:
        """An in-memory index of the given signatures (tests, small corpora)."""
        index = cls(threshold)
        for article_id, blob, duplicate_of in rows:
            index.add(article_id, from_bytes(blob), duplicate_of)
        return index
