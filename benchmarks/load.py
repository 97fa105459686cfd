"""The server under load while articles are being added: a bounded loopback load test.

Starts `storyline serve --workers 2` with a write token over a store (built once from
generated articles if missing), then for `--seconds` runs `--clients` reading clients (each
requests a random page or API call, then pauses 0.2-0.8 s, as a person reading would) and
one writer that posts a batch of new articles every few seconds through `POST /api/articles`.
Everything stops by itself. Prints, per kind of request, p50/p95/p99 and errors, and the
ingests done meanwhile.

    python benchmarks/load.py [--clients 50] [--seconds 60] [--db /tmp/bench-10k.db]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))  # run as a script: its sibling modules
import corpus
import web

TOKEN = "load-test-token-" + os.urandom(8).hex()


async def reader(http, plan, stop_at, rng, latencies, errors) -> None:
    while time.monotonic() < stop_at:
        kind, path = rng.choice(plan)
        started = time.perf_counter()
        try:
            ok = (await http.get(path)).status_code == 200
        except httpx.HTTPError:
            ok = False
        latencies[kind].append(time.perf_counter() - started)
        errors[kind] += 0 if ok else 1
        await asyncio.sleep(rng.uniform(0.2, 0.8))


async def writer(http, stop_at, batches, ingests, errors) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    for batch in batches:
        if time.monotonic() > stop_at:
            return
        started = time.perf_counter()
        try:
            response = await http.post("/api/articles", json=batch, headers=headers, timeout=300)
            ok = response.status_code in (200, 201) and response.json()["problems"] == []
            built = response.json().get("built", 0) if ok else 0
            if not ok:
                print(f"ingest failed: {response.status_code} {response.text[:300]}")
        except httpx.HTTPError as exc:
            print(f"ingest failed: {exc!r}")
            ok, built = False, 0
        ingests.append((time.perf_counter() - started, built))
        errors["ingest"] += 0 if ok else 1
        await asyncio.sleep(3)


async def run(base: str, clients: int, seconds: float, batches: list) -> tuple:
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    ingests: list[tuple[float, int]] = []
    plan = web.targets(base, random.Random(5))[:5000]
    stop_at = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients + 2)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as http:
        tasks = [
            reader(http, plan, stop_at, random.Random(i), latencies, errors) for i in range(clients)
        ]
        tasks.append(writer(http, stop_at, batches, ingests, errors))
        await asyncio.gather(*tasks)
    return latencies, errors, ingests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "bench-10k.db")
    parser.add_argument("--server-workers", type=int, default=2)
    args = parser.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores")
    web.ensure_store(args.db, args.articles)
    fresh = list(corpus.generate(args.articles + 2000, per_story=100, seed=99))[-2000:]
    batches = [fresh[i : i + 20] for i in range(0, len(fresh), 20)]
    server, base = web.start_server(args.db, args.server_workers, TOKEN)
    try:
        latencies, errors, ingests = asyncio.run(run(base, args.clients, args.seconds, batches))
    finally:
        server.terminate()
        server.wait(timeout=30)
    every = sorted(v for values in latencies.values() for v in values)
    print(f"{args.clients} clients for {args.seconds:.0f} s: {len(every)} reads, "
          f"{len(every) / args.seconds:.0f}/s; {len(ingests)} ingests of 20 articles "
          f"({sum(b for _, b in ingests)} built), errors {dict(errors) or 0}")  # fmt: skip
    header = ("request", "n", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors")
    print("{:<14} {:>6} {:>8} {:>8} {:>8} {:>8} {:>6}".format(*header))
    for kind in [*sorted(latencies), "all reads"]:
        values = every if kind == "all reads" else sorted(latencies[kind])
        q = statistics.quantiles(values, n=100, method="inclusive")
        errs = sum(errors.values()) - errors["ingest"] if kind == "all reads" else errors[kind]
        print(
            f"{kind:<14} {len(values):>6} {q[49] * 1000:>8.1f} {q[94] * 1000:>8.1f} "
            f"{q[98] * 1000:>8.1f} {values[-1] * 1000:>8.1f} {errs:>6}"
        )
    if ingests:
        times = sorted(t for t, _ in ingests)
        print(
            f"ingest of 20 articles: median {statistics.median(times):.1f} s, max {times[-1]:.1f} s"
        )


if __name__ == "__main__":
    main()
