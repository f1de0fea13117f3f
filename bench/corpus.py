"""What keeping a corpus costs: 2,000 real articles (../shared/eval-data: the allsides-stories leads, the
basil-stories articles and the first FNC-1 bodies) checked with plain `newscheck check` (the pipeline's
Checker) and added with `corpus add` (the same check, claims read from the same parse, stored in a
fresh SQLite file and grouped into stories), one process each, in the same run.

    python bench/corpus.py [--n 2000] [--db URL]

Prints articles/s for both, and the store + grouping time (measured around each article's
transaction) and the claims' time against the check's: the target is well under half of the check.
"""
from __future__ import annotations

import argparse
import csv
import os
import platform
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stories import EVAL, load  # noqa: E402

from newscheck.corpus import open_corpus  # noqa: E402
from newscheck.corpus import reading  # noqa: E402
from newscheck.corpus.reading import CorpusChecker  # noqa: E402
from newscheck.corpus.store import Corpus  # noqa: E402
from newscheck.kb import open_or_build  # noqa: E402
from newscheck.model import Article  # noqa: E402
from newscheck.pipeline import Checker  # noqa: E402


def articles(n: int) -> list[Article]:
    rows = load("allsides-stories") + load("basil-stories")
    with open(EVAL / "fnc1" / "competition_test_bodies.csv", encoding="utf-8") as file:
        bodies = list(csv.DictReader(file))
    out = [Article(id=r["id"], text=r["text"], title=r["title"], source=r["source"], url=r["url"],
                   published=date.fromisoformat(r["day"]), published_from="metadata") for r in rows]
    out += [Article(id=f"fnc{b['Body ID']}", text=b["articleBody"], published=date(2014, 9, 1),
                    published_from="metadata") for b in bodies]
    return out[:n]


def fresh(batch: list[Article]) -> list[Article]:
    return [Article(id=a.id, text=a.text, title=a.title, source=a.source, url=a.url, published=a.published,
                    published_from=a.published_from) for a in batch]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--db", help="store to use (default: a new SQLite file in a temporary folder)")
    parser.add_argument("--list", metavar="FILE", help="write the story_conflict findings of the run to FILE")
    args = parser.parse_args()
    if not EVAL.is_dir():
        print(f"no eval data at {EVAL}: nothing to measure", file=sys.stderr)
        return 2
    batch = articles(args.n)
    chars = sum(len(a.text) for a in batch)
    kb = open_or_build(log=lambda *_: None)
    print(f"{len(batch)} articles ({chars / len(batch):.0f} characters on average), one process,"
          f" {os.cpu_count()} cores, Python {platform.python_version()}")

    checker = Checker(kb)
    list(checker.check_many(fresh(batch[:20])))  # spaCy warmed up for both runs alike
    started = time.perf_counter()
    found = sum(len(r.findings) for r in checker.check_many(fresh(batch)))
    t_check = time.perf_counter() - started

    folder = tempfile.mkdtemp(prefix="newscheck-corpus-bench-")
    corpus = open_corpus(args.db or f"sqlite:///{folder}/corpus.sqlite", open_kb=lambda path: kb)
    corpus_checker = CorpusChecker(kb)
    stored = []
    store = Corpus._store

    def timed_store(self, report, checker_=None):
        t0 = time.perf_counter()
        try:
            return store(self, report, checker_)
        finally:
            stored.append(time.perf_counter() - t0)

    Corpus._store = timed_store
    claim_time = []

    def timed(func):
        def run(*a, **k):
            t0 = time.perf_counter()
            try:
                return func(*a, **k)
            finally:
                claim_time.append(time.perf_counter() - t0)
        return run
    # what the corpus' checker adds to the check: linking the people again and reading the claims
    plain_read, plain_link = reading.read_claims, reading.link_people
    reading.read_claims, reading.link_people = timed(plain_read), timed(plain_link)
    errors = []
    started = time.perf_counter()
    result = corpus.add(fresh(batch), checker=corpus_checker, on_error=lambda s, m: errors.append(m))
    t_add = time.perf_counter() - started
    Corpus._store = store
    reading.read_claims, reading.link_people = plain_read, plain_link
    t_store = sum(stored)
    t_claims = sum(claim_time)
    stories = corpus.stories(limit=1)["total"]
    sizes = Counter(s["n_articles"] for s in corpus.stories(limit=1000)["items"])

    print(f"plain check:            {t_check:7.1f} s  {len(batch) / t_check:6.1f} articles/s  ({found} findings)")
    print(f"corpus add (all of it): {t_add:7.1f} s  {len(batch) / t_add:6.1f} articles/s  (added {result['added']},"
          f" unchanged {result['unchanged']} (a text given twice), failed {result['failed']}; {stories} stories, {corpus.findings(code='story_conflict')['total']}"
          f" story_conflict findings)")
    print(f"  store + grouping:     {t_store:7.1f} s  {len(batch) / t_store:6.1f} articles/s"
          f"  = {100 * t_store / t_check:.1f}% of the check")
    print(f"  claims (people linked again, claims read): {t_claims:.1f} s = {100 * t_claims / t_check:.1f}% of the check")
    print(f"  store + grouping + claims = {100 * (t_store + t_claims) / t_check:.1f}% of the check (target: well under"
          f" 50%); add as a whole took {100 * (t_add - t_check) / t_check:+.1f}% over the plain check")
    print(f"  story sizes (first 1000 stories listed): {dict(sorted(sizes.items()))}")
    for line in errors[:5]:
        print(f"  error: {line}")
    if args.list:
        blocks = []
        for s in corpus.stories(with_conflicts=True, limit=1000)["items"]:
            story = corpus.story(s["id"])
            for c in story["conflicts"]:
                blocks.append(f"## story {s['id']} ({s['n_articles']} articles): {c['kind']}, {c['what']}")
                blocks.extend(f"- {x['published']} {x['source']} ({x['article']}): \"{x['text']}\"\n"
                              f"  > {' '.join(x['sentence'].split())}" for x in c["sides"])
                blocks.append("")
        Path(args.list).write_text("\n".join(blocks) + "\n", encoding="utf-8")
        print(f"  conflicts listed in {args.list}")
    corpus.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
