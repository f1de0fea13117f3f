"""Link the people an article names to people in the knowledge base.

A full name is looked up by its aliases (so Zelenskiy finds Volodymyr Zelensky); a
surname alone is resolved only when the offices the article gives it single one out.
Unknown names stay unlinked: the checks decide whether that matters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .kb.store import loose_span
from .mentions import PersonCluster
from .names import VOWELS_VARY, names_compatible, norm, skeleton, surname


@dataclass
class LinkedPerson:
    cluster: PersonCluster
    person: object | None = None  # kb Person when the article's name is known
    candidates: list = field(default_factory=list)  # several KB people share the name
    known_name: bool = False  # the name is a KB person, place, organisation or country

    @property
    def full_name(self) -> bool:
        """A given name and a surname; "Pedro S" (a name cut at a broken letter) is not one."""
        words = norm(self.cluster.name).split()
        return len(words) > 1 and len(words[-1]) > 1


def claim_jurisdiction(claim, person, kb, on) -> str | None:
    """Whose office a title names: its own country word; for a bare title given to a known
    person ("President von der Leyen", "Defence Minister Rustem Umerov"), the office of
    that kind the person holds that day, else the person's own country."""
    if claim.jurisdiction or person is None:
        return claim.jurisdiction
    held = office_held_like(kb, person, claim, on)
    return held.jurisdiction if held else person.country


# words every ministry shares: "Defence Minister X" does not fit X's post as energy minister
_GENERIC_TITLE_WORDS = {"of", "the", "for", "and", "minister", "secretary", "state", "deputy", "first",
                        "general", "federal", "national", "cabinet"}


def office_held_like(kb, person, claim, on):
    """An office the person holds on `on` (or, undated, as of its source) that the title
    could mean: the same role, or a title sharing its words ("President" of the Commission)."""
    words = set(claim.text.lower().split()) - _GENERIC_TITLE_WORDS
    for t in kb.tenures(person):
        span = loose_span(t.start, t.end, t.as_of)
        if t.start and not (span and span[0] <= on.isoformat() <= span[1]):
            continue
        if t.office.role in claim.roles or words & set(t.office.title.lower().split()):
            return t.office
    return None


def title_fits_office(claim, office) -> bool:
    """The title names this office: its country (if it says one) and its role there."""
    if claim.jurisdiction and claim.jurisdiction != office.jurisdiction:
        return False
    return office.role in claim.roles_in(office.jurisdiction)


def claimed_offices(cluster: PersonCluster, kb) -> list:
    offices = []
    for m in cluster.mentions:
        for t in m.titles:
            if t.jurisdiction:
                for role in t.roles:
                    offices.extend(kb.offices(t.jurisdiction, role))
    return offices


def link_people(clusters: list[PersonCluster], kb) -> list[LinkedPerson]:
    linked = []
    for c in clusters:
        name = c.name
        words = norm(name).split()
        found = kb.find_person(name) if len(words) > 1 else kb.find_by_surname(name)
        lp = LinkedPerson(c, known_name=bool(found) or kb.is_known_name(name))
        if len(found) == 1:
            lp.person = found[0]
        elif found:
            # several people answer to the name: keep the one who held an office the text gives
            office_keys = {o.key for o in claimed_offices(c, kb)}
            fitting = [p for p in found if any(t.office.key in office_keys for t in kb.tenures(p))]
            if len(fitting) == 1:
                lp.person = fitting[0]
            else:
                lp.candidates = fitting or found
        linked.append(lp)
    return linked


def same_name(written: str, person) -> bool:
    """The article's name is a form of one of the person's names: shorter ("Nana Akufo-Addo"
    of "Nana Addo Dankwa Akufo-Addo") or fuller; for a name romanised from Arabic or Persian,
    its consonants run on within the other's ("Mohammed bin Abdulrahman" of "Muhammad bin
    Abd al-Rahman Al Thani")."""
    names = (person.name, *person.aliases)
    if any(names_compatible(written, n) or names_compatible(n, written) for n in names):
        return True
    if person.country not in VOWELS_VARY:
        return False
    short = _consonant_run(written)
    return len(short) >= 8 and any(short in _consonant_run(n) for n in names)


def _consonant_run(name: str) -> str:
    return re.sub(r"[aeiou ]", "", skeleton(name))


def records_of(kb, person) -> list:
    """The person and the KB's other records of them under a fuller or shorter name
    ("António Costa" and "Antonio Luis Santos da Costa"): their tenures are one career."""
    others = [p for p in kb.find_by_surname(surname(person.name))
              if p.id != person.id and p.country == person.country and same_person(person, p)]
    return [person, *others]


def same_person(a, b) -> bool:
    """Two KB records of one person the sources spell apart ("Justin Trudeau" and
    "Justin Pierre James Trudeau"; in a script that leaves vowels to the romaniser,
    "Binyamin" and "Benyamin Netanyahu")."""
    return any(same_name(n, b) for n in (a.name, *a.aliases))
