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

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

import numpy as np
from datasketch import MinHash, MinHashLSH

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


class DuplicateIndex:
    """The corpus's signatures in an LSH index: `link` marks new articles that copy one
    already seen (stored, or earlier in the same build)."""

    def __init__(self, threshold: float = 0.5) -> None:
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.signatures: dict[str, MinHash] = {}
        self.canonical: dict[str, str] = {}  # article id -> canonical article id

    def add(self, article_id: str, minhash: MinHash, duplicate_of: str | None = None) -> None:
        if article_id in self.signatures:
            return
        self.lsh.insert(article_id, minhash)
        self.signatures[article_id] = minhash
        self.canonical[article_id] = duplicate_of or article_id

    def original_of(self, minhash: MinHash) -> str | None:
        """The canonical article this signature copies, if any (the most similar one)."""
        best, best_score = None, self.threshold
        for candidate in self.lsh.query(minhash):
            score = self.signatures[candidate].jaccard(minhash)
            if score >= best_score:
                best, best_score = candidate, score
        return self.canonical[best] if best is not None else None

    def link(self, articles: Sequence[Article]) -> tuple[list[Article], list[bytes]]:
        """Articles with `duplicate_of` set where they copy an earlier one, and their
        signatures (to store)."""
        linked, blobs = [], []
        for article in articles:
            minhash = signature(article.text)
            original = self.original_of(minhash) if article.id not in self.signatures else None
            if original == article.id:
                original = None
            self.add(article.id, minhash, original)
            linked.append(replace(article, duplicate_of=original) if original else article)
            blobs.append(to_bytes(minhash))
        return linked, blobs

    @classmethod
    def from_rows(
        cls, rows: Iterable[tuple[str, bytes, str | None]], threshold: float = 0.5
    ) -> DuplicateIndex:
        index = cls(threshold)
        for article_id, blob, duplicate_of in rows:
            index.add(article_id, from_bytes(blob), duplicate_of)
        return index
