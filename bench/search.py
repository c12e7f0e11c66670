"""Search at scale on PostgreSQL: p50/p95 of four queries at 100k and 1M claims, and the plans they use.

    .venv/bin/python bench/search.py [--admin-url postgresql+psycopg://postgres@127.0.0.1:5432/test]
                                     [--sizes 100000 1000000] [--runs 40]

For each size, creates a database of its own on the admin URL's server (``factcheck_bench_search_<hex>``, dropped
at the end, whatever happens), migrates it, seeds the claims with ``INSERT … SELECT generate_series`` (80 % French,
20 % English, 12 random words each from a 20 000-word vocabulary, plus: « zygomatique » in exactly 5 claims, the
rare word; « gouvernement » in 30 %, the common word; « taux de chômage » in 1 %, the phrase; « sécurité » in 3 %,
typed without its accents as the accented query), runs ANALYZE, then times each query ``--runs`` times through
the service the desk and the API use (``full_text.search``, top 50 with highlights) and through the queue's
listing (``queue_listing.list_page``: the open statuses, sorted newest first, 25 rows). It prints p50/p95 per query
and size, the ratio of each p95 at the largest size to the smallest (the bar: at most 3x), and whether any plan
touches ``pk_claims``; for contrast, the naive ``ORDER BY id DESC LIMIT 50`` on the rare word, with its plan and
time. A bench, not a test: it prints, it asserts nothing.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

QUERIES = {
    "rare word": "zygomatique",
    "common word": "gouvernement",
    "phrase": '"taux de chômage"',
    "accented": "SECURITE",
}

_SEED = """
INSERT INTO claims (article_id, extraction_key, span_start, span_end, sentence, text, claimant, kind, attribution,
                    language, checkworthiness, quantities, entities, status, priority, version_id, queue_id,
                    created_at, updated_at)
SELECT 1 + g % :articles, 'bench' || g, 0, 0, body || ' (phrase source)', body, 'Porte-parole ' || (g % 500),
       'statement', 'reported', CASE WHEN g % 5 = 0 THEN 'en' ELSE 'fr' END, random(), '[]', '[]',
       (ARRAY['new', 'new', 'triaged', 'in_review', 'dismissed'])[1 + g % 5], 0, 1, 1,
       now() - (:size - g) * interval '1 second', now()
FROM generate_series(1, :size) g,
LATERAL (SELECT concat_ws(' ',
    -- 12 words of a 20 000-word vocabulary; "+ i * 0" ties the aggregate to its own level, "g * 0" makes it
    -- run again for every row
    (SELECT string_agg('w' || (1 + floor(random() * 20000)::int + i * 0), ' ') FROM generate_series(1, 12 + g * 0) i),
    CASE WHEN random() < 0.30 THEN 'le gouvernement' END,
    CASE WHEN random() < 0.01 THEN 'le taux de chômage' END,
    CASE WHEN random() < 0.03 THEN 'la sécurité' END,
    CASE WHEN g % (:size / 5) = 1 THEN 'zygomatique' END) AS body) generated
