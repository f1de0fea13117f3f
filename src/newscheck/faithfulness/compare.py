"""Compare a rewrite sentence with the source sentences it is aligned to.

Each comparison kind (names, numbers, dates, negation, antonyms, quotes and speakers,
offices, novelty) yields `Finding`s with the source sentence as evidence. Support is
looked for in the whole source, contradiction in the aligned sentences only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Callable

from rapidfuzz import fuzz

from ..model import Evidence, Finding
from ..names import norm, skeleton, surname
from .align import ENTITY_LABELS, WEAK_LEMMAS, Alignment, Sentence
from .units import (CURRENCY, OFFICE_CORE, OFFICE_QUALIFIERS, Quantity, find_dates, find_quantities,
                    find_quotes, office_words, offices_conflict, phrase_quantities,
                    quantities_match)

SOURCE = "source article"

# Places and bodies that news names in several ways. Keys and values are norm()ed.
ALIAS_GROUPS = [
    {"united states", "us", "usa", "u s", "america", "american", "americans", "washington"},
    {"united kingdom", "uk", "britain", "great britain", "british", "london"},
    {"kyiv", "kiev"}, {"kharkiv", "kharkov"}, {"odesa", "odessa"}, {"lviv", "lvov"},
    {"european union", "eu", "brussels", "european commission"}, {"united nations", "un"},
    {"nato", "north atlantic treaty organization"}, {"g7", "group of seven"}, {"g20", "group of 20"},
    {"russia", "russian federation", "kremlin", "moscow"}, {"netherlands", "holland", "dutch"},
    {"france", "french"}, {"china", "chinese", "beijing"}, {"ukraine", "ukrainian", "ukrainians"},
    {"european", "europe"}, {"federal reserve", "fed"}, {"european central bank", "ecb"},
    {"bank of england", "boe"}, {"imf", "international monetary fund"},
    {"who", "world health organization"}, {"uae", "united arab emirates"},
    {"switzerland", "swiss"}, {"spain", "spanish"}, {"turkey", "turkish", "turkiye"},
    {"poland", "polish"}, {"germany", "german", "berlin"}, {"japan", "japanese", "tokyo"},
]
_ALIAS = {name: i for i, group in enumerate(ALIAS_GROUPS) for name in group}
# A region that describes where places of the story lie ("crossings from North Africa").
REGION = re.compile(r"(?:(?:North|South|East|West|Central)(?:ern)?|Southeast(?:ern)?|Northeast(?:ern)?|"
                    r"Southwest(?:ern)?|Northwest(?:ern)?|Sub-Saharan)\s+(?:Africa|Asia|Europe|America|Pacific)"
                    r"|(?:the\s+)?(?:Middle East|Gulf|Sahel|Balkans|Caucasus|Caribbean|Horn of Africa)")
AGE_GROUP = re.compile(r"(?:Under|Over)-\d+s?")  # "Under-16s will need parental consent"
# Names everyone knows that no rewrite swaps for a place of the story.
UNIVERSAL = {"earth", "moon", "sun", "world", "sms", "gmt", "utc", "tv"}

SPEECH_VERBS = {"say", "tell", "state", "announce", "add", "claim", "warn", "stress",
                "note", "insist", "declare", "write", "argue", "confirm", "deny", "told"}
# Verbs that put words in someone's mouth without saying them: 'called it "a practical deal"',
# 'found that the company had "relocated ..."'.
QUOTING_VERBS = SPEECH_VERBS | {"call", "describe", "find", "rule", "conclude", "hail", "term", "brand"}

# Antonym sets: each a pair of poles; a word in one pole contradicts the other pole. Sets
# marked True are converses (A sold to B = B bought from A): opposites only of one subject.
ANTONYM_SETS = [
    ({"raise", "increase", "rise", "hike", "boost", "grow", "climb", "jump", "surge",
      "soar", "expand", "higher", "strengthen", "accelerate", "widen", "up", "gain",
      "swell", "balloon", "mount", "rally", "spike", "advance"},
     {"cut", "lower", "decrease", "fall", "drop", "decline", "reduce", "slash", "plunge",
      "shrink", "slump", "weaken", "slow", "narrow", "tumble", "sink", "down", "trim",
      "dip", "shed", "retreat", "sag", "contract", "slide", "slip"}, False),
    ({"win", "won", "victory", "triumph"}, {"lose", "lost", "loss"}, True),
    ({"accept", "approve", "agree", "endorse", "ratify", "adopt", "welcome", "back",
      "support", "pass", "grant", "sign", "respect"},
     {"reject", "refuse", "veto", "oppose", "block", "dismiss", "deny", "decline", "rebuff",
      "criticise", "criticize", "condemn"}, False),
    ({"confirm", "admit", "acknowledge"}, {"deny", "dispute"}, False),
    ({"convict", "guilty"}, {"acquit", "innocent"}, False),
    ({"uphold"}, {"overturn", "quash", "annul"}, False),
    ({"allow", "permit", "legalize", "legalise", "lift"}, {"ban", "prohibit", "forbid", "outlaw", "impose"}, False),
    ({"open", "reopen"}, {"close", "shut"}, False),
    ({"buy", "purchase", "acquire"}, {"sell"}, True),
    ({"import"}, {"export"}, True),
    ({"start", "begin", "launch", "resume", "restart"}, {"end", "stop", "halt", "suspend", "cease"}, False),
    ({"hire", "appoint"}, {"fire", "dismiss", "sack"}, False),
    ({"arrive"}, {"leave", "depart"}, True),
    ({"profit", "surplus"}, {"deficit"}, False),
    ({"calm", "relaxed", "confident", "optimistic"}, {"nervous", "anxious", "tense", "worried", "pessimistic"}, False),
]
NEGATORS = {"not", "n't", "never", "no", "neither", "nor", "without"}
# Verbs that negate the verb they govern: failed to prove = did not prove.
NEGATING_VERBS = {"fail", "refuse", "decline", "deny", "avoid", "halt", "stop", "suspend", "cease", "lack"}
NEGATIVE_PRONOUNS = {"nothing", "nobody", "none", "nowhere"}
BARRING_VERBS = {"bar", "ban", "prohibit", "prevent", "forbid"}


def _negator_count(span) -> int:
    """Negations in a sentence, counting un- adjectives (unclear = not clear)."""
    return sum(1 for t in span if t.lower_ in NEGATORS | NEGATIVE_PRONOUNS or (
        t.pos_ == "ADJ" and t.lower_.startswith("un") and len(t.text) > 5 and t.lower_ not in _NOT_NEGATIVE))


# Words that say "not" without a negator ("left rates unchanged" = "did not change rates"):
# where one is present, counting negators proves nothing.
IMPLICIT_NEGATION = {"leave", "keep", "hold", "remain", "stay", "maintain", "fail", "refuse",
                     "decline", "deny", "reject", "avoid", "lack", "miss", "absent", "unchanged",
                     "steady", "halt", "stop", "ignore", "withhold", "rule", "free", "less", "zero",
                     "dismiss", "lose", "instead", "rather"}


def _implicit_negation(span) -> bool:
    return any(t.lemma_.lower() in IMPLICIT_NEGATION or t.lower_ in IMPLICIT_NEGATION for t in span)


def _negated_clause_shared(a, b, need: int = 2) -> bool:
    """Does a negated clause of either sentence share content words with the other?"""
    for x, y in ((a, b), (b, a)):
        other = {t.lemma_.lower() for t in y if not t.is_stop and t.is_alpha}
        for t in x:
            if t.lower_ in NEGATORS | NEGATIVE_PRONOUNS:
                clause = {w.lemma_.lower() for w in t.head.subtree if not w.is_stop and w.is_alpha}
                if len(clause & other) >= need:
                    return True
    return False


_NOT_NEGATIVE = {"united", "unique", "universal", "unanimous", "under", "union"}


def default_same_name(a: str, b: str) -> bool:
    """Transliteration-tolerant match, with the surname standing in for a full name."""
    na, nb = norm(a), norm(b)
    if not na or not nb:
        return False
    if na == nb or skeleton(a) == skeleton(b):
        return True
    ia, ib = _ALIAS.get(na), _ALIAS.get(nb)
    if ia is not None and ia == ib:
        return True
    wa, wb = na.split(), nb.split()
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) == 1 and len(short[0]) > 2 and any(
            skeleton(short[0]) == skeleton(w) or same_stem(short[0], w) for w in long_):
        return True
    ha, hb = norm(a.replace("-", " ")).split(), norm(b.replace("-", " ")).split()
    hs, hl = (ha, hb) if len(ha) <= len(hb) else (hb, ha)
    if len(hs) > 1 and hl[:len(hs)] == hs and "-" in a + b:
        return True  # Park Ji / Park Ji-won: a hyphenated given name cut at the hyphen
    # Social Democrats / Social Democratic Party: every word an inflection of one of the other's
    if len(short) > 1 and all(any(same_stem(w, x) for x in long_) for w in short):
        return True
    if len(wa) > 1 and len(wb) > 1 and skeleton(surname(a)) == skeleton(surname(b)):
        # same family name: a match unless the given names clearly differ
        fa, fb = skeleton(wa[0]), skeleton(wb[0])
        return fa[:1] == fb[:1]
    # demonyms and inflections: Russia/Russian, Ukraine/Ukrainian
    common = len(_common_prefix(na, nb))
    return " " not in na + nb and common >= max(4, min(len(na), len(nb)) - 1)


def _is_acronym(name: str) -> bool:
    letters = name.replace(".", "")
    return 2 <= len(letters) <= 6 and " " not in name and sum(c.isupper() for c in letters) >= 2


def _initials(name: str) -> set[str]:
    """Every word's initials and the capitalised words' ('Reserve Bank of Australia':
    rboa and rba); an acronym may stand for either. A dotted word gives all its letters
    (U.S. Geological Survey: usgs)."""
    words = [w.replace(".", "") if re.fullmatch(r"(?:[A-Z]\.)+", w) else w[0]
             for w in re.split(r"[\s-]+", name) if w]
    return {"".join(words).lower(), "".join(w for w in words if w[0].isupper()).lower()}


def _spelled_out(acronym: str, text: str) -> bool:
    """Does the text spell the acronym out in words of any case (VAT: value-added tax)?"""
    letters = acronym.replace(".", "").lower()
    gap = r"[\s-]+(?:(?:of|and|for|the|de)\s+)?"
    pattern = r"\b" + gap.join(rf"{re.escape(c)}[\w'’]*" for c in letters) + r"\b"
    return re.search(pattern, text, re.IGNORECASE) is not None


def _acronym_related(a: str, b: str) -> bool:
    """Is one name the other's acronym (RBA, Reserve Bank of Australia), or one acronym
    the start of the other (U.N., UNHCR)?"""
    la, lb = a.replace(".", "").lower(), b.replace(".", "").lower()
    for x, lx, y, ly in ((a, la, b, lb), (b, lb, a, la)):
        if _is_acronym(x) and (lx in _initials(y) or _is_acronym(y) and ly.startswith(lx)):
            return True
    return False


def same_stem(a: str, b: str) -> bool:
    """Chile/Chilean, Kenya/Kenyan, Russia/Russian: one word is the other's inflection."""
    if a == b:
        return True
    common = len(_common_prefix(a, b))
    return common >= max(4, min(len(a), len(b)) - 1)


