"""Duration, ordinal-year and anniversary phrases, and the arithmetic that judges them."""
from datetime import date

import pytest

from newscheck.temporal import consistent, elapsed_years, expected_phrase, find_duration_claims, number_value

INVASION = date(2022, 2, 24)


def claim(text):
    (c,) = find_duration_claims(text)
    return c


@pytest.mark.parametrize("text,kind,years,span", [
    ("as the war enters its third year,", "ordinal_year", 3, "third year"),
    ("The war, now in its fourth year, has", "ordinal_year", 4, "fourth year"),
    ("entering its 12th year", "ordinal_year", 12, "12th year"),
    ("three and a half years after the invasion", "years_since", 3.5, "three and a half years"),
    ("NATO was founded 76 years ago", "years_ago", 76, "76 years ago"),
    ("marks its fifth anniversary", "anniversary", 5, "fifth anniversary"),
    ("the eightieth anniversary of the end of the war", "anniversary", 80, "eightieth anniversary"),
    ("more than three years since the invasion", "years_since", 3, "more than three years"),
    ("twenty-five years ago", "years_ago", 25, "twenty-five years ago"),
    ("the nearly four-year-old war", "age", 4, "nearly four-year-old"),
])
def test_phrases(text, kind, years, span):
    c = claim(text)
    assert (c.kind, c.years, text[c.start:c.end]) == (kind, years, span)


def test_no_claim_in_plain_text():
    assert find_duration_claims("The talks lasted three hours in 2025, a year of change.") == []


def test_number_words():
    assert number_value("twenty-one") == 21 and number_value("third") == 3 and number_value("80th") == 80


def test_elapsed_years_across_anniversary():
    assert elapsed_years(INVASION, date(2025, 2, 24)) == 3
    assert 3.7 < elapsed_years(INVASION, date(2025, 12, 4)) < 3.8
    assert elapsed_years(date(2020, 2, 29), date(2021, 2, 28)) == 1


@pytest.mark.parametrize("text,on,ok", [
    ("enters its third year", date(2025, 12, 4), False),
    ("enters its fourth year", date(2025, 12, 4), True),
    ("enters its fourth year", date(2025, 2, 20), True),  # written days before the anniversary
    ("enters its third year", date(2024, 2, 24), True),
    ("three and a half years after", date(2025, 8, 30), True),
    ("three and a half years after", date(2026, 6, 1), False),
    ("more than three years since", date(2025, 12, 4), True),
    ("nearly four years after", date(2025, 12, 4), True),
    ("nearly four years after", date(2024, 6, 1), False),
    ("its third anniversary", date(2025, 2, 24), True),
    ("its fifth anniversary", date(2025, 2, 24), False),
])
def test_consistency_with_the_invasion(text, on, ok):
    assert consistent(claim(text), elapsed_years(INVASION, on)) is ok


def test_expected_phrase():
    assert expected_phrase(claim("enters its third year"), elapsed_years(INVASION, date(2025, 12, 4))) == "its 4th year"
