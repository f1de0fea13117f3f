"""Claims an article makes that another article on the same story can contradict: counts (dead,
injured, votes, sums of money), dates and places of named events, a person's office, quotes and their
speakers; and the people it names. Read from the spaCy Doc and the people the pipeline linked; pure.

Each claim is a plain dict {kind, subject, value, start, end, sentence: [start, end], ...}; `conflicts`
compares them across articles, the store keeps them.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..link import claim_jurisdiction
from ..names import norm
from ..roles import is_exclusive

# -- numbers --------------------------------------------------------------------------------------

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "a hundred": 100,
}
# vague amounts ("hundreds", "dozens"): read, so that they are not taken for a figure, but never compared:
# "hundreds" is said of 1,419 dead as readily as of 300
_VAGUE = {"dozens": (24, 150), "scores": (40, 200), "hundreds": (200, 999), "thousands": (2000, 9999),
          "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
          "several": (3, 9), "a few": (2, 5), "a handful": (2, 6), "two dozen": (24, 24)}
_SPECIFIC_VAGUE = {"two dozen"}
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3, "m": 1e6, "bn": 1e9}
_HEDGE = (r"(?P<hedge>about|around|roughly|approximately|some|an estimated|nearly|almost|close to|more than|"
          r"over|at least|upwards of|fewer than|less than|under|up to|at most|as many as|as few as)\s+")
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
# "twenty-five" first, whole: read word by word it was "five" (BBC: "Twenty-five others were injured")
_NUMBER = (rf"(?P<num>(?:{_TENS})-(?:one|two|three|four|five|six|seven|eight|nine)|"
           r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|" + "|".join(
    sorted((re.escape(w) for w in list(_WORD_NUMBERS) + list(_VAGUE)), key=len, reverse=True)) + r")"
           r"(?:\s+(?P<scale>thousand|million|billion|trillion))?")
# not the end of a range or an age: "ranging in age from 2 to 86 died"
_QUANTITY = rf"(?<!\bto )(?<!\baged )(?<!\bages )(?<!\bage )(?:{_HEDGE})?{_NUMBER}"
# who was counted: the plain ones count as "people"; others ("children", "officers") are their own subject
_PLAIN_VICTIMS = {"people", "persons", "person", "individuals", "victims", "others", "in all", "total"}
_VICTIM = (r"(?:\s+(?P<who>(?:[a-z][a-z\-]*\s+){0,2}?(?:people|persons|person|civilians|children|adults|soldiers|troops|officers|"
           r"policemen|police officers|students|migrants|workers|passengers|protesters|militants|fighters|" \
           r"residents|victims|others|individuals|worshippers|firefighters|co-workers|coworkers|colleagues|employees|"
           r"Palestinians|Israelis|Americans)))?")
_DEATH = r"(?:killed|dead|died|deaths|lost their lives|perished|were killed|have died|have been killed)"
_HURT = r"(?:injured|wounded|hurt|injuries)"
_COUNT_PATTERNS = [
    # "at least 12 people were killed", "21 dead", "12 soldiers died"
    (re.compile(rf"\b{_QUANTITY}{_VICTIM}\s+(?:(?:were|have been|had been|was|are|being|reportedly)\s+)?"
                rf"(?:(?P<death>{_DEATH})|(?P<hurt>{_HURT}))\b", re.I), None),
    # "killing 12 people", "left 21 dead", "the death toll rose to 197"
    (re.compile(rf"\b(?:killing|killed|kills|left|leaving)\s+{_QUANTITY}{_VICTIM}(?:\s+(?:dead|people dead))?\b",
                re.I), "deaths"),
    (re.compile(rf"\b(?:injuring|wounding|injured|wounded)\s+{_QUANTITY}{_VICTIM}\b", re.I), "injured"),
    (re.compile(rf"\bdeath toll\s+(?P<scope>(?:[\w\-]+\s+){{0,4}}?)(?:to|of|at|reached|hit|is|was|stands at|stood at)"
                rf"\s+{_QUANTITY}\b(?:\s+(?:for|in)\s+(?P<scope2>(?-i:[A-Z])[\w\-]+))?", re.I), "deaths"),
]
# what may follow "killed 12" when the 12 are people at large: the sentence goes on, or ends
_COUNTED_THING = re.compile(r"\s+(?!(?:and|in|on|at|when|after|during|as|while|since|across|near|including|with|"
                            r"were|was|have|had|are|dead|people|by|from|before|overnight|so|but|or|of|to|"
                            r"inside|outside|last|this|on)\b)[A-Za-z]", re.I)
# a count over a period or a whole country is a statistic that differs by scope and cut-off, not one
# event's toll: abstain on sentences that speak of one
_AGGREGATE = re.compile(
    r"\b(since|so far|this year|last year|a year|per year|annually|each year|every year|per day|a day|each day|"
    r"a week|pandemic|coronavirus|covid|virus|overdose|nationwide|worldwide|globally|in total|cumulative|"
    r"in \d{4}|total of|war|conflict|decade|month|weeks|years|record|average|rate|percent|%|"
    # another, earlier event told as background: "Earlier this week, 50 people were killed ..."
    r"earlier|previous|previously|last week|last month|the day before|a similar|another)\b", re.I)
_VOTE = re.compile(r"\b(?:(?:by\s+a\s+|in\s+a\s+)?(?P<a>\d{1,3})\s*[-–]\s*(?P<b>\d{1,3})\s+"
                   r"(?:vote|margin|tally)|vote\s+of\s+(?P<c>\d{1,3})\s*[-–]\s*(?P<d>\d{1,3})|"
                   r"(?:voted|passed|approved|confirmed|rejected)\s+(?:\w+\s+){0,6}?(?P<e>\d{1,3})\s*[-–]\s*(?P<f>\d{1,3}))\b",
                   re.I)
_CHAMBER = re.compile(r"\b(Senate|House|Congress|Parliament|Bundestag|Knesset|Duma|Commons|Lords|Assembly|"
                      r"council|committee|court|justices|jury)\b", re.I)
_MONEY = re.compile(rf"(?:{_HEDGE})?(?:US)?\$\s?(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
                    r"(?:\s*(?P<scale>thousand|million|billion|trillion|bn|m|k)\b)?"
                    r"(?:\s+(?P<what>(?:[a-z][a-z\-]*\s+){0,2}?(?:bill|package|plan|deal|fine|settlement|budget|loan|"
                    r"aid|contract|fund|grant|ransom|bail|bond|award|penalty|bailout|agreement|proposal|"
                    r"stimulus|sale|purchase|acquisition|offer|investment|request|measure))\b)?", re.I)


def _number(match) -> tuple[float, float, bool, float] | None:
    """(low, high, round, the figure as written) of the quantity a match names, its hedge and rounding
    taken in; None for a vague one ("hundreds")."""
    raw = match.group("num").lower()
    scale = _SCALE.get((match.group("scale") or "").lower(), 1)
    if raw in _VAGUE:
        if raw not in _SPECIFIC_VAGUE:
            return None
        lo, hi = _VAGUE[raw]
        return lo * scale, hi * scale, True
    if "-" in raw:
        tens, _, units = raw.partition("-")
        value = float(_WORD_NUMBERS[tens] + _WORD_NUMBERS[units])
        digits = str(int(value))
    elif raw in _WORD_NUMBERS:
        value = float(_WORD_NUMBERS[raw])
        digits = str(int(value))
    else:
        digits = raw.replace(",", "")
        value = float(digits)
    value *= scale
    # rounding: a figure is taken to be exact to half a unit of its last significant digit, but no more
    # than a quarter of it: "200" covers 150..250, "1,000" 750..1,250, "1 trillion" 0.75..1.25 trillion,
    # "1.2 trillion" 1.15..1.25 trillion; a figure with no zeros to round ("197", "12") is exact
    whole, _, fraction = digits.partition(".")
    if fraction:
        unit = 10 ** -len(fraction)
    else:
        unit = 10 ** (len(whole) - len(whole.rstrip("0"))) if whole.strip("0") else 1
    is_round = unit > 1 or bool(fraction) or scale > 1
    if is_round:
        slack = min(0.5 * unit * scale, 0.25 * value)
        lo, hi = value - slack, value + slack
    else:
        lo = hi = value
    hedge = (match.groupdict().get("hedge") or "").lower()
    if hedge in ("about", "around", "roughly", "approximately", "some", "an estimated"):
        lo, hi = min(lo, value * 0.85), max(hi, value * 1.15)
    elif hedge in ("nearly", "almost", "close to"):
        lo, hi = value * 0.85, value
    elif hedge in ("more than", "over", "at least", "upwards of"):
        lo, hi = min(lo, value), float("inf")
    elif hedge in ("fewer than", "less than", "under", "up to", "at most", "as many as"):
        lo = 0.0
    elif hedge == "as few as":
        hi = float("inf")
    return lo, hi, is_round or bool(hedge), value


def _finite(high: float) -> float | None:
    return None if high == float("inf") else high  # JSON has no infinity: None is "no upper bound"


def _victims(match) -> str:
    who = (match.groupdict().get("who") or "").lower().split()
    if not who or who[-1] in _PLAIN_VICTIMS:
        return ""
    return who[-1]


_CAUSE = re.compile(r"\b(attack|shooting|bombing|blast|explosion|air\s?strike|strike|raid|crash|earthquake|quake|storm|"
                    r"hurricane|typhoon|flood|fire|gunbattle|gun battle|clash|stampede|collapse|shelling|massacre)(?:e?s)?\b",
                    re.I)


def _cause(sentence: str) -> str | None:
    """What killed or injured them, as the sentence names it ("in the US air strike"): two tolls of two
    causes are two events."""
    found = _CAUSE.search(sentence)
    if not found:
        return None
    word = found.group(1).lower().replace(" ", "")
    return {"quake": "earthquake", "blast": "explosion", "gunbattle": "gunbattle"}.get(word, word)


def _scope(match) -> str:
    """The place a death toll is given for ("the death toll in Germany"): a toll of its own."""
    scope = f"{match.groupdict().get('scope') or ''} {match.groupdict().get('scope2') or ''}"
    words = [w for w in scope.split() if w[:1].isupper()]
    return " ".join(words).lower()


def number_claims(text: str, sentences: list[tuple[int, int]]) -> list[dict]:
    claims = []
    for s_start, s_end in sentences:
        sentence = text[s_start:s_end]
        aggregate = bool(_AGGREGATE.search(sentence))
        for pattern, fixed in _COUNT_PATTERNS:
            if aggregate:
                break
            for m in pattern.finditer(sentence):
                if fixed and not m.groupdict().get("who") and _COUNTED_THING.match(sentence, m.end()):
                    continue  # "killed two senior Isis members", "left 25 Taliban dead": a count of a group we do not read
                what = fixed or ("deaths" if m.groupdict().get("death") else "injured")
                got = _number(m)
                if got is None:
                    continue
                victims = _victims(m) or _scope(m)
                claims.append(_claim("number", f"{what}:{victims}" if victims else what, m.group(0),
                                     s_start + m.start(), s_start + m.end(), (s_start, s_end),
                                     low=got[0], high=_finite(got[1]), amount=got[3], approximate=got[2],
                                     monotone=True, cause=_cause(sentence)))
        for m in _VOTE.finditer(sentence):
            a, b = (m.group("a"), m.group("b")) if m.group("a") else \
                (m.group("c"), m.group("d")) if m.group("c") else (m.group("e"), m.group("f"))
            chamber = _CHAMBER.search(sentence)
            if not chamber or int(a) + int(b) < 5:  # "won 3-2": a score, not a vote
                continue
            tally = f"{max(int(a), int(b))}-{min(int(a), int(b))}"
            claims.append(_claim("number", f"vote:{chamber.group(1).lower()}", m.group(0), s_start + m.start(),
                                 s_start + m.end(), (s_start, s_end), tally=tally))
        for m in _MONEY.finditer(sentence):
            if not m.group("what"):
                continue  # a sum is compared only with a sum for the same thing ("relief package")
            got = _number(m)
            what = " ".join(m.group("what").lower().split()[-2:])
            claims.append(_claim("number", f"money:{what}", m.group(0), s_start + m.start(),
                                 s_start + m.end(), (s_start, s_end), low=got[0], high=_finite(got[1]),
                                 amount=got[3], approximate=got[2], monotone=False))
    return _drop_self_contradicting(_drop_overlaps(claims))


def _drop_overlaps(claims: list[dict]) -> list[dict]:
    """One figure read by two patterns ("left at least nine people dead", "at least nine people dead"):
    the longer reading stays."""
    kept: list[dict] = []
    for c in sorted(claims, key=lambda c: (c["start"], -(c["end"] - c["start"]))):
        if kept and c["start"] < kept[-1]["end"]:
            continue
        kept.append(c)
    return kept


def _drop_self_contradicting(claims: list[dict]) -> list[dict]:
    """An article that gives one subject two incompatible values is counting two things (the day's
    dead and the week's): none of them is compared with other articles."""
    by_subject: dict[str, list[dict]] = {}
    for c in claims:
        by_subject.setdefault(c["subject"], []).append(c)
    keep = []
    for subject, group in by_subject.items():
        if all(compatible_numbers(a, b) for i, a in enumerate(group) for b in group[i + 1:]):
            keep.extend(group)
    return sorted(keep, key=lambda c: c["start"])


def compatible_numbers(a: dict, b: dict) -> bool:
    if "tally" in a or "tally" in b:
        return a.get("tally") == b.get("tally")
    inf = float("inf")
    return a["low"] <= (b["high"] if b["high"] is not None else inf) and \
        b["low"] <= (a["high"] if a["high"] is not None else inf)


# -- dates and places of named events ------------------------------------------------------------------

_MONTHS = {m: n for n, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"), ("october", "oct"),
     ("november", "nov"), ("december", "dec")], start=1) for m in names}
