"""The comparable units of a sentence: numbers with units, dates, quotes, offices.

Pure text functions with character offsets into the text they are given; deciding what
a mismatch means is left to `compare`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

WORD_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "dozens": 24,
    "hundreds": 200, "thousands": 2000,
}
SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
}
CURRENCY = {"$": "usd", "us$": "usd", "€": "eur", "£": "gbp", "¥": "jpy",
            "dollar": "usd", "dollars": "usd", "euro": "eur", "euros": "eur",
            "pound": "gbp", "pounds": "gbp", "yen": "jpy", "yuan": "cny", "rouble": "rub",
            "roubles": "rub", "ruble": "rub", "rubles": "rub", "hryvnia": "uah"}
HEDGES = {"nearly", "almost", "about", "around", "roughly", "approximately", "some",
          "more", "over", "less", "under", "fewer", "estimated", "close", "just",
          "above", "below", "least", "most", "than", "approx", "circa", "estimate"}

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDNUM = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_COMPOUND = rf"(?:{_TENS})[- ](?:{'|'.join(_UNITS)})"  # twenty-three
_NUMBER_RE = re.compile(
    rf"(?P<cur>US\$|\$|€|£|¥)?\s?(?<!\w)(?<![A-Za-z]-)(?P<num>{_NUM}|\b{_COMPOUND}\b|\b(?:{_WORDNUM})\b)"
    rf"(?:[\s-]?(?P<scale>thousand|million|billion|trillion|bn|mn|mln|tn|trn|m|k|b)\b)?"
    rf"(?:\s?(?P<pct>%|percent\b|per cent\b|percentage points?\b))?"
    rf"(?:[\s-]+(?P<unit>[A-Za-z]+))?",
    re.IGNORECASE,
)

MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
              "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH_RE = "|".join(list(MONTHS) + [a + r"\.?" for a in MONTH_ABBR])
_DATE_RE = re.compile(
    rf"\b(?:(?P<wd>{'|'.join(WEEKDAYS)})\b,?\s*)?"
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH_RE})\b"
    rf"|(?P<m2>{_MONTH_RE})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b|(?P<m3>{_MONTH_RE})\b)"
    rf"(?:,?\s+(?P<y1>(?:19|20)\d\d)\b)?"
    rf"|\b(?P<wd2>{'|'.join(WEEKDAYS)})\b"
    rf"|\b(?P<y2>(?:19|20)\d\d)\b(?!\s?(?:%|percent|million|billion))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    text: str
    value: float
    kind: str  # "pct", a currency code, or "count"
    unit: str  # the word after the number, lower case ("" if none)
    hedged: bool


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    weekday: int | None
    month: int | None
    day: int | None
    year: int | None
    quarter: int | None = None  # of a (fiscal or calendar) year

    def facts(self) -> set[tuple]:
        """Atomic date facts: each must be supported on its own."""
        out = set()
        if self.quarter is not None:
            out.add(("quarter", self.quarter))
        if self.weekday is not None:
            out.add(("weekday", self.weekday))
        if self.month is not None and self.day is not None:
            out.add(("monthday", self.month, self.day))
        elif self.month is not None:
            out.add(("month", self.month))
        if self.year is not None:
            out.add(("year", self.year))
        return out


def _month(s: str | None) -> int | None:
    if not s:
        return None
    s = s.lower().rstrip(".")
    return MONTHS.get(s) or MONTH_ABBR.get(s)


_QUARTER_RE = re.compile(r"\b(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]quarter|Q(?P<q>[1-4]))\b",
                         re.IGNORECASE)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


_BEFORE_MONTH = {"in", "since", "until", "till", "by", "from", "through", "early", "late", "mid",
                 "last", "next", "this", "of", "before", "after", "during"}


def find_dates(text: str, offset: int = 0) -> list[DateMention]:
    """Dates, weekdays, years and quarters ('third quarter', 'Q3')."""
    out = []
    for m in _QUARTER_RE.finditer(text):
        if m.group("q") and not m.group(0).startswith("Q"):
            continue  # q3 in lower case is no quarter
        n = _ORDINALS[m.group("ord").lower()] if m.group("ord") else int(m.group("q"))
        out.append(DateMention(m.start() + offset, m.end() + offset, m.group(0), None, None, None, None, n))
    for m in _DATE_RE.finditer(text):
        g = m.groupdict()
        month_word = g["m1"] or g["m2"] or g["m3"]
        if g["m3"] and g["m3"].lower().rstrip(".") in {"may", "mar"} and not g["y1"] and not g["wd"]:
            # "may" the verb and "mar" the verb are far more common than the bare month
            before = text[max(0, m.start() - 12):m.start()].lower().split()[-1:]
            if not text[m.start():m.start() + 1].isupper() or g["m3"].lower() == "may" and not (
                    before and before[0] in _BEFORE_MONTH):
                continue  # but "in May", "since May", "early May" are the month
        if month_word and not month_word[0].isupper():
            continue
        wd = g["wd"] or g["wd2"]
        if wd and not wd[0].isupper():
            continue
        day = g["d1"] or g["d2"]
        year = g["y1"] or g["y2"]
        out.append(DateMention(
            m.start() + offset, m.end() + offset, m.group(0),
            WEEKDAYS.index(wd.lower()) if wd else None, _month(month_word),
            int(day) if day else None, int(year) if year else None))
    return sorted(out, key=lambda d: d.start)


def find_quantities(text: str, offset: int = 0, skip: list[tuple[int, int]] = ()) -> list[Quantity]:
    """Numbers with their scale and unit; `skip` holds (start, end) spans already used by dates."""
    out = []
    for m in _NUMBER_RE.finditer(text):
        s, e = m.start("num"), m.end("num")
        if any(a <= s + offset < b for a, b in skip):
            continue
        raw = m.group("num").lower()
        if raw in WORD_NUMBERS:
            value = float(WORD_NUMBERS[raw])
        elif raw[0].isalpha():  # twenty-three
            tens, unit = re.split(r"[- ]", raw)
            value = float(WORD_NUMBERS[tens] + _UNITS.index(unit) + 1)
        else:
            value = float(raw.replace(",", ""))
            # years and other four-digit identifiers are dates, not quantities
            if re.fullmatch(r"(19|20)\d\d", raw) and not (m.group("cur") or m.group("scale") or m.group("pct")):
                continue
        cur = (m.group("cur") or "").lower()
        scale = (m.group("scale") or "").lower()
        if scale in ("m", "b", "k") and not cur:
            scale = ""  # "5 m" (metres) or "3 b" are not scale words without a currency
        if scale:
            value *= SCALES[scale]
        unit = (m.group("unit") or "").lower()
        if unit in SCALES and not scale:
            unit = ""
        kind = "count"
        if m.group("pct"):
            kind = "pct"
        elif cur:
            kind = CURRENCY.get(cur, "money")
        elif unit in CURRENCY:
            kind = CURRENCY[unit]
        start = m.start("cur") if cur else s
        end = max(m.end("scale") if scale else e, m.end("pct") if m.group("pct") else e)
        before = text[max(0, start - 25):start].lower().split()
        hedged = bool(set(before[-3:]) & HEDGES)
        out.append(Quantity(start + offset, end + offset, text[start:end], value, kind, unit, hedged))
    return out


_PHRASE_NUMBERS = [
    (r"\ba quarter of a century\b", 25.0, "year"), (r"\bhalf a century\b", 50.0, "year"),
    (r"\ba decade\b", 10.0, "year"), (r"\btwo decades\b", 20.0, "year"),
    (r"\bthree decades\b", 30.0, "year"), (r"\ba century\b", 100.0, "year"),
    (r"\ba quarter of a percentage point\b", 0.25, ""), (r"\bhalf a percentage point\b", 0.5, ""),
    (r"\bdoubled?\b", 100.0, ""), (r"\btripled?\b", 200.0, ""), (r"\bquadrupled?\b", 300.0, ""),
    (r"\bhalved\b", 50.0, ""), (r"\b(?:the|a|one) year to\b", 12.0, "months"),
]
# fractions are shares: "a quarter" of the vote is 25%, "roughly a third" 34%
_FRACTIONS = [
    (r"\b(?:a|one)[- ]half\b|\bhalf\b(?! a (?:percentage|century))", 50.0),
    (r"\b(?:a|one)[- ]third\b", 100 / 3), (r"\btwo[- ]thirds\b", 200 / 3),
    (r"\b(?:a|one)[- ]quarter\b(?! of a (?:percentage|century))", 25.0), (r"\bthree[- ]quarters\b", 75.0),
    (r"\b(?:a|one)[- ]fifth\b", 20.0), (r"\b(?:a|one)[- ]tenth\b", 10.0),
]


_ORDINAL_WORDS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                  "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
                  "seventeenth", "eighteenth", "nineteenth", "twentieth"]


def phrase_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Numbers the source writes as phrases ('a quarter of a century' = 25 years, 'an
    eleventh straight month' = 11 months)."""
    out = []
    for m in re.finditer(rf"\b({'|'.join(_ORDINAL_WORDS)})\b", text, re.IGNORECASE):
        value = float(_ORDINAL_WORDS.index(m.group(1).lower()) + 1)
        out.append(Quantity(m.start() + offset, m.end() + offset, m.group(0), value, "count", "", False))
    for pattern, value, unit in _PHRASE_NUMBERS:
        for m in re.finditer(pattern, text, re.IGNORECASE):
            out.append(Quantity(m.start() + offset, m.end() + offset, m.group(0), value, "count", unit, True))
            if value and m.group(0).lower().startswith(("doubl", "tripl", "quadrupl", "halved")):
                out.append(Quantity(m.start() + offset, m.end() + offset, m.group(0), value, "pct", "", False))
    for pattern, value in _FRACTIONS:
        for m in re.finditer(pattern, text, re.IGNORECASE):
            out.append(Quantity(m.start() + offset, m.end() + offset, m.group(0), value, "pct", "", True))
    return out


