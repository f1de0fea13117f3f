"""Importers for the public data sets in kb-sources/: one module per source folder.

Each module in IMPORTERS has `FOLDER` (its folder name under kb-sources), `source(folder)` ->
SourceRec and `read(folder)` -> records from `kb.records`; a module with `NONCOMMERCIAL = True`
(and its `LICENCE`) is read only when the build allows non-commercial data. `kb/build.py` runs
them and merges the results; the Wikidata readers (`wikidata.read_dump`, `wikidata.read_sparql`)
are called separately on a dump file or a saved `kb update` answer.
"""
from __future__ import annotations

from . import cia, congress, everypolitician, factbook, geonames, ifg, peppercat, supraverden, world_leaders

# peppercat is CC BY-NC (NONCOMMERCIAL): the build reads it only with allow_noncommercial.
IMPORTERS = [cia, factbook, world_leaders, ifg, congress, everypolitician, supraverden, geonames, peppercat]
