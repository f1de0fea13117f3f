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
from ..temporal import consistent, elapsed_years, expected_phrase, find_duration_claims
from .evidence import span_finding_args

CODES = ("date_arithmetic",)

_CLAUSE = re.compile(r"[,;:()\u2014\u2013]|\s-\s")


@dataclass(frozen=True)
class EventIndex:
    """Events with the folded phrases that name them, built once per knowledge base."""

    entries: tuple  # (event, alias_norm, generic, context_norms)

    @classmethod
    def build(cls, events) -> "EventIndex":
        entries = []
        for ev in events:
            context = tuple(norm(c) for c in ev.context)
            for alias in {ev.name, *ev.aliases}:
                words = alias.split()
                generic = not any(w[:1].isupper() for w in words if w.lower() not in ("the",))
                entries.append((ev, norm(alias), generic, context))
        return cls(tuple(entries))

    def find(self, window: str, article: str) -> list:
        window_n = f" {norm(window)} "
        article_n = f" {norm(article)} "
        hits = {}
        for ev, alias, generic, context in self.entries:
            if f" {alias} " not in window_n:
                continue
            if generic and not any(f" {c} " in article_n for c in context):
                continue
            hits.setdefault(ev.key, (ev, generic))
        return list(hits.values())


def _windows(text: str, start: int, sentence: tuple[int, int], prev_sentence: tuple[int, int] | None, kind: str):
    """Where the event a claim counts from is named: its clause, then (for 'its Nth year')
    the clause before and the sentence before."""
    s0, s1 = sentence
    cuts = [s0] + [m.end() + s0 for m in _CLAUSE.finditer(text[s0:s1])] + [s1]
    idx = max(i for i, c in enumerate(cuts[:-1]) if c <= start)
    clause = (cuts[idx], cuts[idx + 1])
    yield text[clause[0]:clause[1]]
    if kind in ("ordinal_year", "anniversary"):
        if idx > 0:
            yield text[cuts[idx - 1]:clause[1]]
        yield text[s0:s1]
        if prev_sentence:
            yield text[prev_sentence[0]:prev_sentence[1]]


def run(ctx) -> list[Finding]:
    findings = []
    sentences = ctx.sentences
    for claim in find_duration_claims(ctx.text):
        k = next((i for i, (a, b) in enumerate(sentences) if a <= claim.start < b), None)
        if k is None:
            continue
        prev = sentences[k - 1] if k > 0 else None
        events = []
        for window in _windows(ctx.text, claim.start, sentences[k], prev, claim.kind):
            events = [(ev, g) for ev, g in ctx.events.find(window, ctx.text) if _date(ev.date) < ctx.on]
            if events:
                break
        if not events:
            continue
        checks = [(ev, elapsed_years(_date(ev.date), ctx.on)) for ev, _ in events]
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


def _date(value):
    from datetime import date
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
