"""Queue filters from the query string, and the keyset cursors that page through them.

Values that make no sense are dropped and reported in ``Filters.ignored`` rather than failing the page.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlencode

from factcheck import workflow
from factcheck.services.core.errors import InvalidInput
from factcheck.services.core.numbers import INT64_MAX, INT64_MIN, parse_int
from factcheck.services.search import query_syntax

KINDS = ("accusation", "denial", "quote", "statement", "prediction", "proposal")
SORTS = ("score", "newest", "oldest", "disputed", "relevance")
_FLOAT_SORTS = ("score", "relevance")  # their cursors carry a float
ASSIGNED = ("me", "unassigned")
DISPUTE_TYPES = ("denies", "contradicts")
PER_PAGE = 25
PER_PAGE_RANGE = (5, 100)
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_TEXT_MAX = 100


@dataclass(frozen=True)
class Filters:
    """What the query string asks for, validated; ``ignored`` names the parameters that were dropped."""

    q: str | None = None  # the search box, in its canonical spelling (``query_syntax``)
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
        pairs: list[tuple[str, str]] = [("q", self.q)] if self.q else []
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
        if self.sort != default_sort(self.q):
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
    values: dict[str, Any] = {**_read_statuses(args, ignored), "kinds": _read_kinds(args, ignored)}
    values["q"] = _read_search(args, ignored)
    for key, attr, convert in _SINGLE_VALUED:
        values[attr] = _read_one(args, key, convert, ignored)
    sort = _read_one(args, "sort", _sort, ignored) or default_sort(values["q"])
    if sort == "relevance" and not values["q"]:  # nothing to be relevant to
        ignored.append("sort")
        sort = default_sort(None)
    values["sort"] = sort
    values["per"] = _read_one(args, "per", _per_page, ignored)
    # The cursor is read last: its value is a score or a date depending on the sort just read.
    values["after"] = _read_one(args, "after", lambda raw: parse_cursor(sort, raw), ignored)
    return Filters(**{attr: value for attr, value in values.items() if value is not None}, ignored=tuple(ignored))


def default_sort(q: str | None) -> str:
    """A search lists the best matches first; without one, the most check-worthy claims come first."""
    return "relevance" if q else "score"


def _read_search(args: Mapping, ignored: list[str]) -> str | None:
    """The search box, rewritten canonically so a URL and a saved view spell one search one way; a search with
    nothing to look for is reported with the reason."""
    raw = _first(args, "q")
    if not raw:
        return None
    try:
        return query_syntax.parse(raw).canonical()
    except InvalidInput as error:
        ignored.append(f"q ({error})")
        return None


def _read_statuses(args: Mapping, ignored: list[str]) -> dict[str, Any]:
    """``status`` repeats; ``status=all`` wins over the named ones, so a link that adds it never narrows the list."""
    all_statuses = False
    statuses: list[str] = []
    for s in _getlist(args, "status"):
        if s == "all":
            all_statuses = True
        elif s in workflow.STATES and s not in statuses:
            statuses.append(s)
        else:
            ignored.append(f"status={s}")
    if all_statuses:
        return {"all_statuses": True, "statuses": ()}
    return {"statuses": tuple(statuses)}


def _read_kinds(args: Mapping, ignored: list[str]) -> tuple[str, ...]:
    """``kind`` repeats; unknown and repeated kinds are reported so the canonical query string lists each once."""
    kinds: list[str] = []
    for k in _getlist(args, "kind"):
        if k in KINDS and k not in kinds:
            kinds.append(k)
        else:
            ignored.append(f"kind={k}")
    return tuple(kinds)


def _read_one(args: Mapping, key: str, convert: Callable[[str], Any], ignored: list[str]) -> Any:
    """A single-valued parameter: absent or blank means "no filter"; one ``convert`` refuses (None) is reported."""
    raw = _first(args, key)
    if not raw:
        return None
    value = convert(raw)
    if value is None:
        ignored.append(key)
    return value


# Converters for ``_read_one``: the value to keep, or None for one that makes no sense.

def _language(raw: str) -> str | None:
    """An ISO 639 code, lower-cased because the query compares lower-cased languages."""
    language = raw.lower()
    return language if _LANGUAGE.match(language) else None


def _short_text(raw: str) -> str | None:
    """Free text is capped: it becomes a LIKE pattern, and a pasted paragraph is a mistake, not a search."""
    return raw if len(raw) <= _TEXT_MAX else None


def _unit_score(raw: str) -> float | None:
    """Check-worthiness lies in [0, 1]; NaN fails both comparisons and is refused with the rest."""
    try:
        number = float(raw)
    except ValueError:
        return None
    return number if 0.0 <= number <= 1.0 else None


def _iso_date(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def _assigned(raw: str) -> str | None:
    return raw if raw in ASSIGNED else None


def _switch(raw: str) -> bool | None:
    """A checkbox's words for on and off; False is a valid "off", so only other words are reported."""
    if raw in ("1", "true", "on", "yes"):
        return True
    if raw in ("0", "false", "off", "no"):
        return False
    return None


