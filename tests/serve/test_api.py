"""The JSON API over a store written through ``Store.write`` from hand-built documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from herald.serve import create_app
from tests.serve import fixtures

INJECTIONS = ["RUS' OR 1=1 --", 'RUS" OR "1"="1', "'; DROP TABLE events; --", "%", "_", "\\", "NATO'--"]


def get(client: TestClient, url: str, **params: object) -> dict:
    r = client.get(url, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_summary_counts_what_was_written(client: TestClient) -> None:
    docs = fixtures.corpus()
    counts = get(client, "/api/summary")["counts"]
    assert counts["documents"] == len(docs)
    assert counts["event_rows"] == sum(len(d.events) for d in docs)
    assert counts["quotes"] == sum(len(d.quotes) for d in docs)
    assert counts["stale"] == sum(d.dates.stale for d in docs)
    # the six "trade talks" rounds are near-duplicates: the store makes them one story, and the
    # events of its copies count once
    assert counts["stories"] == 4
    assert counts["events"] == 3 + 2 + 1 + 2


def test_copies_of_one_story_share_event_keys(client: TestClient) -> None:
    trade = get(client, "/api/documents", q="trade talks")["items"]
    assert len(trade) == 6 and len({d["story_id"] for d in trade}) == 1
    rows = get(client, "/api/events", merged="false", source="CHN")
    assert rows["total"] == 6 and len({e["event_key"] for e in rows["items"]}) == 1
    merged = get(client, "/api/events", source="CHN", merged="true")
    assert merged["total"] == 1 and merged["items"][0]["date"] == "2019-01-14"  # the earliest copy


def test_events_filter_by_source_and_target_code_or_name(client: TestClient) -> None:
    page = get(client, "/api/events", merged="false", source="RUS", target="NATO")
    assert page["total"] == 4  # Lavrov counts for Russia
    for e in page["items"]:
        assert e["source"]["country"] == "RUS" and e["target"]["country"] == "NATO"
        assert e["sentence"] and e["end"] > e["start"]  # the evidence travels with the event
    # as in the CLI: a code-like term matches codes by prefix and countries, other terms match names
    assert get(client, "/api/events", merged="false", source="Russia", target="nato")["total"] == 2
    assert get(client, "/api/events", merged="false", source="lavrov")["total"] == 2
    assert get(client, "/api/events", merged="false", source="Sergey Lavrov")["total"] == 2
    assert get(client, "/api/events", merged="false", source="RUSGOV")["total"] == 2
    both = get(client, "/api/events", merged="false", source="RUS", target="NATO", symmetric="true")
    assert both["total"] == 6
    assert {(e["source"]["key"], e["target"]["key"]) for e in both["items"]} == {
        ("RUS", "NATO"),
        ("NATO", "RUS"),
    }


def test_events_filter_by_type_dates_and_quad_class(client: TestClient) -> None:
    assert get(client, "/api/events", merged="false", type="threaten")["total"] == 1
    feb = get(client, "/api/events", merged="false", since="2011-02", until="2011-02")
    assert feb["total"] == 2 and all(e["date"].startswith("2011-02") for e in feb["items"])
    assert get(client, "/api/events", merged="false", since="2019")["total"] == 12
    assert get(client, "/api/events", merged="false", until="2010-12-31")["total"] == 3
    conflict = get(client, "/api/events", merged="false", quad_class=3)
    assert conflict["total"] == 3 and {e["quad_class"] for e in conflict["items"]} == {3}


def test_events_pages_are_stable_and_disjoint(client: TestClient) -> None:
    total = get(client, "/api/events", merged="false", limit=1000)["total"]
    seen = []
    for offset in range(0, total, 5):
        page = get(client, "/api/events", merged="false", limit=5, offset=offset)
        assert page["total"] == total and page["offset"] == offset
        seen += [(e["doc_id"], e["index"]) for e in page["items"]]
    assert len(seen) == total == len(set(seen))
    dates = [e["date"] for e in get(client, "/api/events", merged="false", limit=1000)["items"]]
    assert dates == sorted(dates, reverse=True)  # newest first


@pytest.mark.parametrize(
    "params",
    [
        {"since": "2011-13"},
        {"since": "2011-02-30"},
        {"until": "yesterday"},
        {"since": "2012", "until": "2011"},
        {"limit": 0},
        {"limit": 1001},
        {"offset": -1},
        {"type": "CONSULT;"},
        {"quad_class": 5},
        {"source": "x" * 101},
    ],
)
def test_bad_parameters_get_a_clear_422(client: TestClient, params: dict) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code == 422
    assert r.json()["detail"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_sql_like_values_are_plain_values(client: TestClient, value: str) -> None:
    """Quotes, wildcards and comments in a value are characters to match, never SQL."""
    docs = fixtures.corpus()
    low = value.lower()
    before = get(client, "/api/summary")["counts"]
    assert get(client, "/api/events", merged="false", source=value)["total"] == 0
    assert get(client, "/api/events", merged="false", target=value, symmetric="true")["total"] == 0
    assert get(client, "/api/quotes", speaker=value)["total"] == 0
    in_quotes = sum(low in q.text.lower() or low in (q.speaker or "").lower() for d in docs for q in d.quotes)
    assert get(client, "/api/quotes", q=value)["total"] == in_quotes
    in_docs = sum(low in (d.title or "").lower() or low in d.text.lower() for d in docs)
    assert get(client, "/api/documents", q=value)["total"] == in_docs
    assert get(client, "/api/dyads", actor=value)["total"] == 0
    assert get(client, "/api/actors", q=value)["total"] == 0
    assert get(client, "/api/search", q=value)["actors"] == []
    r = client.get(f"/api/dyads/{value.replace('%', '%25')}/NATO")
    assert r.status_code in (200, 404) and (r.status_code == 404 or r.json()["events"] == 0)
    assert get(client, "/api/summary")["counts"] == before


def test_read_only_store_refuses_writes(store_path: Path) -> None:
    app = create_app(store_path)
    with app.state.data.cursor() as cur, pytest.raises(Exception, match="(?i)read.only"):
        cur.execute("CREATE TABLE intruder (x INTEGER)")
    app.state.data.close()


def test_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="herald run"):
        create_app(tmp_path / "nope.duckdb")


def test_dyads_rank_pairs_with_both_directions(client: TestClient) -> None:
    pairs = get(client, "/api/dyads")["items"]
    assert [(p["a"], p["b"], p["events"]) for p in pairs] == [("NATO", "RUS", 6), ("CHN", "USA", 2)]
    nato_rus = pairs[0]
    assert nato_rus["a_to_b"] == 2 and nato_rus["b_to_a"] == 4  # NATO->RUS, RUS->NATO
    assert nato_rus["b_name"] == "Russia"
    assert sum(nato_rus["counts"].values()) == 6
    assert get(client, "/api/dyads", actor="rus")["total"] == 1  # an actor key, any case


def test_one_dyad_in_the_order_asked(client: TestClient) -> None:
    d = get(client, "/api/dyads/RUS/NATO")
    assert (d["a"], d["b"], d["a_name"]) == ("RUS", "NATO", "Russia")
    assert (d["events"], d["a_to_b"], d["b_to_a"]) == (6, 4, 2)
    assert d["first"] == "2010-09-25" and d["last"] == "2012-05-01"
    quotes = get(client, "/api/dyads/RUS/NATO/quotes")
    assert quotes["total"] == 2 and {q["speaker"] for q in quotes["items"]} == {"Sergey Lavrov"}
    assert get(client, "/api/dyads/CHN/USA/quotes")["total"] == 0


def test_timeline_counts_every_dated_event_once(client: TestClient) -> None:
    months = get(client, "/api/timeline")["items"]
    assert sum(m["total"] for m in months) == get(client, "/api/summary")["counts"]["events"]
    sep = next(m for m in months if m["month"] == "2010-09")
    assert sep["counts"] == {"1": 2, "3": 1}
    assert sep["goldstein"] == pytest.approx((1.0 - 2.0 + 3.4) / 3, abs=0.01)
    pair = get(client, "/api/timeline", source="RUS", target="NATO", symmetric="true")["items"]
    assert [m["month"] for m in pair] == ["2010-09", "2011-02", "2012-05"]


def test_document_with_slashes_and_markup_in_its_id(client: TestClient) -> None:
    doc = fixtures.hostile()
    r = client.get("/api/documents/" + doc.id.replace("<", "%3C").replace(">", "%3E"))
    assert r.status_code == 200
    body = r.json()
    assert body["text"] == fixtures.XSS_TEXT and body["title"] == fixtures.XSS_TITLE
    assert body["events"][0]["index"] == 0 and body["events"][0]["source"]["key"] == "RUS"
    assert client.get("/api/documents/no/such/doc").status_code == 404


def test_document_carries_dates_boilerplate_and_offsets(client: TestClient) -> None:
    doc = get(client, "/api/documents/news/lisbon-2010.txt")
    assert (doc["plover_type"], doc["plover_confidence"]) == ("CONSULT", 0.583)  # the story-level type
    assert doc["dates"]["stale"] is True and doc["dates"]["evidence"]
    assert doc["boilerplate"][0].startswith("This article was last updated")
    for e in doc["events"]:
        assert doc["text"][e["start"] : e["end"]] == e["sentence"]
    for q in doc["quotes"]:
        assert doc["text"][q["start"] : q["end"]] == q["text"]


def test_quotes_actors_stories_documents_lists(client: TestClient) -> None:
    assert get(client, "/api/quotes", speaker="lavrov")["total"] == 2
    assert get(client, "/api/quotes", speaker="RUS")["total"] == 2
    assert get(client, "/api/quotes", q="decide whether")["total"] == 1
    actors = get(client, "/api/actors")["items"]
    assert {a["key"] for a in actors} == {"RUS", "NATO", "CHN", "USA"}
    assert next(a for a in actors if a["key"] == "RUS")["quotes"] == 2
    stories = get(client, "/api/stories")
    assert stories["total"] == 4 and stories["items"][0]["documents"] == 6
    assert len(stories["items"][0]["ids"]) == 6
    lisbon = get(client, "/api/documents", q="Lisbon")["items"]
    assert [(d["id"], d["plover_type"], d["plover_confidence"]) for d in lisbon] == [
        ("news/lisbon-2010.txt", "CONSULT", 0.583)
    ]
    assert (
        get(client, "/api/documents", q="warned Moscow")["items"][0]["plover_type"] is None
    )  # never classified
    same_story = get(client, "/api/documents", story=lisbon[0]["story_id"])["items"]
    assert [d["id"] for d in same_story] == ["news/lisbon-2010.txt"]


def test_search_finds_actor_partners_articles_and_quotes(client: TestClient) -> None:
    found = get(client, "/api/search", q="lavrov")
    assert found["actors"][0]["key"] == "RUS"
    assert {"key": "NATO", "name": "NATO"} in found["actors"][0]["partners"]
    assert any(d["id"] == "news/lisbon-2010.txt" for d in found["documents"])
    assert len(found["quotes"]) == 2


def test_pages_are_static_shells_with_a_strict_policy(client: TestClient) -> None:
    for path in ["/", "/dyads/RUS/NATO", "/documents/news/lisbon-2010.txt", "/docs"]:
        r = client.get(path)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert re.findall(r"<script(?![^>]*\bsrc=)", r.text) == []  # no inline script to allow
        # the shared parts are in place, once each
        assert "<!--#include" not in r.text
        assert r.text.count('<header class="top">') == r.text.count("<footer>") == 1
        assert r.text.count('href="/static/style.css"') == r.text.count('src="/static/app.js"') == 1
        assert '<a href="/docs">API</a>' in r.text and 'name="q"' in r.text


def test_the_header_and_nav_are_written_once(client: TestClient) -> None:
    from herald.serve.app import STATIC

    pages = sorted(p for p in STATIC.glob("*.html") if not p.name.startswith("_"))
    assert [p.name for p in pages] == ["docs.html", "document.html", "dyad.html", "index.html"]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "<header" not in text and "<nav>" not in text and "style.css" not in text, page.name
        assert {"<!--#include head-->", "<!--#include header-->", "<!--#include footer-->"} <= set(
            text.splitlines()
        )
    assert (STATIC / "_header.html").read_text(encoding="utf-8").count("<nav>") == 1


def test_the_cli_and_the_api_filter_alike(client: TestClient, store_path: Path) -> None:
    """One filter builder: the same actor, type and place terms select the same events in both."""
    from herald.store import Store

    with Store(str(store_path), read_only=True) as store:
        for terms in (
            {"source": "lavrov"},
            {"source": "RUS", "target": "NATO"},
            {"target": "nato", "type": "agree"},
            {"country": "prt"},
            {"source": "O'Brien %"},
        ):
            cli = store.events(merged=False, **terms)
            api = get(client, "/api/events", merged="false", limit=1000, **terms)["items"]
            assert sorted(cli["event_key"]) == sorted(e["event_key"] for e in api), terms
            assert len(api) == api_total(client, terms)
        since = store.events(since="2011-01-01", until="2011-12-31", merged=False)
        assert sorted(since["doc_id"]) == ["news/brussels-2011.txt"] * 2
    assert get(client, "/api/events", merged="false", since="2011", until="2011")["total"] == 2


def api_total(client: TestClient, params: dict[str, str]) -> int:
    return int(get(client, "/api/events", merged="false", limit=1, **params)["total"])


def test_nothing_is_loaded_from_another_origin(client: TestClient) -> None:
    from herald.serve.app import STATIC

    for f in STATIC.iterdir():
        text = f.read_text(encoding="utf-8")
        urls = set(re.findall(r"https?://[^\s\"'<>)]+", text)) - {"http://www.w3.org/2000/svg"}
        assert not urls, f"{f.name} refers to {urls}"
    spec = get(client, "/openapi.json")
    assert {
        "/api/events",
        "/api/quotes",
        "/api/dyads",
        "/api/actors",
        "/api/stories",
        "/api/documents/{doc_id}",
    } <= set(spec["paths"])


def test_host_header_is_checked_when_bound_to_loopback(store_path: Path) -> None:
    from herald.cli.serving import allowed_hosts

    assert allowed_hosts("0.0.0.0") is None
    with TestClient(create_app(store_path, allowed_hosts=allowed_hosts("127.0.0.1"))) as c:
        assert c.get("/api/summary", headers={"host": "evil.example"}).status_code == 400
        assert c.get("/api/summary", headers={"host": "127.0.0.1:8000"}).status_code == 200


def test_events_filter_by_where_they_happened(client: TestClient) -> None:
    page = get(client, "/api/events", merged="false", country="prt")  # ISO alpha-3, any case
    assert page["total"] == 1
    loc = page["items"][0]["location"]
    assert (loc["name"], loc["country"], loc["admin1"]) == ("Lisbon", "PRT", "PT.14")
    assert loc["lat"] == pytest.approx(38.725, abs=0.01) and loc["lon"] == pytest.approx(-9.15, abs=0.01)
    assert (
        get(client, "/api/events", merged="false", place="Brussels", country="BEL")["items"][0]["type"]
        == "THREATEN"
    )
    assert get(client, "/api/events", merged="false", place="Lisbon", country="BEL")["total"] == 0
    unlocated = get(client, "/api/events", merged="false", source="CHN")["items"][0]
    assert unlocated["location"] is None  # null rather than a guess
    assert client.get("/api/events", params={"country": "P1"}).status_code == 422


def test_places_are_the_located_story_events(client: TestClient) -> None:
    places = get(client, "/api/places")["items"]
    assert [(p["name"], p["country"], p["country_name"], p["events"]) for p in places] == [
        ("Brussels", "BEL", "Belgium", 1),
        ("Lisbon", "PRT", "Portugal", 1),
    ]
    assert places[1]["lat"] == pytest.approx(38.725, abs=0.01) and places[1]["lon"] == pytest.approx(
        -9.15, abs=0.01
    )
    assert get(client, "/api/places", source="NATO", since="2011")["total"] == 1  # the filters apply


def test_map_outlines_are_served_from_the_package(client: TestClient) -> None:
    r = client.get("/api/map/outlines")
    assert r.status_code == 200 and "max-age" in r.headers["cache-control"]
    world = r.json()
    assert world["type"] == "FeatureCollection" and len(world["features"]) > 150
    portugal = next(f for f in world["features"] if f["properties"]["iso3"] == "PRT")
    lons = [p[0] for poly in portugal["geometry"]["coordinates"] for ring in poly for p in ring]
    lats = [p[1] for poly in portugal["geometry"]["coordinates"] for ring in poly for p in ring]
    assert min(lons) < -9.15 < max(lons) and min(lats) < 38.72 < max(lats)  # Lisbon lies inside


def test_merged_lists_each_story_event_once(client: TestClient) -> None:
    merged = get(client, "/api/events", merged="true", limit=1000)
    keys = [e["event_key"] for e in merged["items"]]
    assert len(keys) == len(set(keys)) == merged["total"] == get(client, "/api/summary")["counts"]["events"]
    every = {e["event_key"] for e in get(client, "/api/events", merged="false", limit=1000)["items"]}
    assert set(keys) == every


def test_the_api_and_the_cli_agree_on_event_defaults(client: TestClient, store_path: Path) -> None:
    """``/api/events`` and ``herald events`` both merge the copies of a story event and apply the
    display threshold unless told otherwise."""
    from herald.events import display_threshold
    from herald.store import Store

    with Store(str(store_path), read_only=True) as store:
        cli = store.events(min_confidence=display_threshold())
    api = get(client, "/api/events", limit=1000)
    assert api["total"] == len(cli) == get(client, "/api/summary")["counts"]["events"]
    assert sorted(e["event_key"] for e in api["items"]) == sorted(cli["event_key"])


def test_every_api_route_declares_its_response_shape(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path, ops in spec["paths"].items():
        if not path.startswith("/api/") or path == "/api/map/outlines":  # outlines: a static GeoJSON file
            continue
        ok = ops["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert "$ref" in ok, f"{path} declares no response model"
    event = spec["components"]["schemas"]["EventItem"]["properties"]
    assert {"event_key", "type", "sentence", "source", "target", "location"} <= set(event)
