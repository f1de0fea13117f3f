"""Read curated and user fact files (YAML, see docs/curated-format.md) into KB records.

Every row must name a source declared in its own file; a bad row is reported as one line
`FILE: row N (section): what is wrong` and the whole file set is rejected. Writing is build.py's job.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from ..roles import ROLES
from .records import (CountryRec, EventRec, OfficeRec, OrgRec, PersonRec, PlaceRec,
                      SourceRec, TenureRec, office_key)

SECTIONS = ("people", "offices", "tenures", "orgs", "events", "places", "countries")
CURATED_DIR = Path(__file__).parent / "curated"

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class _Loader(yaml.SafeLoader):
    """YAML without implicit dates: a bad date must be a row error, not a crash, and
    2025-07 and 2025-07-18 should read alike."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


class CuratedError(ValueError):
    """One or more rows are bad; `lines` holds one message per bad row."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass
class Facts:
    sources: list[SourceRec] = field(default_factory=list)
    records: list = field(default_factory=list)  # PersonRec, OfficeRec, TenureRec, ...
    where: list[str] = field(default_factory=list)  # "FILE: row N (section)" of each record


def curated_files() -> list[Path]:
    return sorted(CURATED_DIR.glob("*.yaml"))


def as_text(value) -> str | None:
    """YAML reads 2025-07-18 as a date and 2025 as an int; we keep ISO strings."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def precision(iso: str | None) -> str:
    if iso is None or len(iso) == 10:
        return "day"
    return "month" if len(iso) == 7 else "year"


def valid_date(iso: str | None) -> bool:
    if iso is None:
        return True
    if not _DATE.match(iso):
        return False
    parts = [int(p) for p in iso.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def valid_office_key(key: str) -> bool:
    """Offices may be used without being declared when the key says what they are."""
    parts = key.split(":")
    if len(parts) < 2 or not parts[0]:
        return False
    role = parts[1] if parts[1] != "minister" else "minister:" + (parts[2] if len(parts) > 2 else "")
    return role in ROLES or (role.startswith("minister:") and len(role) > 9)


def _list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (str, int)):
        return [str(value)]
    return [str(v) for v in value]


def read_file(path: Path, priority: int = 0, alias_kind: str = "source") -> tuple[Facts, list[str]]:
    """Parse one file: its facts and the list of error lines (empty when all rows are good)."""
    name = str(path)
    try:
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_Loader) or {}
    except FileNotFoundError:
        return Facts(), [f"{name}: no such file"]
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        return Facts(), [f"{name}: not valid YAML ({str(e).splitlines()[0]})"]
    if not isinstance(data, dict):
        return Facts(), [f"{name}: expected a mapping with sources, people, offices, tenures, ..."]
    errors: list[str] = []
    facts = Facts()
    declared: dict[str, SourceRec] = {}
    for sid, s in (data.get("sources") or {}).items():
        s = s or {}
        as_of = as_text(s.get("as_of"))
        if not as_of or not valid_date(as_of):
            errors.append(f"{name}: source '{sid}': as_of missing or not an ISO date")
            continue
        rec = SourceRec(id=str(sid), name=s.get("title") or str(sid), licence=s.get("licence") or "cited",
                        url=s.get("url") or s.get("path"), as_of=as_of, priority=priority,
                        attribution=s.get("attribution"))
        declared[rec.id] = rec
        facts.sources.append(rec)
    for section in data:
        if section != "sources" and section not in SECTIONS:
            errors.append(f"{name}: unknown section '{section}' (expected {', '.join(SECTIONS)})")
    for section in SECTIONS:
        for n, row in enumerate(data.get(section) or [], start=1):
            where = f"{name}: row {n} ({section})"
            if not isinstance(row, dict):
                errors.append(f"{where}: expected a mapping")
                continue
            sid = as_text(row.get("source"))
            if not sid:
                errors.append(f"{where}: no source")
                continue
            if sid not in declared:
                errors.append(f"{where}: source '{sid}' is not declared under sources")
                continue
            try:
                facts.records.append(_record(section, row, declared[sid], alias_kind))
                facts.where.append(where)
            except ValueError as e:
                errors.append(f"{where}: {e}")
    return facts, errors


def _need(row: dict, *keys: str) -> None:
    for k in keys:
        if row.get(k) in (None, ""):
            raise ValueError(f"missing '{k}'")


