"""The KB's answers on a tiny KB built by hand: dates, precision, priority, conflicts, names."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from newscheck.kb import KBError, KnowledgeBase, build_kb
from newscheck.kb.records import OfficeRec, PersonRec, SourceRec, TenureRec

CURATED = """
sources:
  decree-496:
    title: "Decree No. 496/2025 appointing R. Umerov Secretary of the NSDC"
    url: https://example.org/decree-496
    as_of: 2025-07-18
  cia-ua:
    title: "CIA World Leaders, Ukraine page"
    url: https://example.org/cia-ua
    as_of: 2026-01-23
people:
  - {id: umerov, name: Rustem Umerov, native: {uk: Рустем Умєров, ru: Рустем Умеров}, country: UA, source: decree-496}
  - {id: lytvynenko, name: Oleksandr Lytvynenko, native: {uk: Олександр Литвиненко}, country: UA, source: decree-496}
  - id: zelensky
    name: Volodymyr Zelensky
    native: {uk: Володимир Олександрович Зеленський, ru: Владимир Зеленский}
    qid: Q3874799
    country: UA
    source: cia-ua
  - {id: witkoff, name: Steve Witkoff, aliases: [Steven Witkoff], country: US, source: cia-ua}
  - {id: month-holder, name: Anna Monthly, country: XX, source: cia-ua}
offices:
  - id: UA:security_council_secretary
    jurisdiction: UA
    role: security_council_secretary
    title: Secretary of the National Security and Defense Council of Ukraine
    aliases: [NSDC Secretary]
    source: decree-496
  - {jurisdiction: UA, role: president, title: President of Ukraine, source: cia-ua}
tenures:
  - {person: lytvynenko, office: UA:security_council_secretary, from: 2024-03-26, to: 2025-07-17, source: decree-496}
  - {person: umerov, office: UA:security_council_secretary, from: 2025-07-18, to: null, source: cia-ua}
  - {person: zelensky, office: UA:president, from: 2019-05-20, source: cia-ua}
  - {person: month-holder, office: XX:prime_minister, from: 2025-07, source: cia-ua}
orgs:
  - {id: NATO, name: North Atlantic Treaty Organization, aliases: [NATO], jurisdiction: NATO, kind: igo,
     head_roles: [secretary_general], source: cia-ua}
events:
  - {id: invasion, name: Russia's full-scale invasion of Ukraine, date: 2022-02-24, kind: war,
     aliases: [full-scale invasion], context: [Ukraine, Kyiv], source: cia-ua}
places:
  - {name: Kyiv, country: UA, variants: [Kiev], source: cia-ua}
countries:
  - {code: UA, name: Ukraine, adjectives: [Ukrainian], source: cia-ua}
  - {code: RU, name: Russia, aliases: [Russian Federation], adjectives: [Russian], source: cia-ua}
  - {code: US, name: United States, aliases: [U.S., USA, America], adjectives: [American], source: cia-ua}
  - {code: BG, name: Bulgaria, source: cia-ua}
  - {code: ID, name: Indonesia, source: cia-ua}
