"""unitedstates/congress-legislators `executive.yaml` (2026-06-15): every US president and vice
president with dated terms and Wikidata QIDs.

A term whose scheduled end lies after the source date is not a known end: it is left open
(end=None) as of the source date. Members of Congress are not read.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import yaml

from newscheck.kb.records import OfficeRec, PersonRec, SourceRec, TenureRec, office_key

FOLDER = "us-congress-legislators"
SOURCE_ID = "congress-legislators"
AS_OF = "2026-06-15"
OFFICES = {
    "prez": ("president", "President of the United States", "head_of_state"),
    "viceprez": ("vice_president", "Vice President of the United States", None),
}


def source(folder: Path) -> SourceRec:
    return SourceRec(
        id=SOURCE_ID,
        name="unitedstates/congress-legislators, executive.yaml (US presidents and vice presidents)",
        licence="CC0 1.0",
        url="https://github.com/unitedstates/congress-legislators",
        as_of=AS_OF,
        priority=1,
    )


def _name(n: dict) -> str:
    if n.get("official_full"):
        return n["official_full"]
    return " ".join(p for p in (n.get("first"), n.get("middle"), n.get("last"), n.get("suffix")) if p)


def read(folder: Path) -> Iterator:
    with open(Path(folder) / "executive.yaml", encoding="utf-8") as f:
        people = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    for role, title, kind in OFFICES.values():
        yield OfficeRec(key=office_key("US", role), jurisdiction="US", role=role, title=title,
                        source=SOURCE_ID, kind=kind)
    for p in people:
        ids, n = p.get("id", {}), p["name"]
        key = f"{SOURCE_ID}:{ids.get('bioguide') or ids.get('wikidata') or _name(n)}"
        short = f"{n.get('nickname') or n['first']} {n['last']}"
        full = _name(n)
        aliases = [a for a in dict.fromkeys([full, ids.get("wikipedia")]) if a and a != short]
        yield PersonRec(key=key, name=short, source=SOURCE_ID, aliases=aliases, qid=ids.get("wikidata"),
                        birth_date=str(p.get("bio", {}).get("birthday") or "") or None, country="US")
        for term in p.get("terms", []):
            if term["type"] not in OFFICES:
                continue
            end = str(term.get("end") or "") or None
            if end and end > AS_OF:
                end = None  # scheduled, not known
            yield TenureRec(person=key, office=office_key("US", OFFICES[term["type"]][0]),
                            source=SOURCE_ID, as_of=AS_OF, start=str(term["start"]), end=end,
                            note=term.get("how"))
