"""Queue filters from the query string, and the keyset cursors that page through them.

Values that make no sense are dropped and reported in ``Filters.ignored`` rather than failing the page.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from urllib.parse import urlencode

from factcheck import workflow

KINDS = ("accusation", "denial", "quote", "statement", "prediction", "proposal")
SORTS = ("score", "newest", "oldest", "disputed")
ASSIGNED = ("me", "unassigned")
DISPUTE_TYPES = ("denies", "contradicts")
PER_PAGE = 25
PER_PAGE_RANGE = (5, 100)
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_TEXT_MAX = 100


@dataclass(frozen=True)
class Filters:
    """What the query string asks for, validated; ``ignored`` names the parameters that were dropped."""

    statuses: tuple[str, ...] = ()
    all_statuses: bool = False
    kinds: tuple[str, ...] = ()
    language: str | None = None
    claimant: str | None = None
    outlet: str | None = None
    min_score: float | None = None
    max_score: float | None = None
    date_from: date | None = None
    date_to: date | None = None
    assigned: str | None = None
    disputed: bool = False
    unrouted: bool = False
    sort: str = "score"
    per: int = PER_PAGE
    after: tuple[float, int] | None = None
    ignored: tuple[str, ...] = field(default=(), compare=False)

    def effective_statuses(self) -> tuple[str, ...] | None:
        """Statuses to show: the chosen ones, every one (``status=all``) or, by default, the open ones."""
        if self.all_statuses:
            return None
        return self.statuses or tuple(s for s in workflow.STATES if s in workflow.OPEN_STATES)

    def params(self, *, cursor: bool = False) -> list[tuple[str, str]]:
        """The filters as query-string pairs, in a stable order (the cursor only when asked)."""
        pairs: list[tuple[str, str]] = []
        if self.all_statuses:
            pairs.append(("status", "all"))
        pairs += [("status", s) for s in self.statuses]
        pairs += [("kind", k) for k in self.kinds]
        for key, value in (("language", self.language), ("claimant", self.claimant), ("outlet", self.outlet),
                           ("min_score", _num(self.min_score)), ("max_score", _num(self.max_score)),
                           ("from", self.date_from and self.date_from.isoformat()),
                           ("to", self.date_to and self.date_to.isoformat()), ("assigned", self.assigned)):
            if value:
                pairs.append((key, value))
        if self.disputed:
            pairs.append(("disputed", "1"))
        if self.unrouted:
            pairs.append(("unrouted", "1"))
        if self.sort != "score":
            pairs.append(("sort", self.sort))
        if self.per != PER_PAGE:
            pairs.append(("per", str(self.per)))
        if cursor and self.after is not None:
            pairs.append(("after", format_cursor(self.sort, self.after)))
        return pairs

    def query_string(self, *, cursor: bool = False, **changes) -> str:
        """The canonical query string, optionally with some fields changed (``sort="newest"`` …)."""
        target = replace(self, **changes) if changes else self
        return urlencode(target.params(cursor=cursor))

    @property
    def active(self) -> bool:
        return bool(self.params())


def _num(value: float | None) -> str | None:
    return None if value is None else f"{value:g}"


def _first(args: Mapping, key: str) -> str:
    value = args.get(key, "")
    return value.strip() if isinstance(value, str) else ""


def _getlist(args: Mapping, key: str) -> list[str]:
    if hasattr(args, "getlist"):
        return [v.strip() for v in args.getlist(key) if v.strip()]
    value = args.get(key)
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [value.strip()] if isinstance(value, str) and value.strip() else []


def parse_filters(args: Mapping) -> Filters:
    """Read filters from a query-string mapping; bad values are dropped and listed in ``ignored``."""
    ignored: list[str] = []
    values: dict = {}

    statuses = []
    for s in _getlist(args, "status"):
        if s == "all":
            values["all_statuses"] = True
        elif s in workflow.STATES and s not in statuses:
            statuses.append(s)
        else:
            ignored.append(f"status={s}")
    if values.get("all_statuses"):
        statuses = []
    values["statuses"] = tuple(statuses)

    kinds = []
    for k in _getlist(args, "kind"):
        if k in KINDS and k not in kinds:
            kinds.append(k)
        else:
            ignored.append(f"kind={k}")
    values["kinds"] = tuple(kinds)

    language = _first(args, "language").lower()
    if language:
        if _LANGUAGE.match(language):
            values["language"] = language
        else:
            ignored.append("language")
    for key in ("claimant", "outlet"):
        text = _first(args, key)
        if text:
            if len(text) <= _TEXT_MAX:
                values[key] = text
            else:
                ignored.append(key)

    for key in ("min_score", "max_score"):
        raw = _first(args, key)
        if raw:
            try:
                number = float(raw)
            except ValueError:
                number = float("nan")
            if 0.0 <= number <= 1.0:  # NaN fails both comparisons
                values[key] = number
            else:
                ignored.append(key)

    for key, attr in (("from", "date_from"), ("to", "date_to")):
        raw = _first(args, key)
        if raw:
            try:
                values[attr] = date.fromisoformat(raw)
            except ValueError:
                ignored.append(key)

    assigned = _first(args, "assigned")
    if assigned:
        if assigned in ASSIGNED:
            values["assigned"] = assigned
        else:
            ignored.append("assigned")
    for key in ("disputed", "unrouted"):
        raw = _first(args, key)
        if raw:
            if raw in ("1", "true", "on", "yes"):
                values[key] = True
            elif raw not in ("0", "false", "off", "no"):
                ignored.append(key)

    sort = _first(args, "sort") or "score"
    if sort not in SORTS:
        ignored.append("sort")
        sort = "score"
    values["sort"] = sort

    per = _first(args, "per")
    if per:
        if per.isdigit() and PER_PAGE_RANGE[0] <= int(per) <= PER_PAGE_RANGE[1]:
            values["per"] = int(per)
        else:
            ignored.append("per")

    after = _first(args, "after")
    if after:
        cursor = parse_cursor(sort, after)
        if cursor is None:
            ignored.append("after")
        else:
            values["after"] = cursor
    return Filters(**values, ignored=tuple(ignored))


# --- keyset cursors ---------------------------------------------------------------------------------------

def format_cursor(sort: str, key: tuple[float, int]) -> str:
    """``<sort value>:<claim id>``; dates travel as integer microseconds so the cursor has one colon."""
    value, claim_id = key
    if sort == "score":
        return f"{float(value)!r}:{claim_id}"
    return f"{int(value)}:{claim_id}"


def parse_cursor(sort: str, raw: str) -> tuple[float, int] | None:
    head, sep, tail = raw.rpartition(":")
    if not sep or not tail.isdigit():
        return None
    try:
        value = float(head) if sort == "score" else int(head)
    except ValueError:
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return value, int(tail)


def to_micros(moment: datetime) -> int:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp()) * 1_000_000 + moment.microsecond


def from_micros(value: int) -> datetime:
    return datetime.fromtimestamp(value // 1_000_000, tz=UTC).replace(microsecond=value % 1_000_000)
