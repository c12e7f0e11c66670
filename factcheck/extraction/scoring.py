"""Check-worthiness: the sentence scorer, and the rule adjustments applied on top of its score.

The model lives in `checkworthiness.py`, imported lazily so importing the package stays cheap. Adjustments
encode what the rules know and the model does not: an accusation or a denial is worth checking, a number
makes a sentence checkable, a sentence in the author's voice with no name or number is usually scene-setting.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

Scorer = Callable[[Sequence[str], str], list[float]]

KIND_BONUS = {"accusation": 0.15, "denial": 0.12, "quote": 0.05, "proposal": 0.05, "prediction": 0.05}
QUANTITY_BONUS = 0.10
BARE_AUTHOR_MALUS = 0.10


def resolve_scorer(scorer: Scorer | None) -> Scorer:
    """The given scorer, else the shipped model (``checkworthiness.score_sentences``)."""
    if scorer is not None:
        return scorer
    from .checkworthiness import score_sentences

    return score_sentences


def adjust(base: float, kind: str, attribution: str, has_quantities: bool, has_entities: bool) -> float:
    """The claim's check-worthiness: the sentence score moved by what the rules found, kept in [0, 1]."""
    score = float(base) + KIND_BONUS.get(kind, 0.0)
    if has_quantities:
        score += QUANTITY_BONUS
    if attribution == "author" and not has_quantities and not has_entities:
        score -= BARE_AUTHOR_MALUS
    return round(max(0.0, min(1.0, score)), 3)
