"""`story_conflict`: articles of one story that state incompatible facts about the same thing.

Compares the claims (claims.py) of a story's articles: counts, with room for rounding and for a toll
that grows over time; dates and places of one event; a person's office on one day; a quote given to
different speakers. Pure: the store hands in the articles and their claims and keeps what comes out.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from ..model import Evidence, Finding
from ..names import norm
from .claims import compatible_numbers, claim_value

CODE = "story_conflict"
CODES = {CODE: (
    "Articles on one story state incompatible facts about the same thing: a count, the date or place of "
    "an event, a person's office on one day, the speaker of a quote. Each side is cited.",
    "One article has 12 dead in the blast, another from the same day 21.",
)}
# days apart beyond which a sum of money or a vote tally may have changed for real (a plan cut down,
# a second vote): not compared
SAME_DAYS = 1
# two sums for "the infrastructure bill" this far apart are two measures of it (new spending against
# the total, a year against ten), not a slip: not compared
MONEY_RATIO = 1.5


@dataclass
class Side:
    article: str
    title: str | None
    source: str | None
    published: str  # the day the article speaks from (ISO)
    claim: dict
    sentence: str

    def to_dict(self) -> dict:
        c = self.claim
        return {"article": self.article, "title": self.title, "source": self.source, "published": self.published,
                "sentence": self.sentence, "start": c["start"], "end": c["end"], "value": claim_value(c),
                "text": c["text"]}


@dataclass
class Conflict:
    kind: str
    subject: str
    sides: list[Side] = field(default_factory=list)
    what: str = ""

    def majority(self) -> tuple[str, list[str]] | None:
        """The value most distinct outlets give, when more outlets give it than any other."""
        outlets: dict[str, set] = {}
        for s in self.sides:
            outlets.setdefault(_value_key(s.claim), set()).add(s.source or s.article)
        ranked = sorted(outlets.items(), key=lambda kv: -len(kv[1]))
        if len(ranked) > 1 and len(ranked[0][1]) > len(ranked[1][1]):
            value = next(claim_value(s.claim) for s in self.sides if _value_key(s.claim) == ranked[0][0])
            return value, sorted(ranked[0][1])
        return None

    def earliest(self) -> Side | None:
        """The side published first, when one day comes before all the others (a date, not a time)."""
        first = min(self.sides, key=lambda s: (s.published, s.article))
        return first if sum(s.published == first.published for s in self.sides) == 1 else None

    def to_dict(self) -> dict:
        majority = self.majority()
        first = self.earliest()
        return {"kind": self.kind, "subject": self.subject, "what": self.what,
                "sides": [s.to_dict() for s in sorted(self.sides, key=lambda s: (s.published, s.article))],
                "majority": {"value": majority[0], "sources": majority[1]} if majority else None,
                "earliest": {"article": first.article, "source": first.source, "published": first.published,
                             "value": claim_value(first.claim)} if first else None}


def _value_key(claim: dict):
    kind = claim["kind"]
    if kind == "number":
        return claim.get("tally") or (claim["low"], claim["high"])
    if kind == "quote":
        return claim["speaker_key"]
    if kind == "office":
        return tuple(sorted(claim["roles"]))
    if kind == "place":
        return claim["country"]
    return claim_value(claim)


def find_conflicts(articles: list[dict]) -> list[Conflict]:
    """`articles`: [{"id", "title", "source", "published" (ISO day), "text", "claims"}] of one story."""
    by_subject: dict[tuple, list[Side]] = {}
    quotes: list[Side] = []
    for a in articles:
        seen: dict[tuple, Side] = {}
        for c in a["claims"]:
            side = Side(a["id"], a.get("title"), a.get("source"), a["published"], c,
                        a["text"][c["sentence"][0]:c["sentence"][1]].strip())
            if c["kind"] == "quote":
                quotes.append(side)
                continue
            key = (c["kind"], c["subject"])
            if key not in seen or _narrower(c, seen[key].claim):  # one side per article: its most exact figure
                seen[key] = side
        for key, side in seen.items():
            by_subject.setdefault(key, []).append(side)
    found = []
    for (kind, subject), sides in by_subject.items():
        if len({s.article for s in sides}) < 2:
            continue
        if any(_clash(kind, a, b) for i, a in enumerate(sides) for b in sides[i + 1:]):
            conflict = Conflict(kind, subject, sides, _what(kind, subject, sides))
            found.append(conflict)
    found.extend(_quote_conflicts(quotes))
    return found


def _clash(kind: str, a: Side, b: Side) -> bool:
    """Whether two sides of one subject state incompatible facts (either way round)."""
    if kind == "quote":
        return not _same_speaker(a.claim, b.claim)
    compare = {"number": _numbers_clash, "date": _dates_clash, "place": _places_clash, "office": _offices_clash}[kind]
    return compare(a, b) or compare(b, a)


def _narrower(a: dict, b: dict) -> bool:
    if a["kind"] != "number" or "tally" in a:
        return False
    width = (lambda c: (c["high"] if c["high"] is not None else 1e18) - c["low"])
    return width(a) < width(b)


def _days_apart(a: Side, b: Side) -> int:
    return abs((date.fromisoformat(a.published) - date.fromisoformat(b.published)).days)


def _numbers_clash(a: Side, b: Side) -> bool:
    if compatible_numbers(a.claim, b.claim):
        return False
    causes = (a.claim.get("cause"), b.claim.get("cause"))
    if all(causes) and causes[0] != causes[1]:
        return False  # the dead of the air strike and of the car bombings: two events
    if a.claim.get("monotone"):
        # a toll only grows: a later article with a larger figure brings news, not a contradiction
        earlier, later = (a, b) if a.published <= b.published else (b, a)
        if later.published > earlier.published and later.claim["low"] >= earlier.claim["low"]:
            return False
        return True
    if a.claim["subject"].startswith("money:"):
        small, large = sorted((a.claim["amount"], b.claim["amount"]))
        if small <= 0 or large / small > MONEY_RATIO:
            return False
    return _days_apart(a, b) <= SAME_DAYS


def _dates_clash(a: Side, b: Side) -> bool:
    x, y = a.claim, b.claim
    if (x["rescheduled"] or y["rescheduled"]) and a.published != b.published:
        return False  # "the vote, postponed to June 3": a later article may report a new date
    if x.get("year") and y.get("year") and x["year"] != y["year"]:
        return True
    return (x["month"], x["day"]) != (y["month"], y["day"])


def _places_clash(a: Side, b: Side) -> bool:
    return a.claim["country"] != b.claim["country"]


def _offices_clash(a: Side, b: Side) -> bool:
    x, y = a.claim, b.claim
    if a.published != b.published or not (x["exclusive"] and y["exclusive"]):
        return False
    if set(x["roles"]) & set(y["roles"]):
        return False
    if x["jurisdiction"] and y["jurisdiction"] and x["jurisdiction"] != y["jurisdiction"]:
        return False  # two countries' titles: likely two people or a reading of "President" for another body
    held = set(x["held_roles"]) | set(y["held_roles"])
    return not (set(x["roles"]) <= held and set(y["roles"]) <= held)


def _same_speaker(a: dict, b: dict) -> bool:
    if a["speaker_key"] == b["speaker_key"]:
        return True
    na, nb = norm(a["speaker"]).split(), norm(b["speaker"]).split()
    return bool(na and nb and na[-1] == nb[-1])  # "Biden" and "Joe Biden"; two Bidens are not told apart


def _quote_conflicts(quotes: list[Side]) -> list[Conflict]:
    found, used = [], set()
    for i, a in enumerate(quotes):
        if i in used:
            continue
        group = [a]
        for j in range(i + 1, len(quotes)):
            b = quotes[j]
            if j in used or b.article in {s.article for s in group}:
                continue
            short, long_ = sorted((a.claim["subject"], b.claim["subject"]), key=len)
            if short in long_:
                group.append(b)
                used.add(j)
        speakers = {s.claim["speaker_key"] for s in group}
        if len(group) > 1 and any(not _same_speaker(x.claim, y.claim) for x in group for y in group):
            if len(speakers) > 1:
                subject = min((s.claim["subject"] for s in group), key=len)
                found.append(Conflict("quote", subject, group, f'who said "{min((s.claim["text"] for s in group), key=len)}"'))
    return found


def _what(kind: str, subject: str, sides: list[Side]) -> str:
    if kind == "number":
        what, _, who = subject.partition(":")
        if what == "deaths":
            return f"how many {who or 'people'} died"
        if what == "injured":
            return f"how many {who or 'people'} were injured"
        if what == "vote":
            return f"the {who} vote tally"
        if what == "money":
            return f"the sum of the {who}"
    if kind == "date":
        return f"the date of the {subject}"
    if kind == "place":
        return f"where the {subject} took place"
    if kind == "office":
        return f"the office of {sides[0].claim['person']}"
    return subject


def findings_for(conflict: Conflict) -> list[tuple[str, Finding]]:
    """One finding per side that clashes with another: (article id, Finding) in the check's schema,
    the span in that article, the other sides as evidence."""
    majority = conflict.majority()
    first = conflict.earliest()
    values = Counter(claim_value(s.claim) for s in conflict.sides)
    out = []
    for side in conflict.sides:
        # only the sides it clashes with: "at least seven" beside "a dozen" and "at least 20" contradicts
        # neither, though the dozen and the 20 contradict each other
        others = [s for s in conflict.sides if s is not side and _clash(conflict.kind, side, s)]
        if not others:
            continue
        said = "; ".join(f"{o.source or o.article} ({o.published}): \"{o.claim['text']}\"" for o in others)
        notes = []
        if majority:
            notes.append(f"most outlets ({', '.join(majority[1])}) give {majority[0]}")
        if first is not None and first is not side:
            notes.append(f"the earliest report, {first.source or first.article} on {first.published}, gives "
                         f"{claim_value(first.claim)}")
        note = "; ".join(notes)
        in_minority = majority is not None and claim_value(side.claim) != majority[0] and values[majority[0]] > 1
        finding = Finding(
            code=CODE, span=side.claim["text"], start=side.claim["start"], end=side.claim["end"],
            message=(f"Articles on this story disagree on {conflict.what}: this one says \"{side.claim['text']}\", "
                     f"but {said}." + (f" {note[0].upper()}{note[1:]}." if note else "")),
            suggestion=majority[0] if in_minority else None,
            evidence=[Evidence(text=o.sentence, source=f"{o.source or 'article'} ({o.article}), {o.published}",
                               as_of=o.published) for o in others],
            confidence=0.7 if in_minority else 0.5,
            severity="warning",
        )
        out.append((side.article, finding))
    return out
