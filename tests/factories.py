"""Factories for every model: keyword-only arguments with sensible defaults; each commits its rows."""
from __future__ import annotations

import hashlib
import itertools
from datetime import date, timedelta
from functools import lru_cache

from factcheck.extensions import db
from factcheck.models import (
    Article,
    AuditEvent,
    Claim,
    ClaimLink,
    Comment,
    Evidence,
    Feed,
    Invitation,
    Queue,
    QueueMember,
    RatingScale,
    RoutingRule,
    SavedView,
    Source,
    User,
    UserRole,
    Verdict,
    VerdictRevision,
)
from factcheck.models.base import utcnow
from tests.isolation import assert_owned

PASSWORD = "correct horse battery staple"
_seq = itertools.count(1)


@lru_cache(maxsize=1)
def _password_hash() -> str:
    from factcheck.passwords import hash_password

    return hash_password(PASSWORD)


def _save(obj):
    db.session.add(obj)
    db.session.commit()
    return obj


def make_user(*, roles=("reviewer",), email=None, display_name=None, active=True) -> User:
    n = next(_seq)
    user = User(email=email or f"user{n}@example.org", display_name=display_name or f"User {n}",
                password_hash=_password_hash(), active=active)
    user.role_rows = [UserRole(role=r) for r in roles]
    return _save(user)


def make_invitation(*, email=None, roles="checker", token="tok", expires_in=timedelta(days=1), used=False):
    n = next(_seq)
    return _save(Invitation(email=email or f"invitee{n}@example.org", display_name=f"Invitee {n}", roles=roles,
                            token_hash=hashlib.sha256(token.encode()).hexdigest(),
                            expires_at=utcnow() + expires_in, used_at=utcnow() if used else None))


def make_queue(*, name=None, description="", members=()) -> Queue:
    queue = Queue(name=name or f"Queue {next(_seq)}", description=description)
    queue.members = [QueueMember(user_id=u.id, role=role) for u, role in members]
    return _save(queue)


def make_routing_rule(*, queue, language=None, keywords=(), outlet=None, min_checkworthiness=0.0, position=0):
    return _save(RoutingRule(queue_id=queue.id, language=language, keywords=list(keywords), outlet=outlet,
                             min_checkworthiness=min_checkworthiness, position=position))


def make_feed(*, url=None, title="A feed") -> Feed:
    return _save(Feed(url=url or f"http://127.0.0.1/feed{next(_seq)}.xml", title=title))


ARTICLE_TEXT = (
    "Le ministère a annoncé mardi que 1 200 postes seraient créés d’ici 2027. "
    "L’opposition accuse le gouvernement de gonfler ces chiffres, ce que le ministère dément."
)


def make_article(*, text=ARTICLE_TEXT, title=None, outlet="Le Quotidien", language="fr", status="done",
                 url=None) -> Article:
    n = next(_seq)
    return _save(Article(title=title or f"Article {n}", raw_text=text, outlet=outlet, language=language,
                         status=status, url=url, published_on=date(2026, 11, 1),
                         content_hash=hashlib.sha256(f"{n}:{text}".encode()).hexdigest()))


def make_claim(*, article=None, text="1 200 postes seront créés d’ici 2027.", kind="statement", status="new",
               claimant="le ministère", queue=None, assignee=None, checkworthiness=0.8, priority=0,
               language="fr") -> Claim:
    article = article or make_article()
    sentence = article.raw_text.split(". ")[0] + "."
    start = article.raw_text.find(sentence)
    claim = Claim(article_id=article.id, extraction_key=f"k{next(_seq)}", span_start=max(start, 0),
                  span_end=max(start, 0) + len(sentence), sentence=sentence, text=text, claimant=claimant,
                  kind=kind, attribution="reported", language=language, checkworthiness=checkworthiness,
                  status=status, queue_id=queue.id if queue else None,
                  assignee_id=assignee.id if assignee else None, priority=priority)
    return _save(claim)


