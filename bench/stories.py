"""Story grouping scored on gold story labels: B-cubed P/R/F1 and pairwise F1 on allsides-stories and
basil-stories (../shared/eval-data), next to the reference figures their SOURCE.md computed.

    python bench/stories.py            # the shipped threshold on both sets
    python bench/stories.py --tune     # B3 F1 over thresholds and name weights (tuned on allsides)

Grouping reads only title, text and day, in day order (ties by article id), as SOURCE.md asks.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

from newscheck.corpus.stories import DECAY_PER_DAY, NAME_WEIGHT, THRESHOLD, WINDOW_DAYS, Member, StoryGrouper, features

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval-data"
# SOURCE.md's reference points (online TF-IDF, 7-day window, idf from the whole set, best threshold)
REFERENCE = {"allsides-stories": ("online TF-IDF t=0.2", 80.0, 81.2, 80.6, 51.8),
             "basil-stories": ("online TF-IDF t=0.1", 91.0, 100.0, 95.3, 88.1)}
SINGLETONS = {"allsides-stories": (100.0, 34.1, 50.9, 0.0), "basil-stories": (100.0, 33.3, 50.0, 0.0)}


def load(name: str) -> list[dict]:
    """The set's articles as {id, gold, title, text, day, source, url}, in day order (ties by id)."""
    rows = []
    with open(EVAL / name / "articles.jsonl", encoding="utf-8") as file:
        for line in file:
            r = json.loads(line)
            if name == "allsides-stories":
                rows.append({"id": r["article_id"], "gold": r["story_id"], "title": r["title"], "text": r["lead"],
                             "day": r["day"], "source": r["source"], "url": r["url"]})
            else:
                rows.append({"id": r["article_id"], "gold": r["triplet_id"], "title": r["title"], "text": r["text"],
                             "day": r["date"], "source": r["source"], "url": r["url"]})
    rows.sort(key=lambda r: (r["day"], r["id"]))
    return rows


def group(rows: list[dict], threshold: float, name_weight: float, decay: float = DECAY_PER_DAY) -> dict[str, int]:
    grouper = StoryGrouper(threshold=threshold, name_weight=name_weight, decay=decay)
    members: list[Member] = []
    out = {}
    for r in rows:
        terms, names = features(r["title"], r["text"])
        day = date.fromisoformat(r["day"])
        grouper.count(terms)
        story, _ = grouper.best(terms, names, day, [m for m in members if abs((m.day - day).days) <= WINDOW_DAYS])
        if story is None:
            story = len(members) + 1
        members.append(Member(r["id"], story, day, terms, frozenset(names)))
        out[r["id"]] = story
    return out


def score(pred: dict[str, int], gold: dict[str, object]) -> dict[str, float]:
    """B-cubed precision, recall, F1 and pairwise F1, in percent."""
    clusters: dict[int, set] = {}
    golds: dict[object, set] = {}
    for item, c in pred.items():
        clusters.setdefault(c, set()).add(item)
        golds.setdefault(gold[item], set()).add(item)
    p = r = 0.0
    for item in pred:
        mine, truth = clusters[pred[item]], golds[gold[item]]
        both = len(mine & truth)
        p += both / len(mine)
        r += both / len(truth)
    p, r = p / len(pred), r / len(pred)
    pairs_pred = sum(len(c) * (len(c) - 1) // 2 for c in clusters.values())
    pairs_gold = sum(len(g) * (len(g) - 1) // 2 for g in golds.values())
    pairs_both = sum(len(c & g) * (len(c & g) - 1) // 2 for c in clusters.values() for g in golds.values()
                     if c & g)
    pp = pairs_both / pairs_pred if pairs_pred else 0.0
    pr = pairs_both / pairs_gold if pairs_gold else 0.0
    return {"P": 100 * p, "R": 100 * r, "F1": 100 * 2 * p * r / (p + r), "pairF1": 100 * (2 * pp * pr / (pp + pr) if pp + pr else 0.0),
            "clusters": len(clusters)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true")
    args = parser.parse_args()
    if not EVAL.is_dir():
        print(f"no eval data at {EVAL}: nothing to measure", file=sys.stderr)
        return 2
    sets = {name: load(name) for name in ("allsides-stories", "basil-stories")}
    if args.tune:
        print("B3 F1 by decay per day, name weight and threshold (tuned on allsides-stories; basil-stories"
              " for reference)")
        for decay in (0.0, 0.03, 0.06):
            for weight in (0.0, 0.3):
                for t in (0.1, 0.15, 0.2, 0.25, 0.3):
                    line = []
                    for name, rows in sets.items():
                        s = score(group(rows, t, weight, decay), {r["id"]: r["gold"] for r in rows})
                        line.append(f"{name} {s['F1']:.1f}")
                    print(f"  decay {decay:.2f}  name weight {weight:.1f}  threshold {t:.2f}: " + "  ".join(line))
        return 0
    print(f"story grouping: online TF-IDF cosine less {DECAY_PER_DAY} per day apart, threshold {THRESHOLD},"
          f" name weight {NAME_WEIGHT}, {WINDOW_DAYS}-day window, IDF from the articles seen so far")
    print(f"{'set':18} {'method':28} {'clusters':>8} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'pair F1':>7}")
    for name, rows in sets.items():
        started = time.perf_counter()
        s = score(group(rows, THRESHOLD, NAME_WEIGHT), {r["id"]: r["gold"] for r in rows})
        elapsed = time.perf_counter() - started
        label, rp, rr, rf, rpair = REFERENCE[name]
        sp, sr, sf, spair = SINGLETONS[name]
        print(f"{name:18} {'newscheck (this run)':28} {s['clusters']:8d} {s['P']:6.1f} {s['R']:6.1f} {s['F1']:6.1f}"
              f" {s['pairF1']:7.1f}   ({len(rows)} articles, {elapsed:.1f} s)")
        print(f"{'':18} {'SOURCE.md ' + label:28} {'':8} {rp:6.1f} {rr:6.1f} {rf:6.1f} {rpair:7.1f}")
        print(f"{'':18} {'SOURCE.md all singletons':28} {'':8} {sp:6.1f} {sr:6.1f} {sf:6.1f} {spair:7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
