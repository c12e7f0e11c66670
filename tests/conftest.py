"""Fixtures from the app factory: ``app``, ``client``, ``login_as(role)`` and a clean database per test.

The suite only ever touches what it creates (``tests/isolation.py``): a SQLite file in a temporary folder by
default, or a fresh PostgreSQL database created through ``TEST_POSTGRES_ADMIN_URL`` and dropped at the end, and an
empty db it claims on the Redis server named by ``TEST_REDIS_URL``. ``DATABASE_URL``, ``REDIS_URL`` and
``CELERY_BROKER_URL`` inherited from the shell are removed before anything reads them. The schema is built once
per session by the Alembic migrations, never by ``create_all``.
"""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import g
from flask.testing import FlaskClient

from tests import isolation

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
_TMP = Path(tempfile.mkdtemp(prefix="factcheck-tests-"))
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)

for _inherited in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"):
    os.environ.pop(_inherited, None)  # a developer's working instance is never the tests' database

POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_ADMIN_URL", "")
POSTGRES_URL = isolation.create_postgres_database(POSTGRES_ADMIN_URL) if POSTGRES_ADMIN_URL else ""
if POSTGRES_URL:
    atexit.register(isolation.drop_postgres_database, POSTGRES_ADMIN_URL, POSTGRES_URL)
_REDIS = isolation.RedisClaim(os.environ["TEST_REDIS_URL"]) if os.environ.get("TEST_REDIS_URL") else None
REDIS_URL = _REDIS.url if _REDIS else ""
if _REDIS:
    atexit.register(_REDIS.release)
    os.environ["REDIS_URL"] = REDIS_URL

# The environment is fixed before the app module is imported anywhere, so worker subprocesses see it too.
os.environ["DATABASE_URL"] = POSTGRES_URL or isolation.create_sqlite_database(_TMP)
os.environ["FACTCHECK_INSTANCE_PATH"] = str(_TMP / "instance")
os.environ["FACTCHECK_ENV"] = "development"
os.environ.setdefault("SECRET_KEY", "x" * 40)

from factcheck import create_app  # noqa: E402
from factcheck.extensions import db  # noqa: E402
from tests import factories  # noqa: E402

TEST_CONFIG = {
    "TESTING": True,
    "WTF_CSRF_ENABLED": False,
    "RATELIMIT_ENABLED": False,
    "SERVER_NAME": "factcheck.test",
    "CELERY_ALWAYS_EAGER": True,
}


class FreshContextClient(FlaskClient):
    """A test client whose every request starts with an empty ``g``, as in production.

    The ``app`` fixture keeps an app context open for direct database access; requests reuse it, so without
    this a second client would inherit the first one's cached login (``g._login_user``).
    """

    def open(self, *args, **kwargs):
        g.__dict__.clear()
        return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def _migrated_app():
    from flask_migrate import upgrade

    app = create_app(TEST_CONFIG)
    app.test_client_class = FreshContextClient
    with app.app_context():
        isolation.assert_owned(db.engine.url, "migrate")
        upgrade()  # the database is new: nothing to downgrade first
    return app


@pytest.fixture()
def app(_migrated_app):
    app = _migrated_app
    celery = app.extensions["celery"]
    celery.set_current()  # an extra app built by make_app must not stay Celery's current one
    celery.set_default()
    with app.app_context():
        factories.reset_database()
        yield app
        db.session.remove()


@pytest.fixture()
def postgres_url():
    """The PostgreSQL database this session created and runs on; tests that need PostgreSQL skip without it."""
    if not POSTGRES_URL:
        pytest.skip("needs PostgreSQL: set TEST_POSTGRES_ADMIN_URL=postgresql+psycopg://…/postgres-db (.ci/run does); "
                    "the tests create and drop their own database there")
    return POSTGRES_URL


@pytest.fixture()
def redis_url():
    """The empty Redis db this session claimed on ``TEST_REDIS_URL``'s server."""
    if not REDIS_URL:
        pytest.skip("needs Redis: set TEST_REDIS_URL=redis://127.0.0.1:6379 (.ci/run does); the tests claim an "
                    "empty db there")
    return REDIS_URL


@pytest.fixture()
def client(app):
    return app.test_client()


@contextmanager
def limiter_state_kept():
    """Put the limiter's state back on leaving.

    Flask-Limiter keeps its switch and storage on the one module-level limiter, which every ``init_app``
    rewrites: without this, a test after one that built a rate-limited app would run rate-limited.
    """
    from factcheck.extensions import limiter

    saved = dict(vars(limiter))
    try:
        yield
    finally:
        vars(limiter).clear()
        vars(limiter).update(saved)


def build_extra_app(**overrides):
    """An extra app with config overrides over the same database (inside ``limiter_state_kept``)."""
    extra = create_app({**TEST_CONFIG, **overrides})
    extra.test_client_class = FreshContextClient
    return extra


@pytest.fixture()
def make_app():
    """Build extra apps with config overrides (CSRF on, rate limits on …) over the same database."""
    with limiter_state_kept():
        yield build_extra_app


@pytest.fixture()
def login_as(app, client):
    """Log the test client in with a fresh user holding the given role(s); returns the user."""
    def login(*roles: str, **kwargs):
        user = factories.make_user(roles=roles or ("reviewer",), **kwargs)
        response = client.post("/auth/login", data={"email": user.email, "password": factories.PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return user

    return login


@pytest.fixture(scope="session")
def httpserver_listen_address():
    """Local test servers listen on 127.0.0.1 only (never a name that resolves elsewhere)."""
    return ("127.0.0.1", 0)
