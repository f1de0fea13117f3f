"""story_conflict on real article groups: the findings over the gold story groups of allsides-stories and
basil-stories, and over FNC-1's bodies grouped by the claim they discuss (listed for a person to judge;
bench/conflicts-judged.md holds the verdicts); and FNC-1 headline/body pairs as a proxy: how often it
fires on "disagree" pairs against "agree" pairs.

    python bench/conflicts.py [--list FILE]     # FILE: every finding, then every pair it let pass, to judge
    python bench/conflicts.py --groups rewrites [--list FILE]

`--groups rewrites` is a separate measure, not news against news: each group is one real news article
(CNN/DM, BBC) and the summaries several systems wrote of it (XSumFaith, CLIFF, SummaC's CNN/DM val rows
from SummaCoz, the CoGenSumm test cut, FaithBench's LLM summaries), all dated one day; FILE then lists
a fixed-seed sample of findings when there are more than 60.

Also ClaimDiff's test_full pairs (two outlets' claims on one story, factually consistent by design) as a
control: the share of pairs flagged should be near 0. "Let pass": two articles of a group giving one
subject different figures or dates that the rules do not report (rounding, an update, two causes...),
each with the rule that spared it, so the abstentions can be judged too.

Each article is checked by the corpus' checker (the pipeline plus claims from the same parse) and
compared with the others of its gold group, dated by the set's day, as `newscheck corpus add` would.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

from newscheck.corpus.claims import compatible_numbers
from newscheck.corpus.conflicts import find_conflicts, findings_for
from newscheck.corpus.reading import CorpusChecker
from newscheck.kb import open_or_build
from newscheck.model import Article

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stories import EVAL, load  # noqa: E402


def claims_of(rows: list[dict], checker) -> tuple[dict[str, list], float]:
    """Each row's claims, by id, and the seconds the check took."""
    articles = [Article(id=r["id"], text=r["text"], title=r["title"], source=r["source"],
                        published=date.fromisoformat(r["day"]), published_from="metadata") for r in rows]
    started = time.perf_counter()
    out = {report.article.id: report.corpus_claims["claims"] for report in checker.check_many(articles)}
    return out, time.perf_counter() - started


def group_conflicts(rows: list[dict], claims: dict[str, list]) -> list:
    groups: dict[object, list] = {}
    for r in rows:
        groups.setdefault(r["gold"], []).append({"id": r["id"], "title": r["title"], "source": r["source"],
                                                 "published": r["day"], "text": r["text"], "claims": claims[r["id"]]})
    return [(gold, c) for gold, articles in groups.items() for c in find_conflicts(articles)]


def let_pass(rows: list[dict], claims: dict[str, list]) -> list[tuple[str, dict, dict, dict, dict]]:
    """Pairs of articles in one group whose numbers or event dates for one subject differ as written but
    that no conflict reports, each with the reason: (reason, row a, claim a, row b, claim b)."""
    reported = set()
    groups: dict[object, list] = {}
    for r in rows:
        groups.setdefault(r["gold"], []).append(r)
    for articles in groups.values():
        for c in find_conflicts([{"id": r["id"], "title": r["title"], "source": r["source"], "published": r["day"],
                                  "text": r["text"], "claims": claims[r["id"]]} for r in articles]):
            reported.add((c.kind, c.subject))
    out = []
    for articles in groups.values():
        for i, ra in enumerate(articles):
            for rb in articles[i + 1:]:
                for a in claims[ra["id"]]:
                    for b in claims[rb["id"]]:
                        if a["kind"] != b["kind"] or a["kind"] not in ("number", "date") or a["subject"] != b["subject"]:
                            continue
                        if (a["kind"], a["subject"]) in reported:
                            continue
                        reason = _why_spared(a, b, ra["day"], rb["day"])
                        if reason:
                            out.append((reason, ra, a, rb, b))
    return out


