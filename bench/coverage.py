"""How much of 2022-01-01 .. the KB's as-of the KB can date, for every cabinet post of the G20,
the EU, Ukraine and Russia: built side by side without and with the peppercat source (CC BY-NC).

    .venv/bin/python bench/coverage.py [--sources DIR]

A cabinet post is an office of kind head of state, head of government, deputy, or minister (every
portfolio the KB has for the country; for the EU, the heads of its institutions) that some source
places after 2022-01-01. Its share is the days a dated tenure certainly names its holder over the
days from 2022-01-01 to the newest date a dated tenure is vouched for. The issue's target: every post
at >= 95%. The window up to 2025-01-31 (peppercat's last snapshot) is printed beside it.

Measured 2026-12-07 (2 cores, ../shared/kb-sources, no saved updates), window 2022-01-01 .. 2026-08-22:
  without peppercat: 560 posts, mean 17.7%, 46 (8.2%) at >= 95%; to 2025-01-31: mean 19.8%, 88 (15.7%)
  with peppercat:    885 posts, mean 43.8%, 47 (5.3%) at >= 95%; to 2025-01-31: mean 61.5%, 422 (47.7%)
  heads, deputies and named portfolios only (234 posts with peppercat): mean 70.7%, 40 (17.1%);
  to 2025-01-31: mean 92.3%, 200 (85.5%)
Peppercat ends on 2025-01-31, so no post it alone dates passes 67% of the window: the rest needs
dated sources after 2025-01 (`newscheck kb update` from Wikidata). Within its window the misses
are mostly `minister:<portfolio>` offices split by renamed ministries and spellings (labour/labor)
and the CIA's undated posts, which count as 0%.
"""
from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from newscheck.kb import KnowledgeBase, build_kb, default_sources_dir

JURISDICTIONS = ["AR", "AU", "BR", "CA", "CN", "FR", "DE", "IN", "ID", "IT", "JP", "MX", "RU", "SA", "ZA", "KR",
                 "TR", "GB", "US", "EU", "UA"]
CABINET = {"head_of_state", "head_of_government", "deputy_head_of_state", "deputy_head_of_government", "minister"}
SINCE = date(2022, 1, 1)
PEPPERCAT_END = date(2025, 1, 31)
TARGET = 0.95


def cabinet_posts(kb: KnowledgeBase, code: str, until: date) -> list:
    kinds = {"head_of_international_organisation"} if code == "EU" else CABINET
    return [o for o in kb.offices_of(code) if o.kind in kinds and kb.in_use(o, SINCE, until)]


def measure(kb: KnowledgeBase) -> dict:
    until = date.fromisoformat(kb.db.execute("SELECT max(as_of) FROM tenure WHERE cover_from IS NOT NULL").fetchone()[0])
    rows = []
    for code in JURISDICTIONS:
        for office in cabinet_posts(kb, code, until):
            share = kb.known_days(office, SINCE, until) / ((until - SINCE).days + 1)
            early = kb.known_days(office, SINCE, PEPPERCAT_END) / ((PEPPERCAT_END - SINCE).days + 1)
            rows.append((code, office.key, share, early))
    return {"until": until, "rows": rows}


def summary(rows: list, column: int) -> str:
    shares = [r[column] for r in rows]
    passed = sum(s >= TARGET for s in shares)
    return (f"{len(shares)} posts, mean {sum(shares) / len(shares):.1%}, {passed} posts "
            f"({passed / len(shares):.1%}) at >= {TARGET:.0%}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", type=Path, default=default_sources_dir())
    args = parser.parse_args()
    if not args.sources or not args.sources.is_dir():
        sys.exit("bench/coverage.py: no kb-sources folder (use --sources DIR)")
    tmp = Path(tempfile.mkdtemp())
    print(f"newscheck coverage bench, {date.today()}, Python {platform.python_version()}, {platform.machine()},"
          f" sources {args.sources}")
    results = {}
    for label, allow in (("without peppercat", False), ("with peppercat", True)):
        began = time.monotonic()
        build_kb(tmp / f"{label}.sqlite", args.sources, user_dir=tmp / "facts", updates_dir=tmp / "updates",
                 allow_noncommercial=allow, log=lambda *a: None)
        seconds = time.monotonic() - began
        kb = KnowledgeBase.open(tmp / f"{label}.sqlite")
        results[label] = measure(kb)
        kb.close()
        print(f"{label}: built in {seconds:.1f}s; window {SINCE} .. {results[label]['until']}")
    print(f"\n{'':5}" + "".join(f"{label:>36}" for label in results))
    for code in JURISDICTIONS:
        cells = []
        for res in results.values():
            rows = [r for r in res["rows"] if r[0] == code]
            passed = sum(r[2] >= TARGET for r in rows)
            mean = sum(r[2] for r in rows) / len(rows) if rows else 0
            cells.append(f"{len(rows):3} posts, mean {mean:4.0%}, {passed:3} >= 95%")
        print(f"  {code:3}" + "".join(f"{c:>36}" for c in cells))
    for label, res in results.items():
        named = [r for r in res["rows"] if ":minister:" not in r[1]]
        print(f"\n{label}, to {res['until']}: {summary(res['rows'], 2)}")
        print(f"{label}, to {PEPPERCAT_END}: {summary(res['rows'], 3)}")
        print(f"  of which heads, deputies and named portfolios (not minister:<portfolio>), to {res['until']}:"
              f" {summary(named, 2)}; to {PEPPERCAT_END}: {summary(named, 3)}")


if __name__ == "__main__":
    main()
