"""Interactive before bulk: a pasted article's time to claims on idle workers and during a bulk import.

    .venv/bin/python bench/paste_during_bulk.py [--bulk 120] [--pastes 3] [--redis-server redis://127.0.0.1:6379]
                                                [--database-url URL] [--layout procfile|shared]

Starts the Procfile's two workers (``worker`` on ingest, extract and default; ``interactive`` on the interactive
queue) with their own command lines, warms both up, then pastes the seed article ``--pastes`` times on idle
workers, submits a ``--bulk`` article bulk upload (news-length articles, numbered so none is a duplicate) and,
once the bulk workers are busy, pastes the same number of times again while the import drains. Prints each
paste's time from submission to stored claims, the medians, their ratio (the bar: during bulk <= 2x idle) and
how many bulk articles were still queued when each paste finished.

``--layout shared`` runs one worker on every queue instead (``-Q interactive,ingest,extract,default -c 2``): what
the interactive queue gives without a worker of its own (a paste waits for a free slot).

Runs on the embedded filesystem broker of ``make run`` in a throw-away folder, or on an empty db it claims on the
Redis server given (``--redis-server``; flushed at the end only while it still holds this run's marker, the way
the test suite claims one), and on a throw-away SQLite file or the EMPTY database given with --database-url.
Both figures come from one run, so the ratio stands even when the machine is busy.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SEED = REPO.parent / "shared" / "seeds" / "000_fc3dcdb732654b5c.txt"
ARTICLES = REPO / "bench" / "data" / "articles"  # news-length articles we wrote; fr_*.txt and en_*.txt
SHARED_WORKER = "-A app:celery_app worker --queues interactive,ingest,extract,default --concurrency 2 " \
                "--hostname shared@%h --loglevel INFO"


def _bulk_rows(first: int, count: int) -> bytes:
    """A JSONL upload of news-length articles ``first`` to ``first + count - 1``, numbered so none is a duplicate."""
    base = [(p.read_text(encoding="utf-8"), p.name[:2]) for p in sorted(ARTICLES.glob("*.txt"))]
    if SEED.exists():
        base.append((SEED.read_text(encoding="utf-8"), "fr"))
    rows = []
    for i in range(first, first + count):
        text, lang = base[i % len(base)]
        rows.append({"text": f"{text}\n\n(Réf. lot {i})" if lang == "fr" else f"{text}\n\n(Ref. batch {i})",
                     "title": f"Bulk {i}", "outlet": "Bench", "language": lang})
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode()


def _paste_text(i: int) -> str:
    text = SEED.read_text(encoding="utf-8") if SEED.exists() else (ARTICLES / "fr_hopitaux.txt").read_text()
    return f"{text}\n\n(Collé {i})"


def _worker_commands(layout: str) -> dict[str, list[str]]:
    """name -> argv: the Procfile's celery workers run by this interpreter, or one shared worker."""
    from honcho.environ import parse_procfile

    if layout == "shared":
        return {"shared": [sys.executable, "-m", "celery", *shlex.split(SHARED_WORKER)]}
    commands = {}
    for name, line in parse_procfile((REPO / "Procfile").read_text()).processes.items():
        argv = shlex.split(line)
        at = next((i for i, arg in enumerate(argv) if Path(arg).name == "celery"), None)
        if at is not None and "worker" in argv[at + 1:]:
            # through env(1), which takes the line's variables (REMAP_SIGTERM=SIGQUIT) and execs in its own place
            commands[name] = ["env", *argv[:at], sys.executable, "-m", "celery", *argv[at + 1:]]
    return commands


def _start(argv: list[str], name: str, env: dict, folder: Path) -> subprocess.Popen:
    argv = list(argv)
    if "--hostname" in argv:
        argv[argv.index("--hostname") + 1] = f"{name}-{uuid.uuid4().hex[:6]}@%h"
    with open(folder / f"{name}.log", "w") as log:
        return subprocess.Popen([*argv, "--without-gossip", "--without-mingle"], cwd=REPO, env=env, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)


