"""Knowledge-base facts turned into evidence a reader can verify."""
from __future__ import annotations

from ..model import Evidence


def office_label(office, kb) -> str:
    """'President of France' where the source titled the office just 'President'."""
    title = office.title
    place = kb.country_name(office.jurisdiction) or office.jurisdiction
    if place.lower() in title.lower() or office.jurisdiction.lower() in title.lower().split():
        return title
    return f"{title} of {place}" if len(office.jurisdiction) == 2 else f"{title} ({place})"


def tenure_evidence(person_name: str, tenure, kb) -> Evidence:
    office = office_label(tenure.office, kb)
    if tenure.start:
        until = f" to {tenure.end}" if tenure.end else f", still in office as of {tenure.as_of}"
        text = f"{person_name}: {office}{' (acting)' if tenure.acting else ''} from {tenure.start}{until}."
    else:
        text = f"{person_name}: {office}{' (acting)' if tenure.acting else ''} as of {tenure.as_of}."
    return Evidence(text=text, source=tenure.source_name or tenure.source, valid_from=_iso(tenure.start),
                    valid_to=_iso(tenure.end), as_of=_iso(tenure.as_of))


def _iso(value) -> str | None:
    return None if value is None else str(value)


def span_finding_args(text: str, start: int, end: int) -> dict:
    return {"span": text[start:end], "start": start, "end": end}