_MONTH = r"(?P<month>(?i:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r"))\.?"
_DAY_DATE = rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
_EVENTS = (r"election|elections|primary|runoff|referendum|vote|summit|inauguration|attack|attacks|shooting|"
           r"bombing|explosion|blast|crash|earthquake|riot|raid|strike|airstrike|coup|assassination|massacre|"
           r"hearing|trial|verdict|sentencing|debate|meeting|talks|deadline|launch|ceremony|funeral|parade|"
           r"rally|protest|storm|hurricane|fire|flood|eruption|collision|derailment")
_EVENT_NP = rf"(?P<mod>(?:[A-Z][\w\-.']*\s+){{0,3}})(?P<event>{_EVENTS})"
_EVENT_DATE = [
    re.compile(rf"\b{_EVENT_NP}\s+(?:was\s+|were\s+|is\s+|will be\s+)?(?:held\s+|set\s+|scheduled\s+|planned\s+)?"
               rf"(?:on|for)\s+(?:\w+day,?\s+)?{_DAY_DATE}"),
    re.compile(rf"\b(?:the\s+){_DAY_DATE}\s+{_EVENT_NP}\b"),
]
_RESCHEDULED = re.compile(r"\b(postpon|delay|reschedul|moved|push(?:ed)? back|brought forward|adjourn)", re.I)
_EVENT_PLACE = re.compile(rf"\b{_EVENT_NP}\s+(?:in|at)\s+(?P<place>[A-Z][\w\-']+(?:\s+[A-Z][\w\-']+){{0,2}})")


