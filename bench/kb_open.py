"""How fast the knowledge base opens and resolves names: open, 10,000 exact lookups
(find_person) and 10,000 fuzzy lookups (similar_people), with the machine and KB it ran on.

    .venv/bin/python bench/kb_open.py [--kb PATH]   # builds a KB in a temp dir when PATH is absent
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

from newscheck.kb import KnowledgeBase, build_kb, default_path, default_sources_dir

N = 10_000


def misspell(name: str, rng: random.Random) -> str:
    """One typo a reporter might make: a doubled, dropped or swapped letter."""
    i = rng.randrange(1, max(2, len(name) - 1))
    kind = rng.choice(("double", "drop", "swap"))
    if kind == "double":
        return name[:i] + name[i] + name[i:]
    if kind == "drop":
        return name[:i] + name[i + 1:]
    return name[:i - 1] + name[i] + name[i - 1] + name[i + 1:]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kb", type=Path, default=None)
    args = parser.parse_args()
    path = args.kb or default_path()
    if not path.is_file():
        path = Path(tempfile.mkdtemp()) / "kb.sqlite"
        stats = build_kb(path, default_sources_dir(), user_dir=path.parent / "facts", log=lambda *a: None)
        print(f"built a KB for the benchmark in {stats.seconds:.1f}s")

    began = time.perf_counter()
    kb = KnowledgeBase.open(path)
    opened = time.perf_counter() - began

    rng = random.Random(7)
    aliases = [a for (a,) in kb.db.execute("SELECT alias FROM person_alias WHERE alias GLOB '*[a-z] [A-Z]*'")]
    exact = [rng.choice(aliases) for _ in range(N)]
    typos = [misspell(a, rng) for a in exact]

    began = time.perf_counter()
    found = sum(1 for name in exact if kb.find_person(name))
    exact_s = time.perf_counter() - began

    began = time.perf_counter()
    kb.similar_people("warm up the fuzzy index")
    index_s = time.perf_counter() - began
    began = time.perf_counter()
    recovered = 0
    for name, typo in zip(exact, typos):
        ranked = kb.similar_people(typo)
        recovered += bool(ranked) and name in ranked[0][0].aliases
    fuzzy_s = time.perf_counter() - began

    counts = {t: kb.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("person", "person_alias", "office", "tenure", "org", "place")}
    print(f"machine: {platform.machine()} {platform.processor() or ''} {os.cpu_count()} cpus, "
          f"Python {sys.version.split()[0]}, {platform.system()} {platform.release()}")
    print(f"KB: {path} ({path.stat().st_size / 1e6:.1f} MB), as of {kb.as_of}; "
          + ", ".join(f"{v} {k}" for k, v in counts.items()))
    print(f"open (read-only):                 {opened * 1000:8.1f} ms")
    print(f"find_person x {N}:            {exact_s * 1000:8.1f} ms  ({exact_s / N * 1e6:.0f} us each; {found} found)")
    print(f"similar_people index (once):      {index_s * 1000:8.1f} ms")
    print(f"similar_people x {N} (typos): {fuzzy_s * 1000:8.1f} ms  ({fuzzy_s / N * 1e6:.0f} us each; "
          f"right person first for {recovered / N:.0%})")
    kb.close()


if __name__ == "__main__":
    main()
