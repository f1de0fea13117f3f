"""CIA World Factbook (factbook.json, final edition 2026-01-22): countries, capitals and the
dated timeline of heads of state and government 2015-2026.

The timeline is read from the raw field texts ("President Vladimir Vladimirovich PUTIN (since
7 May 2012)"); a holder's end is the day before the next holder's start in the same office.
"""
from __future__ import annotations

import csv
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newscheck.kb.records import (CountryRec, OfficeRec, PersonRec, PlaceRec, SourceRec, TenureRec,
                                  office_key)
from newscheck.names import cia_name, fold, skeleton
from newscheck.roles import ROLES, is_exclusive

from .common import day_before, days_between, news_name, office_roles, parse_since, slug
from .countries import iso_for_gec

FOLDER = "factbook-json"
SOURCE_ID = "factbook"
AS_OF = "2026-01-22"
LAST_COMMIT = "2026-01-21"  # a holder seen on this date was still listed in the final edition
# A successor who starts this long after the holder was last seen leaves room for someone we
# never saw (the mirror has no commits 2017-03-28..2020-11-23), so the end stays unknown.
MAX_UNSEEN_DAYS = 120

_TITLE_WORDS = set("""
president vice prime minister deputy first second third king queen emperor empress sultan amir emir
crown prince princess grand duke grand-duke chancellor federal premier chief executive governor
general governor-general lieutenant lieutenant-governor acting interim caretaker transitional transition of the and
represented by supreme leader state council chairman chairperson chairwoman presidency co-prince
captain captains regent regents high commissioner administrator taoiseach pope head government
heir apparent sovereign presidential leadership military junta mayor overall
""".split())
_HONORIFIC = re.compile(r"^(maj|gen|brig|lt|col|dr|adm|ret|sheikh|shaykh|sir|dame|gen\.)\.?,?$", re.I)


@dataclass
class _Holding:
    iso: str
    field: str
    role: str
    person: str
    name: str
    raw_name: str
    title: str
    start: str
    precision: str
    first_seen: str
    last_seen: str
    acting: bool


def source(folder: Path) -> SourceRec:
    return SourceRec(
        id=SOURCE_ID,
        name="CIA World Factbook, final edition (factbook/factbook.json), with its 2015-2026 history",
        licence="CC0 1.0 (JSON conversion); Factbook text public domain",
        url="https://github.com/factbook/factbook.json",
        as_of=AS_OF,
        priority=1,
    )


def read(folder: Path) -> Iterator:
    folder = Path(folder)
    names = _profile_names(folder)
    yield from _countries(folder, names)
    yield from _timeline(folder, names)


def _split_top(text: str, sep: str) -> list[str]:
    """Split on `sep` outside parentheses."""
    parts, depth, cur = [], 0, []
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if ch == sep and depth <= 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return parts


def holders(text: str) -> list[tuple[str, str, str]]:
    """(title, name, since text) for each single holder named in a chief-of-state or
    head-of-government field. Segments naming several people are skipped."""
    text = html.unescape(text).replace("\xa0", " ")
    out = []
    for seg in _split_top(text, ";"):
        seg = seg.strip()
        if seg.lower().startswith("note"):
            continue
        m = re.search(r"\(([^()]*?)\bsince ([^();,]+)", seg)
        if not m:
            continue
        pre = re.sub(r"\([^()]*\)|\"[^\"]*\"", " ", seg[:m.start()])
        pre = re.sub(r",?\s+(Jr|Sr)\.?\s*$|,\s*Dr\.?\s*$", "", pre.strip())
        words = pre.split()
        i = 0
        while i < len(words) and fold(words[i]) in _TITLE_WORDS:
            i += 1
        title = " ".join(words[:i])
        name_words = [w for w in words[i:] if not _HONORIFIC.match(w)]
        name = " ".join(name_words).strip(" ,")
        if "," in name or " and " in name or not any(w.isupper() and len(w) > 1 for w in name_words):
            continue
        out.append((title, name, m.group(2).strip()))
    return out


def _caps(name: str) -> str:
    """The surname the CIA writes in capitals ('Barack H. OBAMA' -> 'OBAMA')."""
    return " ".join(w for w in name.split() if w.isupper() and len(w) > 1 and "." not in w)


