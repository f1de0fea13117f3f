"""The knowledge base as the checker sees it: a read-only SQLite file and its questions.

Every question about an office is asked "on this date"; when no source covers the date the
answer is unknown, never false. Building the file is build.py's job; the schema lives here.
Errors: KBError (no KB, unreadable KB).
"""
from __future__ import annotations

import calendar
import json
import os
import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import platformdirs
from rapidfuzz import fuzz, process

from ..errors import KBError  # noqa: F401  (raised here, re-exported by newscheck.kb)
from ..names import norm, skeleton
from ..roles import role_key

SCHEMA_VERSION = "1"

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE source (id TEXT PRIMARY KEY, name TEXT, licence TEXT, url TEXT, as_of TEXT,
    priority INTEGER, attribution TEXT, missing INTEGER DEFAULT 0, grp TEXT, detail TEXT);
CREATE TABLE person (id INTEGER PRIMARY KEY, key TEXT, name TEXT, qid TEXT, birth_date TEXT, country TEXT);
CREATE TABLE person_key (key TEXT PRIMARY KEY, person_id INTEGER);
CREATE TABLE person_alias (person_id INTEGER, alias TEXT, norm TEXT, skeleton TEXT,
    surname_norm TEXT, surname_skeleton TEXT, kind TEXT, source_id TEXT);
CREATE TABLE office (id INTEGER PRIMARY KEY, key TEXT UNIQUE, jurisdiction TEXT, role TEXT, kind TEXT, title TEXT);
CREATE TABLE office_alias (office_id INTEGER, title TEXT, norm TEXT);
CREATE TABLE tenure (id INTEGER PRIMARY KEY, person_id INTEGER, office_id INTEGER,
    start TEXT, start_precision TEXT, "end" TEXT, end_precision TEXT, acting INTEGER,
    source_id TEXT, as_of TEXT, note TEXT,
    cover_from TEXT, cover_to TEXT);  -- the days the tenure certainly covers
CREATE TABLE org (id INTEGER PRIMARY KEY, key TEXT UNIQUE, name TEXT, jurisdiction TEXT, kind TEXT,
    head_roles TEXT, member_role TEXT, equivalent TEXT, qid TEXT, source_id TEXT);
CREATE TABLE org_alias (org_id INTEGER, alias TEXT, norm TEXT);
CREATE TABLE event (id INTEGER PRIMARY KEY, key TEXT UNIQUE, name TEXT, date TEXT, "end" TEXT, kind TEXT,
    context TEXT, source_id TEXT);
CREATE TABLE event_alias (event_id INTEGER, alias TEXT, norm TEXT);
CREATE TABLE place (id INTEGER PRIMARY KEY, key TEXT UNIQUE, name TEXT, country TEXT, population INTEGER,
    is_capital INTEGER, source_id TEXT);
CREATE TABLE place_alias (place_id INTEGER, alias TEXT, norm TEXT, kind TEXT);
CREATE TABLE country (code TEXT PRIMARY KEY, name TEXT, capital TEXT);
CREATE TABLE country_alias (code TEXT, alias TEXT, norm TEXT, kind TEXT);
CREATE TABLE conflict (office_id INTEGER, on_date TEXT, kept TEXT, dropped TEXT, detail TEXT);
"""

INDEXES = """
CREATE INDEX person_alias_norm ON person_alias(norm);
CREATE INDEX person_alias_skeleton ON person_alias(skeleton);
CREATE INDEX person_alias_surname_norm ON person_alias(surname_norm);
CREATE INDEX person_alias_surname_skeleton ON person_alias(surname_skeleton);
CREATE INDEX person_alias_person ON person_alias(person_id);
CREATE INDEX office_alias_norm ON office_alias(norm);
CREATE INDEX office_role ON office(jurisdiction, role);
CREATE INDEX tenure_office ON tenure(office_id);
CREATE INDEX tenure_person ON tenure(person_id);
CREATE INDEX org_alias_norm ON org_alias(norm);
CREATE INDEX event_alias_norm ON event_alias(norm);
CREATE INDEX place_alias_norm ON place_alias(norm);
CREATE INDEX country_alias_norm ON country_alias(norm);
"""


def default_path() -> Path:
    env = os.environ.get("NEWSCHECK_KB")
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("newscheck")) / "kb.sqlite"


# --- time: which days a tenure certainly covers --------------------------------------------

def _first_day(iso: str) -> date:
    parts = [int(p) for p in iso.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _last_day(iso: str) -> date:
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(*parts)


def certain_span(start: str | None, end: str | None, as_of: str) -> tuple[str, str] | None:
    """The days a tenure surely covers: a start of '2025-07' is sure from 2025-08-01,
    an end of '2025-07' sure until 2025-06-30; an open end runs to the source's as_of."""
    if not start:
        return None
    lo = _first_day(start) if len(start) == 10 else _last_day(start) + timedelta(days=1)
    hi = _last_day(end) if end and len(end) == 10 else (_first_day(end) - timedelta(days=1) if end else _last_day(as_of))
    if lo > hi:
        return None
    return lo.isoformat(), hi.isoformat()


