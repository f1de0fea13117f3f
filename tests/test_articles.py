"""Golden articles: hand-written wire copy with known errors (or none), checked end to end.

Each `tests/articles/<id>.yaml` holds one article, its publication date and the findings it
must produce (see tests/articles/README.md). Precision counts as much as recall: an article
must yield every expected finding and no other finding of severity "error". The `kb` and
`checker` fixtures come from tests/conftest.py; the suite-shape tests need neither.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
import yaml

from newscheck.model import Article

TESTS_DIR = Path(__file__).resolve().parent
ARTICLES_DIR = TESTS_DIR / "articles"
SEEDS_DIR = TESTS_DIR.parent.parent / "shared" / "seeds"  # ../shared/seeds from the repo root

CODES = ("office_holder", "name_spelling", "date_arithmetic", "internal_inconsistency")
# The minimum number of articles expecting each code, and the share of clean articles.
MIN_PER_CODE = {"office_holder": 6, "name_spelling": 6, "date_arithmetic": 6, "internal_inconsistency": 3}
MIN_ARTICLES = 36
MIN_CLEAN_SHARE = 1 / 3
# Article ids start with the country (ISO 3166-1 alpha-2, lower case) or organisation.
CORE_JURISDICTIONS = {"ua", "ru", "us"}
MIN_OTHER_JURISDICTIONS = 12


def _load(path: Path) -> dict:
    with path.open(encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    doc["_path"] = path
    return doc


ARTICLE_FILES = sorted(ARTICLES_DIR.glob("*.yaml"))
ARTICLES = [_load(p) for p in ARTICLE_FILES]


def _fold(text: str) -> str:
    """Case, accents and runs of whitespace do not matter when comparing spans."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def _spans_match(expected: str, found: str) -> bool:
    """An expected span matches a found one when either contains the other."""
    e, f = _fold(expected), _fold(found)
    return bool(e) and bool(f) and (e in f or f in e)


def _published(doc: dict) -> dt.date:
    value = doc["published"]
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _article(doc: dict) -> Article:
    return Article(id=doc["id"], text=doc["text"], published=_published(doc), published_from="metadata")


def _findings(result) -> list:
    """`Checker.check` returns an ArticleReport; accept a bare list of findings too."""
    return list(result.findings) if hasattr(result, "findings") else list(result)


def _describe(findings) -> str:
    if not findings:
        return "  (no findings)"
    return "\n".join(
        f"  {f.severity} {f.code} {f.span!r} [{f.start}:{f.end}] -> {f.suggestion!r}: {f.message}"
        for f in findings
    )


def _matches(expected: dict, finding) -> bool:
    if finding.code != expected["code"] or not _spans_match(expected["span"], finding.span):
        return False
    wanted = expected.get("suggestion")
    return not wanted or _fold(wanted) in _fold(finding.suggestion or "")


def _assert_spans_are_text(text: str, findings) -> None:
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text), f"offsets out of range: {f}"
        assert text[f.start:f.end] == f.span, (
            f"{f.code}: span {f.span!r} is not text[{f.start}:{f.end}] = {text[f.start:f.end]!r}")


def _assert_expected_found(expect: list[dict], findings) -> None:
    for e in expect:
        assert any(_matches(e, f) for f in findings), (
            f"missing {e['code']} on {e['span']!r}"
            + (f" suggesting {e['suggestion']!r}" if e.get("suggestion") else "")
            + f"\nfound:\n{_describe(findings)}")


# ----------------------------------------------------------------------------- the suite itself


@pytest.mark.parametrize("doc", ARTICLES, ids=[d["_path"].stem for d in ARTICLES])
def test_article_file_is_well_formed(doc):
    path = doc["_path"]
    assert set(doc) - {"_path"} <= {"id", "published", "note", "text", "expect", "known_miss"}, \
        f"unknown keys in {path.name}"
    assert doc.get("known_miss") is None or isinstance(doc["known_miss"], str) and doc["known_miss"].strip()
    assert doc["id"] == path.stem, "the file name must be the article id"
    assert isinstance(doc.get("note"), str) and doc["note"].strip(), "say why the article is here"
    published = _published(doc)
    assert dt.date(2016, 1, 1) <= published <= dt.date(2026, 12, 31)
    text = doc["text"]
    assert isinstance(text, str)
    assert 80 <= len(text.split()) <= 250, f"{len(text.split())} words: keep articles to 80-250"
    expect = doc.get("expect") or []
    assert len(expect) <= 2, "an erroneous article holds one or two errors"
    for e in expect:
        assert set(e) <= {"code", "span", "suggestion"}, e
        assert e["code"] in CODES, e
        assert isinstance(e["span"], str) and e["span"] in text, f"span {e['span']!r} is not in the text"
        assert e.get("suggestion") is None or isinstance(e["suggestion"], str)


