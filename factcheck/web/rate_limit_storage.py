"""Rate-limit counters in a SQLite file, for the embedded default without Redis.

Flask-Limiter's ``memory://`` keeps one count per process, so every extra web process (gunicorn ``-w 4``) would
multiply the login attempts an attacker gets. This storage keeps the fixed-window counters in one file under
``instance/`` that every process on the host shares; each increment is one atomic upsert. Importing this module
registers the ``sqlite-limits://<absolute path>`` scheme with the ``limits`` library. Deployments across
several hosts use Redis (``REDIS_URL``) instead.
"""
from __future__ import annotations

import os
import sqlite3
import threading
import time

from limits.storage import Storage

SCHEME = "sqlite-limits"
PURGE_EVERY = 500  # increments between two sweeps of expired counters


class SQLiteFileStorage(Storage):
    """Fixed-window counters: key → (count, expires_at); an expired counter restarts at the next increment."""

    STORAGE_SCHEME = [SCHEME]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **_options: float | str | bool):
        super().__init__(uri, wrap_exceptions=wrap_exceptions)
        path = (uri or "").split("://", 1)[-1]
        if not path.startswith("/"):
            raise ValueError(f"{SCHEME}:// needs an absolute file path, got {uri!r}")
        self.path = path
        self._local = threading.local()
        self._increments = 0
        self._connection().execute(
            "CREATE TABLE IF NOT EXISTS counters "
            "(key TEXT PRIMARY KEY, count INTEGER NOT NULL, expires_at REAL NOT NULL)")

    @property
    def base_exceptions(self) -> type[Exception]:
        return sqlite3.Error

    def _connection(self) -> sqlite3.Connection:
        """One connection per thread and per process (a forked worker never reuses its parent's)."""
        connection = getattr(self._local, "connection", None)
        if connection is None or self._local.pid != os.getpid():
            connection = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")  # a counter lost in a power cut is no harm
            self._local.connection, self._local.pid = connection, os.getpid()
        return connection

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        now = time.time()
        connection = self._connection()
        count = connection.execute(
            "INSERT INTO counters (key, count, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
            "count = CASE WHEN expires_at <= ? THEN excluded.count ELSE count + excluded.count END, "
            "expires_at = CASE WHEN expires_at <= ? THEN excluded.expires_at ELSE expires_at END "
            "RETURNING count", (key, amount, now + expiry, now, now)).fetchone()[0]
        self._increments += 1
        if self._increments % PURGE_EVERY == 0:
            connection.execute("DELETE FROM counters WHERE expires_at <= ?", (now,))
        return int(count)

    def get(self, key: str) -> int:
        row = self._connection().execute(
            "SELECT count FROM counters WHERE key = ? AND expires_at > ?", (key, time.time())).fetchone()
        return int(row[0]) if row else 0

    def get_expiry(self, key: str) -> float:
        now = time.time()
        row = self._connection().execute(
            "SELECT expires_at FROM counters WHERE key = ? AND expires_at > ?", (key, now)).fetchone()
        return float(row[0]) if row else now

    def check(self) -> bool:
        try:
            self._connection().execute("SELECT 1").fetchone()
        except sqlite3.Error:
            return False
        return True

    def reset(self) -> int | None:
        return self._connection().execute("DELETE FROM counters").rowcount

    def clear(self, key: str) -> None:
        self._connection().execute("DELETE FROM counters WHERE key = ?", (key,))
