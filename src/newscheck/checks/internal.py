"""internal_inconsistency: the article gives one person two offices that exclude each other.

Two titles conflict when they name different countries' offices, or two different
one-holder offices, and the knowledge base does not show the person holding both.
"""
from __future__ import annotations

from dataclasses import replace

from ..link import claim_jurisdiction
from ..model import Finding
from ..roles import is_exclusive
from .evidence import span_finding_args

CODES = ("internal_inconsistency",)


def run(ctx) -> list[Finding]:
    findings = []
    for lp in ctx.people:
        if id(lp) in ctx.flagged:
            continue  # the wrong title is already reported with its evidence (office_holder)
        claims = []
        for m in lp.cluster.mentions:
            for t in m.titles:
                if t.plain:
                    where = claim_jurisdiction(t, lp.person, ctx.kb, ctx.on)
                    claims.append((m, replace(t, jurisdiction=where, roles=t.roles_in(where))))
        claims = [(m, t) for m, t in claims if t.roles]

        for i, (m1, t1) in enumerate(claims):
            clash = next(((m2, t2) for m2, t2 in claims[i + 1:] if _exclude(t1, t2)), None)
            if clash is None or _holds_both(ctx, lp, t1, clash[1]):
                continue
            m2, t2 = clash
            findings.append(Finding(
                code="internal_inconsistency",
                **span_finding_args(ctx.text, m2.start, m2.end),
                message=(f"{m2.text} is called \"{t2.text}\" here but \"{t1.text}\" earlier "
                         f"(\"{ctx.text[t1.start:m1.end] if m1.title_before else ctx.text[m1.start:t1.end]}\")."),
                suggestion=None,
                confidence=0.7,
                severity="warning",
            ))
            break
    return findings


def _exclude(a, b) -> bool:
    """Two titles that one person cannot hold at once. A bare title ("Defence Minister X")
    is taken to be of the same country as the other."""
    if a.jurisdiction is None or b.jurisdiction is None:
        # "Egyptian Foreign Minister X" ... "Defence Minister X": the same country
        return not set(a.roles) & set(b.roles) and all(is_exclusive(r) for r in a.roles + b.roles)
    if set(a.roles) & set(b.roles):
        return a.jurisdiction != b.jurisdiction and _national(a) and _national(b)
    return (a.jurisdiction != b.jurisdiction and _national(a) and _national(b)) or (
        a.jurisdiction == b.jurisdiction and all(is_exclusive(r) for r in a.roles + b.roles))


def _national(claim) -> bool:
    # ISO country codes; organisations have their own codes (NATO, UN, EU, OSCE)
    return len(claim.jurisdiction) == 2 and claim.jurisdiction not in ("EU", "UN")


def _holds_both(ctx, lp, a, b) -> bool:
    if lp.person is None or a.jurisdiction is None:
        return False
    held = {t.office.key for t in ctx.kb.tenures(lp.person)}
    keys_a = {o.key for r in a.roles for o in ctx.kb.offices(a.jurisdiction, r)}
    keys_b = {o.key for r in b.roles for o in ctx.kb.offices(b.jurisdiction, r)}
    return bool(held & keys_a) and bool(held & keys_b)
