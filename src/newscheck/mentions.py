"""People in an article, the offices the article gives them, and who refers to whom.

Reads a spaCy `Doc`: names come from the NER and from proper-noun runs that a title
introduces ("Russian President Vladimir Zelenskiy", "Rustem Furman, the head of
Ukraine's NSDC"); later surname-only mentions join the person named first. Which
country or organisation a title word means is asked of a `Gazetteer` (the KB).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from .names import norm, skeleton
from .roles import role_key

# Words that make up office titles in running text.
TITLE_WORDS = {
    "president", "vice", "prime", "minister", "premier", "chancellor", "foreign", "defence",
    "defense", "finance", "interior", "home", "justice", "energy", "economy", "trade", "health",
    "secretary", "general", "state", "envoy", "special", "spokesman", "spokeswoman",
    "spokesperson", "press", "chief", "head", "leader", "boss", "king", "queen", "emperor",
    "emir", "sultan", "supreme", "deputy", "first", "national", "security", "adviser",
    "advisor", "staff", "of", "for", "the", "affairs", "war", "treasury", "council", "and",
    "representative", "high", "commission", "speaker", "governor", "central", "bank",
    "presidential", "office", "external", "taoiseach", "monarch", "federal", "policy",
    "managing", "director", "director-general", "executive", "commissioner", "chair", "chairperson",
}
MODIFIERS = {
    "former": "former", "ex": "former", "then": "then", "acting": "acting", "interim": "acting",
    "elect": "elect", "would-be": "elect", "designate": "elect", "incoming": "elect",
    "outgoing": "outgoing", "late": "former", "deputy": "deputy", "vice": "deputy",
    "first": "first", "future": "elect", "erstwhile": "former", "onetime": "former",
    "wartime": "former", "founding": "former", "longtime": "former", "previous": "former",
    "last": "former", "past": "former", "caretaker": "acting",
    # "soldiers ousted President Mohamed Bazoum": the title he had then
    "ousted": "former", "deposed": "former", "toppled": "former", "overthrown": "former",
    "slain": "former", "assassinated": "former", "impeached": "former", "exiled": "former",
    "jailed": "former", "imprisoned": "former", "murdered": "former", "killed": "former",
}
# Nouns that make a capitalised phrase the name of a body the KB does not know: a title on it
# is that body's, not the country's ("president of the American Academy of Pediatrics").
ORG_NOUNS = {"assembly", "academy", "association", "society", "institute", "university", "college", "foundation",
             "federation", "confederation", "committee", "club", "company", "corporation", "league", "party",
             "church", "chamber", "board", "agency", "authority", "court", "tribunal", "group", "organization",
             "organisation", "movement", "alliance", "coalition", "network", "forum", "center", "centre",
             "museum", "hospital", "school", "union", "commission", "fund", "institution", "congress", "senate"}
# Last words of the names of buildings and places, never of people.
PLACE_NOUNS = {"cathedral", "church", "mosque", "temple", "palace", "hall", "square", "bridge", "street", "avenue",
               "airport", "stadium", "museum", "tower", "castle", "park", "station", "harbour", "harbor", "port"}
# "India's first prime minister", "Russia's second president": a place in history, not now
_ORDINALS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
             "tenth", "longest-serving", "youngest", "oldest"}
# "Foreign Ministers Dominic Raab of Britain and Annalena Baerbock of Germany"
_PLURAL_TITLES = {"ministers": "minister", "presidents": "president", "secretaries": "secretary",
                  "premiers": "premier", "chancellors": "chancellor"}
_RUN_TITLE_WORDS = (TITLE_WORDS - {"of", "the", "and", "for"}) | set(_PLURAL_TITLES)
_OF_COUNTRY = re.compile(r"\s*(?:of|from|\()\s*(?:the\s+)?([A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})")
_PARTICLES = {"von", "van", "der", "de", "da", "di", "del", "la", "le", "bin", "al", "ibn", "el", "du", "dos", "das", "ben"}
_GENERIC_HEADS = {"chief", "head", "leader", "boss", "chair", "chairman", "chairwoman", "chairperson"}
# A central bank's governor is its head ("Bank of England Governor"), except at the Fed, whose
# seven governors are board members under the Chair ("Fed Governor Lisa Cook").
_BOARD_GOVERNORS = {"US"}
_STOP_AFTER_APPOSITIVE = {",", ".", ";", ":", "(", ")", "—", "–", "who", "which", "said", "says", "told", "and"}


class Gazetteer(Protocol):
    """What mention reading needs from the knowledge base."""

    def country(self, word: str) -> str | None: ...

    def org(self, name: str): ...  # -> object with jurisdiction, head_roles, member_role, key


@dataclass(frozen=True)
class TitleClaim:
    """An office the text gives a person: 'Russian President', 'the head of Ukraine's NSDC'."""

    start: int
    end: int
    text: str
    jurisdiction: str | None
    roles: tuple[str, ...]
    modifiers: frozenset[str] = frozenset()
    org: str | None = None  # key of the organisation the title names
    words: str = ""  # the title's own words ("secretary of state"), to re-read in another country

    @property
    def plain(self) -> bool:
        """A claim that the person holds the office now (not former, acting, deputy...)."""
        return not self.modifiers

    def roles_in(self, jurisdiction: str | None) -> tuple[str, ...]:
        """The roles the title names in `jurisdiction`: a bare "Secretary of State" given
        to an American is the foreign minister; a bare "Chancellor" to a Briton, finance."""
        if self.jurisdiction or self.org or not self.words or not jurisdiction:
            return self.roles
        key = role_key(self.words, jurisdiction)
        return (key,) if key else ()


