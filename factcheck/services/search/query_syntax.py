"""The search box's syntax, parsed once and translated safely for each engine.

A desk types words, "exact phrases" and -exclusions (``-word``, ``-"a phrase"``); case and accents never matter
(the engines fold both). Every term reaches an engine as a quoted string, so nothing a person types is ever read
as engine syntax (FTS5's ``NEAR``, ``col:``, ``*``, or tsquery operators). Pure code: no Flask, no SQLAlchemy.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from factcheck.services.core.errors import InvalidInput

QUERY_MAX = 200  # characters: a search box, not a document
TERMS_MAX = 12
# A term is kept only if it holds a letter or a digit: both engines drop punctuation, and an empty phrase would
# match nothing (or everything) depending on the engine.
_WORDLIKE = re.compile(r"[^\W_]")
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
# Control characters and lone surrogates separate words: PostgreSQL refuses a NUL in text, and none is a letter.
# The private-use pair is the highlighter's own marker (``highlight.START``/``STOP``).
_SEPARATORS = {"Cc", "Cs"}
_MARKERS = {"\ue000", "\ue001"}


@dataclass(frozen=True)
class Term:
    text: str  # one word, or the words of a phrase separated by single spaces; never holds a double quote
    phrase: bool = False
    excluded: bool = False


@dataclass(frozen=True)
class SearchQuery:
    terms: tuple[Term, ...]
    any_term: bool = False  # rows holding any of the terms, not all (``any_of``: "already checked" candidates)

    @property
    def included(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if not t.excluded)

    @property
    def excluded(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.excluded)

    def canonical(self) -> str:
        """The query written back in the box's own syntax, one space apart (stable in URLs and saved views)."""
        return " ".join(("-" if t.excluded else "") + (f'"{t.text}"' if t.phrase else t.text) for t in self.terms)

    def websearch(self) -> str:
        """The text for PostgreSQL's ``websearch_to_tsquery``: every term quoted, exclusions with ``-``."""
        return (" or " if self.any_term else " ").join(("-" if t.excluded else "") + f'"{t.text}"' for t in self.terms)

    def fts5_match(self) -> str:
        """An FTS5 MATCH expression: the included terms ANDed, each excluded one cut with NOT."""
        included = (" OR " if self.any_term else " AND ").join(_fts5_string(t.text) for t in self.included)
        expression = f"({included})"
        for term in self.excluded:
            expression += f" NOT {_fts5_string(term.text)}"
        return expression


def _fts5_string(text: str) -> str:
    """An FTS5 string literal: a double quote inside is doubled (the parser never keeps one, but the literal is
    safe whatever it is given)."""
    return '"' + text.replace('"', '""') + '"'


def any_of(words: list[str]) -> SearchQuery:
    """A query for rows holding any of ``words`` (at most ``TERMS_MAX``, each taken as one plain term), ranked by
    how many and how rare: what a program asks when it looks for rows like a text, not what a person types."""
    terms = tuple(dict.fromkeys(Term(w) for w in words if _WORDLIKE.search(w) and '"' not in w))[:TERMS_MAX]
    if not terms:
        raise InvalidInput("Give at least one word to look for.")
    return SearchQuery(terms, any_term=True)


def parse(raw: str) -> SearchQuery:
    """Read the search box. Raises ``InvalidInput`` (a 422, its message for the person who typed it) for a text
    too long, with too many terms, or with nothing to look for (only exclusions, or only punctuation)."""
    raw = "".join(" " if unicodedata.category(c) in _SEPARATORS or c in _MARKERS else c for c in raw or "").strip()
    if len(raw) > QUERY_MAX:
        raise InvalidInput("A search is at most %(QUERY_MAX)s characters long.", QUERY_MAX=QUERY_MAX)
    terms: list[Term] = []
    for match in _TOKEN.finditer(raw):
        quoted_minus, quoted, bare_minus, bare = match.groups()
        if quoted is not None:
            text, phrase, excluded = " ".join(quoted.split()), True, bool(quoted_minus)
        else:
            text, phrase, excluded = bare, False, bool(bare_minus)
        if not _WORDLIKE.search(text):
            continue
        term = Term(text, phrase=phrase and " " in text, excluded=excluded)
        if term not in terms:
            terms.append(term)
    if len(terms) > TERMS_MAX:
        raise InvalidInput("A search has at most %(TERMS_MAX)s words or phrases.", TERMS_MAX=TERMS_MAX)
    query = SearchQuery(tuple(terms))
    if not query.included:
        raise InvalidInput("Give at least one word to look for (a search cannot be only -exclusions).")
    return query