_HOURS = {"hour": 1, "hours": 1, "day": 24, "days": 24, "week": 168, "weeks": 168}


def quantities_match(a: Quantity, b: Quantity) -> bool:
    """Same quantity, allowing rounding (39.6% ~ 40%) and wider when either is hedged; a
    two-day strike is a 48-hour one."""
    if a.kind != b.kind and "count" not in (a.kind, b.kind):
        return False
    if a.value == b.value:
        return True
    if a.unit in _HOURS and b.unit in _HOURS and a.unit.rstrip("s") != b.unit.rstrip("s"):
        return a.value * _HOURS[a.unit] == b.value * _HOURS[b.unit]
    big = max(abs(a.value), abs(b.value))
    tolerance = 0.05 if (a.hedged or b.hedged) else 0.015
    return abs(a.value - b.value) <= tolerance * big


_QUOTE_RE = re.compile(r"“([^”]{6,}?)”|\"([^\"]{6,}?)\"|‘([^’]{12,}?)’(?!\w)")


@dataclass(frozen=True)
class Quote:
    start: int  # of the quoted words, without the marks
    end: int
    text: str


def find_quotes(text: str, offset: int = 0) -> list[Quote]:
    out = []
    for m in _QUOTE_RE.finditer(text):
        g = next(i for i in (1, 2, 3) if m.group(i) is not None)
        words = m.group(g)
        if len(words.split()) < 3:
            continue
        out.append(Quote(m.start(g) + offset, m.end(g) + offset, words))
    return out


