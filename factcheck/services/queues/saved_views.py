"""Saved views: a user's named, filtered queue URLs, kept in the navigation."""
from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import Queue, SavedView, User
from factcheck.services.core.errors import InvalidInput, NotFound
from factcheck.services.core.guards import require
from factcheck.services.queues.queue_filters import parse_filters

NAME_MAX = 80
PER_USER_MAX = 50


def list_views(user: User) -> list[SavedView]:
    """The user's saved views, by name."""
    return list(db.session.scalars(select(SavedView).where(SavedView.user_id == user.id)
                                   .order_by(SavedView.name, SavedView.id)))


def save_view(actor: User, *, name: str, queue_id: int | None, query: Mapping) -> SavedView:
    """Save the filters of ``query`` (normalised: unknown values and the page cursor are dropped)."""
    require(actor, "views.save", "This needs the permission views.save.")
    name = (name or "").strip()
    if not name or len(name) > NAME_MAX:
        raise InvalidInput("Give the view a name of 1 to %(NAME_MAX)s characters.", NAME_MAX=NAME_MAX)
    if queue_id is not None and db.session.get(Queue, queue_id) is None:
        raise NotFound("There is no queue %(queue_id)s.", queue_id=queue_id)
    if len(list_views(actor)) >= PER_USER_MAX:
        raise InvalidInput("You already have %(PER_USER_MAX)s saved views; delete one first.",
                           PER_USER_MAX=PER_USER_MAX)
    view = SavedView(user_id=actor.id, name=name, queue_id=queue_id,
                     query=parse_filters(query).query_string()[:1000])
    db.session.add(view)
    db.session.commit()
    return view


def delete_view(actor: User, view_id: int) -> None:
    """Delete one of the actor's saved views; someone else's is treated as absent."""
    view = db.session.get(SavedView, view_id)
    if view is None or view.user_id != actor.id:
        raise NotFound("There is no such saved view.")
    db.session.delete(view)
    db.session.commit()
