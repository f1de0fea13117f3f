"""Institute for Government ministers database (UK, 1979 - 2026-06-19): cabinet-rank
appointments with start and end dates.

Junior posts (Minister of State, Parliamentary Under-Secretary) are skipped; an end date is the
source's own (the day the next holder was appointed), so both hold on a reshuffle day.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from newscheck.kb.records import OfficeRec, PersonRec, SourceRec, TenureRec, office_key
from newscheck.roles import role_key

FOLDER = "ifg-uk-ministers"
SOURCE_ID = "ifg-uk"
AS_OF = "2026-06-19"
CABINET_RANKS = {"PM", "DPM", "SoS"}
# Posts whose wording the role table reads as another office ("Lord Chancellor" is not the
# Chancellor of the Exchequer) or that are no portfolio a news text would check.
GB_POSTS = {
    "prime minister": "prime_minister",
    "deputy prime minister": "deputy_prime_minister",
    "chancellor of the exchequer": "finance_minister",
    "secretary of state for the home department": "interior_minister",
    "first secretary of state": None, "lord chancellor": None, "lord privy seal": None,
    "lord president of the council": None, "chancellor of the duchy of lancaster": None,
    "chief secretary to the prime minister": None, "attorney general": None,
    "president for cop26": None,
}
_TITLED = re.compile(r"^(lord|lady|baroness|baron|sir|dame|viscount|earl)\b", re.I)


def source(folder: Path) -> SourceRec:
    return SourceRec(
        id=SOURCE_ID,
        name="Institute for Government ministers database (UK ministers since 1979)",
        licence="CC BY 4.0",
        url="https://github.com/instituteforgov/ifg-ministers-database-public",
        as_of=AS_OF,
        priority=1,
        attribution="Contains data from the Institute for Government ministers database, CC BY 4.0.",
    )


def post_role(name: str) -> str | None:
    """Role of a cabinet-rank UK post ('Secretary of State for Defence' -> defence_minister)."""
    key = re.sub(r"\s+", " ", name.lower()).strip()
    if key in GB_POSTS:
        return GB_POSTS[key]
    key = re.sub(r"\s+and lord chancellor$", "", key)
    m = re.match(r"secretary of state for (?:the )?(.+)$", key)
    if m:
        key = f"minister of {m.group(1)}"
    role = role_key(key, "GB")
    if role and (role.startswith("minister:") or role.endswith("_minister")):
        return role
    return None


def _read(folder: Path, name: str) -> list[dict]:
    with open(folder / "data" / name, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read(folder: Path) -> Iterator:
    folder = Path(folder)
    posts = {p["id"]: p for p in _read(folder, "post.csv") if p["rank_equivalence"] in CABINET_RANKS}
    acting = {c["appointment_id"] for c in _read(folder, "appointment_characteristics.csv")
              if c["is_acting"] == "True"}
    names: dict[str, list[dict]] = {}
    for row in _read(folder, "person.csv"):
        names.setdefault(row["id"], []).append(row)

    people, offices = set(), {}
    for a in sorted(_read(folder, "appointment.csv"), key=lambda a: a["start_date"]):
        post = posts.get(a["post_id"])
        role = post_role(post["name"]) if post else None
        if not role or not a["start_date"]:
            continue
        person = f"{SOURCE_ID}:{a['person_id']}"
        if person not in people:
            people.add(person)
            yield _person(person, names.get(a["person_id"], []))
        key = office_key("GB", role)
        office = offices.get(key)
        if office is None:
            office = offices[key] = OfficeRec(key=key, jurisdiction="GB", role=role,
                                              title=post["name"], source=SOURCE_ID)
        elif post["name"] != office.title:  # renamed: the latest name is the title
            office.aliases = [t for t in office.aliases + [office.title] if t != post["name"]]
            office.title = post["name"]
        yield TenureRec(person=person, office=key, source=SOURCE_ID, as_of=AS_OF,
                        start=a["start_date"], end=a["end_date"] or None,
                        acting=a["id"] in acting, note=post["name"])
    yield from offices.values()


def _person(key: str, rows: list[dict]) -> PersonRec:
    """News names a peer minister by the name they made their career under: David Cameron,
    not Lord Cameron; the title form stays an alias."""
    all_names = list(dict.fromkeys(r["name"] for r in rows if r["name"]))
    plain = [n for n in all_names if not _TITLED.match(n)]
    name = (plain or all_names or ["?"])[-1]
    return PersonRec(key=key, name=name, source=SOURCE_ID, country="GB",
                     aliases=[n for n in all_names if n != name])
