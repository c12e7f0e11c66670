"""The "my work" page: claims assigned to me by state, verdicts waiting for my action, where I was mentioned."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from factcheck import workflow
from factcheck.extensions import db
from factcheck.models import Claim, Notification, User, Verdict
from factcheck.services.core.guards import can

LIST_MAX = 100
MENTIONS_MAX = 20


@dataclass(frozen=True)
class MyWork:
    assigned: dict[str, list[Claim]]  # open workflow state -> my claims in it, in workflow order
    to_fix: list[Verdict]  # my verdicts an editor sent back
    to_approve: list[Verdict]  # proposed verdicts someone else wrote (editors)
    to_publish: list[Verdict]  # approved verdicts waiting for publication (editors)
    mentions: list[Notification]

    @property
    def empty(self) -> bool:
        return not (self.assigned or self.to_fix or self.to_approve or self.to_publish or self.mentions)


def _verdicts(*conditions) -> list[Verdict]:
    stmt = (select(Verdict).join(Claim).where(*conditions).options(selectinload(Verdict.claim))
            .order_by(Verdict.submitted_at, Verdict.id).limit(LIST_MAX))
    return list(db.session.scalars(stmt))


def my_work(user: User) -> MyWork:
    """What waits for ``user`` now, read from the rows (each list capped at ``LIST_MAX``)."""
    claims = db.session.scalars(
        select(Claim).where(Claim.assignee_id == user.id, Claim.status.in_(sorted(workflow.OPEN_STATES)))
        .order_by(Claim.priority.desc(), Claim.id).limit(LIST_MAX))
    assigned: dict[str, list[Claim]] = {}
    for claim in claims:
        assigned.setdefault(claim.status, []).append(claim)
    assigned = {state: assigned[state] for state in workflow.STATES if state in assigned}
    to_fix = _verdicts(Verdict.author_id == user.id, Claim.status == "sent_back")
    not_mine = or_(Verdict.author_id.is_(None), Verdict.author_id != user.id)
    to_approve = _verdicts(Verdict.status == "proposed", not_mine) if can(user, "verdicts.approve") else []
    to_publish = _verdicts(Verdict.status == "approved") if can(user, "verdicts.publish") else []
    mentions = list(db.session.scalars(
        select(Notification).where(Notification.user_id == user.id, Notification.kind == "mention")
        .order_by(Notification.id.desc()).limit(MENTIONS_MAX)))
    return MyWork(assigned, to_fix, to_approve, to_publish, mentions)
