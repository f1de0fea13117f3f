"""The web app in a real browser: Debian's Chromium (`make test` installs it) driven by Playwright.
A seed article pasted into the check page comes back with its findings highlighted, the page
works from the keyboard, a story page shows where its articles disagree, search finds articles,
and XSS payloads in every field a user or a stored article controls never execute."""
from __future__ import annotations

import json
import socket
import threading
import time
from datetime import date
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install -e '.[web]'")
import uvicorn  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from newscheck.model import Article  # noqa: E402
from newscheck.web.app import Settings, create_app  # noqa: E402
from test_web_corpus import build_corpus, story_articles  # noqa: E402  (the same two reports of one strike)

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Each payload marks what it would inject with data-xss, and would call alert() if it ran.
XSS = [
    '<img src=x onerror="alert(1)" data-xss>',
    '"><script data-xss>alert(2)</script>',
    "'><svg data-xss onload=alert(3)>",
    "</textarea><iframe data-xss srcdoc=\"<script>parent.alert(4)</script>\"></iframe>",
    "<a data-xss href=\"javascript:alert(5)\">click</a>",
    "{{ 7*7 }}<details data-xss open ontoggle=alert(6)>",
    "</q></li></ol><style data-xss>body{display:none}</style>",
]


class LiveServer:
    """The app under uvicorn in a thread, on a free port of 127.0.0.1."""

    def __init__(self, app):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert time.monotonic() < deadline, "the server did not start in 30 s"
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(10)


def xss_article() -> Article:
    """An article whose every field a feed or JSONL line may set carries a payload."""
    return Article(id=XSS[0], title=" ".join(XSS), source=XSS[2], url="javascript:alert(8)",
                   published=date(2025, 11, 20), published_from="metadata",
                   text=f"BERLIN, Nov 20, 2025 - {' '.join(XSS)} German Chancellor Friedrich Merz spoke to reporters"
                        f" about the budget vote on Thursday. {XSS[3]}")


@pytest.fixture(scope="module")
def server(kb, kb_path, tmp_path_factory):
    corpus = build_corpus(tmp_path_factory.mktemp("browser-corpus"), kb_path, story_articles() + [xss_article()])
    with LiveServer(create_app(kb=kb, corpus=corpus, settings=Settings())) as live:
        yield live
    corpus.close()


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM.exists(), "no /usr/bin/chromium: `make test` installs it (apt-get install chromium)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def seed_text() -> str:
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    return (seeds[0] if seeds else REPO / "examples" / "kyiv-talks.txt").read_text()


def test_a_pasted_seed_article_comes_back_with_its_findings_highlighted(server, page):
    page.goto(server.url + "/")
    page.fill("#text", seed_text())
    page.click("button[type=submit]")
    marks = page.locator("mark.finding")
    marks.first.wait_for()
    assert marks.count() >= 2
    shown = [marks.nth(i).locator("a").inner_text() for i in range(marks.count())]
    if SEEDS.is_dir():  # the first seed: the misspelt envoy, the invented NSDC head, the "third year"
        assert shown == ["Steve Wittkowff", "Rustem Furman", "third year"]
    items = page.locator("ol.findings > li")
    assert items.count() == marks.count()
    first = items.first.inner_text()
    assert "ERROR" in first.upper() and "confidence" in first and "Suggestion:" in first
    assert page.locator("ul.evidence li").count() >= items.count()
    # severity is a word and a symbol, not only a colour
    assert "✖" in marks.first.inner_text()
    assert page.locator("p.people a").count() >= 1


def test_the_findings_are_reachable_from_the_keyboard(server, page):
    page.goto(server.url + "/")
    page.fill("#text", seed_text())
    page.click("button[type=submit]")
    page.locator("mark.finding").first.wait_for()
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Enter")
    for _ in range(40):  # Tab from the main content to the first marked span
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('mark') !== null"):
            break
    else:
        pytest.fail("no marked finding took the keyboard focus")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#a1-f1"


