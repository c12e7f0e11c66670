"""Date expressions resolved against the article date ("mercredi" -> the last Wednesday on or before it).

The article date may be partial (a "date 2022-02" header gives a year and month only): then weekdays and "hier"
stay unresolved, while "3 février" still gets its year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .models import DateMention

_FR_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre"]
_EN_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december"]
_MONTHS = {name: i + 1 for i, name in enumerate(_FR_MONTHS)} | {name: i + 1 for i, name in enumerate(_EN_MONTHS)}
_MONTHS |= {"fevrier": 2, "aout": 8, "decembre": 12}
_FR_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_EN_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAYS = {d: i for i, d in enumerate(_FR_DAYS)} | {d: i for i, d in enumerate(_EN_DAYS)}
_RELATIVE = {"hier": -1, "yesterday": -1, "aujourd’hui": 0, "aujourd'hui": 0, "today": 0, "demain": 1,
             "tomorrow": 1, "avant-hier": -2, "après-demain": 2}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_PATTERNS = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("dmy", re.compile(r"\b(1er|\d{1,2})(?:er)?\s+(" + _MONTH_RE + r")(?:\s+(\d{4}))?\b", re.IGNORECASE)),
    ("mdy", re.compile(r"\b(" + _MONTH_RE + r")\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b", re.IGNORECASE)),
    ("my", re.compile(r"\b(" + _MONTH_RE + r")\s+(\d{4})\b", re.IGNORECASE)),
    ("year", re.compile(r"\b(?:en|in|depuis|since|année|year|de|of|fin|début|end)\s+((?:1[89]|20)\d\d)\b",
                        re.IGNORECASE)),
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


def find_dates(text: str, ctx: DateContext) -> list[DateMention]:
    """Date mentions in `text` with ISO values where the context allows."""
    out: list[tuple[int, DateMention]] = []
    taken: list[tuple[int, int]] = []
    ref = ctx.full()
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(a < e and s < b for a, b in taken):
                continue
            value = None
            g = m.groups()
            if kind == "iso":
                value = _iso(int(g[0]), int(g[1]), int(g[2]))
            elif kind == "dmy":
                day = 1 if g[0].lower() == "1er" else int(g[0])
                year = int(g[2]) if g[2] else ctx.year
                value = _iso(year, _MONTHS[g[1].lower()], day)
            elif kind == "mdy":
                year = int(g[2]) if g[2] else ctx.year
                value = _iso(year, _MONTHS[g[0].lower()], int(g[1]))
            elif kind == "my":
                value = _iso(int(g[1]), _MONTHS[g[0].lower()])
            elif kind == "year":
                s = m.start(1)
                value = g[0]
            elif kind == "weekday" and ref is not None:
                back = (ref.weekday() - _WEEKDAYS[g[0].lower()]) % 7
                value = (ref - timedelta(days=back)).isoformat()
            elif kind == "relative" and ref is not None:
                value = (ref + timedelta(days=_RELATIVE[g[0].lower()])).isoformat()
            out.append((s, DateMention(text[s:e], value)))
            taken.append((s, e))
    out.sort(key=lambda pair: pair[0])
    return [d for _, d in out]