def _sort(raw: str) -> str | None:
    return raw if raw in SORTS else None


def _per_page(raw: str) -> int | None:
    """Bounded so that one request cannot ask the database for the whole queue."""
    # isdecimal, not isdigit: '²' is a digit that int() refuses, and a query string must not cause a 500; a
    # short one, because int() raises ValueError from 4300 digits on.
    if raw.isdecimal() and len(raw) <= 6 and PER_PAGE_RANGE[0] <= int(raw) <= PER_PAGE_RANGE[1]:
        return int(raw)
    return None


# (query-string key, Filters attribute, converter), in the order their problems are reported.
_SINGLE_VALUED: tuple[tuple[str, str, Callable[[str], Any]], ...] = (
    ("language", "language", _language),
    ("claimant", "claimant", _short_text),
    ("outlet", "outlet", _short_text),
    ("min_score", "min_score", _unit_score),
    ("max_score", "max_score", _unit_score),
    ("from", "date_from", _iso_date),
    ("to", "date_to", _iso_date),
    ("assigned", "assigned", _assigned),
    ("disputed", "disputed", _switch),
    ("unrouted", "unrouted", _switch),
)


# --- keyset cursors ---------------------------------------------------------------------------------------

def format_cursor(sort: str, key: tuple[float, int]) -> str:
    """``<sort value>:<claim id>``; dates travel as integer microseconds so the cursor has one colon."""
    value, claim_id = key
    if sort in _FLOAT_SORTS:
        return f"{float(value)!r}:{claim_id}"
    return f"{int(value)}:{claim_id}"


def parse_cursor(sort: str, raw: str) -> tuple[float, int] | None:
    """``format_cursor``'s text back, or None for anything a page could not have written (a number beyond 64
    bits, a date outside the calendar)."""
    head, sep, tail = raw.rpartition(":")
    claim_id = parse_int(tail, minimum=1)
    if not sep or claim_id is None:
        return None
    if sort not in _FLOAT_SORTS:  # a count, or a date as integer microseconds
        whole = parse_int(head, minimum=INT64_MIN, maximum=INT64_MAX)
        if whole is None or (sort in ("newest", "oldest") and not _valid_micros(whole)):
            return None
        return whole, claim_id
    try:
        value = float(head)
    except ValueError:
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return value, claim_id


def _valid_micros(value: int) -> bool:
    try:
        from_micros(value)
    except (OverflowError, ValueError, OSError):
        return False
    return True


def to_micros(moment: datetime) -> int:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp()) * 1_000_000 + moment.microsecond


def from_micros(value: int) -> datetime:
    return datetime.fromtimestamp(value // 1_000_000, tz=UTC).replace(microsecond=value % 1_000_000)
