"""End to end: `herald run` on the seed article, then `herald serve` and the pages over that store."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient

from herald.events import display_threshold
from herald.serve import create_app
from tests.conftest import SEED, herald_cli
from tests.serve.conftest import LiveServer, Page, herald_serve


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    r = subprocess.run(
        [*herald_cli(), "run", str(SEED), "--db", str(db)], capture_output=True, text=True, timeout=600
    )
    assert r.returncode == 0, r.stderr[-2000:]
    return db


def test_seed_relationship_russia_nato(seed_store: Path) -> None:
    with TestClient(create_app(seed_store)) as c:
        pair = c.get("/api/dyads/RUS/NATO").json()
        assert pair["events"] >= 1, "the seed's Russia-NATO relationship has no event"
        quotes = c.get("/api/dyads/RUS/NATO/quotes").json()["items"]
        assert any("Lavrov" in (q["speaker"] or "") for q in quotes)
        pair_q = {"source": "RUS", "target": "NATO", "symmetric": "true"}
        # by default the API shows events at or above the coder's display threshold only
        floor = display_threshold()
        shown = c.get("/api/events", params=pair_q).json()["items"]
        assert all(e["confidence"] >= floor for e in shown)
        events = c.get("/api/events", params={**pair_q, "min_confidence": 0}).json()
        assert len(events["items"]) >= len(shown) and events["items"], "no RUS-NATO event in the store"
        doc = c.get("/api/documents/" + quote(events["items"][0]["doc_id"], safe="")).json()
    assert doc["dates"]["stale"] is True  # stamped 2022, story from 2010
    assert any("Share with friends" in line for line in doc["boilerplate"])
    for e in doc["events"]:
        assert doc["text"][e["start"] : e["end"]] == e["sentence"]


@pytest.fixture
def seed_page(seed_store: Path, browser) -> Iterator[Page]:
    """A browser page on the seed store's server; after the test, no console error and no request
    that left the server."""
    with LiveServer(create_app(seed_store)) as srv:
        page = Page(browser, srv.url)
        try:
            yield page
        finally:
            page.close()
        assert page.problems == [] and page.outside == []


@pytest.mark.browser
def test_seed_dyad_page_leads_to_the_highlighted_article(seed_page: Page) -> None:
    # the seed's events are below the display threshold: the dyad page says so and links to all
    seed_page.goto("/dyads/RUS/NATO")
    pg = seed_page.page
    pg.wait_for_selector("#dyad-events a.doc-link, #show-all")
    if pg.locator("#show-all").count():
        pg.locator("#show-all").click()
    pg.wait_for_selector("#dyad-chart svg rect.bar")
    seed_page.shot("seed-dyad")
    pg.locator("#dyad-events a.doc-link").first.click()
    pg.wait_for_selector("#article .hl-event.flash")
    assert "Lavrov" in pg.locator("#doc-title").inner_text()
    assert pg.locator("#stale-badge").is_visible()
    seed_page.shot("seed-article")


@pytest.mark.browser
def test_seed_map_shows_the_lisbon_summit(seed_page: Page) -> None:
    """The invitation to the Lisbon summit is located in Lisbon: a dot on Portugal's west coast."""
    seed_page.goto("/?min_confidence=0")  # every event, also those below the display threshold
    pg = seed_page.page
    dot = pg.locator("#map circle.place-dot[data-name='Lisbon'][data-country='PRT']")
    dot.wait_for()
    # the dot's centre lies in Portugal's outline as drawn (its bounding box, in SVG units)
    inside = pg.evaluate("""() => {
        const dot = document.querySelector("#map circle.place-dot[data-name='Lisbon']");
        const prt = document.querySelector("#map path.country[data-iso3='PRT']");
        const b = prt.getBBox(), x = +dot.getAttribute("cx"), y = +dot.getAttribute("cy");
        const spain = document.querySelector("#map path.country[data-iso3='ESP']").getBBox();
        return [b.x <= x && x <= b.x + b.width && b.y <= y && y <= b.y + b.height,
                x < spain.x + spain.width / 2];
    }""")
    assert inside == [True, True]
    seed_page.shot("seed-map")
    dot.click()
    pg.locator("#map-events a.doc-link").first.click()
    pg.wait_for_selector("#article .hl-event.flash")
    assert "summit in Lisbon" in "".join(pg.locator("#article .hl-event.flash").all_inner_texts())


@pytest.fixture
def served(seed_store: Path) -> Iterator[str]:
    with herald_serve(seed_store) as (_, url):
        yield url


def test_herald_serve_answers_on_loopback(served: str) -> None:
    r = httpx.get(served + "/api/summary")
    assert r.status_code == 200 and r.json()["counts"]["documents"] == 1
    assert httpx.get(served + "/").headers["content-security-policy"]
    assert httpx.get(served + "/api/summary", headers={"host": "attacker.example"}).status_code == 400


def test_herald_serve_without_a_database_says_how_to_make_one(tmp_path: Path) -> None:
    r = subprocess.run(
        [*herald_cli(), "serve", "--db", str(tmp_path / "none.duckdb")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 2 and "herald run" in r.stderr and "Traceback" not in r.stderr
