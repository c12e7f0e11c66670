"""Whole numbers read from outside (URLs, query strings, form fields, cursors), kept to what a database column
holds: SQLite and PostgreSQL both refuse an integer beyond 64 bits, and the refusal surfaced as a 500."""
from __future__ import annotations

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1


def parse_int64(raw: str | None, *, minimum: int = INT64_MIN) -> int | None:
    """``raw`` as an int within ``minimum``..``INT64_MAX``, or None for anything else (empty, '1.5', '²', 2**64).

    Only ASCII digits with an optional leading minus are read: ``int()`` also takes '١٢', '1_000' and spaces.
    """
    text = (raw or "").strip()
    digits = text[1:] if text.startswith("-") else text
    if not digits or len(digits) > 19 or not (digits.isascii() and digits.isdigit()):
        return None
    value = int(text)
    return value if minimum <= value <= INT64_MAX else None
