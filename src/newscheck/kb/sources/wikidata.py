"""Streaming reader for Wikidata JSON dumps (latest-all.json, .json.gz, .json.bz2): people
(P31 = Q5) and the offices they held (P39) with dated terms, in constant memory per entity.

A dump lists people before the positions they held, so only compact P39 facts, position
entities and country codes are buffered; positions are resolved to offices at the end.
Not in IMPORTERS: the build calls `read_dump` when it is given a dump file.
"""
from __future__ import annotations

import bz2
import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NamedTuple

from newscheck.kb.records import OfficeRec, PersonRec, SourceRec, TenureRec, office_key

from newscheck.roles import is_exclusive

from .common import day_before, office_roles

SOURCE_ID = "wikidata"
DEFAULT_AS_OF = "2025-02-20"  # pass the dump's own date for a real dump
LANGS = ("en", "uk", "ru")
PRECISION = {9: "year", 10: "month", 11: "day"}
HUMAN = "Q5"
# Classes whose instances are offices: "position", "public office", "political office",
# "head of state", "head of government", "minister", "position in government".
POSITION_CLASSES = {"Q4164871", "Q294414", "Q7210356", "Q48352", "Q2285706", "Q83307",
                    "Q114962596", "Q30461", "Q14212", "Q1553195"}
# Organisations that are jurisdictions of their own.
ORG_CODES = {"Q1065": "UN", "Q7184": "NATO", "Q458": "EU", "Q81299": "OSCE"}
# Countries, for dumps that do not contain the country entities (and their P297).
COUNTRY_ISO = {"Q212": "UA", "Q159": "RU", "Q30": "US", "Q145": "GB", "Q183": "DE", "Q142": "FR",
               "Q184": "BY", "Q36": "PL", "Q148": "CN", "Q17": "JP", "Q38": "IT", "Q16": "CA",
               "Q43": "TR", "Q794": "IR", "Q801": "IL", "Q668": "IN", "Q155": "BR", "Q217": "MD",
               "Q230": "GE", "Q29": "ES", "Q55": "NL", "Q31": "BE", "Q34": "SE", "Q33": "FI"}
# Well-known positions (QIDs from the everypolitician position tables), used when the dump
# does not contain the position entity.
POSITIONS = {
    "Q11696": ("US", "president"), "Q11699": ("US", "vice_president"),
    "Q14213": ("US", "foreign_minister"), "Q735015": ("US", "defence_minister"),
    "Q4215834": ("US", "finance_minister"), "Q1414246": ("US", "national_security_adviser"),
    "Q786242": ("US", "chief_of_staff"),
    "Q579677": ("UA", "president"), "Q1145714": ("UA", "prime_minister"),
    "Q16147568": ("UA", "first_deputy_prime_minister"), "Q16168515": ("UA", "deputy_prime_minister"),
    "Q33006385": ("UA", "defence_minister"), "Q6866156": ("UA", "foreign_minister"),
    "Q25525260": ("UA", "finance_minister"), "Q12131528": ("UA", "interior_minister"),
    "Q55957045": ("UA", "justice_minister"), "Q107620801": ("UA", "energy_minister"),
    "Q107694043": ("UA", "economy_minister"), "Q16715787": ("UA", "security_council_secretary"),
    "Q97593102": ("UA", "presidential_office_head"),
    "Q218295": ("RU", "president"), "Q842386": ("RU", "prime_minister"),
    "Q1418873": ("RU", "foreign_minister"), "Q17287317": ("RU", "defence_minister"),
    "Q107724511": ("RU", "finance_minister"), "Q4399968": ("RU", "interior_minister"),
    "Q107688672": ("RU", "justice_minister"), "Q107724562": ("RU", "energy_minister"),
    "Q107688593": ("RU", "economy_minister"), "Q109551787": ("RU", "security_council_secretary"),
    "Q109551858": ("RU", "central_bank_governor"),
    "Q81066": ("UN", "secretary_general"),
}


@dataclass
class DumpStats:
    lines: int = 0
    entities: int = 0
    malformed: int = 0  # lines that are not one JSON entity
    odd_shapes: int = 0  # entities with `[]` where an object belongs (PHP's empty array)
    people: int = 0
    terms: int = 0  # P39 statements kept
    skipped_terms: int = 0  # deprecated, somevalue/novalue positions, unknown end dates
    unresolved: int = 0  # terms whose position we could not map to an office


class _Term(NamedTuple):
    person: str
    position: str
    start: str | None
    start_precision: str
    end: str | None
    end_precision: str
    preferred: bool


def source(as_of: str) -> SourceRec:
    return SourceRec(id=SOURCE_ID, name=f"Wikidata JSON dump of {as_of}", licence="CC0 1.0",
                     url="https://dumps.wikimedia.org/wikidatawiki/entities/", as_of=as_of, priority=1)


