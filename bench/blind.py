"""Recall and false alarms on blind articles: seed-style articles written by people who never
saw newscheck, many of them undated or with a yearless dateline, each with its planted errors.

Usage: python bench/blind.py [SET_DIR ...] [--kb PATH] [--today YYYY-MM-DD] [-v]
Each SET_DIR (default: every folder under bench/blind/) holds one YAML file per article:
`text`, `true_date`, `date_given` (none | yearless-dateline | full-dateline | metadata: only
then is the date given to the checker), `expect` (code, kind, severity, span, suggestion).
A planted error is caught when a finding (error or warning, of any code) covers its span; an
error finding that matches nothing planted is a false alarm. The date the checker settles on
is compared with `true_date`.
"""
from __future__ import annotations

import argparse
import sys
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
SETS = REPO / "bench" / "blind"


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def overlaps(expected: str, found: str) -> bool:
    e, f = fold(expected), fold(found)
    return bool(e) and bool(f) and (e in f or f in e)


def load(folder: Path) -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.yaml"))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path)
    parser.add_argument("--kb", default=None)
    parser.add_argument("--today", type=date.fromisoformat, default=None)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args()
    folders = args.sets or sorted(p for p in SETS.iterdir() if p.is_dir())

    from newscheck.kb import open_or_build
    from newscheck.model import Article
    from newscheck.pipeline import Checker, Options

    kb = open_or_build(args.kb, log=lambda *a: None)
    checker = Checker(kb, Options(today=args.today))
    print(f"KB as of {kb.as_of}; sources: {', '.join(s['id'] for s in kb.sources)}")
    for folder in folders:
        docs = load(folder)
        articles = []
        for d in docs:
            given = d["date_given"] == "metadata"
            truth = d["true_date"] if isinstance(d["true_date"], date) else date.fromisoformat(str(d["true_date"]))
            d["_truth"] = truth
            articles.append(Article(id=d["id"], text=d["text"], published=truth if given else None,
                                    published_from="metadata" if given else None))
        by_kind, by_mode, alarms, clean_alarms, dating = Counter(), Counter(), [], 0, Counter()
        caught_kind, caught_mode, misses = Counter(), Counter(), []
        for d, report in zip(docs, checker.check_many(articles)):
            a = report.article
            if getattr(a, "published_window", None):
                dating["window holds the date" if a.published_window[0] <= d["_truth"] <= a.published_window[1]
                       else "window misses the date"] += 1
            elif d["date_given"] != "metadata":
                dating["right date" if a.published == d["_truth"] else
                       "right year" if a.published and a.published.year == d["_truth"].year else "wrong date"] += 1
            used = set()
            for e in d.get("expect") or []:
                by_kind[e["kind"]] += 1
                by_mode[d["date_given"]] += 1
                # any code counts: "Defence Minister X" for the foreign minister is as much an
                # office_holder error as an internal_inconsistency (verbose mode shows which)
                hit = next((i for i, f in enumerate(report.findings)
                            if f.severity in ("error", "warning") and overlaps(e["span"], f.span)), None)
                if hit is None:
                    misses.append((d["id"], e, a))
                    continue
                used.add(hit)
                if args.verbose and report.findings[hit].code != e["code"]:
                    print(f"  caught as {report.findings[hit].code}, planted as {e['code']}: {d['id']} {e['span']!r}")
                caught_kind[e["kind"]] += 1
                caught_mode[d["date_given"]] += 1
            for i, f in enumerate(report.findings):
                if i not in used and f.severity == "error":
                    alarms.append((d["id"], f, a))
                    clean_alarms += not d.get("expect")
        planted, caught = sum(by_kind.values()), sum(caught_kind.values())
        clean = sum(1 for d in docs if not d.get("expect"))
        print(f"\n{folder.name}: {len(docs)} articles ({clean} clean), {planted} planted findings")
        print(f"  recall {caught}/{planted} = {caught / max(planted, 1):.2f}; false alarms {len(alarms)} "
              f"({clean_alarms} on clean articles)")
        print("  by kind: " + ", ".join(f"{k} {caught_kind[k]}/{n}" for k, n in sorted(by_kind.items())))
        print("  by date mode: " + ", ".join(f"{k} {caught_mode[k]}/{n}" for k, n in sorted(by_mode.items())))
        print("  dating of articles without a full date: " + ", ".join(f"{k} {n}" for k, n in sorted(dating.items())))
        if args.verbose:
            for id_, e, a in misses:
                print(f"  MISS {id_} [{a.published or getattr(a, 'published_window', None)} {a.published_from}] {e['kind']}: "
                      f"{e['span']!r} -> {e.get('suggestion')!r}")
            for id_, f, a in alarms:
                print(f"  FALSE ALARM {id_} [{a.published or getattr(a, 'published_window', None)} {a.published_from}] {f.code}: "
                      f"{f.span!r}: {f.message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