def _common_prefix(a: str, b: str) -> str:
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[:i]


def _group(label: str) -> str:
    return {"PERSON": "person", "ORG": "org", "EVENT": "event"}.get(label, "place")


def _clean_entity(ent) -> tuple[int, int, str]:
    """Offsets and text of an entity without a leading 'the' or trailing possessive."""
    text, start = ent.text, ent.start_char
    m = re.match(r"(?i)the\s+", text)
    if m:
        text, start = text[m.end():], start + m.end()
    text = re.sub(r"(’s|'s|’|')$", "", text)
    text = re.sub(r"(\s+(of|and|the|for|in|at|on|to|-))+$", "", text)  # the tagger's truncations
    if ent.label_ == "PERSON":  # a title glued to the name: CFO Jens Overgaard
        m = re.match(r"[A-Z]{2,4}\s+(?=[A-Z][a-z]+\s+[A-Z])", text)
        if m:
            text, start = text[m.end():], start + m.end()
    return start, start + len(text), text


@dataclass
class SourceIndex:
    """What the whole source says, for support look-ups."""
    text: str
    sentences: list[Sentence]
    entities: list[tuple[str, str]]  # (text, label)
    words: set[str]  # lower-case words and lemmas
    proper: set[str]  # lower-case capitalised words (Chilean, Kenyan) for demonym look-ups
    common: set[str]  # words the source writes in lower case (the union, the ministry)
    quantities: list[Quantity]
    date_facts: set[tuple]
    capitalised_runs: list[str]  # Rapid Support Forces, for acronyms the tagger did not tag
    sentence_quantities: list[tuple[Sentence, Quantity]]  # each sentence's numbers, in order
    dateline_end: int  # offset where the dateline (KYIV, March 3 (Reuters) -) ends, or 0
    offices: list[tuple]  # (person, title words, title as written, sentence) of each title given

    @classmethod
    def build(cls, doc, sentences: list[Sentence]) -> "SourceIndex":
        ents = [(_clean_entity(e)[2], e.label_) for e in doc.ents if e.label_ in ENTITY_LABELS]
        words = {t.lower_ for t in doc} | {t.lemma_.lower() for t in doc}
        dates = find_dates(doc.text)
        qty = find_quantities(doc.text, skip=[(d.start, d.end) for d in dates]) + phrase_quantities(doc.text)
        facts = set().union(*[d.facts() for d in dates]) if dates else set()
        proper = {t.lower_ for t in doc if t.text[:1].isupper() and t.is_alpha}
        common = {t.text for t in doc if t.text.islower() and t.is_alpha}
        runs = re.findall(r"[A-Z][\w'’-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w'’-]*)+", doc.text)
        m = re.match(r"[^\n]{0,80}?\)\s*[-–—]\s", doc.text)
        by_sentence = [(x, q) for x in sentences for q in find_quantities(
            x.text, x.start, skip=[(d.start, d.end) for d in find_dates(x.text, x.start)])]
        offices = [(x, t, shown, s) for s in sentences for x, t, shown in _offices(s.span)]
        return cls(doc.text, sentences, ents, words, proper, common, qty, facts, runs, by_sentence,
                   m.end() if m else 0, offices)


