"""Articles per second: the full check next to spaCy's own nlp.pipe, same texts, same run.

Usage: python bench/throughput.py [--articles 200] [--kb PATH]
The texts are news-length articles assembled from the bundled examples and the test
articles (about 400-700 words each), so the figures do not depend on ../shared.
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import time
from datetime import date
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]


def news_texts(n: int) -> list[str]:
    paragraphs = []
    for path in sorted((REPO / "tests" / "articles").glob("*.yaml")):
        paragraphs.extend(p for p in yaml.safe_load(path.read_text())["text"].split("\n") if p.strip())
    for path in sorted((REPO / "examples").glob("*.txt")):
        paragraphs.extend(p for p in path.read_text().split("\n") if p.strip())
    rng = random.Random(7)
    texts = []
    for _ in range(n):
        body, words = [], 0
        while words < rng.randint(400, 700):
            p = rng.choice(paragraphs)
            body.append(p)
            words += len(p.split())
        texts.append("\n".join(body))
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--kb", default=None)
    args = parser.parse_args()

    from newscheck.kb import open_or_build
    from newscheck.model import Article
    from newscheck.pipeline import Checker, Options, load_pipeline

    texts = news_texts(args.articles)
    words = sum(len(t.split()) for t in texts)
    kb = open_or_build(args.kb)
    options = Options(date=date(2025, 12, 4))
    checker = Checker(kb, options)
    nlp = load_pipeline(options.model)
    list(nlp.pipe(texts[:8]))  # warm up both
    list(checker.check_many([Article(id="w", text=t, published=date(2025, 12, 4)) for t in texts[:8]]))

    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=options.batch_size):
        pass
    spacy_s = time.perf_counter() - t0

    articles = [Article(id=str(i), text=t, published=date(2025, 12, 4), published_from="option")
                for i, t in enumerate(texts)]
    t0 = time.perf_counter()
    findings = sum(len(r.findings) for r in checker.check_many(articles))
    full_s = time.perf_counter() - t0

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"model: {options.model}; articles: {len(texts)}, {words} words ({words // len(texts)} per article)")
    print(f"spaCy nlp.pipe       : {len(texts) / spacy_s:7.1f} articles/s ({spacy_s:.2f} s)")
    print(f"newscheck full check : {len(texts) / full_s:7.1f} articles/s ({full_s:.2f} s, {findings} findings)")
    ratio = spacy_s / full_s
    print(f"full check / spaCy   : {ratio:.2f} (the target is at least 0.80)")
    return 0 if ratio >= 0.8 else 1


if __name__ == "__main__":
    sys.exit(main())