def _open(path: Path):
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    if path.suffix == ".bz2":
        return bz2.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def entities(path: Path, stats: DumpStats) -> Iterator[dict]:
    """One entity per line; '[' and ']' lines and trailing commas are the array around them."""
    with _open(Path(path)) as f:
        for line in f:
            stats.lines += 1
            line = line.strip().rstrip(",")
            if line in ("", "[", "]"):
                continue
            try:
                entity = json.loads(line)
            except ValueError:
                stats.malformed += 1
                continue
            if not isinstance(entity, dict) or not isinstance(entity.get("id"), str):
                stats.malformed += 1
                continue
            stats.entities += 1
            if any(isinstance(entity.get(k), list) for k in ("labels", "descriptions", "aliases", "claims")):
                stats.odd_shapes += 1
            yield entity


def _mapping(entity: dict, key: str) -> dict:
    value = entity.get(key)
    return value if isinstance(value, dict) else {}


def _item(datavalue: dict | None) -> str | None:
    """The QID of an item value, in the current ({'id': 'Q5'}) or the old
    ({'entity-type': 'item', 'numeric-id': 5}) layout."""
    value = (datavalue or {}).get("value")
    if not isinstance(value, dict):
        return None
    if value.get("id"):
        return value["id"]
    if value.get("entity-type") == "item" and value.get("numeric-id") is not None:
        return f"Q{value['numeric-id']}"
    return None


def _statements(claims: dict, prop: str) -> list[dict]:
    found = claims.get(prop)
    return [st for st in found if isinstance(st, dict)] if isinstance(found, list) else []


def _values(claims: dict, prop: str) -> list[str]:
    out = []
    for st in _statements(claims, prop):
        snak = st.get("mainsnak") or {}
        if st.get("rank") != "deprecated" and snak.get("snaktype") == "value":
            if isinstance(snak.get("datavalue", {}).get("value"), str):
                out.append(snak["datavalue"]["value"])
            elif _item(snak.get("datavalue")):
                out.append(_item(snak["datavalue"]))
    return out


def _time(snaks: list | None) -> tuple[str | None, str] | None:
    """(ISO date, precision) of a P580/P582 qualifier; (None, 'day') when absent or 'novalue';
    None when the date exists but is unknown ('somevalue') or coarser than a year."""
    if not snaks:
        return None, "day"
    snak = snaks[0]
    if snak.get("snaktype") == "novalue":
        return None, "day"
    if snak.get("snaktype") != "value":
        return None
    value = snak.get("datavalue", {}).get("value", {})
    m = re.match(r"\+(\d{4})-(\d\d)-(\d\d)", value.get("time", ""))
    precision = PRECISION.get(value.get("precision"))
    if not m or not precision:
        return None
    year, month, day = m.groups()
    if precision == "year":
        return f"{year}-01-01", precision
    if precision == "month":
        return f"{year}-{month}-01", precision
    return f"{year}-{month}-{day}", precision


def _terms(qid: str, claims: dict, stats: DumpStats) -> list[_Term]:
    terms = []
    for st in _statements(claims, "P39"):
        snak = st.get("mainsnak") or {}
        position = _item(snak.get("datavalue")) if snak.get("snaktype") == "value" else None
        qualifiers = st.get("qualifiers") or {}
        start = _time(qualifiers.get("P580"))
        end = _time(qualifiers.get("P582"))
        if st.get("rank") == "deprecated" or not position or start is None or end is None:
            stats.skipped_terms += 1
            continue
        terms.append(_Term(qid, position, *start, *end, st.get("rank") == "preferred"))
    # One statement per position and start: a preferred one wins over its normal duplicate.
    best: dict[tuple, _Term] = {}
    for t in terms:
        key = (t.position, t.start)
        if key not in best or (t.preferred and not best[key].preferred):
            best[key] = t
    stats.skipped_terms += len(terms) - len(best)
    return list(best.values())


def _names(entity: dict) -> tuple[dict[str, str], list[str]]:
    labels = {lang: v.get("value") for lang, v in _mapping(entity, "labels").items()
              if lang in LANGS and isinstance(v, dict)}
    aliases = []
    for lang, values in _mapping(entity, "aliases").items():
        if lang == "en" and isinstance(values, list):
            aliases += [v.get("value") for v in values if isinstance(v, dict) and v.get("value")]
    return labels, aliases