def _why_spared(a: dict, b: dict, day_a: str, day_b: str) -> str | None:
    if a["kind"] == "date":
        if (a["month"], a["day"]) == (b["month"], b["day"]):
            return None
        return "rescheduled" if a["rescheduled"] or b["rescheduled"] else "no clash?"
    if a.get("tally") or b.get("tally"):
        return None if a.get("tally") == b.get("tally") else "days apart"
    if a["amount"] == b["amount"]:
        return None
    if compatible_numbers(a, b):
        return "within rounding or hedges"
    if a.get("cause") and b.get("cause") and a["cause"] != b["cause"]:
        return "two causes"
    if a.get("monotone"):
        return "later and larger: an update"
    return "money ratio or days apart"


def _spared_block(name: str, item) -> str:
    reason, ra, a, rb, b = item
    sentence = (lambda r, c: " ".join(r["text"][c["sentence"][0]:c["sentence"][1]].split()))
    return (f"## {name} {ra['gold']}: {a['kind']} {a['subject']}, spared: {reason}\n"
            f"- {ra['day']} {ra['source']} ({ra['id']}): \"{a['text']}\"\n  > {sentence(ra, a)}\n"
            f"- {rb['day']} {rb['source']} ({rb['id']}): \"{b['text']}\"\n  > {sentence(rb, b)}\n")


def claimdiff() -> list[dict]:
    with open(EVAL / "claimdiff" / "test_full.jsonl", encoding="utf-8") as file:
        return [json.loads(line) for line in file]


