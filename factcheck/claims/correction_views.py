"""Correcting a claim from its page: edit (inline with htmx, a page of its own without JavaScript), denial links,
split, merge, and detaching it from its duplicate group. Thin: form → one service call → flash and redirect.

Importing this module registers its routes on the claims blueprint (``claims.views`` imports it last).
"""
from __future__ import annotations

from types import SimpleNamespace

from flask import flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from factcheck.claims.forms import (
    ClaimEditForm,
    DetachForm,
    LinkDenialForm,
    MergeClaimForm,
    SplitForm,
    UnlinkDenialForm,
)
from factcheck.claims.views import bp
from factcheck.labels import label
from factcheck.services.claims import corrections, triage
from factcheck.services.claims.claimant import claimant_type_from_entities
from factcheck.services.core.errors import Conflict, InvalidInput
from factcheck.web import require_permission, require_valid


def _actor():
    return current_user._get_current_object()


def _is_htmx() -> bool:
    return request.headers.get("HX-Request") == "true"


def _done(claim_id: int, message: str, anchor: str = "claim"):
    """Back to the claim page: a 303 for a plain form; for htmx (the inline form, on the claim page itself) a
    reload of the page, since the claim, its history and the flash all changed."""
    flash(message, "success")
    if _is_htmx():
        response = make_response("", 204)
        response.headers["HX-Refresh"] = "true"
        return response
    return redirect(url_for("claims.show", claim_id=claim_id) + f"#{anchor}", code=303)


def _choice_label(choice: corrections.Choice) -> str:
    """"#12 · accusation · …" in the reader's language."""
    return f"#{choice.claim_id} · {_(label(choice.kind))} · {choice.text}"


@bp.context_processor
def correction_context():
    """``correction_context(claim)`` for the claim page: the correction panel and its forms, built on demand."""
    def build(claim):
        panel = corrections.correction_panel(claim, _actor())
        version = {"formdata": None, "version_id": claim.version_id}
        link = LinkDenialForm(**version)
        link.denied_id.choices = [SelectChoice(c.claim_id, _choice_label(c)) for c in panel.link_choices]
        merge = MergeClaimForm(**version)
        merge.other_id.choices = [SelectChoice(c.claim_id, _choice_label(c)) for c in panel.merge_choices]
        return SimpleNamespace(
            panel=panel, link=link, merge=merge, split=SplitForm(**version, first=claim.text),
            unlink={c.claim_id: UnlinkDenialForm(**version, other_id=c.claim_id) for c in panel.denials},
            detach=DetachForm(**version))
    return {"correction_context": build}


def _edit_form(claim, form: ClaimEditForm | None = None) -> ClaimEditForm:
    """The claim's correction form: ``form`` as posted, or a fresh one showing the claim."""
    if form is None:
        values = {"text": claim.text, "kind": claim.kind, "claimant": claim.claimant or "",
                  "claimant_type": claim.claimant_type or "", "target": claim.target or ""}
        form = ClaimEditForm(formdata=None, version_id=claim.version_id, **values,
                             **{f"seen_{name}": value for name, value in values.items()})
    form.offer_claimant_types(claimant_type_from_entities(claim.claimant or "", claim.entities))
    return form


def _render_edit(claim, form, status: int = 200, changes: list[str] | None = None):
    template = "claims/_edit_form.html" if _is_htmx() else "claims/edit.html"
    return render_template(template, claim=claim, form=form, changes=changes or []), status


@bp.get("/<int:claim_id>/edit")
@require_permission("claims.correct")
def edit(claim_id: int):
    claim = corrections.claim_to_correct(_actor(), claim_id)
    return _render_edit(claim, _edit_form(claim))


@bp.post("/<int:claim_id>/edit")
@require_permission("claims.correct")
def save_edit(claim_id: int):
    form = _edit_form(corrections.claim_to_correct(_actor(), claim_id), ClaimEditForm())
    if not form.validate_on_submit():
        return _render_edit(corrections.claim_to_correct(_actor(), claim_id), form, 422)
    try:
        claim, changed = corrections.edit_claim(
            _actor(), claim_id, text=form.text.data, kind=form.kind.data, claimant=form.claimant.data,
            claimant_type=form.claimant_type.data or None, target=form.target.data,
            expected_version=form.version_id.data, seen=form.seen())
    except InvalidInput as exc:
        form.text.errors = [*form.text.errors, str(exc)]
        return _render_edit(corrections.claim_to_correct(_actor(), claim_id), form, 422)
    except Conflict as exc:
        # The person's text stays in the form, which now carries the current version and values: saving again
        # is a choice made after reading what the other person changed. Nothing was written.
        claim = corrections.claim_to_correct(_actor(), claim_id)
        fresh = _edit_form(claim)
        form.version_id.data, form.version_id.raw_data = claim.version_id, [str(claim.version_id)]
        for name in ("seen_text", "seen_kind", "seen_claimant", "seen_claimant_type", "seen_target"):
            getattr(form, name).data = getattr(fresh, name).data
        return _render_edit(claim, form, 409, [str(exc), *exc.change_lines()])
    return _done(claim.id, _("Claim corrected; the change is in its history.") if changed else _("Nothing changed."))


@bp.post("/<int:claim_id>/link-denial")
@require_permission("claims.correct")
def link_denial(claim_id: int):
    form = LinkDenialForm()
    require_valid(form)
    corrections.link_denial(_actor(), claim_id, denied_id=form.denied_id.data,
                            expected_version=form.version_id.data)
    return _done(claim_id, _("Linked as a denial of claim #%(id)s.", id=form.denied_id.data), "corrections")


@bp.post("/<int:claim_id>/unlink-denial")
@require_permission("claims.correct")
def unlink_denial(claim_id: int):
    form = UnlinkDenialForm()
    require_valid(form)
    corrections.unlink_denial(_actor(), claim_id, other_id=form.other_id.data,
                              expected_version=form.version_id.data)
    return _done(claim_id, _("The denial link with claim #%(id)s is removed.", id=form.other_id.data), "corrections")


@bp.post("/<int:claim_id>/split")
@require_permission("claims.correct")
def split(claim_id: int):
    form = SplitForm()
    require_valid(form)
    _first, half = corrections.split_claim(_actor(), claim_id, first=form.first.data, second=form.second.data,
                                      expected_version=form.version_id.data)
    return _done(claim_id, _("Split in two: the second proposition is claim #%(id)s.", id=half.id), "corrections")


@bp.post("/<int:claim_id>/merge")
@require_permission("claims.correct")
def merge(claim_id: int):
    form = MergeClaimForm()
    require_valid(form)
    corrections.merge_claims(_actor(), claim_id, other_id=form.other_id.data, text=form.text.data,
                             expected_version=form.version_id.data)
    return _done(claim_id, _("Claim #%(id)s is merged into this one.", id=form.other_id.data), "corrections")


@bp.post("/<int:claim_id>/detach")
@require_permission("claims.triage")
def detach(claim_id: int):
    form = DetachForm()
    require_valid(form)
    triage.detach(_actor(), claim_id, expected_version=form.version_id.data)
    return _done(claim_id, _("Detached from its duplicate group."), "duplicates")