def loose_span(start: str | None, end: str | None, as_of: str) -> tuple[str, str] | None:
    """The days a tenure may cover (used to find sources that disagree)."""
    if not start:
        return None
    hi = _last_day(end) if end else _last_day(as_of)
    lo = _first_day(start)
    return (lo.isoformat(), hi.isoformat()) if lo <= hi else None


# --- what the checker gets back -------------------------------------------------------------

@dataclass(frozen=True)
class Office:
    id: int
    key: str
    jurisdiction: str
    role: str
    kind: str
    title: str


@dataclass(frozen=True)
class Person:
    id: int
    key: str
    name: str
    qid: str | None
    country: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Tenure:
    office: Office
    start: str | None  # ISO date, or YYYY-MM / YYYY at month/year precision
    start_precision: str
    end: str | None
    end_precision: str
    acting: bool
    source: str  # source id
    source_name: str
    as_of: str
    note: str | None = None


@dataclass(frozen=True)
class Holding:
    person: Person
    tenure: Tenure


@dataclass(frozen=True)
class Holders:
    known: bool  # some dated source covers the date, or presumes it (see presumed_from)
    dated: list[Holding]  # who held the offices on the date, from the most trusted source covering it
    undated: list[Holding]  # as-of rows (no start date): accept a name, never prove an error
    as_of: str | None  # newest as_of among the offices' tenures
    # The date is past every source's as-of: `dated` are the holders then, with no known end,
    # presumed still in office; this is the latest day the KB knows them in it.
    presumed_from: str | None = None


PRESUME_DAYS = 730  # past this many days after the KB's last word, a holder is not presumed


@dataclass(frozen=True)
class Org:
    key: str
    name: str
    jurisdiction: str | None
    kind: str | None
    head_roles: tuple[str, ...]
    member_role: str | None
    equivalent: str | None
    source: str


@dataclass(frozen=True)
class Event:
    key: str
    name: str
    date: date
    end: date | None
    kind: str | None
    aliases: tuple[str, ...]
    context: tuple[str, ...]
    source: str
    source_name: str


@dataclass(frozen=True)
class Place:
    key: str
    name: str
    country: str | None
    variants: tuple[str, ...]


def _strip_possessive(key: str) -> str:
    for suffix in ("'s", "s'"):
        if key.endswith(suffix):
            return key[: -len(suffix) + (1 if suffix == "s'" else 0)]
    return key


