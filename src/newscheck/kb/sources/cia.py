"""CIA "World Leaders and Cabinet Members of Foreign Governments" (scrape of 2026-05-28).

Every named leader becomes a person, an office and an undated tenure that holds as of the
country page's own `date_updated`. Titles the role table does not know are skipped.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from newscheck.kb.records import OfficeRec, PersonRec, SourceRec, TenureRec, office_key
from newscheck.names import cia_name

from .common import news_name, office_roles, slug
from .countries import iso_for_gec

FOLDER = "cia-world-leaders-2026-05"
SOURCE_ID = "cia-world-leaders"
FILE = "cia_world_leaders_2026-05-28.json"


def source(folder: Path) -> SourceRec:
    return SourceRec(
        id=SOURCE_ID,
        name="CIA World Leaders and Cabinet Members of Foreign Governments (scraped 2026-05-28)",
        licence="public domain (US Government work)",
        url="https://www.cia.gov/resources/world-leaders/foreign-governments/",
        as_of="2026-05-28",
        priority=2,
    )


def read(folder: Path) -> Iterator:
    countries = json.loads((Path(folder) / FILE).read_text(encoding="utf-8"))
    offices_seen, people_seen = set(), set()
    for country in countries:
        iso = iso_for_gec(country["country_code"], country["country"], folder)
        if not iso:
            continue
        for leader in country["leaders"]:
            raw = leader["name"].strip()
            if not raw:
                continue  # vacant post
            roles, acting_title = office_roles(leader["title"], iso)
            if not roles:
                continue
            full, acting = cia_name(raw)
            name, aliases = news_name(full)
            person = f"{SOURCE_ID}:{iso.lower()}:{slug(full)}"
            if person not in people_seen:  # one person, several posts
                people_seen.add(person)
                yield PersonRec(key=person, name=name, source=SOURCE_ID,
                                aliases=aliases + [re.sub(r"\s*\(acting\)", "", raw, flags=re.I)],
                                country=iso)
            for role in roles:
                office = office_key(iso, role)
                if office not in offices_seen:
                    offices_seen.add(office)
                    yield OfficeRec(key=office, jurisdiction=iso, role=role,
                                    title=leader["title"], source=SOURCE_ID)
                yield TenureRec(person=person, office=office, source=SOURCE_ID,
                                as_of=country["date_updated"], start=None,
                                acting=acting or acting_title, note=leader["title"])
