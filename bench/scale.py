"""Articles per second over many real news-length articles: one process next to --jobs 2, same
articles, same run, each with its peak memory. The default --jobs is chosen from these figures.

Usage: python bench/scale.py [--articles 2000] [--jobs 2] [--kb PATH] [--eval-data DIR]
The texts are the BASIL articles of ../shared/eval-data/basil-stories (Fox, NYT, HuffPost, 2010-2019,
median 600 words), cycled to --articles. Each run is `newscheck check` on one JSONL file in a fresh
process, so the figures include starting the workers (spaCy and the KB in each) and the
per-article error capture; peak memory is getrusage of that process and of its children.
The issue asks for 10,000 articles (--articles 10000: about an hour on this 2-core machine).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EVAL_DATA = REPO.parent / "shared" / "eval-data"

RUN = """
import resource, sys, time
from newscheck import cli
t0 = time.perf_counter()
status = cli.main(sys.argv[1:])
seconds = time.perf_counter() - t0
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"@@ {seconds} {me.ru_maxrss} {kids.ru_maxrss} {status}", file=sys.stderr)
"""


def write_batch(eval_data: Path, n: int, path: Path) -> int:
    rows = [json.loads(line) for line in (eval_data / "basil-stories" / "articles.jsonl").open()]
    words = 0
    with path.open("w") as file:
        for number, row in enumerate(islice(cycle(rows), n)):
            words += len(row["text"].split())
            file.write(json.dumps({"id": f"{row['article_id']}#{number}", "text": row["text"],
                                   "published": row["date"], "title": row["title"]}) + "\n")
    return words


def run(batch: Path, jobs: int, kb: str | None) -> dict:
    argv = ["check", str(batch), "--format", "jsonl", "--quiet", "--jobs", str(jobs), "--output", os.devnull]
    if kb:
        argv += ["--kb", kb]
    done = subprocess.run([sys.executable, "-c", RUN, *argv], capture_output=True, text=True)
    line = next((x for x in done.stderr.splitlines() if x.startswith("@@ ")), None)
    if line is None:
        raise SystemExit(f"the run with --jobs {jobs} failed:\n{done.stderr[-2000:]}")
    seconds, own, children, status = line.split()[1:]
    errors = sum(1 for x in done.stderr.splitlines() if x.startswith("newscheck: cannot"))
    return {"jobs": jobs, "seconds": float(seconds), "own_mb": int(own) / 1024, "children_mb": int(children) / 1024,
            "status": int(status), "errors": errors}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=2, help="the worker count set beside one process")
    parser.add_argument("--kb", default=None)
    parser.add_argument("--eval-data", type=Path, default=EVAL_DATA)
    args = parser.parse_args()
    if not (args.eval_data / "basil-stories" / "articles.jsonl").is_file():
        print(f"no BASIL articles under {args.eval_data}: get ../shared/eval-data (see its README.md)")
        return 2

    with tempfile.TemporaryDirectory() as folder:
        batch = Path(folder) / "batch.jsonl"
        words = write_batch(args.eval_data, args.articles, batch)
        run(Path(REPO / "examples" / "kyiv-talks.txt"), 1, args.kb)  # build the KB, warm the disk cache
        results = [run(batch, 1, args.kb), run(batch, args.jobs, args.kb)]

    print(f"newscheck scale: {args.articles} BASIL articles ({words / args.articles:.0f} words each on average),"
          f" Python {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}")
    print(f"{'run':<12}{'seconds':>9}{'articles/s':>12}{'words/s':>10}{'peak MB (self)':>16}"
          f"{'peak MB (one worker)':>22}{'errors':>8}")
    for r in results:
        name = "1 process" if r["jobs"] == 1 else f"--jobs {r['jobs']}"
        print(f"{name:<12}{r['seconds']:>9.1f}{args.articles / r['seconds']:>12.2f}{words / r['seconds']:>10.0f}"
              f"{r['own_mb']:>16.0f}{r['children_mb']:>22.0f}{r['errors']:>8}")
    speedup = results[0]["seconds"] / results[1]["seconds"]
    print(f"speed-up of --jobs {args.jobs} over one process: {speedup:.2f}x (target on 2 cores: 1.7x)")
    print("peak MB (one worker) is the largest child's peak RSS (getrusage RUSAGE_CHILDREN), not their sum")
    return 0


if __name__ == "__main__":
    sys.exit(main())