def _event_subject(match) -> str:
    mod = " ".join(w for w in match.group("mod").split() if w.lower() not in ("the", "a", "an", "this", "that"))
    event = match.group("event").lower()
    return f"{mod.lower()} {event}".strip()


def event_claims(text: str, sentences: list[tuple[int, int]], country_of) -> list[dict]:
    """Dates ("the election on November 3", "the Nov. 3 election") and places ("the summit in Geneva")
    given for an event. `country_of(place)` is the country a place lies in, if known."""
    claims = []
    for s_start, s_end in sentences:
        sentence = text[s_start:s_end]
        moved = bool(_RESCHEDULED.search(sentence))
        for pattern in _EVENT_DATE:
            for m in pattern.finditer(sentence):
                month, day = _MONTHS[m.group("month").lower()], int(m.group("day"))
                if not 1 <= day <= 31:
                    continue
                claims.append(_claim("date", _event_subject(m), m.group(0), s_start + m.start(), s_start + m.end(),
                                     (s_start, s_end), month=month, day=day,
                                     year=int(m.group("year")) if m.group("year") else None, rescheduled=moved))
        for m in _EVENT_PLACE.finditer(sentence):
            place = m.group("place")
            country = country_of(place)
            if country is None:
                continue  # a place we cannot put in a country cannot be told apart from a district of another
            claims.append(_claim("place", _event_subject(m), m.group(0), s_start + m.start(), s_start + m.end(),
                                 (s_start, s_end), place=place, country=country))
    return claims


