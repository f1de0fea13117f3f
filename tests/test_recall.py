"""One-sentence wire leads, each with one stale or wrong title, across countries and offices.

The short companion of tests/articles: the title forms news uses most, each caught with the
right suggestion."""
from datetime import date

import pytest

from newscheck.model import Article

CASES = [
    # (published, text, code, span, suggestion)
    ("2025-03-01", "WASHINGTON, March 1 (Reuters) - Defense Secretary Lloyd Austin briefed lawmakers.",
     "office_holder", "Lloyd Austin", "Pete Hegseth"),
    ("2025-03-01", "WASHINGTON, March 1 (Reuters) - Secretary of State Antony Blinken briefed lawmakers.",
     "office_holder", "Antony Blinken", "Marco Rubio"),
    ("2025-03-01", "TEHRAN, March 1 (Reuters) - Iranian President Ebrahim Raisi said talks were pointless.",
     "office_holder", "Ebrahim Raisi", "Masoud Pezeshkian"),
    ("2025-03-01", "LONDON, March 1 (Reuters) - Rishi Sunak, Britain's prime minister, said the economy was recovering.",
     "office_holder", "Rishi Sunak", "Keir Starmer"),
    ("2025-03-01", "KYIV, March 1 (Reuters) - Ukraine's Foreign Minister Dmytro Kuleba said talks must include Europe.",
     "office_holder", "Dmytro Kuleba", "Andrii Sybiha"),
    ("2025-03-01", "MOSCOW, March 1 (Reuters) - Russian Defence Minister Sergei Shoigu visited troops in Kursk.",
     "office_holder", "Sergei Shoigu", "Andrei Belousov"),
    ("2025-03-01", "BRUSSELS, March 1 (Reuters) - NATO Secretary General Jens Stoltenberg urged allies to spend more.",
     "office_holder", "Jens Stoltenberg", "Mark Rutte"),
    ("2025-09-01", "KYIV, Sept 1 (Reuters) - Ukrainian Prime Minister Denys Shmyhal said the budget would rise.",
     "office_holder", "Denys Shmyhal", "Svyrydenko"),
    ("2025-03-01", "WASHINGTON, March 1 (Reuters) - White House press secretary Karine Jean-Pierre said the president would speak.",
     "office_holder", "Karine Jean-Pierre", "Karoline Leavitt"),
    ("2025-03-01", "WASHINGTON, March 1 (Reuters) - The war in Ukraine, now in its second year, has cost billions.",
     "date_arithmetic", "second year", "4th year"),
    ("2025-12-04", "KYIV, Dec 4 (Reuters) - Talks to end the two-year-old war in Ukraine stalled on Thursday.",
     "date_arithmetic", "two-year-old", "3-year-old"),
    ("2024-10-07", "JERUSALEM, Oct 7 (Reuters) - Israelis marked the second anniversary of the Hamas attack of October 7.",
     "date_arithmetic", "second anniversary", "1st anniversary"),
]


@pytest.mark.parametrize("published,text,code,span,suggestion", CASES, ids=[c[3] for c in CASES])
def test_caught(checker, published, text, code, span, suggestion):
    article = Article(id="lead", text=text, published=date.fromisoformat(published), published_from="metadata")
    findings = checker.check(article).findings
    assert [(f.code, span in f.span, suggestion in (f.suggestion or "")) for f in findings] == [(code, True, True)], \
        [(f.code, f.span, f.suggestion) for f in findings]