@dataclass
class PersonMention:
    start: int
    end: int
    text: str
    sentence: tuple[int, int]
    titles: list[TitleClaim] = field(default_factory=list)
    title_before: bool = False  # "Russian President X" rather than "X, Russia's president"
    earlier_time: bool = False  # the sentence looks back ("had demanded the removal of ...")
    quoted: bool = False  # inside a quotation: the speaker's words, not the article's claim


@dataclass
class PersonCluster:
    """One person as the article refers to them."""

    mentions: list[PersonMention]

    @property
    def name(self) -> str:
        """The fullest form the article uses."""
        return max((m.text for m in self.mentions), key=lambda t: (len(t.split()), len(t)))

    @property
    def first(self) -> PersonMention:
        return self.mentions[0]


def _is_name_token(tok) -> bool:
    text = tok.text
    if not text[:1].isupper() or tok.is_punct:
        return False
    if len(text) > 1 and text.isupper() and not text.endswith("."):
        return False  # datelines and acronyms: WASHINGTON, NATO
    return tok.pos_ in ("PROPN", "NOUN", "ADJ", "X") or tok.ent_type_ == "PERSON"


def _name_runs(doc) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens (token indices), with name particles inside."""
    runs, i, n = [], 0, len(doc)
    while i < n:
        if not _is_name_token(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < n:
            tok = doc[j]
            if _is_name_token(tok) and tok.text.lower() not in ("'s", "’s"):
                j += 1
            elif tok.text.lower() in _PARTICLES:
                k = j
                while k < n and doc[k].text.lower() in _PARTICLES:
                    k += 1
                if k < n and _is_name_token(doc[k]):
                    j = k
                else:
                    break
            elif tok.text == "-" and not doc[j - 1].whitespace_ and j + 1 < n and _is_name_token(doc[j + 1]):
                j += 1
            else:
                break
        runs.append((i, j))
        i = j
    return runs


class MentionReader:
    """Finds people and their titles in a parsed article."""

    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer
        self._country_cache: dict[str, str | None] = {}
        self._org_cache: dict[str, object] = {}

    # -- gazetteer lookups, cached per reader --------------------------------------
    def country(self, text: str) -> str | None:
        key = text.lower()
        if key not in self._country_cache:
            self._country_cache[key] = self.gaz.country(text)
        return self._country_cache[key]

    def org(self, text: str):
        key = text.lower()
        if key not in self._org_cache:
            self._org_cache[key] = self.gaz.org(text)
        return self._org_cache[key]

    # -- titles ------------------------------------------------------------------
    def _is_title_token(self, tok) -> bool:
        low = tok.text.lower()
        if tok.is_space:
            return False
        return (low in TITLE_WORDS or low in MODIFIERS or low in ("'s", "’s", "-", "u.s.", "u.k.", "us", "uk")
                or tok.ent_type_ in ("NORP", "GPE", "ORG") or (tok.text[:1].isupper() and tok.pos_ in ("PROPN", "ADJ")))

    def parse_title(self, tokens) -> TitleClaim | None:
        """Read a run of tokens ('U.S. special envoy', 'the head of Ukraine's NSDC')."""
        toks = [t for t in tokens if not t.is_space]
        while toks and toks[0].text.lower() in ("the", "of", "and", "a", "an", ",", "its", "their", "-", "—", "–"):
            toks = toks[1:]
        while toks and toks[-1].text.lower() in ("the", "of", "and", ",", "'s", "’s"):
            toks = toks[:-1]
        if not toks:
            return None
        jurisdiction, org, used = None, None, set()
        org_is_jurisdiction = False
        # longest n-grams first: "White House", "National Security and Defense Council"
        for size in range(min(7, len(toks)), 0, -1):
            for i in range(len(toks) - size + 1):
                if any(k in used for k in range(i, i + size)):
                    continue
                span = toks[i:i + size]
                if span[0].text.lower() in ("the", "of", "and", "'s", "’s") or span[-1].text.lower() in ("the", "of", "and"):
                    continue
                text = _join(span)
                words = text.lower().split()
                if not words:
                    continue
                if size == 1 and (words[0] in TITLE_WORDS or words[0] in MODIFIERS):
                    continue
                code = self.country(text)
                found_org = self.org(text)
                if code and found_org is not None and found_org.jurisdiction != code:
                    found_org = None  # "Russia's": the country, not a body of it
                if code and jurisdiction is None:
                    jurisdiction = code
                    used.update(range(i, i + size))
                    if found_org is not None and org is None:
                        org, org_is_jurisdiction = found_org, True  # "IMF", "ECB": a body that is its own jurisdiction
                elif found_org is not None and org is None:
                    org = found_org
                    used.update(range(i, i + size))
        rest = [t for k, t in enumerate(toks) if k not in used and t.text not in ("'s", "’s")]
        if any(t.text[:1].isupper() and t.text.lower() in ORG_NOUNS for t in rest):
            return None  # "General Assembly President", "president of the American Academy of ...": an unknown body's
        modifiers = set()
        words = []
        for k, t in enumerate(rest):
            low = t.text.lower().strip("-")
            following = rest[k + 1].text.lower() if k + 1 < len(rest) else ""
            if low in MODIFIERS and MODIFIERS[low] not in ("deputy", "first"):
                modifiers.add(MODIFIERS[low])
            elif (low in _ORDINALS or re.fullmatch(r"\d+(st|nd|rd|th)", low)) and following not in ("deputy", "vice"):
                modifiers.add("historical")
            elif low:
                words.append(low)
        if any(w in ("deputy", "vice", "assistant", "under", "junior", "shadow") for w in words):
            if "vice" in words and "president" in words and len(words) == 2:
                pass  # "Vice President" is an office of its own
            else:
                modifiers.add("deputy")
        title_words = " ".join(words)
        roles: tuple[str, ...] = ()
        if org is not None and org.jurisdiction and jurisdiction is None:
            jurisdiction = org.jurisdiction
        key = role_key(title_words, jurisdiction, unresolved=True) if title_words else None
        if org is not None:
            heads = _GENERIC_HEADS | {"president"}
            if getattr(org, "kind", None) == "central_bank" and org.jurisdiction not in _BOARD_GOVERNORS:
                heads = heads | {"governor"}
            head_only = set(words) - {"of", "the", "for"} <= heads
            if org_is_jurisdiction and not set(words) - {"of", "the", "for"}:
                head_only = False  # "the IMF World Economic Outlook": a name, no title
            if head_only and org.head_roles:
                # "NATO chief", "European Commission President": whoever heads the organisation
                roles = tuple(org.head_roles)
            elif key and org.member_role and key != org.member_role and key in ("spokesperson", "press_secretary"):
                roles = (key, org.member_role)
            elif key:
                roles = (key,)
        elif key:
            roles = (key,)
        if not roles:
            return None
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        return TitleClaim(start, end, toks[0].doc[toks[0].i:toks[-1].i + 1].text, jurisdiction, roles,
                          frozenset(modifiers), getattr(org, "key", None), title_words)

    def _title_before(self, doc, start: int, taken: set[int] = frozenset()) -> TitleClaim | None:
        """The title run ending right before token `start`: 'Russian President [X]'."""
        i = start - 1
        sent_start = self._sent_of[start].start
        # "Russia's foreign minister, Sergei Lavrov": a title, a comma, the name
        comma = i >= sent_start and doc[i].text == ","
        if comma:
            i -= 1
        k = i
        while (k >= sent_start and self._is_title_token(doc[k]) and i - k < 12 and k not in taken
               and doc[k].ent_type_ != "PERSON" and (doc[k].text.lower() != "and" or doc[k].ent_type_ == "ORG")):
            k -= 1
        if k == i:
            return None
        claim = self.parse_title(doc[k + 1:i + 1])
        if claim and comma:
            # "Russia's foreign minister, Sergei Lavrov" names whose minister; in
            # "Motegi as foreign minister, Koizumi as ..." the title belongs to the name before
            if not (claim.jurisdiction or claim.org) or (k >= sent_start and doc[k].text.lower() == "as"):
                return None
        return claim

    def _title_after(self, doc, end: int) -> TitleClaim | None:
        """'X, the head of Ukraine's National Security and Defense Council (NSDC),'"""
        sent_end = self._sent_of[end - 1].end
        if end >= sent_end or doc[end].text != ",":
            return None
        k = end + 1
        while k < sent_end and k - end < 16 and (doc[k].text.lower() not in _STOP_AFTER_APPOSITIVE
                                                 or (doc[k].ent_type_ == "ORG" and doc[k].ent_iob_ == "I")):
            if doc[k].pos_ in ("VERB", "AUX") and doc[k].text.lower() not in ("acting", "elect"):
                return None
            k += 1
        phrase = doc[end + 1:k]
        if not phrase or phrase[0].text.lower() in ("a", "an", "who", "which", "as", "then"):
            return None
        if k < sent_end and doc[k].text.lower() == "and":
            return None  # "X, Y and Z": a list
        if any(t.ent_type_ == "PERSON" for t in phrase) or self._names_someone(phrase):
            return None  # "Scholz, President Frank-Walter Steinmeier, ...": the title is the next name's
        if not any(t.text.lower() in TITLE_WORDS - {"the", "of", "for", "and", "first", "national", "state", "general"} for t in phrase):
            return None
        return self.parse_title(phrase)

    def _names_someone(self, phrase) -> bool:
        """A title in the phrase is followed by a proper name: it introduces that name."""
        last_title = max((k for k, t in enumerate(phrase) if t.text.lower() in _RUN_TITLE_WORDS), default=None)
        if last_title is None:
            return False
        return any(t.pos_ == "PROPN" and t.text[:1].isupper() and not self.country(t.text)
                   and t.ent_type_ not in ("ORG", "GPE", "NORP") for t in phrase[last_title + 1:])

    # -- people ------------------------------------------------------------------
    def read(self, doc) -> list[PersonCluster]:
        # each token's sentence, found once: spaCy's Token.sent walks the sentences every time
        self._sent_of = [sent for sent in doc.sents for _ in range(len(sent))]
        self._text = doc.text  # Doc.text joins every token again at each call
        mentions, rest = [], []
        taken: set[int] = set()
        for i, j in _name_runs(doc):
            # peel the title off the front of the run: "European Commission President Ursula ..."
            last_title = max((k for k in range(i, j) if doc[k].text.lower() in _RUN_TITLE_WORDS), default=None)
            if last_title is not None and last_title + 1 < j:
                i = last_title + 1
            while i < j and (doc[i].text.lower() in MODIFIERS or self.country(doc[i].text)):
                i += 1
            if i >= j or j - i > 5 or doc[j - 1].text.lower() in PLACE_NOUNS:
                continue  # "the Kremlin's Annunciation Cathedral": a place, not a person
            span = doc[i:j]
            is_person = any(t.ent_type_ == "PERSON" for t in span) or (
                i > 0 and doc[i - 1].text.lower() in _PLURAL_TITLES)
            before = self._title_before(doc, i, taken)
            after = self._title_after(doc, j)
            if not (is_person or before or after) or (not is_person and self.org(span.text) is not None):
                rest.append(span)
                continue
            mentions.append(self._mention(span, before, after))
            taken.update(range(i, j))
        # "Furman" alone, which the NER took for an organisation, after "Rustem Furman"
        surnames = {skeleton(norm(m.text).split()[-1]) for m in mentions if len(norm(m.text).split()) > 1}
        for span in rest:
            if len(span) == 1 and skeleton(span.text) in surnames:
                mentions.append(self._mention(span, None, None))
        mentions.sort(key=lambda m: m.start)
        self._list_titles(doc, mentions)
        return cluster(mentions)

    def _list_titles(self, doc, mentions: list[PersonMention]) -> None:
        """Give each name in 'Foreign Ministers A of Britain and B of Germany' its own title."""
        for i, tok in enumerate(doc):
            singular = _PLURAL_TITLES.get(tok.text.lower())
            if singular is None:
                continue
            k = i
            while k > self._sent_of[i].start and doc[k - 1].text.lower() in TITLE_WORDS and not doc[k - 1].is_space:
                k -= 1
            title = " ".join([t.text for t in doc[k:i]] + [singular])
            for m in mentions:
                if m.titles or not tok.idx < m.start < self._sent_of[i].end_char:
                    continue
                named = _OF_COUNTRY.match(self._text, m.end)
                code = self.country(named.group(1)) if named else None
                role = role_key(title, code) if code else None
                if role:
                    m.titles.append(TitleClaim(doc[k].idx, tok.idx + len(tok.text), self._text[doc[k].idx:tok.idx + len(tok.text)],
                                               code, (role,)))

    def _mention(self, span, before, after) -> PersonMention:
        sent = self._sent_of[span.start]
        m = PersonMention(span.start_char, span.end_char, span.text, (sent.start_char, sent.end_char))
        m.titles = [c for c in (before, after) if c]
        m.title_before = before is not None
        m.earlier_time = _in_past_perfect(span)
        m.quoted = _in_quotation(self._text, span.start_char)
        return m


def _in_quotation(text: str, at: int) -> bool:
    """Is offset `at` inside quotation marks opened earlier in its paragraph?"""
    before = text[text.rfind("\n", 0, at) + 1:at]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _in_past_perfect(span) -> bool:
    """The verb the name hangs on is in the past perfect: "Prigozhin had demanded the
    removal of Defence Minister Sergei Shoigu" speaks of a time before the article's."""
    token = span.root
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return any(child.lower_ == "had" and child.dep_ in ("aux", "auxpass") for child in token.children)


def cluster(mentions: list[PersonMention]) -> list[PersonCluster]:
    """Join surname-only mentions to the full name they abbreviate."""
    clusters: list[PersonCluster] = []
    by_surname: dict[str, PersonCluster] = {}
    for m in mentions:
        words = norm(m.text).split()
        if not words:
            continue
        last = skeleton(words[-1])
        target = by_surname.get(last)
        if target is not None and len(words) > 1:
            # a second full name with the same surname is someone else unless it matches
            full = [x for x in target.mentions if len(norm(x.text).split()) > 1]
            if full and skeleton(full[0].text) != skeleton(m.text):
                target = None
        if target is None and len(words) == 1:
            # "Zelenskiy" after "Vladimir Zelenskiy"; "Wang" after "Wang Yi" (family name first)
            target = next((c for c in reversed(clusters)
                           if last in {skeleton(w) for w in norm(c.name).split()}), None)
        if target is None:
            target = PersonCluster([m])
            clusters.append(target)
        else:
            target.mentions.append(m)
        by_surname[last] = target
    return clusters


def _join(tokens) -> str:
    out = ""
    for t in tokens:
        out += t.text + t.whitespace_
    return out.strip()


_MONTHS = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_TIME_FRAME = re.compile(
    rf"\b(?:(?:in|during|until|till|from|by|since|before|after|early|late|mid|between|of|at the end of|"
    rf"at the start of)\s+(?:{_MONTHS}\s+)?|{_MONTHS}\s+(?:\d{{1,2}},?\s+)?|\d{{1,2}}\s+{_MONTHS}\s+)"
    rf"(19[5-9]\d|20\d\d)\b", re.I)


def mentioned_years(sentence: str) -> list[int]:
    """Years a sentence sets its events in ("In 2019, ...", "in March 2022"): a title
    there may be about that time. A year used as a label ("the 2026 budget", "the Jan. 6,
    2021, attack") is not one."""
    return [int(m.group(1)) for m in _TIME_FRAME.finditer(sentence)
            if not re.search(r"\bthe\s+$", sentence[:m.start()])]  # "the Jan. 6, 2021, attack" names an event