"""


def importer(folder: str, src: SourceRec, records: list) -> SimpleNamespace:
    return SimpleNamespace(FOLDER=folder, SOURCE_ID=src.id, source=lambda f: src, read=lambda f: iter(records))


def office(key: str, title: str, source: str) -> OfficeRec:
    jurisdiction, role = key.split(":")
    return OfficeRec(key=key, jurisdiction=jurisdiction, role=role, title=title, source=source)


DATED = SourceRec("dated", "A dated source", "CC0", None, "2026-06-01", 1)
OTHER = SourceRec("leaders", "Another dated source", "CC BY-SA", None, "2026-08-22", 1)
UNDATED = SourceRec("cia", "CIA-like as-of source", "public domain", None, "2026-05-28", 2)

IMPORTERS = [
    importer("dated-src", DATED, [
        PersonRec("d:putin", "Vladimir Putin", "dated", qid="Q7747", country="RU"),
        office("RU:president", "President of Russia", "dated"),
        TenureRec("d:putin", "RU:president", "dated", "2026-06-01", start="2012-05-07"),
        # Open-ended on its as_of, but the curated facts say others held the post from 2024.
        PersonRec("d:danilov", "Oleksiy Danilov", "dated", country="UA"),
        TenureRec("d:danilov", "UA:security_council_secretary", "dated", "2026-06-01", start="2019-10-03"),
        PersonRec("d:prabowo", "Prabowo Subianto Djojohadikusumo", "dated", country="ID"),
        TenureRec("d:prabowo", "ID:president", "dated", "2026-01-22", start="2024-10-20"),
        PersonRec("d:vitkov", "Ivan Vitkov", "dated", country="BG"),
        TenureRec("d:vitkov", "BG:foreign_minister", "dated", "2026-06-01", start="2024-01-01"),
    ]),
    importer("leaders-src", OTHER, [
        PersonRec("l:prabowo", "Prabowo Subianto", "leaders", qid="Q1", country="ID"),
        TenureRec("l:prabowo", "ID:president", "leaders", "2026-08-22", start="2024-10-20"),
    ]),
    importer("cia-src", UNDATED, [
        PersonRec("c:zelenskyy", "Volodymyr Zelenskyy", "cia", country="UA"),
        TenureRec("c:zelenskyy", "UA:president", "cia", "2026-01-23"),
        PersonRec("c:putin", "Vladimir Putin", "cia", country="RU"),
        TenureRec("c:putin", "RU:president", "cia", "2024-06-18"),
    ]),
    importer("gone-src-2026", SourceRec("gone", "Gone", "", None, "2026-01-01", 1), []),
]


def build_tiny(tmp_path: Path) -> tuple[Path, object]:
    """A KB from the curated text above and the fake importers; returns (path, BuildStats)."""
    curated_dir = tmp_path / "curated"
    curated_dir.mkdir()
    (curated_dir / "core.yaml").write_text(CURATED, encoding="utf-8")
    sources = tmp_path / "kb-sources"
    for name in ("dated-src", "leaders-src", "cia-src"):
        (sources / name).mkdir(parents=True)
    path = tmp_path / "kb.sqlite"
    stats = build_kb(path, sources, user_dir=tmp_path / "facts", log=lambda *a: None,
                     curated_dir=curated_dir, importers=IMPORTERS)
    return path, stats


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    path, _ = build_tiny(tmp_path_factory.mktemp("kb"))
    kb = KnowledgeBase.open(path)
    yield kb
    kb.close()


NSDC = "Secretary of the National Security and Defense Council of Ukraine"


def names(holdings) -> list[str]:
    return [h.person.name for h in holdings]


def test_holder_on_a_day_inside_a_closed_tenure(kb):
    h = kb.holders(kb.office_by_title(NSDC), date(2024, 6, 1))
    assert h.known and names(h.dated) == ["Oleksandr Lytvynenko"]
    assert h.dated[0].tenure.source == "decree-496"
    assert h.dated[0].tenure.end == "2025-07-17"


def test_open_tenure_covers_up_to_as_of_only(kb):
    offices = kb.office_by_title(NSDC)
    assert names(kb.holders(offices, date(2025, 12, 4)).dated) == ["Rustem Umerov"]
    later = kb.holders(offices, date(2026, 11, 1))  # after the curated as_of and the dated source's
    # past the sources: the holder with no known end is presumed, and the answer says from when
    last_word = kb.holders(offices, date(2026, 6, 1))  # the dated source's last day
    assert later.known and later.presumed_from == "2026-06-01"
    assert names(later.dated) == names(last_word.dated) and last_word.presumed_from is None
    assert later.as_of == "2026-06-01"
    assert kb.holders(offices, date(2025, 12, 4)).presumed_from is None
    beyond = kb.holders(offices, date(2028, 11, 1))  # more than PRESUME_DAYS later: unknown
    assert not beyond.known and beyond.dated == []


def test_lower_priority_source_is_trimmed_and_recorded_as_conflict(kb):
    offices = kb.office_by_title(NSDC)
    # the dated source still speaks where the curated facts are silent
    assert names(kb.holders(offices, date(2023, 1, 1)).dated) == ["Oleksiy Danilov"]
    assert "Oleksiy Danilov" not in names(kb.holders(offices, date(2025, 1, 1)).dated)
    rows = kb.db.execute("SELECT kept, dropped FROM conflict").fetchall()
    assert ("Oleksandr Lytvynenko", "Oleksiy Danilov") in rows


def test_month_precision_start_is_unknown_inside_the_month(kb):
    offices = kb.offices("XX", "prime_minister")
    assert not kb.holders(offices, date(2025, 7, 15)).known
    assert names(kb.holders(offices, date(2025, 8, 1)).dated) == ["Anna Monthly"]


def test_undated_rows_accept_a_name_but_are_not_dated(kb):
    h = kb.holders(kb.office_by_title("President of Russia"), date(2028, 11, 1))
    assert not h.known
    assert names(h.undated) == ["Vladimir Putin"] and h.undated[0].tenure.start is None
    assert names(kb.holders(kb.office_by_title("President of Russia"), date(2025, 12, 4)).dated) == ["Vladimir Putin"]


def test_people_merge_across_sources(kb):
    [zelensky] = kb.find_person("Volodymyr Zelenskyy")  # the CIA row joined the curated person
    assert zelensky.key == "zelensky"
    assert {t.source for t in kb.tenures(zelensky)} == {"cia-ua", "cia"}
    # same office, same days, names that fit together: one person, no conflict
    [prabowo] = kb.find_person("Prabowo Subianto")
    assert kb.find_person("Prabowo Subianto Djojohadikusumo") == [prabowo]
    assert prabowo.qid == "Q1"


@pytest.mark.parametrize("name", ["Volodymyr Zelenskiy", "Vladimir Zelenskiy", "Volodymyr Zelenskyy",
                                  "Volodymyr Zelenskyi", "Vladimir Zelensky", "Wolodymyr Selenskyj"])
def test_transliterations_of_native_names(kb, name):
    assert [p.key for p in kb.find_person(name)] == ["zelensky"]
    assert [p.key for p in kb.find_by_surname(name.split()[-1])] == ["zelensky"]


def test_no_surname_only_aliases(kb):
    assert kb.find_person("Zelensky") == []
    assert kb.find_person("Volodymyr Oleksandrovych Zelenskyy")  # full native form is kept


def test_similar_people_ranks_the_closer_spelling_first(kb):
    ranked = kb.similar_people("Wittkowff")
    assert ranked[0][0].name == "Steve Witkoff"
    assert "Ivan Vitkov" in [p.name for p, _ in ranked]
    assert ranked[0][1] > dict((p.name, s) for p, s in ranked)["Ivan Vitkov"]
    assert kb.similar_people("Steve Witkof")[0][0].name == "Steve Witkoff"


def test_countries_orgs_places_events(kb):
    assert kb.country("Russia's") == "RU"
    assert kb.country("Russian") == "RU"
    assert kb.country("U.S.") == "US" and kb.country("american") == "US"
    assert kb.country("NATO") == "NATO"
    assert kb.country("Atlantis") is None
    assert kb.country_name("UA") == "Ukraine"
    assert kb.org("NATO").head_roles == ("secretary_general",)
    assert kb.place("Kiev").name == "Kyiv" and kb.place("Kyiv").variants == ("Kiev",)
    [event] = kb.events()
    assert event.date == date(2022, 2, 24) and "full-scale invasion" in event.aliases
    assert kb.is_known_name("Kiev") and kb.is_known_name("Steven Witkoff") and not kb.is_known_name("Wittkowff")


def test_office_by_title_parses_country_and_role(kb):
    assert [o.key for o in kb.office_by_title("NSDC Secretary")] == ["UA:security_council_secretary"]
    assert [o.key for o in kb.office_by_title("Russia's president")] == ["RU:president"]
    assert [o.key for o in kb.office_by_title("Ukrainian President")] == ["UA:president"]
    assert kb.office_by_title("Grand Vizier of Atlantis") == []


def test_sources_and_as_of(kb):
    ids = {s["id"] for s in kb.sources}
    assert {"curated", "dated", "leaders", "cia"} <= ids and "gone" not in ids
    assert kb.as_of == "2026-08-22"


def test_open_missing_kb_names_the_fix(tmp_path):
    with pytest.raises(KBError, match="run `newscheck kb build`"):
        KnowledgeBase.open(tmp_path / "none.sqlite")
