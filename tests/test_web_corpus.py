"""The web app over a corpus store built through the corpus's public API: the REST GET endpoints
page through it, the story page quotes every side of a conflict, the person page shows the KB
career and the mentions, search finds articles, and keeping a checked article needs the token."""
from __future__ import annotations

from datetime import date

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install -e '.[web]'")
from fastapi.testclient import TestClient  # noqa: E402
from jsonschema import Draft202012Validator  # noqa: E402

from newscheck.corpus import open_corpus  # noqa: E402
from newscheck.model import Article  # noqa: E402
from newscheck.report.json import load_schema  # noqa: E402
from newscheck.web.app import Settings, create_app  # noqa: E402

# Two reports of one strike, the same day, that disagree on the toll (written for these tests).
WIRE = ("KHARKIV, Dec 4, 2025 - Twelve people were killed when a missile struck a crowded market in Kharkiv"
        " on Thursday, regional governor Oleh Syniehubov said. Ukrainian President Volodymyr Zelensky condemned"
        " the attack on the market in Kharkiv and called for more air defence systems.")
DAILY = ("KHARKIV, Dec 4, 2025 - A missile struck a crowded market in Kharkiv on Thursday, killing 21 people,"
         " regional governor Oleh Syniehubov said. Ukrainian President Volodymyr Zelensky condemned the attack on"
         " the Kharkiv market and asked allies for more air defence systems.")


def story_articles() -> list[Article]:
    day = date(2025, 12, 4)
    return [Article(id="wire-blast", title="Blast at Kharkiv market kills 12", source="Wire One", text=WIRE,
                    published=day, published_from="metadata"),
            Article(id="daily-blast", title="Missile strike on Kharkiv market leaves 21 dead", source="Daily Two",
                    text=DAILY, published=day, published_from="metadata")]


def build_corpus(folder, kb_path, articles):
    corpus = open_corpus(f"sqlite:///{folder / 'corpus.sqlite'}", kb_path=str(kb_path))
    counts = corpus.add(articles)
    assert counts["failed"] == 0, counts
    return corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, kb_path):
    store = build_corpus(tmp_path_factory.mktemp("corpus"), kb_path, story_articles())
    yield store
    store.close()


@pytest.fixture(scope="module")
def client(kb, corpus):
    with TestClient(create_app(kb=kb, corpus=corpus, settings=Settings()), raise_server_exceptions=False) as client:
        yield client


def test_the_rest_endpoints_page_through_the_corpus(client):
    stories = client.get("/api/stories").json()
    assert stories["total"] == 1
    story = stories["items"][0]
    assert story["n_articles"] == 2 and story["n_conflicts"] == 1 and "Volodymyr Zelensky" in story["people"]
    first = client.get("/api/articles", params={"limit": 1}).json()
    second = client.get("/api/articles", params={"limit": 1, "offset": 1}).json()
    assert first["total"] == second["total"] == 2
    assert {first["items"][0]["id"], second["items"][0]["id"]} == {"wire-blast", "daily-blast"}
    assert client.get("/api/articles", params={"story": story["id"]}).json()["total"] == 2
    assert client.get("/api/stories", params={"since": "2026-01-01"}).json()["total"] == 0
    conflicts = client.get("/api/findings", params={"code": "story_conflict"}).json()
    assert conflicts["total"] == 2 and {f["article"] for f in conflicts["items"]} == {"wire-blast", "daily-blast"}
    hits = client.get("/api/search", params={"q": "market missile"}).json()
    assert hits["total"] == 2 and all("[" in item["snippet"] for item in hits["items"])


def test_an_article_carries_its_findings_in_the_report_schema(client):
    article = client.get("/api/articles/wire-blast").json()
    assert article["text"] == WIRE and article["title"] == "Blast at Kharkiv market kills 12"
    schema = load_schema()
    finding_schema = {"$defs": schema["$defs"], "$ref": "#/$defs/finding"}
    validator = Draft202012Validator(finding_schema)
    for finding in article["findings"]:
        validator.validate(finding)
    assert "story_conflict" in {f["code"] for f in article["findings"]}


