"""Real news as it arrives: a yearless dateline, no date at all, an article newer than the
knowledge base. Each rule on a real-looking article, through the whole pipeline; the seed
articles are checked as a new user runs them, with no flags.

The facts used are in the KB's sources (IfG for UK ministers, congress-legislators and the
curated core for the US and Ukraine, the Factbook timeline for heads of government).
"""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from newscheck.model import Article
from newscheck.pipeline import Checker, Options
from newscheck.timeframe import day_months, sample_days

SEEDS_DIR = Path(__file__).resolve().parents[2] / "shared" / "seeds"
TODAY = date(2026, 12, 7)

# Rishi Sunak was Prime Minister 2022-10-25 .. 2024-07-05; David Cameron Foreign Secretary
# 2023-11-13 .. 2024-07-05 (IfG): only March 4 of 2024 fits both.
LONDON = """LONDON, March 4 (Reuters) - Prime Minister Rishi Sunak and Foreign Secretary David Cameron \
met Gulf envoys in Downing Street on Monday to press for a pause in the fighting in Gaza.

Sunak told reporters the government wanted more aid trucks to cross into the enclave. Cameron said \
Britain would keep working with partners in the region."""

UNDATED = """Prime Minister Rishi Sunak and Foreign Secretary David Cameron met Gulf envoys in Downing \
Street to press for a pause in the fighting in Gaza.

Chancellor Kwasi Kwarteng said the Treasury would find the money for more aid. Cameron said Britain \
would keep working with partners in the region."""


def _checker(kb, **options) -> Checker:
    return Checker(kb, Options(today=TODAY, **options))


def _errors(report) -> list:
    return [f for f in report.findings if f.severity == "error"]


def test_yearless_dateline_gets_the_year_its_office_holders_fit(kb):
    report = _checker(kb).check(Article(id="london", text=LONDON))
    article = report.article
    assert (article.published, article.published_from) == (date(2024, 3, 4), "dateline+inferred year")
    assert "Rishi Sunak" in article.date_basis and "David Cameron" in article.date_basis
    assert _errors(report) == []


def test_date_option_gives_a_yearless_dateline_its_year(kb):
    report = _checker(kb, date=date(2024, 3, 5)).check(Article(id="london", text=LONDON))
    assert (report.article.published, report.article.published_from) == (date(2024, 3, 4), "dateline+option year")


def test_undated_article_dates_itself_and_a_claim_that_fits_no_day_of_it_is_an_error(kb):
    report = _checker(kb).check(Article(id="undated", text=UNDATED))
    article = report.article
    assert article.published_from == "inferred window" and article.published is None
    first, last = article.published_window
    assert first == date(2023, 11, 13) and last <= date(2024, 7, 5)
    [finding] = _errors(report)
    assert finding.code == "office_holder" and "Kwasi Kwarteng" in finding.span
    assert "every day from 2023-11-13" in finding.message
    assert report.to_dict()["published_window"] == {"from": "2023-11-13", "to": last.isoformat()}


def test_article_newer_than_the_kb_presumes_the_holders_and_says_so(kb):
    later = date.fromisoformat(kb.as_of) + timedelta(days=200)
    text = "KYIV (Reuters) - Russian President Vladimir Zelenskiy said on Tuesday that talks would go on."
    report = _checker(kb).check(Article(id="new", text=text, published=later, published_from="metadata"))
    [finding] = report.findings
    assert finding.code == "office_holder" and finding.suggestion == "Vladimir Putin"
    assert "the latest the knowledge base knows" in finding.message
    assert 0.6 <= finding.confidence < 0.9  # less sure than inside the KB's dates
    assert any("days older than this article" in note for note in report.notes)
    much_later = Article(id="new", text=text, published=later + timedelta(days=250), published_from="metadata")
    [weaker] = _checker(kb).check(much_later).findings
    assert weaker.confidence < finding.confidence and weaker.severity == "warning"


def test_a_holder_who_left_days_before_is_a_warning_not_silence(kb):
    # James Cleverly was Foreign Secretary until 2023-11-13 (IfG)
    text = ("LONDON (Reuters) - Foreign Secretary James Cleverly said on Thursday that Britain would "
            "send more aid to Gaza.")
    days_later = _checker(kb).check(Article(id="a", text=text, published=date(2023, 11, 20), published_from="metadata"))
    [finding] = days_later.findings
    assert finding.severity == "warning" and "2023-11-1" in finding.message and "David Cameron" in finding.suggestion
    months_later = _checker(kb).check(Article(id="a", text=text, published=date(2024, 3, 20), published_from="metadata"))
    assert [f.severity for f in months_later.findings] == ["error"]


def test_a_former_us_president_keeps_the_title_as_an_honorific(kb):
    text = ("WASHINGTON (AP) - Collins said the judge had criticised the health law passed under "
            "President Barack Obama. The funeral of President Jimmy Carter drew five presidents.")
    report = _checker(kb).check(Article(id="a", text=text, published=date(2025, 1, 9), published_from="metadata"))
    assert _errors(report) == []


def test_day_months_and_samples():
    assert day_months("talks scheduled for December 5, and again on 24th of February 2025") == [
        ("December 5", 12, 5)]
    days = sample_days([(date(2025, 1, 1), date(2025, 12, 31))])
    assert days[0] == date(2025, 1, 1) and days[-1] == date(2025, 12, 31) and len(days) <= 26


SEED_FINDINGS = {
    "000_690781c8ea7129c4.txt": {("name_spelling", "Steve Wittkowff"), ("date_arithmetic", "third year"),
                                 ("office_holder", "Rustem Furman")},
    "004_3997966a6586e5ec.txt": {("office_holder", "Russian President Vladimir Zelenskiy")},
}


@pytest.mark.parametrize("option", [None, date(2025, 12, 4)])
def test_seeds_as_a_new_user_checks_them(kb, option):
    """`newscheck check ../shared/seeds/` with no flags, and with --date 2025-12-04: the four
    seed errors and nothing else, whatever the date the articles give or lack."""
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"the seed articles are not at {SEEDS_DIR} (../shared/seeds beside the repo)")
    checker = _checker(kb, date=option)
    for name, expected in SEED_FINDINGS.items():
        text = (SEEDS_DIR / name).read_text(encoding="utf-8")
        report = checker.check(Article(id=name, text=text))
        found = {(f.code, f.span) for f in report.findings}
        assert len(found) == len(expected) == len(report.findings), report.findings
        assert all(any(code == c and span in s for c, s in found) for code, span in expected), found
        assert all(f.severity == "error" for f in report.findings)


def test_the_leads_weekday_picks_the_year_among_equal_fits(kb):
    # William Ruto has been President of Kenya since 2022-09-13: 2023..2026 all fit him, but
    # June 25 was a Tuesday only in 2024
    text = ("NAIROBI, June 25 (Reuters) - Kenyan President William Ruto said on Tuesday he would not sign "
            "the finance bill after protesters stormed parliament.")
    article = _checker(kb).check(Article(id="ke", text=text)).article
    assert (article.published, article.published_from) == (date(2024, 6, 25), "dateline+inferred year")
    assert "Tuesday 2024-06-25" in article.date_basis
