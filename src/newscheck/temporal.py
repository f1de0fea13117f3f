"""Durations, ordinal years and anniversaries in news text.

"as the war enters its third year", "three and a half years after the invasion",
"76 years ago", "its fifth anniversary": each becomes a `DurationClaim` with the years
it asserts. Which event it counts from is left to the date check, which knows the events.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_ORDINAL_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19,
}
_ORDINAL_TENS = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
                 "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90}

_CARDINAL = (r"(?:\d{1,3}(?:\.\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
             r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|" + "|".join(_UNITS) + r"|a|an)")
_ORDINAL = (r"(?:\d{1,3}(?:st|nd|rd|th)|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ])?"
            r"(?:" + "|".join(_ORDINAL_UNITS) + r")|" + "|".join(_ORDINAL_TENS) + r"|hundredth)")
_QUALIFIER = r"(?:(?P<qual>more than|over|nearly|almost|about|around|roughly|some|at least|just over|just under|close to)\s+)?"
_HALF = r"(?P<half>\s+and\s+a\s+half)?"
_HALF2 = r"(?P<half2>\s+and\s+a\s+half)?"

PATTERNS = [
    # the war enters its third year / now in its fourth year / entering its 4th year
    ("ordinal_year", re.compile(
        rf"\b(?P<verb>enter(?:s|ed|ing)?|(?:is|was|now|still|are|were)\s+in|into)\s+(?:its|their|the)\s+"
        rf"(?P<n>{_ORDINAL})\s+year\b", re.I)),
    # its fifth anniversary / the 80th anniversary of
    ("anniversary", re.compile(rf"\b(?P<n>{_ORDINAL})\s+anniversary\b", re.I)),
    # three and a half years after the invasion / more than three years since / 76 years ago
    ("years", re.compile(
        rf"\b{_QUALIFIER}(?P<n>{_CARDINAL}){_HALF}[- ]years?{_HALF2}\s+"
        rf"(?P<rel>after|since|ago|into|on from|later)\b", re.I)),
    # the three-year-old war / Russia's nearly four-year-old invasion
    ("age", re.compile(rf"\b{_QUALIFIER}(?P<n>{_CARDINAL}){_HALF}-year-old\b", re.I)),
]


@dataclass(frozen=True)
class DurationClaim:
    kind: str  # ordinal_year | anniversary | years_since | years_ago | age
    start: int  # span of the phrase a reader sees as the claim
    end: int
    years: float  # what it asserts: the Nth year, the Nth anniversary, N years
    qualifier: str | None  # "more than", "nearly", ... (None: stated as exact)


def number_value(word: str) -> float | None:
    """'three' -> 3, 'twenty-five' -> 25, '76' -> 76, 'third' -> 3, '80th' -> 80."""
    w = word.lower().replace("-", " ").strip()
    if re.fullmatch(r"\d+(\.\d+)?", w):
        return float(w)
    if m := re.fullmatch(r"(\d+)(st|nd|rd|th)", w):
        return float(m.group(1))
    if w in ("a", "an"):
        return 1.0
    total = 0
    for part in w.split():
        if part in _UNITS:
            total += _UNITS[part]
        elif part in _TENS:
            total += _TENS[part]
        elif part in _ORDINAL_UNITS:
            total += _ORDINAL_UNITS[part]
        elif part in _ORDINAL_TENS:
            total += _ORDINAL_TENS[part]
        elif part == "hundredth":
            total += 100
        else:
            return None
    return float(total) if total else None


def find_duration_claims(text: str) -> list[DurationClaim]:
    claims = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            n = number_value(m.group("n"))
            if n is None or n == 0:
                continue
            if kind == "years":
                if m.group("half") or m.group("half2"):
                    n += 0.5
                rel = m.group("rel").lower()
                kind_here = "years_ago" if rel == "ago" else "years_since"
                qualifier = (m.group("qual") or "").lower() or None
                # the claim a reader sees: from the qualifier (or number) to "years"
                end = m.end() if rel == "ago" else m.start("rel")
                claims.append(DurationClaim(kind_here, m.start(), len(text[:end].rstrip()), n, qualifier))
            elif kind == "age":
                n += 0.5 if m.group("half") else 0
                claims.append(DurationClaim(kind, m.start(), m.end(), n, (m.group("qual") or "").lower() or None))
            else:
                claims.append(DurationClaim(kind, m.start("n"), m.end(), n, None))
    return sorted(claims, key=lambda c: c.start)


# "Merkel's 16 years in power", "his second year in office": a leader's time in office, said of
# a possessor (a name's possessive or his/her), the only form that surely names whose time it is
_TENURE = re.compile(
    rf"(?P<owner>\b[A-Z][\w'-]+(?:'s|’s)|\b(?:his|her))\s+(?:(?P<n>{_ORDINAL})\s+year|{_QUALIFIER}"
    rf"(?P<years>{_CARDINAL}){_HALF}\s+years?)\s+(?:in|at the head of)\s+(?P<what>office|power)\b")


@dataclass(frozen=True)
class TenureClaim:
    claim: DurationClaim  # ordinal_year ("his second year") or years_since ("16 years")
    owner_start: int  # where the possessor is written (a name's possessive, or his/her)
    owner: str
    in_power: bool  # "in power" runs on across offices; "in office" is one office's


def find_tenure_claims(text: str) -> list[TenureClaim]:
    out = []
    for m in _TENURE.finditer(text):
        if m["n"]:
            claim = DurationClaim("ordinal_year", m.start("n"), m.end(), number_value(m["n"]), None)
        else:
            n = number_value(m["years"])
            if not n:
                continue
            n += 0.5 if m["half"] else 0
            claim = DurationClaim("years_since", m.start("qual") if m["qual"] else m.start("years"), m.end(), n,
                                  (m["qual"] or "").lower() or None)
        out.append(TenureClaim(claim, m.start("owner"), m["owner"], m["what"] == "power"))
    return out


def elapsed_years(start, on) -> float:
    """Fractional years from `start` to `on` (dates)."""
    years = on.year - start.year
    anniversary_passed = (on.month, on.day) >= (start.month, start.day)
    if not anniversary_passed:
        years -= 1
    last = _safe_replace(start, start.year + years)
    following = _safe_replace(start, start.year + years + 1)
    return years + (on - last).days / max((following - last).days, 1)


def _safe_replace(d, year):
    try:
        return d.replace(year=year)
    except ValueError:  # 29 February
        return d.replace(year=year, day=28)


def consistent(claim: DurationClaim, elapsed: float) -> bool:
    """Does the claim agree with `elapsed` years? Generous where news is loose."""
    n = claim.years
    if claim.kind == "ordinal_year":
        # "enters its Nth year" is written a little ahead of the anniversary too
        return n - 1 - 2 / 12 <= elapsed < n + 1 / 12
    if claim.kind == "anniversary":
        return abs(elapsed - n) <= 0.6
    q = claim.qualifier
    if q in ("more than", "over", "at least", "just over"):
        return elapsed >= n - 1 / 12 and elapsed < n + 2
    if q in ("nearly", "almost", "just under", "close to"):
        return n - 1 <= elapsed <= n + 1 / 12
    if n != int(n):  # "three and a half years"
        return abs(elapsed - n) <= 0.4
    # "three years after": news rounds either way
    return n - 1 < elapsed < n + 1


def expected_phrase(claim: DurationClaim, elapsed: float) -> str:
    """What the text should have said, for the suggestion."""
    if claim.kind == "ordinal_year":
        return f"its {ordinal(int(elapsed) + 1)} year"
    if claim.kind == "anniversary":
        return f"the {ordinal(round(elapsed))} anniversary"
    if claim.kind == "age":
        return f"{int(elapsed)}-year-old"
    whole = int(elapsed)
    frac = elapsed - whole
    if frac >= 0.75:
        return f"nearly {whole + 1} years"
    if frac >= 0.25:
        return f"more than {whole} years" if whole else "less than a year"
    return f"{whole} years" if whole != 1 else "a year"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