def _offices(span) -> list[tuple[tuple[int, int, str], frozenset[str], str]]:
    """Each title given to a person: before the name (Finance Minister X), in apposition
    after it (X, the finance minister,) or before it (Sudan's health minister, X)."""
    out = []
    for e in span.ents:
        if e.label_ != "PERSON":
            continue
        doc, found = e.doc, []
        words, i = [], e.start - 1
        while i >= span.start and _is_title_word(doc[i]):
            words.insert(0, doc[i].text)
            i -= 1
        found.append(words)
        if e.end < span.end and doc[e.end].text == ",":
            j, app = e.end + 1, []
            while j < span.end and j < e.end + 14 and doc[j].text not in (",", ".", ";"):
                app.append(doc[j].text)
                j += 1
            verb = any(t.pos_ in ("VERB", "AUX") for t in doc[e.end + 1:j])  # "X, will become ..."
            if j < span.end and doc[j].text in (",", ".", ";") and not verb:
                found.append(app)
        if e.start - 1 > span.start and doc[e.start - 1].text == ",":
            j, pre = e.start - 2, []
            while j >= span.start and j > e.start - 8 and doc[j].text not in (",", ".", ";") and not (
                    doc[j].text == "-" and (doc[j].whitespace_ or doc[j - 1].whitespace_)):
                pre.insert(0, doc[j].text)
                j -= 1
            if pre and _is_title_word(doc[e.start - 2]):
                found.append(pre)
        for words in found:
            if office_words(words):
                out.append((_clean_entity(e), office_words(words), " ".join(words).replace(" - ", "-")))
    return out


