"""Screenshots of the web app's main pages into docs/screenshots/, taken in Chromium (Playwright, Debian's
/usr/bin/chromium) from a real `newscheck serve` over a throw-away corpus.

Usage: python scripts/screenshots.py [--kb PATH] [--out docs/screenshots]
The corpus holds docs/screenshots/demo-corpus.jsonl (three made-up reports of one strike, written for
these pictures) and the examples/ articles; the check page is shown on the first seed article in
../shared/seeds, or on examples/kyiv-talks.txt without it.
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}


def start_server(kb: str, db: str) -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = shutil.which("newscheck", path=str(Path(sys.executable).parent)) or "newscheck"
    server = subprocess.Popen([command, "serve", "--port", str(port), "--kb", kb, "--db", db, "--workers", "0"])
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            httpx.get(url + "/", timeout=2)
            return server, url
        except httpx.HTTPError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("newscheck serve did not start")
            time.sleep(0.2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", default=None)
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from newscheck.corpus import open_corpus
    from newscheck.kb import open_or_build

    kb = str(open_or_build(args.kb, log=print).path)
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    pasted = (seeds[0] if seeds else REPO / "examples" / "kyiv-talks.txt").read_text()
    with tempfile.TemporaryDirectory(prefix="newscheck-shots-") as folder:
        db = f"sqlite:///{Path(folder) / 'corpus.sqlite'}"
        corpus = open_corpus(db, kb_path=kb)
        print(corpus.add([str(REPO / "docs" / "screenshots" / "demo-corpus.jsonl"), str(REPO / "examples")],
                         on_error=lambda source, message: print(message, file=sys.stderr)))
        story = next(s for s in corpus.stories(limit=100)["items"] if s["n_conflicts"])
        corpus.close()
        server, url = start_server(kb, db)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                page = browser.new_page(viewport=DESKTOP)
                page.goto(url + "/")
                page.screenshot(path=str(out / "check.png"), full_page=True)
                page.fill("#text", pasted)
                page.click("button[type=submit]")
                page.locator("mark.finding").first.wait_for()
                page.screenshot(path=str(out / "result.png"), full_page=True)
                page.set_viewport_size(PHONE)
                page.screenshot(path=str(out / "result-phone.png"))
                page.set_viewport_size(DESKTOP)
                for name, path in [("stories", "/stories"), ("story", f"/stories/{story['id']}"),
                                   ("article", "/articles/daily-blast"), ("person", "/people/Rustem%20Umerov"),
                                   ("search", "/search?q=market+missile")]:
                    page.goto(url + path)
                    page.screenshot(path=str(out / f"{name}.png"), full_page=True)
                page.set_viewport_size(PHONE)
                page.goto(url + f"/stories/{story['id']}")
                page.screenshot(path=str(out / "story-phone.png"))
                browser.close()
        finally:
            server.terminate()
            server.wait(30)
    for png in sorted(out.glob("*.png")):
        print(f"{png.relative_to(REPO) if png.is_relative_to(REPO) else png}  {os.path.getsize(png) // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
