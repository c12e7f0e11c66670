"""The claim desk: claim page, review actions, sources, comments, verdict drafts. Thin: form → service → redirect."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from factcheck import actions
from factcheck.claims.forms import (
    CommentForm,
    EvidenceForm,
    MoveForm,
    NeedsInfoForm,
    PairForm,
    ReuseSourceForm,
    SourceForm,
    VerdictForm,
    VersionForm,
)
from factcheck.labels import label
from factcheck.rendering import render_markdown
from factcheck.services.claims import comments, desk, evidence
from factcheck.services.claims.claim_state import get_claim
from factcheck.services.core.errors import InvalidInput
from factcheck.services.verdicts import scales, verdicts
from factcheck.services.verdicts.claim_review import suggested_claim_reviewed
from factcheck.web import require_permission, require_valid
from factcheck.web.bounded_ints import int_arg

bp = Blueprint("claims", __name__)


def _back(claim_id: int, anchor: str = ""):
    return redirect(url_for("claims.show", claim_id=claim_id) + (f"#{anchor}" if anchor else ""))


def _claim_actions(claim, may_edit: bool, disputes=()) -> actions.ClaimActions:
    """What the current user may do on the claim now, from the workflow table and their roles."""
    others = [pair.denial if pair.accusation.id == claim.id else pair.accusation for pair in disputes]
    return actions.claim_actions(claim.status, current_user.roles, may_edit=may_edit,
                                 verdict_status=claim.verdict.status if claim.verdict else None,
                                 partners={other.id: other.status for other in others})


@bp.get("/<int:claim_id>")
@require_permission("claims.view")
def show(claim_id: int):
    page = desk.claim_page(claim_id, current_user)
    explanation = render_markdown(page.verdict.explanation_md) if page.verdict else ""
    return render_template("claims/show.html", page=page, claim=page.claim, explanation_html=explanation,
                           actions=_claim_actions(page.claim, page.can_edit, page.disputes),
                           segments=comments.comment_segments(page.comments), comment_form=CommentForm(),
                           needs_info_form=NeedsInfoForm(formdata=None, version_id=page.claim.version_id))


@bp.post("/<int:claim_id>/start-review")
@require_permission("claims.check")
def start_review(claim_id: int):
    form = VersionForm()
    require_valid(form)
    desk.start_review(current_user, claim_id, expected_version=form.version_id.data)
    flash(_("You are reviewing this claim."), "success")
    return _back(claim_id)


@bp.post("/<int:claim_id>/start-review-pair")
@require_permission("claims.check")
def start_review_pair(claim_id: int):
    form = PairForm()
    require_valid(form)
    desk.start_review_pair(current_user, claim_id, form.other_id.data, expected_versions={
        claim_id: form.version_id.data, form.other_id.data: form.other_version_id.data})
    flash(_("You are reviewing both the accusation and the denial."), "success")
    return _back(claim_id)


@bp.post("/<int:claim_id>/needs-more-info")
@require_permission("claims.check")
def needs_more_info(claim_id: int):
    form = NeedsInfoForm()
    require_valid(form)
    desk.mark_needs_more_info(current_user, claim_id, note=form.note.data, expected_version=form.version_id.data)
    flash(_("Marked as needing more information."), "success")
    return _back(claim_id)


@bp.post("/<int:claim_id>/resume-review")
@require_permission("claims.check")
def resume_review(claim_id: int):
    form = VersionForm()
    require_valid(form)
    desk.resume_review(current_user, claim_id, expected_version=form.version_id.data)
    flash(_("Back in review."), "success")
    return _back(claim_id)


@bp.post("/<int:claim_id>/comments")
@require_permission("claims.comment")
def add_comment(claim_id: int):
    form = CommentForm()
    require_valid(form)
    comments.add_comment(current_user, claim_id, body=form.body.data)
    flash(_("Comment posted."), "success")
    return _back(claim_id, "comments")


def _source_page(claim_id: int, form: SourceForm, status: int = 200):
    claim = get_claim(claim_id)
    desk.require_claim_editor(current_user, claim)
    query = request.args.get("q", "")
    return render_template("claims/sources.html", claim=claim, form=form, query=query,
                           found=evidence.search_sources(query), reuse_form=ReuseSourceForm()), status


@bp.get("/<int:claim_id>/sources/new")
@require_permission("sources.edit")
def new_source(claim_id: int):
    return _source_page(claim_id, SourceForm())


@bp.post("/<int:claim_id>/sources")
@require_permission("sources.edit")
def attach_source(claim_id: int):
    form = SourceForm()
    source_id = int_arg("source_id", args=request.form)
    if not form.validate_on_submit():
        return _source_page(claim_id, form, 422)
    try:
        evidence.attach_source(current_user, claim_id, stance=form.stance.data, excerpt=form.excerpt.data,
                               url=form.url.data, citation=form.citation.data, source_id=source_id)
    except InvalidInput as exc:
        form.url.errors = [*form.url.errors, str(exc)]
        return _source_page(claim_id, form, 422)
    flash(_("Source attached."), "success")
    return _back(claim_id, "evidence")


@bp.route("/<int:claim_id>/evidence/<int:evidence_id>/edit", methods=["GET", "POST"])
@require_permission("sources.edit")
def edit_evidence(claim_id: int, evidence_id: int):
    claim = get_claim(claim_id)
    desk.require_claim_editor(current_user, claim)
    item = evidence.get_evidence(claim_id, evidence_id)
    form = EvidenceForm(obj=item)
    if request.method == "GET":
        form.original_stance.data, form.original_excerpt.data = item.stance, item.excerpt
    elif form.validate_on_submit():
        try:
            evidence.update_evidence(current_user, claim_id, evidence_id, stance=form.stance.data,
                                     excerpt=form.excerpt.data or "",
                                     expected={"stance": form.original_stance.data or "",
                                               "excerpt": form.original_excerpt.data or ""})
        except InvalidInput as exc:
            form.excerpt.errors = [*form.excerpt.errors, str(exc)]
        else:
            flash(_("Evidence saved."), "success")
            return _back(claim_id, "evidence")
    status = 422 if request.method == "POST" else 200
    return render_template("claims/evidence_edit.html", claim=claim, item=item, form=form), status


@bp.post("/<int:claim_id>/evidence/<int:evidence_id>/move")
@require_permission("sources.edit")
def move_evidence(claim_id: int, evidence_id: int):
    form = MoveForm()
    require_valid(form)
    evidence.move_evidence(current_user, claim_id, evidence_id, direction=form.direction.data)
    return _back(claim_id, "evidence")


@bp.post("/<int:claim_id>/evidence/<int:evidence_id>/remove")
@require_permission("sources.edit")
def remove_evidence(claim_id: int, evidence_id: int):
    evidence.remove_evidence(current_user, claim_id, evidence_id)
    flash(_("Evidence removed. You can restore it from the list of removed evidence."), "success")
    return _back(claim_id, "evidence")


@bp.post("/<int:claim_id>/evidence/<int:evidence_id>/restore")
@require_permission("sources.edit")
def restore_evidence(claim_id: int, evidence_id: int):
    evidence.restore_evidence(current_user, claim_id, evidence_id)
    flash(_("Evidence restored."), "success")
    return _back(claim_id, "evidence")


def _verdict_form(claim, form=None) -> VerdictForm:
    verdict = claim.verdict
    if form is None:
        form = VerdictForm(formdata=None)
        form.version_id.data = verdict.version_id if verdict else 0
        if verdict:
            form.rating_id.data = str(verdict.rating_id or "")
            form.summary.data, form.explanation.data = verdict.summary, verdict.explanation_md
            form.evidence_ids.data = [e.id for e in verdict.evidence]
        form.claim_reviewed.data = (verdict.claim_reviewed if verdict else None) or suggested_claim_reviewed(claim)
    ratings = [SelectChoice(str(r.id), r.label) for r in scales.offered_ratings(claim)]
    form.rating_id.choices = [SelectChoice("", _("— choose —")), *ratings]
    form.evidence_ids.choices = [
        SelectChoice(e.id, f"{_(label(e.stance))}: {e.source.title or e.source.url or e.source.citation}")
        for e in desk.claim_evidence(claim.id)]
    return form


def _render_verdict(claim, form, status=200, changes=None):
    # Only the claim's editor reaches this page (require_claim_editor), so only the submit button is in question.
    submit = _claim_actions(claim, may_edit=True).submit_verdict
    return render_template("claims/verdict.html", claim=claim, verdict=claim.verdict, form=form, submit=submit,
                           changes=changes or [], preview=render_markdown(form.explanation.data)), status


@bp.post("/<int:claim_id>/verdict/submit")
@require_permission("verdicts.draft")
def submit_verdict(claim_id: int):
    form = VersionForm()
    require_valid(form)
    verdicts.submit_for_review(current_user, claim_id, expected_version=form.version_id.data)
    flash(_("Verdict submitted for editorial review."), "success")
    return _back(claim_id)


# Registered last, on the same blueprint: the correction routes (edit, denial links, split, merge, detach).
# And the verdict draft (form, preview, autosave, save and submit), and trying a failed source fetch again.
from factcheck.claims import correction_views, match_views, source_retry, verdict_editing  # noqa: E402, F401