class RewriteComparer:
    def __init__(self, source: SourceIndex, text: str, same_name: Callable[[str, str], bool] | None,
                 options):
        self.source = source
        self.text = text
        self.options = options
        user = same_name

        def same(a: str, b: str) -> bool:
            if default_same_name(a, b) or _acronym_related(a, b):
                return True
            try:
                return bool(user and user(a, b))
            except Exception:  # a KB look-up failing must not sink the check
                return False

        self.same = same
        self._norm_source = " " + " ".join(norm(source.text).split()) + " "
        self._source_negated: set[str] | None = None

    # ---------- helpers

    def finding(self, code, start, end, message, evidence: Sentence | None, confidence,
                suggestion=None) -> Finding:
        confidence = round(max(0.0, min(1.0, confidence)), 2)
        severity = "error" if code == "source_contradiction" and confidence >= self.options.error_confidence else "warning"
        ev = [Evidence(text=evidence.text.strip(), source=SOURCE)] if evidence is not None else []
        return Finding(code=code, span=self.text[start:end], start=start, end=end,
                       message=message, suggestion=suggestion, evidence=ev,
                       confidence=confidence, severity=severity)

    def entity_supported(self, name: str, label: str, where: list[tuple[str, str]] | None = None,
                         sentence_texts: list[str] | None = None) -> bool:
        n = norm(name)
        if not n:
            return True
        haystack = self._norm_source if sentence_texts is None else \
            " " + " ".join(norm(" ".join(sentence_texts)).split()) + " "
        if f" {n} " in haystack:
            return True
        pool = self.source.entities if where is None else where
        if any(self.same(name, other) for other, _ in pool):
            return True
        if _is_acronym(name) and any(name.lower().replace(".", "") in _initials(other)
                                     for other in [o for o, _ in pool] + self.source.capitalised_runs):
            return True
        if sentence_texts is None:
            if _is_acronym(name) and (any(_is_acronym(o) and _acronym_related(name, o) for o, _ in pool)
                                      or _spelled_out(name, self.source.text)):
                return True  # UNHCR where the source names the U.N.; VAT for value-added tax
            words = [w for w in n.split() if len(w) > 2]
            if len(words) > 1 and all(w in self.source.words for w in words):
                return True
            if " " not in n and any(same_stem(n, w) for w in self.source.proper):
                return True
            idx = _ALIAS.get(n)
            if idx is not None and any(a in self._norm_source for a in
                                       (f" {x} " for x in ALIAS_GROUPS[idx])):
                return True
        return False

    # ---------- the comparisons

    def compare(self, al: Alignment) -> list[Finding]:
        out: list[Finding] = []
        used: list[tuple[int, int]] = []
        for check in (self.check_quotes, self.check_dates, self.check_bounds, self.check_numbers,
                      self.check_entities, self.check_offices, self.check_negation,
                      self.check_antonyms):
            for f in check(al):
                if any(f.start < b and a < f.end for a, b in used):
                    continue
                out.append(f)
                used.append((f.start, f.end))
        if not out:
            out.extend(self.check_novelty(al))
        return out

    def strong(self, al: Alignment) -> bool:
        return al.best_score >= self.options.strong_alignment

    def check_entities(self, al: Alignment) -> list[Finding]:
        out = []
        sent = al.sentence.span
        aligned_texts = [s.text for s in al.sources]
        aligned_ents = [( _clean_entity(e)[2], e.label_) for s in al.sources for e in s.span.ents
                        if e.label_ in ENTITY_LABELS]
        rewrite_ents = [e for e in sent.ents if e.label_ in ENTITY_LABELS]
        for ent in rewrite_ents:
            start, end, name = _clean_entity(ent)
            if not name or self.entity_supported(name, ent.label_, aligned_ents, aligned_texts):
                continue
            # a description, not a name: "the Central Asian country", "North Africa", "Union
            # spokesman" for the source's union, a title the tagger took for a name (CTO)
            if _epithet(ent) or " " not in name and name.lower() in self.source.common or name.islower() \
                    or REGION.fullmatch(name) or office_words(name.split()) or AGE_GROUP.fullmatch(name):
                continue
            if self.entity_supported(name, ent.label_):
                continue  # a name the source gives elsewhere: a merged sentence, not a swap
            # a same-kind entity of the best sentence that the rewrite sentence dropped
            best = al.best
            swapped = None
            if best is not None and self.strong(al):
                for e in best.span.ents:
                    if e.label_ not in ENTITY_LABELS or _group(e.label_) != _group(ent.label_):
                        continue
                    other = _clean_entity(e)[2]
                    if other.isupper() and len(other) > 4 or e.start_char < self.source.dateline_end:
                        continue  # a dateline (OTTAWA, (Reuters)), not a claim
                    if _acronym_related(name, other) or other.lower() in UNIVERSAL:
                        continue  # the same body by its acronym (RBA), or a part of it (UNHCR, U.N.)
                    if not any(self.same(other, _clean_entity(r)[2]) or
                               norm(other) in norm(sent.text) for r in rewrite_ents):
                        swapped = other
                        break
            if swapped is not None:
                out.append(self.finding(
                    "source_contradiction", start, end,
                    f"The source says {swapped}, not {name}, in the sentence this one rewrites.",
                    best, self.options.entity_swap_confidence, suggestion=swapped))
            elif ent.label_ != "NORP" and name.lower() not in UNIVERSAL:
                # South Korean, Earth: background knowledge
                out.append(self.finding(
                    "source_unsupported", start, end,
                    f"{name} is not mentioned anywhere in the source article.",
                    best, self.options.unsupported_entity_confidence))
        out.extend(self.check_speaker(al, rewrite_ents))
        out.extend(self.check_proper_nouns(al, rewrite_ents))
        return out

    def check_proper_nouns(self, al: Alignment, rewrite_ents) -> list[Finding]:
        """Proper nouns the tagger left out of its entities (Camry, Nagoya)."""
        out = []
        taken = {i for e in al.sentence.span.ents if e.label_ in ENTITY_LABELS for i in range(e.start, e.end)}
        for t in al.sentence.span:
            if t.i in taken or t.pos_ != "PROPN" or not t.is_alpha or not t.text[:1].isupper():
                continue
            opens = all(x.is_space or x.is_punct for x in al.sentence.span[:t.i - al.sentence.span.start]) \
                or t.nbor(-1).text in ("\"", "“", "‘", "'", "(")
            if opens or len(t.text) <= 2:
                continue  # a word capitalised because it opens the sentence ("Part of ..."); units (GW)
            w = t.lower_
            if w in self.source.words or _is_title_word(t) or w in _CALENDAR:
                continue
            if any(same_stem(w, p) for p in self.source.proper) or self.entity_supported(t.text, "MISC"):
                continue
            out.append(self.finding(
                "source_unsupported", t.idx, t.idx + len(t.text),
                f"{t.text} is not mentioned anywhere in the source article.",
                al.best, self.options.unsupported_entity_confidence * 0.85))
        return out

    @staticmethod
    def _speakers(span) -> list[tuple[int, int, str]]:
        """The named subjects of the sentence's speech verbs, and names after 'according to'."""
        out = []
        for t in span:
            cand = None
            if t.lemma_.lower() in QUOTING_VERBS and t.pos_ == "VERB":
                cand = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            elif t.lower_ == "to" and t.i > 0 and t.nbor(-1).lower_ == "according":
                cand = next((c for c in t.children if c.dep_ == "pobj"), None)
            if cand is None:
                continue
            cand = _appositive_name(cand)
            out += [_clean_entity(e) for e in span.ents
                    if e.start <= cand.i < e.end and e.label_ in ("PERSON", "ORG", "NORP", "GPE")][:1]
        return out

    def check_speaker(self, al: Alignment, rewrite_ents) -> list[Finding]:
        """A statement the source puts in one speaker's mouth and the rewrite in another's.
        Any speaker of the rewrite sentence may be the source's ('Harcourt called it ...,
        while Ramos said ...'); a speaker the source names in that sentence is no swap."""
        if not self.strong(al) or al.best is None:
            return []
        speakers, theirs = self._speakers(al.sentence.span), self._speakers(al.best.span)[:1]
        if not speakers or not theirs:
            return []
        mine, theirs = speakers[0], theirs[0]
        if any(self.same(x[2], theirs[2]) for x in speakers):
            return []
        # the rewrite's speaker must not also be named in the best sentence (pronoun chains)
        if norm(mine[2]) in norm(al.best.text) or any(
                self.same(mine[2], _clean_entity(e)[2]) for e in al.best.span.ents):
            return []
        # the source's speaker named in the sentence too: a merged sentence or a misparse
        # ("Uddin Chowdhury, the Labour and Employment Adviser, warned")
        if any(self.same(theirs[2], _clean_entity(e)[2]) for e in al.sentence.span.ents):
            return []
        return [self.finding(
            "source_contradiction", mine[0], mine[1],
            f"The source attributes this statement to {theirs[2]}, not {mine[2]}.",
            al.best, self.options.speaker_confidence, suggestion=theirs[2])]

    def check_numbers(self, al: Alignment) -> list[Finding]:
        out = []
        s = al.sentence
        dates = find_dates(s.text, s.start)
        mine = find_quantities(s.text, s.start, skip=[(d.start, d.end) for d in dates])
        aligned = [(src, o) for src in al.sources for x, o in self.source.sentence_quantities if x is src]
        # the source numbers this sentence dropped are the candidates for what it changed
        dropped = [(src, o) for src, o in aligned if not any(quantities_match(q, o) for q in mine)]
        for q in mine:
            matches = [o for o in self.source.quantities if quantities_match(q, o) or
                       q.unit == "other" and quantities_match(replace(q, value=q.value + 1), o)]
            if matches:
                if self.options.misattached_numbers:
                    rival = self._misattached(q, al, matches, dropped) if self.strong(al) else None
                    if rival is not None:
                        src, o = rival
                        out.append(self.finding(
                            "source_contradiction", q.start, q.end,
                            f"In the source {q.text.strip()} is said of something else; of this it gives {o.text.strip()}.",
                            src, self.options.number_confidence * 0.9, suggestion=o.text.strip()))
                continue
            if q.kind == "count" and not q.text.strip()[:1].isdigit() and q.value <= 10:
                continue  # "two ministers", "three days": a rewrite counts what the source lists
            if q.text.strip().lower() in ("dozens", "hundreds", "thousands"):
                continue  # "thousands of protesters" for "some 15,000": no figure to compare
            if _derived(q, self.source.sentence_quantities):
                continue  # "cut by 3.5 million" from "to 46.5 million from 50 million"
            rival = self._rival_quantity(q, dropped)
            if rival is not None and self.strong(al):
                src, o = rival
                out.append(self.finding(
                    "source_contradiction", q.start, q.end,
                    f"The source gives {o.text.strip()} where the rewrite says {q.text.strip()}.",
                    src, self.options.number_confidence, suggestion=o.text.strip()))
            else:
                out.append(self.finding(
                    "source_unsupported", q.start, q.end,
                    f"The number {q.text.strip()} does not appear in the source article.",
                    al.best, self.options.unsupported_number_confidence))
        return out

    def check_bounds(self, al: Alignment) -> list[Finding]:
        """'Fewer than half' where the source says 'more than half': the number matches, the
        bound is the opposite one."""
        if not self.strong(al):
            return []
        s = al.sentence
        mine = find_quantities(s.text, s.start) + phrase_quantities(s.text, s.start)
        theirs = [(src, o) for src in al.sources
                  for o in find_quantities(src.text, src.start) + phrase_quantities(src.text, src.start)]
        for q in mine:
            mine_way = _direction(self.text, q.start)
            for src, o in theirs:
                way = _direction(self.source.text, o.start)
                if o.value == q.value and mine_way and way and mine_way[0] != way[0]:
                    shown = f"{way[1]} {o.text}"
                    return [self.finding(
                        "source_contradiction", q.start, q.end,
                        f"The source says '{shown}', the opposite bound.", src, self.options.number_confidence,
                        suggestion=shown)]
        return []

    def _misattached(self, q: Quantity, al: Alignment, matches, dropped):
        """The aligned source number this one should be, when the source says the same value
        only of other things ('exports up 17.3%' where 17.3% is imports and exports rose
        15.4%): the words the number is said of are compared, not the whole source."""
        mine = _number_context(al.sentence.span.doc, q.start)
        if not mine:
            return None
        doc = self.source.sentences[0].span.doc
        if any(not _number_context(doc, o.start) or mine & _number_context(doc, o.start) for o in matches):
            return None
        # A rival of the same measure, said of the same thing (a noun, not just 'won' or 'yen'),
        # and one the rewrite does not give as well ('30%, up from a quarter'): 24 hours is no
        # misplaced count of 36,000 nurses.
        nouns = _number_context(al.sentence.span.doc, q.start, nominal=True)
        s = al.sentence
        given = find_quantities(s.text, s.start) + phrase_quantities(s.text, s.start)
        return next(((x, o) for x, o in dropped if o.kind == q.kind and (o.unit == q.unit or q.kind != "count")
                     and nouns & _number_context(doc, o.start, nominal=True)
                     and not any(quantities_match(g, o) for g in given)), None)

    @staticmethod
    def _rival_quantity(q: Quantity, dropped):
        same_kind = [(s, o) for s, o in dropped if o.kind == q.kind]
        for s, o in same_kind:
            if o.unit == q.unit:
                return s, o
        return same_kind[0] if same_kind else None

    def check_dates(self, al: Alignment) -> list[Finding]:
        out = []
        s = al.sentence
        aligned_facts = {}
        for src in al.sources:
            for d in find_dates(src.text, src.start):
                for f in d.facts():
                    aligned_facts.setdefault(f[0], (src, d))
        for d in find_dates(s.text, s.start):
            for fact in sorted(d.facts()):
                if fact in self.source.date_facts:
                    continue
                if fact[0] == "month" and any(f[0] == "monthday" and f[1] == fact[1] for f in self.source.date_facts):
                    continue
                rival = aligned_facts.get(fact[0])
                same_month = rival is not None and fact[0] == "monthday" and any(
                    f[0] == "monthday" and f[1] == fact[1] for f in rival[1].facts())
                if rival is not None and (self.strong(al) or same_month):
                    src, other = rival
                    out.append(self.finding(
                        "source_contradiction", d.start, d.end,
                        f"The source dates this {other.text.strip()}, not {d.text.strip()}.",
                        src, self.options.date_confidence, suggestion=other.text.strip()))
                else:
                    out.append(self.finding(
                        "source_unsupported", d.start, d.end,
                        f"The date {d.text.strip()} does not appear in the source article.",
                        al.best, self.options.unsupported_date_confidence))
                break
        return out

    def check_quotes(self, al: Alignment) -> list[Finding]:
        out = []
        s = al.sentence
        source_quotes = find_quotes(self.source.text)
        norm_source = norm(self.source.text)
        for q in find_quotes(s.text, s.start):
            nq = norm(q.text)
            best_ratio, best_quote = 0.0, None
            for sq in source_quotes:
                r = fuzz.partial_ratio(nq, norm(sq.text)) if len(nq) <= len(norm(sq.text)) else fuzz.ratio(nq, norm(sq.text))
                if r > best_ratio:
                    best_ratio, best_quote = r, sq
            anywhere = fuzz.partial_ratio(nq, norm_source) if len(nq) < len(norm_source) else 0
            if max(best_ratio, anywhere) < self.options.quote_match:
                out.append(self.finding(
                    "source_unsupported", q.start, q.end,
                    "The source article contains no such quotation.",
                    al.best, self.options.unsupported_quote_confidence))
                continue
            if best_quote is None or best_ratio < self.options.quote_match:
                continue
            src_sent = next((x for x in self.source.sentences if x.start <= best_quote.start < x.end), None)
            if src_sent is None:
                continue
            # a fuzzy match lets one changed word through ('partners, not threats' -> 'rivals')
            quoted = {_root(w) for sq in source_quotes for w in re.findall(r"[a-z]+", norm(sq.text))}
            changed = next((t for t in s.span if q.start <= t.idx < q.end and t.is_alpha and not t.is_stop
                            and _root(norm(t.text)) not in quoted), None)
            if changed is not None:
                out.append(self.finding(
                    "source_contradiction", changed.idx, changed.idx + len(changed.text),
                    f"The source never quotes the word '{changed.text}'; its words are: \"{best_quote.text}\".",
                    src_sent, self.options.misquote_confidence))
                continue
            mine = self._quote_speaker(s.span, q)
            theirs = self._quote_speaker(src_sent.span, best_quote, resolve_pronouns=True)
            if mine and theirs and not self.same(mine[2], theirs[2]) and not (
                    _label_at(s.span, mine[0]) != "PERSON" and
                    any(self.same(theirs[2], _clean_entity(e)[2]) for e in s.span.ents)):
                # "said Office of Civil Defense spokeswoman Rhea Villanueva": the parse took the office
                out.append(self.finding(
                    "source_contradiction", mine[0], mine[1],
                    f"In the source these words are {theirs[2]}'s, not {mine[2]}'s.",
                    src_sent, self.options.speaker_confidence, suggestion=theirs[2]))
        return out

    @staticmethod
    def _quote_speaker(span, q, resolve_pronouns: bool = False):
        """Who speaks the quote: the subject of a speech verb outside it ('Zverev told
        Sinner': Zverev). A pronoun is resolved, when asked, to the last person named as a
        subject in the two sentences before; a description ('the judge said') is no name,
        unless a name stands in apposition to it."""
        for t in span:
            if t.lemma_.lower() not in QUOTING_VERBS or t.pos_ != "VERB" or q.start <= t.idx < q.end:
                continue
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None or q.start <= subj.idx < q.end:
                continue
            if subj.lower_ in ("who", "that") and t.dep_ == "relcl":
                subj = t.head  # "Akol, who said ...": the name the clause hangs on
            elif subj.pos_ == "PRON":
                return _last_named_subject(span) if resolve_pronouns else None
            subj = _appositive_name(subj)
            ent = next((e for e in span.ents if e.start <= subj.i < e.end and e.label_ in ("PERSON", "ORG")), None)
            if ent is not None:
                return _clean_entity(ent)
            return _propn_run(subj) if subj.pos_ == "PROPN" else None
        people = [e for e in span.ents if e.label_ == "PERSON"
                  and not (q.start <= e.start_char < q.end)]
        if people:  # no speech verb parsed: the nearest name
            nearest = min(people, key=lambda e: min(abs(e.start_char - q.end), abs(q.start - e.end_char)))
            return _clean_entity(nearest)
        return None

    def check_offices(self, al: Alignment) -> list[Finding]:
        out = []
        for (start, end, name), title, my_shown in _offices(al.sentence.span):
            # "a former police general" is a past role beside the present one: it is set
            # against the source's past roles only
            past = _past_role(my_shown)
            same_person = [o for o in self.source.offices if self.same(name, o[0][2]) and _past_role(o[2]) == past]
            if not same_person or any(not offices_conflict(title - PAST_ROLE, o[1] - PAST_ROLE) for o in same_person):
                continue
            x, _, src_title, s = same_person[0]
            out.append(self.finding(
                "source_contradiction", start, end,
                f"The source calls {x[2]} {src_title}, not {my_shown}.",
                s, self.options.office_confidence, suggestion=f"{src_title} {x[2]}"))
        return out

    @staticmethod
    def _negated_lemmas(span) -> dict[str, tuple]:
        """Words the sentence negates, explicitly (not, never, no) or implicitly (failed to
        prove, refused to sign, without a licence), with the token that negates them."""
        out = {}
        for t in span:
            if t.dep_ == "neg" or t.lower_ == "never" or t.lower_ == "no" and t.dep_ == "det":
                word = _copula_predicate(t.head) if t.head.lemma_ == "be" else t.head
                out.setdefault(word.lemma_.lower(), (t, word))
            elif t.lower_ == "without" and not any(x.lower_ in ("would", "could") for x in span) and \
                    not any(a.lemma_.lower() in BARRING_VERBS for a in t.ancestors):
                # "Without the tanker, we would have lost more": a counterfactual, not a denial;
                # "bars children from opening accounts without consent": a double negation
                for c in t.children:
                    out.setdefault(c.lemma_.lower(), (t, c))
            elif t.lemma_.lower() in NEGATING_VERBS:
                for c in t.children:  # "failed to call", not "attempts fail, to call"
                    if c.dep_ == "xcomp" and c.i > t.i and not any(x.is_punct for x in t.doc[t.i:c.i]):
                        out.setdefault(c.lemma_.lower(), (t, c))
        return out

    @cached_property
    def _source_negations(self) -> list[tuple[Sentence, dict]]:
        """Each source sentence with the words it negates, found once per source."""
        return [(x, self._negated_lemmas(x.span)) for x in self.source.sentences]

    def _source_negated_words(self) -> set[str]:
        if self._source_negated is None:
            self._source_negated = set().union(*(self._negated_words(x.span) for x in self.source.sentences))
        return self._source_negated

    def _negated_words(self, span) -> set[str]:
        return {w.lemma_.lower() for _, word in self._negated_lemmas(span).values() for w in word.subtree
                if not w.is_stop and w.is_alpha}

    def check_negation(self, al: Alignment) -> list[Finding]:
        best = al.best
        if best is None or al.best_score < self.options.negation_alignment:
            return self._negation_elsewhere(al, self._negated_lemmas(al.sentence.span))
        mine, theirs = self._negated_lemmas(al.sentence.span), self._negated_lemmas(best.span)
        out = []
        for lemma, (tok, word) in mine.items():
            other = _asserted(best.span, lemma)
            if other is not None and word.pos_ == "NOUN" and _predicate(other) != _predicate(word):
                continue  # 'no decision had been made' says nothing of 'respected the decision'
            if other is not None and lemma not in theirs and _same_topic(word, other):
                out.append(self.finding(
                    "source_contradiction", tok.idx, tok.idx + len(tok.text),
                    f"The rewrite negates '{lemma}', which the source states without negation.",
                    best, self.options.negation_confidence, suggestion=f"drop '{tok.text}'"))
                break
        if not out:
            for lemma, (tok, word) in theirs.items():
                head = _asserted(al.sentence.span, lemma)
                if head is not None and lemma not in mine and not word.is_stop and \
                        _asserted(best.span, lemma) is None and _same_topic(head, word):
                    out.append(self.finding(
                        "source_contradiction", head.idx, head.idx + len(head.text),
                        f"The source says '{tok.text} {word.text}', the rewrite drops the negation.",
                        best, self.options.negation_confidence, suggestion=f"{tok.text} {head.text}"))
                    break
        if not out:
            out = self._negation_elsewhere(al, mine)
        if not out and al.best_score >= self.options.polarity_alignment:
            mine_n = _negator_count(al.sentence.span)
            # a negation the source makes elsewhere of the same thing ('without the booster'
            # against 'did not receive the booster') is no contradiction
            if all(mine_n % 2 != _negator_count(src.span) % 2 for src in al.sources) and \
                    not self._negated_words(al.sentence.span) & self._source_negated_words() and \
                    _negated_clause_shared(al.sentence.span, best.span) and not (
                        _implicit_negation(al.sentence.span) or _implicit_negation(best.span)):
                tok = next((t for t in al.sentence.span if t.lower_ in NEGATORS | NEGATIVE_PRONOUNS), None)
                if tok is None:  # the rewrite dropped the source's negation: point at its main verb
                    tok = next((t for t in al.sentence.span if t.dep_ == "ROOT"), al.sentence.span[0])
                    neg = next(t for t in best.span if t.lower_ in NEGATORS | NEGATIVE_PRONOUNS)
                    msg = f"The source sentence is negated ('{neg.text}'); the rewrite is not."
                else:
                    msg = f"The rewrite says '{tok.text}' where the source sentence has no negation."
                out.append(self.finding("source_contradiction", tok.idx, tok.idx + len(tok.text), msg,
                                        best, self.options.polarity_confidence))
        return out

    def _negation_elsewhere(self, al: Alignment, mine: dict) -> list[Finding]:
        """A negation the source makes in a sentence other than the best aligned one ('Ríos
        did not attend the hearing' against a merged 'Ríos attended the hearing,
        arguing ...'): only of the same subject, sharing two words of context, and where the
        source never asserts the word."""
        for src, negated in self._source_negations:
            if src is al.best:
                continue
            for lemma, (tok, word) in negated.items():
                head = _asserted(al.sentence.span, lemma)
                if head is None or lemma in mine or word.is_stop or any(
                        _asserted(x.span, lemma) is not None for x in self.source.sentences):
                    continue
                if len(_context(head) & _context(word)) >= 2 and self._same_subject(head, word):
                    return [self.finding(
                        "source_contradiction", head.idx, head.idx + len(head.text),
                        f"The source says '{tok.text} {word.text}', the rewrite drops the negation.",
                        src, self.options.negation_confidence, suggestion=f"{tok.text} {head.text}")]
        return []

    def check_antonyms(self, al: Alignment) -> list[Finding]:
        """A word whose opposite the aligned source says of the same thing. Rewrite and
        source words of one antonym set are paired off, the pairs sharing most context first
        and, on a tie, the same word first: so 'rose ..., accelerating' against 'rose ...,
        slowing' finds the slip. A pair of opposites is a contradiction only when the rewrite
        word has no like-minded counterpart, the rewrite does not say the source's word too
        (it is not faulted for the source's 'acquitted' when it says 'convicted ... acquitted'),
        and the two are said of the same subject, object or number."""
        if al.best is None or al.best_score < self.options.negation_alignment:
            return []
        src_tokens = [t for src in al.sources for t in src.span if _antonym_pole(t) is not None]
        context = {t.i: _context(t) for t in src_tokens}
        mine = {t.i: _context(t) for t in al.sentence.span if _antonym_pole(t) is not None}
        pairs = []
        for tok in al.sentence.span:
            pole = _antonym_pole(tok)
            if pole is None:
                continue
            for t in src_tokens:
                other = _antonym_pole(t)
                if other[0] != pole[0] or _is_negated(t) != _is_negated(tok) or \
                        (t.pos_ == "NOUN") != (tok.pos_ == "NOUN") and "NOUN" in (t.pos_, tok.pos_) and \
                        other != pole:
                    continue  # 'last year's price spike' names an event; it says nothing of 'fell 6%'
                shared = mine[tok.i] & context[t.i]
                if shared:
                    pairs.append((len(shared), other == pole, t.lemma_ == tok.lemma_, tok, t, shared))
        used: set[int] = set()
        for _, same_pole, _, tok, t, shared in sorted(pairs, key=lambda p: (p[0], p[2], p[1]), reverse=True):
            if tok.i in used or t.i in used:
                continue
            used |= {tok.i, t.i}
            if same_pole:
                continue
            if any(p[1] and p[3] is tok for p in pairs) or \
                    any(w.lemma_ == t.lemma_ and not _is_negated(w) for w in al.sentence.span):
                continue  # the rewrite word has a like-minded counterpart, or says the source's word too
            if ANTONYM_SETS[_antonym_pole(tok)[0]][2] and not self._same_subject(tok, t):
                continue  # 'the Philippines bought' what 'Australia sold' it
            numbers = [{w for w in c if any(ch.isdigit() for ch in w)} for c in (mine[tok.i], context[t.i])]
            if all(numbers) and not numbers[0] & numbers[1]:
                continue  # 'up from 2.1' and 'down from 3.41%' speak of two quantities
            if any(w[:1].isdigit() for w in shared) or _same_arguments(tok, t):
                src = next(x for x in al.sources if x.span.start <= t.i < x.span.end)
                return [self.finding(
                    "source_contradiction", tok.idx, tok.idx + len(tok.text),
                    f"The source says '{t.text}' where the rewrite says '{tok.text}'.",
                    src, self.options.antonym_confidence, suggestion=t.text)]
        return []

    def _same_subject(self, a, b) -> bool:
        subj = [next((c for c in (_copula_of(t) or t).children if c.dep_ in ("nsubj", "nsubjpass")), None)
                for t in (a, b)]
        if None in subj:
            return False
        x, y = (_propn_run(t)[2] if t.pos_ == "PROPN" else t.lemma_ for t in subj)
        return x.lower() == y.lower() or self.same(x, y)

    def check_novelty(self, al: Alignment) -> list[Finding]:
        """A sentence most of whose content words the source never uses."""
        s = al.sentence
        words = [t for t in s.span if not t.is_stop and not t.is_punct and t.pos_ in
                 ("NOUN", "VERB", "ADJ", "PROPN", "NUM")]
        if len(words) < self.options.novelty_min_words or any(t.lower_ in COMMENTARY for t in s.span):
            return []
        roots = {_root(w) for w in self.source.words}  # nerves / nervous: a derivation, not news
        novel = [t for t in words if t.lower_ not in self.source.words and t.lemma_.lower() not in self.source.words
                 and _root(t.lower_) not in roots]
        share = len(novel) / len(words)
        if share < self.options.novelty_threshold:
            return []
        span_start = s.start + (len(s.text) - len(s.text.lstrip()))
        span_end = s.start + len(s.text.rstrip())
        return [self.finding(
            "source_unsupported", span_start, span_end,
            f"Most of this sentence ({len(novel)} of {len(words)} content words) has no counterpart in the source article.",
            al.best, min(0.9, self.options.novelty_confidence * share / self.options.novelty_threshold))]