def fnc() -> tuple[list[tuple[str, str, str]], list[dict]]:
    """FNC-1's (headline, body, stance) pairs that agree or disagree, and its bodies as rows whose `gold`
    is their story: bodies joined through a headline they both agree, disagree or discuss (Emergent's
    claims, 2014-15). The set gives no dates: every body gets one day, so no toll counts as an update."""
    folder = EVAL / "fnc1"
    with open(folder / "competition_test_bodies.csv", encoding="utf-8") as file:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(file)}
    with open(folder / "competition_test_stances.csv", encoding="utf-8") as file:
        stances = list(csv.DictReader(file))
    pairs = [(r["Headline"], bodies[r["Body ID"]], r["Stance"]) for r in stances if r["Stance"] in ("agree", "disagree")]
    parent: dict[str, str] = {}

    def root(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    first_body: dict[str, str] = {}
    for r in stances:
        if r["Stance"] != "unrelated":
            other = first_body.setdefault(r["Headline"], r["Body ID"])
            parent[root(r["Body ID"])] = root(other)
    rows = [{"id": f"fnc{b}", "gold": f"fnc-story-{root(b)}", "title": None, "source": f"body {b}", "text": bodies[b],
             "day": "2014-09-01"} for b in sorted(bodies, key=int)]
    return pairs, rows


REWRITE_DAY = "2015-01-01"  # the sets give no dates: every text of a group is from one day
SAMPLE = 60  # findings listed when there are more (seed 0)


def rewrites() -> list[dict]:
    """Rows {id, gold, title, text, day, source, label}: per source article, the article itself (source
    "article", label None) and each distinct machine (or reference) summary of it, with the set's human
    label (1 = consistent with the article). XSum: XSumFaith's 5 summaries of each BBC article, CLIFF's two
    (BART, Pegasus), FIB's reference and its summarisers' inconsistent outputs (fib/, fir/), joined by BBC id.
    CNN/DM: SummaC's val rows kept by SummaCoz and CoGenSumm's test cut, joined by document (SummaCoz's
    doc_id); CLIFF's and FIB's, each per story. FaithBench: 10 LLM summaries of each passage (worst label
    "Unwanted" = 0). FRANK's and SummaCoz's XSum rows are XSumFaith's summaries again, and FIB's factcc/mfma
    negatives are made by rule or by mask filling, not by a summariser: left out."""
    rows = []

    def add(group: str, document: str, summaries: list[tuple[str, str, object]]):
        seen = set()
        kept = []
        for system, text, label in summaries:
            if text.strip() and text not in seen:
                seen.add(text)
                kept.append((system, text, label))
        if len(kept) < 2:
            return
        rows.append({"id": f"{group}:article", "gold": group, "title": None, "text": document,
                     "day": REWRITE_DAY, "source": "article", "label": None})
        for n, (system, text, label) in enumerate(kept):
            rows.append({"id": f"{group}:{n}", "gold": group, "title": None, "text": text, "day": REWRITE_DAY,
                         "source": system, "label": label})

    folder = EVAL / "xsumfaith"
    with open(folder / "xsum_documents.jsonl", encoding="utf-8") as file:
        documents = {d["bbcid"]: d["document"] for d in map(json.loads, file)}
    by_doc: dict[str, list] = {}
    with open(folder / "xsumfaith_summac.jsonl", encoding="utf-8") as file:
        for r in map(json.loads, file):
            # the CSV keeps literal backslash-quote sequences: the summary says "it's", not "it\'s"
            by_doc.setdefault(r["bbcid"], []).append((r["model_name"], r["claim"].replace("\\'", "'"), r["label"]))
    fib_cnndm: dict[str, tuple[str, list]] = {}
    for path in sorted((EVAL / "fib" / "multiple_choice-dataset").glob("*/fi[br]/*.jsonl")):
        system = "FIB-" + path.stem.removeprefix("binary_choice-using_").removesuffix("_distractors")
        with open(path, encoding="utf-8") as file:
            for r in map(json.loads, file):
                choices = json.loads(r["list_choices"]) if isinstance(r["list_choices"], str) else r["list_choices"]
                summaries = [("FIB-reference" if c == r["correct_choice"] else system, c, int(c == r["correct_choice"]))
                             for c in choices]
                if path.parts[-3] == "xsum":
                    documents.setdefault(r["id"], r["input"])
                    by_doc.setdefault(r["id"], []).extend(summaries)
                else:
                    fib_cnndm.setdefault(r["id"], (r["input"], []))[1].extend(summaries)
    cliff_cnndm: dict[str, tuple[str, list]] = {}
    with open(EVAL / "aggrefact-error-types" / "CLIFF_error_types.csv", encoding="utf-8") as file:
        for r in csv.DictReader(file):
            summary = (f"CLIFF-{r['model_name']}", r["summ"], int(r["error_type"] == "correct"))
            if r["origin"] == "xsum":
                documents.setdefault(r["id"], r["doc"])
                by_doc.setdefault(r["id"], []).append(summary)
            else:
                cliff_cnndm.setdefault(r["id"], (r["doc"], []))[1].append(summary)
    for bbcid in sorted(by_doc):
        if bbcid in documents:
            add(f"xsum:{bbcid}", documents[bbcid], by_doc[bbcid])
    for story, (document, summaries) in sorted(cliff_cnndm.items()):
        add(f"cnndm-cliff:{story}", document, summaries)
    for story, (document, summaries) in sorted(fib_cnndm.items()):
        add(f"cnndm-fib:{story}", document, summaries)
    with open(EVAL / "faithbench" / "FaithBench.csv", encoding="utf-8") as file:
        by_source: dict[str, list] = {}
        for r in csv.DictReader(file):
            # Unwanted (a real hallucination) as 0, as the set's binarize.py does by default
            by_source.setdefault(r["source"], []).append((r["LLM"], r["summary"], int(r["worst-label"] != "Unwanted")))
    for n, (source, summaries) in enumerate(by_source.items()):
        add(f"faithbench:{n}", source, summaries)

    folder = EVAL / "summac-benchmark-partial"
    with open(folder / "summacoz_val_documents.jsonl", encoding="utf-8") as file:
        documents = {d["doc_id"]: d["document"] for d in map(json.loads, file)}
    by_doc = {}
    with open(folder / "summacoz_val.jsonl", encoding="utf-8") as file:
        for r in map(json.loads, file):
            if r["origin"] == "cnndm":
                by_doc.setdefault(r["doc_id"], []).append((r.get("model_name") or r["dataset"], r["claim"],
                                                           int(r["label"])))
    with open(folder / "cogensumm_test.jsonl", encoding="utf-8") as file:
        for r in map(json.loads, file):
            doc_id = hashlib.sha1(r["document"].encode("utf-8")).hexdigest()[:16]
            documents.setdefault(doc_id, r["document"])
            by_doc.setdefault(doc_id, []).append((r["filename"].removeprefix("test_").removesuffix(".json"),
                                                  r["claim"], int(r["label"])))
    for doc_id in sorted(by_doc):
        add(f"cnndm:{doc_id}", documents[doc_id], by_doc[doc_id])
    return rows


def rewrites_main(checker, list_file: str | None) -> int:
    rows = rewrites()
    by_id = {r["id"]: r for r in rows}
    claims, seconds = claims_of(rows, checker)
    found = group_conflicts(rows, claims)
    findings = [(gold, c, article, f) for gold, c in found for article, f in findings_for(c)]
    print("rewrites (machine summaries of real news, NOT news against news; kept apart from the figures above):")
    for origin in ("xsum", "cnndm", "cnndm-cliff", "cnndm-fib", "faithbench"):
        mine = [r for r in rows if r["gold"].startswith(origin + ":")]
        conflicts = [c for gold, c in found if gold.startswith(origin + ":")]
        print(f"  {origin}: {len({r['gold'] for r in mine})} groups, {len(mine)} texts"
              f" ({sum(r['source'] == 'article' for r in mine)} articles), story_conflict:"
              f" {len(conflicts)} conflicts {dict(sorted(Counter(c.kind for c in conflicts).items()))},"
              f" {sum(gold.startswith(origin + ':') for gold, *_ in findings)} findings")
    print(f"  all: {len({r['gold'] for r in rows})} groups, {len(rows)} texts (checked in {seconds:.0f} s),"
          f" {len(found)} conflicts, {len(findings)} findings")
    if list_file:
        listed = findings if len(findings) <= SAMPLE else sorted(random.Random(0).sample(findings, SAMPLE),
                                                                 key=findings.index)
        lines = [f"# story_conflict findings over rewrite groups: {len(listed)} of {len(findings)}"
                 + (" (random sample, seed 0)" if listed is not findings else ""), ""]
        for n, (gold, c, article, f) in enumerate(listed, start=1):
            row = by_id[article]
            lines.append(f"## {n}. {gold}: {c.kind}, {c.what} (finding on {row['source']}, label {row['label']})")
            cited = {e.source for e in f.evidence}
            for side in c.sides:
                r = by_id[side.article]
                # *: the finding's side; -: a side it cites; .: in the conflict, but not against this side
                mark = "*" if side.article == article else "-" if \
                    f"{side.source or 'article'} ({side.article}), {side.published}" in cited else "."
                lines.append(f"{mark} {r['source']} ({side.article}, label {r['label']}): \"{side.claim['text']}\"")
                lines.append(f"  > {' '.join(side.sentence.split())}")
            lines.append("")
        Path(list_file).write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"listed in {list_file}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", metavar="FILE", help="write every finding over allsides and basil to FILE")
    parser.add_argument("--groups", choices=("news", "rewrites"), default="news",
                        help="news: gold groups of news articles (default); rewrites: one article and its summaries")
    args = parser.parse_args()
    if not EVAL.is_dir():
        print(f"no eval data at {EVAL}: nothing to measure", file=sys.stderr)
        return 2
    checker = CorpusChecker(open_or_build(log=lambda *_: None))
    if args.groups == "rewrites":
        return rewrites_main(checker, args.list)
    lines = []
    spared_lines = []
    total = Counter()
    for name in ("allsides-stories", "basil-stories"):
        rows = load(name)
        claims, seconds = claims_of(rows, checker)
        found = group_conflicts(rows, claims)
        kinds = Counter(c.kind for _, c in found)
        by_kind = Counter(c["kind"] for cl in claims.values() for c in cl)
        total.update(kinds)
        print(f"{name}: {len(rows)} articles in {len({r['gold'] for r in rows})} gold stories (checked in {seconds:.0f} s);"
              f" claims read: {dict(sorted(by_kind.items()))}")
        print(f"  story_conflict: {len(found)} conflicts {dict(sorted(kinds.items()))}")
        spared = let_pass(rows, claims)
        print(f"  let pass: {len(spared)} pairs {dict(sorted(Counter(r for r, *_ in spared).items()))}")
        spared_lines.extend(_spared_block(name, item) for item in spared)
        for n, (gold, c) in enumerate(found, start=1):
            d = c.to_dict()
            lines.append(f"## {name} {gold} #{n}: {c.kind}, {d['what']}")
            for side in d["sides"]:
                lines.append(f"- {side['published']} {side['source']} ({side['article']}): \"{side['text']}\"")
                lines.append(f"  > {side['sentence']}")
            lines.append("")
    print(f"allsides and basil: {sum(total.values())} conflicts {dict(sorted(total.items()))}")

    pairs, body_rows = fnc()
    body_claims, seconds = claims_of(body_rows, checker)
    found = group_conflicts(body_rows, body_claims)
    kinds = Counter(c.kind for _, c in found)
    print(f"fnc1 bodies: {len(body_rows)} articles in {len({r['gold'] for r in body_rows})} stories (checked in"
          f" {seconds:.0f} s); story_conflict: {len(found)} conflicts {dict(sorted(kinds.items()))}")
    spared = let_pass(body_rows, body_claims)
    print(f"  let pass: {len(spared)} pairs {dict(sorted(Counter(r for r, *_ in spared).items()))}")
    spared_lines.extend(_spared_block("fnc1", item) for item in spared)
    for n, (gold, c) in enumerate(found, start=1):
        d = c.to_dict()
        lines.append(f"## fnc1 {gold} #{n}: {c.kind}, {d['what']}")
        for side in d["sides"]:
            lines.append(f"- {side['source']} ({side['article']}): \"{side['text']}\"")
            lines.append(f"  > {' '.join(side['sentence'].split())}")
        lines.append("")
    pairs_cd = claimdiff()
    cd_rows = [{"id": f"{p['pair_id']}:{side}", "text": p[f"claim_{side}"], "title": None, "source": side,
                "day": p["date"]} for p in pairs_cd for side in ("a", "b")]
    cd_claims, seconds = claims_of(cd_rows, checker)
    flagged = Counter()
    for p in pairs_cd:
        pair = [{"id": f"{p['pair_id']}:{side}", "title": None, "source": side, "published": p["date"],
                 "text": p[f"claim_{side}"], "claims": cd_claims[f"{p['pair_id']}:{side}"]} for side in ("a", "b")]
        for c in find_conflicts(pair):
            flagged[p["label"]] += 1
            d = c.to_dict()
            lines.append(f"## claimdiff {p['pair_id']} ({p['label']}): {c.kind}, {d['what']}")
            lines.extend(f"- {s_['source']}: \"{s_['text']}\"\n  > {s_['sentence']}" for s_ in d["sides"])
            lines.append("")
    labels = Counter(p["label"] for p in pairs_cd)
    print(f"claimdiff test_full (control: consistent claims, {len(pairs_cd)} pairs, checked in {seconds:.0f} s): flagged "
          + ", ".join(f"{label} {flagged[label]} of {labels[label]}" for label in sorted(labels)))
    if args.list:
        Path(args.list).write_text("\n".join(lines) + "\n\n# Let pass\n\n" + "\n".join(spared_lines) + "\n",
                                   encoding="utf-8")
        print(f"listed in {args.list}")

    texts = sorted({t for h, b, _ in pairs for t in (h, b)})
    rows = [{"id": str(n), "text": t, "title": None, "source": None, "day": "2014-09-01"} for n, t in enumerate(texts)]
    ids = {r["text"]: r["id"] for r in rows}
    claims, seconds = claims_of(rows, checker)
    fired = Counter()
    counts = Counter(stance for _, _, stance in pairs)
    examples = []
    for headline, body, stance in pairs:
        pair = [{"id": "headline", "title": None, "source": "headline", "published": "2014-09-01", "text": headline,
                 "claims": claims[ids[headline]]},
                {"id": "body", "title": None, "source": "body", "published": "2014-09-01", "text": body,
                 "claims": claims[ids[body]]}]
        found = find_conflicts(pair)
        if found:
            fired[stance] += 1
            if len(examples) < 8:
                examples.append((stance, found[0].to_dict()))
    print(f"FNC-1 competition test, headline vs body as one story ({len(texts)} texts checked in {seconds:.0f} s):")
    for stance in ("disagree", "agree"):
        print(f"  {stance:8}: story_conflict on {fired[stance]} of {counts[stance]} pairs"
              f" ({100 * fired[stance] / counts[stance]:.1f}%)")
    for stance, d in examples:
        sides = " vs ".join(f"{s['source']}: \"{s['text']}\"" for s in d["sides"])
        print(f"    [{stance}] {d['what']}: {sides}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
