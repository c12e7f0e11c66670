"""API tokens: issue (shown once, with its scopes), list, revoke, and authenticate a bearer token."""
from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from limits import parse_many
from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import ApiToken, User
from factcheck.models.base import utcnow
from factcheck.models.token import SCOPES
from factcheck.services.core import audit
from factcheck.services.core.errors import InvalidInput, NotFound
from factcheck.services.core.guards import require

PREFIX = "fct_"
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once; only its hash is stored


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def list_tokens(user: User) -> list[ApiToken]:
    return list(db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id)))


def _clean_scopes(scopes: Iterable[str]) -> str:
    chosen = [s for s in SCOPES if s in set(scopes)]
    if not chosen or len(chosen) != len(set(scopes)):
        raise InvalidInput("Give the token one or more of the scopes %(value)s.", value=', '.join(SCOPES))
    return " ".join(chosen)


def issue(actor: User, *, name: str, scopes: Iterable[str] = SCOPES) -> IssuedToken:
    """A new token for the actor's own account; it carries the actor's roles, limited to ``scopes``."""
    name = (name or "").strip()
    if not name or len(name) > 80:
        raise InvalidInput("Name the token (at most 80 characters), e.g. the system that will use it.")
    scope_text = _clean_scopes(scopes)
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=actor.id, name=name, token_hash=_hash(secret), scopes=scope_text)
    db.session.add(token)
    audit.record(actor, "api_token.issue", token, after={"name": name, "scopes": scope_text})
    db.session.commit()
    return IssuedToken(token, secret)


def revoke(actor: User, token_id: int) -> ApiToken:
    """Revoke one of the actor's own tokens (someone else's is not found)."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != actor.id:
        raise NotFound("No such token.")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        audit.record(actor, "api_token.revoke", token, after={"name": token.name})
        db.session.commit()
    return token


def rate_limit_of(secret: str) -> str | None:
    """The token's own rate limit, when an admin set one; the limiter asks before the token is authenticated, so
    an unknown or revoked token simply has none (and is refused with 401 right after)."""
    return db.session.scalar(select(ApiToken.rate_limit).where(ApiToken.token_hash == _hash(secret)))


def set_rate_limit(actor: User, user_id: int, token_id: int, limit: str | None) -> ApiToken:
    """Give a token its own rate limit in Flask-Limiter's notation ("30 per minute;500 per day"), or None for
    the instance's ``API_RATE_LIMIT``; admins only, audited."""
    require(actor, "users.manage", "Only administrators set a token's rate limit.")
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user_id:
        raise NotFound("No such token.")
    limit = " ".join((limit or "").split()) or None
    if limit is not None:
        try:
            parse_many(limit)
        except ValueError:
            raise InvalidInput("“%(limit)s” is not a rate limit; write e.g. 30 per minute;500 per day.",
                               limit=limit) from None
        if len(limit) > 100:
            raise InvalidInput("A rate limit is at most 100 characters.")
    before, token.rate_limit = token.rate_limit, limit
    audit.record(actor, "api_token.rate_limit", token, before={"rate_limit": before}, after={"rate_limit": limit})
    db.session.commit()
    return token


def revoke_all(user: User) -> int:
    """Revoke every live token of ``user`` inside the caller's unit of work (a password reset); returns how many."""
    live = db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)))
    now, count = utcnow(), 0
    for token in live:
        token.revoked_at, count = now, count + 1
    return count


def authenticate(secret: str) -> ApiToken | None:
    """A live token of an active owner, or None; notes when the token was last used (to the minute, so that a
    busy script's reads do not each cost a write)."""
    if not secret.startswith(PREFIX):
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _hash(secret)))
    if token is None or token.revoked_at is not None or not token.user.active:
        return None
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        token.last_used_at = now
        db.session.commit()
    return token
