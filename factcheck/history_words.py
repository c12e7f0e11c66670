"""The words a claim's history shows for what the audit trail stores as codes: each action ("verdict.send_back"
→ "verdict sent back") and each field it changed ("assignee_id" → "assigned to"). Marked with ``N_`` and
translated where shown (``web/history.py``). Pure: no Flask.
"""
from __future__ import annotations

from factcheck.languages import N_

ACTIONS: dict[str, str] = {
    "article.submit": N_("article submitted"), "article.extracted": N_("claims extracted"),
    "article.reextract": N_("extraction run again"), "article.failed": N_("article could not be processed"),
    "claim.accept": N_("accepted"), "claim.dismiss": N_("dismissed"), "claim.merge": N_("merged into another claim"),
    "claim.restore": N_("restored"), "claim.detach": N_("detached from its group"),
    "claim.start_review": N_("review started"), "claim.needs_more_info": N_("marked as needing more information"),
    "claim.resume_review": N_("review resumed"), "claim.reopen": N_("reopened"),
    "claim.answer": N_("answered with an earlier verdict"), "claim.assign": N_("assigned"),
    "claim.take": N_("taken"), "claim.take_pair": N_("taken with its denial"), "claim.set_priority": N_("priority set"),
    "claim.edit": N_("corrected"), "claim.split": N_("split in two"), "claim.split_off": N_("split off another claim"),
    "claim.absorb": N_("absorbed another claim"), "claim.link_denial": N_("linked as a denial"),
    "claim.unlink_denial": N_("denial link removed"),
    "comment.create": N_("comment posted"), "comment.mention": N_("colleague mentioned"),
    "evidence.add": N_("source attached"), "evidence.edit": N_("source edited"),
    "evidence.remove": N_("source removed"), "evidence.restore": N_("source restored"),
    "evidence.reorder": N_("sources reordered"),
    "source.fetch_failed": N_("source page could not be fetched"), "source.refetch": N_("source fetched again"),
    "verdict.save_draft": N_("verdict draft saved"), "verdict.submit": N_("verdict submitted for review"),
    "verdict.send_back": N_("verdict sent back"), "verdict.approve": N_("verdict approved"),
    "verdict.edit": N_("verdict edited by an editor"),
    "verdict.edit_after_approval": N_("verdict edited after approval"), "verdict.publish": N_("verdict published"),
    "verdict.republish": N_("verdict published again"), "verdict.correct": N_("published verdict corrected"),
    "verdict.unpublish": N_("verdict unpublished"),
}

FIELDS: dict[str, str] = {
    "status": N_("status"), "assignee_id": N_("assigned to (person no.)"), "priority": N_("priority"),
    "text": N_("text"), "kind": N_("kind"), "claimant": N_("claimant"), "claimant_type": N_("claimant type"),
    "target": N_("target"), "sentence": N_("sentence"), "reason": N_("reason"), "note": N_("note"),
    "rating": N_("rating"), "summary": N_("summary"), "explanation_changed": N_("explanation changed"),
    "revision": N_("revision"), "evidence_ids": N_("evidence relied on"), "stance": N_("stance"),
    "excerpt": N_("excerpt"), "url": N_("address"), "citation": N_("citation"), "title": N_("title"),
    "error": N_("error"), "verdict_id": N_("verdict no."), "claim_id": N_("claim no."), "source_id": N_("source no."),
    "mentions": N_("mentioned (person no.)"), "user_id": N_("person no."), "public_slug": N_("public address"),
    "duplicate_group": N_("duplicate group"), "pair": N_("claims"), "position": N_("position"),
    "into_claim_id": N_("merged into claim no."), "queue_id": N_("queue no."),
    "queue_before": N_("previous queue no."),
}

# fields whose values are stored codes with words of their own (factcheck.labels)
CODED_FIELDS = frozenset({"status", "kind", "stance", "attribution", "claimant_type"})
# a change of one of these is shown as a word diff
TEXT_FIELDS = frozenset({"text", "summary", "sentence", "excerpt", "note", "reason", "claimant", "target"})


def action_words(action: str) -> str:
    """The untranslated words for an audit action (the code, spaced, when there are none)."""
    return ACTIONS.get(action, action.replace(".", ": ").replace("_", " "))


def field_words(name: str) -> str:
    """The untranslated words for a changed field (the code, spaced, when there are none)."""
    return FIELDS.get(name, name.replace("_", " "))
