"""The curated events (src/newscheck/kb/curated/events.yaml): sources, ids, aliases, spot dates.

Reads the one YAML file through the curated loader; builds no KB.
"""
from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import pytest

from newscheck.checks.dates import EventIndex
from newscheck.kb import curated
from newscheck.kb.records import EventRec

EVENTS_FILE = curated.CURATED_DIR / "events.yaml"

# "The war in Ukraine" may date from 2014 or from 2022 (see the file's header): these two
# events share their aliases and their context on purpose.
SHARED_ON_PURPOSE = {frozenset({"ru-full-scale-invasion-ua", "ru-ua-war-since-2014"})}

# Dates checked against the page each event cites.
SPOT_DATES = {
    "turkey-syria-earthquake-2023": ("2023-02-06", "2023-02-06"),
    "myanmar-coup-2021": ("2021-02-01", "2021-02-01"),
    "niger-coup-2023": ("2023-07-26", "2023-07-26"),
    "sudan-war-2023": ("2023-04-15", None),
    "finland-nato-accession-2023": ("2023-04-04", "2023-04-04"),
    "sweden-nato-accession-2024": ("2024-03-07", "2024-03-07"),
    "ua-martial-law-2022": ("2022-02-24", None),
    "kr-martial-law-2024": ("2024-12-03", "2024-12-04"),
    "hong-kong-handover-1997": ("1997-07-01", "1997-07-01"),
    "rwandan-genocide-1994": ("1994-04-07", None),
    "srebrenica-massacre-1995": ("1995-07-11", None),
    "good-friday-agreement-1998": ("1998-04-10", "1998-04-10"),
    "gulf-war-1991": ("1991-01-17", "1991-02-28"),
    "kakhovka-dam-destruction-2023": ("2023-06-06", "2023-06-06"),
    "nord-stream-sabotage-2022": ("2022-09-26", "2022-09-26"),
    "crocus-city-hall-attack-2024": ("2024-03-22", "2024-03-22"),
    "gaza-truce-2023": ("2023-11-24", "2023-12-01"),
    "iran-nuclear-deal-2015": ("2015-07-14", "2015-07-14"),
    "paris-agreement-2015": ("2015-12-12", "2015-12-12"),
    "charlie-hebdo-attack-2015": ("2015-01-07", "2015-01-07"),
    "paris-attacks-2015": ("2015-11-13", "2015-11-13"),
    "christchurch-mosque-shootings-2019": ("2019-03-15", "2019-03-15"),
    "sri-lanka-easter-bombings-2019": ("2019-04-21", "2019-04-21"),
    "beirut-port-explosion-2020": ("2020-08-04", "2020-08-04"),
    "nepal-earthquake-2015": ("2015-04-25", "2015-04-25"),
    "haiti-earthquake-2010": ("2010-01-12", "2010-01-12"),
}


@pytest.fixture(scope="module")
def facts():
    return curated.load([EVENTS_FILE])


@pytest.fixture(scope="module")
def events(facts):
    return [r for r in facts.records if isinstance(r, EventRec)]


def test_every_event_cites_a_declared_source_with_a_url(facts, events):
    sources = {s.id: s for s in facts.sources}
    for ev in events:
        src = sources[ev.source]  # the loader already rejects undeclared sources
        assert src.url, f"{ev.key}: source {src.id} has no url or path"
        assert src.url.startswith(("http://", "https://", "kb-sources/")), f"{src.id}: {src.url}"
        # the page cannot vouch for an event after its own date
        assert ev.date[:len(src.as_of)] <= src.as_of, f"{ev.key} {ev.date} is after {src.id} as_of {src.as_of}"
        if ev.end:
            assert ev.end >= ev.date, f"{ev.key}: end {ev.end} before date {ev.date}"


def test_every_declared_source_is_used(facts, events):
    used = {ev.source for ev in events}
    assert {s.id for s in facts.sources} - used == set()


def test_event_ids_are_unique(events):
    keys = [ev.key for ev in events]
    assert len(keys) == len(set(keys)), sorted(k for k in set(keys) if keys.count(k) > 1)


def test_no_event_lists_an_alias_twice(events):
    # case is kept apart: it decides whether an alias is generic ("the war" vs "the War")
    for ev in events:
        spelled = [" ".join(a.split()) for a in ev.aliases]
        assert len(spelled) == len(set(spelled)), f"{ev.key}: {sorted(a for a in spelled if spelled.count(a) > 1)}"


def test_generic_aliases_have_context(events):
    """A generic alias ("the coup") counts only where the article has a context word: without
    context words it could never count at all."""
    for ev, alias, _stems, generic, context, _subject in EventIndex.build(events).entries:
        if generic:
            assert context, f"{ev.key}: generic alias '{alias}' has no context"


def test_shared_aliases_have_distinct_contexts(events):
    """Events that share an alias must differ in context; where the alias is generic, the
    contexts must not overlap, or one article would name both events with it."""
    by_alias = defaultdict(list)
    for ev, alias, _stems, generic, context, _subject in EventIndex.build(events).entries:
        by_alias[alias].append((ev, generic, context))
    for alias, rows in by_alias.items():
        for (a, generic, ca), (b, _, cb) in combinations(rows, 2):
            if a.key == b.key or frozenset({a.key, b.key}) in SHARED_ON_PURPOSE:
                continue
            assert sorted(a.context) != sorted(b.context), f"'{alias}': {a.key} and {b.key} share context"
            if generic:
                assert not ca & cb, f"generic '{alias}': {a.key} and {b.key} overlap in {sorted(ca & cb)}"


@pytest.mark.parametrize("key", sorted(SPOT_DATES))
def test_spot_dates(events, key):
    ev = next(e for e in events if e.key == key)
    assert (ev.date, ev.end) == SPOT_DATES[key]


def test_generic_aliases_find_their_event_by_country(events):
    """'the coup' in an article about Niger is Niger's 2023 coup, not Myanmar's."""
    index = EventIndex.build(events)
    article = "Two years after the coup, Niger's junta still holds Bazoum in Niamey."
    found = {ev.key for ev in index.find("Two years after the coup", article)}
    assert found == {"niger-coup-2023"}
    article = "The earthquake struck Kahramanmaras and Hatay; Turkey is still rebuilding."
    found = {ev.key for ev in index.find("three years after the earthquake", article)}
    assert found == {"turkey-syria-earthquake-2023"}
