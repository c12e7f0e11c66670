"""Frozen dataclasses the extraction pipeline returns.

They are plain values (no Flask, no SQLAlchemy): `services/articles/extraction.py` turns them into rows and
`pipeline.to_contract` into the JSON of shared/contracts/extraction.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Quantity:
    """A number as written, its value, and the noun it counts (or "%", a currency)."""

    text: str
    value: float | int
    unit: str | None = None


@dataclass(frozen=True)
class Entity:
    """A named entity with the label of the language's spaCy model."""

    text: str
    label: str


@dataclass(frozen=True)
class DateMention:
    """A date expression; `value` is ISO (YYYY, YYYY-MM or YYYY-MM-DD) when it could be resolved."""

    text: str
    value: str | None = None


@dataclass(frozen=True)
class ClaimLinkRef:
    """A typed link to another claim of the same result, by its index in `ExtractionResult.claims`."""

    type: str
    claim: int


@dataclass(frozen=True)
class ExtractedClaim:
    """One check-worthy proposition, with where it comes from and who makes it."""

    text: str
    sentence: str
    span: tuple[int, int]
    checkworthiness: float  # the queue priority: the model score blended with what the rules found
    kind: str = "statement"
    claimant: str | None = None
    target: str | None = None
    attribution: str = "author"
    quantities: tuple[Quantity, ...] = ()
    entities: tuple[Entity, ...] = ()
    links: tuple[ClaimLinkRef, ...] = ()
    dates: tuple[DateMention, ...] = ()
    model_score: float | None = None  # the sentence model's raw score, kept visible beside the priority
    # Content lemmas of the proposition, for cross-article matching (similarity.match_denials).
    lemmas: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class ExtractionResult:
    """Everything extracted from one article."""

    language: str
    pipeline: str
    claims: tuple[ExtractedClaim, ...] = ()