def test_suite_is_balanced():
    assert len(ARTICLES) >= MIN_ARTICLES, f"only {len(ARTICLES)} articles"
    assert len({d["id"] for d in ARTICLES}) == len(ARTICLES), "duplicate ids"
    clean = [d for d in ARTICLES if not d.get("expect")]
    assert len(clean) >= MIN_CLEAN_SHARE * len(ARTICLES), (
        f"{len(clean)} clean of {len(ARTICLES)}: at least a third must have no error")
    per_code = Counter(e["code"] for d in ARTICLES for e in (d.get("expect") or []))
    for code, minimum in MIN_PER_CODE.items():
        assert per_code[code] >= minimum, f"{code}: {per_code[code]} expected findings, want >= {minimum}"
    jurisdictions = {d["id"].split("-", 1)[0] for d in ARTICLES} - CORE_JURISDICTIONS
    assert len(jurisdictions) >= MIN_OTHER_JURISDICTIONS, sorted(jurisdictions)
    years = {_published(d).year for d in ARTICLES}
    assert len(years) >= 5, sorted(years)


# ----------------------------------------------------------------------------- the checker


def _marks(doc):
    # a miss we know and have chosen to live with, said in the file: the test must keep failing
    # (strict), so the day the checker catches it the mark has to go
    return [pytest.mark.xfail(strict=True, reason=doc["known_miss"])] if doc.get("known_miss") else []


@pytest.mark.parametrize("doc", [pytest.param(d, marks=_marks(d)) for d in ARTICLES],
                         ids=[d["_path"].stem for d in ARTICLES])
def test_article(doc, checker):
    article = _article(doc)
    findings = _findings(checker.check(article))
    expect = doc.get("expect") or []

    _assert_spans_are_text(article.text, findings)
    _assert_expected_found(expect, findings)
    unexpected = [
        f for f in findings
        if f.severity == "error"
        and not any(f.code == e["code"] and _spans_match(e["span"], f.span) for e in expect)
    ]
    assert not unexpected, (
        f"{len(unexpected)} unexpected error finding(s) in {doc['id']} ({doc['note']}):\n{_describe(unexpected)}")


# ----------------------------------------------------------------------------- the two seeds

SEED_PUBLISHED = dt.date(2025, 12, 4)
# Real text the seeds share with correct usage: none of it may carry an error finding.
SEED_NOT_ERRORS = ("Jared Kushner", "Donald Trump", "President Putin", "Steve Witkoff", "Kiev", "State Duma")
SEEDS = {
    "000_690781c8ea7129c4.txt": [
        {"code": "name_spelling", "span": "Wittkowff", "suggestion": "Steve Witkoff"},
        {"code": "office_holder", "span": "Rustem Furman", "suggestion": "Rustem Umerov"},
        {"code": "date_arithmetic", "span": "third year"},
    ],
    "004_3997966a6586e5ec.txt": [
        {"code": "office_holder", "span": "Vladimir Zelenskiy", "suggestion": "Vladimir Putin"},
    ],
}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_golden(name, checker):
    path = SEEDS_DIR / name
    if not path.is_file():
        pytest.skip(f"seed {path} is absent (the shared data lives in ../shared/seeds next to the repo)")
    text = path.read_text(encoding="utf-8")
    article = Article(id=path.stem, text=text, published=SEED_PUBLISHED, published_from="metadata", path=str(path))
    findings = _findings(checker.check(article))

    _assert_spans_are_text(text, findings)
    _assert_expected_found(SEEDS[name], findings)
    errors = [f for f in findings if f.severity == "error"]
    for phrase in SEED_NOT_ERRORS:
        start = text.find(phrase)
        while start != -1:
            end = start + len(phrase)
            hits = [f for f in errors if f.start < end and start < f.end]
            assert not hits, f"error finding on correct {phrase!r} at {start}:\n{_describe(hits)}"
            start = text.find(phrase, end)
