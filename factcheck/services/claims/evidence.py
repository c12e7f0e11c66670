"""Sources and the evidence tying them to a claim: attach, edit, reorder, remove and restore (all audited)."""
from __future__ import annotations

from sqlalchemy import func, or_, select

from factcheck import workflow
from factcheck.extensions import db
from factcheck.ingest.errors import IngestError
from factcheck.ingest.url_guard import parse_url
from factcheck.models import STANCES, Claim, Evidence, Source, User
from factcheck.models.base import utcnow
from factcheck.services.claims.claim_state import get_claim
from factcheck.services.claims.desk import claim_evidence, require_claim_editor
from factcheck.services.core import audit, integrity
from factcheck.services.core.dispatch import enqueue_after_commit
from factcheck.services.core.errors import Conflict, InvalidInput, Message, NotFound
from factcheck.services.core.guards import can, require
from factcheck.services.core.ordering import move_in_order

EXCERPT_MAX = 5000
CITATION_MAX = 2000


def _editable_claim(actor: User, claim_id: int) -> Claim:
    require(actor, "sources.edit", "You cannot edit sources.")
    claim = get_claim(claim_id)
    require_claim_editor(actor, claim)
    if claim.status not in workflow.VERDICT_EDITABLE_STATES and not can(actor, "claims.edit_any"):
        raise Conflict("The claim is %(status)s; its sources can no longer be changed here.",
                       status=claim.status.replace('_', ' '))
    return claim


def get_evidence(claim_id: int, evidence_id: int) -> Evidence:
    evidence = db.session.get(Evidence, evidence_id)
    if evidence is None or evidence.claim_id != claim_id:
        raise NotFound("Claim %(claim_id)s has no evidence %(evidence_id)s.", claim_id=claim_id,
                       evidence_id=evidence_id)
    return evidence


def _clean_stance(stance: str) -> str:
    if stance not in STANCES:
        raise InvalidInput("Choose a stance: %(value)s.", value=', '.join(STANCES))
    return stance


def _clean_excerpt(excerpt: str | None) -> str:
    excerpt = (excerpt or "").strip()
    if len(excerpt) > EXCERPT_MAX:
        raise InvalidInput("The excerpt is limited to %(EXCERPT_MAX)s characters.", EXCERPT_MAX=EXCERPT_MAX)
    return excerpt


def normalise_source_url(url: str) -> str:
    """Shape check only (http/https, a host); the worker resolves and checks addresses before fetching."""
    try:
        return parse_url(url.strip()).url
    except IngestError as exc:
        raise InvalidInput("That URL cannot be used: %(reason)s", reason=exc.message) from exc


def search_sources(query: str, limit: int = 20) -> list[Source]:
    """Existing sources whose URL, title or citation contains ``query``, newest first (for reuse)."""
    query = (query or "").strip()
    if len(query) < 2:
        return []
    pattern = f"%{query.lower()}%"
    stmt = select(Source).where(or_(func.lower(Source.url).like(pattern), func.lower(Source.title).like(pattern),
                                    func.lower(Source.citation).like(pattern)))
    return list(db.session.scalars(stmt.order_by(Source.id.desc()).limit(limit)))


def attach_source(actor: User, claim_id: int, *, stance: str, excerpt: str = "", url: str | None = None,
                  citation: str | None = None, source_id: int | None = None) -> Evidence:
    """Attach an existing source, a URL (reused if known, else fetched in the background) or a citation."""
    claim = _editable_claim(actor, claim_id)
    stance, excerpt = _clean_stance(stance), _clean_excerpt(excerpt)
    url, citation = (url or "").strip(), (citation or "").strip()
    fetch = False
    if source_id:
        source = db.session.get(Source, source_id)
        if source is None:
            raise NotFound("There is no source %(source_id)s.", source_id=source_id)
    elif url:
        url = normalise_source_url(url)
        source = db.session.scalar(select(Source).where(Source.url == url).order_by(Source.id))
        if source is None:
            source = Source(url=url, title=url[:500], fetch_status="queued", created_by_id=actor.id)
            db.session.add(source)
            fetch = True
    elif citation:
        if len(citation) > CITATION_MAX:
            raise InvalidInput("A citation is limited to %(CITATION_MAX)s characters.", CITATION_MAX=CITATION_MAX)
        source = Source(citation=citation, title=citation.splitlines()[0][:500], created_by_id=actor.id)
        db.session.add(source)
    else:
        raise InvalidInput("Give a URL or a citation, or pick an existing source.")
    db.session.flush()
    already = db.session.scalar(select(Evidence).where(Evidence.claim_id == claim.id,
                                                       Evidence.source_id == source.id,
                                                       Evidence.removed_at.is_(None)))
    if already is not None:
        raise InvalidInput("That source is already attached to this claim.")
    last = db.session.scalar(select(func.max(Evidence.position)).where(Evidence.claim_id == claim.id))
    evidence = Evidence(claim_id=claim.id, source_id=source.id, stance=stance, excerpt=excerpt,
                        position=(last or 0) + 1, added_by_id=actor.id)
    db.session.add(evidence)
    audit.record(actor, "evidence.add", evidence, after={
        "claim_id": claim.id, "source_id": source.id, "url": source.url, "citation": source.citation,
        "stance": stance, "excerpt": excerpt})
    if fetch:
        enqueue_after_commit("sources.fetch_metadata", source.id)
    integrity.commit_or_refuse()  # a double click attaches once: the live-evidence index refuses the second
    return evidence


