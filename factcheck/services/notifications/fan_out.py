"""From one audit event to the notifications it owes: who is told, of what kind, with which words kept.

Idempotent per event and recipient (a unique pair), so a task delivered twice notifies once. Nobody is told of
their own action. Recipients are read from the rows themselves (the verdict's author, whoever worked on the
claim, whoever submitted the article or attached the source), never from the caller.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from factcheck.extensions import db
from factcheck.models import (
    Article,
    AuditEvent,
    Claim,
    ClaimRevision,
    Comment,
    Evidence,
    Notification,
    Source,
    User,
    Verdict,
    VerdictRevision,
)
from factcheck.services.core.dispatch import enqueue_after_commit

MAIL_TASK = "notifications.mail"
EXCERPT_MAX = 300


@dataclass
class Draft:
    """What one event tells: its kind, the claim or article it is about, words kept for the reader."""

    kind: str
    recipients: set[int | None] = field(default_factory=set)
    claim_id: int | None = None
    article_id: int | None = None
    detail: dict = field(default_factory=dict)


def _clip(text: str | None) -> str:
    text = (text or "").strip()
    return text if len(text) <= EXCERPT_MAX else text[:EXCERPT_MAX - 1] + "…"


def _verdict_of(cause: AuditEvent) -> Verdict | None:
    if cause.object_type == "verdict":
        return db.session.get(Verdict, cause.object_id)
    return db.session.scalar(select(Verdict).where(Verdict.claim_id == cause.object_id))


def _author_of_verdict(cause: AuditEvent, kind: str, **detail) -> Draft | None:
    verdict = _verdict_of(cause)
    if verdict is None or verdict.author_id is None:
        return None
    return Draft(kind, {verdict.author_id}, claim_id=verdict.claim_id, detail=detail)


def _workers(claim_id: int) -> set[int | None]:
    """Everyone who worked on a claim: assignee, verdict writers, source attachers, commenters, correctors."""
    people = {db.session.scalar(select(Claim.assignee_id).where(Claim.id == claim_id))}
    people |= set(db.session.scalars(select(VerdictRevision.author_id).join(Verdict)
                                     .where(Verdict.claim_id == claim_id)))
    people |= set(db.session.scalars(select(Verdict.author_id).where(Verdict.claim_id == claim_id)))
    people |= set(db.session.scalars(select(Evidence.added_by_id).where(Evidence.claim_id == claim_id)))
    people |= set(db.session.scalars(select(Comment.author_id).where(Comment.claim_id == claim_id)))
    people |= set(db.session.scalars(select(ClaimRevision.actor_id).where(ClaimRevision.claim_id == claim_id)))
    return {p for p in people if p is not None}


def _mention(event: AuditEvent) -> Draft | None:
    after = event.after or {}
    comment = db.session.get(Comment, event.object_id)
    return Draft("mention", {after.get("user_id")}, claim_id=after.get("claim_id"),
                 detail={"excerpt": _clip(comment.body if comment else "")})


def _assigned(event: AuditEvent) -> Draft | None:
    return Draft("assigned", {(event.after or {}).get("assignee_id")}, claim_id=event.object_id)


def _published(event: AuditEvent) -> Draft | None:
    return Draft("published", set(_workers(event.object_id or 0)), claim_id=event.object_id)


def _sent_back(event: AuditEvent) -> Draft | None:
    return _author_of_verdict(event, "sent_back", note=_clip((event.after or {}).get("note")))


def _approved(event: AuditEvent) -> Draft | None:
    return _author_of_verdict(event, "approved")


def _verdict_changed(event: AuditEvent) -> Draft | None:
    after = event.after or {}
    return _author_of_verdict(event, "verdict_changed", event=event.action,
                              note=_clip(after.get("note") or after.get("reason")))


def _article_failed(event: AuditEvent) -> Draft | None:
    article = db.session.get(Article, event.object_id)
    if article is None:
        return None
    return Draft("failed", {article.submitted_by_id}, article_id=article.id,
                 detail={"what": "article", "title": _clip(article.title), "error": _clip(article.error)})


def _source_failed(event: AuditEvent) -> Draft | None:
    source = db.session.get(Source, event.object_id)
    if source is None:
        return None
    recipient = source.created_by_id
    claim_id = db.session.scalar(select(Evidence.claim_id).where(
        Evidence.source_id == source.id, Evidence.added_by_id == recipient).order_by(Evidence.id).limit(1))
    return Draft("failed", {recipient}, claim_id=claim_id,
                 detail={"what": "source", "url": _clip(source.url), "error": _clip(source.fetch_error)})


RULES = {
    "comment.mention": _mention,
    "claim.assign": _assigned,
    "verdict.send_back": _sent_back,
    "verdict.approve": _approved,
    "verdict.publish": _published,
    "verdict.republish": _published,
    "verdict.edit": _verdict_changed,
    "verdict.correct": _verdict_changed,
    "verdict.unpublish": _verdict_changed,
    "article.failed": _article_failed,
    "source.fetch_failed": _source_failed,
}
NOTIFYING_ACTIONS = frozenset(RULES)


def notify_for_event(event_id: int) -> list[int]:
    """Create the notifications one audit event owes (none twice); the ids of those created now."""
    event = db.session.get(AuditEvent, event_id)
    rule = RULES.get(event.action) if event is not None else None
    draft = rule(event) if rule is not None and event is not None else None
    if event is None or draft is None:
        return []
    recipients = draft.recipients - {None, event.actor_id}
    already = set(db.session.scalars(select(Notification.user_id).where(Notification.event_id == event.id)))
    users = db.session.scalars(select(User).where(User.id.in_(recipients - already), User.active.is_(True))).all()
    created = [Notification(user_id=user.id, kind=draft.kind, event_id=event.id, actor_id=event.actor_id,
                            claim_id=draft.claim_id, article_id=draft.article_id, detail=draft.detail or None)
               for user in users]
    db.session.add_all(created)
    for user in users:
        if user.email_notifications == "immediate":
            enqueue_after_commit(MAIL_TASK, user.id)
    try:
        db.session.commit()
    except IntegrityError:  # the same event delivered twice at once: the other delivery created them
        db.session.rollback()
        return []
    return [n.id for n in created]
