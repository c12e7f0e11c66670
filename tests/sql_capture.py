"""The SQL statements a block runs, with their parameters: for tests that count them or EXPLAIN them."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import event

from factcheck.extensions import db


@contextmanager
def statements(keep: Callable[[str], bool] = lambda statement: True) -> Iterator[list[tuple[str, object]]]:
    """Collect the statements the engine runs inside the block that ``keep`` accepts (a ``before_cursor_execute``
    listener, removed on the way out)."""
    seen: list[tuple[str, object]] = []

    def listener(conn, cursor, statement, parameters, context, executemany):
        if keep(statement):
            seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
