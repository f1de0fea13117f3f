"""Heads of international financial and UN bodies and three central banks (issue 8): a title on
the body names its head, so the holder on the day passes and a predecessor months after leaving
is an office_holder finding naming the holder. Facts: src/newscheck/kb/curated/intl_bodies.yaml.
"""
from __future__ import annotations

from datetime import date

import pytest

from newscheck.model import Article


def _check(checker, text: str, on: date):
    return checker.check(Article(id="a", text=text, published=on, published_from="metadata")).findings


# (dateline and title, holder that day, predecessor named months after leaving)
CASES = [
    ("WASHINGTON (Reuters) - IMF Managing Director {}", date(2020, 4, 14), "Kristalina Georgieva", "Christine Lagarde"),
    ("WASHINGTON (Reuters) - IMF chief {}", date(2020, 4, 14), "Kristalina Georgieva", "Christine Lagarde"),
    ("WASHINGTON (Reuters) - The head of the IMF, {},", date(2020, 4, 14), "Kristalina Georgieva", "Christine Lagarde"),
    ("WASHINGTON (Reuters) - World Bank President {}", date(2024, 1, 9), "Ajay Banga", "David Malpass"),
    ("FRANKFURT (Reuters) - ECB President {}", date(2020, 6, 4), "Christine Lagarde", "Mario Draghi"),
    ("GENEVA (Reuters) - WHO Director-General {}", date(2018, 2, 5), "Tedros Adhanom Ghebreyesus", "Margaret Chan"),
    ("WASHINGTON (Reuters) - Fed Chair {}", date(2019, 3, 20), "Jerome Powell", "Janet Yellen"),
    ("WASHINGTON (Reuters) - Federal Reserve Chair {}", date(2019, 3, 20), "Jerome Powell", "Janet Yellen"),
    ("LONDON (Reuters) - Bank of England Governor {}", date(2021, 5, 6), "Andrew Bailey", "Mark Carney"),
]


@pytest.mark.parametrize("lead,on,holder,predecessor", CASES, ids=[c[0].split(" - ")[1] for c in CASES])
def test_the_holder_passes_and_a_predecessor_is_named_the_holder(checker, lead, on, holder, predecessor):
    tail = " said on Tuesday that the outlook had worsened."
    assert [f for f in _check(checker, lead.format(holder) + tail, on) if f.severity == "error"] == []
    findings = [f for f in _check(checker, lead.format(predecessor) + tail, on) if f.code == "office_holder"]
    assert [(f.severity, f.suggestion) for f in findings] == [("error", holder)]


def test_a_fed_governor_is_a_board_member_not_the_chair(checker):
    text = "WASHINGTON (Reuters) - Fed Governor Lisa Cook said on Wednesday that rates would hold."
    assert [f for f in _check(checker, text, date(2024, 3, 20)) if f.severity == "error"] == []


def test_a_company_managing_director_is_no_office(checker):
    text = "LONDON (Reuters) - Goldman Sachs managing director John Smith said on Monday that deals had slowed."
    assert [f for f in _check(checker, text, date(2024, 3, 4)) if f.severity == "error"] == []