def _record(section: str, row: dict, src: SourceRec, alias_kind: str):
    sid = src.id
    if section == "people":
        _need(row, "id", "name")
        native = {str(k): str(v) for k, v in (row.get("native") or {}).items() if v}
        return PersonRec(key=str(row["id"]), name=str(row["name"]), source=sid,
                         aliases=_list(row.get("aliases")), native=native, qid=as_text(row.get("qid")),
                         birth_date=as_text(row.get("birth_date")), country=as_text(row.get("country")))
    if section == "offices":
        _need(row, "jurisdiction", "role", "title")
        role = str(row["role"])
        if role not in ROLES and not role.startswith("minister:"):
            raise ValueError(f"unknown role '{role}' (see newscheck.roles.ROLES)")
        key = as_text(row.get("id")) or office_key(str(row["jurisdiction"]), role)
        return OfficeRec(key=key, jurisdiction=str(row["jurisdiction"]), role=role, title=str(row["title"]),
                         source=sid, aliases=_list(row.get("aliases")), kind=row.get("kind"))
    if section == "tenures":
        _need(row, "person", "office")
        start, end = as_text(row.get("from")), as_text(row.get("to"))
        for label, value in (("from", start), ("to", end)):
            if not valid_date(value):
                raise ValueError(f"bad date {label}: '{value}' (use YYYY-MM-DD, YYYY-MM or YYYY)")
        if start and end and end < start[:len(end)]:
            raise ValueError(f"'to' {end} is before 'from' {start}")
        as_of = as_text(row.get("as_of")) or src.as_of  # a row may be vouched for later than its source
        if not valid_date(as_of):
            raise ValueError(f"bad date as_of: '{as_of}'")
        return TenureRec(person=str(row["person"]), office=str(row["office"]), source=sid, as_of=as_of,
                         start=start, start_precision=precision(start), end=end, end_precision=precision(end),
                         acting=bool(row.get("acting")), note=row.get("note"))
    if section == "orgs":
        _need(row, "id", "name")
        return OrgRec(key=str(row["id"]), name=str(row["name"]), source=sid,
                      jurisdiction=as_text(row.get("jurisdiction")), kind=row.get("kind"),
                      aliases=_list(row.get("aliases")), head_roles=_list(row.get("head_roles")),
                      member_role=row.get("member_role"), equivalent=row.get("equivalent"),
                      qid=as_text(row.get("qid")))
    if section == "events":
        _need(row, "id", "name", "date")
        start, end = as_text(row.get("date")), as_text(row.get("end"))
        for label, value in (("date", start), ("end", end)):
            if not valid_date(value):
                raise ValueError(f"bad date {label}: '{value}' (use YYYY-MM-DD)")
        return EventRec(key=str(row["id"]), name=str(row["name"]), date=start, source=sid, end=end,
                        aliases=_list(row.get("aliases")), context=_list(row.get("context")),
                        kind=row.get("kind"))
    if section == "places":
        _need(row, "name")
        country = as_text(row.get("country"))
        key = as_text(row.get("id")) or f"{country or 'xx'}:{row['name']}".lower().replace(" ", "-")
        return PlaceRec(key=key, name=str(row["name"]), country=country, source=sid,
                        variants=_list(row.get("variants")), population=row.get("population"),
                        is_capital=bool(row.get("is_capital")))
    # countries
    _need(row, "code")
    return CountryRec(code=str(row["code"]), name=as_text(row.get("name")) or "", source=sid,
                      aliases=_list(row.get("aliases")), adjectives=_list(row.get("adjectives")),
                      capital=as_text(row.get("capital")))


def load(paths: list[Path], known_people: set[str] = frozenset(), priority: int = 0,
         alias_kind: str = "source", check_refs: bool = True) -> Facts:
    """Read several files as one set: source ids unique, tenures naming known people and offices.

    `known_people` are person keys from outside these files (the curated core, the built KB).
    Raises CuratedError listing every bad row.
    """
    everything = Facts()
    errors: list[str] = []
    seen_sources: set[str] = set()
    for path in paths:
        facts, errs = read_file(path, priority, alias_kind)
        errors += errs
        for s in facts.sources:
            if s.id in seen_sources:
                errors.append(f"{path}: source '{s.id}' is declared in another file too")
            seen_sources.add(s.id)
        everything.sources += facts.sources
        everything.records += facts.records
        everything.where += facts.where
    if check_refs:
        people = set(known_people) | {r.key for r in everything.records if isinstance(r, PersonRec)}
        offices = {r.key for r in everything.records if isinstance(r, OfficeRec)}
        for r, where in zip(everything.records, everything.where):
            if isinstance(r, TenureRec):
                if r.person not in people:
                    errors.append(f"{where}: unknown person '{r.person}'")
                if r.office not in offices and not valid_office_key(r.office):
                    errors.append(f"{where}: unknown office '{r.office}'")
    if errors:
        raise CuratedError(errors)
    return everything

