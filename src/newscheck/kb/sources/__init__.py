"""Importers for the public data sets in kb-sources/: one module per source folder.

Each module in IMPORTERS has `FOLDER` (its folder name under kb-sources), `source(folder)` ->
SourceRec and `read(folder)` -> records from `kb.records`. `kb/build.py` runs them and merges
the results; the Wikidata dump reader (`wikidata.read_dump`) is called separately on a dump file.
"""
from __future__ import annotations

from . import cia, congress, everypolitician, factbook, geonames, ifg, supraverden, world_leaders

IMPORTERS = [cia, factbook, world_leaders, ifg, congress, everypolitician, supraverden, geonames]
