"""Rating scales: the default one, and which scale a claim's verdict uses.

Each verdict uses the active scale of its claim's language, so a French claim is rated on the French scale and
an English one on the English scale; a claim in a language without an active scale uses the default language's.
"""
from __future__ import annotations

from sqlalchemy import select

from factcheck.extensions import db
from factcheck.languages import DEFAULT_LANGUAGE, content_language
from factcheck.models import Claim, Rating, RatingScale
from factcheck.services.core.errors import InvalidInput

# language -> (name, description, ratings); each rating is (label, value, colour, description), best first.
# ClaimReview values run from 1 (worst) to 5 (best); 0 means "off the scale" and is published without a ratingValue.
DEFAULT_SCALES = {
    "en": ("Standard", "Seven-point scale for factual claims.", (
        ("True", 5, "#1a7f37", "The claim is accurate and nothing significant is missing."),
        ("Mostly true", 4, "#4d9a2a", "Accurate, but needs clarification or extra information."),
        ("Half true", 3, "#b58b00", "Partly accurate; leaves out important details or takes things out of context."),
        ("Mostly false", 2, "#d4661a", "Contains an element of truth but ignores facts that would change the picture."),
        ("False", 1, "#c62828", "The claim is not accurate."),
        ("Misleading", 2, "#8e24aa", "Accurate facts presented so as to give a wrong impression."),
        ("Unverifiable", 0, "#5f6b7a", "The available evidence does not allow a conclusion."),
    )),
    "fr": ("Échelle standard", "Échelle en sept points pour les affirmations factuelles.", (
        ("Vrai", 5, "#1a7f37", "L’affirmation est exacte et rien d’important ne manque."),
        ("Plutôt vrai", 4, "#4d9a2a", "Exact, mais demande des précisions ou des informations supplémentaires."),
        ("À moitié vrai", 3, "#b58b00", "En partie exact ; omet des détails importants ou sort des faits de leur "
                                        "contexte."),
        ("Plutôt faux", 2, "#d4661a", "Contient une part de vérité mais ignore des faits qui changeraient le "
                                      "tableau."),
        ("Faux", 1, "#c62828", "L’affirmation est inexacte."),
        ("Trompeur", 2, "#8e24aa", "Des faits exacts présentés de façon à donner une fausse impression."),
        ("Invérifiable", 0, "#5f6b7a", "Les éléments disponibles ne permettent pas de conclure."),
    )),
}


def _active(language: str) -> RatingScale | None:
    return db.session.scalar(select(RatingScale).where(RatingScale.active.is_(True),
                                                       RatingScale.language == language))


def scale_for_claim(claim: Claim) -> RatingScale:
    """The active scale of the claim's language, else the default language's; ``InvalidInput`` if neither."""
    language = content_language(claim.language)
    scale = _active(language) or _active(DEFAULT_LANGUAGE)
    if scale is None:
        raise InvalidInput("No rating scale is active for this claim's language; ask an administrator to "
                           "activate one.")
    return scale


def offered_ratings(claim: Claim) -> list[Rating]:
    """The ratings a verdict on this claim may use: its scale's, retired ones left out."""
    try:
        scale = scale_for_claim(claim)
    except InvalidInput:
        return []
    return [r for r in scale.ratings if not r.retired]


def ensure_default_scale(language: str = DEFAULT_LANGUAGE) -> RatingScale:
    """Create and activate the language's default scale unless one is active in it; idempotent. The caller commits."""
    existing = _active(language)
    if existing:
        return existing
    name, description, ratings = DEFAULT_SCALES[language]
    scale = db.session.scalar(select(RatingScale).where(RatingScale.name == name))
    if scale is None:
        scale = RatingScale(name=name, description=description, language=language)
        scale.ratings = [
            Rating(position=i, label=label, value=value, colour=colour, description=text)
            for i, (label, value, colour, text) in enumerate(ratings)
        ]
        db.session.add(scale)
    scale.active = True
    return scale