def update_evidence(actor: User, claim_id: int, evidence_id: int, *, stance: str, excerpt: str,
                    expected: dict[str, str] | None = None) -> Evidence:
    """Change stance/excerpt; ``expected`` holds the values the form showed, so a concurrent edit is a 409."""
    _editable_claim(actor, claim_id)
    evidence = get_evidence(claim_id, evidence_id)
    stance, excerpt = _clean_stance(stance), _clean_excerpt(excerpt)
    before = {"stance": evidence.stance, "excerpt": evidence.excerpt}
    if expected is not None:
        changes = [Message("%(field)s is now “%(now)s” (you started from “%(seen)s”)", field=k, now=before[k],
                           seen=expected.get(k, "")) for k in before if (expected.get(k) or "") != (before[k] or "")]
        if changes:
            raise Conflict("Someone else changed this evidence after you opened it; yours was not saved.",
                           changes=changes)
    evidence.stance, evidence.excerpt = stance, excerpt
    audit.record(actor, "evidence.edit", evidence, before=before, after={"stance": stance, "excerpt": excerpt})
    db.session.commit()
    return evidence


def move_evidence(actor: User, claim_id: int, evidence_id: int, *, direction: str) -> None:
    """Swap the evidence with its neighbour above ("up") or below ("down")."""
    _editable_claim(actor, claim_id)
    evidence = get_evidence(claim_id, evidence_id)
    items = claim_evidence(claim_id)
    if evidence not in items:
        raise Conflict("Removed evidence cannot be reordered; restore it first.")
    before = [e.id for e in items]
    if not move_in_order(items, evidence, direction, start=1):
        return
    audit.record(actor, "evidence.reorder", evidence, before={"order": before},
                 after={"order": [e.id for e in items], "direction": direction})
    db.session.commit()


def remove_evidence(actor: User, claim_id: int, evidence_id: int) -> Evidence:
    """Take evidence off the claim (reversibly: ``restore_evidence`` undoes it)."""
    _editable_claim(actor, claim_id)
    evidence = get_evidence(claim_id, evidence_id)
    if evidence.removed_at is not None:
        raise Conflict("This evidence was already removed.")
    evidence.removed_at = utcnow()
    audit.record(actor, "evidence.remove", evidence, before={"removed": False}, after={"removed": True})
    db.session.commit()
    return evidence


def restore_evidence(actor: User, claim_id: int, evidence_id: int) -> Evidence:
    _editable_claim(actor, claim_id)
    evidence = get_evidence(claim_id, evidence_id)
    if evidence.removed_at is None:
        raise Conflict("This evidence is not removed.")
    if db.session.scalar(select(Evidence.id).where(Evidence.claim_id == claim_id, Evidence.source_id ==
                                                   evidence.source_id, Evidence.removed_at.is_(None))):
        raise InvalidInput("That source is already attached to this claim.")
    evidence.removed_at = None
    last = db.session.scalar(select(func.max(Evidence.position)).where(Evidence.claim_id == claim_id,
                                                                       Evidence.removed_at.is_(None)))
    evidence.position = (last or 0) + 1
    audit.record(actor, "evidence.restore", evidence, before={"removed": True}, after={"removed": False})
    integrity.commit_or_refuse()
    return evidence