def read_dump(path: Path, stats: DumpStats | None = None, as_of: str = DEFAULT_AS_OF,
              only_positions: set[str] | None = None) -> Iterator:
    """PersonRecs as they stream past, then OfficeRecs and TenureRecs once positions are known.

    `only_positions` keeps just the terms in those position QIDs (a whitelist for a full dump).
    """
    stats = stats if stats is not None else DumpStats()
    terms: list[_Term] = []
    positions: dict[str, tuple[str, list[str]]] = {}  # QID -> (English label, jurisdiction QIDs)
    country_iso: dict[str, str] = {}
    wanted: set[str] = set()  # positions people held so far: kept even without a known class
    for entity in entities(path, stats):
        try:
            found = _entity(entity, stats, positions, country_iso, wanted, only_positions)
        except (AttributeError, KeyError, TypeError, ValueError):
            stats.malformed += 1  # an entity whose inner layout is not the dump's
            continue
        if found:
            person, held = found
            stats.people += 1
            stats.terms += len(held)
            terms += held
            wanted.update(t.position for t in held)
            yield person
    yield from _offices_and_tenures(terms, positions, country_iso, stats, as_of)


def _entity(entity: dict, stats: DumpStats, positions: dict, country_iso: dict, wanted: set,
            only_positions: set | None) -> tuple[PersonRec, list[_Term]] | None:
    """Note a country or position entity; for a person who held offices, (PersonRec, terms)."""
    qid = entity["id"]
    claims = _mapping(entity, "claims")
    instance_of = set(_values(claims, "P31"))
    if iso := _values(claims, "P297"):
        country_iso[qid] = iso[0].upper()
    if instance_of & POSITION_CLASSES or qid in wanted:
        labels, _ = _names(entity)
        positions[qid] = (labels.get("en") or "", _values(claims, "P1001") + _values(claims, "P17"))
    if HUMAN not in instance_of or "P39" not in claims:
        return None
    held = [t for t in _terms(qid, claims, stats) if only_positions is None or t.position in only_positions]
    labels, aliases = _names(entity)
    name = labels.get("en") or labels.get("uk") or labels.get("ru")
    if not held or not name:
        return None
    person = PersonRec(key=f"{SOURCE_ID}:{qid}", name=name, source=SOURCE_ID, qid=qid,
                       aliases=[a for a in dict.fromkeys(aliases) if a != name],
                       native={lang: labels[lang] for lang in ("uk", "ru") if labels.get(lang)})
    return person, held


def _office(position: str, positions: dict, country_iso: dict) -> tuple[str, str, str] | None:
    """(jurisdiction, role, title) of a position QID."""
    if position in positions:
        label, places = positions[position]
        for place in places:
            jurisdiction = ORG_CODES.get(place) or country_iso.get(place) or COUNTRY_ISO.get(place)
            if jurisdiction:
                roles, _ = office_roles(label, jurisdiction)
                if roles:
                    return jurisdiction, roles[0], label
    if position in POSITIONS:
        jurisdiction, role = POSITIONS[position]
        return jurisdiction, role, positions.get(position, ("",))[0] or role
    return None


def relevant(entity: dict, wanted: set[str]) -> bool:
    """Is a dump entity one `read_dump` uses: a person who held offices, a position, a country?
    `wanted` collects the positions people held (a dump lists people before positions)."""
    claims = _mapping(entity, "claims")
    kinds = set(_values(claims, "P31"))
    if HUMAN in kinds and "P39" in claims:
        wanted.update(_values(claims, "P39"))
        return True
    return "P297" in claims or bool(kinds & POSITION_CLASSES) or entity.get("id") in wanted


def dump_as_of(dump: Path) -> str:
    """A dump is as of its date: in its name (latest-all-20250220.json.gz), else the file's."""
    found = re.search(r"(20\d\d)-?([01]\d)-?([0-3]\d)", Path(dump).name)
    return "-".join(found.groups()) if found else date.fromtimestamp(Path(dump).stat().st_mtime).isoformat()


def _offices_and_tenures(terms, positions, country_iso, stats, as_of) -> Iterator:
    resolved, emitted = {}, set()
    for t in terms:
        if t.position not in resolved:
            resolved[t.position] = _office(t.position, positions, country_iso)
        office = resolved[t.position]
        if office is None:
            stats.unresolved += 1
            continue
        jurisdiction, role, title = office
        key = office_key(jurisdiction, role)
        if key not in emitted:
            emitted.add(key)
            yield OfficeRec(key=key, jurisdiction=jurisdiction, role=role, title=title, source=SOURCE_ID)
        yield TenureRec(person=f"{SOURCE_ID}:{t.person}", office=key, source=SOURCE_ID, as_of=as_of,
                        start=t.start, start_precision=t.start_precision, end=t.end,
                        end_precision=t.end_precision, note=f"P39 {t.position}")


# --- SPARQL results (`newscheck kb update`) -------------------------------------------------

SPARQL_SOURCE_ID = "wikidata-sparql"
_ENTITY = re.compile(r"^http://www\.wikidata\.org/entity/(Q\d+)$")