class KnowledgeBase:
    """Read-only questions to a built KB file."""

    def __init__(self, db: sqlite3.Connection, path: Path):
        self.db = db
        self.path = path
        self._people: dict[int, Person] = {}
        self._offices: dict[int, Office] = {}
        self._countries: dict[str, str] | None = None
        self._capitals: dict[str, str] | None = None
        self._fuzzy: tuple | None = None
        rows = db.execute("SELECT id, name, licence, url, as_of, grp, priority FROM source WHERE NOT missing").fetchall()
        self._source_names = {r[0]: r[1] for r in rows}
        self._priority = {r[0]: r[6] for r in rows}
        self.sources = _grouped_sources(rows)
        for entry in self.sources:  # the curators' word on office holders, not their latest event citation
            if entry["id"] in ("curated", "user"):
                held = db.execute("SELECT max(t.as_of) FROM tenure t JOIN source s ON s.id = t.source_id"
                                  " WHERE s.grp = ?", (entry["id"],)).fetchone()[0]
                entry["as_of"] = held or entry["as_of"]
        # the latest day any source vouches for an office holder (an event's citation is no such word)
        self.as_of = db.execute("SELECT max(as_of) FROM tenure").fetchone()[0] or max(
            (s["as_of"] for s in self.sources if s["as_of"]), default=None)

    @classmethod
    def open(cls, path: str | Path | None = None) -> "KnowledgeBase":
        path = Path(path) if path else default_path()
        if not path.is_file():
            raise KBError(f"no knowledge base at {path}: run `newscheck kb build`")
        try:
            db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
            version = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        except sqlite3.DatabaseError as e:
            raise KBError(f"cannot read the knowledge base at {path} ({e}): run `newscheck kb build`") from None
        if not version or version[0] != SCHEMA_VERSION:
            raise KBError(f"the knowledge base at {path} is from another version: run `newscheck kb build`")
        return cls(db, path)

    def close(self) -> None:
        self.db.close()

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    # --- countries and organisations ---

    def _country_index(self) -> dict[str, str]:
        if self._countries is None:
            self._countries = {n: c for n, c in self.db.execute(
                "SELECT norm, code FROM country_alias ORDER BY kind, rowid DESC")}  # names win over adjectives
        return self._countries

    def country(self, word: str) -> str | None:
        key = _strip_possessive(norm(word))
        index = self._country_index()
        code = index.get(key) or index.get(key.replace(" ", "") if len(key) <= 5 else None)
        if code:
            return code
        org = self.org(word)
        if org and org.jurisdiction and (org.kind == "igo" or not self.country_name(org.jurisdiction)):
            return org.jurisdiction  # NATO, UN, EU act as jurisdictions of their own offices
        return None

    def capital_of(self, name: str) -> str | None:
        """The country whose capital `name` is (Dushanbe -> TJ): news uses capitals for governments."""
        if self._capitals is None:
            self._capitals = {norm(c): code for code, c in self.db.execute(
                "SELECT code, capital FROM country WHERE capital IS NOT NULL")}
            for code, alias in self.db.execute(
                    "SELECT p.country, a.alias FROM place p JOIN place_alias a ON a.place_id = p.id"
                    " WHERE p.is_capital = 1 AND p.country IS NOT NULL"):
                self._capitals.setdefault(norm(alias), code)
        return self._capitals.get(norm(name))

    def country_name(self, code: str) -> str | None:
        row = self.db.execute("SELECT name FROM country WHERE code=?", (code,)).fetchone()
        return row[0] if row else None

    def org(self, name: str) -> Org | None:
        key = _strip_possessive(norm(name))
        row = self.db.execute(
            "SELECT o.key, o.name, o.jurisdiction, o.kind, o.head_roles, o.member_role, o.equivalent, o.source_id"
            " FROM org_alias a JOIN org o ON o.id = a.org_id LEFT JOIN source s ON s.id = o.source_id"
            " WHERE a.norm = ? ORDER BY s.priority, o.id LIMIT 1", (key,)).fetchone()
        if not row:
            return None
        return Org(row[0], row[1], row[2], row[3], tuple(json.loads(row[4] or "[]")), row[5], row[6], row[7])

    # --- offices and who held them ---

    def _office(self, row) -> Office:
        office = self._offices.get(row[0])
        if office is None:
            office = self._offices[row[0]] = Office(*row)
        return office

    def offices(self, jurisdiction: str, role: str) -> list[Office]:
        rows = self.db.execute("SELECT id, key, jurisdiction, role, kind, title FROM office"
                               " WHERE jurisdiction=? AND role=? ORDER BY id", (jurisdiction, role))
        return [self._office(r) for r in rows]

    def office(self, key: str) -> Office | None:
        row = self.db.execute("SELECT id, key, jurisdiction, role, kind, title FROM office WHERE key=?",
                              (key,)).fetchone()
        return self._office(row) if row else None

    def office_by_title(self, title: str) -> list[Office]:
        rows = self.db.execute(
            "SELECT DISTINCT o.id, o.key, o.jurisdiction, o.role, o.kind, o.title FROM office_alias a"
            " JOIN office o ON o.id = a.office_id WHERE a.norm = ? ORDER BY o.id", (norm(title),)).fetchall()
        if rows:
            return [self._office(r) for r in rows]
        # "President of Russia", "Russia's president", "Ukrainian Foreign Minister"
        words = [_strip_possessive(w) for w in norm(title).split()]
        for n in (4, 3, 2, 1):
            for i in range(len(words) - n + 1):
                code = self.country(" ".join(words[i:i + n]))
                if not code:
                    continue
                rest = words[:i] + words[i + n:]
                while rest and rest[-1] in ("of", "the", "for"):
                    rest.pop()
                while rest and rest[0] in ("the",):
                    rest.pop(0)
                role = role_key(" ".join(rest), code) if rest else None
                if role:
                    return self.offices(code, role)
        return []

    def _tenure_rows(self, where: str, args) -> list[tuple[Tenure, int, int]]:
        rows = self.db.execute(
            "SELECT t.person_id, o.id, o.key, o.jurisdiction, o.role, o.kind, o.title, t.start, t.start_precision,"
            " t.\"end\", t.end_precision, t.acting, t.source_id, t.as_of, t.note, t.cover_from, t.cover_to"
            f" FROM tenure t JOIN office o ON o.id = t.office_id WHERE {where}", args).fetchall()
        out = []
        for r in rows:
            tenure = Tenure(self._office(r[1:7]), r[7], r[8], r[9], r[10], bool(r[11]), r[12],
                            self._source_names.get(r[12], r[12]), r[13], r[14])
            out.append((tenure, r[0], (r[15], r[16])))
        return out

    def holders(self, offices: list[Office], on: date) -> Holders:
        if not offices:
            return Holders(False, [], [], None)
        day = on.isoformat()
        marks = ",".join("?" * len(offices))
        rows = self._tenure_rows(f"t.office_id IN ({marks})", [o.id for o in offices])
        covering = [(t, pid) for t, pid, (lo, hi) in rows if lo and lo <= day <= hi]
        presumed_from = None
        if not covering:  # past what the sources vouch for: the holders with no known end go on
            horizon = (on - timedelta(days=PRESUME_DAYS)).isoformat()
            # an open tenure another person's later start ended (a source that missed the change) is not presumed
            starts = [(lo, pid) for t, pid, (lo, hi) in rows if lo and lo <= day]
            covering = [(t, pid) for t, pid, (lo, hi) in rows
                        if lo and t.end is None and lo <= day and horizon <= hi < day
                        and not any(other != pid and lo < later for later, other in starts)]
            presumed_from = max((hi for t, pid, (lo, hi) in rows if lo and t.end is None and horizon <= hi < day),
                                default=None)
        dated: list[Holding] = []
        if covering:
            best = min(self._priority.get(t.source, 9) for t, _ in covering)
            by_person: dict[int, Tenure] = {}
            for t, pid in covering:
                if self._priority.get(t.source, 9) == best:
                    if pid not in by_person or t.as_of > by_person[pid].as_of:
                        by_person[pid] = t
            dated = [Holding(self.person_by_id(pid), t) for pid, t in by_person.items()]
            dated.sort(key=lambda h: h.tenure.start or "", reverse=True)
        undated = [Holding(self.person_by_id(pid), t) for t, pid, _ in rows if not t.start]
        undated.sort(key=lambda h: h.tenure.as_of, reverse=True)
        as_of = max((t.as_of for t, _, _ in rows if t.as_of), default=None)
        return Holders(bool(dated), dated, undated, as_of, presumed_from if dated else None)

    def next_start(self, office: Office, person: Person, after: str) -> str | None:
        """The first day after `after` that someone else's dated tenure of the office begins."""
        row = self.db.execute("SELECT min(cover_from) FROM tenure WHERE office_id = ? AND person_id != ?"
                              " AND cover_from > ?", (office.id, person.id, after)).fetchone()
        return row[0] if row else None

    def first_dated(self, offices: list[Office]) -> str | None:
        """The first day the KB knows a holder of any of these offices."""
        marks = ",".join("?" * len(offices))
        row = self.db.execute(f"SELECT min(cover_from) FROM tenure WHERE office_id IN ({marks})",
                              [o.id for o in offices]).fetchone()
        return row[0] if row else None

    def tenures(self, person: Person) -> list[Tenure]:
        rows = self._tenure_rows("t.person_id = ?", (person.id,))
        tenures = [t for t, _, _ in rows]
        tenures.sort(key=lambda t: (t.start or t.as_of or ""), reverse=True)
        return tenures

    # --- people ---

    def person_by_id(self, pid: int) -> Person:
        person = self._people.get(pid)
        if person is None:
            row = self.db.execute("SELECT id, key, name, qid, country FROM person WHERE id=?", (pid,)).fetchone()
            aliases = tuple(a for (a,) in self.db.execute(
                "SELECT alias FROM person_alias WHERE person_id=? ORDER BY rowid", (pid,)))
            person = self._people[pid] = Person(row[0], row[1], row[2], row[3], row[4], aliases)
        return person

    def person_by_key(self, key: str) -> Person | None:
        row = self.db.execute("SELECT person_id FROM person_key WHERE key=?", (key,)).fetchone()
        return self.person_by_id(row[0]) if row else None

    def _people_where(self, column: str, value: str) -> list[Person]:
        if not value:
            return []
        ids = [pid for (pid,) in self.db.execute(
            f"SELECT DISTINCT person_id FROM person_alias WHERE {column} = ? ORDER BY person_id", (value,))]
        return [self.person_by_id(pid) for pid in ids]

    def find_person(self, name: str) -> list[Person]:
        return self._people_where("norm", norm(name)) or self._people_where("skeleton", skeleton(name))

    def find_by_surname(self, surname: str) -> list[Person]:
        key = norm(surname)
        if not key:
            return []
        ids = [pid for (pid,) in self.db.execute(
            "SELECT DISTINCT person_id FROM person_alias WHERE surname_norm = ? OR surname_skeleton = ?"
            " ORDER BY person_id", (key, skeleton(surname)))]
        return [self.person_by_id(pid) for pid in ids]

    def _fuzzy_index(self):
        if self._fuzzy is None:
            full: dict[str, set[int]] = {}
            last: dict[str, set[int]] = {}
            norms: dict[tuple[int, str], str] = {}
            for pid, n, skel, sur_n, sur_s in self.db.execute(
                    "SELECT person_id, norm, skeleton, surname_norm, surname_skeleton FROM person_alias"):
                full.setdefault(skel, set()).add(pid)
                last.setdefault(sur_s, set()).add(pid)
                norms.setdefault((pid, skel), n)
                norms.setdefault((pid, sur_s), sur_n)
            self._fuzzy = (list(full), full, list(last), last, norms)
        return self._fuzzy

    def similar_people(self, name: str, limit: int = 5) -> list[tuple[Person, float]]:
        """People whose name looks like `name` (a misspelling, a garbled transliteration).

        A one-word name is compared with surnames, a longer one with full names, on
        skeletons; the spelling itself (norm) breaks ties: Wittkowff is nearer Witkoff than Vitkov.
        """
        query_skel, query_norm = skeleton(name), norm(name)
        if not query_skel:
            return []
        full_keys, full, last_keys, last, norms = self._fuzzy_index()
        words = query_skel.split()
        keys, owners = (last_keys, last) if len(words) == 1 else (full_keys, full)
        queries = [query_skel] + ([f"{words[1]} {words[0]}"] if len(words) == 2 else [])  # Xi Jinping / Jinping Xi
        best: dict[int, float] = {}
        for query in queries:
            for key, score, _ in process.extract(query, keys, scorer=fuzz.ratio, limit=limit * 4, score_cutoff=60):
                for pid in owners[key]:
                    spelled = norms.get((pid, key), key)
                    combined = 0.7 * score + 0.3 * fuzz.ratio(query_norm, spelled)
                    best[pid] = max(best.get(pid, 0.0), combined)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [(self.person_by_id(pid), round(score, 1)) for pid, score in ranked]

    # --- events, places, any name ---

    def events(self) -> list[Event]:
        out = []
        for eid, key, name, start, end, kind, context, source in self.db.execute(
                "SELECT id, key, name, date, \"end\", kind, context, source_id FROM event ORDER BY date"):
            aliases = tuple(a for (a,) in self.db.execute("SELECT alias FROM event_alias WHERE event_id=?", (eid,)))
            out.append(Event(key, name, _first_day(start), _first_day(end) if end else None, kind, aliases,
                             tuple(json.loads(context or "[]")), source, self._source_names.get(source, source)))
        return out

    def place(self, name: str) -> Place | None:
        row = self.db.execute(
            "SELECT p.id, p.key, p.name, p.country FROM place_alias a JOIN place p ON p.id = a.place_id"
            " LEFT JOIN source s ON s.id = p.source_id WHERE a.norm = ?"
            # curated spellings first, then the biggest place: Odessa is Odesa before Odessa, Texas
            " ORDER BY s.priority, p.population DESC, a.kind = 'name' DESC LIMIT 1",
            (norm(name),)).fetchone()
        if not row:
            return None
        variants = tuple(a for (a,) in self.db.execute(
            "SELECT alias FROM place_alias WHERE place_id=? AND kind='variant'", (row[0],)))
        return Place(row[1], row[2], row[3], variants)

    def is_given_name(self, word: str) -> bool:
        """Some person in the KB has this first name."""
        key = norm(word)
        return bool(key) and self.db.execute(
            "SELECT 1 FROM person_alias WHERE norm >= ? AND norm < ? LIMIT 1", (key + " ", key + "!")).fetchone() is not None

    def is_known_name(self, text: str) -> bool:
        key = norm(text)
        if not key:
            return False
        if _strip_possessive(key) in self._country_index():
            return True
        return any(self.db.execute(f"SELECT 1 FROM {table} WHERE norm=? LIMIT 1", (key,)).fetchone()
                   for table in ("person_alias", "place_alias", "org_alias"))

    # --- coverage: how much of a period the KB can vouch for ---

    def offices_of(self, jurisdiction: str) -> list[Office]:
        rows = self.db.execute("SELECT id, key, jurisdiction, role, kind, title FROM office"
                               " WHERE jurisdiction=? ORDER BY key", (jurisdiction,))
        return [self._office(r) for r in rows]

    def known_days(self, office: Office, since: date, until: date) -> int:
        """Days from `since` to `until` (both included) on which a dated tenure certainly names
        the holder of `office`."""
        days, reached = 0, since - timedelta(days=1)
        for lo, hi in self.db.execute("SELECT cover_from, cover_to FROM tenure WHERE office_id=? AND"
                                      " cover_from IS NOT NULL ORDER BY cover_from", (office.id,)):
            lo, hi = max(date.fromisoformat(lo), reached + timedelta(days=1)), min(date.fromisoformat(hi), until)
            if lo <= hi:
                days += (hi - lo).days + 1
                reached = hi
        return days

    def in_use(self, office: Office, since: date, until: date) -> bool:
        """Does any source place the office between `since` and `until` (an undated row counts:
        it lists a holder as of its date)?"""
        for start, end, as_of in self.db.execute('SELECT start, "end", as_of FROM tenure WHERE office_id=?',
                                                 (office.id,)):
            span = loose_span(start, end, as_of) if start else (as_of, as_of)
            if span and span[0] <= until.isoformat() and span[1] >= since.isoformat():
                return True
        return False


def _grouped_sources(rows) -> list[dict]:
    """One entry per dataset; the curated citations (and user facts) count as one source each."""
    out: dict[str, dict] = {}
    for sid, name, licence, url, as_of, grp, _ in rows:
        if grp in ("curated", "user"):
            entry = out.setdefault(grp, {
                "id": grp, "licence": "see each row's citation", "url": None, "as_of": as_of, "citations": 0,
                "name": "newscheck curated facts" if grp == "curated" else "your own facts (kb add)"})
            entry["citations"] += 1
            entry["as_of"] = max(entry["as_of"] or "", as_of or "") or None
        else:
            out[sid] = {"id": sid, "name": name, "licence": licence, "url": url, "as_of": as_of}
    return list(out.values())
