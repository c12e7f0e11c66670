"""Queue administration: queues, their members and their routing rules, plus the routing preview.

Every public function that writes is one unit of work: it checks ``queues.manage``, changes the rows, records
exactly one audit event and commits once. Validation happens before anything is added to the session, so a
refused call leaves nothing half-written.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import Article, Claim, Feed, Queue, QueueMember, RoutingRule, User
from factcheck.models.queue import MEMBER_ROLES
from factcheck.services.core import audit
from factcheck.services.core.errors import InvalidInput, NotFound
from factcheck.services.core.guards import require
from factcheck.services.core.ordering import move_in_order
from factcheck.services.core.unique_names import commit_unique_name, ensure_name_free
from factcheck.services.queues import routing
from factcheck.workflow import OPEN_STATES

MANAGE_QUEUES = ("queues.manage", "Only administrators manage queues.")

_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,4})?$")
MAX_KEYWORDS = 50


# --- queues ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class QueueRow:
    queue: Queue
    members: int
    rules: int
    open_claims: int


def list_queues() -> list[QueueRow]:
    """All queues, live ones first, with member, rule and open-claim counts."""
    queues = list(db.session.scalars(select(Queue).order_by(Queue.archived, func.lower(Queue.name))))
    members = dict(db.session.execute(
        select(QueueMember.queue_id, func.count()).group_by(QueueMember.queue_id)).tuples().all())
    rules = dict(db.session.execute(
        select(RoutingRule.queue_id, func.count()).group_by(RoutingRule.queue_id)).tuples().all())
    claims: dict[int | None, int] = dict(db.session.execute(  # None: claims no rule routed
        select(Claim.queue_id, func.count()).where(Claim.status.in_(OPEN_STATES)).group_by(Claim.queue_id))
        .tuples().all())
    return [QueueRow(q, members.get(q.id, 0), rules.get(q.id, 0), claims.get(q.id, 0)) for q in queues]


def get_queue(queue_id: int) -> Queue:
    queue = db.session.get(Queue, queue_id)
    if queue is None:
        raise NotFound("No such queue.")
    return queue


def _clean_name(name: str, *, exclude_id: int | None = None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise InvalidInput("Give the queue a name.")
    if len(name) > 120:
        raise InvalidInput("A queue name has at most 120 characters.")
    ensure_name_free(Queue, name, noun="queue", exclude_id=exclude_id)
    return name


def create_queue(actor: User, *, name: str, description: str = "") -> Queue:
    """Create a queue with a unique (case-insensitive) name."""
    require(actor, *MANAGE_QUEUES)
    name = _clean_name(name)
    queue = Queue(name=name, description=(description or "").strip())
    db.session.add(queue)
    audit.record(actor, "queue.create", queue, after={"name": name, "description": queue.description})
    commit_unique_name(name, noun="queue")
    return queue


def update_queue(actor: User, queue_id: int, *, name: str, description: str = "") -> Queue:
    """Rename or re-describe a queue; nothing is written when nothing changed."""
    require(actor, *MANAGE_QUEUES)
    queue = get_queue(queue_id)
    name = _clean_name(name, exclude_id=queue.id)
    description = (description or "").strip()
    before = {"name": queue.name, "description": queue.description}
    after = {"name": name, "description": description}
    if before == after:
        return queue
    queue.name, queue.description = name, description
    audit.record(actor, "queue.update", queue, before=before, after=after)
    commit_unique_name(name, noun="queue")
    return queue


def set_archived(actor: User, queue_id: int, archived: bool) -> Queue:
    """Archive (routing skips it) or bring back a queue; its claims and rules stay."""
    require(actor, *MANAGE_QUEUES)
    queue = get_queue(queue_id)
    if queue.archived == archived:
        return queue
    queue.archived = archived
    audit.record(actor, "queue.archive" if archived else "queue.unarchive", queue,
                 before={"archived": not archived}, after={"archived": archived})
    db.session.commit()
    return queue


# --- members --------------------------------------------------------------------------------------------------

def member_candidates() -> list[User]:
    return list(db.session.scalars(select(User).where(User.active.is_(True)).order_by(User.display_name)))


def add_member(actor: User, queue_id: int, *, user_id: int, role: str) -> QueueMember:
    """Add a user to the queue with a role, or change the role of an existing member."""
    require(actor, *MANAGE_QUEUES)
    queue = get_queue(queue_id)
    if role not in MEMBER_ROLES:
        raise InvalidInput("A member is a %(value)s.", value=', '.join(MEMBER_ROLES))
    user = db.session.get(User, user_id)
    if user is None or not user.active:
        raise InvalidInput("Choose an active user.")
    member = db.session.get(QueueMember, (queue.id, user.id))
    if member is not None and member.role == role:
        return member
    if member is None:
        member = QueueMember(queue_id=queue.id, user_id=user.id, role=role)
        db.session.add(member)
        audit.record(actor, "queue.member_add", queue, after={"user_id": user.id, "role": role})
    else:
        before = member.role
        member.role = role
        audit.record(actor, "queue.member_role", queue, before={"user_id": user.id, "role": before},
                     after={"user_id": user.id, "role": role})
    db.session.commit()
    return member


def remove_member(actor: User, queue_id: int, user_id: int) -> None:
    require(actor, *MANAGE_QUEUES)
    queue = get_queue(queue_id)
    member = db.session.get(QueueMember, (queue.id, user_id))
    if member is None:
        raise InvalidInput("That user is not a member of this queue.")
    audit.record(actor, "queue.member_remove", queue, before={"user_id": user_id, "role": member.role})
    db.session.delete(member)
    db.session.commit()


def members(queue_id: int) -> list[QueueMember]:
    return list(db.session.scalars(
        select(QueueMember).join(User).where(QueueMember.queue_id == queue_id).order_by(User.display_name)))


# --- routing rules --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RuleSpec:
    """The editable conditions of a routing rule, validated by ``clean_rule_spec``."""

    language: str | None = None
    keywords: tuple[str, ...] = ()
    outlet: str | None = None
    feed_id: int | None = None
    min_checkworthiness: float = 0.0
    active: bool = True


def parse_keywords(text: str | Iterable[str] | None) -> tuple[str, ...]:
    """Comma-separated (or a list) → stripped, de-duplicated keywords, in the order given."""
    parts = (text or "").split(",") if isinstance(text, str) or text is None else list(text)
    seen: dict[str, str] = {}
    for part in parts:
        word = " ".join(str(part).split())
        if word and word.lower() not in seen:
            seen[word.lower()] = word
    return tuple(seen.values())


def clean_rule_spec(spec: RuleSpec) -> RuleSpec:
    """Normalise and validate a rule; raises ``InvalidInput`` naming the first problem."""
    language = (spec.language or "").strip().lower() or None
    if language and not _LANGUAGE.match(language):
        raise InvalidInput("Language is an ISO code such as fr, en or pt-br.")
    keywords = parse_keywords(spec.keywords)
    if len(keywords) > MAX_KEYWORDS or any(len(k) > 100 for k in keywords):
        raise InvalidInput("At most %(MAX_KEYWORDS)s keywords of up to 100 characters each.",
                           MAX_KEYWORDS=MAX_KEYWORDS)
    outlet = " ".join((spec.outlet or "").split()) or None
    if outlet and len(outlet) > 200:
        raise InvalidInput("An outlet name has at most 200 characters.")
    if spec.feed_id is not None and db.session.get(Feed, spec.feed_id) is None:
        raise InvalidInput("That feed does not exist.")
    try:
        threshold = float(spec.min_checkworthiness)
    except (TypeError, ValueError):
        raise InvalidInput("Minimum check-worthiness is a number between 0 and 1.") from None
    if not 0.0 <= threshold <= 1.0:  # also refuses NaN
        raise InvalidInput("Minimum check-worthiness is a number between 0 and 1.")
    return RuleSpec(language, keywords, outlet, spec.feed_id, threshold, bool(spec.active))


def rule_snapshot(rule: RoutingRule) -> dict:
    return {"queue_id": rule.queue_id, "position": rule.position, "language": rule.language,
            "keywords": list(rule.keywords or []), "outlet": rule.outlet, "feed_id": rule.feed_id,
            "min_checkworthiness": rule.min_checkworthiness, "active": rule.active}


def _apply(rule: RoutingRule, spec: RuleSpec) -> None:
    rule.language, rule.keywords, rule.outlet = spec.language, list(spec.keywords), spec.outlet
    rule.feed_id, rule.min_checkworthiness, rule.active = spec.feed_id, spec.min_checkworthiness, spec.active


def get_rule(queue_id: int, rule_id: int) -> RoutingRule:
    rule = db.session.get(RoutingRule, rule_id)
    if rule is None or rule.queue_id != queue_id:
        raise NotFound("No such routing rule in this queue.")
    return rule


def feeds() -> list[Feed]:
    return list(db.session.scalars(select(Feed).order_by(Feed.title, Feed.id)))


def routing_order() -> list[RoutingRule]:
    """Every rule in the order routing tries them (first match wins, across all queues)."""
    return list(db.session.scalars(select(RoutingRule).order_by(RoutingRule.position, RoutingRule.id)))


def create_rule(actor: User, queue_id: int, spec: RuleSpec) -> RoutingRule:
    """Add a rule to a queue, tried after every existing rule."""
    require(actor, *MANAGE_QUEUES)
    queue = get_queue(queue_id)
    spec = clean_rule_spec(spec)
    last = db.session.scalar(select(func.max(RoutingRule.position)))
    rule = RoutingRule(queue_id=queue.id, position=0 if last is None else last + 1)
    _apply(rule, spec)
    db.session.add(rule)
    audit.record(actor, "routing_rule.create", rule, after=rule_snapshot(rule))
    db.session.commit()
    return rule


def update_rule(actor: User, queue_id: int, rule_id: int, spec: RuleSpec) -> RoutingRule:
    require(actor, *MANAGE_QUEUES)
    rule = get_rule(queue_id, rule_id)
    spec = clean_rule_spec(spec)
    before = rule_snapshot(rule)
    _apply(rule, spec)
    after = rule_snapshot(rule)
    if before == after:
        return rule
    audit.record(actor, "routing_rule.update", rule, before=before, after=after)
    db.session.commit()
    return rule


def delete_rule(actor: User, queue_id: int, rule_id: int) -> None:
    require(actor, *MANAGE_QUEUES)
    rule = get_rule(queue_id, rule_id)
    audit.record(actor, "routing_rule.delete", rule, before=rule_snapshot(rule))
    db.session.delete(rule)
    db.session.commit()


def move_rule(actor: User, queue_id: int, rule_id: int, direction: str) -> RoutingRule:
    """Swap a rule with its neighbour in the global routing order; positions are renumbered 0…n-1."""
    require(actor, *MANAGE_QUEUES)
    rule = get_rule(queue_id, rule_id)
    before = rule.position
    if not move_in_order(routing_order(), rule, direction):
        return rule
    audit.record(actor, "routing_rule.move", rule, before={"position": before}, after={"position": rule.position})
    db.session.commit()
    return rule


# --- preview --------------------------------------------------------------------------------------------------

@dataclass
class RulePreview:
    """What a rule would match among existing claims, evaluated with ``routing.rule_matches``."""

    matched: int = 0        # claims whose every condition holds (as if the rule were active)
    shadowed: int = 0       # of those, claims an earlier active rule would take first
    scanned: int = 0
    active: bool = True
    sample: list[Claim] = field(default_factory=list)


def preview_rule(queue_id: int, spec: RuleSpec | None = None, *, rule_id: int | None = None,
                 sample_size: int = 10, batch_size: int = 500) -> RulePreview:
    """Count (and sample, newest first) the existing claims a saved rule or an unsaved spec would match."""
    get_queue(queue_id)
    saved = get_rule(queue_id, rule_id) if rule_id is not None else None
    if spec is None:
        if saved is None:
            raise InvalidInput("Preview a saved rule or the conditions of a new one.")
        spec = RuleSpec(saved.language, tuple(saved.keywords or ()), saved.outlet, saved.feed_id,
                        saved.min_checkworthiness, saved.active)
    spec = clean_rule_spec(spec)
    # A transient copy, never added to the session: the preview must not write anything.
    probe = RoutingRule(queue_id=queue_id)
    _apply(probe, spec)
    probe.active = True
    earlier = [r for r in routing.active_rules()
               if saved is None or (r.id != saved.id and (r.position, r.id) < (saved.position, saved.id))]
    result = RulePreview(active=spec.active)
    last_id = None
    while True:
        stmt = (select(Claim, Article).join(Article, Claim.article_id == Article.id)
                .order_by(Claim.id.desc()).limit(batch_size))
        # Narrowing only: rule_matches has the final word, so these must never drop a claim it would accept.
        if probe.feed_id:
            stmt = stmt.where(Article.feed_id == probe.feed_id)
        if probe.min_checkworthiness:
            stmt = stmt.where(func.coalesce(Claim.checkworthiness, 0.0) >= probe.min_checkworthiness)
        if last_id is not None:
            stmt = stmt.where(Claim.id < last_id)
        rows = db.session.execute(stmt).all()
        for claim, article in rows:
            result.scanned += 1
            if not routing.rule_matches(probe, claim, article):
                continue
            result.matched += 1
            if any(routing.rule_matches(r, claim, article) for r in earlier):
                result.shadowed += 1
            if len(result.sample) < sample_size:
                result.sample.append(claim)
        if len(rows) < batch_size:
            return result
        last_id = rows[-1][0].id
