"""date_arithmetic: a duration, ordinal year or anniversary that disagrees with its event.

The event is found by the phrases that name it near the claim ("the war", "the invasion"),
generic phrases only when the article mentions the event's context words. A claim is
wrong only when it fits none of the events it may count from.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Evidence, Finding
from ..names import norm
from ..kb.store import loose_span
from ..link import records_of
from ..temporal import consistent, elapsed_years, expected_phrase, find_duration_claims, find_tenure_claims
from .evidence import span_finding_args, tenure_evidence

CODES = ("date_arithmetic",)

_CLAUSE = re.compile(r"[,;:()\u2014\u2013]|\s-\s")


_STOP = {"the", "a", "an", "of", "in", "on", "to", "and", "s", "its", "by", "from", "for", "with", "at", "'s"}
_MONTH_ABBR = {"jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june",
               "jul": "july", "aug": "august", "sep": "september", "sept": "september", "oct": "october",
               "nov": "november", "dec": "december"}
# words that say what happened to an organisation; its name alone then names the event
_FOUNDING_WORDS = {"found", "creat", "estab", "birth", "signe", "treat", "charte", "day"}


def content_stems(text: str) -> set[str]:
    """Content words, cut to five letters so 'Syrian' meets 'Syria' and 'attacks' 'attack'."""
    out = set()
    for w in norm(text.replace("'s", " ").replace("’s", " ")).replace("-", " ").split():
        w = _MONTH_ABBR.get(w, w)
        if w not in _STOP:
            out.add(w[:5])
    return out


@dataclass(frozen=True)
class EventIndex:
    """Events with the content words of the phrases that name them, built once per KB."""

    entries: tuple  # (event, folded alias, alias stems, generic, context stems, founding subject or None)

    @classmethod
    def build(cls, events) -> "EventIndex":
        entries = []
        for ev in events:
            context = frozenset(content_stems(" ".join(ev.context)))
            for alias in {ev.name, *ev.aliases}:
                words = [w for w in alias.split() if w.lower() not in ("the", "a")]
                generic = not any(w[:1].isupper() or w[:1].isdigit() for w in words)
                stems = frozenset(content_stems(alias))
                subject = None
                if ev.kind == "founding":
                    rest = stems - _FOUNDING_WORDS
                    subject = rest if rest and rest != stems else None
                if stems:
                    entries.append((ev, norm(alias), stems, generic, context, subject))
        return cls(tuple(entries))

    def find(self, window: str, article: str, *, anniversary: bool = False, specific_only: bool = False) -> list:
        """Events a window of text names; generic phrases ("the war") must stand as written
        and need the article to mention the event's context; an anniversary may name a
        founding by its organisation alone. A year written in the window must be the event's."""
        words = content_stems(window)
        folded = f" {norm(window)} "
        years = {int(y) for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", window)}
        article_words = None
        hits = {}
        for ev, alias, stems, generic, context, subject in self.entries:
            named = stems <= words or (anniversary and subject is not None and subject <= words)
            if not named:
                continue
            if years and _date(ev.date).year not in years:
                continue  # "the 1973 Yom Kippur war" is not the war that began in 2011
            if generic:
                if specific_only or f" {alias} " not in folded:
                    continue
                article_words = article_words if article_words is not None else content_stems(article)
                if not context & article_words:
                    continue
            hits.setdefault(ev.key, ev)
        return list(hits.values())


# what an age is given to when it is an event's: "the two-year-old war in Ukraine"
_AGED_EVENT = re.compile(
    r"\s+(?:[\w'-]+\s+){0,2}?(?:war|conflict|invasion|crisis|insurgency|uprising|occupation|siege|blockade|"
    r"ceasefire|truce|pandemic|dispute|revolution|regime|rule)\b(?:\s+(?:in|on|against|with|between|over)"
    r"(?:\s+[A-Z][\w'-]*){1,3})?")
_ANCHOR = re.compile(r"\b(since|after|before|ago|until)\b")
_RELATIVE = re.compile(r"\b(that|which|who|whom|when|where|while|because|but)\b")


def _windows(text: str, start: int, end: int, sentence: tuple[int, int], prev_sentence, kind: str):
    """Where the event a claim counts from is named, nearest first, as (text, specific_only).

    After the claim, only up to the next relative clause: in "the 10th anniversary of the
    earthquake that ... caused the worst disaster since Chernobyl", Chernobyl is not it."""
    s0, s1 = sentence
    cuts = [s0] + [m.end() + s0 for m in _CLAUSE.finditer(text[s0:s1])] + [s1]
    idx = max(i for i, c in enumerate(cuts[:-1]) if c <= start)
    clause_start = cuts[idx]
    after = text[end:s1]
    stop = _RELATIVE.search(after)
    after = after[:stop.start()] if stop else after
    # "30 years since the massacre, the worst atrocity since World War Two": the second
    # "since" anchors another span of time
    anchors = list(_ANCHOR.finditer(after))
    if len(anchors) > 1:
        after = after[:anchors[1].start()]
    if kind == "age":  # "Russia's three-year-old war in Ukraine": the phrase without its age
        head = _AGED_EVENT.match(text, end)
        if head:
            before = re.search(r"(?:[\w'’.-]+\s+){0,2}$", text[clause_start:start]).group(0)
            yield before + head.group(0), False
        return
    yield text[clause_start:end] + after[:_CLAUSE.search(after).start() if _CLAUSE.search(after) else None], False
    if kind in ("years_since", "anniversary"):  # "12 years since the earthquake, tsunami and ... disaster"
        yield text[clause_start:end] + after, True
        if kind == "years_since":  # "the COVID-19 pandemic ..., three years after it was declared"
            yield text[s0:end] + after, True
    elif kind == "years_ago":  # "NATO was founded in Washington, 76 years ago"
        yield text[s0:end] + after, True
    if kind == "ordinal_year":  # "The war, now in its fourth year, ..."
        if idx > 0:
            yield text[cuts[idx - 1]:end], False
        yield text[s0:end], False
        if prev_sentence:
            yield text[prev_sentence[0]:prev_sentence[1]], False


def run(ctx) -> list[Finding]:
    findings = _tenure_findings(ctx)
    sentences = ctx.sentences
    for claim in find_duration_claims(ctx.text):
        k = next((i for i, (a, b) in enumerate(sentences) if a <= claim.start < b), None)
        if k is None:
            continue
        prev = sentences[k - 1] if k > 0 else None
        events = []
        for window, specific_only in _windows(ctx.text, claim.start, claim.end, sentences[k], prev, claim.kind):
            events = [ev for ev in ctx.events.find(window, ctx.text, anniversary=claim.kind == "anniversary",
                                                   specific_only=specific_only)
                      if _date(ev.date) < ctx.on]
            if events:
                break
        if not events:
            continue
        checks = [(ev, elapsed_years(_date(ev.date), ctx.on)) for ev in events]
        if any(consistent(claim, e) for _, e in checks):
            continue
        ev, e = min(checks, key=lambda pair: abs(pair[1] - claim.years))
        findings.append(Finding(
            code="date_arithmetic",
            **span_finding_args(ctx.text, claim.start, claim.end),
            message=(f"\"{ctx.text[claim.start:claim.end]}\" does not fit {ev.name}, which began on {ev.date}: "
                     f"on {ctx.on} that is {e:.1f} years."),
            suggestion=expected_phrase(claim, e),
            evidence=[Evidence(text=f"{ev.name}: {ev.date}" + (f" to {ev.end}" if ev.end else "") + ".",
                               source=ev.source_name or ev.source, valid_from=str(ev.date),
                               valid_to=str(ev.end) if ev.end else None, as_of=None)]
            + [Evidence(text=f"Also considered: {other.name}, {other.date} ({oe:.1f} years).",
                        source=other.source_name or other.source, valid_from=str(other.date))
               for other, oe in checks if other is not ev],
            confidence=0.85 if len(checks) == 1 else 0.8,
            severity="error",
        ))
    return findings


# Offices a leader's "years in office" or "in power" are counted in: a spell runs on across
# them (Putin: prime minister, president, prime minister, president) while the gaps are short.
_LEADING = {"head_of_state", "head_of_government"}
_GAP_DAYS = 31


def _tenure_findings(ctx) -> list[Finding]:
    """"Merkel's 16 years in power", "his second year in office": counted from the start of the
    person's unbroken spell at the head of state or government, to its end or the article's date."""
    findings = []
    for tc in find_tenure_claims(ctx.text):
        person = _owner(ctx, tc)
        spell = _spell(ctx.kb, person, ctx.on, tc.in_power) if person is not None else None
        if spell is None:
            continue
        start, end, tenures = spell
        e = elapsed_years(start, min(end, ctx.on))
        if consistent(tc.claim, e):
            continue
        findings.append(Finding(
            code="date_arithmetic",
            **span_finding_args(ctx.text, tc.claim.start, tc.claim.end),
            message=(f"\"{ctx.text[tc.claim.start:tc.claim.end]}\" does not fit {person.name}, who led from {start}"
                     + (f" to {end}" if end < ctx.on else "") + f": on {min(end, ctx.on)} that is {e:.1f} years."),
            suggestion=expected_phrase(tc.claim, e).removeprefix("its "),
            evidence=[tenure_evidence(person.name, t, ctx.kb) for t in tenures],
            confidence=0.75,
            severity="error",
        ))
    return findings


def _owner(ctx, tc):
    """The KB person a possessive names ("Merkel's"), or the last one named before "his"/"her"
    in the same sentence."""
    sentence = next(((a, b) for a, b in ctx.sentences if a <= tc.owner_start < b), None)
    best = None
    for lp in ctx.people:
        if lp.person is None:
            continue
        for m in lp.cluster.mentions:
            if tc.owner[:1].isupper() and m.start <= tc.owner_start < m.end + 1:
                return lp.person
            if tc.owner in ("his", "her") and sentence and sentence[0] <= m.start < tc.owner_start:
                if best is None or m.start > best[0]:
                    best = (m.start, lp.person)
    return best[1] if best else None


def _spell(kb, person, on, in_power: bool):
    """(first day, last day, tenures) of the person's unbroken time at the head of state or
    government (in power: across those offices; in office: in one) that holds `on` or ended
    in the year before it; None when the KB has no day-precise dated such tenure."""
    tenures = sorted((t for p in records_of(kb, person) for t in kb.tenures(p)
                      if t.office.kind in _LEADING and t.start and t.start_precision == "day"),
                     key=lambda t: str(t.start))
    spells = []
    for t in tenures:
        span = loose_span(t.start, t.end, t.as_of)
        lo, hi = _date(span[0]), _date(span[1])
        if t.end is None:
            hi = max(hi, on)  # no known end: still in office
        if spells and (lo - spells[-1][1]).days <= _GAP_DAYS and (in_power or t.office == spells[-1][2][-1].office):
            spells[-1] = (spells[-1][0], max(hi, spells[-1][1]), spells[-1][2] + [t])
        else:
            spells.append((lo, hi, [t]))
    for lo, hi, ts in reversed(spells):
        if lo <= on and (on - hi).days <= 366:
            return lo, hi, ts
    return None


def _date(value):
    from datetime import date
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
