"""The web UI in a real browser: Debian's chromium driven by playwright (never a downloaded
browser). Each page loads without script errors, the charts render, the timeline answers a
click, and the hostile article's payloads show as text without running. Screenshots go to
test-artifacts/.

Skips when /usr/bin/chromium is missing, unless STORYLINE_REQUIRE_BROWSER=1 (CI sets it),
when a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.web.app import create_app
from storyline.web.context import Settings

CHROMIUM = Path(os.environ.get("STORYLINE_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
# The flags a sandboxed, offline machine needs (see docs/development.md).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


UPLOAD_TOKEN = "browser-test-token-0123456789"


@pytest.fixture(scope="module")
def server(web_db: Path) -> Iterator[str]:
    yield from _serve(Settings(db=web_db, token=None))


@pytest.fixture(scope="module")
def writable_server(web_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("upload") / "store.db"
    shutil.copy(web_db, db)
    yield from _serve(Settings(db=db, token=UPLOAD_TOKEN))


def _serve(settings: Settings) -> Iterator[str]:
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(settings)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started, "the test server did not start"
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("STORYLINE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing: scripts/setup installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (Debian package chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser, request: pytest.FixtureRequest):
    """A fresh page that records script errors, failed requests and dialogs; it fails the
    test if any happened, and leaves a screenshot named after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    tab.on(
        "console",
        lambda message: (
            problems.append(f"console: {message.text}") if message.type == "error" else None
        ),
    )
    tab.on("requestfailed", lambda req: problems.append(f"request failed: {req.url}"))

    def on_dialog(dialog) -> None:
        problems.append(f"dialog opened: {dialog.message}")
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    yield tab
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    pwned = tab.evaluate("() => window.__pwned")
    context.close()
    assert pwned is None, f"a payload ran (window.__pwned = {pwned})"
    assert problems == []


def _story_and_hostile(page, server: str) -> tuple[str, str]:
    stories = page.request.get(f"{server}/api/stories").json()
    hostile = page.request.get(f"{server}/api/search?q=window+pwned").json()["items"][0]
    return stories["items"][0]["id"], hostile["id"]


def test_browser_stories_page_lists_the_story(page, server: str) -> None:
    page.goto(f"{server}/")
    rows = page.locator("table.stories tbody tr")
    assert rows.count() == 1
    assert "9" in rows.first.locator("td.num").first.inner_text()


def test_browser_story_page_draws_its_charts(page, server: str) -> None:
    story_id, _ = _story_and_hostile(page, server)
    page.goto(f"{server}/stories/{story_id}")
    page.wait_for_selector("#timeline-chart[data-rendered=true] .main-svg")
    charts = page.locator(".figure-chart[data-rendered=true] .main-svg")
    charts.first.wait_for()
    assert charts.count() >= 1
    assert page.locator("#timeline-chart .scatterlayer .point").count() >= 5
    assert page.locator("section#quotes .speaker").count() >= 3


def test_browser_timeline_point_click_shows_its_sources(page, server: str) -> None:
    story_id, _ = _story_and_hostile(page, server)
    page.goto(f"{server}/stories/{story_id}")
    points = page.locator("#timeline-chart .scatterlayer .point")
    points.first.wait_for()
    page.locator("#timeline-chart").scroll_into_view_if_needed()
    box = points.last.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    panel = page.locator("#timeline-selected")
    panel.locator("details[open]").wait_for()
    index = panel.get_attribute("data-entry")
    assert index is not None
    assert page.locator(f"#entry-{index}").get_attribute("class").endswith("selected")
    assert panel.locator("a.source").count() >= 1


def test_browser_timeline_zooms(page, server: str) -> None:
    story_id, _ = _story_and_hostile(page, server)
    page.goto(f"{server}/stories/{story_id}")
    chart = page.locator("#timeline-chart[data-rendered=true] .nsewdrag").first
    chart.wait_for()
    chart.scroll_into_view_if_needed()
    before = page.evaluate(
        "() => document.getElementById('timeline-chart').layout.xaxis.range.slice()"
    )
    box = chart.bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.6, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.95, y, steps=8)
    page.mouse.up()
    page.wait_for_timeout(300)
    after = page.evaluate("() => document.getElementById('timeline-chart').layout.xaxis.range")
    assert after != before


def test_browser_article_page_highlights_and_toggles_removed(page, server: str) -> None:
    found = page.request.get(f"{server}/api/search?q=Geneva+toll").json()["items"][0]
    page.goto(f"{server}/articles/{found['id']}")
    text = page.locator("#article-text")
    assert text.locator("mark.entity").count() > 5
    assert text.locator("mark.timex").count() >= 1
    assert text.locator("mark.quote").count() >= 1
    assert text.locator("mark.figure").count() >= 1
    removed = text.locator(".removed")
    if removed.count():
        assert removed.first.is_visible()
        page.locator("#toggle-removed").uncheck()
        assert not removed.first.is_visible()


def test_browser_hostile_article_shows_payloads_as_text(page, server: str) -> None:
    story_id, hostile_id = _story_and_hostile(page, server)
    page.goto(f"{server}/articles/{hostile_id}")
    assert "<script>window.__pwned=1</script>" in page.locator("h1").inner_text()
    assert page.locator("#article-text script, #article-text img").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    page.goto(f"{server}/stories/{story_id}")
    page.wait_for_selector("#timeline-chart[data-rendered=true]")
    page.goto(f"{server}/search?q=%3Cscript%3Ewindow.__pwned%3D5%3C%2Fscript%3E+pwned")
    assert page.locator("main script").count() == 0
    assert "<script>" in page.locator("form.search input[name=q]").input_value()


def test_browser_search_filters_by_story(page, server: str) -> None:
    story_id, _ = _story_and_hostile(page, server)
    page.goto(f"{server}/search")
    page.fill("form.search input[name=q]", "Qadira")
    page.select_option("select[name=story]", story_id)
    page.click("form.search button")
    page.wait_for_selector("#result-count")
    assert page.locator("ol.results li").count() >= 3
    assert f"story={story_id}" in page.url


def test_browser_api_docs_render_offline(page, server: str) -> None:
    page.goto(f"{server}/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)
    assert page.locator(".opblock").count() >= 8


def test_browser_upload_adds_an_article_to_its_story(page, writable_server: str, tmp_path) -> None:
    upload = tmp_path / "oslo-resumes.txt"
    upload.write_text(
        "Marenia talks resume in Oslo with a prisoner list\n\n"
        "OSLO, March 25 (Wire) - Marenia's government and the Marenian National Council "
        "resumed talks in Oslo on Monday and exchanged lists of 1,250 prisoners, Norway's "
        "foreign ministry said. The war has killed more than 47,500 people.",
        encoding="utf-8",
    )
    page.goto(f"{writable_server}/ingest")
    page.set_input_files("input[name=files]", str(upload))
    page.fill("input[name=token]", UPLOAD_TOKEN)
    page.click("form.ingest button")
    summary = page.locator("#ingest-summary")
    summary.wait_for(timeout=60_000)
    assert summary.inner_text().startswith("1 articles added")
    page.goto(f"{writable_server}/search?q=1%2C250+prisoners")
    page.locator("ol.results li a").first.click()
    assert "Oslo" in page.locator("h1").inner_text()
    assert page.locator("p.meta a[href^='/stories/']").count() == 1
