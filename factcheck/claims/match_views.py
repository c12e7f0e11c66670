""""Already checked" on the claim page: the matches found among published verdicts, and answering the claim with
one of them. Thin: form → one service call → flash and redirect.

Importing this module registers its routes on the claims blueprint (``claims.views`` imports it last).
"""
from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from factcheck import actions
from factcheck.claims.forms import VersionForm
from factcheck.claims.views import bp
from factcheck.services.claims import desk
from factcheck.services.matching import answer
from factcheck.web import require_permission, require_valid


@bp.context_processor
def match_context():
    """``claim_matches(claim)`` for the claim page: its matches, and the answer button if the viewer may use it."""
    def build(claim):
        user = current_user._get_current_object()
        action = actions.answer_action(claim.status, user.roles, may_edit=desk.can_edit_claim(user, claim))
        return {"matches": answer.matches_for(claim), "action": action}
    return {"claim_matches": build}


@bp.post("/<int:claim_id>/matches/<int:match_id>/answer")
@require_permission("claims.view")
def answer_with_verdict(claim_id: int, match_id: int):
    form = VersionForm()
    require_valid(form)
    answer.answer_with_verdict(current_user, claim_id, expected_version=form.version_id.data, match_id=match_id)
    flash(_("The claim is answered by the earlier verdict and closed."), "success")
    return redirect(url_for("claims.show", claim_id=claim_id), code=303)