# Words of the commentary a rewrite adds around the facts ("The move is likely to renew
# scrutiny", "The decision comes amid"): an opinion or a forecast, not a new fact.
COMMENTARY = {"likely", "could", "may", "might", "amid", "underscores", "underscore", "underlines",
              "underline", "highlights", "highlight", "signals", "reflects", "meanwhile"}
PAST_ROLE = {"former", "ex", "onetime", "retired", "then", "previously", "late"}


def _past_role(shown: str) -> bool:
    return bool(PAST_ROLE & set(re.findall(r"[a-z]+", shown.lower())))


_CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "january", "february", "march", "april", "may", "june", "july", "august",
             "september", "october", "november", "december"}
_TITLE_PARTS = {"u.s", "us", "uk", "the", "of", "s", "'s", "’s", "national", "ukraine", "russia"}


_DERIVATIONS = ("ation", "ness", "ment", "ous", "ion", "ity", "ive", "ing", "ful", "al", "ly", "ed", "es", "er", "s")


def _root(word: str) -> str:
    """A word without one derivational or inflectional ending: nervous, nerves -> nerv."""
    for suffix in _DERIVATIONS:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)].rstrip("e")
    return word.rstrip("e")


# Nouns an adjective of place describes rather than names: "the Central Asian country".
EPITHET_NOUNS = {"country", "nation", "state", "kingdom", "republic", "island", "archipelago",
                 "city", "capital", "region", "neighbour", "neighbor", "government", "economy"}