# -- quotes and speakers ---------------------------------------------------------------------------------

_QUOTE = re.compile(r"[\"“]([^\"“”]{20,600}?)[\"”]")
_VERBS = r"said|says|added|wrote|tweeted|stated|declared|insisted|argued|warned|continued|explained|noted"
_TITLE_WORDS = r"(?:[A-Z][\w.'’\-]*\s+){0,5}"
# where the speaker stands next to the quote: "“...,” Pelosi said", "“...,” said Senate Leader Chuck
# Schumer", "Pelosi said: “...”", "Pelosi, a Democrat, told reporters, “...”". "she told Joy Reid" or
# "the letter to Comey says ..., saying “...”" give no speaker.
_QUOTE_THEN_NAME = re.compile(rf"[,\s]*(?:(?:{_VERBS})\s+)?{_TITLE_WORDS}$")
_NAME_THEN_VERB = re.compile(rf"(?:\s*,[^,\"“”]{{1,60}},)?\s+(?:{_VERBS}|told|asked)\b")
_NAME_THEN_QUOTE = re.compile(rf"(?:\s*,[^,\"“”]{{1,60}},)?\s+(?:{_VERBS}|told(?:\s+\w+){{1,2}})\s*[,:]?\s*$")
MIN_QUOTE_WORDS = 6