def sparql_source(as_of: str) -> SourceRec:
    return SourceRec(id=SPARQL_SOURCE_ID, name=f"Wikidata (query.wikidata.org) of {as_of}", licence="CC0 1.0",
                     url="https://query.wikidata.org/", as_of=as_of, priority=1)


def _bound(row: dict, var: str) -> str | None:
    value = (row.get(var) or {}).get("value")
    return value if isinstance(value, str) and value else None


def _sparql_time(row: dict, var: str) -> tuple[str | None, str] | None:
    """(ISO date, precision) of a bound `?start`/`?end` with its `?startPrecision`; (None, 'day')
    when unbound; None for a date coarser than a year or not a date."""
    value = _bound(row, var)
    if value is None:
        return None, "day"
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", value)
    precision = PRECISION.get(int(_bound(row, var + "Precision") or 11))
    if not m or not precision:
        return None
    year, month, day = m.groups()
    return {"year": f"{year}-01-01", "month": f"{year}-{month}-01", "day": f"{year}-{month}-{day}"}[precision], precision


def read_sparql(results: dict, stats: DumpStats | None = None, as_of: str = DEFAULT_AS_OF) -> Iterator:
    """The records of a `application/sparql-results+json` answer to `kb.update.QUERY` (one row per
    P39 statement: ?person ?personLabel ?position ?positionLabel ?start ?end ...), the same as a
    dump gives for those people. An open term of a one-holder office that someone else's later
    term follows is ended the day before it (Wikidata often lacks the end); a dead person's open term is dropped."""
    stats = stats if stats is not None else DumpStats()
    positions: dict[str, tuple[str, list[str]]] = {}
    country_iso: dict[str, str] = {}
    people: dict[str, PersonRec] = {}
    terms: list[_Term] = []
    for row in results.get("results", {}).get("bindings", []):
        stats.entities += 1
        person, position = (_ENTITY.match(_bound(row, v) or "") for v in ("person", "position"))
        start, end = _sparql_time(row, "start"), _sparql_time(row, "end")
        if not person or not position or start is None or end is None or not start[0] \
                or (end[0] is None and _bound(row, "died")) or (end[0] and end[0] < start[0]):
            stats.skipped_terms += 1
            continue
        qid, pos = person.group(1), position.group(1)
        jurisdiction = _ENTITY.match(_bound(row, "jurisdiction") or "")
        label = positions.get(pos, (_bound(row, "positionLabel") or "", []))
        if jurisdiction and jurisdiction.group(1) not in label[1]:
            label[1].append(jurisdiction.group(1))
            if _bound(row, "iso"):
                country_iso[jurisdiction.group(1)] = _bound(row, "iso").upper()
        positions[pos] = label
        name = _bound(row, "personLabel")
        if qid not in people and name and name != qid:
            native = {lang: _bound(row, f"{lang}Label") for lang in ("uk", "ru") if _bound(row, f"{lang}Label")}
            people[qid] = PersonRec(key=f"{SOURCE_ID}:{qid}", name=name, source=SPARQL_SOURCE_ID, qid=qid, native=native)
        if qid in people:
            terms.append(_Term(qid, pos, *start, *end, _bound(row, "rank") == "http://wikiba.se/ontology#PreferredRank"))
    best: dict[tuple, _Term] = {}
    for t in terms:  # one statement per person, position and start: a preferred one wins
        key = (t.person, t.position, t.start)
        if key not in best or (t.preferred and not best[key].preferred):
            best[key] = t
    stats.skipped_terms += len(terms) - len(best)
    terms = _end_open_terms(list(best.values()), positions, country_iso)
    stats.people, stats.terms = len({t.person for t in terms}), len(terms)
    yield from (people[q] for q in sorted({t.person for t in terms}))
    for rec in _offices_and_tenures(terms, positions, country_iso, stats, as_of):
        if isinstance(rec, (OfficeRec, TenureRec)):
            rec.source = SPARQL_SOURCE_ID
        yield rec


def _end_open_terms(terms: list[_Term], positions: dict, country_iso: dict) -> list[_Term]:
    by_position: dict[str, list[_Term]] = {}
    for t in terms:
        by_position.setdefault(t.position, []).append(t)
    out = []
    for position, held in by_position.items():
        office = _office(position, positions, country_iso)
        exclusive = office is not None and is_exclusive(office[1])
        for t in held:
            later = sorted((o for o in held if o.person != t.person and o.start > t.start), key=lambda o: o.start)
            if exclusive and t.end is None and later:
                nxt = later[0]  # a successor known to the year only ends it within that year
                t = t._replace(end=day_before(nxt.start) if nxt.start_precision == "day" else nxt.start,
                               end_precision=nxt.start_precision)
            out.append(t)
    return out
