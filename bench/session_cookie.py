"""The session cookie while a script takes claims without following the redirects: signed cookie vs server-side.

    .venv/bin/python bench/session_cookie.py [--takes 200]

Every "take next" adds a flash message to the session, and a script that never loads the next page never reads
one back. With Flask's signed cookie session the whole session travels in the cookie, which grows with each take
until the server refuses the request headers (431; common servers stop at 8 KiB of headers); with the server-side
sessions the app uses (``factcheck/web/server_sessions.py``) the cookie is one session id. Prints the cookie's
length after 1, 10, 50 and ``--takes`` takes for both, in one run on a throw-away SQLite file and instance folder.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--takes", type=int, default=200)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="factcheck-cookie-"))
    os.environ.update(FACTCHECK_INSTANCE_PATH=str(folder / "instance"), FACTCHECK_ENV="development")
    os.environ.pop("REDIS_URL", None)

    from flask.sessions import SecureCookieSessionInterface
    from flask_migrate import upgrade

    from factcheck import create_app
    from factcheck.extensions import db
    from factcheck.web.server_sessions import _keep_recent_flashes
    from tests import factories

    config = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite'}", "WTF_CSRF_ENABLED": False,
              "RATELIMIT_ENABLED": False, "CELERY_ALWAYS_EAGER": True, "SECRET_KEY": "b" * 40}
    server_side = create_app(config)
    signed = create_app(config)  # what the app used before server-side sessions: no store, no cap on flashes
    signed.session_interface = SecureCookieSessionInterface()
    signed.after_request_funcs[None].remove(_keep_recent_flashes)
    with server_side.app_context():
        upgrade()
        reviewer = factories.make_user(roles=["reviewer"])
        queue = factories.make_queue(members=[(reviewer, "reviewer")])
        for n in range(2 * args.takes):  # each take hands out a claim and names it in its flash message (probe)
            factories.make_claim(queue=queue, text=f"Claim {n}: le chômage a baissé de {n % 90} % en un an.")
        email, queue_id = reviewer.email, queue.id
    checkpoints = sorted({1, 10, 50, args.takes})
    print(f"cookie length (characters) after N take-next whose redirects are not followed; {args.takes} takes")
    print(f"{'takes':>6} {'signed cookie':>14} {'server-side':>12}")
    rows: dict[str, dict[int, int]] = {}
    for name, app in (("signed", signed), ("server", server_side)):
        with app.app_context():
            client = app.test_client()
            client.post("/auth/login", data={"email": email, "password": factories.PASSWORD})
            rows[name] = {}
            for n in range(1, args.takes + 1):
                client.post(f"/queues/{queue_id}/take", data={"back": f"/queues/{queue_id}"})
                if n in checkpoints:
                    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
                    rows[name][n] = len(cookie.value) if cookie else 0
            db.session.remove()
    for n in checkpoints:
        print(f"{n:>6} {rows['signed'][n]:>14} {rows['server'][n]:>12}")


if __name__ == "__main__":
    main()