def test_a_story_quotes_every_side_of_its_conflict(client):
    story_id = client.get("/api/stories").json()["items"][0]["id"]
    story = client.get(f"/api/stories/{story_id}").json()
    assert [a["id"] for a in story["articles"]] == sorted(a["id"] for a in story["articles"])  # one day: by id
    (conflict,) = story["conflicts"]
    assert {side["article"] for side in conflict["sides"]} == {"wire-blast", "daily-blast"}
    page = client.get(f"/stories/{story_id}")
    assert page.status_code == 200
    for quote in ("Twelve people were killed", "killing 21 people", "Wire One", "Daily Two"):
        assert quote in page.text
    assert page.text.count('class="side"') == 2
    assert 'href="/articles/wire-blast"' in page.text and 'href="/people/Volodymyr%20Zelensky"' in page.text


def test_a_person_page_shows_the_kb_career_and_the_mentions(client):
    person = client.get("/api/people/Zelenskiy").json()  # a spelling variant, matched through the KB's aliases
    assert person["name"] == "Volodymyr Zelensky"
    assert any(row["office"] == "President of Ukraine" and row["start"] == "2019-05-20" for row in person["kb"])
    assert {m["article"] for m in person["mentions"]} == {"wire-blast", "daily-blast"}
    page = client.get("/people/Volodymyr Zelensky")
    assert page.status_code == 200 and "President of Ukraine" in page.text and "2019-05-20" in page.text
    assert "condemned the attack" in page.text


def test_pages_list_and_search_the_corpus(client):
    for path, words in [("/stories", "Missile strike on Kharkiv market"), ("/articles", "Blast at Kharkiv market"),
                        ("/articles/daily-blast", "killing 21 people"), ("/findings?code=story_conflict", "Wire One"),
                        ("/search?q=missile+market", "<mark>missile</mark>")]:
        page = client.get(path)
        assert page.status_code == 200, path
        assert words in page.text, path
    assert "1 conflict" in client.get("/stories").text


@pytest.mark.parametrize("path", ["/api/stories/999", "/api/stories/x", "/api/articles/nope", "/api/people/Nobody Atall",
                                  "/stories/999", "/articles/nope"])
def test_what_the_corpus_lacks_is_a_404(client, path):
    response = client.get(path)
    assert response.status_code in (404, 422), path
    if path.startswith("/api/"):
        assert response.json()["error"]["code"] in ("not_found", "invalid_request")
    else:
        assert response.headers["content-type"].startswith("text/html")


def test_bad_paging_is_a_json_error(client):
    for params in ({"limit": 0}, {"limit": 10_000}, {"offset": -1}):
        response = client.get("/api/articles", params=params)
        assert response.status_code == 400 and response.json()["error"]["code"] == "bad_paging"
    assert client.get("/api/stories", params={"since": "yesterday"}).json()["error"]["code"] == "bad_date"


def test_keeping_an_article_needs_the_token_and_stores_it(kb, kb_path, tmp_path):
    store = build_corpus(tmp_path, kb_path, [])
    text = WIRE.replace("Twelve", "Fourteen")
    with TestClient(create_app(kb=kb, corpus=store, settings=Settings(token="s3cret"))) as guarded:
        refused = guarded.post("/api/articles", json={"text": text, "title": "Fourteen dead"})
        assert refused.status_code == 401 and store.articles()["total"] == 0
        added = guarded.post("/api/articles", json={"text": text, "title": "Fourteen dead"},
                             headers={"authorization": "Bearer s3cret"})
        assert added.status_code == 201, added.text
        assert added.json()["report"]["articles"][0]["title"] == "Fourteen dead"
        assert store.articles()["total"] == 1
        form = {"csrf": guarded.get("/").cookies["newscheck_csrf"], "text": DAILY, "keep": "on"}
        assert guarded.post("/check", data={**form, "token": "wrong"}).status_code == 401
        kept = guarded.post("/check", data={**form, "token": "s3cret"})
        assert kept.status_code == 200 and "Kept in the corpus" in kept.text
        assert store.articles()["total"] == 2
        as_text = guarded.post("/api/articles", content=b"text=x", headers={
            "authorization": "Bearer s3cret", "content-type": "application/x-www-form-urlencoded"})
        assert as_text.status_code == 415  # a cross-site form cannot send JSON: writes take JSON only
    store.close()
