"""Peppercat.org leaders (Tony Bowden; CC BY-NC 4.0): dated tenures of heads of state and
government, their deputies, ministers, central-bank governors and heads of international
bodies, from the site's page history 2021-11 .. 2025-01 and its 2023-01 per-country histories.

Non-commercial: the build reads it only when asked (`--allow-noncommercial`). Sub-national pages
and posts are left out; spells of one person in one role are joined, so a renamed ministry is not
a new term. Dates the site got wrong (impossible, premature, ending before they start) are dropped.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from newscheck.kb.records import OfficeRec, PersonRec, SourceRec, TenureRec, office_key
from newscheck.roles import role_kind

from .common import office_roles, slug
from .countries import iso_for_name

FOLDER = "peppercat-leaders-2025-01"
SOURCE_ID = "peppercat"
LICENCE = "CC BY-NC 4.0"
NONCOMMERCIAL = True  # the build leaves it out unless allow_noncommercial
AS_OF = "2025-01-31"  # the last regeneration of the site in the snapshot
HISTORY_AS_OF = "2023-01-20"
TIMELINE = "derived/timeline_2021-11_2025-01.csv"
PAGES = "derived/pages_2025-01-31.csv"
HISTORY = "original-2023-01-20/docs/leaders"
STALE_AFTER = 365  # days without any change: the site had stopped following the page

# Pages whose title GeoNames does not name as we do.
PAGE_ISO = {"european-union": "EU", "congo-brazzaville": "CG", "congo-kinshasa": "CD", "micronesia": "FM",
            "palestine": "PS", "aland": "AX", "kosovo": "XK"}
# The international posts of the `world` and `european-union` pages that we model.
INTL_POSTS = {
    "Secretary-General of the United Nations": ("UN", "secretary_general"),
    "Secretary General of NATO": ("NATO", "secretary_general"),
    "Director-General of the World Health Organization": ("WHO", "director_general"),
    "Director-General of the World Trade Organization": ("WTO", "director_general"),
    "President of the European Commission": ("EU", "commission_president"),
    "President of the European Council": ("EU", "council_president"),
    "High Representative of the Union for Foreign Affairs and Security Policy": ("EU", "high_representative"),
    "High Representative for Foreign Affairs and Security Policy": ("EU", "high_representative"),
    "President of the European Parliament": ("EU", "parliament_speaker"),
}
INTL = {j for j, _ in INTL_POSTS.values()}
KINDS = {"head_of_state", "head_of_state_representative", "head_of_government", "deputy_head_of_state",
         "deputy_head_of_government", "minister", "central_bank"}
ROLES = {"security_council_secretary", "presidential_office_head"}
# A head of state or government is the page's own only under a bare title ("President",
# "Premier of the State Council", "Prime Minister of Montenegro"), not "President of Anjouan".
HEAD_TITLES = {"president", "federal president", "prime minister", "premier", "premier of the state council",
               "chancellor", "federal chancellor", "king", "queen", "monarch", "emperor", "emir", "amir",
               "sultan", "grand duke", "supreme leader", "taoiseach", "governor-general", "governor general"}
HEAD_ROLES = {"president", "prime_minister", "chancellor", "monarch", "supreme_leader", "governor_general"}
# Posts of states, provinces and cities, junior ranks, and the rival governments of a split
# country ("(SPC)", "(PLC)").
_NOT_NATIONAL = re.compile(
    r"\b(chief minister|minister.president|mayor|administrator of|lieutenant governor|first minister|"
    r"premier of (?!the state council)|governor of (?!the (central|national|reserve|people's) bank)|"
    r"associate|state minister|minister of state|second minister|secretary of state to|head of the minister|"
    r"minister secretary|minister in charge of)\b|\(", re.I)
# Ministers are "Secretary of ..." in the US, Mexico, the Philippines, Kenya: read as "Minister of ...".
_SECRETARY = re.compile(r"^(cabinet )?secretary (of|for) (?!state\b|(the )?(national )?security )(the )?", re.I)
# The US posts whose plain reading would name another office.
US_POSTS = {"secretary of the interior": "minister:interior", "attorney general": "justice_minister"}
_VICE_PRESIDENT = re.compile(r"^(first |second )?(vice|deputy)[- ]president( (for|as) .*)?$")
_THE = re.compile(r"^united |republic$|islands$|^(netherlands|philippines|bahamas|gambia|maldives|comoros)$", re.I)


def source(folder: Path) -> SourceRec:
    return SourceRec(
        id=SOURCE_ID,
        name="Peppercat.org leaders (page history 2021-11 to 2025-01, histories of 2023-01)",
        licence=LICENCE,
        url="https://peppercat.org",
        as_of=AS_OF,
        priority=1,
        attribution="Peppercat.org (Tony Bowden), https://peppercat.org, CC BY-NC 4.0: non-commercial use only.",
    )


def valid_day(text: str | None) -> str | None:
    """An ISO day that exists ('2024-17-17' does not), else None."""
    try:
        return date.fromisoformat(text).isoformat() if text and len(text) == 10 else None
    except ValueError:
        return None


def _precise(text: str | None) -> tuple[str | None, str]:
    """'2021-12-08' / '2018-06' / '2015' from the histories -> (first day, precision), or (None, '')."""
    text = (text or "").strip()
    if re.fullmatch(r"\d{4}", text):
        return f"{text}-01-01", "year"
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        return f"{text}-01", "month"
    day = valid_day(text)
    return (day, "day") if day else (None, "")


def page_iso(slug_: str, page: dict, folder: Path) -> str | None:
    """The jurisdiction of a national page; None for sub-national and unrecognised pages."""
    if slug_ in PAGE_ISO:
        return PAGE_ISO[slug_]
    if slug_ == "world":
        return None  # its posts are the organisations' own (INTL_POSTS)
    if not page.get("page_qid"):
        return None  # added after 2023-01: mostly US states, Länder, provinces
    return iso_for_name(page["page_title"], folder)


def post_role(position: str, iso: str, page_title: str) -> tuple[str, str, bool] | None:
    """(jurisdiction, role, acting) of a position on a page, or None when we do not model it."""
    if iso == "EU" or page_title == "World":
        post = INTL_POSTS.get(position)
        return (post[0], post[1], False) if post else None
    if iso is None or _NOT_NATIONAL.search(position):
        return None
    bare = re.sub(rf"\s+of\s+(the\s+)?{re.escape(page_title)}$", "", position.strip(), flags=re.I).lower()
    bare = re.sub(r"^(acting|interim)\s+", "", bare)
    if iso == "US" and bare in US_POSTS:
        return iso, US_POSTS[bare], False
    if iso not in ("GB", "CN") and _SECRETARY.match(bare):
        position = _SECRETARY.sub("Minister of ", bare)
    roles, acting = office_roles(position, iso)
    roles = [r for r in roles if role_kind(r) in KINDS or r in ROLES]
    if not roles:
        return None
    role = roles[0]
    if role in HEAD_ROLES and bare not in HEAD_TITLES:
        return None
    if role == "vice_president" and not _VICE_PRESIDENT.match(bare):
        return None  # "Vice President of the Bundestag"
    if role_kind(role) == "minister" and iso != "GB" and "minister" not in position.lower():
        return None  # "Foreign Secretary" in India is a civil servant; "Secretary for ..." on China's page: Hong Kong
    return iso, role, acting


def _timeline_spells(folder: Path, pages: dict[str, dict]) -> Iterator[tuple[tuple, dict]]:
    with open(folder / TIMELINE, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    page_seen: dict[str, str] = {}
    for r in rows:
        page_seen[r["slug"]] = min(page_seen.get(r["slug"], r["first_seen"]), r["first_seen"])
    for r in rows:
        page = pages.get(r["slug"])
        if page is None or r["end_basis"] == "page_deleted":
            continue  # the short-lived misnamed 'Nigeria' page: its spells did not end in office
        found = post_role(r["position"], page_iso(r["slug"], page, folder), page["page_title"])
        if not found:
            continue
        start = _timeline_start(r, page_seen[r["slug"]])
        if not start:
            continue
        if not r["removed_in"]:
            end, as_of = None, page["as_of"]
        elif r["end_basis"] == "successor_start":
            end, as_of = valid_day(r["end_estimate"]), AS_OF
        else:  # the site noticed the change in removed_in; the holder was listed until last_seen
            end, as_of = valid_day(r["last_seen"]), AS_OF
        if (r["removed_in"] and not end) or (end and end < start):
            continue
        yield _key(found, r["person_qid"], r["person"]), {
            "start": start, "start_precision": "day", "end": end, "end_precision": "day",
            "as_of": as_of, "acting": found[2], "title": r["position"], "page": page["page_title"],
            "name": r["person"], "qid": r["person_qid"] or None}


def _timeline_start(r: dict, page_first_seen: str) -> str | None:
    """The start the page showed last (its corrections), but the first one it showed when the
    person was listed before the last one (a reappointment moves "since" on: Russia's ministers on
    2024-05-14) or on a card of several posts (one date for all: its newest post's). A post added
    later to a card starts when the site listed it: the card's date is another post's. A start
    after the last day the site listed the person is premature (the site's error) and is dropped."""
    first, last = valid_day(r["since_first"]), valid_day(r["start_estimate"])
    start = last or first
    several = "/" in r["card_positions_last"]
    if first and last and first < last and (last > r["first_seen"] or several):
        start = first
    if start and several and r["first_seen"] > page_first_seen and \
            date.fromisoformat(r["first_seen"]) - date.fromisoformat(start) > timedelta(days=31):
        start = r["first_seen"]
    if start and start > r["last_seen"]:
        start = first if first and first <= r["last_seen"] else None
    return start


def _history_spells(folder: Path, pages: dict[str, dict]) -> Iterator[tuple[tuple, dict]]:
    """Closed terms of the 2023-01 histories. Their open rows are left to the timeline, which
    says who was in office from 2021-11 on (an open Wikidata term is often a missing end)."""
    for path in sorted((folder / HISTORY).glob("*/leaders-historic.csv")):
        page = pages.get(path.parent.name)
        if page is None:
            continue
        iso = page_iso(path.parent.name, page, folder)
        with open(path, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                found = post_role(r["position"], iso, page["page_title"])
                start, start_precision = _precise(r["start"])
                end, end_precision = _precise(r["end"])
                if not found or not start or not end or end < start or end > HISTORY_AS_OF:
                    continue
                yield _key(found, r["personID"], r["person"]), {
                    "start": start, "start_precision": start_precision, "end": end, "end_precision": end_precision,
                    "as_of": HISTORY_AS_OF, "acting": found[2], "title": r["position"], "page": page["page_title"],
                    "name": r["person"], "qid": r["personID"] or None, "born": valid_day(r.get("DOB"))}


def _key(found: tuple, qid: str, name: str) -> tuple:
    jurisdiction, role, _ = found
    who = qid if re.fullmatch(r"Q\d+", qid or "") else f"{jurisdiction.lower()}:{slug(name)}"
    return jurisdiction, role, f"{SOURCE_ID}:{who}"


def _last_day(spell: dict) -> str:
    return spell["end"] or spell["as_of"]


def _join(spells: list[dict], gap_days: int = 7) -> list[dict]:
    """One person's spells in one office, overlapping or a few days apart, as one tenure."""
    joined: list[dict] = []
    for s in sorted(spells, key=lambda s: s["start"]):
        prev = joined[-1] if joined else None
        if prev and date.fromisoformat(s["start"]) <= date.fromisoformat(_last_day(prev)) + timedelta(days=gap_days):
            if _last_day(s) > _last_day(prev) or (s["end"] is None and s["as_of"] >= _last_day(prev)):
                prev.update(end=s["end"], end_precision=s["end_precision"], as_of=s["as_of"])
            prev["titles"].add(s["title"])
            prev["acting"] = prev["acting"] and s["acting"]
            continue
        joined.append(dict(s, titles={s["title"]}))
    return joined


def _pages(folder: Path) -> dict[str, dict]:
    pages = {}
    with open(folder / PAGES, encoding="utf-8") as f:
        for p in csv.DictReader(f):
            quiet = (date.fromisoformat(AS_OF) - date.fromisoformat(p["last_change"])).days if p["last_change"] else 0
            pages[p["slug"]] = dict(p, as_of=p["last_change"] if quiet > STALE_AFTER else AS_OF)
    return pages


def read(folder: Path) -> Iterator:
    folder = Path(folder)
    pages = _pages(folder)
    by_holding: dict[tuple, list[dict]] = {}
    for key, spell in list(_history_spells(folder, pages)) + list(_timeline_spells(folder, pages)):
        by_holding.setdefault(key, []).append(spell)

    people: dict[str, dict] = {}
    offices: dict[str, dict] = {}
    tenures = []
    for (jurisdiction, role, person), spells in sorted(by_holding.items()):
        latest = max(spells, key=lambda s: s["start"])
        p = people.setdefault(person, {"name": latest["name"], "qid": latest["qid"], "born": None,
                                       "country": None if jurisdiction in INTL else jurisdiction,
                                       "names": set()})
        p["names"].update(s["name"] for s in spells)
        p["born"] = p["born"] or next((s.get("born") for s in spells if s.get("born")), None)
        office = office_key(jurisdiction, role)
        o = offices.setdefault(office, {"jurisdiction": jurisdiction, "role": role, "page": latest["page"],
                                        "titles": {}})
        for t in _join(spells):
            o["titles"][t["title"]] = max(o["titles"].get(t["title"], ""), t["start"])
            tenures.append(TenureRec(person=person, office=office, source=SOURCE_ID, as_of=t["as_of"],
                                     start=t["start"], start_precision=t["start_precision"], end=t["end"],
                                     end_precision=t["end_precision"], acting=t["acting"],
                                     note="; ".join(sorted(t["titles"]))))
    for key, p in people.items():
        yield PersonRec(key=key, name=p["name"], source=SOURCE_ID, qid=p["qid"], birth_date=p["born"],
                        country=p["country"], aliases=sorted(n for n in p["names"] if n != p["name"]))
    for key, o in offices.items():
        titles = sorted(o["titles"], key=o["titles"].get, reverse=True)  # the newest title names the office
        yield OfficeRec(key=key, jurisdiction=o["jurisdiction"], role=o["role"], source=SOURCE_ID,
                        title=_full_title(titles[0], o), aliases=[_full_title(t, o) for t in titles[1:]])
    yield from tenures


def _full_title(title: str, office: dict) -> str:
    """'Minister of Finance' on the Germany page -> 'Minister of Finance of Germany'."""
    page = office["page"]
    if office["jurisdiction"] in INTL or page.lower() in title.lower():
        return title
    return f"{title} of {'the ' if _THE.search(page) else ''}{page}"
