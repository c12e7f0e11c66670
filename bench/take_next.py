"""Take-next under contention at 10k and 1M claims: 1, 4 and 8 checkers, the service against a bare SKIP LOCKED loop.

    .venv/bin/python bench/take_next.py [--admin-url postgresql+psycopg://postgres@127.0.0.1:5432/test]
                                        [--sizes 10000 1000000] [--takes 480] [--db 1000000=<url>]

For each size, a scratch database is seeded by ``seed_scale.py`` (or one it kept is reused with ``--db
SIZE=URL``). In its biggest queue, N processes (1, 4, 8) take ``--takes`` claims between them (fewer than the
10k queue holds, so no run empties it), timed from a common start: first through a bare loop
(``SELECT id … ORDER BY priority DESC, checkworthiness DESC, id LIMIT 1 FOR UPDATE SKIP LOCKED``, an UPDATE, a
commit: what the database alone can do on the same data and index), then through ``triage.take_next`` (permission,
queue membership, the row lock, the audit row, commit). After each run the claims taken are handed back, so every
run starts from the same queue. It prints claims per second for each, the service's share of the bare loop (bar:
>= 50 %), claims handed out twice (bar: 0), and the rate at the largest size over the smallest (bar: >= 90 %).
A bench, not a test: it prints, it asserts nothing.
"""
from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import seed_scale  # noqa: E402

CHECKERS = (1, 4, 8)
_BARE_TAKE = """
SELECT id FROM claims WHERE queue_id = %s AND assignee_id IS NULL AND status IN ('new', 'triaged')
ORDER BY priority DESC, checkworthiness DESC, id LIMIT 1 FOR UPDATE SKIP LOCKED
"""


def _bare(url: str, queue_id: int, user_id: int, takes: int, start, results) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    parts = make_url(url)
    with psycopg.connect(host=parts.host, port=parts.port or 5432, user=parts.username, password=parts.password,
                         dbname=parts.database) as connection:
        taken = []
        start.wait()
        began = time.perf_counter()
        for _ in range(takes):
            with connection.transaction():
                row = connection.execute(_BARE_TAKE, (queue_id,)).fetchone()
                if row is None:
                    break
                connection.execute("UPDATE claims SET assignee_id = %s, version_id = version_id + 1 WHERE id = %s",
                                   (user_id, row[0]))
            taken.append(row[0])
    results.put((taken, [], time.perf_counter() - began))


def _service(url: str, queue_id: int, user_id: int, takes: int, start, results) -> None:
    from factcheck import create_app
    from factcheck.extensions import db
    from factcheck.models import User
    from factcheck.services.claims import triage

    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    taken = []
    with app.app_context():
        actor = db.session.get(User, user_id)
        warm = triage.take_next(actor, queue_id)  # warm: imports, the connection, the first plans
        warm_ids = [warm.id] if warm else []
        start.wait()
        began = time.perf_counter()
        for _ in range(takes):
            claim = triage.take_next(actor, queue_id)
            if claim is None:
                break
            taken.append(claim.id)
        db.engine.dispose()
    results.put((taken, warm_ids, time.perf_counter() - began))


def _run(target, desk: seed_scale.Desk, user_ids: list[int], checkers: int, takes: int) -> tuple[float, int]:
    """Claims per second (from the common start to the last process done) and claims handed out twice, with
    ``checkers`` processes running ``target``."""
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(checkers), context.Queue()
    workers = [context.Process(target=target, args=(desk.url, desk.queue_ids[0], user_ids[n % len(user_ids)],
                                                    takes // checkers, start, results)) for n in range(checkers)]
    for worker in workers:
        worker.start()
    taken, warm, elapsed = [], [], 0.0
    for _ in workers:
        counted, uncounted, seconds = _result(results, workers)
        taken += counted
        warm += uncounted
        elapsed = max(elapsed, seconds)
    for worker in workers:
        worker.join(timeout=60)
    _hand_back(desk.url, taken + warm)
    return len(taken) / elapsed, sum(n - 1 for n in Counter(taken + warm).values() if n > 1)


def _result(results, workers):
    """The next worker's claims; a worker that died stops the bench instead of leaving it waiting."""
    import queue

    while True:
        try:
            return results.get(timeout=2)
        except queue.Empty:
            dead = [w.exitcode for w in workers if w.exitcode not in (None, 0)]
            if dead:
                raise SystemExit(f"a checker process failed (exit codes {dead}); see its traceback above") from None


def _hand_back(url: str, claim_ids: list[int]) -> None:
    """Unassign what a run took (the warm-up's takes too), so the next run finds the same queue."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE claims SET assignee_id = NULL WHERE id = ANY(:ids)"), {"ids": claim_ids})
    engine.dispose()


def _checker_ids(url: str, emails: tuple[str, ...]) -> list[int]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as connection:
        ids = connection.execute(text("SELECT id FROM users WHERE email = ANY(:emails) ORDER BY id"),
                                 {"emails": list(emails)}).scalars().all()
    engine.dispose()
    return list(ids)


def measure(desk: seed_scale.Desk, takes: int) -> dict[int, dict[str, float]]:
    user_ids = _checker_ids(desk.url, desk.checker_emails)
    figures = {}
    for checkers in CHECKERS:
        bare, bare_twice = _run(_bare, desk, user_ids, checkers, takes)
        service, twice = _run(_service, desk, user_ids, checkers, takes)
        figures[checkers] = {"bare": bare, "service": service, "twice": twice + bare_twice}
        print(f"  {checkers} checker(s): bare loop {bare:7.1f} claims/s, service {service:7.1f} claims/s "
              f"({100 * service / bare:5.1f} % of bare), handed out twice: {twice} (bare loop: {bare_twice})",
              flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--admin-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 1_000_000])
    parser.add_argument("--takes", type=int, default=480, help="claims taken per run, shared by its checkers")
    parser.add_argument("--db", action="append", default=[], metavar="SIZE=URL",
                        help="use a database seed_scale.py --keep left for that size (it is not dropped)")
    args = parser.parse_args()
    kept = {int(size): url for size, url in (item.split("=", 1) for item in args.db)}
    results = {}
    for size in args.sizes:
        print(f"\n{size:,} claims", flush=True)
        if size in kept:
            results[size] = measure(seed_scale.reuse(kept[size]), args.takes)
        else:
            with seed_scale.scratch_database(args.admin_url, size) as desk:
                results[size] = measure(desk, args.takes)
    small, large = min(results), max(results)
    print(f"\nservice rate at {large:,} / at {small:,} (bar: >= 90 %)")
    for checkers in CHECKERS:
        a, b = results[small][checkers]["service"], results[large][checkers]["service"]
        print(f"  {checkers} checker(s): {100 * b / a:6.1f} %")


if __name__ == "__main__":
    main()
