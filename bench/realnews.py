"""False alarms on real, edited news: error findings per article on the English pages with
a known date in ../shared/news-fixtures, each finding listed so a person can judge it.

Usage: python bench/realnews.py [--fixtures DIR] [--kb PATH] [--json FILE]
Pages are read through the normal ingest (`newscheck check page.html.gz` reads them the
same way); the page's known date (index.jsonl `published`) is the publication date, so the
figure measures the checks, not the date reader (how often the two agree is printed too).
Target (issue 8): at most 1 error finding per 50 articles.
"""
from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO.parent / "shared" / "news-fixtures"


def dated_english_pages(fixtures: Path) -> list[dict]:
    rows = [json.loads(line) for line in (fixtures / "index.jsonl").read_text().splitlines() if line.strip()]
    return [r for r in rows if r["language"] == "en" and r["published"] and r["path"].startswith("pages/")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", type=Path, default=FIXTURES)
    parser.add_argument("--kb", default=None)
    parser.add_argument("--json", type=Path, help="also write every finding (errors and warnings) here")
    args = parser.parse_args()
    if not (args.fixtures / "index.jsonl").is_file():
        print(f"no news fixtures at {args.fixtures}: get ../shared/news-fixtures (see its SOURCE.md)")
        return 2

    from newscheck.errors import InputError
    from newscheck.ingest import read_articles
    from newscheck.kb import open_or_build
    from newscheck.pipeline import Checker, Options

    kb = open_or_build(args.kb, log=lambda *a: None)
    pages = dated_english_pages(args.fixtures)
    articles, unreadable, agree = [], 0, 0
    for row in pages:
        for item in read_articles([str(args.fixtures / row["path"])]):
            if isinstance(item, InputError):
                unreadable += 1
                continue
            known = date.fromisoformat(row["published"][:10])
            agree += item.published == known
            item.id, item.published, item.published_from = row["id"], known, "metadata"
            articles.append(item)
    began = time.perf_counter()
    reports = list(Checker(kb, Options()).check_many(articles))
    seconds = time.perf_counter() - began

    errors = [(r, f) for r in reports for f in r.findings if f.severity == "error"]
    warnings = [(r, f) for r in reports for f in r.findings if f.severity == "warning"]
    print(f"newscheck realnews bench, {platform.python_implementation()} {platform.python_version()}, "
          f"KB as of {kb.as_of}")
    print(f"{len(pages)} English pages with a known date; {unreadable} without article text; "
          f"{len(articles)} checked in {seconds:.1f}s; ingest's own date agreed on {agree}")
    rate = len(errors) / max(len(articles), 1) * 50
    print(f"error findings: {len(errors)} on {len(articles)} articles = {rate:.2f} per 50 articles "
          f"(target <= 1); warnings: {len(warnings)}")
    for label, rows in (("error", errors), ("warning", warnings)):
        for report, f in rows:
            a = report.article
            print(f"\n[{label}] {a.id} ({a.published}) {f.code}: {f.span!r}\n  {f.message}")
    if args.json:
        args.json.write_text(json.dumps([{"id": r.article.id, "published": str(r.article.published),
                                          "code": f.code, "severity": f.severity, "span": f.span,
                                          "message": f.message} for r, f in errors + warnings], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
