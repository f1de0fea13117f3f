"""Link the people an article names to people in the knowledge base.

A full name is looked up by its aliases (so Zelenskiy finds Volodymyr Zelensky); a
surname alone is resolved only when the offices the article gives it single one out.
Unknown names stay unlinked: the checks decide whether that matters.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .kb.store import loose_span
from .mentions import PersonCluster
from .names import norm


@dataclass
class LinkedPerson:
    cluster: PersonCluster
    person: object | None = None  # kb Person when the article's name is known
    candidates: list = field(default_factory=list)  # several KB people share the name
    known_name: bool = False  # the name is a KB person, place, organisation or country

    @property
    def full_name(self) -> bool:
        return len(norm(self.cluster.name).split()) > 1


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
