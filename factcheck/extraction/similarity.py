"""Cross-article denial linking: which earlier claims does a new denial answer (and the reverse)?

Pure and cheap so a service can run it over many stored claims: propositions are compared by the Jaccard
overlap of their content words, each cut to a 5-letter stem so "ukrainien"/"Ukraine" and "envisage"/"envisager"
meet. Claims may be `ExtractedClaim` objects or contract dicts (with "text" and "kind").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

STEM_LENGTH = 5
DEFAULT_THRESHOLD = 0.35
_WORD = re.compile(r"[^\W\d_]+|\d+")
_STOP = frozenset(
    """le la les un une des du de d l à au aux et ou en dans sur par pour avec sans que qui ne pas se sa son ses
    leur leurs ce cette ces est sont a ont été être avoir il elle ils elles on dément démentent démenti nie nient
    nié conteste réfute the a an of to in on at by for with and or not is are was were be been has have had it its
    this that these those which who denies deny denied rejects rejected dispute disputes disputed""".split()
)


@dataclass(frozen=True)
class DenialMatch:
    """A new claim linked to an earlier one: `type` is the link from `new` to `earlier`."""

    new: Any
    earlier: Any
    type: str
    score: float


def _field(claim: Any, name: str) -> Any:
    return claim.get(name) if isinstance(claim, Mapping) else getattr(claim, name, None)


def _fold(word: str) -> str:
    word = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in word if not unicodedata.combining(c))


def proposition_stems(claim: Any) -> frozenset[str]:
    """Content-word stems of a claim's proposition (its lemmas when extracted here, else its text)."""
    words = _field(claim, "lemmas") or _WORD.findall(_field(claim, "text") or "")
    out = set()
    for w in words:
        if len(w) < 2 or w.lower() in _STOP:
            continue
        out.add(_fold(w)[:STEM_LENGTH])
    claimant = _field(claim, "claimant")
    if claimant and _field(claim, "kind") == "denial":
        out -= {_fold(w)[:STEM_LENGTH] for w in _WORD.findall(claimant)}
    return frozenset(out)


def overlapping(queries: Sequence[frozenset[str]], candidates: Sequence[frozenset[str]],
                threshold: float) -> Iterator[tuple[int, int, float]]:
    """(query index, candidate index, Jaccard) for every pair scoring at least ``threshold`` (> 0).

    Candidates are reached through the stems they share with the query (an inverted index), so the cost follows
    the overlaps rather than the product of the two lists: a stored article is compared with the last 2 000
    claims of the archive every time one is extracted.
    """
    if threshold <= 0:
        raise ValueError("threshold must be above 0: pairs sharing no stem are never visited")
    postings: dict[str, list[int]] = defaultdict(list)
    for index, stems in enumerate(candidates):
        for stem in stems:
            postings[stem].append(index)
    for query_index, stems in enumerate(queries):
        shared: Counter[int] = Counter()
        for stem in stems:
            shared.update(postings.get(stem, ()))
        for index, common in shared.items():
            score = common / (len(stems) + len(candidates[index]) - common)
            if score >= threshold:
                yield query_index, index, score


def match_denials(new_claims: Iterable[Any], earlier_claims: Iterable[Any], *,
                  threshold: float = DEFAULT_THRESHOLD,
                  stems: Callable[[Any], frozenset[str]] = proposition_stems) -> list[DenialMatch]:
    """Pairs (new, earlier) where one is a denial of the other's proposition, best match first.

    ``stems`` gives a claim's proposition stems (a caller matching against stored claims passes a cached one).
    """
    new_list = list(new_claims)
    earlier_list = list(earlier_claims)
    is_denial = [_field(c, "kind") == "denial" for c in earlier_list]
    found = []
    for n, e, score in overlapping([stems(c) for c in new_list], [stems(c) for c in earlier_list], threshold):
        new_is_denial = _field(new_list[n], "kind") == "denial"
        if new_is_denial != is_denial[e]:
            found.append((-round(score, 3), n, e, "denies" if new_is_denial else "denied-by"))
    found.sort()
    return [DenialMatch(new_list[n], earlier_list[e], type_, -score) for score, n, e, type_ in found]
