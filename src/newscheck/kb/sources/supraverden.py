"""SupraVerden (2026-06-24): intergovernmental organisations with their names in many languages,
abbreviations and Wikidata QIDs. One OrgRec each; no office-holders (the source has none).

An organisation's jurisdiction is its own code (NATO, UN, OSCE), EU for EU bodies.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import yaml

from newscheck.kb.records import OrgRec, SourceRec

FOLDER = "supraverden-intl-orgs"
SOURCE_ID = "supraverden"
AS_OF = "2026-06-24"


def source(folder: Path) -> SourceRec:
    return SourceRec(
        id=SOURCE_ID,
        name="SupraVerden list of intergovernmental organisations",
        licence="CC BY-SA 4.0",
        url="https://github.com/confirmordeny/supraverden",
        as_of=AS_OF,
        priority=1,
        attribution="Organisation names, abbreviations and QIDs from SupraVerden by confirmordeny, "
                    "CC BY-SA 4.0.",
    )


def read(folder: Path) -> Iterator[OrgRec]:
    with open(Path(folder) / "data" / "general_list.yaml", encoding="utf-8") as f:
        orgs = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    for title, org in orgs.items():
        if not isinstance(org, dict):
            continue
        name = org.get("Name_en") or title
        abbreviation = org.get("Abbreviation_en")
        # English names and abbreviations first: the forms an English text uses
        names = [title, abbreviation] + [v for k, v in org.items() if k.startswith(("Abbreviation_", "Name_"))]
        aliases = list(dict.fromkeys(str(n).strip() for n in names if n and isinstance(n, str)))
        aliases = [a for a in aliases if a != name]
        if org.get("Country") == "EU":
            jurisdiction = "EU"
        else:
            jurisdiction = abbreviation or None
        yield OrgRec(key=f"{SOURCE_ID}:{org.get('SPRVD_id') or title}", name=name, source=SOURCE_ID,
                     jurisdiction=jurisdiction, kind="igo", aliases=aliases,
                     qid=org.get("Wikidata_code"))
