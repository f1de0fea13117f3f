"""Export the corpus: schema.org ClaimReview JSON-LD (one per error finding, as fact-checkers publish to
search engines and the Google Fact Check Tools) and JSON Lines (one article a line, its findings in
the check's JSON schema). Reads through `Corpus`; writing files is left to the CLI.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from ..checks import CODES
from .conflicts import CODES as CONFLICT_CODES

_URL = re.compile(r"https?://[^\s\"'<>)\]]+")
# the rating a finding gets: ClaimReview's 1 (false) to 5 (true) scale, the worst for a stated error
RATING = {"error": (1, "False"), "warning": (2, "Misleading")}


def jsonl_records(corpus) -> Iterator[dict]:
    yield from corpus.export_articles()


def claim_reviews(corpus, *, author: str = "newscheck", today: date | None = None) -> Iterator[dict]:
    """A ClaimReview for each finding of severity `error`, its evidence's URL where the KB gives one."""
    urls = _source_urls(corpus.kb_sources())
    reviewed = (today or date.today()).isoformat()
    for record in corpus.export_articles():
        for f in record["findings"]:
            if f["severity"] != "error":
                continue
            value, words = RATING[f["severity"]]
            evidence_url = _evidence_url(f, urls)
            what = {**CODES, **CONFLICT_CODES}.get(f["code"], ("",))[0]
            review = {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "datePublished": reviewed,
                "url": evidence_url,
                "claimReviewed": f["span"],
                "author": {"@type": "Organization", "name": author},
                "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": 5, "worstRating": 1,
                                 "alternateName": words},
                "reviewBody": f["message"] + (f" Suggested: {f['suggestion']}." if f.get("suggestion") else ""),
                "itemReviewed": {
                    "@type": "Claim",
                    "datePublished": record["published"],
                    "appearance": {"@type": "CreativeWork", "headline": record["title"] or record["id"],
                                   "url": record["url"], "datePublished": record["published"],
                                   **({"publisher": {"@type": "Organization", "name": record["source"]}}
                                      if record["source"] else {})},
                },
                "citation": [{"@type": "CreativeWork", "text": e["text"], "name": e["source"],
                              **({"url": u} if (u := _one_url(e, urls)) else {})} for e in f["evidence"]],
                "keywords": f"newscheck:{f['code']}" + (f", {what}" if what else ""),
            }
            yield {k: v for k, v in review.items() if v is not None}


def _source_urls(sources: list[dict]) -> dict[str, str]:
    """KB source id and name -> its URL."""
    urls = {}
    for s in sources:
        if s.get("url"):
            urls[s["id"]] = s["url"]
            if s.get("name"):
                urls[s["name"]] = s["url"]
    return urls


def _one_url(evidence: dict, urls: dict[str, str]) -> str | None:
    found = _URL.search(evidence["source"]) or _URL.search(evidence["text"])
    if found:
        return found.group(0).rstrip(".,;")
    source = evidence["source"]
    return urls.get(source) or next((u for name, u in urls.items() if source.startswith(name)), None)


def _evidence_url(finding: dict, urls: dict[str, str]) -> str | None:
    return next((u for e in finding["evidence"] if (u := _one_url(e, urls))), None)
