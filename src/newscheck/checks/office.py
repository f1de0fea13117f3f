"""office_holder: a person given an office they did not hold on the publication date.

Only dated facts prove who else held an office; an undated "as of" row (the CIA directory)
can confirm a name, and say which office a person held around then (so another country's or
another portfolio's title is wrong). Past the KB's last word the holders are presumed, with
less confidence. Claims about another time (another year, a past narrative, an honorific) abstain.
"""
from __future__ import annotations

import re
from datetime import date

from ..dates import MONTHS
from ..kb.store import loose_span
from ..link import office_held_like, records_of, same_name, same_person
from ..mentions import mentioned_years
from ..model import Finding
from ..names import surname_similarity
from ..roles import is_exclusive
from .evidence import office_label, span_finding_args, tenure_evidence

CODES = ("office_holder",)

RECENT_DAYS = 30  # left the office, or took it, this close to the date: a warning with both dates
# Past the KB's last word, a holder's odds of still holding the office halve every two years:
# the median closed tenure in peppercat's 2023 histories (29,431 national and regional offices
# since 1990) is 705 days; UK Secretaries of State since 1979 (IfG), 554 days.
HALF_LIFE_DAYS = 730
# "said on Tuesday", "now": the sentence speaks of the article's own time
_PRESENT = re.compile(r"\b(?:today|tonight|yesterday|now|currently|this (?:week|month|morning|evening)|"
                      r"(?:on )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b", re.I)
_YEAR = re.compile(r"\b(19[4-9]\d|20\d\d)\b")
# "in May", "last March": a month of this year or the last, without its year
_MONTH_FRAME = re.compile(r"\b(?:in|since|until|last|early|late|mid)[- ](January|February|March|April|May|June|July|"
                          r"August|September|October|November|December)\b(?!,?\s+\d)")


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
    if not offices and claim.jurisdiction:
        return _no_such_office(ctx, mention, claim, roles, on)
    holders = kb.holders(offices, on)
    if not holders.known:
        return _foreign_title(ctx, lp, mention, claim, roles, on)
    office_keys = {o.key for o in offices}
    presumed = holders.presumed_from is not None
    everyone = holders.dated + [h for h in holders.undated if not _superseded(h, holders.dated)
                                and not _dated_otherwise(kb, h.person, office_keys, on)]
    narrative = _paragraph_years(ctx.text, mention.sentence) if not _PRESENT.search(sentence) else []
    gap = None  # days between the date and the person's nearest tenure in the office
    if lp.person is not None:
        if any(h.person.id == lp.person.id or same_person(lp.person, h.person) for h in everyone):
            return None
        own = [t for p in records_of(kb, lp.person) for t in kb.tenures(p) if t.office.key in office_keys]
        if any(_covers(t, on) or (presumed and t.start and t.end is None and str(t.start) <= on.isoformat())
               for t in own):
            return None  # in office that day (or, past the KB's last word, with no known end)
        former = [t for t in own if t.start and str(t.start) < on.isoformat()]
        later = [t for t in own if t.start and str(t.start) > on.isoformat()]
        if former and (_honorific(claim, roles, former, on) or any(_during(t, y) for t in former for y in narrative)
                       or _before_it_ended(former, sentence, on)):
            return None  # "President Reagan signed ...", "With the 2008 crash, ... Prime Minister X": their own time
        if not former and not later and not all(is_exclusive(r) for r in roles):
            return None  # one of several vice presidents the sources may not all list
        gap = min((_days_between(t, on) for t in former + later), default=None)
        if former:
            last = max(former, key=lambda t: str(t.end or ""))
            reason = (f"{lp.person.name} had left the office on {last.end}" if last.end
                      else f"{lp.person.name} had left the office by {on}")
        elif later:
            reason = f"{lp.person.name} took the office only on {min(str(t.start) for t in later)}"
        else:
            reason = f"{lp.person.name} did not hold it"
    elif lp.candidates:
        return None  # a surname shared by several known people
    else:
        if not lp.full_name or lp.known_name:
            return None
        if not all(is_exclusive(r) for r in roles):
            return None  # envoys, spokespeople: several at once
        if any(same_name(lp.cluster.name, h.person) for h in everyone):
            return None  # a short form of the holder's name ("Nana Akufo-Addo")
        if any(resembles(lp.cluster.name, h.person.name) for h in everyone):
            return None  # a misspelling of the holder: the spelling check's business
        first = kb.first_dated(offices)
        if narrative and (first is None or min(narrative) < int(first[:4])):
            return None  # a story of years the KB has no holders for ("With the 2008 crash ... declared President X")
        own, reason = [], f"the knowledge base has no {lp.cluster.name} in this office"
    first_role = roles[0]
    main = [h for h in holders.dated if h.tenure.office.role == first_role] or holders.dated
    names = []
    for h in main:
        if h.person.name not in names:
            names.append(h.person.name)
    evidence = [tenure_evidence(h.person.name, h.tenure, kb) for h in holders.dated]
    evidence += [tenure_evidence(lp.person.name, t, kb) for t in own if lp.person is not None]
    confidence = 0.9 if lp.person is not None else 0.75
    then = f"the {office_label(main[0].tenure.office, kb)} then was {' and '.join(names)}"
    if presumed:  # past the KB's last word: presume the holders stay, less surely as time passes
        stale = (on - date.fromisoformat(holders.presumed_from)).days
        confidence *= 0.5 ** (stale / HALF_LIFE_DAYS)
        then = (f"as of {holders.presumed_from}, the latest the knowledge base knows, the "
                f"{office_label(main[0].tenure.office, kb)} was {' and '.join(names)}, with no known end")
    severity = "error" if confidence >= 0.6 else "warning"
    if gap is not None and gap <= RECENT_DAYS:
        severity, confidence = "warning", min(confidence, 0.5)  # a change of office days away: news lags
    return Finding(
        code="office_holder",
        **span_finding_args(ctx.text, *_highlight(claim, mention)),
        message=f"The article calls {mention.text} \"{claim.text}\" on {on}, but {reason}; {then}.",
        suggestion=" or ".join(names),
        evidence=evidence,
        confidence=round(confidence, 2),
        severity=severity,
    )


