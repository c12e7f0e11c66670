"""Trying a failed source fetch again from the claim page (a page that did not answer, a timeout).

Importing this module registers its route on the claims blueprint (``claims.views`` imports it last).
"""
from __future__ import annotations

from flask import flash
from flask_babel import gettext as _
from flask_login import current_user

from factcheck.claims.views import _back, bp
from factcheck.services.claims import source_fetch
from factcheck.web import require_permission


@bp.post("/<int:claim_id>/evidence/<int:evidence_id>/refetch")
@require_permission("sources.edit")
def retry_fetch(claim_id: int, evidence_id: int):
    source_fetch.retry_fetch(current_user._get_current_object(), claim_id, evidence_id)
    flash(_("Fetching the page again; its title and text appear here when it answers."), "success")
    return _back(claim_id, "evidence")