def _epithet(ent) -> bool:
    """A place word used as a description of a country or city, not a name for one."""
    root, head = ent.root, ent.root.head
    return (ent.label_ == "NORP" or root.dep_ == "amod") and head.lemma_.lower() in EPITHET_NOUNS \
        and head.i >= ent.end and any(c.dep_ == "det" for c in head.children)


_UP = ("more than", "over", "above", "at least", "exceeding", "upwards of")
_DOWN = ("less than", "fewer than", "under", "below", "at most", "up to")


def _direction(text: str, start: int) -> tuple[str, str] | None:
    """('up', words) for a number said to be exceeded (more than half), ('down', words) for
    a ceiling (fewer than half)."""
    before = " " + " ".join(text[max(0, start - 20):start].lower().split())
    for way, words in (("up", _UP), ("down", _DOWN)):
        w = next((w for w in words if before.endswith(" " + w)), None)
        if w:
            return way, w
    return None


def _derived(q: Quantity, given: list[tuple[Sentence, Quantity]]) -> bool:
    """Is q the change between two numbers the source gives as a move from one to the other
    (to 46.5 million from 50 million: down 3.5 million, or 7%) or as a part of a whole (lost
    nine of its 22 seats: 13 left), or the sum of two it gives side by side (187 passengers
    and 14 crew: 201 people)?"""
    for i, (src, a) in enumerate(given):
        other, b = next(((o, x) for o, x in given[i + 1:] if x.kind == a.kind), (None, None))
        between = src.span.doc.text[a.end:b.start] if other is src else ""
        if other is src and q.kind == a.kind and b.start - a.end <= 30 and re.search(r"\band\b", between) \
                and quantities_match(q, replace(q, value=a.value + b.value)):
            return True  # 187 passengers and 14 crew: 201 people
        if other is not src or a.value == b.value or b.start - a.end > 60 or \
                not re.search(r"\b(from|to|of)\b", between):
            continue
        values = [abs(a.value - b.value)] if q.kind == a.kind else []
        if q.kind == "pct" and a.kind != "pct":
            values += [abs(a.value - b.value) / x * 100 for x in (a.value, b.value) if x]
        if any(quantities_match(q, replace(q, value=v)) for v in values):
            return True
    return False