def make_link(*, source, target, type="denies") -> ClaimLink:
    return _save(ClaimLink(source_claim_id=source.id, target_claim_id=target.id, type=type))


def make_duplicate(*, claim, of) -> Claim:
    """Put ``claim`` in the duplicate group of ``of``: it points at the group's canonical claim."""
    claim.canonical_claim_id = of.canonical_claim_id or of.id
    return _save(claim)


def make_source(*, url="http://127.0.0.1/report.html", title="Rapport annuel", outlet="Institut") -> Source:
    return _save(Source(url=url, title=title, outlet=outlet))


def make_evidence(*, claim, source=None, stance="refutes", excerpt="Les chiffres officiels.") -> Evidence:
    source = source or make_source()
    return _save(Evidence(claim_id=claim.id, source_id=source.id, stance=stance, excerpt=excerpt))


def reset_database() -> None:
    """Empty every table and put back the default rating scale: the state every test starts from."""
    from sqlalchemy import text

    from factcheck.services.verdicts import scales

    assert_owned(db.engine.url, "empty every table of")
    db.session.rollback()
    tables = list(reversed(db.metadata.sorted_tables))
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in tables:
            db.session.execute(table.delete())
    db.session.commit()
    scales.ensure_default_scale()
    db.session.commit()


def active_scale() -> RatingScale:
    from factcheck.services.verdicts import scales

    return scales.ensure_default_scale()


def make_verdict(*, claim, author=None, status="draft", rating_label="False", summary="Les chiffres sont faux.",
                 explanation="Selon **l’Insee**, non.") -> Verdict:
    scale = active_scale()
    rating = next(r for r in scale.ratings if r.label == rating_label)
    verdict = Verdict(claim_id=claim.id, scale_id=scale.id, rating_id=rating.id, summary=summary,
                      explanation_md=explanation, author_id=author.id if author else None, status=status)
    verdict.revisions = [VerdictRevision(number=1, kind="draft", rating_id=rating.id, rating_label=rating.label,
                                         summary=summary, explanation_md=explanation,
                                         author_id=author.id if author else None)]
    return _save(verdict)


def make_comment(*, claim, author, body="Je vérifie auprès de l’Insee.") -> Comment:
    return _save(Comment(claim_id=claim.id, author_id=author.id, body=body))


def make_saved_view(*, user, name="Mes accusations", query="kind=accusation") -> SavedView:
    return _save(SavedView(user_id=user.id, name=name, query=query))


def make_audit_event(*, actor=None, action="claim.accept", object_type="claim", object_id=1) -> AuditEvent:
    return _save(AuditEvent(actor_id=actor.id if actor else None, action=action, object_type=object_type,
                            object_id=object_id))


def client_for(app, *roles, **kwargs):
    """A test client logged in as a fresh user with ``roles``; returns (client, user)."""
    user = make_user(roles=roles, **kwargs)
    client = app.test_client()
    assert client.post("/auth/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    return client, user


def rating(label: str):
    """The active scale's rating with this label."""
    return next(r for r in active_scale().ratings if r.label == label)


def submitted_verdict(checker_client, checker, *, summary="Les chiffres sont gonflés.",
                      explanation="Selon l’Insee, 300 postes.") -> Verdict:
    """A verdict the checker drafted on a claim of their own and submitted for review, through the web."""
    claim = make_claim(status="in_review", assignee=checker)
    assert checker_client.post(f"/claims/{claim.id}/verdict", data={
        "version_id": 0, "rating_id": rating("False").id, "summary": summary,
        "explanation": explanation}).status_code == 302
    verdict = db.session.scalars(db.select(Verdict).where(Verdict.claim_id == claim.id)).one()
    assert checker_client.post(f"/claims/{claim.id}/verdict/submit",
                               data={"version_id": verdict.version_id}).status_code == 302
    db.session.expire_all()
    return db.session.get(Verdict, verdict.id)