# Offices: core nouns and the qualifiers that change who is meant.
OFFICE_CORE = {
    "president", "minister", "chancellor", "secretary", "governor", "mayor", "senator",
    "ambassador", "envoy", "spokesperson", "chairman", "ceo", "director", "chief",
    "general", "commander", "king", "queen", "premier", "speaker", "judge", "adviser",
    "lawmaker", "congressman", "prosecutor", "head", "leader", "pope", "coach", "captain",
    "coo", "cfo", "cto",
}
OFFICE_QUALIFIERS = {
    "prime", "vice", "deputy", "former", "foreign", "defense", "finance", "interior",
    "health", "state", "treasury", "energy", "trade", "justice", "economy", "home",
    "attorney", "special", "security", "opposition", "acting", "interim", "central",
    "majority", "minority", "assistant", "associate", "senior", "junior", "education",
    "agriculture", "transport", "environment", "culture", "labour", "labor", "war",
}
# Cores that are generic words for whoever leads (WHO chief = Director-General).
GENERIC_CORES = {"chief", "head", "leader", "director", "general", "commander"}
_OFFICE_NORMALISE = {"spokesman": "spokesperson", "spokeswoman": "spokesperson",
                     "defence": "defense", "chairwoman": "chairman", "chair": "chairman",
                     "advisor": "adviser", "minority": "opposition",
                     "pm": "prime minister", "director-general": "director",
                     "secretary-general": "secretary"}
IDENTITY_QUALIFIERS = {"prime", "vice", "deputy", "former", "acting", "interim"}


# A company's chief officers, each its own office: chief operating officer = COO.
_C_SUITE = [("chief executive officer", "ceo"), ("chief executive", "ceo"),
            ("chief operating officer", "coo"), ("chief financial officer", "cfo"),
            ("chief technology officer", "cto"), ("chief technical officer", "cto")]


def office_words(words: list[str]) -> frozenset[str]:
    out = set()
    text = " " + " ".join(w.lower().strip(".,'’s") for w in words) + " "
    for phrase, short in _C_SUITE:
        text = text.replace(f" {phrase} ", f" {short} ")
    for w in text.split():
        w = _OFFICE_NORMALISE.get(w, w)
        for part in w.split():
            if part in OFFICE_CORE or part in OFFICE_QUALIFIERS:
                out.add(part)
    return frozenset(out) if out & OFFICE_CORE else frozenset()


def offices_conflict(a: frozenset[str], b: frozenset[str]) -> bool:
    """True when two titles name different offices (Foreign Minister vs Defence Minister)."""
    if not a or not b or a == b:
        return False
    ca, cb = a & OFFICE_CORE, b & OFFICE_CORE
    if ca != cb and not ca & cb and not (ca <= GENERIC_CORES or cb <= GENERIC_CORES):
        return True
    diff = a ^ b
    if diff & IDENTITY_QUALIFIERS:
        return True
    qa, qb = a & OFFICE_QUALIFIERS - IDENTITY_QUALIFIERS, b & OFFICE_QUALIFIERS - IDENTITY_QUALIFIERS
    return bool(qa and qb and not qa & qb)
