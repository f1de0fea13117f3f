"""Name keys: how two spellings of a name are compared.

`norm` folds case, accents and punctuation; `skeleton` also folds the spelling
differences that transliteration produces (Zelenskiy/Zelenskyy/Zelensky, Sergei/Sergey),
so that a legitimate variant and a misspelling (Wittkowff) can be told apart.
Nothing here knows about the knowledge base.
"""
from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "ʹ": "'"})

# Honorifics and particles that are not part of a name's identity.
HONORIFICS = {
    "mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "prof", "sheikh", "gen",
    "general", "adm", "admiral", "col", "colonel", "lt", "sen", "rep", "gov", "hon",
    "ayatollah", "prince", "princess", "crown", "rev", "mrs", "madam",
}

# Ordered rewrite rules turning a folded Latin name into its transliteration skeleton.
_SKELETON_RULES = [
    (r"'", ""),
    (r"-", " "),
    (r"ij|yj|iy|yy|yi|ii|y|j", "i"),
    (r"kh|ch(?=[^aeiou]|$)", "h"),
    (r"ck|q|c(?![eiy])|gh(?=[aeiouc])", "k"),  # Araghchi/Araqchi: one Persian letter
    (r"ks|x", "ks"),
    (r"w", "v"),
    (r"ph", "f"),
    (r"tz|ts", "c"),
    (r"sz|sch|sh", "s"),
    (r"zh", "z"),
    (r"ie|ye|e", "e"),
    (r"ou", "u"),
    (r"(.)\1+", r"\1"),  # doubled letters
    (r"(?<=[a-z])(ff|v|f)\b", "v"),  # -off/-ov/-of endings (Witkoff is not folded to -ow)
    (r"h\b", ""),
]


def fold(text: str) -> str:
    """ASCII, lower case, apostrophes unified; keeps letters, digits, spaces, ' and -."""
    text = anyascii(text.translate(_APOSTROPHES)).lower()
    text = re.sub(r"[^a-z0-9' \-]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}

# Countries whose people's names reach English news through transliteration (a non-Latin
# script, or a Cyrillic past): there a spelling that differs only in its skeleton
# (Mohammed/Mohamed, Aliyev/Aliev) is a variant. Elsewhere it is a misspelling (Millei).
TRANSLITERATED = frozenset(
    "RU UA BY BG RS ME BA MK KZ KG TJ TM UZ AZ MN GR CY IL GE AM "
    "SA AE QA KW BH OM YE IQ SY JO LB EG LY SD SS DZ MA TN MR PS SO DJ KM "
    "IR AF PK IN BD NP BT LK MV MM TH LA KH CN TW HK MO JP KR KP ET ER".split())

# ... and of those, the ones whose scripts leave vowels to the romaniser (Arabic, Persian,
# Urdu, Hebrew, the Indic scripts): Paudel/Poudel, Mohammed/Muhammad. Not pinyin or Hepburn.
VOWELS_VARY = frozenset(
    "SA AE QA KW BH OM YE IQ SY JO LB EG LY SD SS DZ MA TN MR PS SO DJ KM "
    "IR AF PK IL IN BD NP BT LK MV".split())


@lru_cache(maxsize=65536)  # pure, and asked of the same names over and over in a batch
def norm(name: str) -> str:
    """The exact-match key of a name: folded, honorifics, suffixes (Jr.) and dots dropped."""
    words = [w.strip("'-") for w in fold(name.replace(".", " ").replace(",", " ")).split()]
    words = [w for w in words if w and w not in HONORIFICS]
    while len(words) > 1 and words[-1] in SUFFIXES:
        words.pop()
    return " ".join(words)


def names_compatible(written: str, known: str) -> bool:
    """A shorter form of the same name: every word written is in the known name, in the
    same order ("Nana Akufo-Addo" of "Nana Addo Dankwa Akufo-Addo", "Miguel Diaz-Canel" of
    "Miguel Diaz-Canel Bermudez"). At least a given name and a surname."""
    w, k = skeleton(written).split(), skeleton(known).split()
    if len(w) < 2:
        return False
    it = iter(k)
    return all(word in it for word in w)


@lru_cache(maxsize=65536)
def skeleton(name: str) -> str:
    """A key under which transliteration variants of one name coincide."""
    out = []
    for word in norm(name).split():
        for pattern, repl in _SKELETON_RULES:
            word = re.sub(pattern, repl, word)
        if word:
            out.append(word)
    return " ".join(out)


def surname(name: str) -> str:
    """The last word of a normalised name (family name for the names news uses)."""
    words = norm(name).split()
    return words[-1] if words else ""


def cia_name(raw: str) -> tuple[str, bool]:
    """'Volodymyr ZELENSKYY (Acting)' -> ('Volodymyr Zelenskyy', True).

    The CIA writes surnames in capitals; news writes them in title case.
    """
    acting = "(acting)" in raw.lower()
    raw = re.sub(r"\(.*?\)", "", raw).strip()
    words = []
    for w in raw.split():
        parts = [p.capitalize() if p.isupper() and len(p) > 1 else p for p in w.split("-")]
        words.append("-".join(parts))
    return " ".join(words), acting


def surname_similarity(a: str, b: str) -> float:
    """0-100: how alike two names' surnames are once transliteration is folded away.

    Optimal string alignment counts a swap of two letters (Macorn/Macron) as one edit.
    Hispanic double surnames (Sheinbaum Pardo) are compared word by word: the written
    surname against each word of the other name but its first."""
    from rapidfuzz.distance import OSA

    written = skeleton(surname(a))
    words = skeleton(b).split()
    candidates = words[1:] or words
    return max((100 * OSA.normalized_similarity(written, w) for w in candidates), default=0.0)


def consonants(name: str) -> str:
    """The skeleton without inner vowels: one key for Binyamin and Benyamin, Paudel and Poudel."""
    return " ".join(w[:1] + re.sub(r"[aeiou]", "", w[1:]) for w in skeleton(name).split())


def given_names_compatible(a: str, b: str) -> bool:
    """Same given name (or initial) when both names have one."""
    wa, wb = norm(a).split(), norm(b).split()
    if len(wa) < 2 or len(wb) < 2:
        return True
    ga, gb = skeleton(wa[0]), skeleton(wb[0])
    return ga == gb or ga[:1] == gb[:1]
