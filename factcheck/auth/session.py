"""Flask-Login wiring: sessions carry a per-user version so logout and disabling revoke copied cookies, and two
time limits the signed cookie carries: idle (``IDLE_TIMEOUT`` since the last request) and absolute
(``SESSION_MAX_AGE`` since the login, whatever the activity).

Both clocks start in the login response itself (``user_logged_in``), so the first cookie is held to them too; a
session cookie without them is not trusted. ``last_seen`` is rewritten only when it is a quarter of the idle
timeout old (at most a minute), so an ordinary page does not send the cookie again.
"""
from __future__ import annotations

import time

from flask import Flask, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user, user_logged_in

from factcheck.extensions import db, login_manager
from factcheck.models import User

TOUCH_SECONDS_MAX = 60.0


def init_login(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.session_protection = "strong"
    user_logged_in.connect(_start_session_clocks, app)
    app.before_request(_enforce_session_limits)


def _start_session_clocks(_app, **_extra) -> None:
    session["login_at"] = session["last_seen"] = time.time()


@login_manager.unauthorized_handler
def unauthorized():
    """The API answers 401 in JSON; pages send the browser to the login form and back."""
    if request.path.startswith("/api/"):
        from factcheck.web.errors import render_error

        return render_error(401, "Log in first.")
    flash(_("Please log in to continue."), "info")
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    try:
        user_id, version = (int(part) for part in session_id.split(":", 1))
    except ValueError:
        return None
    user = db.session.get(User, user_id)
    if user is None or not user.active or user.session_version != version:
        return None
    return user


def _enforce_session_limits() -> None:
    if not current_user.is_authenticated:  # runs before the API's bearer token: this is the cookie's user
        if "_user_id" in session:  # revoked (password reset, disabled, logged out elsewhere): delete it for good
            session.clear()
        return
    now, idle = time.time(), current_app.config["IDLE_TIMEOUT"].total_seconds()
    login_at, last_seen = session.get("login_at"), session.get("last_seen")
    if (not isinstance(login_at, (int, float)) or not isinstance(last_seen, (int, float)) or now - last_seen > idle
            or now - login_at > current_app.config["SESSION_MAX_AGE"].total_seconds()):
        logout_user()
        session.clear()
        return
    if now - last_seen >= min(TOUCH_SECONDS_MAX, idle / 4):
        session["last_seen"] = now