def test_xss_payloads_in_every_field_never_run(server, page, tmp_path):
    payload = " ".join(XSS)
    text = f"{payload}\nRussian President Vladimir Zelenskiy met envoys in Kyiv on Thursday. {payload}\n"
    page.goto(server.url + "/")
    page.fill("#title", payload)
    page.fill("#text", text)
    page.fill("#published", "2025-12-04")
    page.click("summary")
    page.fill("#source_text", payload + " Vladimir Putin met envoys in Moscow on Thursday.")
    page.click("button[type=submit]")
    page.locator("article.checked").wait_for()
    assert_nothing_injected(page)
    assert payload in page.locator("article.checked h2").inner_text()  # shown as text, as written

    # an uploaded JSONL file: payloads in the file name, title, source (outlet), url and text
    record = {"id": XSS[1], "title": XSS[0], "source": XSS[2], "url": "javascript:alert(7)",
              "text": text, "published": "2025-12-04"}
    page.goto(server.url + "/")
    page.set_input_files("#file", files=[{"name": f'{XSS[0]}.jsonl', "mimeType": "text/plain",
                                          "buffer": (json.dumps(record) + "\n").encode()}])
    page.click("button[type=submit]")
    page.locator("article.checked").wait_for()
    assert_nothing_injected(page)

    # an unreadable upload whose name is a payload: the error page quotes it as text
    page.goto(server.url + "/")
    page.set_input_files("#file", files=[{"name": f'{XSS[0]}.txt', "mimeType": "text/plain", "buffer": b"\x00\x01"}])
    page.click("button[type=submit]")
    page.locator("p.error-message").wait_for()
    # (Chromium sends a file name's double quotes as %22, as the HTML standard says)
    assert XSS[0].replace('"', "%22") in page.locator("p.error-message").inner_text()
    assert_nothing_injected(page)


def assert_nothing_injected(page) -> None:
    page.wait_for_timeout(300)  # let any onerror/onload fire
    assert page.dialogs == []
    assert page.locator("[data-xss]").count() == 0
    assert page.locator("main script, main iframe, main svg, main style").count() == 0
    assert page.locator('a[href^="javascript:"]').count() == 0


def test_a_story_page_shows_its_conflict_with_both_sides(server, page):
    page.goto(server.url + "/stories")
    page.get_by_role("link", name="Missile strike on Kharkiv market leaves 21 dead").click()
    conflict = page.locator("section.conflict")
    conflict.wait_for()
    assert conflict.count() == 1
    assert "how many people died" in conflict.locator("h3").inner_text()
    quoted = [m.inner_text() for m in conflict.locator("blockquote mark").all()]
    assert len(quoted) == 2  # each side's disputed words are marked in its sentence
    assert sorted(quoted) == ["Twelve people were killed", "killing 21 people"]
    assert {"Wire One", "Daily Two"} <= set(" ".join(conflict.locator(".side-meta").all_inner_texts()).split(" · "))
    assert page.locator("ol.timeline li").count() == 2
    page.get_by_role("link", name="Volodymyr Zelensky").first.click()
    page.locator("#career").wait_for()
    assert "President of Ukraine" in page.locator("main").inner_text()


def test_search_finds_the_articles_and_opens_one(server, page):
    page.goto(server.url + "/search")
    page.fill("#q", "missile market")
    page.keyboard.press("Enter")
    results = page.locator("ol.results > li")
    results.first.wait_for()
    assert results.count() == 2
    assert page.locator("ol.results mark").first.inner_text().lower() in ("missile", "market")
    results.first.locator("a").click()
    page.locator("mark.finding").first.wait_for()
    assert "story_conflict" in page.locator("ol.findings").inner_text()


def test_stored_xss_payloads_never_run_on_the_corpus_pages(server, page):
    story = next(s for s in httpx.get(server.url + "/api/stories").json()["items"]
                 if s["title"] and "data-xss" in s["title"])
    for path in ("/stories", f"/stories/{story['id']}", "/articles", f"/articles/{quote(XSS[0], safe='')}",
                 "/search?q=Merz+budget", "/findings", "/people/Friedrich%20Merz"):
        response = page.goto(server.url + path)
        assert response.status == 200, path
        assert "data-xss" in page.locator("main").inner_text() or path == "/findings", path  # shown, as text
        assert_nothing_injected(page)
    page.goto(server.url + f"/articles/{quote(XSS[0], safe='')}")
    assert XSS[2] in page.locator("p.meta").first.inner_text()  # the source, shown as text
