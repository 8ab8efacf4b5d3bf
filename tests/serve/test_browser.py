"""The pages in a real browser (Debian's Chromium through Playwright): they load without console
errors and without reaching outside the server, the chart draws, a click leads from a relationship
to its article, and hostile article text stays text. Screenshots go to test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from herald.serve import create_app
from tests.serve import fixtures
from tests.serve.conftest import LiveServer, Page

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect


@pytest.fixture(scope="module")
def server(store_path: Path) -> Iterator[LiveServer]:
    with LiveServer(create_app(store_path)) as srv:
        yield srv


@pytest.fixture
def page(browser, server: LiveServer) -> Iterator[Page]:
    p = Page(browser, server.url)
    yield p
    p.close()
    assert p.outside == [], f"the page tried to load {p.outside}"
    assert p.problems == [], p.problems


def test_overview_counts_chart_and_pairs(page: Page) -> None:
    page.goto("/")
    pg = page.page
    pg.wait_for_selector("#timeline svg rect.bar")
    assert pg.locator("#counts .card").count() == 6
    assert pg.locator("#counts .card-value").first.inner_text() == str(len(fixtures.corpus()))
    assert pg.locator("#timeline rect.bar.q3").count() >= 2  # verbal conflict months are drawn
    assert pg.locator("#timeline circle.gdot").count() >= 3
    pairs = pg.locator("#pairs a.pair-link")
    assert pairs.count() == 2 and "Russia" in pairs.nth(0).inner_text()  # the busiest pair first
    pg.wait_for_selector("#docs li.doc-item")
    types = sorted(pg.locator("#docs .story-type").all_inner_texts())
    assert types == sorted(["CONSULT 0.58", f"{fixtures.XSS_TYPE} 0.50"])  # the story type of each article
    page.shot("overview")


def test_map_dots_list_their_events_and_lead_to_the_article(page: Page) -> None:
    page.goto("/")
    pg = page.page
    pg.wait_for_selector("#map svg circle.place-dot")
    assert pg.locator("#map path.country").count() > 150  # the offline outlines, drawn as SVG
    assert pg.locator("#map path.country.active").count() == 2  # Portugal and Belgium hold events
    assert pg.locator("#map circle.place-dot").count() == 2
    assert "2 located events at 2 places" in pg.locator("#map-note").inner_text()
    pg.locator("#map circle.place-dot[data-name='Lisbon']").click()
    pg.wait_for_selector("#map-events li.map-event")
    assert pg.locator("#map-place-name").inner_text().startswith("Lisbon, Portugal")
    assert pg.locator("#map-events li.map-event").count() == 1
    assert "summit in Lisbon" in pg.locator("#map-events").inner_text()
    page.shot("map")
    pg.locator("#map-events a.doc-link").click()
    pg.wait_for_url("**/documents/**")
    pg.wait_for_selector("#article .hl-event.flash")
    assert pg.locator("#doc-title").inner_text() == "Lavrov upset by NATO's stance"
    assert "in Lisbon, PRT" in pg.locator("#doc-events").inner_text()


def test_from_a_dyad_to_its_article(page: Page) -> None:
    page.goto("/")
    pg = page.page
    pg.locator("#pairs a.pair-link", has_text="Russia").click()
    pg.wait_for_url("**/dyads/NATO/RUS")
    pg.wait_for_selector("#dyad-chart svg rect.bar")
    pg.wait_for_selector("#dyad-events tbody tr.event-row")
    assert (
        "NATO" in pg.locator("#dyad-title").inner_text()
        and "Russia" in pg.locator("#dyad-title").inner_text()
    )
    assert pg.locator("#dyad-events tbody tr.event-row").count() == 6
    pg.wait_for_selector("#dyad-quotes li.quote-item")
    assert pg.locator("#dyad-quotes li.quote-item").count() == 2
    page.shot("dyad")

    # a click on a month of the chart narrows the events to that month
    pg.locator("#dyad-chart rect.hit[data-month='2011-02']").click()
    expect(pg.locator("#dyad-events tbody tr.event-row")).to_have_count(2)
    assert pg.locator("#month-filter-label").inner_text() == "2011-02"
    pg.locator("#month-clear").click()
    expect(pg.locator("#dyad-events tbody tr.event-row")).to_have_count(6)

    row = pg.locator("#dyad-events tr.event-row", has_text="DISAPPROVE")
    row.locator("a.doc-link").click()
    pg.wait_for_url("**/documents/**")
    pg.wait_for_selector("#article .hl-event")
    assert pg.locator("#doc-title").inner_text() == "Lavrov upset by NATO's stance"
    target = pg.locator("#article .flash")
    assert target.count() >= 1 and "lamented" in " ".join(target.all_inner_texts())
    page.shot("article-from-dyad")


def test_article_highlights_quotes_events_and_sets_boilerplate_apart(page: Page) -> None:
    page.goto("/documents/" + quote("news/lisbon-2010.txt", safe=""))
    pg = page.page
    pg.wait_for_selector("#article .hl-quote")
    doc = fixtures.lisbon()
    assert pg.locator("#article").inner_text().strip() == doc.text.strip()
    assert " ".join(pg.locator("#article .hl-quote").all_inner_texts()) == doc.quotes[0].text
    assert pg.locator("#article .hl-event").count() >= 2
    assert pg.locator("#stale-badge").is_visible()
    assert (
        pg.locator("#doc-type").inner_text()
        == f"Story type {doc.plover_type}, confidence {doc.plover_confidence:.2f}"
    )
    assert "2010-09-25" in pg.locator("#doc-dates").inner_text()
    assert "Lisbon summit" in pg.locator("#doc-dates").inner_text()
    assert not pg.locator("#boilerplate").is_visible()
    pg.locator("#boilerplate-box summary").click()
    assert pg.locator("#boilerplate li").count() == len(doc.boilerplate)
    assert doc.boilerplate[0] not in pg.locator("#article").inner_text()
    pg.locator("#doc-quotes .side-item").first.click()
    pg.wait_for_selector("#article .hl-quote.flash")
    page.shot("article")


def test_hostile_article_is_shown_as_text(page: Page) -> None:
    doc = fixtures.hostile()
    page.goto("/documents/" + quote(doc.id, safe=""))
    pg = page.page
    pg.wait_for_selector("#article .hl-event")
    assert pg.evaluate("window.__pwned") is None  # no injected script or handler ran
    assert pg.locator("#doc-title").inner_text() == fixtures.XSS_TITLE
    assert (
        pg.locator("#doc-type").inner_text() == f"Story type {fixtures.XSS_TYPE}, confidence 0.50"
    )  # markup shown as text
    assert pg.locator("#article").inner_text().strip() == fixtures.XSS_TEXT
    assert pg.locator("script").count() == 2  # only the page's own two scripts
    assert pg.locator("main img, main iframe, main b").count() == 0
    assert pg.locator("#doc-meta a").count() == 0  # a javascript: URL is not made a link
    pg.locator("#boilerplate-box summary").click()
    assert "<iframe" in pg.locator("#boilerplate").inner_text()
    page.shot("hostile-article")


def test_search_and_api_reference_work_offline(page: Page) -> None:
    page.goto("/?q=lavrov")
    pg = page.page
    pg.wait_for_selector("#sr-quotes li.quote-item")
    assert pg.locator("#sr-actors a[href='/dyads/RUS/NATO']").count() == 1
    page.shot("search")
    page.goto("/docs")
    section = pg.locator("section.endpoint", has=pg.locator("code", has_text="/api/events")).first
    section.locator("input[name=source]").fill("RUS' OR 1=1 --")
    section.locator("button").click()
    response = section.locator("pre.response")
    response.filter(has_text="200 OK").wait_for()
    assert '"total": 0' in response.inner_text()
    page.shot("api-docs")
