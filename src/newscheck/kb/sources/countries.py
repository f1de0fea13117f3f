"""Country names and codes shared by the importers: CIA/Factbook GEC codes and names -> ISO alpha-2.

The mapping is built from GeoNames' country names (read from the geonames-subset folder next to
the caller's folder) plus a small table of the names the CIA writes differently.
"""
from __future__ import annotations

import csv
import html
from functools import lru_cache
from pathlib import Path

from newscheck.names import norm

GEONAMES_FOLDER = "geonames-subset"

# CIA / Factbook spellings that GeoNames writes otherwise (keys are `norm` forms).
NAME_OVERRIDES = {
    "bahamas the": "BS", "the bahamas": "BS", "gambia the": "GM", "the gambia": "GM",
    "burma": "MM", "congo republic of the": "CG", "congo brazzaville": "CG",
    "congo democratic republic of the": "CD", "drc": "CD", "cote d'ivoire": "CI", "cote divoire": "CI",
    "korea north": "KP", "korea south": "KR", "micronesia federated states of": "FM",
    "timor-leste": "TL", "timor leste": "TL", "holy see vatican city": "VA", "holy see": "VA", "czech republic": "CZ",
    "macedonia": "MK", "swaziland": "SZ", "netherlands": "NL", "the dominican": "DO",
    "cocos keeling islands": "CC", "falkland islands islas malvinas": "FK", "pitcairn islands": "PN",
    "virgin islands": "VI", "macau": "MO", "saint martin": "MF", "curacao": "CW",
    "palestinian territories": "PS", "west bank": "PS", "gaza strip": "PS",
    "turkey turkiye": "TR", "turkiye": "TR", "united states": "US", "united kingdom": "GB",
}

# Factbook GEC codes whose profile carries no usable short name (or is not a country).
GEC_OVERRIDES = {
    "ae": "AE", "ct": "CF", "fm": "FM", "io": "IO", "sh": "SH", "sk": None, "cc": "CW",
    "ee": None, "xx": None, "ax": None, "dx": None, "sv": "SJ", "jn": "SJ", "uk": "GB", "us": "US",
    "up": "UA", "rs": "RU", "gz": "PS", "we": "PS", "wi": "EH", "ip": None, "bq": None,
    "wq": None, "um": "UM", "at": None, "cr": None, "ay": "AQ", "bv": "BV", "hm": "HM",
    "fs": "TF", "oo": None, "xo": None, "xq": None, "zh": None, "zn": None, "kt": "CX",
    "nn": "SX", "sx": "GS", "tb": "BL", "rn": "MF", "uc": "CW", "mc": "MO", "vq": "VI", "vi": "VG",
}


@lru_cache(maxsize=4)
def _index(geonames_folder: Path) -> dict[str, str]:
    index = {}
    with open(geonames_folder / "geonames_countries.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            index[norm(row["name"])] = row["iso"]
    index.update(NAME_OVERRIDES)
    return index


def geonames_folder(sibling: Path) -> Path:
    """The geonames-subset folder that sits next to another source's folder."""
    return Path(sibling).parent / GEONAMES_FOLDER


def iso_for_name(name: str, sibling: Path) -> str | None:
    """ISO alpha-2 for a country name as the CIA or Factbook writes it ('Korea, South' -> 'KR')."""
    index = _index(geonames_folder(sibling))
    name = html.unescape(name)
    key = norm(name)
    if key in index:
        return index[key]
    # "Congo, Republic of the" -> "republic of the congo"
    if "," in name:
        head, tail = name.split(",", 1)
        flipped = norm(f"{tail} {head}")
        return index.get(flipped) or index.get(norm(f"{tail} {head}".replace("the ", "", 1)))
    return None


def iso_for_gec(gec: str, name: str | None, sibling: Path) -> str | None:
    """ISO alpha-2 for a CIA GEC code, using the name that comes with it."""
    gec = gec.lower()
    if gec in GEC_OVERRIDES:
        return GEC_OVERRIDES[gec]
    return iso_for_name(name, sibling) if name else None
