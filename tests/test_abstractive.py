import json

import httpx

from storyline.model import Evidence, SummaryItem
from storyline.story.abstractive import abstractive_summary

EXTRACTIVE = [
    SummaryItem("Talks opened in Geneva.", (Evidence("a", "Talks opened.", 0, 13),)),
    SummaryItem("Kerry met Lavrov.", (Evidence("b", "Kerry met Lavrov.", 0, 17),)),
]


def _client(reply: str, seen: list) -> httpx.Client:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(json.loads(request.content))
        return httpx.Response(200, json={"choices": [{"message": {"content": reply}}]})

    return httpx.Client(transport=httpx.MockTransport(handler))


def test_abstractive_keeps_only_cited_sentences_with_their_sources():
    seen: list = []
    reply = (
        "Talks began in Geneva, where Kerry met Lavrov. [1][2] An invented claim with no source."
    )
    out = abstractive_summary(EXTRACTIVE, "http://x/v1", "m", client=_client(reply, seen))
    assert [item.text for item in out] == ["Talks began in Geneva, where Kerry met Lavrov."]
    assert [s.article for s in out[0].sources] == ["a", "b"]
    assert out[0].abstractive
    assert "[1] Talks opened in Geneva." in seen[0]["messages"][1]["content"]


def test_abstractive_falls_back_to_extractive_on_failure():
    def broken(request: httpx.Request) -> httpx.Response:
        return httpx.Response(500)

    client = httpx.Client(transport=httpx.MockTransport(broken))
    assert abstractive_summary(EXTRACTIVE, "http://x/v1", "m", client=client) == EXTRACTIVE
    uncited: list = []
    assert abstractive_summary(EXTRACTIVE, "http://x/v1", "m", client=_client("No.", uncited)) == (
        EXTRACTIVE
    )
