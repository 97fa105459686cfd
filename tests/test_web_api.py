"""The REST API and the server's guards, through FastAPI's test client (no browser)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from conftest import HOSTILE_ARTICLE
from fastapi.testclient import TestClient

from storyline.web.app import create_app
from storyline.web.context import Settings

TOKEN = "test-token-0123456789abcdef"


@pytest.fixture(scope="module")
def client(web_db: Path) -> TestClient:
    return TestClient(create_app(Settings(db=web_db, token=None)))


@pytest.fixture()
def writable(web_db: Path, tmp_path: Path) -> TestClient:
    """A client over a private copy of the store, with writes on."""
    db = tmp_path / "store.db"
    shutil.copy(web_db, db)
    return TestClient(create_app(Settings(db=db, token=TOKEN)))


def _story_id(client: TestClient) -> str:
    return client.get("/api/stories").json()["items"][0]["id"]


def test_web_healthz_counts_articles_and_stories(client: TestClient) -> None:
    body = client.get("/healthz").json()
    assert body == {"status": "ok", "articles": 9, "stories": 1}


def test_web_api_story_follows_the_dossier_schema(client: TestClient, schema: dict) -> None:
    story_id = _story_id(client)
    story = client.get(f"/api/stories/{story_id}").json()
    articles = [client.get(f"/api/articles/{a}").json() for a in story["articles"]]
    dossier = {"schema_version": "1", "generator": "test", "articles": articles}
    dossier["stories"] = [story]
    jsonschema.validate(dossier, schema)
    assert story["timeline"] and story["actors"] and story["quotes"] and story["figures"]


def test_web_api_story_parts_match_the_story(client: TestClient) -> None:
    story_id = _story_id(client)
    story = client.get(f"/api/stories/{story_id}").json()
    for part in ("timeline", "actors", "quotes", "figures", "events"):
        assert client.get(f"/api/stories/{story_id}/{part}").json() == story[part]


def test_web_api_pages_cover_every_article_once(client: TestClient) -> None:
    seen: list[str] = []
    offset = 0
    while offset is not None:
        page = client.get("/api/articles", params={"limit": 4, "offset": offset}).json()
        assert page["total"] == 9 and len(page["items"]) <= 4
        seen += [item["id"] for item in page["items"]]
        offset = page["next_offset"]
    assert len(seen) == len(set(seen)) == 9


def test_web_api_limit_is_bounded(client: TestClient) -> None:
    assert client.get("/api/articles", params={"limit": 10_000}).status_code == 422
    assert client.get("/api/articles", params={"offset": -1}).status_code == 422


def test_web_api_search_finds_words_and_marks_them(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "bread lines"}).json()
    assert hits["total"] >= 1
    assert all("\ue000" in item["snippet"] for item in hits["items"])
    prefix = client.get("/api/search", params={"q": "negotiat*"}).json()
    assert prefix["total"] >= 1


def test_web_api_search_filters_by_date_story_and_actor(client: TestClient) -> None:
    story_id = _story_id(client)
    everything = client.get("/api/search", params={"q": "Qadira"}).json()["total"]
    in_april = client.get("/api/search", params={"q": "Qadira", "from": "2024-04"}).json()
    assert 0 < in_april["total"] < everything
    assert all(item["published"] >= "2024-04" for item in in_april["items"])
    before = client.get("/api/articles", params={"to": "2024-03-14"}).json()
    assert before["items"] and all(item["published"] <= "2024-03-14" for item in before["items"])
    actors = client.get(f"/api/stories/{story_id}/actors").json()
    haddad = next(a for a in actors if "Haddad" in a["name"])
    by_actor = client.get("/api/articles", params={"story": story_id, "actor": haddad["id"]})
    assert {item["id"] for item in by_actor.json()["items"]} == set(haddad["articles"])


def test_web_api_bad_date_filter_is_a_clear_422(client: TestClient) -> None:
    response = client.get("/api/articles", params={"from": "last week"})
    assert response.status_code == 422 and "YYYY" in response.json()["detail"]


@pytest.mark.parametrize(
    "query",
    ['"', "AND OR NOT", "NEAR(", "' OR 1=1 --", "title:*", "); DROP TABLE articles; --", "*"],
)
def test_web_api_search_input_is_only_ever_words(client: TestClient, query: str) -> None:
    response = client.get("/api/search", params={"q": query})
    assert response.status_code == 200
    assert client.get("/healthz").json()["articles"] == 9


def test_web_api_unknown_ids_are_404(client: TestClient) -> None:
    assert client.get("/api/stories/nope").status_code == 404
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/stories/nope").status_code == 404
    assert client.get("/articles/nope").status_code == 404


def test_web_api_lists_actors_with_their_story(client: TestClient) -> None:
    page = client.get("/api/actors", params={"limit": 5}).json()
    assert len(page["items"]) == 5 and page["total"] > 5
    mentions = [actor["mentions"] for actor in page["items"]]
    assert mentions == sorted(mentions, reverse=True)
    assert all(actor["story"] for actor in page["items"])


def test_web_writes_are_off_without_a_token(client: TestClient) -> None:
    response = client.post("/api/articles", json={"text": "Talks resumed in Oslo."})
    assert response.status_code == 403
    assert client.get("/ingest").status_code == 200
    assert "Writes are off" in client.get("/ingest").text


def test_web_post_needs_the_right_token(writable: TestClient) -> None:
    article = {"text": "Talks resumed in Oslo on Monday, officials said."}
    assert writable.post("/api/articles", json=article).status_code == 401
    wrong = {"Authorization": "Bearer " + "x" * len(TOKEN)}
    assert writable.post("/api/articles", json=article, headers=wrong).status_code == 401
    assert writable.get("/healthz").json()["articles"] == 9


def test_web_post_builds_articles_once_and_updates_the_story(writable: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    article = {
        **HOSTILE_ARTICLE,
        "url": "https://example.org/marenia-geneva",
        "title": "Marenia talks move to Geneva",
        "text": HOSTILE_ARTICLE["text"].replace("47,000", "48,500"),
    }
    first = writable.post("/api/articles", json=[article, {"title": "no body"}], headers=auth)
    assert first.status_code == 201
    body = first.json()
    assert body["built"] == 1 and body["stories"] >= 1
    assert body["problems"] == [{"source": "api/1", "reason": body["problems"][0]["reason"]}]
    again = writable.post("/api/articles", json=article, headers=auth)
    assert again.status_code == 200 and again.json()["built"] == 0
    assert writable.get("/healthz").json()["articles"] == 10
    found = writable.get("/api/search", params={"q": "48,500"}).json()["items"]
    assert len(found) == 1 and found[0]["story"]
    story = writable.get(f"/api/stories/{found[0]['story']}").json()
    assert found[0]["id"] in story["articles"]


def test_web_post_files_keeps_uploads_inside_their_folder(writable: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    files = [
        ("files", ("../../escape.txt", b"Marenia talks resumed in Oslo on Monday.", "text/plain")),
        ("files", ("notes.exe", b"MZ\x00\x01", "application/octet-stream")),
    ]
    response = writable.post("/api/articles", files=files, headers=auth)
    assert response.status_code == 201
    body = response.json()
    assert body["built"] == 1
    assert [p["source"] for p in body["problems"]] == ["upload/notes.exe"]
    listed = writable.get("/api/search", params={"q": "resumed Monday"}).json()["items"]
    assert any(item["source"] == "upload/escape.txt" for item in listed)


def test_web_post_body_must_be_bounded(writable: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    huge = b'{"text": "' + b"a" * 21_000_000 + b'"}'
    assert writable.post("/api/articles", content=huge, headers=auth).status_code == 413

    def chunks():
        yield b'{"text": "Talks resumed."}'

    unsized = writable.post("/api/articles", content=chunks(), headers=auth)
    assert unsized.status_code == 411


def test_web_post_rejects_other_media_types(writable: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/xml"}
    assert writable.post("/api/articles", content=b"<a/>", headers=auth).status_code == 415
    auth["Content-Type"] = "application/json"
    bad = writable.post("/api/articles", content=b"{nope", headers=auth)
    assert bad.status_code == 422


def test_web_responses_carry_security_headers(client: TestClient) -> None:
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"].split("style-src")[0]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize(
    "path",
    [
        "/vendor/../../../../etc/passwd",
        "/vendor/..%2F..%2F..%2Fetc%2Fpasswd",
        "/static/../app.py",
        "/static/..%2Fapp.py",
        "/static/%2e%2e/%2e%2e/store/schema.sql",
        "/vendor/package_data",
    ],
)
def test_web_file_routes_never_leave_their_folder(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "root:" not in response.text and "CREATE TABLE" not in response.text


def test_web_nothing_is_loaded_from_another_host(client: TestClient) -> None:
    story_id = _story_id(client)
    for path in ("/", f"/stories/{story_id}", "/search?q=talks", "/ingest", "/docs"):
        page = client.get(path).text
        for attribute in ("src=", "href="):
            for piece in page.split(attribute)[1:]:
                target = piece[1:].split(piece[0])[0] if piece[:1] in "\"'" else piece
                assert not target.startswith(("http:", "https:", "//")), (path, target)
    assert client.get("/vendor/plotly.min.js").status_code == 200
    assert client.get("/vendor/swagger-ui-bundle.js").status_code == 200


def test_web_openapi_lists_the_stable_routes(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for route in (
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/search",
        "/healthz",
    ):
        assert route in paths, route
    assert "post" in paths["/api/articles"]


def test_web_pages_escape_the_hostile_article(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "window pwned"}).json()["items"]
    assert len(hits) == 1
    article_id, story_id = hits[0]["id"], hits[0]["story"]
    pages = [
        client.get(f"/articles/{article_id}").text,
        client.get(f"/stories/{story_id}").text,
        client.get("/search", params={"q": "window pwned"}).text,
        client.get("/").text,
    ]
    for page in pages:
        assert "<script>window" not in page
        assert "<img src=x" not in page
        assert "<svg onload" not in page
        assert 'href="javascript:' not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in pages[0]
    assert json.dumps("<script>") not in pages[1]  # tojson escapes < in embedded chart data


def test_web_cached_story_page_follows_an_ingest(writable: TestClient) -> None:
    story_id = _story_id(writable)
    before = writable.get(f"/stories/{story_id}").text
    assert writable.get(f"/stories/{story_id}").text == before  # served from the cache
    article = {
        "title": "Marenia talks: Oslo envoy sees progress on Qadira corridor",
        "text": "OSLO, March 26 (Wire) - Marenia's government and the Marenian National "
        "Council made progress on a Qadira aid corridor in Oslo on Tuesday, Norway said.",
        "published": "2024-03-26",
    }
    posted = writable.post(
        "/api/articles", json=article, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert posted.json()["built"] == 1
    after = writable.get(f"/stories/{story_id}").text
    assert "Qadira aid corridor" not in before and "Qadira aid corridor" in after


def test_web_lists_builds_and_rejected_inputs(writable: TestClient) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    posted = writable.post("/api/articles", json=[HOSTILE_ARTICLE, {"title": 3}], headers=headers)
    assert posted.status_code in (200, 201)
    builds = writable.get("/api/builds").json()
    assert builds["items"][0]["kind"] == "ingest" and builds["total"] >= 3
    rejected = writable.get("/api/rejected", params={"build": builds["items"][0]["id"]}).json()
    assert [(r["source"], r["step"]) for r in rejected["items"]] == [("api/1", "read")]
    page = writable.get("/builds")
    assert page.status_code == 200 and "api/1" in page.text and "ingest" in page.text
