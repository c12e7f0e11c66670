"""Editorial approval and publishing: the queue, one verdict's review page and the editor's actions."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from factcheck import actions
from factcheck.editorial.forms import (
    ApproveForm,
    CorrectionForm,
    EditVerdictForm,
    SendBackForm,
    UnpublishForm,
    VerdictVersionForm,
)
from factcheck.rendering import render_markdown
from factcheck.services.claims import comments, desk
from factcheck.services.core.errors import Conflict, InvalidInput
from factcheck.services.verdicts import editorial, scales
from factcheck.services.verdicts.verdicts import get_verdict
from factcheck.web import form_errors, require_permission, require_valid

bp = Blueprint("editorial", __name__)


@bp.get("/")
@require_permission("verdicts.review")
def index():
    return render_template("editorial/index.html", items=editorial.review_queue(),
                           approved=editorial.approved_unpublished())


def _content_form(cls, verdict, formdata=None):
    form = cls(formdata=formdata) if formdata is not None else cls(formdata=None)
    if formdata is None:
        form.version_id.data = verdict.version_id
        form.rating_id.data = str(verdict.rating_id or "")
        form.summary.data, form.explanation.data = verdict.summary, verdict.explanation_md
    form.rating_id.choices = [SelectChoice(str(r.id), r.label) for r in scales.offered_ratings(verdict.claim)]
    return form


def _page(verdict, status=200, *, edit_form=None, correction_form=None, changes=None):
    version = {"version_id": verdict.version_id}
    choices = actions.editorial_actions(verdict.claim.status, verdict.status, current_user.roles,
                                        may_approve=editorial.can_approve(current_user, verdict))
    notes = desk.claim_comments(verdict.claim_id)
    return render_template(
        "editorial/verdict.html", verdict=verdict, claim=verdict.claim, item=editorial.queue_item(verdict),
        explanation_html=render_markdown(verdict.explanation_md), actions=choices,
        evidence=desk.claim_evidence(verdict.claim_id), relied_on={e.id for e in verdict.evidence},
        notes=notes, note_segments=comments.comment_segments(notes),
        public_slug=verdict.public_slug if verdict.status == "published" else None,  # the link after publishing
        approve_form=ApproveForm(formdata=None, **version), publish_form=VerdictVersionForm(formdata=None, **version),
        send_back_form=SendBackForm(formdata=None, **version), unpublish_form=UnpublishForm(formdata=None, **version),
        edit_form=edit_form or _content_form(EditVerdictForm, verdict),
        correction_form=correction_form or _content_form(CorrectionForm, verdict),
        changes=changes or [],
    ), status


@bp.get("/verdicts/<int:verdict_id>")
@require_permission("verdicts.review")
def show(verdict_id: int):
    return _page(get_verdict(verdict_id))


def _done(verdict_id: int, message: str):
    flash(message, "success")
    return redirect(url_for("editorial.show", verdict_id=verdict_id))


@bp.post("/verdicts/<int:verdict_id>/approve")
@require_permission("verdicts.approve")
def approve(verdict_id: int):
    form = ApproveForm()
    require_valid(form)
    editorial.approve(current_user, verdict_id, expected_version=form.version_id.data, publish=form.publish.data)
    return _done(verdict_id, _("Approved and published.") if form.publish.data else _("Approved."))


@bp.post("/verdicts/<int:verdict_id>/publish")
@require_permission("verdicts.publish")
def publish(verdict_id: int):
    form = VerdictVersionForm()
    require_valid(form)
    editorial.publish(current_user, verdict_id, expected_version=form.version_id.data)
    return _done(verdict_id, _("Published."))


@bp.post("/verdicts/<int:verdict_id>/send-back")
@require_permission("verdicts.approve")
def send_back(verdict_id: int):
    form = SendBackForm()
    require_valid(form)
    editorial.send_back(current_user, verdict_id, note=form.note.data, expected_version=form.version_id.data)
    return _done(verdict_id, _("Sent back to the checker with your note."))


def _content_action(verdict_id: int, cls, action, message: str, slot: str):
    verdict = get_verdict(verdict_id)
    form = _content_form(cls, verdict, request.form)
    if form.validate_on_submit():
        extra = {"note": form.note.data} if hasattr(form, "note") else {}
        try:
            action(current_user, verdict_id, rating_id=form.rating_id.data, summary=form.summary.data,
                   explanation_md=form.explanation.data, expected_version=form.version_id.data, **extra)
        except InvalidInput as exc:
            form_errors.attach(form, exc, fallback=form.summary)
        except Conflict as exc:
            form.version_id.raw_data = [str(verdict.version_id)]  # keep their text; resaving is now deliberate
            return _page(verdict, 409, changes=[str(exc), *exc.change_lines()], **{slot: form})
        else:
            return _done(verdict_id, message)
    return _page(verdict, 422, **{slot: form})


@bp.post("/verdicts/<int:verdict_id>/edit")
@require_permission("verdicts.approve")
def edit(verdict_id: int):
    return _content_action(verdict_id, EditVerdictForm, editorial.edit_verdict, _("Edit saved as a new revision."),
                           "edit_form")


@bp.post("/verdicts/<int:verdict_id>/correct")
@require_permission("verdicts.publish")
def correct(verdict_id: int):
    return _content_action(verdict_id, CorrectionForm, editorial.correct_verdict, _("Correction published."),
                           "correction_form")


@bp.post("/verdicts/<int:verdict_id>/unpublish")
@require_permission("verdicts.unpublish")
def unpublish(verdict_id: int):
    form = UnpublishForm()
    require_valid(form)
    editorial.unpublish(current_user, verdict_id, reason=form.reason.data, expected_version=form.version_id.data)
    return _done(verdict_id, _("Unpublished."))
