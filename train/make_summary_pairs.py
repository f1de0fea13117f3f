"""An experiment, never shipped: in-domain pairs for the consistency model from the val cuts of the
SummaC benchmark (../shared/eval-data/summac-benchmark-partial: SummaCoz's val rows and the
fork's): (source passage, one summary sentence), 1 = consistent, 0 = not. SummaC-Conv trains on
these cuts too, but ../shared/eval-data is for evaluation only (its README), so a model trained on
them measures what in-domain data would buy and is not shipped (docs/model-card.md). No test cut
is read, and a document that also appears in a test cut the bench reports is left out.

Only 70% of the val documents are trained on (`trained_on`); the other 30% go to a second file for
validation, and the bench chooses its thresholds on them alone. The passage is one the check
scores at run time: the source sentence sharing most words with the summary sentence, and one
sentence either side.

    .venv/bin/python train/make_summary_pairs.py [--out build/train/summary_pairs.jsonl.gz]
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval-data"
SUMMAC = EVAL / "summac-benchmark-partial"
WORD = re.compile(r"[a-z0-9]+")
SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"'A-Z0-9(])|\n+")
STOP = set("the a an of to in on and or for with at by from as is was were are be been has have had it its "
           "that this he she they his her their s said will would".split())


def trained_on(doc_id: str) -> bool:
    """Whether a val document (SummaCoz doc_id, 16 hex digits) went into training: 7 in 10."""
    return int(doc_id[:8], 16) % 10 < 7


def doc_id(text: str) -> str:
    """SummaCoz's document id: the first 16 hex digits of the SHA-1 of the text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SPLIT.split(text) if len(s.strip()) > 1]


def words(text: str) -> set[str]:
    return {w for w in WORD.findall(text.lower()) if w not in STOP}


def passage(doc_sents: list[str], claim: str) -> str:
    """The sentence sharing most content words with the claim, and its neighbours."""
    c = words(claim)
    best = max(range(len(doc_sents)), key=lambda j: len(c & words(doc_sents[j])))
    return " ".join(doc_sents[max(0, best - 1):best + 2])


def test_documents() -> set[str]:
    """`document_key` of every document in the test cuts the bench reports."""
    rows = lambda path: map(json.loads, open(path, encoding="utf-8"))
    out = {document_key(r["document"]) for r in rows(SUMMAC / "cogensumm_test.jsonl")}
    xsum = {r["bbcid"]: r["document"] for r in rows(EVAL / "xsumfaith" / "xsum_documents.jsonl")}
    out |= {document_key(xsum[r["bbcid"]]) for r in rows(EVAL / "xsumfaith" / "xsumfaith_summac.jsonl")
            if r["cut"] == "test" and r["bbcid"] in xsum}
    test_ids = set((EVAL / "frank" / "test_split.txt").read_text().split())
    out |= {document_key(r["article"]) for r in rows(EVAL / "frank" / "frank_articles.jsonl") if r["hash"] in test_ids}
    return out


def val_rows(skipped: Counter | None = None):
    """SummaCoz's val rows and the fork's, with their documents, less those whose document is in a
    test cut: (doc_id, document, row)."""
    skipped = Counter() if skipped is None else skipped
    docs = {d["doc_id"]: d["document"]
            for d in map(json.loads, open(SUMMAC / "summacoz_val_documents.jsonl", encoding="utf-8"))}
    rows = [json.loads(line) for line in open(SUMMAC / "summacoz_val.jsonl", encoding="utf-8")]
    for name in ("xsumfaith", "factcc", "summeval", "polytope"):  # the fork's val rows, documents inline
        for r in json.load(open(SUMMAC / "summac_fork_val" / f"{name}.json", encoding="utf-8")).values():
            docs.setdefault(doc_id(r["document"]), r["document"])
            rows.append(dict(r, doc_id=doc_id(r["document"])))
    tests = test_documents()
    for r in rows:
        if document_key(docs[r["doc_id"]]) in tests:
            skipped["document in a test cut"] += 1
        else:
            yield r["doc_id"], docs[r["doc_id"]], r


def training_documents() -> set[str]:
    """Normalised openings (`document_key`) of the documents the model was trained on."""
    return {document_key(doc) for did, doc, _ in val_rows() if trained_on(did)}


def document_key(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))[:300]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "build" / "train" / "summary_pairs.jsonl.gz"))
    args = ap.parse_args(argv)
    rows, held, skipped, seen = [], [], Counter(), set()
    for did, document, r in val_rows(skipped):
        claim, label = r["claim"].strip(), int(str(r["label"]).strip()[0])
        doc_sents = sentences(document)
        claim_sents = sentences(claim)
        if not doc_sents or not claim_sents:
            continue
        # an inconsistent summary of several sentences does not say which one is wrong: left out
        if label == 0 and len(claim_sents) > 1:
            skipped["inconsistent, several sentences"] += 1
            continue
        for s in claim_sents:
            if (did, s) in seen:
                continue
            seen.add((did, s))
            (rows if trained_on(did) else held).append(
                {"premise": passage(doc_sents, s), "hypothesis": s, "label": label,
                 "kind": f"summary:{r['dataset']}", "article": did})
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    for path, part in ((args.out, rows), (args.out.replace(".jsonl", "_held.jsonl"), held)):
        with gzip.open(path, "wt", encoding="utf-8") as f:
            for r in part:
                f.write(json.dumps(r) + "\n")
    print(f"{len(rows)} pairs to {args.out}: {dict(Counter((r['kind'], r['label']) for r in rows))}; "
          f"{len(held)} held out for validation and thresholds; left out: {dict(skipped)}")


if __name__ == "__main__":
    main()
