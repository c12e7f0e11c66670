"""Flask-Login wiring: sessions carry a per-user version so logout and disabling revoke copied cookies."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import Flask, current_app, flash, redirect, request, session, url_for
from flask_login import current_user, logout_user

from factcheck.extensions import db, login_manager
from factcheck.models import User


def init_login(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.session_protection = "strong"
    app.before_request(_enforce_idle_timeout)


@login_manager.unauthorized_handler
def unauthorized():
    """The API answers 401 in JSON; pages send the browser to the login form and back."""
    if request.path.startswith("/api/"):
        from factcheck.web.errors import render_error

        return render_error(401, "Log in first.")
    flash("Please log in to continue.", "info")
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


def _enforce_idle_timeout() -> None:
    if not current_user.is_authenticated:
        return
    now = datetime.now(timezone.utc).timestamp()
    last = session.get("last_seen", now)
    if now - last > current_app.config["IDLE_TIMEOUT"].total_seconds():
        logout_user()
        session.clear()
        return
    session["last_seen"] = now