def _stop(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        worker.send_signal(signal.SIGQUIT)  # cold shutdown: what is left of the import is of no interest
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bulk", type=int, default=120)
    parser.add_argument("--pastes", type=int, default=3)
    parser.add_argument("--redis-server", help="a Redis server on which to claim an EMPTY db (default: the "
                                               "embedded filesystem broker)")
    parser.add_argument("--database-url", help="an EMPTY database to use instead of a throw-away SQLite file")
    parser.add_argument("--layout", choices=("procfile", "shared"), default="procfile")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="fc-paste-bench-"))
    claim = None
    if args.redis_server:
        from tests.isolation import RedisClaim

        claim = RedisClaim(args.redis_server)
    os.environ.update(DATABASE_URL=args.database_url or f"sqlite:///{tmp / 'bench.sqlite'}",
                      FACTCHECK_INSTANCE_PATH=str(tmp / "instance"), FACTCHECK_ENV="development")
    os.environ.pop("CELERY_BROKER_URL", None)
    if claim:
        os.environ["REDIS_URL"] = claim.url
    else:
        os.environ.pop("REDIS_URL", None)
    try:
        _run(args, tmp)
    finally:
        if claim:
            claim.release()
    print(f"(logs and database in {tmp})")


def _run(args, tmp: Path) -> None:
    from flask_migrate import upgrade
    from sqlalchemy import func, select

    from factcheck import create_app
    from factcheck.extensions import db
    from factcheck.models import Article, User, UserRole
    from factcheck.services.articles import articles

    app = create_app({"CELERY_ALWAYS_EAGER": False})
    with app.app_context():
        upgrade()
        actor = User(email="bench@example.org", display_name="Bench", password_hash="-",
                     role_rows=[UserRole(role="reviewer")])
        db.session.add(actor)
        db.session.commit()
        actor_id = actor.id

    def counts() -> dict[str, int]:
        db.session.rollback()
        rows = db.session.execute(select(Article.status, func.count()).where(Article.source_kind == "bulk")
                                  .group_by(Article.status))
        return dict(rows.all())

    def paste(i: int) -> tuple[float, int]:
        started = time.monotonic()
        article_id = articles.submit_text(db.session.get(User, actor_id), text=_paste_text(i),
                                          title=f"Paste {i}").article.id
        while True:
            db.session.rollback()
            article = db.session.get(Article, article_id)
            if article.status in ("done", "failed"):
                break
            for name, worker in workers.items():
                if worker.poll() is not None:
                    raise SystemExit(f"the {name} worker exited; see {tmp / (name + '.log')}")
            time.sleep(0.05)
        if article.status != "done":
            raise SystemExit(f"paste {i} failed: {article.error}")
        return time.monotonic() - started, counts().get("queued", 0)

    def wait_bulk(done: int) -> None:
        while counts().get("done", 0) + counts().get("failed", 0) < done:
            time.sleep(0.2)

    env = dict(os.environ)
    workers = {name: _start(argv, name, env, tmp) for name, argv in _worker_commands(args.layout).items()}
    print(f"broker {app.extensions['celery'].conf.broker_url}, database {app.config['SQLALCHEMY_DATABASE_URI']}, "
          f"workers: {', '.join(workers)} ({args.layout} layout); {os.cpu_count()} cores")
    try:
        with app.app_context():
            actor = db.session.get(User, actor_id)
            started = time.monotonic()
            paste(0)  # loads the models in the process that serves pastes
            articles.submit_bulk(actor, data=_bulk_rows(0, 2), filename="warm-up.jsonl")
            wait_bulk(2)  # and in the bulk pool processes
            print(f"warm-up (model loading): {time.monotonic() - started:.1f} s")

            idle = [paste(1 + i)[0] for i in range(args.pastes)]
            print("idle:        " + "  ".join(f"{t:.2f} s" for t in idle))

            report = articles.submit_bulk(db.session.get(User, actor_id), data=_bulk_rows(2, args.bulk),
                                          filename="import.jsonl")
            bulk = len(report.created)
            wait_bulk(2 + 2)  # the bulk workers are busy: both pool processes finished an article of the import
            during = []
            for i in range(args.pastes):
                took, queued = paste(100 + i)
                during.append(took)
                print(f"during bulk: {took:.2f} s  ({queued}/{bulk} bulk articles still queued)")
                if not queued:
                    print("  the import drained before the pastes ended: rerun with a larger --bulk")
                    break
    finally:
        for worker in workers.values():
            _stop(worker)

    ratio = statistics.median(during) / statistics.median(idle)
    print(f"paste to claims: idle median {statistics.median(idle):.2f} s, during a {bulk}-article bulk import "
          f"median {statistics.median(during):.2f} s (max {max(during):.2f} s): ratio {ratio:.2f} "
          f"(bar: <= 2.0) {'PASS' if ratio <= 2.0 else 'FAIL'}")


if __name__ == "__main__":
    main()
