"""Reviewers and checkers correct what extraction got wrong: a claim's text, kind, claimant and target, its denial
links, and claims to split in two or merge into one.

Each public function is one unit of work: the permission through the guard (``claims.correct``), the assignment
check of the desk, the claim at the version the form saw (a stale form gets a ``Conflict`` naming what changed),
a ``ClaimRevision`` per claim touched (``revisions``), an audit row, one commit. The extracted original stays in
revision 0, and a revised claim is left alone by re-extraction.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import and_, delete, or_, select

from factcheck.extensions import db
from factcheck.models import CLAIM_KINDS, Claim, ClaimLink, User
from factcheck.models.base import utcnow
from factcheck.models.claim import CLAIMANT_TYPES
from factcheck.services.claims import claim_state, desk, duplicates, revisions
from factcheck.services.core import audit
from factcheck.services.core.errors import Conflict, InvalidInput, InvalidTransition, Message, PermissionDenied
from factcheck.services.core.guards import can, require, require_transition

# A claim is corrected while it is worked on; once its verdict is with the editors or public, the claim it rates
# is fixed (a published fact-check is changed by a correction of the verdict, with its note).
CORRECTABLE_STATES = frozenset({"new", "triaged", "in_review", "needs_more_info", "sent_back"})
MERGEABLE_STATES = frozenset({"new", "triaged"})  # a claim merged into another one of its article
TEXT_MAX = 5000
NAME_MAX = 300
CONFLICT_MESSAGE = ("Someone else changed this claim after you opened it. Your correction was not saved; "
                    "here is what they changed:")


def _require_correctable(claim: Claim) -> None:
    if claim.status in CORRECTABLE_STATES:
        return
    status = claim.status.replace("_", " ")
    if claim.status in ("dismissed", "merged"):
        raise InvalidInput("Claim #%(id)s is %(status)s: restore or detach it before correcting it.", id=claim.id,
                           status=status)
    raise InvalidInput("Claim #%(id)s is %(status)s: it can no longer be corrected here (once its verdict is with the "
                       "editors, a change goes through the verdict, and a published one through a correction).",
                       id=claim.id, status=status)


def _what_changed(claim: Claim, seen: dict | None, mine: dict | None = None) -> list[Message]:
    """What differs between the values the form showed and the claim now (with the person's own value), and who
    changed the claim last."""
    changes = []
    for name, value in (seen or {}).items():
        current = getattr(claim, name, None)
        if (current or "") != (value or ""):
            field, now, seen_value = revisions.FIELD_LABELS.get(name, name), current or "—", value or "—"
            if mine and name in mine:
                changes.append(Message("%(field)s is now “%(now)s” (you saw “%(seen)s”; yours: “%(yours)s”)",
                                       field=field, now=now, seen=seen_value, yours=mine.get(name) or "—"))
            else:
                changes.append(Message("%(field)s is now “%(now)s” (you saw “%(seen)s”)", field=field, now=now,
                                       seen=seen_value))
    latest = revisions.history(claim.id)[-1:] if claim.revised_at else []
    for revision in latest:
        changes.append(Message("last correction: %(what)s by %(who)s, %(at)s UTC", what=revision.label.lower(),
                               who=revision.actor, at=format(revision.at, "%Y-%m-%d %H:%M")))
    if not changes:
        changes.append(Message("the claim is now %(status)s", status=claim.status.replace("_", " ")))
    return changes


def _load(actor: User, claim_id: int, expected_version: int | None, seen: dict | None = None,
          mine: dict | None = None) -> Claim:
    """The claim, checked: permission, assignment, a correctable state, the version the form saw."""
    require(actor, "claims.correct", "Correcting claims needs the permission claims.correct.")
    claim = claim_state.get_claim(claim_id)
    desk.require_claim_editor(actor, claim)
    if expected_version is not None and claim.version_id != expected_version:
        raise Conflict(CONFLICT_MESSAGE, changes=_what_changed(claim, seen, mine))
    _require_correctable(claim)
    return claim


def claim_to_correct(actor: User, claim_id: int) -> Claim:
    """The claim, when ``actor`` may correct it now (permission, assignment, state); for the edit form."""
    return _load(actor, claim_id, None)


def _clean(text: str, kind: str, claimant: str | None, target: str | None, claimant_type: str | None = None) -> dict:
    text = " ".join((text or "").split())
    if not text:
        raise InvalidInput("The claim needs a text.")
    if len(text) > TEXT_MAX:
        raise InvalidInput("The text is longer than %(TEXT_MAX)s characters.", TEXT_MAX=TEXT_MAX)
    if kind not in CLAIM_KINDS:
        raise InvalidInput("Choose a kind among %(value)s.", value=', '.join(CLAIM_KINDS))
    names = {"claimant": (claimant or "").strip() or None, "target": (target or "").strip() or None}
    for name, value in names.items():
        if value and len(value) > NAME_MAX:
            raise InvalidInput("The %(name)s is longer than %(NAME_MAX)s characters.", name=name, NAME_MAX=NAME_MAX)
    if claimant_type not in (None, *CLAIMANT_TYPES):
        raise InvalidInput("The claimant is a %(value)s.", value=' or an '.join(CLAIMANT_TYPES))
    return {"text": text, "kind": kind, **names, "claimant_type": claimant_type}


def edit_claim(actor: User, claim_id: int, *, text: str, kind: str, claimant: str | None, target: str | None,
               expected_version: int, seen: dict | None = None,
               claimant_type: str | None = None) -> tuple[Claim, bool]:
    """Correct the text, kind, claimant (and whether a person or an organisation: None leaves it to the entity
    labels) and target: one revision with each changed field's old and new value.

    ``seen`` are the values the form showed, to tell a person whose form is stale what changed since. Returns
    the claim and whether anything changed (an unchanged form writes nothing).
    """
    require(actor, "claims.correct", "Correcting claims needs the permission claims.correct.")
    values = _clean(text, kind, claimant, target, claimant_type or None)
    claim = _load(actor, claim_id, expected_version, seen, values)
    before = {name: getattr(claim, name) for name, value in values.items() if getattr(claim, name) != value}
    if not before:
        return claim, False
    after = {name: values[name] for name in before}
    revisions.new_revision(actor, claim, "edit", before=before, after=after)
    for name, value in after.items():
        setattr(claim, name, value)
    audit.record(actor, "claim.edit", claim, before=before, after=after)
    db.session.commit()
    return claim, True


# --- denial links ----------------------------------------------------------------------------------------------

def _denial_ids(claim_id: int) -> tuple[list[int], list[int]]:
    """(the claims this one denies, the claims denying it), by id."""
    rows = db.session.execute(select(ClaimLink.source_claim_id, ClaimLink.target_claim_id).where(
        ClaimLink.type == "denies",
        or_(ClaimLink.source_claim_id == claim_id, ClaimLink.target_claim_id == claim_id))).all()
    return (sorted(t for s, t in rows if s == claim_id), sorted(s for s, t in rows if t == claim_id))


def _pair(a: int, b: int):
    return and_(ClaimLink.type == "denies", or_(
        and_(ClaimLink.source_claim_id == a, ClaimLink.target_claim_id == b),
        and_(ClaimLink.source_claim_id == b, ClaimLink.target_claim_id == a)))


def _other(claim: Claim, other_id: int, verb: str) -> Claim:
    if other_id == claim.id:
        raise InvalidInput("A claim cannot %(verb)s itself.", verb=verb)
    return claim_state.get_claim(other_id)


def _revise_links(actor: User, claims: list[Claim], change) -> None:
    """Record each claim's denial lists before and after ``change`` (which adds or removes links)."""
    before = {c.id: _denial_ids(c.id) for c in claims}
    change()
    db.session.flush()
    for claim in claims:
        (denies, denied_by), (new_denies, new_denied_by) = before[claim.id], _denial_ids(claim.id)
        old, new = {}, {}
        if denies != new_denies:
            old["denies"], new["denies"] = denies, new_denies
        if denied_by != new_denied_by:
            old["denied_by"], new["denied_by"] = denied_by, new_denied_by
        related = next(c for c in claims if c.id != claim.id)
        action = "link_denial" if sum(map(len, new.values())) > sum(map(len, old.values())) else "unlink_denial"
        revisions.new_revision(actor, claim, action, before=old, after=new, related=related)


def link_denial(actor: User, claim_id: int, *, denied_id: int, expected_version: int) -> Claim:
    """Link the claim as a denial of another claim of the desk (one ``denies`` link; the reverse is implied)."""
    claim = _load(actor, claim_id, expected_version)
    denied = _other(claim, denied_id, "deny")
    if denied.status == "merged":
        raise InvalidInput("Claim #%(id)s was merged into another claim; link the claim it was merged into.",
                           id=denied.id)
    if db.session.scalar(select(ClaimLink.id).where(_pair(claim.id, denied.id))) is not None:
        raise InvalidInput("Claims #%(id)s and #%(id2)s are already a denial pair.", id=claim.id, id2=denied.id)
    _revise_links(actor, [claim, denied], lambda: db.session.add(ClaimLink(
        source_claim_id=claim.id, target_claim_id=denied.id, type="denies", origin="reviewer",
        created_by_id=actor.id)))
    audit.record(actor, "claim.link_denial", claim, after={"denies": denied.id})
    db.session.commit()
    return claim


def unlink_denial(actor: User, claim_id: int, *, other_id: int, expected_version: int) -> Claim:
    """Remove the denial link between the claim and another, whichever of the two is the denial."""
    claim = _load(actor, claim_id, expected_version)
    other = _other(claim, other_id, "deny")
    links = list(db.session.execute(select(ClaimLink.source_claim_id, ClaimLink.target_claim_id)
                                    .where(_pair(claim.id, other.id))).all())
    if not links:
        raise InvalidInput("Claims #%(id)s and #%(id2)s are not a denial pair.", id=claim.id, id2=other.id)
    _revise_links(actor, [claim, other], lambda: db.session.execute(delete(ClaimLink).where(_pair(claim.id,
                                                                                                 other.id))))
    audit.record(actor, "claim.unlink_denial", claim,
                 before={"denies": [[s, t] for s, t in links]}, after={"denies": []})
    db.session.commit()
    return claim


# --- split and merge ---------------------------------------------------------------------------------------------

def split_claim(actor: User, claim_id: int, *, first: str, second: str, expected_version: int) -> tuple[Claim, Claim]:
    """Split a claim holding two propositions: it keeps the first, a new claim of the same sentence the second."""
    claim = _load(actor, claim_id, expected_version)
    first_text = _clean(first, claim.kind, None, None)["text"]
    second_text = _clean(second, claim.kind, None, None)["text"]
    if first_text == second_text:
        raise InvalidInput("The two parts are the same; write each proposition in its own box.")
    key = hashlib.sha256(f"split|{claim.id}|{second_text}|{utcnow().isoformat()}".encode()).hexdigest()
    half = Claim(article_id=claim.article_id, extraction_key=key, span_start=claim.span_start,
                 span_end=claim.span_end, sentence=claim.sentence, text=second_text, claimant=claim.claimant,
                 target=claim.target, kind=claim.kind, attribution=claim.attribution, language=claim.language,
                 checkworthiness=claim.checkworthiness, quantities=list(claim.quantities or []),
                 entities=list(claim.entities or []), status="new", queue_id=claim.queue_id,
                 priority=claim.priority, pipeline_version=claim.pipeline_version)
    db.session.add(half)
    revisions.new_revision(actor, claim, "split", before={"text": claim.text}, after={"text": first_text},
                           related=half)
    before = claim.text
    claim.text = first_text
    revisions.origin_revision(actor, half, "split_off", related=claim)
    audit.record(actor, "claim.split", claim, before={"text": before},
                 after={"text": first_text, "new_claim_id": half.id})
    audit.record(actor, "claim.split_off", half, after={"text": second_text, "split_from": claim.id})
    db.session.commit()
    return claim, half


def _move_denials(source: Claim, target: Claim) -> int:
    """Re-point the denial links of ``source`` at ``target`` (dropping any that would repeat or loop)."""
    moved = 0
    for link in db.session.scalars(select(ClaimLink).where(ClaimLink.type == "denies", or_(
            ClaimLink.source_claim_id == source.id, ClaimLink.target_claim_id == source.id))):
        ends = [target.id if end == source.id else end for end in (link.source_claim_id, link.target_claim_id)]
        clash = db.session.scalar(select(ClaimLink.id).where(_pair(*ends), ClaimLink.id != link.id))
        if ends[0] == ends[1] or clash is not None:
            db.session.delete(link)
            continue
        link.source_claim_id, link.target_claim_id = ends
        moved += 1
    return moved


def merge_claims(actor: User, claim_id: int, *, other_id: int, text: str | None, expected_version: int) -> Claim:
    """Merge another claim of the same article into this one: it takes the merged text, the other is merged.

    The other claim goes to ``merged`` through the workflow (so it needs the step's permission) and its denial
    links move to this claim; both get a revision, and the other keeps its history.
    """
    claim = _load(actor, claim_id, expected_version)
    other = _other(claim, other_id, "merge with")
    if other.article_id != claim.article_id:
        raise InvalidInput("Only two claims of the same article can be merged into one; a claim seen in another "
                           "article is a duplicate (merge it from the queue).")
    desk.require_claim_editor(actor, other)
    merged_text = _clean(text or f"{claim.text} {other.text}", claim.kind, None, None)["text"]
    if other.status not in MERGEABLE_STATES:  # the workflow's in_review → merged is answering with a verdict
        raise InvalidTransition("Claim #%(id)s is %(status)s: only a new or triaged claim can be merged into another. "
                                "Merge the other way round, from claim #%(id)s.", id=other.id,
                                status=other.status.replace('_', ' '))
    status = other.status
    claim_state.move(actor, other, "merged", detail={"into": claim.id, "correction": True})
    left = duplicates.leave(other)
    moved = _move_denials(other, claim)
    revisions.new_revision(actor, other, "merged_into", before={"status": status},
                           after={"status": "merged"}, related=claim)
    before = claim.text
    if merged_text != before:
        revisions.new_revision(actor, claim, "merge", before={"text": before}, after={"text": merged_text},
                               related=other)
    else:
        revisions.new_revision(actor, claim, "merge", related=other)
    claim.text = merged_text
    audit.record(actor, "claim.absorb", claim, before={"text": before},
                 after={"text": merged_text, "merged_claim_id": other.id, "links_moved": moved,
                        "left_group": left})
    db.session.commit()
    return claim


# --- the claim page's correction panel --------------------------------------------------------------------------

@dataclass(frozen=True)
class Choice:
    """Another claim a picker lists: the view words it in the reader's language (kind and relation are codes)."""

    claim_id: int
    kind: str
    text: str
    relation: str | None = None  # "denies" or "denied_by" for the claim's denial pairs


@dataclass
class CorrectionPanel:
    """What the claim page offers to correct, and the claim's revisions with their diffs."""

    may_correct: bool
    may_merge: bool
    kinds: tuple[str, ...]
    link_choices: list[Choice]  # claims of the same article this one may be linked as a denial of
    merge_choices: list[Choice]
    denials: list[Choice]  # the claims it is in a denial pair with (for "Unlink")
    history: list[revisions.RevisionView]
    original: dict | None
    group: duplicates.GroupPanel | None
    may_detach: bool


def _may_move(actor: User, source: str, target: str) -> bool:
    """Whether the workflow has this step and the actor may take it (asked through the guard)."""
    try:
        require_transition(actor, source, target)
    except (InvalidTransition, PermissionDenied):
        return False
    return True


def _choice(claim: Claim, relation: str | None = None) -> Choice:
    text = claim.text if len(claim.text) <= 90 else claim.text[:89] + "…"
    return Choice(claim.id, claim.kind, text, relation)


def correction_panel(claim: Claim, viewer: User) -> CorrectionPanel:
    """The correction actions the viewer may take on the claim, with the choices their pickers list."""
    may_correct = (can(viewer, "claims.correct") and desk.can_edit_claim(viewer, claim)
                   and claim.status in CORRECTABLE_STATES)
    denies, denied_by = _denial_ids(claim.id)
    paired = set(denies) | set(denied_by)
    siblings = list(db.session.scalars(select(Claim).where(
        Claim.article_id == claim.article_id, Claim.id != claim.id, Claim.status != "merged").order_by(Claim.id)))
    others = {c.id: c for c in db.session.scalars(select(Claim).where(Claim.id.in_(paired)))} if paired else {}
    group = duplicates.group_panel(claim)
    mergeable = [c for c in siblings if c.status in MERGEABLE_STATES and _may_move(viewer, c.status, "merged")] \
        if may_correct else []
    return CorrectionPanel(
        may_correct=may_correct,
        may_merge=bool(mergeable),
        kinds=CLAIM_KINDS,
        link_choices=[_choice(c) for c in siblings if c.id not in paired],
        merge_choices=[_choice(c) for c in mergeable],
        denials=[_choice(others[i], "denies" if i in denies else "denied_by") for i in sorted(paired) if i in others],
        history=revisions.history(claim.id),
        original=revisions.original(claim.id),
        group=group,
        may_detach=group is not None and can(viewer, "claims.triage"),
    )
