"""Rating scales: the default one and lookups used by verdicts."""
from __future__ import annotations

from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import Rating, RatingScale

DEFAULT_SCALE_NAME = "Standard"
# (label, value, colour, description), best first. ClaimReview values run from 1 (worst) to 5 (best);
# 0 means "off the scale" and is published without a ratingValue.
DEFAULT_RATINGS = (
    ("True", 5, "#1a7f37", "The claim is accurate and nothing significant is missing."),
    ("Mostly true", 4, "#4d9a2a", "Accurate, but needs clarification or extra information."),
    ("Half true", 3, "#b58b00", "Partly accurate; leaves out important details or takes things out of context."),
    ("Mostly false", 2, "#d4661a", "Contains an element of truth but ignores facts that would change the picture."),
    ("False", 1, "#c62828", "The claim is not accurate."),
    ("Misleading", 2, "#8e24aa", "Accurate facts presented so as to give a wrong impression."),
    ("Unverifiable", 0, "#5f6b7a", "The available evidence does not allow a conclusion."),
)


def ensure_default_scale() -> RatingScale:
    """Create the default scale if no scale exists yet; idempotent. The caller commits."""
    existing = db.session.scalar(select(RatingScale).where(RatingScale.active.is_(True)))
    if existing:
        return existing
    scale = db.session.scalar(select(RatingScale).where(RatingScale.name == DEFAULT_SCALE_NAME))
    if scale is None:
        scale = RatingScale(name=DEFAULT_SCALE_NAME, description="Seven-point scale for factual claims.")
        scale.ratings = [
            Rating(position=i, label=label, value=value, colour=colour, description=description)
            for i, (label, value, colour, description) in enumerate(DEFAULT_RATINGS)
        ]
        db.session.add(scale)
    scale.active = True
    return scale
