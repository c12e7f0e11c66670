"""Accounts: creating users, logging in, passwords, invitations, roles and disabling.

An invitation or reset link is good for one use and only while it is the newest: issuing a link, using one and
changing the password each close every other open link of the address, so a link found later in an old email
or a browser history no longer works.
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from factcheck import passwords
from factcheck.extensions import db
from factcheck.models import Invitation, LoginEvent, Queue, QueueMember, User, UserRole
from factcheck.models.base import utcnow
from factcheck.permissions import ROLES
from factcheck.services.accounts import api_tokens
from factcheck.services.core import audit, integrity
from factcheck.services.core.errors import InvalidInput, NotFound
from factcheck.services.core.guards import Actor, require


class LoginFailed(Exception):
    """Wrong email or password, or a disabled account; one message for all so accounts are not revealed."""


@dataclass(frozen=True)
class IssuedInvitation:
    invitation_id: int
    token: str  # shown once; only its hash is stored
    expires_at: datetime
    revoked_tokens: int = 0  # API tokens a password reset revoked


def normalise_email(email: str) -> str:
    email = (email or "").strip().lower()
    if "@" not in email or len(email) > 254 or email.startswith("@") or email.endswith("@"):
        raise InvalidInput("Enter a valid email address.")
    return email


def _clean_roles(roles) -> list[str]:
    roles = sorted({r.strip() for r in roles if r and r.strip()})
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        raise InvalidInput("Unknown role: %(value)s.", value=', '.join(unknown))
    if not roles:
        raise InvalidInput("Give the user at least one role.")
    return roles


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def create_user(actor: Actor, *, email: str, display_name: str, password: str, roles) -> User:
    """Create an active account (``SYSTEM`` as the actor for the command line and the demo seed)."""
    require(actor, "users.manage")
    email = normalise_email(email)
    roles = _clean_roles(roles)
    try:
        passwords.check_policy(password, email=email)
    except passwords.PasswordPolicyError as exc:
        raise InvalidInput(str(exc)) from exc
    if find_user_by_email(email):
        raise InvalidInput("An account for %(email)s already exists.", email=email)
    user = User(email=email, display_name=(display_name or email.split("@")[0]).strip()[:120],
                password_hash=passwords.hash_password(password))
    user.role_rows = [UserRole(role=r) for r in roles]
    db.session.add(user)
    close_open_links(email)  # the account has its password now; an invitation sent before must not reset it
    audit.record(actor, "user.create", user, after={"email": email, "roles": roles})
    integrity.commit_or_refuse()  # the same address created at the same moment: one account
    return user


def authenticate(email: str, password: str, *, ip: str | None = None, user_agent: str | None = None) -> User:
    """Check credentials, record the attempt and return the user, or raise ``LoginFailed``."""
    email_norm = (email or "").strip().lower()[:254]
    user = find_user_by_email(email_norm) if email_norm else None
    ok = passwords.verify_password(user.password_hash if user else None, password or "")
    reason = None if ok else "bad_credentials"
    if ok and user is not None and not user.active:
        ok, reason = False, "disabled"
    db.session.add(LoginEvent(user_id=user.id if user else None, email=email_norm, success=ok, reason=reason,
                              ip=ip, user_agent=(user_agent or "")[:255]))
    if not ok:
        db.session.commit()
        raise LoginFailed("Wrong email or password, or the account is disabled.")
    # verify_password accepts no missing hash, so a successful login has a user with one
    assert user is not None and user.password_hash is not None
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    user.last_login_at = utcnow()
    db.session.commit()
    return user


def logout(user: User) -> None:
    """Invalidate every session of the user, including copied cookies."""
    user.session_version += 1
    db.session.commit()


def change_password(user: User, *, current: str, new: str) -> None:
    if not passwords.verify_password(user.password_hash, current):
        raise InvalidInput("The current password is wrong.")
    try:
        passwords.check_policy(new, email=user.email)
    except passwords.PasswordPolicyError as exc:
        raise InvalidInput(str(exc)) from exc
    user.password_hash = passwords.hash_password(new)
    user.session_version += 1
    close_open_links(user.email)
    audit.record(user, "user.password_change", user)
    db.session.commit()


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def close_open_links(email: str, *, keep: Invitation | None = None) -> int:
    """End every unused, unexpired invitation or reset link of ``email`` (but ``keep``) now; returns how many."""
    now = utcnow()
    stmt = select(Invitation).where(Invitation.email == email, Invitation.used_at.is_(None),
                                    Invitation.expires_at > now)
    links = [i for i in db.session.scalars(stmt) if i is not keep]
    for link in links:
        link.expires_at = now
    return len(links)


def _live_queue_ids(queue_ids) -> list[int]:
    """The queues an invitation names, each one live (not archived); an unknown or archived one is refused."""
    wanted = sorted({int(i) for i in queue_ids or ()})
    live = set(db.session.scalars(select(Queue.id).where(Queue.id.in_(wanted), Queue.archived.is_(False))))
    if missing := [i for i in wanted if i not in live]:
        raise InvalidInput("Queue %(missing)s does not exist or is archived; choose among the live queues.",
                           missing=missing[0])
    return wanted


def member_role(roles) -> str | None:
    """The role a person works a queue in: the widest of editor, checker, reviewer they hold (None: admin only)."""
    return next((r for r in ("editor", "checker", "reviewer") if r in set(roles)), None)


def invite(actor: Actor, *, email: str, display_name: str, roles, ttl: timedelta, queue_ids=()) -> IssuedInvitation:
    """Issue a one-time link for a new account (or a password reset for an existing one), naming the queues the
    new colleague joins when they accept."""
    require(actor, "users.manage")
    email = normalise_email(email)
    roles = _clean_roles(roles)
    queue_ids = _live_queue_ids(queue_ids)
    token = secrets.token_urlsafe(32)
    invitation = Invitation(email=email, display_name=(display_name or email.split("@")[0])[:120],
                            roles=",".join(roles), queue_ids=queue_ids, token_hash=_token_hash(token),
                            created_by_id=actor.id, expires_at=utcnow() + ttl)
    close_open_links(email)  # the newest link is the only one that works
    db.session.add(invitation)
    audit.record(actor, "user.invite", invitation, after={"email": email, "roles": roles, "queues": queue_ids})
    db.session.commit()
    return IssuedInvitation(invitation.id, token, invitation.expires_at)


def reset_password(actor: User, user_id: int, *, ttl: timedelta) -> IssuedInvitation:
    """An admin issues a one-time link with which the user sets a new password. Whoever might hold the account
    is shut out now: the password stops working, every session ends, every API token is revoked and every
    earlier link dies."""
    require(actor, "users.manage")
    user = get_user(user_id)
    user.session_version += 1
    user.password_hash = None
    revoked = api_tokens.revoke_all(user)
    audit.record(actor, "user.reset_password", user, after={"api_tokens_revoked": revoked})
    db.session.flush()
    issued = invite(actor, email=user.email, display_name=user.display_name, roles=user.roles, ttl=ttl)
    return IssuedInvitation(issued.invitation_id, issued.token, issued.expires_at, revoked_tokens=revoked)


def find_invitation(token: str) -> Invitation:
    invitation = db.session.scalar(select(Invitation).where(Invitation.token_hash == _token_hash(token or "")))
    if invitation is None or invitation.used_at is not None:
        raise NotFound("This invitation link is unknown or has already been used.")
    if invitation.expires_at <= utcnow():
        raise InvalidInput("This link has expired, or a newer link or a password change replaced it. "
                           "Ask an administrator for a new one.")
    return invitation


def _join_queues(user: User, invitation: Invitation) -> None:
    """Make the new account a member of the invitation's queues that are still live, in its widest desk role."""
    role = member_role(invitation.roles.split(","))
    if role is None or not invitation.queue_ids:
        return
    live = list(db.session.scalars(
        select(Queue.id).where(Queue.id.in_(invitation.queue_ids), Queue.archived.is_(False))))
    db.session.flush()  # the new user's id
    db.session.add_all(QueueMember(queue_id=queue_id, user_id=user.id, role=role) for queue_id in live)


