"""Moving a claim through the workflow table, with its audit event, inside the caller's unit of work."""
from __future__ import annotations

from factcheck import workflow
from factcheck.extensions import db
from factcheck.models import Claim
from factcheck.services.core import audit
from factcheck.services.core.errors import Conflict, Message, NotFound
from factcheck.services.core.guards import Actor, require_transition


def get_claim(claim_id: int, *, expected_version: int | None = None) -> Claim:
    """Load a claim; with ``expected_version`` a stale form gets a ``Conflict`` instead of overwriting."""
    claim = db.session.get(Claim, claim_id)
    if claim is None:
        raise NotFound("There is no claim %(claim_id)s.", claim_id=claim_id)
    if expected_version is not None and claim.version_id != expected_version:
        raise Conflict("Someone else changed this claim after you opened it. Reload to see their changes; "
                       "yours were not saved.", changes=[Message("status is now %(status)s", status=claim.status)])
    return claim


def move(actor: Actor, claim: Claim, target: str, *, detail: dict | None = None) -> workflow.Transition:
    """Take one step of ``workflow.TRANSITIONS`` if ``actor`` may, and record it; the caller commits."""
    step = require_transition(actor, claim.status, target)
    before = {"status": claim.status}
    claim.status = target
    audit.record(actor, step.action, claim, before=before, after={"status": target, **(detail or {})})
    return step
