"""`newscheck kb ...`: build the knowledge base, look into it, add your own facts, update it
from Wikidata.

The lead's newscheck/cli.py calls `register(subparsers)`; each handler returns an exit code
(0 ok, 1 not found, 2 user mistake, printed as one line). The work is done by build.py and store.py.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

from . import curated, update
from .build import build_kb, default_sources_dir, default_updates_dir, default_user_dir
from .store import KBError, KnowledgeBase, default_path

G20 = ["AR", "AU", "BR", "CA", "CN", "FR", "DE", "IN", "ID", "IT", "JP", "MX", "RU", "SA", "ZA", "KR", "TR",
       "GB", "US", "EU"]
HEAD_ROLES = {"HoS": ("president", "monarch", "supreme_leader"), "HoG": ("prime_minister", "chancellor")}
EU_HEAD_ROLES = {"Commission": ("commission_president",), "Council": ("council_president",)}
COVERAGE = G20 + ["UA"]  # RU is a G20 member already
COVERAGE_SINCE = date(2022, 1, 1)
# Columns of the coverage table: office kinds (roles.ROLES) put together.
COVERAGE_KINDS = {"head of state": ("head_of_state",), "head of govt": ("head_of_government",),
                  "deputies": ("deputy_head_of_state", "deputy_head_of_government"), "ministers": ("minister",),
                  "central bank": ("central_bank",), "intl heads": ("head_of_international_organisation",)}
STALE_DAYS = 90  # warn when the newest dated office holders are older than this


class UserError(Exception):
    """A mistake the user can fix; printed as one line, exit code 2."""


def register(subparsers) -> None:
    kb = subparsers.add_parser("kb", help="build and query the knowledge base")
    sub = kb.add_subparsers(dest="kb_command", metavar="COMMAND", required=True)

    def command(name, func, help):
        p = sub.add_parser(name, help=help)
        p.add_argument("--kb", metavar="PATH", help="knowledge base file (default: $NEWSCHECK_KB or the user data dir)")
        p.set_defaults(func=lambda args: _run(func, args))
        return p

    p = command("build", cmd_build, "build the knowledge base from curated facts and kb-sources")
    p.add_argument("--sources", metavar="DIR", help="kb-sources folder (default: $NEWSCHECK_SOURCES or ../shared/kb-sources)")
    p.add_argument("--wikidata", metavar="DUMP", nargs="+", default=[], help="Wikidata JSON dumps to import")
    p.add_argument("--allow-noncommercial", action="store_true",
                   help="also read sources licensed for non-commercial use only (peppercat, CC BY-NC 4.0)")
    p = command("stats", cmd_stats, "what the knowledge base covers, and as of when")
    p.add_argument("--country", metavar="XX", help="coverage of each office of one country (ISO code, or EU, UN, NATO)")
    p = command("update", cmd_update, "refresh office holders from Wikidata and rebuild")
    p.add_argument("--dump", metavar="FILE", help="read a Wikidata JSON dump instead of asking query.wikidata.org")
    p = command("who", cmd_who, "who held an office on a date")
    p.add_argument("office", help='office title, e.g. "President of Russia"')
    p.add_argument("--on", metavar="DATE", help="ISO date (default: today)")
    p = command("person", cmd_person, "a person's offices and aliases")
    p.add_argument("name", nargs="+")
    p = command("add", cmd_add, "add your own facts file (curated format) and rebuild")
    p.add_argument("file", metavar="FILE.yaml")


def main(argv: list[str] | None = None) -> int:
    """Run `kb ...` on its own (tests, `python -m newscheck.kb.cli kb stats`)."""
    parser = argparse.ArgumentParser(prog="newscheck")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


def _run(func, args) -> int:
    try:
        return func(args)
    except (UserError, KBError, update.UpdateError) as e:
        print(f"newscheck kb {args.kb_command}: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `newscheck kb stats | head`
        sys.stdout = open(os.devnull, "w")
        return 0


def _open(args) -> KnowledgeBase:
    return KnowledgeBase.open(args.kb or default_path())


def _parse_date(text: str | None) -> date:
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(f"bad date '{text}': use YYYY-MM-DD") from None


def _span(start, end, as_of) -> str:
    return f"{start or '?'} .. {end or f'(in office as of {as_of})'}"


# --- build ---

def cmd_build(args) -> int:
    sources = Path(args.sources) if args.sources else default_sources_dir()
    if args.sources and not sources.is_dir():
        raise UserError(f"no such folder: {args.sources}")
    for dump in args.wikidata:
        if not Path(dump).is_file():
            raise UserError(f"no such file: {dump}")
    if sources is None:
        print("no kb-sources folder found (set NEWSCHECK_SOURCES or use --sources): building from curated facts only")
    stats = build_kb(args.kb or default_path(), sources, [Path(d) for d in args.wikidata],
                     allow_noncommercial=args.allow_noncommercial)
    if stats.missing:
        print(f"{len(stats.missing)} source(s) missing; the KB covers less without them (see docs/kb.md)")
    return 0


# --- who ---

def cmd_who(args) -> int:
    on = _parse_date(args.on)
    kb = _open(args)
    offices = kb.office_by_title(args.office)
    if not offices:
        print(f"unknown office '{args.office}': no office with that title in the knowledge base")
        return 1
    holders = kb.holders(offices, on)
    titles = "; ".join(f"{o.title} [{o.key}]" for o in offices)
    print(f"{titles} on {on}:")
    for h in holders.dated:
        t = h.tenure
        acting = " (acting)" if t.acting else ""
        print(f"  {h.person.name}{acting}  {_span(t.start, t.end, t.as_of)}  source: {t.source} ({t.source_name}), as of {t.as_of}")
    if holders.presumed_from:
        print(f"  presumed: the sources know this office only up to {holders.presumed_from}; "
              f"the holder{'s' * (len(holders.dated) > 1)} then, with no known end, {'are' if len(holders.dated) > 1 else 'is'} presumed still in office")
    if not holders.known:
        if holders.as_of and on.isoformat() > holders.as_of:
            reason = f"the sources know this office only up to {holders.as_of}"
        elif holders.as_of:
            reason = "no dated source covers this date with certainty"
        else:
            reason = "no source lists a holder of this office"
        print(f"  unknown: {reason}")
        for h in holders.undated[:3]:
            print(f"  as of {h.tenure.as_of}, {h.tenure.source} lists {h.person.name} (undated; not proof)")
    return 0


# --- person ---

def cmd_person(args) -> int:
    name = " ".join(args.name)
    kb = _open(args)
    people = kb.find_person(name)
    if not people and len(name.split()) == 1:
        people = kb.find_by_surname(name)  # "Zelenskiy": news often names people by surname
    if not people:
        print(f"no exact match for '{name}'; nearest known people:")
        for person, score in kb.similar_people(name):
            print(f"  {person.name}  ({person.country or '?'}, score {score:.0f})")
        return 1
    for person in people:
        ids = ", ".join(x for x in (person.key, person.country, person.qid) if x)
        print(f"{person.name}  [{ids}]")
        print(f"  aliases: {'; '.join(person.aliases)}")
        for t in kb.tenures(person):
            acting = " (acting)" if t.acting else ""
            print(f"  {t.office.title}{acting} [{t.office.key}]  {_span(t.start, t.end, t.as_of)}  source: {t.source}")
    return 0


# --- add ---

def cmd_add(args) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise UserError(f"no such file: {args.file}")
    kb_path = Path(args.kb) if args.kb else default_path()
    settings = _settings(kb_path)
    known: set[str] = set()
    if kb_path.is_file():
        kb = KnowledgeBase.open(kb_path)
        known |= {k for (k,) in kb.db.execute("SELECT key FROM person_key")}
        kb.close()
    curated_dir = Path(settings["curated_dir"]) if settings.get("curated_dir") else None
    known |= {r.key for r in _curated_people(curated_dir)}
    try:
        curated.load([path], known, priority=0, alias_kind="user")
    except curated.CuratedError as e:
        for line in e.lines:
            print(line, file=sys.stderr)
        print(f"newscheck kb add: nothing added ({len(e.lines)} bad row(s))", file=sys.stderr)
        return 2
    user_dir = Path(settings.get("user_dir") or default_user_dir())
    user_dir.mkdir(parents=True, exist_ok=True)
    target = user_dir / path.name
    previous = target.read_bytes() if target.exists() else None
    tmp = target.with_name(target.name + ".tmp")
    shutil.copyfile(path, tmp)
    os.replace(tmp, target)
    try:
        _rebuild(kb_path, settings, user_dir)
    except Exception:
        # Put the facts folder back as it was, so the next build does not trip on this file.
        if previous is None:
            target.unlink()
        else:
            target.write_bytes(previous)
        raise
    print(f"added {path.name} to {user_dir} and rebuilt {kb_path}")
    return 0


def _settings(kb_path: Path) -> dict:
    """What the KB at `kb_path` was built from (empty when there is none yet), to rebuild it alike."""
    if not kb_path.is_file():
        return {}
    kb = KnowledgeBase.open(kb_path)
    settings = {k: kb.meta(k) for k in ("sources_dir", "wikidata", "user_dir", "curated_dir",
                                        "allow_noncommercial", "updates_dir")}
    kb.close()
    return settings


def _rebuild(kb_path: Path, settings: dict, user_dir: Path | None = None):
    if settings:
        sources = Path(settings["sources_dir"]) if settings.get("sources_dir") else None
    else:
        sources = default_sources_dir()
    return build_kb(kb_path, sources, [Path(p) for p in json.loads(settings.get("wikidata") or "[]")],
                    user_dir or (Path(settings["user_dir"]) if settings.get("user_dir") else None),
                    curated_dir=Path(settings["curated_dir"]) if settings.get("curated_dir") else None,
                    allow_noncommercial=bool(settings.get("allow_noncommercial")),
                    updates_dir=Path(settings["updates_dir"]) if settings.get("updates_dir") else None)


def _curated_people(curated_dir: Path | None) -> list:
    from .records import PersonRec

    people = []
    for p in (sorted(curated_dir.glob("*.yaml")) if curated_dir else curated.curated_files()):
        facts, _ = curated.read_file(p)
        people += [r for r in facts.records if isinstance(r, PersonRec)]
    return people


# --- update ---

def cmd_update(args) -> int:
    kb_path = Path(args.kb) if args.kb else default_path()
    settings = _settings(kb_path)
    updates_dir = Path(settings.get("updates_dir") or default_updates_dir())
    if args.dump:
        if not Path(args.dump).is_file():
            raise UserError(f"no such file: {args.dump}")
        saved, stats = update.save_dump(Path(args.dump), updates_dir)
    else:
        saved, stats = update.save_sparql(update.fetch_all(_known_positions(kb_path)), updates_dir, date.today())
    print(f"recorded {stats.terms} dated terms of {stats.people} people from Wikidata in {saved}")
    _rebuild(kb_path, settings)
    print(f"rebuilt {kb_path}; every later `newscheck kb build` reads {updates_dir} too")
    return 0


def _known_positions(kb_path: Path) -> set[str]:
    """Wikidata positions the KB already holds terms of, and the well-known ones."""
    from .sources.wikidata import POSITIONS

    known = set(POSITIONS)
    if kb_path.is_file():
        kb = KnowledgeBase.open(kb_path)
        known |= {note[4:] for (note,) in kb.db.execute("SELECT DISTINCT note FROM tenure WHERE note LIKE 'P39 Q%'")}
        kb.close()
    return known


# --- stats ---

def cmd_stats(args) -> int:
    kb = _open(args)
    db = kb.db
    print(f"knowledge base {kb.path}, built {kb.meta('built_at')}, as of {kb.as_of}")
    offices_as_of = _offices_as_of(kb)
    age = (_today() - offices_as_of).days if offices_as_of else 0
    if age > STALE_DAYS:
        print(f"warning: the newest dated office holders are as of {offices_as_of}, {age} days ago; after that"
              " the checks presume the holders then stay, less surely as time passes: run `newscheck kb update`"
              " (see docs/kb.md)")
    if args.country:
        return _country_coverage(kb, args.country.upper())
    print("sources (as of; tenures, people holding office, orgs, places; licence):")
    for grp, as_of, licence in db.execute(
            # a source's as-of is its latest word on office holders where it has any (not an event's citation)
            "SELECT grp, coalesce((SELECT max(t.as_of) FROM tenure t JOIN source s ON s.id = t.source_id"
            " WHERE s.grp = source.grp), max(as_of)), CASE WHEN grp IN ('curated', 'user') THEN"
            " 'per row, see its citation' ELSE max(licence) END FROM source WHERE NOT missing GROUP BY grp"
            " ORDER BY min(priority), grp").fetchall():
        ids = "SELECT id FROM source WHERE grp = ?"
        tenures, people = db.execute(f"SELECT count(*), count(DISTINCT person_id) FROM tenure"
                                     f" WHERE source_id IN ({ids})", (grp,)).fetchone()
        orgs = db.execute(f"SELECT count(*) FROM org WHERE source_id IN ({ids})", (grp,)).fetchone()[0]
        places = db.execute(f"SELECT count(*) FROM place WHERE source_id IN ({ids})", (grp,)).fetchone()[0]
        print(f"  {grp:24} {as_of or '':10}  {tenures:5} tenures {people:5} people {orgs:4} orgs {places:5} places"
              f"  {licence or '?'}")
    for folder, hint in json.loads(kb.meta("missing") or "[]"):
        print(f"  missing: {folder}: {hint}")
    for folder, why in json.loads(kb.meta("left_out") or "[]"):
        print(f"  left out: {folder}: {why}")
    for name in json.loads(kb.meta("updates") or "[]"):
        print(f"  update: {name} (newscheck kb update)")
    counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("person", "person_alias", "office", "tenure", "org", "event", "place", "country")}
    print("rows: " + ", ".join(f"{v} {k}" for k, v in counts.items()))

    print("coverage by office kind (jurisdictions with any holder / with dated tenures):")
    for kind, anyj, datedj in db.execute(
            "SELECT o.kind, count(DISTINCT o.jurisdiction), count(DISTINCT CASE WHEN t.start IS NOT NULL"
            " THEN o.jurisdiction END) FROM office o JOIN tenure t ON t.office_id = o.id"
            " GROUP BY o.kind ORDER BY 2 DESC"):
        print(f"  {kind:36} {anyj:4} / {datedj:4}")
    heads = db.execute(
        "SELECT count(DISTINCT o.jurisdiction) FROM office o JOIN tenure t ON t.office_id = o.id"
        " WHERE o.kind IN ('head_of_state', 'head_of_government') AND length(o.jurisdiction) = 2").fetchone()[0]
    print(f"countries with a head of state or government: {heads}")

    print("G20 heads, dated coverage 2015-01-01 .. as of:")
    for code in G20:
        roles = EU_HEAD_ROLES if code == "EU" else HEAD_ROLES
        parts = [f"{label} {_coverage(kb, code, r, '2015-01-01')}" for label, r in roles.items()]
        print(f"  {code}  " + "; ".join(parts))
    _coverage_table(kb)
    conflicts = db.execute("SELECT count(*) FROM conflict").fetchone()[0]
    print(f"conflicts resolved: {conflicts}")
    for key, on, kept, dropped, detail in db.execute(
            "SELECT o.key, c.on_date, c.kept, c.dropped, c.detail FROM conflict c JOIN office o ON o.id = c.office_id"
            " ORDER BY c.on_date DESC LIMIT 10"):
        print(f"  {key} {on}: kept {kept}, dropped {dropped} ({detail})")
    return 0


def _today() -> date:
    return date.today()


def _offices_as_of(kb: KnowledgeBase) -> date | None:
    """The newest date any dated tenure is vouched for (curated citations of events do not count)."""
    newest = kb.db.execute("SELECT max(as_of) FROM tenure WHERE cover_from IS NOT NULL").fetchone()[0]
    return date.fromisoformat(newest) if newest else None


def _offices_in_use(kb: KnowledgeBase, code: str, until: date) -> list:
    """The offices of a jurisdiction that some source places after COVERAGE_SINCE (posts that
    ended before are history, not gaps)."""
    return [o for o in kb.offices_of(code) if kb.in_use(o, COVERAGE_SINCE, until)]


def _coverage_table(kb: KnowledgeBase) -> None:
    until = _offices_as_of(kb) or COVERAGE_SINCE
    days = (until - COVERAGE_SINCE).days + 1
    print(f"dated coverage {COVERAGE_SINCE} .. {until}: share of days the KB knows the holder, mean over the"
          " offices in use (how many); per office: kb stats --country XX")
    print("      " + "".join(f"{label:>14}" for label in COVERAGE_KINDS))
    for code in COVERAGE:
        offices = _offices_in_use(kb, code, until)
        cells = []
        for label, kinds in COVERAGE_KINDS.items():
            if label == "intl heads" and len(code) == 2 and code != "EU":
                kinds = ()  # a country's "Secretary General of the Presidency" is no head of an organisation
            shares = [kb.known_days(o, COVERAGE_SINCE, until) / days for o in offices if o.kind in kinds]
            cells.append(f"{sum(shares) / len(shares):.0%} ({len(shares)})" if shares else "-")
        print(f"  {code:4}" + "".join(f"{c:>14}" for c in cells))


def _country_coverage(kb: KnowledgeBase, code: str) -> int:
    until = _offices_as_of(kb) or COVERAGE_SINCE
    offices = _offices_in_use(kb, code, until)
    if not offices:
        raise UserError(f"no office of '{code}' in the knowledge base since {COVERAGE_SINCE}: give an ISO code"
                        " (DE), or EU, UN, NATO")
    days = (until - COVERAGE_SINCE).days + 1
    print(f"{code}: dated coverage {COVERAGE_SINCE} .. {until} of each office in use (share of days the KB"
          " knows the holder; gaps)")
    rows = [(o, kb.known_days(o, COVERAGE_SINCE, until) / days) for o in offices]
    kind = None
    for o, share in sorted(rows, key=lambda r: (r[0].kind, -r[1], r[0].key)):
        if o.kind != kind:
            kind = o.kind
            print(f"  {kind.replace('_', ' ')}:")
        print(f"    {share:4.0%}  {o.key:40} {_coverage(kb, code, (o.role,), COVERAGE_SINCE.isoformat())}")
    return 0


def _coverage(kb: KnowledgeBase, code: str, roles: tuple[str, ...], since: str) -> str:
    """'ok to 2026-06-15', 'gaps 2017-03-29..2020-11-22 (to 2026-01-22)' or 'none'."""
    marks = ",".join("?" * len(roles))
    rows = kb.db.execute(
        f"SELECT t.cover_from, t.cover_to, t.as_of FROM tenure t JOIN office o ON o.id = t.office_id"
        f" WHERE o.jurisdiction = ? AND o.role IN ({marks}) AND t.cover_from IS NOT NULL ORDER BY t.cover_from",
        (code, *roles)).fetchall()
    if not rows:
        return "none"
    until = max(r[2] for r in rows)
    gaps, reached = [], date.fromisoformat(since) - timedelta(days=1)
    for lo, hi, _ in rows:
        lo, hi = date.fromisoformat(lo), date.fromisoformat(hi)
        if lo > reached + timedelta(days=1):
            gaps.append(f"{reached + timedelta(days=1)}..{lo - timedelta(days=1)}")
        reached = max(reached, hi)
    if reached.isoformat() < until:
        gaps.append(f"{reached + timedelta(days=1)}..{until}")
    if not gaps:
        return f"ok to {until}"
    shown = ", ".join(gaps[:3]) + (f" +{len(gaps) - 3}" if len(gaps) > 3 else "")
    return f"gaps {shown} (to {until})"


if __name__ == "__main__":
    sys.exit(main())