def quote_key(quote: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", quote.lower().replace("’", "'")))


def quote_claims(text: str, sentences: list[tuple[int, int]], speakers: list[tuple[int, int, str, str]]) -> list[dict]:
    """Quotes of six words or more with the person the sentence says spoke them.

    `speakers` are (start, end, name, person_key) of the people named in the text. The speaker is a
    name next to a speech verb outside the quote; "the House speaker said", "she told X" or two
    candidates give no speaker, and so no claim."""
    claims = []
    for s_start, s_end in sentences:
        sentence = text[s_start:s_end]
        quotes = list(_QUOTE.finditer(sentence))
        if len(quotes) != 1:  # two quotes in a sentence may be two people's words
            continue
        m = quotes[0]
        words = quote_key(m.group(1))
        if len(words.split()) < MIN_QUOTE_WORDS:
            continue
        q_start, q_end = s_start + m.start(), s_start + m.end()
        named = {}
        for start, end, name, key in speakers:
            if not s_start <= start < s_end or q_start <= start < q_end:
                continue
            if start >= q_end:  # the quote, then the speaker
                between = text[q_end:start]
                said_before = re.search(rf"\b(?:{_VERBS})\b", between)
                if _QUOTE_THEN_NAME.match(between) and (said_before or _NAME_THEN_VERB.match(text, end, s_end)):
                    named[key] = name
            elif _NAME_THEN_QUOTE.match(text[end:q_start]):  # the speaker, then the quote
                named[key] = name
        if len(named) != 1:
            continue
        (key, name), = named.items()
        claims.append(_claim("quote", words, m.group(1), q_start + 1, q_end - 1, (s_start, s_end),
                             speaker=name, speaker_key=key))
    return claims


# -- people and their offices ---------------------------------------------------------------------------

def person_key(lp) -> str:
    """The KB's key for a linked person, else the normalised full name."""
    return lp.person.key if lp.person is not None else "name:" + norm(lp.cluster.name)


def people_claims(text: str, people, kb, on) -> tuple[list[dict], list[dict]]:
    """(office claims, mentions): each plain title the article gives a person, and each mention of a
    person with the title it carries, for `corpus person`."""
    offices, mentions = [], []
    for lp in people:
        key = person_key(lp)
        if lp.person is None and len(norm(lp.cluster.name).split()) < 2:
            continue  # a lone surname nobody knows: too weak to compare or to list
        held = set()
        if lp.person is not None and on is not None:
            for t in kb.tenures(lp.person):
                held.add(t.office.role)
        name = lp.person.name if lp.person is not None else lp.cluster.name
        for m in lp.cluster.mentions:
            sentence = text[m.sentence[0]:m.sentence[1]].strip()
            titles = [t for t in m.titles]
            mentions.append({"person_key": key, "name": name, "start": m.start, "end": m.end,
                             "title_as_written": titles[0].text if titles else None, "sentence": sentence})
            for t in titles:
                if not t.plain or m.quoted or m.earlier_time or on is None:
                    continue
                where = claim_jurisdiction(t, lp.person, kb, on)
                roles = t.roles_in(where)
                t = replace(t, jurisdiction=where, roles=roles)
                if not roles:
                    continue
                start, end = min(t.start, m.start), max(t.end, m.end)
                offices.append(_claim("office", key, text[start:end], start, end, m.sentence, person=name,
                                      title=t.text, roles=list(roles), jurisdiction=where,
                                      held_roles=sorted(held), exclusive=all(is_exclusive(r) for r in roles)))
    return offices, mentions


def _claim(kind: str, subject: str, written: str, start: int, end: int, sentence, **data) -> dict:
    return {"kind": kind, "subject": subject, "text": written, "start": start, "end": end,
            "sentence": [sentence[0], sentence[1]], **data}


def claim_value(claim: dict) -> str:
    """The claim's value in words, as the store lists it."""
    kind = claim["kind"]
    if kind == "number":
        return claim.get("tally") or claim["text"]
    if kind == "date":
        year = f"{claim['year']}-" if claim.get("year") else ""
        return f"{year}{claim['month']:02d}-{claim['day']:02d}"
    if kind == "place":
        return claim["place"]
    if kind == "quote":
        return claim["speaker"]
    if kind == "office":
        return claim["title"]
    return claim["text"]


# -- everything at once ------------------------------------------------------------------------------------

def read_claims(article, doc, people, kb) -> dict:
    """What the corpus keeps of an article beyond its findings: claims, mentions and the places it names."""
    text = article.text
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    on = article.published or (article.published_window[0] if article.published_window else None)

    def country_of(place: str):
        code = kb.country(place) or kb.capital_of(place)
        if code is None:
            found = kb.place(place)
            code = found.country if found else None
        return code

    offices, mentions = people_claims(text, people, kb, on)
    speakers = [(m["start"], m["end"], m["name"], m["person_key"]) for m in mentions]
    claims = number_claims(text, sentences) + event_claims(text, sentences, country_of) + offices \
        + quote_claims(text, sentences, speakers)
    places = sorted({e.text for e in doc.ents if e.label_ == "GPE"})
    return {"claims": sorted(claims, key=lambda c: c["start"]), "mentions": mentions, "places": places}
