"""Date expressions resolved against the article date ("mercredi" -> the last Wednesday on or before it).

The article date may be partial (a "date 2022-02" header gives a year and month only): then weekdays and "hier"
stay unresolved, while "3 février" still gets its year. Abbreviated months count ("Feb. 11", "3 janv."), and
`date_spans` gives where the dates that carry a day or month number sit, so the quantities module leaves them out.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from .models import DateMention

_FR_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre"]
_EN_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december"]
_MONTHS = {name: i + 1 for i, name in enumerate(_FR_MONTHS)} | {name: i + 1 for i, name in enumerate(_EN_MONTHS)}
_MONTHS |= {"fevrier": 2, "aout": 8, "decembre": 12}
_ABBREVIATIONS = {"jan": 1, "janv": 1, "feb": 2, "fév": 2, "févr": 2, "fevr": 2, "mar": 3, "apr": 4, "avr": 4, "jun": 6,
                  "jul": 7, "juil": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12, "déc": 12}
_FR_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_EN_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAYS = {d: i for i, d in enumerate(_FR_DAYS)} | {d: i for i, d in enumerate(_EN_DAYS)}
_RELATIVE = {"hier": -1, "yesterday": -1, "aujourd’hui": 0, "aujourd'hui": 0, "today": 0, "demain": 1,
             "tomorrow": 1, "avant-hier": -2, "après-demain": 2}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True)) + "|" + "|".join(
    a + r"\." for a in sorted(_ABBREVIATIONS, key=len, reverse=True)) + "|" + "|".join(
    sorted(_ABBREVIATIONS, key=len, reverse=True))  # "Feb. 11" before "Feb 11"; full names before "mar", "sept"
_YEAR_CUES = (r"en|in|depuis|since|année|year|de|of|fin|début|end|d['’]ici|dès|jusqu['’]en|until|by|avant|après|before|"
              r"after")
_PATTERNS = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("dmy", re.compile(r"\b(1er|\d{1,2})(?:er|st|nd|rd|th)?(?:\s+of)?\s+(" + _MONTH_RE + r")(?:\s+(\d{4}))?\b",
                       re.IGNORECASE)),
    ("mdy", re.compile(r"\b(?=[^\W\d_]{3})(" + _MONTH_RE + r")\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b",
                       re.IGNORECASE)),
    ("my", re.compile(r"\b(?=[^\W\d_]{3})(" + _MONTH_RE + r")\s+(\d{4})\b", re.IGNORECASE)),
    ("year", re.compile(r"\b(?:" + _YEAR_CUES + r")\s+((?:1[89]|20)\d\d)\b", re.IGNORECASE)),
    ("weekday", re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)),
    ("relative", re.compile(r"(?<![\w-])(" + "|".join(re.escape(k) for k in _RELATIVE) + r")(?![\w-])",
                            re.IGNORECASE)),
]


@dataclass(frozen=True)
class DateContext:
    """What is known of the article date: year and month may be known without the day."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def of(cls, article_date: date | None, header: tuple[int, int, int | None] | None = None) -> DateContext:
        if article_date is not None:
            return cls(article_date.year, article_date.month, article_date.day)
        if header is not None:
            return cls(*header)
        return cls()

    def full(self) -> date | None:
        if self.year and self.month and self.day:
            try:
                return date(self.year, self.month, self.day)
            except ValueError:
                return None
        return None


def _iso(y: int | None, m: int | None = None, d: int | None = None) -> str | None:
    if y is None:
        return None
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _month(name: str) -> int:
    name = name.lower().rstrip(".")
    return _MONTHS.get(name) or _ABBREVIATIONS[name]


def _matches(text: str, kinds: tuple[str, ...] | None = None) -> Iterator[tuple[str, re.Match[str]]]:
    """(kind, match) of each date expression, earlier patterns first, none overlapping an earlier one."""
    taken: list[tuple[int, int]] = []  # sorted and disjoint: an overlap check bisects, so many dates stay linear
    for kind, pattern in _PATTERNS:
        if kinds is not None and kind not in kinds:
            continue
        for m in pattern.finditer(text):
            s, e = m.span()
            i = bisect_left(taken, (s, e))
            if (i > 0 and taken[i - 1][1] > s) or (i < len(taken) and taken[i][0] < e):
                continue
            insort(taken, (s, e))
            yield kind, m


def date_spans(text: str) -> list[tuple[int, int]]:
    """Sorted spans of the dates written with a day or month ("3 mars", "Feb. 11", "March 2019", "2024-03-01")."""
    return sorted(m.span() for _, m in _matches(text, ("iso", "dmy", "mdy", "my")))


def find_dates(text: str, ctx: DateContext) -> list[DateMention]:
    """Date mentions in `text` with ISO values where the context allows."""
    out: list[tuple[int, DateMention]] = []
    ref = ctx.full()
    for kind, m in _matches(text):
        s, e = m.span()
        value = None
        g = m.groups()
        if kind == "iso":
            value = _iso(int(g[0]), int(g[1]), int(g[2]))
        elif kind == "dmy":
            day = 1 if g[0].lower() == "1er" else int(g[0])
            year = int(g[2]) if g[2] else ctx.year
            value = _iso(year, _month(g[1]), day)
        elif kind == "mdy":
            year = int(g[2]) if g[2] else ctx.year
            value = _iso(year, _month(g[0]), int(g[1]))
        elif kind == "my":
            value = _iso(int(g[1]), _month(g[0]))
        elif kind == "year":
            s = m.start(1)
            value = g[0]
        elif kind == "weekday" and ref is not None:
            back = (ref.weekday() - _WEEKDAYS[g[0].lower()]) % 7
            value = (ref - timedelta(days=back)).isoformat()
        elif kind == "relative" and ref is not None:
            value = (ref + timedelta(days=_RELATIVE[g[0].lower()])).isoformat()
        out.append((s, DateMention(text[s:e], value)))
    out.sort(key=lambda pair: pair[0])
    return [d for _, d in out]
