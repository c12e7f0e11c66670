"""The desk's pages at 10k and at 1M claims: gunicorn (2 workers), 4 logged-in clients, throughput and p50/p95.

    .venv/bin/python bench/queue_latency.py [--admin-url postgresql+psycopg://postgres@127.0.0.1:5432/test]
                                            [--sizes 10000 1000000] [--seconds 8] [--db 1000000=<url>]
                                            [--pages dashboard "queue, most disputed"]

For each size, a scratch database is seeded by ``seed_scale.py`` (or one it kept is reused with ``--db
SIZE=URL``) and gunicorn serves ``app:app`` on it with 2 sync workers; the servers run side by side. 4 client
processes, each logged in as the admin (who sees every queue and the dashboard), request one page after another
for ``--seconds`` each, every size of a page back to back: /healthz, the biggest queue (first page, filtered, a
deep cursor page, most disputed), all queues, a search, a claim page, the dashboard, the public list and the feed.
It prints, per size and page, requests per second and p50/p95, then the ratios the issue sets bars for: each page's
throughput at the largest size over the smallest (bar: >= 90 %; also divided by /healthz's own ratio, which shows
how much the machine's load moved between the two), and the queue page's throughput over /healthz's (bar: >= 1/4).
The machine is shared: figures move with its load. A bench, not a test: it prints, it asserts nothing.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import seed_scale  # noqa: E402

CLIENTS = 4
WORKERS = 2


def pages(desk: seed_scale.Desk, claim_id: int) -> dict[str, str]:
    queue = desk.queue_ids[0]
    return {
        "/healthz": "/healthz",
        "queue, first page": f"/queues/{queue}",
        "queue, filtered": f"/queues/{queue}?status=new&kind=accusation&assigned=unassigned",
        "queue, deep cursor": f"/queues/{queue}?after=0.1:1",
        "queue, most disputed": f"/queues/{queue}?sort=disputed",
        "all queues": "/queues/",
        "search": "/queues/?q=ch%C3%B4mage",
        "claim page": f"/claims/{claim_id}",
        "dashboard": "/admin/dashboard",
        "public list": "/factchecks/",
        "feed": "/factchecks/feed.xml",
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(url: str, instance: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": url, "FACTCHECK_ENV": "production", "SECRET_KEY": "b" * 48,
           "SESSION_COOKIE_SECURE": "false", "FACTCHECK_INSTANCE_PATH": instance, "LOG_LEVEL": "WARNING",
           "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}"}
    env.pop("REDIS_URL", None)
    server = subprocess.Popen(
        [str(REPO / ".venv/bin/gunicorn"), "-w", str(WORKERS), "-b", f"127.0.0.1:{port}", "--log-level", "warning",
         "app:app"], cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=open(Path(instance) / "gunicorn.log", "w"))
    base = f"http://127.0.0.1:{port}"
    import requests

    for _ in range(600):
        try:
            if requests.get(base + "/healthz", timeout=2).status_code == 200:
                return server, base
        except requests.RequestException:  # not listening yet, or still importing
            pass
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped: see {instance}/gunicorn.log")
        time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer /healthz")


def _login(base: str, email: str):
    import requests

    session = requests.Session()
    form = session.get(base + "/auth/login", timeout=30).text
    field = re.search(r'<input[^>]*name="csrf_token"[^>]*>', form).group(0)
    token = re.search(r'value="([^"]+)"', field).group(1)
    answer = session.post(base + "/auth/login", data={"csrf_token": token, "email": email,
                                                      "password": seed_scale.PASSWORD}, timeout=30)
    if "/auth/login" in answer.url:
        raise SystemExit(f"could not log in as {email}")
    return session


def _client(targets: list[tuple[str, str]], email: str, seconds: float, start, results) -> None:
    """One logged-in client of every server: each (server, path) in turn, as fast as it answers, for ``seconds``."""
    sessions = {base: _login(base, email) for base in dict(targets)}
    start.wait()
    for base, path in targets:
        sessions[base].get(base + path, timeout=60)  # warm: the first request of a worker pays for its imports
        latencies, errors, until = [], 0, time.perf_counter() + seconds
        while time.perf_counter() < until:
            began = time.perf_counter()
            status = sessions[base].get(base + path, timeout=120).status_code
            latencies.append((time.perf_counter() - began) * 1000)
            errors += status != 200
        results.put((latencies, errors))
        start.wait()  # every client moves to the next target together


def _richest_claim(desk: seed_scale.Desk) -> int:
    """A claim of the biggest queue with a verdict: the fullest claim page."""
    from sqlalchemy import create_engine, text

    engine = create_engine(desk.url)
    with engine.connect() as connection:
        claim_id = connection.execute(text(
            "SELECT c.id FROM claims c JOIN verdicts v ON v.claim_id = c.id WHERE c.queue_id = :q LIMIT 1"),
            {"q": desk.queue_ids[0]}).scalar()
    engine.dispose()
    return claim_id


def measure(desks: dict[int, seed_scale.Desk], seconds: float,
            only: list[str] | None = None) -> dict[int, dict[str, dict[str, float]]]:
    """Every size served at once, each page measured at every size back to back, so that the machine's load
    (it is shared) weighs on both sides of a ratio alike."""
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as instance:
        servers = {}
        try:
            for size, desk in desks.items():
                folder = Path(instance) / str(size)
                folder.mkdir()
                servers[size] = _serve(desk.url, str(folder))
            plan = [(label, size) for label in pages(next(iter(desks.values())), 0)
                    if not only or label in only or label == "/healthz" for size in desks]
            paths = {size: pages(desk, _richest_claim(desk)) for size, desk in desks.items()}
            targets = [(servers[size][1], paths[size][label]) for label, size in plan]
            context = multiprocessing.get_context("spawn")
            start, results = context.Barrier(CLIENTS + 1), context.Queue()
            clients = [context.Process(target=_client, args=(targets, desks[min(desks)].admin_email, seconds, start,
                                                             results)) for _ in range(CLIENTS)]
            for client in clients:
                client.start()
            figures: dict[int, dict[str, dict[str, float]]] = {size: {} for size in desks}
            for label, size in plan:
                start.wait(timeout=300)
                latencies, errors = [], 0
                for _ in range(CLIENTS):
                    measured, failed = results.get(timeout=seconds * 4 + 300)
                    latencies += measured
                    errors += failed
                figures[size][label] = {"rps": len(latencies) / seconds, "p50": statistics.median(latencies),
                                        "p95": _percentile(latencies, 0.95), "errors": errors}
                print(f"  {size:>9,} {label:20} {figures[size][label]['rps']:7.1f} req/s  "
                      f"p50 {figures[size][label]['p50']:8.1f} ms  p95 {figures[size][label]['p95']:8.1f} ms  "
                      f"errors {errors}", flush=True)
            start.wait(timeout=300)
            for client in clients:
                client.join(timeout=60)
            return figures
        finally:
            for server, _base in servers.values():
                server.terminate()
                server.wait(timeout=30)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--admin-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 1_000_000])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--db", action="append", default=[], metavar="SIZE=URL",
                        help="use a database seed_scale.py --keep left for that size (it is not dropped)")
    parser.add_argument("--pages", nargs="+", metavar="LABEL",
                        help="measure only these pages (and /healthz), by their printed label")
    args = parser.parse_args()
    kept = {int(size): url for size, url in (item.split("=", 1) for item in args.db)}
    with ExitStack() as stack:
        desks = {size: seed_scale.reuse(kept[size]) if size in kept
                 else stack.enter_context(seed_scale.scratch_database(args.admin_url, size)) for size in args.sizes}
        results = measure(desks, args.seconds, args.pages)
    small, large = min(results), max(results)
    print(f"\nat {large:,} / at {small:,}: throughput (bar: >= 90 %), the same relative to /healthz's, p50 ratio")
    health = results[large]["/healthz"]["rps"] / results[small]["/healthz"]["rps"]
    for label in results[small]:
        a, b = results[small][label], results[large][label]
        print(f"  {label:20} {100 * b['rps'] / a['rps']:6.1f} %   {100 * b['rps'] / a['rps'] / health:6.1f} %   "
              f"p50 x{b['p50'] / a['p50']:5.2f}")
    for size in (small, large) if "queue, first page" in results[small] else ():
        queue, healthz = results[size]["queue, first page"]["rps"], results[size]["/healthz"]["rps"]
        print(f"queue page / healthz throughput at {size:,}: 1/{healthz / queue:.1f} (bar: >= 1/4)")


if __name__ == "__main__":
    main()
