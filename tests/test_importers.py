"""Each importer run on its real folder in ../shared/kb-sources, checked against facts a
reader can verify in the source files."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from newscheck.kb.records import CountryRec, OfficeRec, OrgRec, PersonRec, PlaceRec, SourceRec, TenureRec
from newscheck.kb.sources import (IMPORTERS, cia, congress, everypolitician, factbook, geonames, ifg,
                                  supraverden, world_leaders)
from newscheck.kb.sources.common import office_roles, parse_since
from newscheck.kb.sources.factbook import capital_variants, holders

KB_SOURCES = Path(__file__).resolve().parents[1].parent / "shared" / "kb-sources"
needs_sources = pytest.mark.skipif(not KB_SOURCES.is_dir(),
                                   reason=f"public data not found at {KB_SOURCES}")

_cache: dict[str, list] = {}


def records(module) -> list:
    if module.FOLDER not in _cache:
        _cache[module.FOLDER] = list(module.read(KB_SOURCES / module.FOLDER))
    return _cache[module.FOLDER]


def holdings(module) -> list[tuple[str, TenureRec]]:
    """(person name, tenure) pairs."""
    recs = records(module)
    names = {r.key: r.name for r in recs if isinstance(r, PersonRec)}
    return [(names[t.person], t) for t in recs if isinstance(t, TenureRec)]


def held(module, office: str, name: str) -> list[TenureRec]:
    return [t for n, t in holdings(module) if t.office == office and n == name]


# --- pure helpers: no data needed ---

def test_parse_since_gives_the_precision_the_text_has():
    assert parse_since("7 May 2012") == ("2012-05-07", "day")
    assert parse_since("May 2012") == ("2012-05-01", "month")
    assert parse_since("2012") == ("2012-01-01", "year")
    assert parse_since("chairman") is None


def test_factbook_field_text_splits_into_holders():
    text = ('President Maj. Gen. (ret.) Muhammadu BUHARI (since 29 May 2015); Vice President '
            'Oluyemi "Yemi" OSINBAJO (since 29 May 2015); note - the president is both')
    assert holders(text) == [("President", "Muhammadu BUHARI", "29 May 2015"),
                             ("Vice President", "Oluyemi OSINBAJO", "29 May 2015")]
    several = "Vice Presidents Salvador NASRALLA, Doris GUTIERREZ, and Renato FLORENTINO (since 27 January 2022)"
    assert holders(several) == []


def test_capital_note_gives_variants():
    assert capital_variants("Kyiv (Kiev is the transliteration from Russian)") == ("Kyiv", ["Kiev"])
    assert capital_variants("Chisinau in Romanian (Kishinev in Russian)") == ("Chisinau", ["Kishinev"])
    assert capital_variants("Suva (on Viti Levu)") == ("Suva", [])


def test_titles_that_only_mention_a_president_are_not_the_presidency():
    assert office_roles("Counselor to the President", "US")[0] == []
    assert office_roles("Prime Minister of Crimea", "RU")[0] == []
    assert office_roles("Acting President", "RU") == (["president"], True)


def test_every_importer_has_the_interface_the_build_uses():
    for module in IMPORTERS:
        assert isinstance(module.FOLDER, str)
        rec = module.source(KB_SOURCES / module.FOLDER)
        assert isinstance(rec, SourceRec) and rec.priority in (1, 2)
        if "BY" in rec.licence:
            assert rec.attribution, module.__name__


# --- the real folders ---

@needs_sources
def test_keys_are_unique_and_prefixed_per_source():
    for module in IMPORTERS:
        sid = module.source(KB_SOURCES / module.FOLDER).id
        keys = [r.key for r in records(module) if isinstance(r, (PersonRec, PlaceRec, OrgRec))]
        assert len(keys) == len(set(keys)), module.__name__
        assert all(k.startswith(sid + ":") for k in keys), module.__name__
        offices = [r.key for r in records(module) if isinstance(r, OfficeRec)]
        assert len(offices) == len(set(offices)), module.__name__
        for t in (r for r in records(module) if isinstance(r, TenureRec)):
            assert t.source == sid and t.as_of


@needs_sources
def test_cia_ukraine_cabinet_as_of_its_page_date():
    umerov = held(cia, "UA:security_council_secretary", "Rustem Umerov")
    assert [(t.as_of, t.start, t.end) for t in umerov] == [("2026-01-23", None, None)]
    assert held(cia, "UA:president", "Volodymyr Zelenskyy")
    suhak = held(cia, "UA:justice_minister", "Liudmyla Suhak")
    assert suhak and suhak[0].acting


@needs_sources
def test_cia_names_are_title_case_with_the_source_spelling_kept():
    person = next(r for r in records(cia) if isinstance(r, PersonRec) and r.name == "Volodymyr Zelenskyy")
    assert "Volodymyr ZELENSKYY" in person.aliases and person.country == "UA"


@needs_sources
def test_factbook_putin_since_2012_and_successions_end_the_day_before():
    putin = held(factbook, "RU:president", "Vladimir Putin")
    assert [(t.start, t.start_precision, t.end) for t in putin] == [("2012-05-07", "day", None)]
    assert putin[0].as_of == "2026-01-22"
    shmyhal = held(factbook, "UA:prime_minister", "Denys Shmyhal")
    assert shmyhal[0].end == "2025-07-16"  # Svyrydenko from 17 July 2025
    kinds = {r.key: r.kind for r in records(factbook) if isinstance(r, OfficeRec)}
    assert kinds["RU:president"] == "head_of_state" and kinds["GB:prime_minister"] == "head_of_government"


@needs_sources
def test_factbook_history_gap_leaves_the_end_unknown():
    # Poroshenko was last listed on 2017-03-28, before the mirror's gap; Zelenskyy came in 2019.
    poroshenko = held(factbook, "UA:president", "Petro Poroshenko")
    assert [(t.end, t.as_of) for t in poroshenko] == [(None, "2017-03-28")]


@needs_sources
def test_factbook_countries_and_capital_variants():
    ua = next(r for r in records(factbook) if isinstance(r, CountryRec) and r.code == "UA")
    assert ua.adjectives == ["Ukrainian"] and ua.capital == "Kyiv"
    kyiv = next(r for r in records(factbook) if isinstance(r, PlaceRec) and r.country == "UA")
    assert kyiv.variants == ["Kiev"] and kyiv.is_capital


@needs_sources
def test_most_countries_have_a_head_of_state_or_government():
    heads = {"president", "prime_minister", "monarch", "chancellor", "supreme_leader"}
    countries = {t.office.split(":")[0] for m in (cia, factbook) for _, t in holdings(m)
                 if t.office.split(":")[1] in heads}
    assert len(countries) >= 190


@needs_sources
def test_world_leaders_native_names_and_replaced_holders():
    putin = next(r for r in records(world_leaders) if isinstance(r, PersonRec) and r.qid == "Q7747")
    assert putin.native == {"ru": "Владимир Владимирович Путин"} and putin.birth_date
    starmer = held(world_leaders, "GB:prime_minister", "Keir Starmer")
    assert [(t.start, t.end) for t in starmer] == [("2024-07-05", "2026-07-19")]
    assert held(world_leaders, "EU:commission_president", "Ursula von der Leyen")


@needs_sources
def test_ifg_foreign_secretaries_change_on_5_september_2025():
    cooper = held(ifg, "GB:foreign_minister", "Yvette Cooper")
    assert [(t.start, t.end) for t in cooper] == [("2025-09-05", None)]
    lammy = held(ifg, "GB:foreign_minister", "David Lammy")
    assert [t.end for t in lammy] in (["2025-09-05"], ["2025-09-04"])
    assert held(ifg, "GB:prime_minister", "Keir Starmer")
    roles = {r.role for r in records(ifg) if isinstance(r, OfficeRec)}
    assert "interior_minister" in roles and "finance_minister" in roles
    assert not any("state" == r.split(":")[-1] for r in roles)


@needs_sources
def test_congress_trump_second_term_is_open():
    trump = held(congress, "US:president", "Donald Trump")
    assert ("2025-01-20", None) in [(t.start, t.end) for t in trump]
    assert ("2017-01-20", "2021-01-20") in [(t.start, t.end) for t in trump]
    person = next(r for r in records(congress) if isinstance(r, PersonRec) and r.name == "Donald Trump")
    assert person.qid == "Q22686"


@needs_sources
def test_everypolitician_open_rows_hold_only_as_of_the_snapshot():
    danilov = held(everypolitician, "UA:security_council_secretary", "Oleksiy Danilov")
    assert [(t.start, t.end, t.as_of) for t in danilov] == [("2019-10-03", None, "2022-07-23")]
    guterres = held(everypolitician, "UN:secretary_general", "António Guterres")
    assert guterres and guterres[0].as_of == "2023-01-10"
    offices = {t.office for _, t in holdings(everypolitician)}
    assert "RU:prime_minister" in offices and not any("special_envoy" in o for o in offices)


@needs_sources
def test_supraverden_orgs_use_their_own_code_as_jurisdiction():
    orgs = {r.qid: r for r in records(supraverden)}
    assert orgs["Q7184"].jurisdiction == "NATO" and "NATO" in orgs["Q7184"].aliases
    assert orgs["Q81299"].jurisdiction == "OSCE" and orgs["Q1065"].jurisdiction == "UN"
    assert orgs["Q8880"].jurisdiction == "EU" and all(o.kind == "igo" for o in orgs.values())


@needs_sources
def test_geonames_variants_keep_spellings_and_drop_noise():
    places = defaultdict(list)
    for r in records(geonames):
        if isinstance(r, PlaceRec):
            places[(r.name, r.country)].append(r)
    kyiv = places[("Kyiv", "UA")][0]
    assert "Kiev" in kyiv.variants and "Ko" not in kyiv.variants and "Civ" not in kyiv.variants
    assert "Kievom" not in kyiv.variants  # a case form, not a spelling
    assert "Odessa" in places[("Odesa", "UA")][0].variants
    assert "Kharkov" in places[("Kharkiv", "UA")][0].variants
    countries = [r for r in records(geonames) if isinstance(r, CountryRec)]
    assert len(countries) > 240
