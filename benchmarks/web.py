"""Latency of the web UI and the REST API on a large store, under a bounded loopback load.

Builds (once, then reuses) a store of `--articles` generated articles through the whole
pipeline (benchmarks/corpus.py), starts `storyline serve` on it in its own process, then
sends `--requests` requests with `--concurrency` clients at once (stopping after
`--seconds` in any case): story pages, article pages, search pages and API calls, on
randomly chosen stories and articles. Prints p50 / p95 / p99 / max per kind of request, the
error count and the throughput, first for one client at a time, then under load.

    python benchmarks/web.py [--articles 10000] [--db /tmp/storyline-bench-10k.db]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))  # run as a script: its sibling modules
import corpus

from storyline.build import build
from storyline.options import Options
from storyline.store import Store

WORDS = ["talks", "ceasefire", "killed", "government", "river", "prisoners", "aid", "envoy"]


def ensure_store(db: Path, articles: int) -> None:
    if db.exists():
        with Store.open(db) as store:
            if store.read.count_articles() >= articles:
                print(f"store: {db} ({store.read.count_articles()} articles, reused)")
                return
    with tempfile.TemporaryDirectory() as folder:
        path = corpus.write_jsonl(Path(folder) / "bench.jsonl", articles)
        started = time.perf_counter()
        report = build([path], db=db, options=Options(batch_size=256))
        seconds = time.perf_counter() - started
    print(f"store: built {report.built} articles in {seconds:.0f} s ({report.summary()})")


def start_server(db: Path, workers: int, token: str = "") -> tuple[subprocess.Popen, str]:
    """`storyline serve` on a free port in its own process; returns it and its address."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "storyline.cli", "serve", "--db", str(db), "--port", str(port)]
    command += ["--workers", str(workers)]
    env = {**os.environ, "STORYLINE_TOKEN": token}
    server = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return server, base
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


def targets(base: str, rng: random.Random) -> list[tuple[str, str]]:
    """(kind, path) of every request to send, in a random mix."""
    stories: list[str] = []
    offset: int | None = 0
    while offset is not None:
        page = httpx.get(f"{base}/api/stories", params={"limit": 200, "offset": offset}).json()
        stories += [item["id"] for item in page["items"]]
        offset = page["next_offset"]
    total = httpx.get(f"{base}/healthz").json()["articles"]
    articles = []
    for _ in range(40):
        page = httpx.get(
            f"{base}/api/articles", params={"limit": 50, "offset": rng.randrange(total)}
        ).json()
        articles += [item["id"] for item in page["items"]]
    print(f"server: {len(stories)} stories, {total} articles")
    kinds = [
        ("story page", lambda: f"/stories/{rng.choice(stories)}"),
        ("article page", lambda: f"/articles/{rng.choice(articles)}"),
        ("stories page", lambda: "/"),
        ("search page", lambda: f"/search?q={rng.choice(WORDS)}+{rng.choice(WORDS)}"),
        ("api story", lambda: f"/api/stories/{rng.choice(stories)}"),
        ("api article", lambda: f"/api/articles/{rng.choice(articles)}"),
        ("api articles", lambda: f"/api/articles?story={rng.choice(stories)}&limit=20"),
        ("api search", lambda: f"/api/search?q={rng.choice(WORDS)}"),
    ]
    weights = [3, 3, 1, 1, 1, 1, 1, 1]
    return [(kind, make()) for kind, make in rng.choices(kinds, weights, k=100_000)]


async def load(
    base: str, plan: list[tuple[str, str]], concurrency: int, requests: int, seconds: float
) -> tuple[dict[str, list[float]], dict[str, int], float]:
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    queue = iter(plan[:requests])
    stop_at = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=concurrency)

    async def client(http: httpx.AsyncClient) -> None:
        for kind, path in queue:
            if time.monotonic() > stop_at:
                return
            started = time.perf_counter()
            try:
                response = await http.get(path)
                ok = response.status_code == 200
            except httpx.HTTPError:
                ok = False
            latencies[kind].append(time.perf_counter() - started)
            if not ok:
                errors[kind] += 1

    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as http:
        await asyncio.gather(*(client(http) for _ in range(concurrency)))
    return latencies, errors, time.perf_counter() - started


def report(title: str, latencies: dict, errors: dict, seconds: float) -> None:
    count = sum(len(v) for v in latencies.values())
    print(f"\n{title}: {count} requests in {seconds:.1f} s ({count / seconds:.0f}/s)")
    print(
        f"{'request':<14} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} errors"
    )
    for kind in sorted(latencies):
        values = sorted(latencies[kind])
        q = statistics.quantiles(values, n=100, method="inclusive") if len(values) > 1 else values
        p50, p95, p99 = (q[49], q[94], q[98]) if len(values) > 1 else (values[0],) * 3
        print(
            f"{kind:<14} {len(values):>5} {p50 * 1000:>8.1f} {p95 * 1000:>8.1f} "
            f"{p99 * 1000:>8.1f} {values[-1] * 1000:>8.1f} {errors.get(kind, 0):>6}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "bench-10k.db")
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--server-workers", type=int, default=2)
    args = parser.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores")
    ensure_store(args.db, args.articles)
    server, base = start_server(args.db, args.server_workers)
    print(f"server processes: {args.server_workers}")
    try:
        plan = targets(base, random.Random(11))
        asyncio.run(load(base, plan[:50], 2, 50, 30))  # warm-up: model-free, caches only
        single = asyncio.run(load(base, plan, 1, min(500, args.requests), args.seconds))
        report("one client at a time", *single)
        loaded = asyncio.run(load(base, plan[500:], args.concurrency, args.requests, args.seconds))
        report(f"{args.concurrency} concurrent clients", *loaded)
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
