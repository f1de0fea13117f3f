"""The records every knowledge-base source produces, before they are stored.

Importers (one module per source under `kb/sources/`), the curated YAML loader and the
Wikidata dump reader all yield these; `kb/build.py` writes them to SQLite. Keys are
strings chosen by the source and made unique by prefixing the source id
("cia:ua:zelenskyy-volodymyr"); the builder merges people across sources by QID
or by name within a jurisdiction.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SourceRec:
    id: str  # "curated", "cia-world-leaders", "factbook", "ifg-uk", ...
    name: str  # human-readable, shown as evidence
    licence: str
    url: str | None
    as_of: str  # ISO date: what the source knows is true up to this date
    priority: int  # 0 curated, 1 dated sources, 2 undated as-of sources
    attribution: str | None = None


@dataclass
class PersonRec:
    key: str
    name: str  # canonical, as news writes it ("Volodymyr Zelensky")
    source: str
    aliases: list[str] = field(default_factory=list)
    native: dict[str, str] = field(default_factory=dict)  # lang -> name in native script
    qid: str | None = None
    birth_date: str | None = None
    country: str | None = None  # ISO alpha-2 most associated


@dataclass
class OfficeRec:
    key: str  # "UA:security_council_secretary"; see `office_key`
    jurisdiction: str  # ISO alpha-2 ("UA") or an organisation code ("NATO", "UN", "EU")
    role: str  # a key of newscheck.roles.ROLES, or "minister:<portfolio>"
    title: str  # "Secretary of the National Security and Defense Council of Ukraine"
    source: str
    aliases: list[str] = field(default_factory=list)  # other full titles
    kind: str | None = None  # defaults to roles.role_kind(role)


@dataclass
class TenureRec:
    person: str  # PersonRec.key
    office: str  # OfficeRec.key
    source: str
    as_of: str  # ISO date the source vouches for this row
    start: str | None = None  # ISO date, or None when the source gives none (CIA)
    start_precision: str = "day"  # day | month | year
    end: str | None = None  # None: still in office as of `as_of`
    end_precision: str = "day"
    acting: bool = False
    note: str | None = None  # e.g. the source's own title text


@dataclass
class OrgRec:
    key: str  # "UA.NSDC", "NATO", "US.State_Department"
    name: str
    source: str
    jurisdiction: str | None  # country of a national institution, or its own code
    kind: str | None = None  # ministry | legislature | security_council | executive_office | igo | ...
    aliases: list[str] = field(default_factory=list)
    head_roles: list[str] = field(default_factory=list)  # roles a text may call "head of <org>"
    member_role: str | None = None  # "State Department spokesman": the office a title on it names
    equivalent: str | None = None  # a sentence: "the US foreign ministry"
    qid: str | None = None


@dataclass
class EventRec:
    key: str
    name: str
    date: str  # ISO start date
    source: str
    end: str | None = None
    aliases: list[str] = field(default_factory=list)  # phrases that name it: "the full-scale invasion"
    context: list[str] = field(default_factory=list)  # an article must mention one to use a generic alias
    kind: str | None = None  # war | invasion | annexation | summit | election | ...


@dataclass
class PlaceRec:
    key: str
    name: str
    country: str | None
    source: str
    variants: list[str] = field(default_factory=list)  # legitimate spellings (Kiev for Kyiv)
    population: int | None = None
    is_capital: bool = False


@dataclass
class CountryRec:
    code: str  # ISO alpha-2
    name: str
    source: str
    aliases: list[str] = field(default_factory=list)  # long forms, former names
    adjectives: list[str] = field(default_factory=list)  # "Ukrainian", "U.S.", "American"
    capital: str | None = None


def office_key(jurisdiction: str, role: str, qualifier: str | None = None) -> str:
    """One office per jurisdiction and role, unless a qualifier tells several apart
    (special envoys: "US:special_envoy:middle_east")."""
    return f"{jurisdiction}:{role}" + (f":{qualifier}" if qualifier else "")
