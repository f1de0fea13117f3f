"""EveryPolitician-style Wikidata officeholder tables (every-politician-scrapers, 2022):
cabinets of Ukraine, Russia and the US plus UN posts, with dates and QIDs.

The snapshots are stale after mid-2022: an open-ended row holds only as of its repo's date.
Regional posts (governors, "Prime Minister of Crimea") and ambassadors are skipped.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from newscheck.kb.records import OfficeRec, PersonRec, SourceRec, TenureRec, office_key

from .common import iso_date, office_roles

FOLDER = "everypolitician-wikidata-2022"
SOURCE_ID = "everypolitician"
# repo folder -> (jurisdiction, snapshot date: what an open-ended row is vouched for up to)
REPOS = {
    "ukraine-cabinet": ("UA", "2022-07-23"),
    "russia-cabinet": ("RU", "2022-08-03"),
    "us-cabinet": ("US", "2022-12-31"),  # SOURCE.md gives only the year
    "world": (None, "2023-01-10"),
}
# The international posts of the `world` repo that we model.
WORLD_POSTS = {"Secretary-General of the United Nations": ("UN", "secretary_general")}
_REGIONAL = re.compile(r"oblast|krai|okrug|crimea|sevastopol|republic|mayor|governor of (?!the central)"
                       r"|city|region|ambassador|representative|first lady|secretary of state of|army|navy|air force"
                       r"|federal district", re.I)


def source(folder: Path) -> SourceRec:
    return SourceRec(
        id=SOURCE_ID,
        name="every-politician-scrapers officeholder tables from Wikidata (UA, RU, US cabinets; UN), 2022",
        licence="CC0 (Wikidata)",
        url="https://github.com/every-politician-scrapers",
        as_of="2023-01-10",
        priority=1,
    )


def _role(position: str, jurisdiction: str | None) -> tuple[str, str, bool] | None:
    if jurisdiction is None:
        post = WORLD_POSTS.get(position)
        return (post[0], post[1], False) if post else None
    if _REGIONAL.search(position):
        return None
    roles, acting = office_roles(position, jurisdiction)
    return (jurisdiction, roles[0], acting) if roles else None


def read(folder: Path) -> Iterator:
    people, offices = set(), set()
    for repo, (jurisdiction, snapshot) in REPOS.items():
        with open(Path(folder) / repo / "holders21.csv", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        for row in rows:
            found = _role(row["position"], jurisdiction)
            qid = (row.get("personID") or "").strip()
            if not found or not re.fullmatch(r"Q\d+", qid):
                continue
            where, role, acting = found
            person, office = f"{SOURCE_ID}:{qid}", office_key(where, role)
            if person not in people:
                people.add(person)
                yield PersonRec(key=person, name=row["person"], source=SOURCE_ID, qid=qid,
                                birth_date=iso_date(row.get("DOB"))[0] if row.get("DOB") else None,
                                country=where if len(where) == 2 else None)
            if office not in offices:
                offices.add(office)
                yield OfficeRec(key=office, jurisdiction=where, role=role, title=row["position"],
                                source=SOURCE_ID)
            start, start_precision = iso_date(row["start"])
            end, end_precision = iso_date(row["end"])
            yield TenureRec(person=person, office=office, source=SOURCE_ID, as_of=snapshot,
                            start=start, start_precision=start_precision, end=end,
                            end_precision=end_precision, acting=acting, note=row["position"])