# Heads of state and government every country has one of, in some form: a title naming one
# that no source gives the country ("Iranian Prime Minister", "President of the UK") names nothing.
_HEAD_ROLES = {"president", "prime_minister", "chancellor", "monarch"}
_HEAD_WORDS = {"president", "prime", "minister", "premier", "chancellor", "king", "queen", "monarch", "emperor"}


def _no_such_office(ctx, mention, claim, roles, on) -> Finding | None:
    """A head-of-state or -government title the country did not have, where the KB knows who
    headed its state and government that day: "Iranian Prime Minister X" (abolished in 1989)."""
    kb, country = ctx.kb, claim.jurisdiction
    if (len(country) != 2 or not set(roles) <= _HEAD_ROLES or not kb.country_name(country)
            or not set(claim.words.split()) - {"of", "the"} <= _HEAD_WORDS):
        return None
    heads = {}
    for kind in ("head_of_state", "head_of_government"):
        offices = [o for o in kb.offices_of(country) if o.kind == kind]
        holders = kb.holders(offices, on)
        if offices and (not holders.known or holders.presumed_from):
            return None  # the KB must know the country's executive that day
        if offices:
            heads[kind] = holders.dated[0]
    if "head_of_state" not in heads or "head_of_government" not in heads:
        return None  # where one office heads both (Iran, the US), or sources title it otherwise (Spain), abstain
    if set(roles) & {heads[k].tenure.office.role for k in heads}:
        return None
    named = " and ".join(dict.fromkeys(f"{h.person.name} ({office_label(h.tenure.office, kb)})" for h in heads.values()))
    return Finding(
        code="office_holder", **span_finding_args(ctx.text, *_highlight(claim, mention)),
        message=(f"The article calls {mention.text} \"{claim.text}\" on {on}, but no source gives "
                 f"{kb.country_name(country)} such an office; it was headed then by {named}."),
        suggestion=None, evidence=[tenure_evidence(h.person.name, h.tenure, kb) for h in heads.values()],
        confidence=0.7)


def _foreign_title(ctx, lp, mention, claim, roles, on) -> Finding | None:
    """Where the KB does not know who held the office the title names, a person known to hold
    another office then is still wrongly titled: "Jordanian Foreign Minister Badr Abdelatty"
    for Egypt's; "Finance Minister Ronald Lamola" for South Africa's foreign minister."""
    kb = ctx.kb
    if lp.person is None:
        return None
    home = _home_office(kb, lp.person, claim.jurisdiction, roles, on) if claim.jurisdiction else None
    if home is not None:
        where = f"not an office of {kb.country_name(claim.jurisdiction) or claim.jurisdiction}"
    else:
        home = _other_portfolio(kb, lp.person, roles, on)
        if home is None:
            return None
        where = "an office the knowledge base has never given them"
    label = office_label(home.office, kb)
    return Finding(
        code="office_holder", **span_finding_args(ctx.text, *_highlight(claim, mention)),
        message=(f"The article calls {mention.text} \"{claim.text}\" on {on}, but {lp.person.name} was the "
                 f"{label}, {where}."),
        suggestion=label, evidence=[tenure_evidence(lp.person.name, home, kb)], confidence=0.8)


# One-holder portfolios that one person does not hold together with another of them
_PORTFOLIO_ROLES = {"foreign_minister", "defence_minister", "finance_minister", "interior_minister", "justice_minister"}


