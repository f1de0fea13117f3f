"""The web app under load: 50 concurrent clients POST news-length articles to /api/check of a real
`newscheck serve` on 127.0.0.1 for a bounded time, beside the CLI's articles/s on the same texts.

Usage: python bench/serve.py [--clients 50] [--seconds 20] [--workers N] [--kb PATH]
Two phases of --seconds each: the load alone, then the load while one client sends a 6 MB upload
(over the cap), a 5 MB one (within it, too long an article) and an article at the length cap;
each phase prints requests/s, p50/p95/p99 latency and errors, so the two can be compared.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import news_texts  # noqa: E402  (the same 400-700-word articles as bench/throughput.py)

HOST = "127.0.0.1"  # never anything else: this is a load test
DATE = "2025-12-04"
MB = 1024 * 1024
NEWSCHECK = shutil.which("newscheck", path=str(Path(sys.executable).parent)) or "newscheck"  # the venv's command


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def cli_rate(texts: list[str], kb: str, jobs: int, folder: Path) -> tuple[float, float, float]:
    """The CLI's steady articles/s: `newscheck check` on N and on 2N articles, the difference timed,
    so its start (spaCy, the KB, worker processes) is left out as the server's is."""
    def run(n: int) -> float:
        batch = folder / f"cli{n}"
        batch.mkdir()
        for i, text in enumerate(texts[:n]):
            (batch / f"{i:04d}.txt").write_text(text)
        started = time.perf_counter()
        done = subprocess.run([NEWSCHECK, "check", str(batch), "--kb", kb, "--date", DATE,
                        "--format", "jsonl", "--jobs", str(jobs), "--quiet", "--output", str(folder / f"{n}.jsonl")],
                              stdout=subprocess.DEVNULL)
        if done.returncode not in (0, 1):  # 1: errors found, which news-length articles have
            raise SystemExit(f"newscheck check failed with exit status {done.returncode}")
        return time.perf_counter() - started

    n = len(texts) // 2
    short, long = run(n), run(2 * n)
    return n / (long - short), short, long


def percentiles(latencies: list[float]) -> str:
    if len(latencies) < 2:
        return "too few requests"
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return f"p50 {cuts[49] * 1000:.0f} ms, p95 {cuts[94] * 1000:.0f} ms, p99 {cuts[98] * 1000:.0f} ms"


async def load(url: str, texts: list[str], clients: int, seconds: float, extra=None) -> dict:
    latencies, errors, statuses = [], 0, {}
    deadline = time.perf_counter() + seconds

    async def client(number: int, http: httpx.AsyncClient):
        nonlocal errors
        i = number
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                response = await http.post(url + "/api/check", json={"text": texts[i % len(texts)], "published": DATE})
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                if response.status_code == 200 and response.json()["articles"]:
                    latencies.append(time.perf_counter() - started)
                else:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            i += clients

    limits = httpx.Limits(max_connections=clients + 10, max_keepalive_connections=clients + 10)
    async with httpx.AsyncClient(timeout=300, limits=limits) as http:
        started = time.perf_counter()
        tasks = [asyncio.create_task(client(n, http)) for n in range(clients)]
        side = await extra(http) if extra else None
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - started
    return {"done": len(latencies), "errors": errors, "elapsed": elapsed, "latencies": latencies,
            "statuses": statuses, "side": side}


def big_uploads(url: str, long_article: str):
    async def send(http: httpx.AsyncClient) -> list[str]:
        lines = []
        await asyncio.sleep(2)  # into the phase, with the queue full
        for name, body in (("over-cap.txt", b"word " * (6 * MB // 5)), ("five-mb.txt", b"word " * (5 * MB // 5 - 100)),
                           ("at-length-cap.txt", long_article.encode())):
            started = time.perf_counter()
            response = await http.post(url + "/api/check", files={"file": (name, body, "text/plain")},
                                       data={"published": DATE})
            code = response.json().get("error", {}).get("code", "ok") if response.status_code != 200 else "ok"
            lines.append(f"{name} ({len(body) / MB:.2f} MB): HTTP {response.status_code} {code}"
                         f" in {time.perf_counter() - started:.2f} s")
            started = time.perf_counter()
            page = await http.get(url + "/")
            lines.append(f"  then the check page: HTTP {page.status_code} in {(time.perf_counter() - started) * 1000:.0f} ms")
        return lines
    return send


def report(name: str, result: dict) -> None:
    rate = result["done"] / result["elapsed"]
    print(f"{name}: {result['done']} checks in {result['elapsed']:.1f} s = {rate:.1f} requests/s;"
          f" {percentiles(result['latencies'])}; errors {result['errors']} (HTTP statuses {result['statuses']})")
    for line in result["side"] or []:
        print(f"  {line}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each of the two phases")
    parser.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 1))
    parser.add_argument("--articles", type=int, default=100, help="texts for the CLI's run (N, then 2N)")
    parser.add_argument("--kb", default=None)
    args = parser.parse_args()

    from newscheck.kb import open_or_build

    kb = str(open_or_build(args.kb, log=lambda line: print(line, file=sys.stderr)).path)
    texts = news_texts(max(2 * args.articles, 200))
    words = sum(len(t.split()) for t in texts) // len(texts)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()};"
          f" load average at the start {os.getloadavg()[0]:.1f} (other work on the machine slows both sides)")
    print(f"articles: news-length, {words} words on average; server and CLI with {args.workers} worker processes")

    with tempfile.TemporaryDirectory(prefix="newscheck-bench-") as folder:
        rate, short, long = cli_rate(texts[:2 * args.articles], kb, args.workers, Path(folder))
        print(f"CLI `newscheck check --jobs {args.workers}`: {rate:.1f} articles/s once started"
              f" ({args.articles} articles in {short:.1f} s, {2 * args.articles} in {long:.1f} s, start included;"
              f" {2 * args.articles / long:.1f} articles/s with it)")

        port = free_port()
        url = f"http://{HOST}:{port}"
        env = {**os.environ, "NEWSCHECK_DB": str(Path(folder) / "corpus.sqlite")}
        server = subprocess.Popen([NEWSCHECK, "serve", "--host", HOST, "--port", str(port),
                                   "--kb", kb, "--workers", str(args.workers)], env=env)
        try:
            started = time.perf_counter()
            while True:
                try:
                    if httpx.get(url + "/api/openapi.json", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if server.poll() is not None or time.perf_counter() - started > 120:
                    print("the server did not start", file=sys.stderr)
                    return 2
                time.sleep(0.2)
            print(f"server: `newscheck serve --workers {args.workers}` ready in {time.perf_counter() - started:.1f} s;"
                  f" {args.clients} clients, {args.seconds:.0f} s a phase")
            long_article = "\n\n".join(texts)[:50_000]
            report("load alone           ", asyncio.run(load(url, texts, args.clients, args.seconds)))
            report("load + big uploads   ", asyncio.run(load(url, texts, args.clients, args.seconds,
                                                             big_uploads(url, long_article))))
            alive = httpx.get(url + "/", timeout=10).status_code
            print(f"after both phases the server answers: HTTP {alive}; its process is"
                  f" {'running' if server.poll() is None else 'gone'}; load average {os.getloadavg()[0]:.1f}")
        finally:
            server.terminate()
            server.wait(30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
