"""Whole numbers read from outside (URLs, query strings, form fields, cursors), kept to what a database column
holds: beyond it the driver raises (SQLite past 64 bits, PostgreSQL past 32 bits for an ``Integer`` column, the
type of every id and version here) and the refusal surfaced as a 500."""
from __future__ import annotations

DB_INT_MIN = -(2**31)  # an Integer column on PostgreSQL: every id, version and count
DB_INT_MAX = 2**31 - 1
INT64_MIN = -(2**63)  # a BigInteger column, or a date as microseconds in a cursor
INT64_MAX = 2**63 - 1


def parse_int(raw: str | None, *, minimum: int = DB_INT_MIN, maximum: int = DB_INT_MAX) -> int | None:
    """``raw`` as an int within ``minimum``..``maximum``, or None for anything else (empty, '1.5', '²', 2**31).

    Only ASCII digits with an optional leading minus are read: ``int()`` also takes '١٢', '1_000' and spaces,
    and raises ValueError from 4300 digits on.
    """
    text = (raw or "").strip()
    digits = text[1:] if text.startswith("-") else text
    if not digits or len(digits) > 19 or not (digits.isascii() and digits.isdigit()):
        return None
    value = int(text)
    return value if minimum <= value <= maximum else None
