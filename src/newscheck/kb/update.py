"""`newscheck kb update`: fetch office holders from Wikidata (its SPARQL endpoint, or a JSON dump
offline) and keep what was fetched in the user data dir, so every later build includes it.

Parsing the answers is `sources/wikidata.py`'s job, building the KB build.py's. Errors: UpdateError
(no network, an answer that is not SPARQL JSON, a dump without office holders), one line each.
"""
from __future__ import annotations

import gzip
import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from datetime import date
from pathlib import Path

from .. import __version__
from .sources import wikidata

ENDPOINT = "https://query.wikidata.org/sparql"
# Wikimedia asks every client to name itself (https://meta.wikimedia.org/wiki/User-Agent_policy).
USER_AGENT = (f"newscheck/{__version__} (news fact checker; newscheck kb update) "
              f"Python-urllib/{sys.version_info.major}.{sys.version_info.minor}")
TIMEOUT = 90  # seconds; the endpoint itself stops a query after 60
SINCE = "2015-01-01"  # terms that ended before this are left to the other sources
# Offices by class: head of state, head of government, minister (and what is a subclass of them).
CLASSES = {"head of state": "Q48352", "head of government": "Q2285706", "minister": "Q83307"}

# One row per dated P39 statement. {positions} is a VALUES block or a class pattern.
QUERY = """\
SELECT ?person ?personLabel ?ukLabel ?ruLabel ?position ?positionLabel ?jurisdiction ?iso
       ?start ?startPrecision ?end ?endPrecision ?rank ?died WHERE {{
  {positions}
  ?person p:P39 ?statement .
  ?statement ps:P39 ?position ; wikibase:rank ?rank ; pqv:P580 ?startValue .
  FILTER(?rank != wikibase:DeprecatedRank)
  ?startValue wikibase:timeValue ?start ; wikibase:timePrecision ?startPrecision .
  OPTIONAL {{ ?statement pqv:P582 ?endValue . ?endValue wikibase:timeValue ?end ; wikibase:timePrecision ?endPrecision . }}
  FILTER(!BOUND(?end) || ?end >= "{since}T00:00:00Z"^^xsd:dateTime)
  ?person wdt:P31 wd:Q5 .
  OPTIONAL {{ ?person wdt:P570 ?died . }}
  OPTIONAL {{ ?position wdt:P1001|wdt:P17 ?jurisdiction . OPTIONAL {{ ?jurisdiction wdt:P297 ?iso . }} }}
  OPTIONAL {{ ?person rdfs:label ?ukLabel . FILTER(LANG(?ukLabel) = "uk") }}
  OPTIONAL {{ ?person rdfs:label ?ruLabel . FILTER(LANG(?ruLabel) = "ru") }}
  SERVICE wikibase:label {{ bd:serviceParam wikibase:language "en". }}
}}"""


class UpdateError(Exception):
    """An update that could not be fetched or read; the message is one line naming the fix."""


def queries(known_positions: set[str]) -> list[str]:
    """The position QIDs the KB knows, then each class of office."""
    values = " ".join(f"wd:{q}" for q in sorted(known_positions))
    out = [QUERY.format(positions=f"VALUES ?position {{ {values} }}", since=SINCE)] if values else []
    for qid in CLASSES.values():
        out.append(QUERY.format(positions=f"?position (wdt:P31|wdt:P279)/wdt:P279* wd:{qid} .", since=SINCE))
    return out


