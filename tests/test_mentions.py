"""Reading people and the offices the text gives them, on parsed sentences.

The gazetteer is a small hand-made stand-in for the knowledge base, so these tests
pin the reader's behaviour and not the KB's contents.
"""
from types import SimpleNamespace as Org

import pytest

from newscheck.mentions import MentionReader, mentioned_years
from newscheck.pipeline import load_pipeline

COUNTRIES = {"russian": "RU", "russia": "RU", "u.s.": "US", "ukraine": "UA", "ukrainian": "UA",
             "german": "DE", "french": "FR", "france": "FR", "japanese": "JP", "india": "IN", "indian": "IN"}
ORGS = {
    "white house": Org(key="US.WH", jurisdiction="US", head_roles=("president",), member_role="press_secretary"),
    "kremlin": Org(key="RU.Kremlin", jurisdiction="RU", head_roles=("president",), member_role="press_secretary"),
    "nato": Org(key="NATO", jurisdiction="NATO", head_roles=("secretary_general",), member_role=None),
    "national security and defense council": Org(
        key="UA.NSDC", jurisdiction="UA", head_roles=("security_council_secretary", "president"), member_role=None),
}


class Gazetteer:
    def country(self, word):
        w = word.lower().replace("’s", "").replace("'s", "").strip()
        return COUNTRIES.get(w)

    def org(self, name):
        return ORGS.get(name.lower().removeprefix("the ").replace("’s", "").strip())


@pytest.fixture(scope="module")
def read():
    nlp = load_pipeline()
    reader = MentionReader(Gazetteer())

    def people(text):
        return {c.name: c for c in reader.read(nlp(text))}
    return people


def titles(cluster):
    return [(t.jurisdiction, t.roles, tuple(sorted(t.modifiers))) for m in cluster.mentions for t in m.titles]


@pytest.mark.parametrize("text,name,expected", [
    ("Russian President Vladimir Putin spoke on Monday.", "Vladimir Putin", [("RU", ("president",), ())]),
    ("Ukraine's Foreign Minister Andrii Sybiha arrived.", "Andrii Sybiha", [("UA", ("foreign_minister",), ())]),
    ("He met Putin, Russia's president, in Moscow.", "Putin", [("RU", ("president",), ())]),
    ("Rustem Umerov, the head of Ukraine's National Security and Defense Council, spoke.", "Rustem Umerov",
     [("UA", ("security_council_secretary", "president"), ())]),
    ("White House special envoy Steve Witkoff flew in.", "Steve Witkoff", [("US", ("special_envoy",), ())]),
    ("Kremlin spokesman Dmitry Peskov said no.", "Dmitry Peskov", [("RU", ("spokesperson", "press_secretary"), ())]),
    ("NATO chief Mark Rutte said so.", "Mark Rutte", [("NATO", ("secretary_general",), ())]),
    ("Former German Chancellor Angela Merkel wrote.", "Angela Merkel", [("DE", ("chancellor",), ("former",))]),
    ("Then-Japanese Prime Minister Fumio Kishida said.", "Fumio Kishida", [("JP", ("prime_minister",), ("then",))]),
    ("French President-elect Jean Dupont spoke.", "Jean Dupont", [("FR", ("president",), ("elect",))]),
    ("Russia's foreign minister, Sergei Lavrov, said.", "Sergei Lavrov", [("RU", ("foreign_minister",), ())]),
])
def test_titles(read, text, name, expected):
    people = read(text)
    assert name in people, people.keys()
    assert titles(people[name]) == expected


def test_deputy_is_not_the_minister(read):
    people = read("Russian Deputy Foreign Minister Sergei Ryabkov said the talks failed.")
    claims = [t for m in people["Sergei Ryabkov"].mentions for t in m.titles]
    assert all(not t.plain for t in claims)


def test_a_list_of_names_is_not_an_apposition(read):
    people = read("The talks brought together Trump, Kushner and Witkoff in Florida.")
    assert all(not titles(c) for c in people.values())


def test_surname_mentions_join_the_full_name(read):
    people = read("Rustem Furman, the head of Ukraine's National Security and Defense Council, spoke. "
                  "Furman said the talks would go on. Later Furman left.")
    assert [m.text for m in people["Rustem Furman"].mentions] == ["Rustem Furman", "Furman", "Furman"]


def test_title_of_one_name_does_not_leak_to_the_next(read):
    people = read("President Donald Trump and Russian President Vladimir Putin met.")
    assert titles(people["Vladimir Putin"]) == [("RU", ("president",), ())]
    assert titles(people["Donald Trump"]) == [(None, ("president",), ())]


def test_name_particles(read):
    people = read("European Commission President Ursula von der Leyen said.")
    assert "Ursula von der Leyen" in people


def test_offsets_point_at_the_name(read):
    text = "Indian Prime Minister Narendra Modi visited."
    (m,) = read(text)["Narendra Modi"].mentions
    assert text[m.start:m.end] == "Narendra Modi"
    (t,) = m.titles
    assert text[t.start:t.end] == "Indian Prime Minister"


def test_mentioned_years():
    assert mentioned_years("In 2019, President Petro Poroshenko lost.") == [2019]
    assert mentioned_years("He has 300 staff.") == []


def test_names_inside_a_quotation_are_marked(read):
    text = '"When I spoke with President Joe Biden, he agreed," Zelenskiy said. President Donald Trump disagreed.'
    people = read(text)
    assert people["Joe Biden"].first.quoted
    assert not people["Donald Trump"].first.quoted
