"""What the test session may touch: only databases and Redis dbs it created itself.

A developer's shell often holds ``DATABASE_URL`` or ``REDIS_URL`` for a working instance. The suite never reads
them: it creates a SQLite file in a temporary folder, or a fresh PostgreSQL database through
``TEST_POSTGRES_ADMIN_URL`` (dropped at the end), and claims an *empty* db on the Redis server named by
``TEST_REDIS_URL`` (flushed at the end only if it still carries this session's marker). Every destructive helper
(schema downgrade, truncation, flush) calls :func:`assert_owned` first, which refuses any other URL.
"""
from __future__ import annotations

import secrets
from pathlib import Path

import redis
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

_OWNED: set[str] = set()
REDIS_MARKER = "factcheck:test-session"
_CLAIM_EMPTY_DB = """
if redis.call('DBSIZE') == 0 then
  redis.call('SET', KEYS[1], ARGV[1])
  return 1
end
return 0
"""


class NotOwnedError(RuntimeError):
    """A test helper was asked to destroy data in a database or Redis db this session did not create."""


def _key(url: str) -> str:
    return make_url(url).set(drivername=make_url(url).get_backend_name()).render_as_string(hide_password=True)


def assert_owned(url: str, action: str) -> None:
    if _key(str(url)) not in _OWNED:
        raise NotOwnedError(
            f"refusing to {action} {make_url(str(url)).render_as_string(hide_password=True)}: the test session did "
            "not create it. Tests only use the SQLite file or PostgreSQL database they create themselves "
            "(set TEST_POSTGRES_ADMIN_URL to run on PostgreSQL); DATABASE_URL from the environment is never used.")


def create_sqlite_database(folder: Path) -> str:
    url = f"sqlite:///{folder / 'test.sqlite'}"
    _OWNED.add(_key(url))
    return url


def _run_as_admin(admin_url: str, statement: str) -> None:
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


def create_postgres_database(admin_url: str, prefix: str = "factcheck_test") -> str:
    """A new, empty database on the admin URL's server; its URL is owned by this session from now on."""
    name = f"{prefix}_{secrets.token_hex(6)}"
    _run_as_admin(admin_url, f'CREATE DATABASE "{name}"')
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    _OWNED.add(_key(url))
    return url


def drop_postgres_database(admin_url: str, url: str) -> None:
    assert_owned(url, "drop")
    _run_as_admin(admin_url, f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')
    _OWNED.discard(_key(url))


class RedisClaim:
    """An empty db on a shared Redis server, marked as this session's until :meth:`release`."""

    def __init__(self, server_url: str):
        self.token = secrets.token_hex(8)
        base = redis.Redis.from_url(server_url, socket_connect_timeout=2)
        databases = int(base.config_get("databases").get("databases", 16))
        base.close()
        for number in range(databases - 1, 0, -1):  # high numbers first: db 0 is what most tools use
            client = redis.Redis.from_url(server_url, db=number, socket_connect_timeout=2)
            if client.eval(_CLAIM_EMPTY_DB, 1, REDIS_MARKER, self.token):
                self.client = client
                kwargs = client.connection_pool.connection_kwargs
                self.url = f"redis://{kwargs['host']}:{kwargs['port']}/{number}"
                return
            client.close()
        raise NotOwnedError(f"no empty Redis db on {server_url}: the tests only use a db they find empty")

    def release(self) -> None:
        """Flush the db only while it still carries this session's marker."""
        if self.client.get(REDIS_MARKER) == self.token.encode():
            self.client.flushdb()
        self.client.close()