def first_queue_of(user: User) -> int | None:
    """The live queue the user's first page should be: where an invitation made them a member, their own work."""
    return db.session.scalar(select(QueueMember.queue_id).join(Queue, Queue.id == QueueMember.queue_id).where(
        QueueMember.user_id == user.id, Queue.archived.is_(False)).order_by(QueueMember.queue_id).limit(1))


def accept_invitation(token: str, *, password: str) -> User:
    """Set the password and activate the account named by the invitation; the link then stops working."""
    invitation = find_invitation(token)
    try:
        passwords.check_policy(password, email=invitation.email)
    except passwords.PasswordPolicyError as exc:
        raise InvalidInput(str(exc)) from exc
    user = find_user_by_email(invitation.email)
    if user is None:
        user = User(email=invitation.email, display_name=invitation.display_name)
        user.role_rows = [UserRole(role=r) for r in invitation.roles.split(",") if r]
        db.session.add(user)
        _join_queues(user, invitation)
    user.password_hash = passwords.hash_password(password)
    user.session_version = (user.session_version or 0) + 1
    invitation.used_at = utcnow()
    close_open_links(invitation.email, keep=invitation)
    audit.record(user, "user.accept_invitation", user)
    integrity.commit_or_refuse()
    return user


def get_user(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound("No such user.")
    return user


def set_roles(actor: User, user_id: int, roles) -> User:
    require(actor, "users.manage")
    user = get_user(user_id)
    roles = _clean_roles(roles)
    if user.id == actor.id and "admin" not in roles:
        raise InvalidInput("You cannot remove your own admin role.")
    before = sorted(user.roles)
    user.role_rows = [UserRole(role=r) for r in roles]
    audit.record(actor, "user.set_roles", user, before={"roles": before}, after={"roles": roles})
    db.session.commit()
    return user


def set_active(actor: User, user_id: int, active: bool) -> User:
    """Disable (ending every session at once) or re-enable an account."""
    require(actor, "users.manage")
    user = get_user(user_id)
    if user.id == actor.id and not active:
        raise InvalidInput("You cannot disable your own account.")
    user.active = active
    user.session_version += 1
    audit.record(actor, "user.enable" if active else "user.disable", user)
    db.session.commit()
    return user
