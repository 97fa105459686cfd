"""An optional abstractive summary through an OpenAI-compatible chat endpoint.

Off by default and never needed by the tests: the extractive summary is always made first,
and this only rewrites it. The model is given the extractive sentences numbered and asked to
end every sentence it writes with the numbers of the sentences it draws on ("[1][3]"); a
written sentence that cites nothing valid is dropped, and each kept one inherits the sources
of the sentences it cites, so the summary stays sourced. Any failure (network, refusal, a
reply that cites nothing) leaves the extractive summary in place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import httpx

from storyline.model import Evidence, SummaryItem

PROMPT = (
    "Rewrite the numbered sentences below into a short, neutral news summary of 3 to 8 "
    "sentences, in time order. Use only facts stated in them. End every sentence you write "
    "with the numbers of the sentences it draws on, like [1][3]. Write nothing else."
)
_CITED = re.compile(r"(.+?)((?:\s*\[\d+\])+)\s*(?=\S|$)", re.S)
_NUMBER = re.compile(r"\[(\d+)\]")


def abstractive_summary(
    extractive: Sequence[SummaryItem],
    endpoint: str,
    model: str,
    api_key: str | None = None,
    client: httpx.Client | None = None,
    timeout: float = 60.0,
) -> list[SummaryItem]:
    """Rewritten summary sentences with their sources, or `extractive` if that fails."""
    if not extractive:
        return list(extractive)
    numbered = "\n".join(f"[{i}] {item.text}" for i, item in enumerate(extractive, start=1))
    body = {
        "model": model,
        "temperature": 0,
        "messages": [{"role": "system", "content": PROMPT}, {"role": "user", "content": numbered}],
    }
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    url = endpoint.rstrip("/") + "/chat/completions"
    try:
        http = client or httpx.Client(timeout=timeout)
        reply = http.post(url, json=body, headers=headers)
        reply.raise_for_status()
        content = reply.json()["choices"][0]["message"]["content"]
    except (httpx.HTTPError, KeyError, IndexError, TypeError, ValueError):
        return list(extractive)
    written = cited_sentences(str(content), extractive)
    return written or list(extractive)


def cited_sentences(content: str, extractive: Sequence[SummaryItem]) -> list[SummaryItem]:
    """Sentences of the reply that cite valid source numbers, with those sources."""
    out = []
    for match in _CITED.finditer(content):
        text = " ".join(match.group(1).split())
        numbers = [int(n) for n in _NUMBER.findall(match.group(2))]
        cited = [extractive[n - 1] for n in numbers if 1 <= n <= len(extractive)]
        if not text or not cited:
            continue
        sources: list[Evidence] = []
        for item in cited:
            sources += [s for s in item.sources if s not in sources]
        out.append(replace(cited[0], text=text, sources=tuple(sources), abstractive=True))
    return out
