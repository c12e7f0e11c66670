"""Internal comments on a claim, with @mentions resolved to users."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import Comment, User
from factcheck.services.claims.claim_state import get_claim
from factcheck.services.core import audit
from factcheck.services.core.errors import InvalidInput
from factcheck.services.core.guards import require

BODY_MAX = 5000


@dataclass(frozen=True)
class Segment:
    """A piece of a comment body: plain text, or a mention of ``user``."""

    text: str
    user: User | None = None


def _handles(users: list[User]) -> list[tuple[str, User]]:
    """(lowercased handle, user), longest first so "@Marie Curie" beats "@Marie"."""
    handles = []
    for user in users:
        for handle in {user.display_name.strip(), user.email.split("@")[0]}:
            if handle:
                handles.append((handle.lower(), user))
    return sorted(handles, key=lambda h: -len(h[0]))


def _active_users() -> list[User]:
    return list(db.session.scalars(select(User).where(User.active.is_(True)).order_by(User.id)))


def split_mentions(body: str, users: list[User] | None = None) -> list[Segment]:
    """Split a body into text and mentions: ``@display name`` or ``@email-local-part``, case-insensitive."""
    handles = _handles(_active_users() if users is None else users)
    segments: list[Segment] = []
    text, i, lowered = "", 0, body.lower()
    while i < len(body):
        if body[i] == "@" and (i == 0 or not (body[i - 1].isalnum() or body[i - 1] in "._-")):
            for handle, user in handles:
                end = i + 1 + len(handle)
                if lowered.startswith(handle, i + 1) and (end == len(body) or not (body[end].isalnum()
                                                                                   or body[end] in "_-")):
                    if text:
                        segments.append(Segment(text))
                        text = ""
                    segments.append(Segment(body[i:end], user))
                    i = end
                    break
            else:
                text += body[i]
                i += 1
            continue
        text += body[i]
        i += 1
    if text:
        segments.append(Segment(text))
    return segments


def add_comment(actor: User, claim_id: int, *, body: str) -> Comment:
    """Post a comment; each mentioned user gets a ``comment.mention`` audit row (the notification record)."""
    require(actor, "claims.comment", "You cannot comment on claims.")
    claim = get_claim(claim_id)
    body = (body or "").strip()
    if not body:
        raise InvalidInput("Write something before posting.")
    if len(body) > BODY_MAX:
        raise InvalidInput("A comment is limited to %(BODY_MAX)s characters; this one has %(length)s.",
                           BODY_MAX=BODY_MAX, length=len(body))
    mentioned = []
    for segment in split_mentions(body):
        if segment.user is not None and segment.user.id not in mentioned:
            mentioned.append(segment.user.id)
    comment = Comment(claim_id=claim.id, author_id=actor.id, body=body, mentions=mentioned)
    db.session.add(comment)
    audit.record(actor, "comment.create", comment, after={"claim_id": claim.id, "mentions": mentioned})
    for user_id in mentioned:
        audit.record(actor, "comment.mention", comment, after={"claim_id": claim.id, "user_id": user_id})
    db.session.commit()
    return comment


def comment_segments(comments: list[Comment]) -> dict[int, list[Segment]]:
    """Segments for each comment, resolving only the users it stored as mentioned."""
    users = {u.id: u for u in _active_users()}
    out = {}
    for comment in comments:
        named = [users[i] for i in (comment.mentions or []) if i in users]
        out[comment.id] = split_mentions(comment.body, named) if named else [Segment(comment.body)]
    return out
