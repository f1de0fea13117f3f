from datetime import date

import pytest

from newscheck.dates import Dateline, PublicationDate, find_dateline, parse_loose_date, resolve_publication_date
from newscheck.model import Article


@pytest.mark.parametrize(
    "text, city, month, day, year, agency",
    [
        ("WASHINGTON, December 4. The United States has indicated", "WASHINGTON", 12, 4, None, None),
        ("KYIV, Oct 12 (Reuters) - Ukraine's president said", "KYIV", 10, 12, None, "Reuters"),
        ("MOSCOW, Dec. 4, 2025 /TASS/. The Kremlin said", "MOSCOW", 12, 4, 2025, "TASS"),
        ("LONDON (AP) — Britain's prime minister said", "LONDON", None, None, None, "AP"),
        ("Kyiv, 4 December 2025 — Ukraine's foreign minister", "Kyiv", 12, 4, 2025, None),
        ("BEIJING, March 3 (Xinhua) -- Chinese Premier Li Qiang", "BEIJING", 3, 3, None, "Xinhua"),
        ("ST. PETERSBURG, Russia, June 1 - Officials said", "ST. PETERSBURG", 6, 1, None, None),
        ("NEW YORK — The United Nations General Assembly", "NEW YORK", None, None, None, None),
        ("Paris (AFP) - French President Emmanuel Macron", "Paris", None, None, None, "AFP"),
        ("KYIV, Sept. 30 (Reuters) - The foreign minister", "KYIV", 9, 30, None, "Reuters"),
    ],
)
def test_dateline_forms(text, city, month, day, year, agency):
    dateline = find_dateline(text)
    assert dateline is not None
    assert (dateline.city, dateline.month, dateline.day, dateline.year, dateline.agency) == (
        city, month, day, year, agency,
    )
    assert dateline.start == 0
    assert text[dateline.end - 1] in ".-—:"


def test_dateline_offsets_after_a_headline_line():
    text = "Envoy meets Zelensky\n\nKYIV, Dec 4 (Reuters) - U.S. envoy Steve Witkoff met"
    dateline = find_dateline(text)
    assert text[dateline.start:dateline.end] == "KYIV, Dec 4 (Reuters) -"


@pytest.mark.parametrize(
    "text",
    [
        "The war in Ukraine - now in its fourth year - has reached a pivotal moment.",
        "Zelensky: we are ready to work on the framework.",
        "Trump. The president said on Thursday",
        "",
    ],
)
def test_no_dateline_in_ordinary_openings(text):
    assert find_dateline(text) is None


def test_dateline_must_be_near_the_start():
    text = ("The war in Ukraine has reached a pivotal moment. " * 6) + "\nKYIV, Dec 4 (Reuters) - x"
    assert find_dateline(text) is None


def test_february_30_keeps_the_city_but_no_date():
    dateline = find_dateline("WASHINGTON, February 30. Officials said")
    assert dateline.city == "WASHINGTON"
    assert dateline.on_or_before(date(2025, 12, 4)) is None


def test_year_inferred_as_most_recent_date_not_after_today():
    dateline = find_dateline("WASHINGTON, December 4. The United States")
    assert dateline.on_or_before(date(2025, 12, 10)) == date(2025, 12, 4)
    assert dateline.on_or_before(date(2025, 12, 4)) == date(2025, 12, 4)
    assert dateline.on_or_before(date(2025, 12, 3)) == date(2024, 12, 4)


def test_december_30_dateline_read_on_january_2_is_last_year():
    dateline = find_dateline("KYIV, Dec 30 (Reuters) - The president said")
    assert dateline.on_or_before(date(2026, 1, 2)) == date(2025, 12, 30)


def test_february_29_without_year_goes_back_to_a_leap_year():
    dateline = Dateline(city="KYIV", start=0, end=5, month=2, day=29)
    assert dateline.on_or_before(date(2026, 3, 1)) == date(2024, 2, 29)


def test_explicit_year_is_kept():
    dateline = find_dateline("MOSCOW, Dec. 4, 2023 /TASS/. The Kremlin said")
    assert dateline.on_or_before(date(2025, 1, 1)) == date(2023, 12, 4)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2025-12-04T10:00:00Z", date(2025, 12, 4)),
        ("2025-12-04T23:30:00-05:00", date(2025, 12, 4)),  # the publisher's own calendar day
        ("2025-12-04", date(2025, 12, 4)),
        ("Thu, 04 Dec 2025 10:00:00 GMT", date(2025, 12, 4)),
        ("Wed, 03 Dec 2025 16:30:00 +0300", date(2025, 12, 3)),
        ("December 4, 2025", date(2025, 12, 4)),
        ("4 December 2025", date(2025, 12, 4)),
        ("2025-02-30", None),
        ("last Thursday", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_loose_date(value, expected):
    assert parse_loose_date(value) == expected


TODAY = date(2026, 1, 2)


def test_metadata_date_wins_over_dateline_and_option():
    article = Article(id="a", text="KYIV, Dec 30 (Reuters) - x", published=date(2025, 12, 31),
                      published_from="html")
    assert resolve_publication_date(article, option=date(2025, 1, 1), today=TODAY) == PublicationDate(
        date(2025, 12, 31), "html")


def test_dateline_with_its_year_wins_over_option():
    article = Article(id="a", text="KYIV, Dec 30, 2025 (Reuters) - The president said")
    assert resolve_publication_date(article, option=date(2025, 1, 1), today=TODAY) == PublicationDate(
        date(2025, 12, 30), "dateline")


def test_option_gives_a_yearless_dateline_its_year():
    article = Article(id="a", text="WASHINGTON, December 4. The president said")
    assert resolve_publication_date(article, option=date(2025, 12, 4), today=TODAY) == PublicationDate(
        date(2025, 12, 4), "dateline+option year")
    # the dateline's day nearest the option: December 30 near 2025-01-01 is in 2024
    article = Article(id="a", text="KYIV, Dec 30 (Reuters) - The president said")
    assert resolve_publication_date(article, option=date(2025, 1, 1), today=TODAY).on == date(2024, 12, 30)


def test_yearless_dateline_without_option_is_left_to_the_inference():
    article = Article(id="a", text="WASHINGTON, December 4. The president said")
    found = resolve_publication_date(article, option=None, today=TODAY)
    assert (found.on, found.source, found.dateline.month, found.dateline.day) == (None, "dateline", 12, 4)


def test_option_used_when_the_article_has_no_date():
    article = Article(id="a", text="LONDON (AP) — Britain said")
    assert resolve_publication_date(article, option=date(2025, 6, 1), today=TODAY) == PublicationDate(
        date(2025, 6, 1), "option")


def test_no_date_at_all_is_left_to_the_inference():
    article = Article(id="a", text="The war in Ukraine has reached a pivotal moment.")
    assert resolve_publication_date(article, option=None, today=TODAY) == PublicationDate(None, "assumed")
