"""What the dashboard reads instead of the claims: open claims per queue and month, the desk's daily histograms.

Both tables are written by database triggers only (migration 0015), in the transaction of every insert, delete or
change of a claim or a verdict, so they are never stale. ``DeskDaily`` holds, per UTC day, the claims that came in,
were triaged or had their verdict published, bucketed by the time since the claim's extraction (see
``DURATION_TIERS``); the median of a window is read from the sum of its days' buckets.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from factcheck.extensions import Model

# (below this many seconds, buckets this many seconds wide): the migration's CASE spells the same tiers
DURATION_TIERS = ((3600, 60), (86400, 300), (30 * 86400, 3600), (None, 86400))
BEFORE_EXTRACTION = -1  # the bucket of a time earlier than the claim's extraction: counted, left out of medians


def bucket_width(bucket: int) -> int:
    """How many seconds the bucket starting at ``bucket`` seconds spans."""
    return next(width for bound, width in DURATION_TIERS if bound is None or bucket < bound)


class ClaimOpenMonth(Model):
    """How many open claims of a queue (0: none) were extracted in a UTC month (its first day)."""

    __tablename__ = "claim_open_months"

    queue_key: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    n: Mapped[int] = mapped_column(Integer, nullable=False)


class DeskDaily(Model):
    """How many claims came in (``claims_in``), were triaged (``triaged``) or published (``published``) on a UTC
    day, ``bucket`` seconds (the bucket's start) after their extraction."""

    __tablename__ = "desk_daily"

    series: Mapped[str] = mapped_column(String(20), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    bucket: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    n: Mapped[int] = mapped_column(Integer, nullable=False)