def _other_portfolio(kb, person, roles, on):
    """The person held another of the main portfolios around `on` and never the one claimed:
    a finance minister called foreign minister. Where the KB lists the person in the claimed
    role, or in a deputy premiership that often comes with a second portfolio, abstain."""
    if not set(roles) <= _PORTFOLIO_ROLES:
        return None
    tenures = kb.tenures(person)
    if any(t.office.role in roles or t.office.kind == "deputy_head_of_government" for t in tenures):
        return None
    return next((t for t in tenures if t.office.jurisdiction == person.country and t.office.role in _PORTFOLIO_ROLES
                 and _held_around(t, on)), None)


def _highlight(claim, mention) -> tuple[int, int]:
    """"Russian President Vladimir Zelenskiy" as one span; a title after the name or far
    before it ("Foreign Ministers A of X and B of Y") highlights the name alone."""
    adjacent = claim.end <= mention.start and mention.start - claim.end <= 2
    return (claim.start, mention.end) if adjacent else (mention.start, mention.end)


def _home_office(kb, person, claimed: str, roles, on):
    """The tenure in which a person of another country held this kind of office in their own
    country around `on` (dated and covering it, or an "as of" row within a year of it)."""
    if not person.country or claimed == person.country or len(claimed) != 2:
        return None
    return next((t for t in kb.tenures(person) if t.office.jurisdiction == person.country
                 and t.office.role in roles and _held_around(t, on)), None)


def _held_around(tenure, on) -> bool:
    """Dated and covering `on`, or an "as of" row within a year of it: enough to say which
    office a person held then, not who else did not."""
    return _covers(tenure, on) or (not tenure.start and abs((date.fromisoformat(tenure.as_of) - on).days) <= 365)


def _honorific(claim, roles, former, on) -> bool:
    """A president who left office a year or more ago called "President X", with no country
    word: the title is kept for life in US usage and much of the press ("the funeral of
    President Jimmy Carter", "the law signed by President Obama")."""
    ended = max((str(t.end) for t in former if t.end), default=None)
    return ("president" in roles and claim.jurisdiction is None and ended is not None
            and (on - date.fromisoformat(loose_span(ended, ended, ended)[1])).days >= 365)


def _before_it_ended(former, sentence: str, on) -> bool:
    """The sentence sets its events in a month up to the end of the person's tenure: "after
    President Ebrahim Raisi was killed in a helicopter crash in May" (article of July)."""
    ended = max((str(t.end) for t in former if t.end), default=None)
    if ended is None:
        return False
    for name in _MONTH_FRAME.findall(sentence):
        month = MONTHS[name[:3].lower()]
        year = on.year if month <= on.month else on.year - 1
        if f"{year}-{month:02d}" <= ended[:7]:
            return True
    return False


def _paragraph_years(text: str, sentence: tuple[int, int]) -> list[int]:
    """Years named earlier in the sentence's paragraph: the time a narrative is set in
    ("With the 2008 financial crash ... 'Laissez-faire is finished,' declared President X")."""
    begin = text.rfind("\n", 0, sentence[0]) + 1
    return [int(y) for y in _YEAR.findall(text[begin:sentence[0]])]


def _during(tenure, year: int) -> bool:
    span = loose_span(tenure.start, tenure.end, tenure.as_of)
    return bool(span) and span[0][:4] <= str(year) <= span[1][:4]


def _days_between(tenure, on) -> int:
    """Days from the tenure's end to `on`, or from `on` to its start."""
    if tenure.start and str(tenure.start) > on.isoformat():
        return (date.fromisoformat(loose_span(tenure.start, None, tenure.start)[0]) - on).days
    span = loose_span(tenure.start, tenure.end, tenure.as_of)
    return (on - date.fromisoformat(span[1])).days if span else 10 ** 6


def _dated_otherwise(kb, person, office_keys, on) -> bool:
    """Dated tenures of this person in the office end before `on` or start after it: they
    beat an "as of" row (a successor listed by the directory before their dated start, a
    predecessor it kept). An open tenure whose source fell silent before `on` proves nothing."""
    own = [t for t in kb.tenures(person) if t.office.key in office_keys and t.start]
    if any(_covers(t, on) or (t.end is None and str(t.start) <= on.isoformat()) for t in own):
        return False
    return any(t.end or str(t.start) > on.isoformat() for t in own)


def _superseded(undated, dated) -> bool:
    """An "as of" row older than the dated start of someone else's tenure on that day:
    the directory listed the predecessor (Ishiba as of May 2025, Takaichi from October)."""
    return any(d.person.id != undated.person.id and str(d.tenure.start) > str(undated.tenure.as_of)
               for d in dated)


def _covers(tenure, on) -> bool:
    """The tenure may cover `on`: month- and year-precision dates are read as widely as
    they allow, since this clears a name."""
    span = loose_span(tenure.start, tenure.end, tenure.as_of)
    if span is None:
        return False
    return span[0] <= on.isoformat() <= span[1]
