"""Writing a verdict without losing a word: the draft form, the Markdown preview beside the editor, autosave
(JSON, for the editor's script) and "save and submit" in one click. A refusal shows the form again with the text
as typed, the message next to the field at fault, and on a conflict both versions.

Importing this module registers its routes on the claims blueprint (``claims.views`` imports it last).
"""
from __future__ import annotations

from flask import flash, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from factcheck.claims.forms import VerdictForm
from factcheck.claims.views import _back, _render_verdict, _verdict_form, bp
from factcheck.rendering import render_markdown
from factcheck.services.claims import desk
from factcheck.services.claims.claim_state import get_claim
from factcheck.services.core.errors import Conflict, InvalidInput, ServiceError
from factcheck.services.verdicts import drafting
from factcheck.web import form_errors, require_permission
from factcheck.web.errors import status_for


def _draft_input(form: VerdictForm) -> drafting.DraftInput:
    return drafting.DraftInput(rating_id=form.rating_id.data, summary=form.summary.data or "",
                               explanation_md=form.explanation.data or "", evidence_ids=form.evidence_ids.data or [],
                               expected_version=form.version_id.data, claim_reviewed=form.claim_reviewed.data or "")


def refused(claim, form: VerdictForm, exc: ServiceError):
    """The verdict page again with everything typed kept: the message beside its field, or the conflict with
    both versions (the form then carries the current version, so saving again is a choice made after seeing
    theirs). A draft that already holds the text (saved before a refused submission) is the form's version."""
    verdict = claim.verdict
    if isinstance(exc, Conflict) or drafting.holds(verdict, _draft_input(form)):
        form.version_id.data = verdict.version_id if verdict else 0
        form.version_id.raw_data = [str(form.version_id.data)]
    if isinstance(exc, Conflict):
        return _render_verdict(claim, form, 409, [str(exc), *exc.change_lines()])
    form_errors.attach(form, exc)
    return _render_verdict(claim, form, status_for(exc))


def _posted_form(claim_id: int):
    claim = get_claim(claim_id)
    desk.require_claim_editor(current_user, claim)
    return claim, _verdict_form(claim, VerdictForm())


@bp.route("/<int:claim_id>/verdict", methods=["GET", "POST"])
@require_permission("verdicts.draft")
def verdict(claim_id: int):
    if request.method == "GET":
        claim = get_claim(claim_id)
        desk.require_claim_editor(current_user, claim)
        return _render_verdict(claim, _verdict_form(claim))
    claim, form = _posted_form(claim_id)
    if not form.validate_on_submit():
        return _render_verdict(claim, form, 422)
    try:
        drafting.save(current_user, claim_id, _draft_input(form))
    except (InvalidInput, Conflict) as exc:
        return refused(claim, form, exc)
    flash(_("Draft saved as a new revision."), "success")
    return redirect(url_for("claims.verdict", claim_id=claim_id))


@bp.post("/<int:claim_id>/verdict/preview")
@require_permission("verdicts.draft")
def preview_verdict(claim_id: int):
    """The explanation as readers will see it: a fragment for the editor's script, else the page with the text."""
    claim, form = _posted_form(claim_id)
    if request.headers.get("X-Preview") == "fragment":
        return render_markdown(form.explanation.data)
    return _render_verdict(claim, form)


@bp.post("/<int:claim_id>/verdict/autosave")
@require_permission("verdicts.draft")
def autosave_verdict(claim_id: int):
    """JSON for the editor's script: the new version, or why nothing was saved (and, on a conflict, theirs)."""
    claim, form = _posted_form(claim_id)
    if not form.validate_on_submit():
        return jsonify(saved=False, errors={k: v[0] for k, v in form.errors.items()}), 422
    try:
        verdict, wrote = drafting.autosave(current_user, claim_id, _draft_input(form))
    except Conflict as exc:
        current = claim.verdict
        theirs = {"rating": current.rating.label if current and current.rating else "",
                  "summary": current.summary if current else "",
                  "explanation": current.explanation_md if current else ""}
        return jsonify(saved=False, message=str(exc), changes=exc.change_lines(), theirs=theirs), 409
    except InvalidInput as exc:
        field = form_errors.FORM_FIELDS.get(exc.field or "", exc.field)
        return jsonify(saved=False, errors={field or "form": str(exc)}), 422
    return jsonify(saved=wrote, version_id=verdict.version_id)


@bp.post("/<int:claim_id>/verdict/save-and-submit")
@require_permission("verdicts.draft")
def save_and_submit_verdict(claim_id: int):
    claim, form = _posted_form(claim_id)
    if not form.validate_on_submit():
        return _render_verdict(claim, form, 422)
    try:
        drafting.save_and_submit(current_user, claim_id, _draft_input(form))
    except ServiceError as exc:
        return refused(get_claim(claim_id), form, exc)
    flash(_("Verdict saved and submitted for editorial review."), "success")
    return _back(claim_id)
