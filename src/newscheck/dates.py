"""When was an article published: its metadata, its dateline, --date, or today.

`find_dateline` reads wire-style datelines ("KYIV, Oct 12 (Reuters) -") at the start of
the text; `parse_loose_date` reads metadata dates (ISO 8601, RFC 822). Nothing here reads files.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from .model import Article

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}

MONTH_PATTERN = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:(?P<month1>{MONTH_PATTERN})\s+(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year1>\d{{4}}))?"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{MONTH_PATTERN})(?:,?\s+(?P<year2>\d{{4}}))?)"
)
# Upper-case cities ("NEW YORK", "ST. PETERSBURG") are datelines with just an agency or a
# dash; a title-case one ("Kyiv") must carry a date or an agency to count.
_CITY = r"(?P<city>[A-Z][A-Za-z'’.\-]+(?:\s+[A-Za-z][A-Za-z'’.\-]+){0,3}?)"
_REGION = r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)(?=,\s*" + MONTH_PATTERN + r"|,\s*\d))?"
_AGENCY = r"(?:\s*\((?P<agency1>[A-Za-z][\w .&'-]{0,30})\)|\s*/(?P<agency2>[A-Za-z][\w .&'-]{0,30})/)"
_DATELINE = re.compile(
    rf"{_CITY}{_REGION}(?:,\s*{_DATE})?{_AGENCY}?\s*(?P<sep>--|—|–|-|\.|:)(?=\s|$)"
)


@dataclass(frozen=True)
class Dateline:
    """A dateline: city, the date as written (year often missing), and where it sits."""

    city: str
    start: int
    end: int
    month: int | None = None
    day: int | None = None
    year: int | None = None
    agency: str | None = None

    def on_or_before(self, today: date) -> date | None:
        """The date it names; without a year, the most recent such date not after today."""
        if self.month is None or self.day is None:
            return None
        if self.year is not None:
            return safe_date(self.year, self.month, self.day)
        for year in range(today.year, today.year - 8, -1):  # Feb 29 may be years back
            found = safe_date(year, self.month, self.day)
            if found and found <= today:
                return found
        return None


    def in_years(self, years) -> list[date]:
        """The day it names in each of `years` (Feb 29 only in leap years)."""
        return [d for y in years if (d := safe_date(y, self.month, self.day))]

    def nearest(self, near: date) -> date:
        """The day it names closest to `near` ("December 31" near 2026-01-02 is 2025-12-31)."""
        return min(self.in_years(range(near.year - 4, near.year + 2)), key=lambda d: abs((d - near).days))


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dateline(text: str) -> Dateline | None:
    """The dateline starting one of the lines that begin in the first 200 characters."""
    offset = 0
    for line in text[:400].split("\n"):
        if offset > 200:
            break
        lead = len(line) - len(line.lstrip(" \t\ufeff"))
        match = _DATELINE.match(line, lead)
        if match:
            dateline = _dateline_from(match, offset)
            if dateline:
                return dateline
        offset += len(line) + 1
    return None


def _dateline_from(match: re.Match, offset: int) -> Dateline | None:
    city = match["city"]
    month_word = match["month1"] or match["month2"]
    agency = match["agency1"] or match["agency2"]
    upper = city == city.upper() and sum(c.isalpha() for c in city) >= 3
    dash = match["sep"] in ("--", "—", "–", "-")
    if not (month_word or agency or (upper and dash)):
        return None
    if not upper and not (month_word or agency):
        return None
    month = day = year = None
    if month_word:
        day = int(match["day1"] or match["day2"])
        year_text = match["year1"] or match["year2"]
        year = int(year_text) if year_text else None
        month = MONTHS[month_word[:3].lower()]
        # "February 30" names no day: keep the city, drop the date.
        if safe_date(year or 2000, month, day) is None:  # 2000 is a leap year
            month = day = year = None
    return Dateline(
        city=city, start=offset + match.start(), end=offset + match.end(),
        month=month, day=day, year=year, agency=agency,
    )


def parse_day(value: str) -> date:
    """A day the user gives (--date, the API's `published`): exactly YYYY-MM-DD, else ValueError."""
    if len(value) != 10:
        raise ValueError(f"not YYYY-MM-DD: {value!r}")
    return date.fromisoformat(value)


_LOOSE_FORMATS = ("%Y/%m/%d", "%d.%m.%Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y")


def parse_loose_date(value: str | None) -> date | None:
    """A metadata date: ISO 8601 (date or datetime), RFC 822 from feeds, or a written date.

    The calendar date is taken as the publisher wrote it, in their time zone.
    """
    if not value:
        return None
    value = value.strip()
    iso = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T ])", value)
    if iso:
        return safe_date(*map(int, iso.groups()))
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", value.replace("Sept", "Sep"))
    for fmt in _LOOSE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


@dataclass(frozen=True)
class PublicationDate:
    """What the article and the options say of its date, before the KB is asked."""

    on: date | None  # None: the year (yearless dateline) or the whole date is still to be inferred
    source: str  # one of model.PUBLISHED_FROM
    dateline: Dateline | None = None  # a yearless dateline, for the year inference


def resolve_publication_date(article: Article, *, option: date | None, today: date) -> PublicationDate:
    """The article's own full date (metadata, page, a dateline with its year) first, then
    --date (which gives a yearless dateline its year), then a yearless dateline or nothing:
    the pipeline infers those from the office holders the article names."""
    if article.published is not None:
        return PublicationDate(article.published, article.published_from or "metadata")
    dateline = find_dateline(article.text)
    if dateline and dateline.month is None:
        dateline = None  # "NEW YORK -": a place, no date
    if dateline and dateline.year is not None:
        return PublicationDate(dateline.on_or_before(today), "dateline")
    if option is not None:
        if dateline:
            return PublicationDate(dateline.nearest(option), "dateline+option year")
        return PublicationDate(option, "option")
    if dateline:
        return PublicationDate(None, "dateline", dateline)
    return PublicationDate(None, "assumed")
