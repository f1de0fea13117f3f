"""office_holder: a person given an office they did not hold on the publication date.

Only dated facts prove an error; an undated "as of" row (the CIA directory) can only
confirm a name. Claims in sentences that name another year are about that year: abstain.
"""
from __future__ import annotations

from datetime import date, timedelta

from ..kb.store import loose_span
from ..link import office_held_like
from ..mentions import mentioned_years
from ..model import Finding
from ..names import names_compatible, surname, surname_similarity
from ..roles import is_exclusive
from .evidence import office_label, span_finding_args, tenure_evidence

CODES = ("office_holder",)

RECENT_DAYS = 10  # a holder who left office days ago (a death, a handover) is not called out


def resembles(name: str, other: str) -> bool:
    """Close enough that a mismatch is more likely a misspelling than another person."""
    return surname_similarity(name, other) >= 70


def run(ctx) -> list[Finding]:
    findings = []
    for lp in ctx.people:
        for m in lp.cluster.mentions:
            finding = next((f for t in m.titles if (f := _check_claim(ctx, lp, m, t))), None)
            if finding:
                findings.append(finding)
                ctx.flagged.add(id(lp))  # the internal check leaves this person to us
                break  # one finding per person
    return findings


def _check_claim(ctx, lp, mention, claim) -> Finding | None:
    kb, on = ctx.kb, ctx.on
    jurisdiction = claim.jurisdiction
    if jurisdiction is None and lp.person is not None:
        if office_held_like(kb, lp.person, claim, on):
            return None  # "President von der Leyen": a presidency she holds, if not her country's
        jurisdiction = lp.person.country  # "Defence Minister Rustem Umerov": his own country's
    if not claim.plain or not jurisdiction:
        return None
    sentence = ctx.text[mention.sentence[0]:mention.sentence[1]]
    if mention.earlier_time or any(y != on.year for y in mentioned_years(sentence)):
        return None  # "In 2019, President X ...", "X had ...": a claim about another time
    if mention.quoted:
        return None  # '"When I spoke with President X," she said': the speaker's words, often of the past
    roles = claim.roles_in(jurisdiction)
    offices = [o for role in roles for o in kb.offices(jurisdiction, role)]
    if not offices:
        return None
    holders = kb.holders(offices, on)
    if not holders.known:
        return None
    everyone = holders.dated + [h for h in holders.undated if not _superseded(h, holders.dated)]
    if lp.person is not None:
        if any(h.person.id == lp.person.id or _same_person(lp.person, h.person) for h in everyone):
            return None
        office_keys = {o.key for o in offices}
        own = [t for p in _records_of(kb, lp.person) for t in kb.tenures(p) if t.office.key in office_keys]
        if any(_covers(t, on, grace=RECENT_DAYS) for t in own):
            return None  # in office that day, or left it days ago (news lags, deaths, handovers)
        former = [t for t in own if t.start and str(t.start) < on.isoformat()]
        if not former and not all(is_exclusive(r) for r in roles):
            return None  # one of several vice presidents the sources may not all list
        reason = (f"{lp.person.name} had left the office by {on}" if former
                  else f"{lp.person.name} did not hold it")
    elif lp.candidates:
        return None  # a surname shared by several known people
    else:
        if not lp.full_name or lp.known_name:
            return None
        if not all(is_exclusive(r) for r in roles):
            return None  # envoys, spokespeople: several at once
        if any(_same_name(lp.cluster.name, h.person) for h in everyone):
            return None  # a short form of the holder's name ("Nana Akufo-Addo")
        if any(resembles(lp.cluster.name, h.person.name) for h in everyone):
            return None  # a misspelling of the holder: the spelling check's business
        own, reason = [], f"the knowledge base has no {lp.cluster.name} in this office"
    first_role = roles[0]
    main = [h for h in holders.dated if h.tenure.office.role == first_role] or holders.dated
    names = []
    for h in main:
        if h.person.name not in names:
            names.append(h.person.name)
    evidence = [tenure_evidence(h.person.name, h.tenure, kb) for h in holders.dated]
    evidence += [tenure_evidence(lp.person.name, t, kb) for t in own if lp.person is not None]
    # "Russian President Vladimir Zelenskiy" as one span; a title after the name or far
    # before it ("Foreign Ministers A of X and B of Y") highlights the name alone
    adjacent = claim.end <= mention.start and mention.start - claim.end <= 2
    start, end = (claim.start, mention.end) if adjacent else (mention.start, mention.end)
    return Finding(
        code="office_holder",
        **span_finding_args(ctx.text, start, end),
        message=(f"The article calls {mention.text} \"{claim.text}\" on {on}, but {reason}; "
                 f"the {office_label(main[0].tenure.office, kb)} then was {' and '.join(names)}."),
        suggestion=" or ".join(names),
        evidence=evidence,
        confidence=0.9 if lp.person is not None else 0.75,
        severity="error",
    )


def _superseded(undated, dated) -> bool:
    """An "as of" row older than the dated start of someone else's tenure on that day:
    the directory listed the predecessor (Ishiba as of May 2025, Takaichi from October)."""
    return any(d.person.id != undated.person.id and str(d.tenure.start) > str(undated.tenure.as_of)
               for d in dated)


def _covers(tenure, on, grace: int = 0) -> bool:
    """The tenure may cover `on` (or ended at most `grace` days before): month- and
    year-precision dates are read as widely as they allow, since this clears a name."""
    span = loose_span(tenure.start, tenure.end, tenure.as_of)
    if span is None:
        return False
    last = date.fromisoformat(span[1]) + timedelta(days=grace)
    return span[0] <= on.isoformat() <= last.isoformat()


def _same_name(written: str, person) -> bool:
    """The article's name is a form of one of the person's names: shorter ("Nana Akufo-Addo"
    of "Nana Addo Dankwa Akufo-Addo") or fuller."""
    return any(names_compatible(written, n) or names_compatible(n, written) for n in (person.name, *person.aliases))


def _records_of(kb, person) -> list:
    """The person and the KB's other records of them under a fuller or shorter name
    ("António Costa" and "Antonio Luis Santos da Costa"): their tenures are one career."""
    others = [p for p in kb.find_by_surname(surname(person.name))
              if p.id != person.id and p.country == person.country and _same_person(person, p)]
    return [person, *others]


def _same_person(a, b) -> bool:
    """Two KB records of one person the sources spell apart ("Justin Trudeau" and
    "Justin Pierre James Trudeau")."""
    return any(_same_name(n, b) for n in (a.name, *a.aliases))
