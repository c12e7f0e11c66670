"""Check-worthiness: the sentence scorer, and the rule adjustments applied on top of its score.

The model lives in `checkworthiness.py`, imported lazily so importing the package stays cheap. Adjustments
encode what the rules know and the model does not: an accusation or a denial is worth checking, a number
makes a sentence checkable, a sentence in the author's voice with no name or number is usually scene-setting.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

Scorer = Callable[[Sequence[str], str], list[float]]

# What a desk checks first, by kind: accusations and the denials answering them lead, scene-setting trails.
KIND_PRIORITY = {"accusation": 0.9, "denial": 0.85, "prediction": 0.55, "proposal": 0.5, "quote": 0.5,
                 "statement": 0.45}
MODEL_WEIGHT = 0.5


def resolve_scorer(scorer: Scorer | None) -> Scorer:
    """The given scorer, else the shipped model (``checkworthiness.score_sentences``)."""
    if scorer is not None:
        return scorer
    from .checkworthiness import score_sentences

    return score_sentences


def priority(model_score: float, kind: str, attribution: str, *, quantities: bool, entities: bool,
             named_claimant: bool, linked: bool) -> float:
    """The claim's rank in the queue: half the sentence model, half what the rules know about the claim.

    The model alone rates scene-setting high and French accusations low; the kind, a named claimant, numbers and
    a link to an answering claim say what a desk checks first. The raw model score is kept beside it.
    """
    rule = KIND_PRIORITY.get(kind, 0.45) + 0.1 * quantities + 0.05 * named_claimant + 0.05 * linked
    if attribution == "author" and not quantities and not entities:
        rule -= 0.15
    score = MODEL_WEIGHT * float(model_score) + (1 - MODEL_WEIGHT) * min(1.0, rule)
    return round(max(0.0, min(1.0, score)), 3)
