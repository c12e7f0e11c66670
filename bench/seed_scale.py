"""A scratch PostgreSQL database at a desk's volume: 100k articles, 1M claims, 50k links, 1M audit rows.

    .venv/bin/python bench/seed_scale.py [--admin-url postgresql+psycopg://postgres@127.0.0.1:5432/test]
                                         [--claims 1000000] [--keep]
    .venv/bin/python bench/seed_scale.py --drop <url printed by --keep>

Creates a database of its own on the admin URL's server (``factcheck_bench_scale_<hex>``; never an existing one),
migrates it to head, adds the people (an admin, an editor, four checkers who log in with ``PASSWORD``) and eight
queues, then fills it with ``INSERT … SELECT generate_series`` (``tests/scale_seed.py``: the spread of a desk that
has run for years at 340 claims a day) and runs VACUUM ANALYZE, as autovacuum would on a live database. Articles,
links and audit rows follow the claims (1/10, 1/20, 1/1). It prints how long each step took, and drops the database
at the end unless ``--keep`` (then ``--drop`` removes it later; it refuses any database it did not name).
``queue_latency.py`` and ``take_next.py`` build their databases with :func:`scratch_database`, or take one that
``--keep`` left (:func:`reuse`).
"""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

PREFIX = "factcheck_bench_scale"
PASSWORD = "bench-password-1234"
CHECKERS = 4
QUEUES = 8


@dataclass(frozen=True)
class Desk:
    url: str
    admin_email: str
    editor_email: str
    checker_emails: tuple[str, ...]
    queue_ids: tuple[int, ...]  # the biggest first


def volume_for(claims: int):
    from tests.scale_seed import Volume

    return Volume(articles=max(1, claims // 10), claims=claims, links=max(1, claims // 20), audit_events=claims)


def _people_and_queues(app) -> tuple[list[int], list[int], int, int]:
    from factcheck.extensions import db
    from factcheck.models import Queue, QueueMember, User, UserRole
    from factcheck.passwords import hash_password
    from factcheck.services.verdicts import scales

    with app.app_context():
        scale = scales.ensure_default_scale()
        password = hash_password(PASSWORD)
        people = []
        for email, roles in [("admin@bench.test", ("admin",)), ("editor@bench.test", ("editor",))] + [
                (f"checker{n}@bench.test", ("reviewer", "checker")) for n in range(CHECKERS)]:
            user = User(email=email, display_name=email.split("@")[0].title(), password_hash=password, active=True)
            user.role_rows = [UserRole(role=role) for role in roles]
            people.append(user)
        queues = [Queue(name=f"Rubrique {n}") for n in range(QUEUES)]
        db.session.add_all(people + queues)
        db.session.flush()
        for queue in queues:  # every checker works every queue
            queue.members = [QueueMember(user_id=u.id, role="reviewer") for u in people[2:]]
        db.session.commit()
        return [u.id for u in people], [q.id for q in queues], scale.id, scale.ratings[0].id


def reuse(url: str) -> Desk:
    """The people and queues of a database this module seeded (``--keep``), the biggest queue first."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    if not (make_url(url).database or "").startswith(PREFIX + "_"):
        raise SystemExit(f"{make_url(url).database!r} is not a {PREFIX}_… database")
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            queues = connection.execute(text(
                "SELECT q.id FROM queues q LEFT JOIN claim_status_counts c ON c.queue_key = q.id "
                "GROUP BY q.id ORDER BY coalesce(sum(c.n), 0) DESC, q.id")).scalars().all()
    finally:
        engine.dispose()
    return Desk(url, "admin@bench.test", "editor@bench.test",
                tuple(f"checker{n}@bench.test" for n in range(CHECKERS)), tuple(queues))


def seed_database(admin_url: str, claims: int, *, verbose: bool = True) -> Desk:
    """Create, migrate and fill a scratch database; the caller drops it (``drop``)."""
    from flask_migrate import upgrade
    from sqlalchemy import text

    from factcheck import create_app
    from factcheck.extensions import db
    from tests import isolation, scale_seed

    url = isolation.create_postgres_database(admin_url, prefix=PREFIX)
    try:
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
        started = time.perf_counter()
        with app.app_context():
            upgrade()
        people, queue_ids, scale_id, rating_id = _people_and_queues(app)
        migrated = time.perf_counter()
        with app.app_context():
            scale_seed.seed(db.session, volume_for(claims), queue_ids=queue_ids, user_ids=people[2:],
                            scale_id=scale_id, rating_id=rating_id)
            seeded = time.perf_counter()
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text("VACUUM ANALYZE"))
            db.engine.dispose()
        if verbose:
            print(f"{claims:,} claims: migrated in {migrated - started:.0f} s, seeded in {seeded - migrated:.0f} s, "
                  f"vacuumed in {time.perf_counter() - seeded:.0f} s", flush=True)
        return reuse(url)
    except BaseException:
        drop(admin_url, url)
        raise


def drop(admin_url: str, url: str) -> None:
    """Drop a scratch database this module named (any other name is refused)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = make_url(url).database or ""
    if not name.startswith(PREFIX + "_"):
        raise SystemExit(f"refusing to drop {name!r}: not a {PREFIX}_… database")
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()


@contextmanager
def scratch_database(admin_url: str, claims: int) -> Iterator[Desk]:
    desk = seed_database(admin_url, claims)
    try:
        yield desk
    finally:
        drop(admin_url, desk.url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--admin-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="leave the database in place and print its URL")
    parser.add_argument("--drop", metavar="URL", help="drop a database an earlier --keep left")
    args = parser.parse_args()
    if args.drop:
        drop(args.admin_url, args.drop)
        print(f"dropped {args.drop}")
        return
    desk = seed_database(args.admin_url, args.claims)
    if args.keep:
        print(f"kept: {desk.url}")
    else:
        drop(args.admin_url, desk.url)
        print("dropped")


if __name__ == "__main__":
    main()
