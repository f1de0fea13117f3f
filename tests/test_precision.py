"""Correct copy naming many officials at once draws no finding at all.

Each line of fixtures/officials_clean.jsonl lists a G20 government's (or NATO's, the EU's
and the UN's) officials in the forms wire copy uses, on a date when every title was right:
"Chancellor X, President Y, Foreign Minister Z", bare titles, titles after names. A
regression here is a false alarm a user would see."""
from pathlib import Path

import pytest

from newscheck.ingest import read_articles
from newscheck.model import Article

FIXTURE = Path(__file__).parent / "fixtures" / "officials_clean.jsonl"
ARTICLES = [a for a in read_articles([str(FIXTURE)]) if isinstance(a, Article)]


def test_fixture_reads_whole():
    assert len(ARTICLES) == len(FIXTURE.read_text().splitlines())


@pytest.mark.parametrize("article", ARTICLES, ids=[a.id for a in ARTICLES])
def test_no_finding_on_correct_officials(checker, article):
    report = checker.check(article)
    assert report.findings == [], [(f.code, f.span, f.message) for f in report.findings]
