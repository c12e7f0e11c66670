"""Server-side sessions (Flask-Session): the cookie carries a random session id, the session itself stays here.

A signed cookie session grows with what is put in it: every "take next" adds a flash message, and a script that
never follows the redirect never reads one back, so the cookie grew until the server refused the request headers
(431) after about 50 takes. Kept on the server, the cookie stays one short id whatever the session holds, logging
out or being revoked deletes the session itself (a copied cookie then opens nothing), and the id changes at login.

Where sessions live: Redis when ``REDIS_URL`` is set, shared by every web process and host; otherwise files under
``instance/sessions`` (cachelib), shared by every web process of the host as the embedded rate-limit storage is,
so several hosts need Redis. A stored session expires ``SESSION_MAX_AGE`` after its last write; the idle and the
absolute limits themselves are checked on every request by ``factcheck.auth.session``.
"""
from __future__ import annotations

from pathlib import Path

from cachelib.file import FileSystemCache
from flask import Flask, current_app, session
from flask_session import Session
from redis import Redis

# Flash messages kept for the next page: a client that never shows a page (a script) must not grow its session.
MAX_FLASHES = 20
# Past this many session files cachelib first drops expired ones, then the oldest: enough for any desk's logins
# within SESSION_MAX_AGE on one host.
MAX_SESSION_FILES = 20_000


def init_server_sessions(app: Flask) -> None:
    """Store sessions in Redis or the instance folder, never in the cookie; call after the config is loaded."""
    redis_url, lifetime = app.config.get("REDIS_URL"), app.config["SESSION_MAX_AGE"]
    app.config.update(
        SESSION_PERMANENT=False,  # a browser-session cookie, sent again only when the session changes
        SESSION_REFRESH_EACH_REQUEST=False,  # stored again only when it changes (the idle clock's touch included)
        PERMANENT_SESSION_LIFETIME=lifetime,  # how long a stored session is kept
        SESSION_KEY_PREFIX="factcheck:session:",
    )
    if redis_url:
        app.config.update(SESSION_TYPE="redis", SESSION_REDIS=Redis.from_url(redis_url))
    else:
        folder = Path(app.instance_path) / "sessions"
        files = FileSystemCache(str(folder), threshold=MAX_SESSION_FILES, default_timeout=int(lifetime.total_seconds()))
        app.config.update(SESSION_TYPE="cachelib", SESSION_CACHELIB=files)
    Session(app)
    app.after_request(_keep_recent_flashes)


def renew_session() -> None:
    """Empty the session under a new id (at login): an id planted in the browser or seen before reaches nothing."""
    interface = current_app.session_interface
    if hasattr(interface, "regenerate"):
        interface.regenerate(session)  # deletes the stored session of the old id
    session.clear()


def _keep_recent_flashes(response):
    if "_flashes" in session and len(session["_flashes"]) > MAX_FLASHES:  # ``in`` does not mark the session read
        session["_flashes"] = session["_flashes"][-MAX_FLASHES:]
    return response
