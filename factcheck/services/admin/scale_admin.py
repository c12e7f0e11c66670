"""Rating-scale administration: scales, their ordered ratings, retiring and the active scale of each language.

Editing never rewrites history: a verdict keeps its ``scale_id`` and each ``VerdictRevision`` its own copy of
``rating_label``, so a renamed rating changes only what is offered from now on. A rating a verdict or a revision
uses can be retired but never deleted. Each writing function records exactly one audit event and commits once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select, update

from factcheck.extensions import db
from factcheck.languages import LANGUAGES
from factcheck.models import Rating, RatingScale, User, Verdict, VerdictRevision
from factcheck.services.core import audit, integrity
from factcheck.services.core.errors import Conflict, InvalidInput, NotFound
from factcheck.services.core.guards import require
from factcheck.services.core.ordering import move_in_order
from factcheck.services.core.unique_names import commit_unique_name, ensure_name_free

MANAGE_SCALES = ("scales.manage", "Only administrators manage rating scales.")

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MAX_VALUE = 100


# --- scales ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ScaleRow:
    scale: RatingScale
    ratings: int
    verdicts: int


def list_scales() -> list[ScaleRow]:
    scales = list(db.session.scalars(select(RatingScale).order_by(RatingScale.language, RatingScale.active.desc(),
                                                                  RatingScale.name)))
    ratings = dict(db.session.execute(select(Rating.scale_id, func.count()).where(Rating.retired.is_(False))
                                      .group_by(Rating.scale_id)).tuples().all())
    verdicts = dict(db.session.execute(select(Verdict.scale_id, func.count()).group_by(Verdict.scale_id))
                    .tuples().all())
    return [ScaleRow(s, ratings.get(s.id, 0), verdicts.get(s.id, 0)) for s in scales]


def get_scale(scale_id: int) -> RatingScale:
    scale = db.session.get(RatingScale, scale_id)
    if scale is None:
        raise NotFound("No such rating scale.")
    return scale


def _clean_scale_name(name: str, exclude_id: int | None = None) -> str:
    name = " ".join((name or "").split())
    if not name or len(name) > 120:
        raise InvalidInput("A scale needs a name of at most 120 characters.")
    ensure_name_free(RatingScale, name, noun="scale", exclude_id=exclude_id)
    return name


def _clean_language(language: str) -> str:
    language = (language or "").strip().lower()
    if language not in LANGUAGES:
        raise InvalidInput("A scale is written in one of: %(value)s.", value=', '.join(LANGUAGES))
    return language


def create_scale(actor: User, *, name: str, description: str = "", language: str = "en") -> RatingScale:
    """Create an inactive, empty scale; ratings are added next and it is activated when ready."""
    require(actor, *MANAGE_SCALES)
    name, language = _clean_scale_name(name), _clean_language(language)
    scale = RatingScale(name=name, description=(description or "").strip(), language=language, active=False)
    db.session.add(scale)
    audit.record(actor, "scale.create", scale, object_type="rating_scale",
                 after={"name": name, "description": scale.description, "language": language})
    commit_unique_name(name, noun="scale")
    return scale


def update_scale(actor: User, scale_id: int, *, name: str, description: str = "", language: str = "en"
                 ) -> RatingScale:
    """Rename, describe or change the language of a scale; an active scale keeps its language."""
    require(actor, *MANAGE_SCALES)
    scale = get_scale(scale_id)
    name, language = _clean_scale_name(name, exclude_id=scale.id), _clean_language(language)
    if scale.active and language != scale.language:
        raise InvalidInput("An active scale keeps its language: activate another scale for %(LANGUAGES)s first, or "
                           "create a new scale in %(LANGUAGES2)s.", LANGUAGES=LANGUAGES[scale.language],
                           LANGUAGES2=LANGUAGES[language])
    before = {"name": scale.name, "description": scale.description, "language": scale.language}
    after = {"name": name, "description": (description or "").strip(), "language": language}
    if before == after:
        return scale
    scale.name, scale.description, scale.language = after["name"], after["description"], after["language"]
    audit.record(actor, "scale.update", scale, object_type="rating_scale", before=before, after=after)
    commit_unique_name(name, noun="scale")
    return scale


def activate_scale(actor: User, scale_id: int) -> RatingScale:
    """Make this the scale offered for new verdicts on claims in its language; the other scale of that language
    becomes inactive, scales of other languages stay as they are."""
    require(actor, *MANAGE_SCALES)
    scale = get_scale(scale_id)
    if not any(not r.retired for r in scale.ratings):
        raise InvalidInput("Add at least one rating before making this scale the active one.")
    same_language = RatingScale.language == scale.language
    previous = db.session.scalars(select(RatingScale.id).where(RatingScale.active.is_(True), same_language)).all()
    if list(previous) == [scale.id]:
        return scale
    db.session.execute(update(RatingScale).where(RatingScale.id != scale.id, same_language).values(active=False))
    db.session.flush()  # the partial unique index allows one active scale per language, so deactivate first
    scale.active = True
    audit.record(actor, "scale.activate", scale, object_type="rating_scale",
                 before={"active_scale_ids": sorted(previous)}, after={"active_scale_ids": [scale.id]})
    integrity.commit_or_refuse()  # two admins activating two scales of one language: the index keeps one
    return scale


# --- ratings --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RatingSpec:
    label: str
    value: int
    colour: str = "#777777"
    description: str = ""


def clean_rating_spec(scale: RatingScale, spec: RatingSpec, exclude_id: int | None = None) -> RatingSpec:
    """Normalise and validate; raises ``InvalidInput`` naming the first problem."""
    label = " ".join((spec.label or "").split())
    if not label or len(label) > 60:
        raise InvalidInput("A rating needs a label of at most 60 characters.")
    if any(r.label.casefold() == label.casefold() and r.id != exclude_id for r in scale.ratings):
        raise InvalidInput("This scale already has a rating labelled “%(label)s”.", label=label)
    colour = (spec.colour or "").strip()
    if not COLOUR.match(colour):
        raise InvalidInput("A colour is written #rrggbb, for example #c62828.")
    if isinstance(spec.value, bool) or not isinstance(spec.value, int) or not 0 <= spec.value <= MAX_VALUE:
        raise InvalidInput("The value is a whole number from 0 (off the scale) to %(MAX_VALUE)s.", MAX_VALUE=MAX_VALUE)
    return RatingSpec(label, spec.value, colour.lower(), (spec.description or "").strip())


def rating_snapshot(rating: Rating) -> dict:
    return {"scale_id": rating.scale_id, "label": rating.label, "value": rating.value, "colour": rating.colour,
            "description": rating.description, "position": rating.position, "retired": rating.retired}


def get_rating(scale_id: int, rating_id: int) -> Rating:
    rating = db.session.get(Rating, rating_id)
    if rating is None or rating.scale_id != scale_id:
        raise NotFound("No such rating on this scale.")
    return rating


def rating_usage(scale_id: int) -> dict[int, int]:
    """Rating id → how many verdicts currently use it (revisions are checked separately before deleting)."""
    usage = db.session.execute(
        select(Verdict.rating_id, func.count()).join(Rating, Rating.id == Verdict.rating_id)
        .where(Rating.scale_id == scale_id).group_by(Verdict.rating_id)).tuples()
    return {rating_id: n for rating_id, n in usage if rating_id is not None}  # the join leaves no None


def _in_use(rating_id: int) -> bool:
    used = select(Verdict.id).where(Verdict.rating_id == rating_id).limit(1)
    kept = select(VerdictRevision.id).where(VerdictRevision.rating_id == rating_id).limit(1)
    return db.session.scalar(used) is not None or db.session.scalar(kept) is not None


def add_rating(actor: User, scale_id: int, spec: RatingSpec) -> Rating:
    """Append a rating at the end of the scale."""
    require(actor, *MANAGE_SCALES)
    scale = get_scale(scale_id)
    spec = clean_rating_spec(scale, spec)
    position = max((r.position for r in scale.ratings), default=-1) + 1
    rating = Rating(scale_id=scale.id, position=position, label=spec.label, value=spec.value,
                    colour=spec.colour, description=spec.description)
    db.session.add(rating)
    audit.record(actor, "rating.create", rating, after=rating_snapshot(rating))
    db.session.commit()
    return rating


def update_rating(actor: User, scale_id: int, rating_id: int, spec: RatingSpec) -> Rating:
    """Change a rating's label, value, colour or description; revisions keep the label they were saved with."""
    require(actor, *MANAGE_SCALES)
    scale = get_scale(scale_id)
    rating = get_rating(scale_id, rating_id)
    spec = clean_rating_spec(scale, spec, exclude_id=rating.id)
    before = rating_snapshot(rating)
    rating.label, rating.value, rating.colour, rating.description = (
        spec.label, spec.value, spec.colour, spec.description)
    after = rating_snapshot(rating)
    if before == after:
        return rating
    audit.record(actor, "rating.update", rating, before=before, after=after)
    db.session.commit()
    return rating


