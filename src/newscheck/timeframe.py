"""When an article speaks from, where it does not say: the year of a yearless dateline, or the
window of days, that fit the office holders it names, as the knowledge base dates them.

`date_article` reads what the text and the options say (`dates`), then the linked people
(link.py) and the events the article names, asking the KB. The checks then run on the date,
or on days across the window (`sample_days`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .dates import MONTH_PATTERN, MONTHS, Dateline, resolve_publication_date, safe_date
from .kb.store import loose_span
from .link import LinkedPerson, records_of, title_fits_office
from .names import norm

Interval = tuple[date, date]

STALE_DAYS = 90  # a KB older than the article by more than this is worth a note
YEARS_BACK = 30  # a yearless dateline is read in one of the last 30 years
NEAR_DAYS = 62  # "talks scheduled for December 5": the article is within two months of one
MAX_SAMPLES = 24  # days of a window the checks are run on


def date_article(article, people, kb, events, *, option: date | None, today: date) -> tuple[list[str], list | None]:
    """Give the article its date, or its window, and say how it was found: what the text and
    --date say (dates.resolve_publication_date), else what its office holders and the events
    it names allow. Returns notes for the reader and, for a window, the spans of days it covers."""
    window, found = None, None
    if article.published is None:
        found = resolve_publication_date(article, option=option, today=today)
        article.published, article.published_from = found.on, found.source
    if found and found.on is None:
        holders, named = titled_holders(people, kb), events_named(article.text, events)
        if found.dateline:
            inferred = infer_year(found.dateline, holders, kb, today, named, article.text)
            if inferred:
                (article.published, article.date_basis), article.published_from = inferred, "dateline+inferred year"
            else:
                article.published = found.dateline.on_or_before(today) or today
                article.published_from = "dateline+assumed year"
        elif inferred := infer_window(holders, kb, article.text, named):
            window, basis = inferred
            article.published_window, article.date_basis = (window[0][0], window[-1][1]), f"from {basis}"
            article.published_from = "inferred window"
        else:
            article.published, article.published_from = today, "assumed"
    notes = []
    if article.published_from == "assumed":
        notes.append(f"no publication date found; checked as of {article.published}")
    elif article.published_from == "dateline+assumed year":
        notes.append(f"the dateline gives no year and no office holder dates it; read as {article.published}")
    last = article.published or (article.published_window and article.published_window[1])
    stale = (last - date.fromisoformat(kb.as_of)).days if kb.as_of and last else 0
    if stale > STALE_DAYS:
        notes.append(f"the knowledge base is {stale} days older than this article (as of {kb.as_of}): office holders"
                     " are presumed to stay in office after that, with less confidence; `newscheck kb update`"
                     " refreshes it")
    return notes, window


@dataclass(frozen=True)
class Holder:
    """A titled person of the article and the days the KB says they held that title."""

    name: str  # as the KB has it
    office: str  # the office's title, for the basis sentence
    spans: tuple[Interval, ...]
    open_since: date | None  # start of a tenure with no known end: presumed to go on


def titled_holders(people: list[LinkedPerson], kb) -> list[Holder]:
    """Each person the article gives a present title that the KB dates for them. An unknown
    name close to a known holder of that title ("Steve Wittkowff", a U.S. envoy) counts as
    that holder: the spelling check reports the name, the date still comes from it."""
    out = []
    for lp in people:
        claims = [t for m in lp.cluster.mentions if not (m.quoted or m.earlier_time) for t in m.titles
                  if t.modifiers <= {"outgoing"}]  # the outgoing president still holds the office
        if not claims:
            continue
        candidates = [lp.person] if lp.person is not None else []
        if not candidates and lp.full_name and not lp.known_name and not lp.candidates:
            candidates = [p for p, score in kb.similar_people(lp.cluster.name, 3) if score >= 75]
        for person in candidates:
            holder = _holder(kb, person, claims)
            if holder:
                out.append(holder)
                break
    return out


def _holder(kb, person, claims) -> Holder | None:
    spans, office, open_since = [], None, None
    as_of = date.fromisoformat(kb.as_of) if kb.as_of else None
    for t in (t for p in records_of(kb, person) for t in kb.tenures(p)):
        if not t.start or not any(title_fits_office(c, t.office) for c in claims):
            continue
        span = loose_span(t.start, t.end, t.as_of)
        if not span:
            continue
        lo, hi = date.fromisoformat(span[0]), date.fromisoformat(span[1])
        if t.end is None:  # no known end: until someone else takes the office, or the KB's newest date
            open_since = max(open_since or lo, lo)
            successor = kb.next_start(t.office, person, span[0])
            hi = max(hi, date.fromisoformat(successor) - timedelta(days=1) if successor else as_of or hi)
        spans.append((lo, hi))
        office = office or t.office.title
    return Holder(person.name, office, tuple(sorted(spans)), open_since) if spans else None


def events_named(text: str, events) -> list:
    """Dated events the article names by a specific phrase ("the Alaska summit"): it was
    written after them, or at most two months before (an event it looks forward to)."""
    folded = f" {norm(text)} "
    named = {ev.key: ev for ev, alias, _, generic, _, _ in events.entries if not generic and f" {alias} " in folded}
    return list(named.values())


def _not_before(named) -> date | None:
    """Two months before the latest event named: "ahead of Trump's inauguration next month"."""
    last = max((ev.date for ev in named), default=None)
    return last - timedelta(days=NEAR_DAYS) if last else None


def infer_year(dateline: Dateline, holders: list[Holder], kb, today: date, named=(),
               text: str = "") -> tuple[date, str] | None:
    """The day of a yearless dateline in the year its titled people fit best, not before the
    events it names. Among equal fits, a year in which the day falls on the weekday the lead
    gives ("KYIV, Oct 12 (Reuters) - ... said on Tuesday") wins, then one within a year after
    the latest event it names, then the most recent day the KB vouches for (not after its
    as-of); a later day only where people whose tenures have no known end fit it better."""
    if not holders:
        return None
    as_of = date.fromisoformat(kb.as_of) if kb.as_of else today
    floor = _not_before(named) or date.min
    days = [d for d in dateline.in_years(range(today.year, today.year - YEARS_BACK, -1)) if floor <= d <= today]

    def fitting(day: date) -> list[Holder]:
        return [h for h in holders if any(lo <= day <= hi for lo, hi in h.spans)
                or (day > as_of and h.open_since is not None and h.open_since <= day)]

    weekdays = lead_weekdays(text)
    last_event = max((ev.date for ev in named), default=None)

    def soon_after_event(day: date) -> bool:  # a story on the Kursk incursion is written near it
        return last_event is not None and 0 <= (day - last_event).days <= 366

    scored = [(len(fitting(d)), d.weekday() in weekdays, soon_after_event(d), d <= as_of, d) for d in days]
    best = max(scored, default=None)
    if best is None or best[0] == 0:
        return None
    day = best[-1]
    basis = "year inferred from the office holders named: " + _names(fitting(day))
    if best[1]:
        basis += f"; {day:%A} {day}, as the story's first lines have it"
    return day, basis + (f"; after {_event_names(named)}" if named and floor > date.min else "")


def infer_window(holders: list[Holder], kb, text: str, named=()) -> tuple[list[Interval], str] | None:
    """The days every titled person held their title (a person who fits no day with the
    others is left out), not before the events the article names, narrowed to two months
    around a day-month the text names ("talks scheduled for December 5")."""
    window, used = _most_agree(holders)
    if not window:
        return None
    basis = "the office holders named: " + _names(used)
    floor = _not_before(named)
    if floor and (later := _intersect(window, [(floor, date.max)])):
        window = later
        basis += f"; after {_event_names(named)}"
    for phrase, month, day in day_months(text):
        near = [(d - timedelta(days=NEAR_DAYS), d + timedelta(days=NEAR_DAYS))
                for y in range(window[0][0].year, window[-1][1].year + 1) if (d := safe_date(y, month, day))]
        narrowed = _intersect(window, near)
        if narrowed:
            window = narrowed
            basis += f"; the date \"{phrase}\" it mentions"
    return window, basis


def _most_agree(holders: list[Holder]) -> tuple[list[Interval], list[Holder]]:
    """The days on which the most titled people fit, and those people: one wrong title
    (the error the article may hold) does not move the window."""
    edges = sorted({d for h in holders for lo, hi in h.spans for d in (lo, hi + timedelta(days=1))})
    best, window, used = 0, [], []
    for lo, after in zip(edges, edges[1:]):
        fit = [h for h in holders if any(a <= lo <= b for a, b in h.spans)]
        if len(fit) > best:
            best, window, used = len(fit), [], fit
        if fit and len(fit) == best:
            if window and window[-1][1] == lo - timedelta(days=1):
                window[-1] = (window[-1][0], after - timedelta(days=1))
            else:
                window.append((lo, after - timedelta(days=1)))
    return window, used


def _event_names(named) -> str:
    last = max(named, key=lambda ev: ev.date)
    return f"{last.name} ({last.date}), which it names"


def _names(holders: list[Holder]) -> str:
    return ", ".join(f"{h.name} ({h.office})" for h in holders)


def _intersect(a: list[Interval], b) -> list[Interval]:
    out = []
    for lo_a, hi_a in a:
        for lo_b, hi_b in b:
            lo, hi = max(lo_a, lo_b), min(hi_a, hi_b)
            if lo <= hi:
                out.append((lo, hi))
    return sorted(out)


_DAY_MONTH = re.compile(
    rf"\b(?:(?P<month1>{MONTH_PATTERN})\s+(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+"
    rf"(?:of\s+)?(?P<month2>{MONTH_PATTERN}))\b(?!,?\s*(?:\d{{4}}|\d{{1,2}}\b))")


def day_months(text: str) -> list[tuple[str, int, int]]:
    """Dates written without a year ("December 5", "24th of February"), each once."""
    out = {}
    for m in _DAY_MONTH.finditer(text):
        month = MONTHS[(m["month1"] or m["month2"])[:3].lower()]
        day = int(m["day1"] or m["day2"])
        if safe_date(2000, month, day) and re.search(r"\d{4}\s*$", text[max(0, m.start() - 8):m.start()]) is None:
            out.setdefault((month, day), m.group(0))
    return [(phrase, month, day) for (month, day), phrase in out.items()]


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def lead_weekdays(text: str) -> set[int]:
    """Weekdays the story's first paragraph names: wire copy dates its news "on Tuesday"."""
    lead = text.strip().split("\n\n")[0][:600].lower()
    return {i for i, day in enumerate(_WEEKDAYS) if re.search(rf"\b{day}\b", lead)}


def sample_days(window: list[Interval]) -> list[date]:
    """Days to run the checks on: each interval's ends and evenly spaced days between."""
    total = sum((hi - lo).days for lo, hi in window)
    step = max(15, total // MAX_SAMPLES)
    days = set()
    for lo, hi in window:
        day = lo
        while day < hi:
            days.add(day)
            day += timedelta(days=step)
        days.add(hi)
    return sorted(days)