"""


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _seed(app, size: int) -> float:
    from sqlalchemy import text

    from factcheck.extensions import db
    from factcheck.models import Queue

    started = time.perf_counter()
    with app.app_context():
        db.session.add(Queue(name="Bench"))  # queue 1: the claims' queue, so the queue listing shows them
        db.session.commit()
        articles = max(1, size // 50)
        db.session.execute(text(
            "INSERT INTO articles (title, raw_text, source_kind, status, attempts, language, created_at, updated_at) "
            "SELECT 'Article ' || g, 'Texte de l''article ' || g, 'bulk', 'done', 0, 'fr', now(), now() "
            "FROM generate_series(1, :n) g"), {"n": articles})
        db.session.execute(text(_SEED), {"size": size, "articles": articles})
        db.session.commit()
        # What autovacuum does on a live database: statistics, and the GIN index's pending list merged (a scan
        # reads the whole pending list, so freshly bulk-loaded rows would make every query slow).
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE claims"))
            connection.execute(text("ANALYZE"))
    return time.perf_counter() - started


def _plan(sql_statement) -> str:
    from sqlalchemy import text

    from factcheck.extensions import db

    compiled = sql_statement.compile(dialect=db.engine.dialect, compile_kwargs={"literal_binds": True})
    return "\n".join(r[0] for r in db.session.execute(text(f"EXPLAIN {compiled}")))


def _measure(app, runs: int, user) -> dict[str, dict[str, float | bool | str]]:
    from sqlalchemy import select

    from factcheck.extensions import db
    from factcheck.models import Claim
    from factcheck.services.queues import queue_listing
    from factcheck.services.queues.queue_filters import parse_filters
    from factcheck.services.search import full_text
    from factcheck.services.search.query_syntax import parse

    figures: dict[str, dict[str, float | bool | str]] = {}
    with app.app_context():
        for label, raw in QUERIES.items():
            query = parse(raw)
            plan = _plan(select(full_text.restrict(select(Claim.id), "claims", query)))
            found = len(full_text.search("claims", query, limit=50).hits)
            service, queue = [], []
            for _ in range(runs):
                started = time.perf_counter()
                full_text.search("claims", query, limit=50)
                service.append((time.perf_counter() - started) * 1000)
                db.session.rollback()
                started = time.perf_counter()
                queue_listing.list_page(user, parse_filters({"q": raw, "sort": "newest"}))
                queue.append((time.perf_counter() - started) * 1000)
                db.session.rollback()
            figures[label] = {"found": found, "p50": statistics.median(service), "p95": _percentile(service, 0.95),
                              "queue p50": statistics.median(queue), "queue p95": _percentile(queue, 0.95),
                              "pkey": "pk_claims" in plan, "plan": plan}
    return figures


def _naive_trap(app) -> str:
    """The query the issue measured: the rare word, newest first, 50 rows, and what PostgreSQL does with it."""
    from sqlalchemy import text

    from factcheck.extensions import db

    with app.app_context():
        db.session.execute(text("SET statement_timeout = '60s'"))
        rows = db.session.execute(text(
            "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) SELECT id FROM claims "
            "WHERE search_vector @@ websearch_to_tsquery('factcheck_fr', 'zygomatique') ORDER BY id DESC LIMIT 50"))
        lines = [r[0] for r in rows]
        db.session.rollback()
    return "\n    ".join(lines)


def _bench_user(app) -> int:
    """An admin, who sees every queue (the password is never used)."""
    from factcheck.extensions import db
    from factcheck.models import User, UserRole

    with app.app_context():
        user = User(email="bench@example.org", display_name="Bench", password_hash="-", active=True)
        user.role_rows = [UserRole(role="admin")]
        db.session.add(user)
        db.session.commit()
        return user.id


def run_size(admin_url: str, size: int, runs: int) -> dict:
    from flask_migrate import upgrade

    from factcheck import create_app
    from factcheck.extensions import db
    from factcheck.models import User
    from tests import isolation

    url = isolation.create_postgres_database(admin_url, prefix="factcheck_bench_search")
    try:
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
        with app.app_context():
            upgrade()
        seconds = _seed(app, size)
        user_id = _bench_user(app)
        print(f"\n{size:,} claims seeded in {seconds:.0f} s", flush=True)
        with app.app_context():
            user = db.session.get(User, user_id)
            figures = _measure(app, runs, user)
        for label, f in figures.items():
            print(f"  {label:12} {QUERIES[label]!r:22} found {f['found']:>3}  search p50 {f['p50']:7.1f} ms  "
                  f"p95 {f['p95']:7.1f} ms   queue p50 {f['queue p50']:7.1f} ms  p95 {f['queue p95']:7.1f} ms  "
                  f"plan uses pk_claims: {'YES' if f['pkey'] else 'no'}", flush=True)
        print("  the naive ORDER BY id DESC LIMIT 50 on the rare word:\n    " + _naive_trap(app), flush=True)
        with app.app_context():
            db.engine.dispose()
        return figures
    finally:
        isolation.drop_postgres_database(admin_url, url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--admin-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--show-plans", action="store_true")
    args = parser.parse_args()
    results = {size: run_size(args.admin_url, size, args.runs) for size in args.sizes}
    small, large = min(results), max(results)
    if small != large:
        print(f"\np95 at {large:,} / p95 at {small:,} (the bar: <= 3x)")
        for label in QUERIES:
            a, b = results[small][label], results[large][label]
            print(f"  {label:12} search {b['p95'] / a['p95']:5.2f}x   queue {b['queue p95'] / a['queue p95']:5.2f}x")
    if args.show_plans:
        for label, f in results[large].items():
            print(f"\n{label} at {large:,}:\n{f['plan']}")


if __name__ == "__main__":
    main()