def _number_context(doc, char: int, nominal: bool = False) -> set[str]:
    """Content lemmas of what a number at `char` is said of: the words from it up to its
    verb, with the head nouns of that verb's subject and object (45 in '45 people were
    injured': people, injure); `nominal` keeps the nouns and adjectives only, without
    currencies."""
    t = next((t for t in doc if t.idx <= char < t.idx + len(t.text)), None)
    if t is None:
        return set()
    while not (t.like_num or any(c.isdigit() for c in t.text)) and t.i + 1 < t.sent.end and t.nbor(1).idx < char + 12:
        t = t.nbor(1)  # past a currency sign
    chain = [t]
    for _ in range(4):
        if chain[-1].pos_ in ("VERB", "AUX") or chain[-1].head is chain[-1]:
            break
        chain.append(chain[-1].head)
    words = list(chain)
    for c in chain:
        for k in c.children:
            if k in chain:
                continue
            if c.pos_ in ("VERB", "AUX") and k.dep_ in ("nsubj", "nsubjpass", "dobj", "acomp", "attr"):
                words += [k] + [x for x in k.children if x.dep_ in ("compound", "amod")]
            elif k.dep_ in ("compound", "amod"):
                words.append(k)
    return {w.lemma_.lower() for w in words if not w.is_stop and w.is_alpha
            and w.lemma_.lower() not in WEAK_LEMMAS | MEASURE_WORDS
            and not (nominal and (w.pos_ not in ("NOUN", "PROPN", "ADJ") or w.lower_ in CURRENCY))}


# Words that measure anything (a 57-year-old, a five-year term): sharing one ties nothing.
MEASURE_WORDS = {"year", "month", "week", "day", "hour", "minute", "second", "time", "times",
                 "people", "person", "percent", "per", "cent", "point", "number", "total", "old",
                 "billion", "million", "thousand", "bn", "m"}


def _appositive_name(tok):
    """The name set beside a description ('Its lawyer, Meera Iyer, called ...'), else the word."""
    return next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), tok)


def _label_at(span, char: int) -> str | None:
    return next((e.label_ for e in span.ents if e.start_char <= char < e.end_char), None)


def _last_named_subject(span):
    """The last person named as a subject in the two sentences before `span`."""
    doc = span.doc
    sents = [s for s in doc.sents if s.end <= span.start][-2:]
    for sent in reversed(sents):
        for t in reversed(sent):
            if t.dep_ not in ("nsubj", "nsubjpass") or t.pos_ != "PROPN":
                continue
            ent = next((e for e in sent.ents if e.start <= t.i < e.end), None)
            if ent is None or ent.label_ == "PERSON":  # the tagger often misses a bare surname
                return _clean_entity(ent) if ent is not None else _propn_run(t)
    return None


