"""Person aliases generated at build time from native-script names.

Ukrainian names go through several `translitua` schemes and Russian ones through several
`iuliia` schemas, so that Zelenskyi, Zelenskyy, Zelensky and Zelenskiy all name one person.
Matching keys (norm, skeleton) come from `newscheck.names`; storing them is the builder's job.
"""
from __future__ import annotations

import re

import iuliia
import translitua

from ..names import norm, skeleton

# Schemes whose output English-language news actually prints (plain Latin letters).
UKRAINIAN_SCHEMES = [
    translitua.UkrainianKMU,  # official since 2010: Zelenskyi
    translitua.UkrainianBGN,  # Zelens'kyy
    translitua.UkrainianFrench,  # Zelenskyy
    translitua.UkrainianGerman,  # Selenskyj
    translitua.UkrainianSimple,
    translitua.UkrainianNational1996,
]
RUSSIAN_SCHEMAS = [
    iuliia.WIKIPEDIA,  # Zelensky
    iuliia.BGN_PCGN,  # Zelenskiy (Reuters)
    iuliia.MOSMETRO,
    iuliia.ICAO_DOC_9303,  # Shoigu
    iuliia.MVD_782,
    iuliia.YANDEX_MAPS,
    iuliia.SCIENTIFIC,  # Zelenskij
]

_PATRONYMIC = re.compile(r"(ович|евич|ьович|йович|івна|ївна|овна|евна|ична|ич)$", re.I)


def _without_patronymic(native: str) -> str | None:
    """'Володимир Олександрович Зеленський' -> 'Володимир Зеленський' (news drops it)."""
    words = native.split()
    if len(words) == 3 and _PATRONYMIC.search(words[1]):
        return f"{words[0]} {words[2]}"
    return None


def transliterations(native: dict[str, str]) -> list[str]:
    """Latin spellings of a person's native-script names (uk, ru); others are left alone."""
    out: list[str] = []
    for lang, text in native.items():
        if not text:
            continue
        forms = [text] + [f for f in [_without_patronymic(text)] if f]
        for form in forms:
            if lang == "uk":
                spellings = [translitua.translit(form, s) for s in UKRAINIAN_SCHEMES]
            elif lang in ("ru", "be"):
                spellings = [schema.translate(form) for schema in RUSSIAN_SCHEMAS]
            else:
                continue
            for s in spellings:
                out.append(s)
                if "'" in s or "’" in s:
                    out.append(s.replace("'", "").replace("’", ""))  # Zelens'kyy -> Zelenskyy
    return out


def person_aliases(name: str, aliases: list[str] = (), native: dict[str, str] | None = None,
                   alias_kind: str = "source") -> list[tuple[str, str]]:
    """Every full-name alias of a person as (alias, kind), one per distinct norm.

    Kinds: canonical (the name), `alias_kind` (the source's own aliases), native (the
    name in its script), translit (generated). Surname-only forms are not produced here.
    """
    native = native or {}
    candidates = [(name, "canonical")] + [(a, alias_kind) for a in aliases]
    candidates += [(n, "native") for n in native.values() if n]
    candidates += [(t, "translit") for t in transliterations(native)]
    surnames = {skeleton(n).split()[-1] for n in [name] + list(native.values()) if len(norm(n).split()) > 1}
    seen: set[str] = set()
    out = []
    for alias, kind in candidates:
        alias = re.sub(r"\s+", " ", alias or "").strip()
        key = norm(alias)
        if not key or key in seen:
            continue
        if kind != "canonical" and " " not in key and skeleton(alias) in surnames:
            continue  # "Zelensky" alone is a surname, matched by find_by_surname, not a full name
        seen.add(key)
        out.append((alias, kind))
    return out