def fetch(query: str) -> bytes:
    """POST one query to the endpoint; the answer's bytes (application/sparql-results+json)."""
    request = urllib.request.Request(
        ENDPOINT, data=urllib.parse.urlencode({"query": query}).encode(), method="POST",
        headers={"Accept": "application/sparql-results+json", "User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.read()
    except urllib.error.HTTPError as e:
        raise UpdateError(f"query.wikidata.org answered HTTP {e.code} ({e.reason}); try again later, "
                          "or use --dump FILE offline") from None
    except (urllib.error.URLError, OSError) as e:
        reason = getattr(e, "reason", None) or e
        raise UpdateError(f"cannot reach query.wikidata.org ({reason}); use --dump FILE offline") from None


def fetch_all(known_positions: set[str], get=None) -> dict:
    """Every query's answer as one SPARQL results document; `get` (default: `fetch`) asks one query."""
    get = get or fetch
    rows, head = [], []
    for query in queries(known_positions):
        try:
            answer = json.loads(get(query))
            found = answer["results"]["bindings"]
        except (ValueError, KeyError, TypeError):
            raise UpdateError("query.wikidata.org sent something that is not SPARQL JSON results; "
                              "try again later, or use --dump FILE offline") from None
        rows += found
        head += [v for v in answer.get("head", {}).get("vars", []) if v not in head]
    return {"head": {"vars": head}, "results": {"bindings": rows}}


def save_sparql(results: dict, updates_dir: Path, on: date) -> tuple[Path, wikidata.DumpStats]:
    """Keep the fetched results as updates/wikidata-sparql-YYYY-MM-DD.json (one per day)."""
    stats = wikidata.DumpStats()
    list(wikidata.read_sparql(results, stats, as_of=on.isoformat()))
    if not stats.terms:
        raise UpdateError("query.wikidata.org returned no dated office holders we can use; nothing recorded")
    target = Path(updates_dir) / f"wikidata-sparql-{on.isoformat()}.json"
    _write(target, json.dumps(results, ensure_ascii=False).encode("utf-8"))
    return target, stats


def save_dump(dump: Path, updates_dir: Path) -> tuple[Path, wikidata.DumpStats]:
    """Keep what the KB reads from a Wikidata JSON dump (people who held offices, their positions
    and countries) as updates/wikidata-dump-YYYY-MM-DD.json.gz, in the dump's own layout."""
    stats = wikidata.DumpStats()
    as_of = wikidata.dump_as_of(dump)
    wanted: set[str] = set()
    kept = [json.dumps(e, ensure_ascii=False) for e in wikidata.entities(dump, stats) if wikidata.relevant(e, wanted)]
    if not stats.entities:
        raise UpdateError(f"cannot read {dump}: not a Wikidata JSON dump (one entity per line)")
    target = Path(updates_dir) / f"wikidata-dump-{as_of}.json.gz"
    _write(target, gzip.compress(("[\n" + ",\n".join(kept) + "\n]\n").encode("utf-8")))
    found = wikidata.DumpStats()
    for _ in wikidata.read_dump(target, found, as_of=as_of):
        pass
    if not found.terms:
        target.unlink()
        raise UpdateError(f"{dump}: no office holders with dated terms (P39 with P580) in this dump; nothing recorded")
    return target, found


def saved(updates_dir: Path | None) -> list[Path]:
    """The saved updates, newest first."""
    if not updates_dir or not Path(updates_dir).is_dir():
        return []
    found = [p for p in Path(updates_dir).iterdir()
             if re.fullmatch(r"wikidata-(sparql-\d{4}-\d\d-\d\d\.json|dump-\d{4}-\d\d-\d\d\.json\.gz)", p.name)]
    return sorted(found, key=lambda p: (_date(p), p.name), reverse=True)


def read_saved(path: Path) -> tuple:
    """(SourceRec, records) of one saved update."""
    as_of = _date(path)
    if path.name.startswith("wikidata-sparql-"):
        results = json.loads(path.read_text(encoding="utf-8"))
        return wikidata.sparql_source(as_of), list(wikidata.read_sparql(results, as_of=as_of))
    return wikidata.source(as_of), list(wikidata.read_dump(path, as_of=as_of))


def _date(path: Path) -> str:
    return re.search(r"\d{4}-\d\d-\d\d", path.name).group(0)


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(target)