def move_rating(actor: User, scale_id: int, rating_id: int, direction: str) -> Rating:
    """Move a rating up or down the scale; positions are renumbered 0…n-1."""
    require(actor, *MANAGE_SCALES)
    scale = get_scale(scale_id)
    rating = get_rating(scale_id, rating_id)
    before = rating.position
    if not move_in_order(sorted(scale.ratings, key=lambda r: (r.position, r.id)), rating, direction):
        return rating
    audit.record(actor, "rating.move", rating, before={"position": before}, after={"position": rating.position})
    db.session.commit()
    return rating


def set_retired(actor: User, scale_id: int, rating_id: int, retired: bool) -> Rating:
    """Retire a rating (no longer offered; existing verdicts keep it) or bring it back."""
    require(actor, *MANAGE_SCALES)
    scale = get_scale(scale_id)
    rating = get_rating(scale_id, rating_id)
    if rating.retired == retired:
        return rating
    if retired and scale.active and not any(not r.retired for r in scale.ratings if r.id != rating.id):
        raise InvalidInput("The active scale must keep at least one rating in use.")
    rating.retired = retired
    audit.record(actor, "rating.retire" if retired else "rating.restore", rating,
                 before={"retired": not retired}, after={"retired": retired})
    db.session.commit()
    return rating


def delete_rating(actor: User, scale_id: int, rating_id: int) -> None:
    """Delete a rating nobody has used; one a verdict or revision refers to can only be retired."""
    require(actor, *MANAGE_SCALES)
    scale = get_scale(scale_id)
    rating = get_rating(scale_id, rating_id)
    if _in_use(rating.id):
        raise Conflict("“%(label)s” is used by verdicts; retire it instead of deleting it.", label=rating.label)
    if scale.active and not any(not r.retired for r in scale.ratings if r.id != rating.id):
        raise InvalidInput("The active scale must keep at least one rating in use.")
    audit.record(actor, "rating.delete", rating, before=rating_snapshot(rating))
    scale.ratings.remove(rating)
    db.session.delete(rating)
    db.session.commit()