def _propn_run(tok) -> tuple[int, int, str]:
    """A proper noun with its compound proper-noun modifiers: Volodymyr Zelenskiy."""
    first = tok
    while first.i > 0 and first.nbor(-1).pos_ == "PROPN" and first.nbor(-1).dep_ == "compound" \
            and not _is_title_word(first.nbor(-1)):
        first = first.nbor(-1)
    start, end = first.idx, tok.idx + len(tok.text)
    return start, end, tok.doc.text[start:end]


def _is_title_word(tok) -> bool:
    w = tok.lower_.strip(".")
    return (tok.text == "-" or w in _TITLE_PARTS or w in OFFICE_CORE or w in OFFICE_QUALIFIERS
            or bool(office_words([tok.text])) or w in ("spokesman", "spokeswoman", "defence", "chairwoman",
                                                       "executive", "officer", "operating", "financial",
                                                       "technology", "information"))


def _antonym_pole(tok) -> tuple[int, int] | None:
    """(set, pole) of a word in ANTONYM_SETS, or None."""
    if tok.pos_ not in ("VERB", "ADJ", "NOUN", "ADV") and tok.dep_ != "prt":
        return None
    lemma = tok.lower_ if tok.lower_ in ("higher", "lower") else tok.lemma_.lower()
    if lemma == "back" and (tok.pos_ != "VERB" or any(c.dep_ == "prt" for c in tok.children)):
        return None  # turned its back; back down
    if lemma == "won" and tok.i > 0 and tok.nbor(-1).like_num:
        return None  # 5,000 won: Korea's currency
    if tok.dep_ == "prt" and tok.head.lemma_.lower() not in ("end", "close", "finish", "trade"):
        return None  # voted down, stepped up: part of another verb
    if lemma in ("start", "begin") and tok.i + 1 < len(tok.doc) and tok.nbor(1).ent_type_ == "DATE":
        return None  # "starting Sept. 1" says when, not what
    for k, (a, b, _) in enumerate(ANTONYM_SETS):
        if lemma in a:
            return k, 0
        if lemma in b:
            return k, 1
    return None


def _copula_of(tok):
    """The 'be' whose predicate the word is ('was in danger', 'is mandatory'), or None."""
    head = tok.head.head if tok.dep_ == "pobj" else tok.head
    return head if tok.dep_ in ("acomp", "attr", "pobj") and head.lemma_ == "be" else None


def _context(tok) -> set[str]:
    """Content lemmas of what a word says something about: its own phrase (without the
    clauses hanging off it) and the word it attaches to with that word's subject and object;
    for the predicate of 'be', that of the 'be' ('her life is not in danger': life)."""
    cop = _copula_of(tok)
    if cop is not None:
        return _context(cop) | {tok.lemma_.lower()}
    near = [c for c in tok.children if c.dep_ not in ("conj", "advcl", "ccomp", "relcl", "parataxis", "cc")
            and _antonym_pole(c) is None]  # 'rose 0.4%, down from 0.7%': the 0.7% is down's
    words = [w for c in near for w in c.subtree]
    head = tok.head
    if head is not tok:
        words.append(head)
    if head is not tok and _antonym_pole(head) is None:  # 'began a strike, halting work': not the strike's
        words += [w for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c is not tok
                  for w in c.subtree]
    return {w.lemma_.lower() for w in words if not w.is_stop and (w.is_alpha or w.like_num)
            and w.lemma_.lower() not in WEAK_LEMMAS and _antonym_pole(w) is None}


def _copula_predicate(tok):
    """What 'be' says: 'was not in danger' -> danger, 'is not mandatory' -> mandatory."""
    for c in tok.children:
        if c.dep_ in ("acomp", "attr"):
            return c
        if c.dep_ == "prep":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return tok


def _predicate(tok) -> str:
    """The lemma of what a noun's clause says of it: 'people were missing', 'people went
    missing' and 'missing people' alike give 'missing'."""
    head = tok.head
    if head.lemma_ == "be":
        head = next((c for c in head.children if c.dep_ in ("acomp", "attr")), head)
    return head.lemma_.lower()


def _arguments(tok) -> set[str]:
    lemmas = set()
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.pos_ in ("NOUN", "PROPN"):
            lemmas |= {w.lemma_.lower() for w in c.subtree if w.pos_ in ("NOUN", "PROPN")}
    return lemmas


def _same_arguments(a, b) -> bool:
    """Opposite words said of different subjects and objects ('customers buy' and 'the
    company must sell') contradict nothing; where either has none, nothing tells."""
    x, y = _arguments(a), _arguments(b)
    return not x or not y or bool(x & y)


def _same_topic(a, b) -> bool:
    """Are two words said of the same thing? Their contexts share a content word."""
    return bool(_context(a) & _context(b))


def _asserted(span, lemma: str):
    """A token of `span` with this lemma that is not itself under a negation, if any. A
    word the sentence only names ('stopping abruptly could be dangerous', 'the highest rank
    ever achieved by an Asian institution') asserts nothing of it."""
    toks = [t for t in span if t.lemma_.lower() == lemma and lemma not in {"be", "have", "do"}
            and (t.dep_ not in ("csubj", "pobj", "compound", "amod") or t.head.head.lemma_ == "be")]
    if not toks or any(_in_negation(t) for t in toks):
        return None
    return toks[0]


def _in_negation(tok) -> bool:
    """Is the word inside a negated phrase (a request for comment in 'did not respond to a
    request for comment', rebound in 'failed to rebound')?"""
    for t in [tok, *tok.ancestors]:
        if t.lower_ in ("without", "no") or _is_negated(t) or t.lemma_.lower() in NEGATING_VERBS and t is not tok:
            return True
        if t.lower_ == "than" and t.i > 0 and t.nbor(-1).lower_ == "rather" or \
                t.lower_ == "of" and t.i > 0 and t.nbor(-1).lower_ == "instead":
            return True
        left = t.left_edge.i
        if left >= 2 and (t.doc[left - 2].lower_, t.doc[left - 1].lower_) in (("rather", "than"), ("instead", "of")):
            return True  # 'permanent rather than a long-term loan', however it is parsed
        for c in t.children:
            if c.dep_ == "det" and c.lower_ == "no" or c.dep_ == "mark" and c.lower_ == "unless":
                return True  # no offer; unless an offer arrives (= if no offer)
            if c.lower_ in ("neither", "nor") or c.lower_ == "too" and t is not tok:
                return True  # neither published nor tabled; too malnourished to stand
            if c.dep_ in ("nsubj", "nsubjpass", "dobj") and (c.lower_ in NEGATIVE_PRONOUNS or any(
                    g.dep_ == "det" and g.lower_ == "no" or g.lower_ == "neither" for g in c.children)):
                return True  # no new shares would be issued; nobody was hurt; would shield no athlete
            if c.lower_ == "yet" and c.i + 1 < len(c.doc) and c.nbor(1).lower_ == "to":
                return True  # has yet to be demarcated
        if t is not tok and t.lemma_.lower() == "rule" and any(c.lower_ == "out" for c in t.children):
            return True  # ruled out cutting taxes
    return False


def _is_negated(tok) -> bool:
    return any(c.dep_ == "neg" or c.lower_ == "never" for c in tok.children) or (
        tok.head is not tok and tok.dep_ in ("xcomp",) and tok.head.lemma_.lower() in NEGATING_VERBS)