def _timeline(folder: Path, names: dict[str, str]) -> Iterator:
    holdings: dict[tuple, _Holding] = {}
    last_title: dict[tuple, str] = {}  # a holder named without a title keeps the field's last one
    with open(folder / "derived_executive_timeline_raw.csv", encoding="utf-8") as f:
        for row in sorted(csv.DictReader(f), key=lambda r: r["first_seen_commit_date"]):
            if row["field"] not in ("chief of state", "head of government"):
                continue
            iso = iso_for_gec(row["gec_code"], names.get(row["gec_code"]) or row["country"], folder)
            if not iso:
                continue
            for title, raw_name, since in holders(row["text"]):
                field_key = (iso, row["field"])
                if title:
                    last_title[field_key] = title
                elif len(holders(row["text"])) == 1:
                    title = last_title.get(field_key, "")
                started = parse_since(since)
                roles, acting = office_roles(title, iso)
                roles = [r for r in roles if not r.startswith("minister:")]  # "Chief Minister"
                if not started or not roles:
                    continue
                full, _ = cia_name(raw_name)
                # the whole name: "KIM Min-seok" and "KIM Boo-kyum" are two people
                person = f"{SOURCE_ID}:{iso.lower()}:{slug(skeleton(full))}"
                for role in roles:
                    key = (iso, role, person, started[0])
                    h = holdings.get(key)
                    if h is None:
                        holdings[key] = _Holding(iso, row["field"], role, person, full, raw_name, title,
                                                 started[0], started[1], row["first_seen_commit_date"],
                                                 row["last_seen_commit_date"], acting)
                    else:
                        h.first_seen = min(h.first_seen, row["first_seen_commit_date"])
                        if row["last_seen_commit_date"] >= h.last_seen:
                            h.last_seen, h.name, h.raw_name = row["last_seen_commit_date"], full, raw_name

    by_office: dict[tuple, list[_Holding]] = {}
    for h in holdings.values():
        by_office.setdefault((h.iso, h.role), []).append(h)

    people, offices, tenures = {}, {}, []
    for (iso, role), rows in sorted(by_office.items()):
        rows = _merge_runs(sorted(rows, key=lambda h: (h.start, h.first_seen)))
        key = office_key(iso, role)
        for i, h in enumerate(rows):
            name, aliases = news_name(h.name)
            people.setdefault(h.person, PersonRec(key=h.person, name=name, source=SOURCE_ID,
                                                  aliases=aliases + [h.raw_name], country=iso))
            office = offices.setdefault(key, OfficeRec(key=key, jurisdiction=iso, role=role,
                                                       title=h.title or role, source=SOURCE_ID))
            office.kind = office.kind or _kind(h.field, role)
            end, as_of = _end(h, rows[i + 1:] if is_exclusive(role) else [])
            tenures.append(TenureRec(person=h.person, office=key, source=SOURCE_ID, as_of=as_of,
                                     start=h.start, start_precision=h.precision, end=end,
                                     acting=h.acting, note=f"{h.field}: {h.title} {h.raw_name}".strip()))
    yield from people.values()
    yield from offices.values()
    yield from tenures


def _merge_runs(rows: list[_Holding]) -> list[_Holding]:
    """One holding per run of the same person (a changed 'since' is not a new holder)."""
    out: list[_Holding] = []
    for h in rows:
        if out and out[-1].person == h.person:
            out[-1].last_seen = max(out[-1].last_seen, h.last_seen)
            continue
        out.append(h)
    return out


def _end(h: _Holding, later: list[_Holding]) -> tuple[str | None, str]:
    """(end, as_of) of a holding, from the next holder's start when there is one."""
    successor = next((s for s in later if s.person != h.person and s.start > h.start), None)
    if successor and days_between(h.last_seen, successor.start) <= MAX_UNSEEN_DAYS:
        return day_before(successor.start), AS_OF
    if successor is None and h.last_seen >= LAST_COMMIT:
        return None, AS_OF
    return None, h.last_seen  # left the record without a known successor date


def _kind(field: str, role: str) -> str | None:
    if field == "chief of state" and ROLES.get(role, ("",))[0] == "head_of_state":
        return "head_of_state"
    if field == "head of government" and role in ("prime_minister", "chancellor"):
        return "head_of_government"
    return None


def _text(d: dict, *path: str) -> str:
    for p in path:
        d = d.get(p) if isinstance(d, dict) else None
    text = d.get("text", "") if isinstance(d, dict) else ""
    text = html.unescape(re.sub(r"<[^>]+>", "", text)).replace("\xa0", " ").strip()
    return "" if text.lower() in ("none", "") else text


def _profiles(folder: Path) -> Iterator[tuple[str, dict]]:
    for path in sorted((folder / "profiles").glob("*/*.json")):
        yield path.stem, json.loads(path.read_text(encoding="utf-8"))


def _profile_names(folder: Path) -> dict[str, str]:
    return {gec: _text(p, "Government", "Country name", "conventional short form")
            for gec, p in _profiles(folder)}


def _countries(folder: Path, names: dict[str, str]) -> Iterator:
    for gec, profile in _profiles(folder):
        iso = iso_for_gec(gec, names[gec], folder)
        if not iso:
            continue
        cn = lambda form: _text(profile, "Government", "Country name", form)  # noqa: E731
        name = cn("conventional short form") or cn("conventional long form")
        if not name:
            continue
        aliases = [a for a in (cn("conventional long form"), cn("local short form")) if a and a != name]
        aliases += [a.strip() for a in re.split(r",|;", cn("former")) if a.strip()]
        adjectives = [a.strip() for a in re.split(r",| or ", _text(profile, "People and Society",
                                                                    "Nationality", "adjective")) if a.strip()]
        capital, variants = capital_variants(_text(profile, "Government", "Capital", "name"))
        yield CountryRec(code=iso, name=name, source=SOURCE_ID, aliases=aliases,
                         adjectives=adjectives, capital=capital)
        if capital:
            yield PlaceRec(key=f"{SOURCE_ID}:capital:{iso.lower()}", name=capital, country=iso,
                           source=SOURCE_ID, variants=variants, is_capital=True)


def capital_variants(text: str) -> tuple[str | None, list[str]]:
    """'Kyiv (Kiev is the transliteration from Russian)' -> ('Kyiv', ['Kiev'])."""
    first = _split_top(text, ";")[0]
    first = _split_top(first, ",")[0].strip()
    m = re.match(r"([^()]+?)(?:\s+in [A-Z][a-z]+)?\s*(?:\((.*)\))?$", first)
    if not m or not m.group(1)[:1].isupper():
        return None, []
    variants = []
    for part in re.split(r",|/|\bor\b", m.group(2) or ""):
        part = re.sub(r"^\s*(aka|also)\s+", "", part.strip())
        part = re.sub(r"\s+(is|in|continues)\b.*$", "", part).strip()
        if part[:1].isupper() and len(part.split()) <= 3 and not re.search(r"\d", part):
            variants.append(part)
    return m.group(1).strip(), variants
