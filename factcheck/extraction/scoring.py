"""Check-worthiness: the sentence scorer, and the rule adjustments applied on top of its score.

The model lives in `checkworthiness.py` (another module, loaded lazily so this package imports without it).
When it is not importable, a small heuristic stands in and says so in the log, so extraction still ranks
claims. Adjustments encode what the rules know and the model does not: an accusation or a denial is worth
checking, a number makes a sentence checkable, a sentence in the author's voice with no name or number is
usually scene-setting.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence

Scorer = Callable[[Sequence[str], str], list[float]]
log = logging.getLogger(__name__)

KIND_BONUS = {"accusation": 0.15, "denial": 0.12, "quote": 0.05, "proposal": 0.05, "prediction": 0.05}
QUANTITY_BONUS = 0.10
BARE_AUTHOR_MALUS = 0.10
_DIGIT = re.compile(r"\d")
_CAPITALISED = re.compile(r"\s[A-ZÀ-Ý][\w’'-]+")


def heuristic_scores(sentences: Sequence[str], lang: str | None = None) -> list[float]:
    """A stand-in score from surface cues (numbers, names, length) when no model is installed."""
    out = []
    for s in sentences:
        score = 0.3
        score += 0.25 if _DIGIT.search(s) else 0.0
        score += min(0.2, 0.05 * len(_CAPITALISED.findall(s)))
        score += 0.1 if len(s.split()) >= 12 else 0.0
        score -= 0.15 if s.rstrip().endswith("?") else 0.0
        out.append(round(max(0.0, min(1.0, score)), 3))
    return out


def resolve_scorer(scorer: Scorer | None) -> Scorer:
    """The given scorer, else checkworthiness.score_sentences, else the heuristic (with a warning)."""
    if scorer is not None:
        return scorer
    try:
        from .checkworthiness import score_sentences
    except ImportError:
        log.warning("factcheck.extraction.checkworthiness is not available; using heuristic scores")
        return heuristic_scores
    return score_sentences


def adjust(base: float, kind: str, attribution: str, has_quantities: bool, has_entities: bool) -> float:
    """The claim's check-worthiness: the sentence score moved by what the rules found, kept in [0, 1]."""
    score = float(base) + KIND_BONUS.get(kind, 0.0)
    if has_quantities:
        score += QUANTITY_BONUS
    if attribution == "author" and not has_quantities and not has_entities:
        score -= BARE_AUTHOR_MALUS
    return round(max(0.0, min(1.0, score)), 3)
