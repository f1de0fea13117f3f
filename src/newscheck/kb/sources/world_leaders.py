"""world-leaders-current (open-data-archive, 2026-08-22): heads of state and government of the
G20, ASEAN and the EU with since-dates, Wikidata QIDs, native names and birth dates.

Past holders come from the 2026-05-16 snapshot: a holder replaced by 2026-08-22 ends the day
before the successor's start. The African Union rows are skipped (its code clashes with AU).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from newscheck.kb.records import OfficeRec, PersonRec, SourceRec, TenureRec, office_key

from .common import day_before, office_roles

FOLDER = "world-leaders-current-2026-08"
SOURCE_ID = "world-leaders-current"
AS_OF = "2026-08-22"
EARLIER = ("snapshots/2026/05/2026-05-16.json", "2026-05-16")
KINDS = {"head_of_state": "head_of_state", "head_of_government": "head_of_government"}
HEAD_ROLES = {"president", "monarch", "prime_minister", "chancellor"}  # not the EU presidents
# The script a country's leaders' native names are written in, for PersonRec.native.
NATIVE_LANG = {"RU": "ru", "CN": "zh", "JP": "ja", "KR": "ko", "IN": "hi", "SA": "ar", "TH": "th",
               "LA": "lo", "MM": "my", "KH": "km", "VN": "vi", "TR": "tr", "DE": "de", "FR": "fr",
               "IT": "it", "BR": "pt", "AR": "es", "MX": "es", "ID": "id", "PH": "tl", "BN": "ms"}


def source(folder: Path) -> SourceRec:
    return SourceRec(
        id=SOURCE_ID,
        name="world-leaders-current (open-data-archive), snapshot 2026-08-22",
        licence="CC BY-SA 4.0",
        url="https://github.com/open-data-archive/world-leaders-current",
        as_of=AS_OF,
        priority=1,
        attribution="Heads of state and government from world-leaders-current by open-data-archive "
                    "(built from Wikidata and Wikipedia), CC BY-SA 4.0.",
    )


def read(folder: Path) -> Iterator:
    folder = Path(folder)
    now = {}
    for path in sorted((folder / "data" / "countries").glob("*/current.json")):
        country = json.loads(path.read_text(encoding="utf-8"))
        now[path.parent.name] = country
    earlier = json.loads((folder / EARLIER[0]).read_text(encoding="utf-8"))["countries"]

    seen = set()
    for slug_, country in sorted(now.items()):
        iso = country["country"]["iso_code"]
        if not re.fullmatch(r"[A-Z]{2}", iso):
            continue  # "AU_AF", the African Union
        for position, holder, role, title in _positions(country, iso):
            since = holder.get("since")
            yield from _holding(iso, position, holder, role, title, since, None, AS_OF, seen)
            before = _positions_by_name(earlier.get(slug_), iso).get(position)
            if before and before[1].get("wikidata_id") != holder.get("wikidata_id"):
                old = before[1]
                ends = since and old.get("since") and since > old["since"]
                yield from _holding(iso, position, old, role, title, old.get("since"),
                                    day_before(since) if ends else None,
                                    AS_OF if ends else EARLIER[1], seen)


def _positions(country: dict, iso: str) -> list[tuple[str, dict, str, str]]:
    """(position, holder, role, title) rows, dropping a head of state who is only the head of
    government copied over (the source lists Saudi Arabia's crown prince as King)."""
    out = []
    positions = country.get("positions", {})
    for position in ("head_of_state", "head_of_government"):
        p = positions.get(position) or {}
        holder = p.get("current_holder") or {}
        roles, _ = office_roles(p.get("title_en") or "", iso)
        if not holder.get("name_en") or not roles:
            continue
        out.append((position, holder, roles[0], p["title_en"]))
    if len(out) == 2 and out[0][1].get("wikidata_id") == out[1][1].get("wikidata_id") \
            and out[0][2] != out[1][2]:
        out = out[1:]
    return out


def _positions_by_name(country: dict | None, iso: str) -> dict[str, tuple]:
    if not country:
        return {}
    return {p[0]: p for p in _positions(country, iso)}


def _holding(iso, position, holder, role, title, start, end, as_of, seen) -> Iterator:
    qid = holder.get("wikidata_id")
    person = f"{SOURCE_ID}:{qid or holder['name_en']}"
    office = office_key(iso, role)
    if person not in seen:
        seen.add(person)
        native, aliases = {}, []
        local = (holder.get("name_local") or "").strip()
        if local and local != holder["name_en"]:
            if re.search(r"[A-Za-z]", local):
                aliases.append(local)  # "Lê Minh Hưng": same script, another spelling
            elif iso in NATIVE_LANG:
                native[NATIVE_LANG[iso]] = local
        yield PersonRec(key=person, name=holder["name_en"], source=SOURCE_ID, aliases=aliases,
                        native=native, qid=qid, birth_date=holder.get("born"), country=iso)
    if office not in seen:
        seen.add(office)
        yield OfficeRec(key=office, jurisdiction=iso, role=role, title=title, source=SOURCE_ID,
                        kind=KINDS[position] if role in HEAD_ROLES else None)
    if (person, office, start) in seen:
        return  # the president is both head of state and of government
    seen.add((person, office, start))
    yield TenureRec(person=person, office=office, source=SOURCE_ID, as_of=as_of, start=start,
                    end=end, note=f"{position}: {title}")
