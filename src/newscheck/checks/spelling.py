"""name_spelling: an unknown name that closely resembles a known person in context.

Transliteration variants are folded away before comparing (names.skeleton), so
Zelenskiy is not flagged, but for a name that is not transliterated a near miss of a
known person is (Millei for Milei). The resemblance must also be backed by the article:
the office it gives the name, or the right spelling used elsewhere in it.
"""
from __future__ import annotations

import re

from rapidfuzz.distance import OSA

from ..model import Finding
from ..names import (TRANSLITERATED, VOWELS_VARY, consonants, given_names_compatible, names_compatible, norm, skeleton,
                     surname, surname_similarity)
from .evidence import office_label, span_finding_args, tenure_evidence

CODES = ("name_spelling",)

MIN_SCORE = 75  # full-name skeleton similarity, 0-100
MIN_SURNAME = 70


def run(ctx) -> list[Finding]:
    findings = []
    text_skeletons = {skeleton(w) for w in norm(ctx.text).split()}
    for lp in ctx.people:
        if not lp.full_name or lp.candidates:
            continue  # a lone surname is too short to call a misspelling
        name = lp.cluster.name
        titled = [t for m in lp.cluster.mentions for t in m.titles]
        if lp.person is not None:
            matches = _near_miss_of_known(name, lp.person)
        elif not lp.known_name:
            matches = [(c, score) for c, score in ctx.kb.similar_people(name, 8) if score >= MIN_SCORE]
        else:
            continue
        for candidate, score in matches:
            # compare with the candidate's form closest to what was written ("Cyril Ramaphosa",
            # not "Matamela Cyril Ramaphosa")
            alias = next((a for a in _by_likeness(name, candidate) if _names_align(name, a)), None)
            given_typo = alias is None and lp.person is None
            if given_typo:  # "Pefro Sanchez": the surname right, one letter of the given name off
                alias = next((a for a in _by_likeness(name, candidate) if _given_name_typo(name, a, ctx.kb)), None)
            if alias is None or _romanisation_variant(name, alias, candidate):
                continue
            support = _office_support(ctx, titled, candidate)
            if not support and (given_typo or not _spelled_right_elsewhere(candidate, name, text_skeletons)):
                continue
            findings.append(_finding(ctx, lp.cluster.first, alias, candidate, support, score))
            break
    return findings


def _near_miss_of_known(written: str, person) -> list:
    """A name the KB linked only through its transliteration skeleton, for a person whose
    name is not transliterated: "Javier Millei" for Javier Milei is a misspelling."""
    if person.country in TRANSLITERATED or not person.country:
        return []
    if any(norm(written) == norm(a) or names_compatible(written, a) and norm(surname(written)) == norm(surname(a))
           for a in (person.name, *person.aliases)):
        return []
    return [(person, 90.0)]


def _romanisation_variant(written: str, known: str, person) -> bool:
    """Paudel/Poudel: for a name romanised from another script, vowels vary by convention."""
    return person.country in VOWELS_VARY and consonants(surname(written)) == consonants(surname(known))


def _finding(ctx, mention, alias, candidate, support, score) -> Finding:
    return Finding(
        code="name_spelling",
        **span_finding_args(ctx.text, mention.start, mention.end),
        message=(f"\"{mention.text}\" is not a name the knowledge base knows; it closely resembles "
                 f"{alias}" + (f", who held {office_label(support[0].office, ctx.kb)}" if support else "")
                 + ", named in the same context."),
        suggestion=alias,
        evidence=[tenure_evidence(candidate.name, t, ctx.kb) for t in support[:3]],
        confidence=round(min(0.95, score / 100), 2),
        severity="error",
    )


def _by_likeness(written: str, person) -> list[str]:
    """The person's Latin-script names, the one most like `written` first."""
    names = [a for a in dict.fromkeys((person.name, *person.aliases)) if all(ord(c) < 0x250 for c in a)]
    return sorted(names, key=lambda a: -surname_similarity(written, a) - (len(a.split()) == len(written.split())))


def _names_align(written: str, known: str) -> bool:
    """A misspelt surname: close to the known one but not the same; given names compatible.

    The same surname with another given name (Mohammed/Muhammad bin Salman) is a variant or
    another person, not a misspelling. Surnames are compared on their skeletons, and for a
    near miss of a known person (Millei/Milei) on their letters."""
    if norm(written) == norm(known) or _umlauts_folded(written) == _umlauts_folded(known):
        return False  # the same name, or its umlauts written out (Stoere for Støre, or Store)
    a, b = norm(surname(written)), norm(surname(known))
    if a + "s" == b or b + "s" == a:
        return False  # Griffith and Griffiths, Edward and Edwards: two surnames, not a slip
    similarity = surname_similarity(written, known)
    if similarity == 100:
        a, b = norm(surname(written)), norm(surname(known))
        similarity = 100 * OSA.normalized_similarity(a, b) if skeleton(a) == skeleton(b) else 100
    return MIN_SURNAME <= similarity < 100 and given_names_compatible(written, known)


def _given_name_typo(written: str, known: str, kb) -> bool:
    """One letter changed, added, dropped or swapped in the given name, the rest the same, and
    the written given name nobody's in the KB (Olav for Olaf is a name; Pefro for Pedro is not)."""
    w, k = norm(written).split(), norm(known).split()
    if len(w) != len(k) or len(w) < 2 or w[1:] != k[1:] or len(w[0]) < 4:
        return False
    return OSA.distance(w[0], k[0]) == 1 and not kb.is_given_name(w[0])


def _umlauts_folded(name: str) -> str:
    """Stoere, Store and Støre alike: a written-out umlaut (ae, oe, ue) read as its vowel."""
    return re.sub(r"([aou])e", r"\1", norm(name))


def _office_support(ctx, titled, candidate) -> list:
    """The candidate's tenures in an office the article gives the name; a bare title
    ("Chancellor Olaf Schulz") matches the role in any country."""
    keys = {o.key for t in titled if t.jurisdiction for role in t.roles
            for o in ctx.kb.offices(t.jurisdiction, role)}
    bare_roles = {role for t in titled if not t.jurisdiction for role in t.roles}
    return [t for t in ctx.kb.tenures(candidate) if t.office.key in keys or t.office.role in bare_roles]


def _spelled_right_elsewhere(candidate, written: str, text_skeletons: set[str]) -> bool:
    right = skeleton(norm(candidate.name).split()[-1])
    return right in text_skeletons and right != skeleton(norm(written).split()[-1])
