"""Review queues and triage: the queue pages, the triage actions, take next, bulk and saved views.

Every action is a plain form POST that answers 303 back to the filtered URL it came from; when htmx sends
it (``HX-Request``) the view answers with the redrawn row instead, so keyboard triage stays on the page.
"""
from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlencode, urlsplit

from flask import Blueprint, abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from factcheck import actions, workflow
from factcheck.extensions import db
from factcheck.labels import label
from factcheck.models import Queue
from factcheck.permissions import has_permission
from factcheck.queue import forms
from factcheck.services.claims import triage
from factcheck.services.core.errors import InvalidInput
from factcheck.services.queues import merge_candidates as candidates
from factcheck.services.queues import queue_filters, queue_listing, saved_views
from factcheck.web import require_permission
from factcheck.web.errors import render_error, status_for
from factcheck.web.redirect_targets import is_local_path

bp = Blueprint("queue", __name__)


def _actor():
    return current_user._get_current_object()


def _is_htmx() -> bool:
    return request.headers.get("HX-Request") == "true"


@bp.app_context_processor
def saved_views_nav():
    """``saved_views_nav()`` for the navigation include; it queries only when a template calls it."""
    def load():
        if not current_user.is_authenticated or not has_permission(current_user.roles, "views.save"):
            return []
        # Cached on the request (not on g, which outlives a request when an app context is already pushed).
        cached = request.environ.get("factcheck.saved_views")
        if cached is None:
            cached = request.environ["factcheck.saved_views"] = saved_views.list_views(_actor())
        return cached
    return {"saved_views_nav": load, "saved_view_url": _saved_view_url}


def _saved_view_url(view) -> str:
    base = url_for("queue.show", queue_id=view.queue_id) if view.queue_id else url_for("queue.index")
    return f"{base}?{view.query}" if view.query else base


def _queue_checker(user):
    """Whether the user may work in a queue (None: outside any queue), so rows show only working buttons."""
    if not has_permission(user.roles, "claims.triage") and not has_permission(user.roles, "claims.assign"):
        return lambda queue_id: False
    if has_permission(user.roles, "claims.edit_any"):
        return lambda queue_id: True
    member_of = queue_listing.member_queue_ids(user)
    return lambda queue_id: queue_id is None or queue_id in member_of


def _member_of(user, queue_id: int) -> bool:
    """Whether the user works in the queue: editors and admins everywhere, the others in their own queues."""
    return has_permission(user.roles, "claims.edit_any") or queue_id in queue_listing.member_queue_ids(user)


def _row_context(back: str) -> dict:
    """What rows need: their actions' names (for the keyboard) and the labels of reasons and priorities."""
    user = _actor()
    can_work_queue = _queue_checker(user)

    def row_actions(row) -> actions.RowActions:
        return actions.queue_row_actions(row.status, user.roles, may_work=can_work_queue(row.queue_id),
                                         assigned_to_me=row.assignee_id == user.id)

    return {"back": back, "reasons": triage.DISMISS_REASONS, "priorities": triage.PRIORITIES,
            "row_actions": row_actions}


def _menu_context(back: str) -> dict:
    """A row's menu also offers the queues to accept into and the colleagues to assign to."""
    user = _actor()
    assignees = queue_listing.assignee_choices() if has_permission(user.roles, "claims.assign") else []
    return {**_row_context(back), "queue_options": queue_listing.queue_choices(user), "assignee_options": assignees}


def _render_list(template: str, *, queue=None, summaries=(), status=200, **extra):
    filters = queue_filters.parse_filters(request.args)
    page = queue_listing.list_page(_actor(), filters, queue_id=queue.id if queue else None)
    here = request.full_path.rstrip("?")
    base = url_for("queue.show", queue_id=queue.id) if queue else url_for("queue.index")
    ctx = _row_context(here)
    if queue is None:  # the bulk form's "into queue" on the page of all queues
        ctx["queue_options"] = queue_listing.queue_choices(_actor())
    return render_template(
        template, queue=queue, page=page, filters=filters, summaries=summaries, base_url=base,
        next_url=f"{base}?{urlencode([*filters.params(), ('after', page.next_cursor)])}"
        if page.next_cursor else None,
        kinds=queue_filters.KINDS, sorts=queue_filters.SORTS, statuses=workflow.STATES,
        saved_query=filters.query_string(), **ctx, **extra,
    ), status


@bp.route("/")
@require_permission("queues.view")
def index():
    summaries = queue_listing.queue_summaries(_actor())
    return _render_list("queue/index.html", summaries=summaries)


@bp.route("/<int:queue_id>")
@require_permission("queues.view")
def show(queue_id: int):
    queue = db.session.get(Queue, queue_id)
    if queue is None:
        abort(404)
    summaries = queue_listing.queue_summaries(_actor(), only=queue.id)
    take_next = actions.take_next_action(_actor().roles, may_work=_member_of(_actor(), queue.id))
    return _render_list("queue/show.html", queue=queue, summaries=summaries, take_next=take_next)


# --- answering an action ----------------------------------------------------------------------------------

def _invalid(form) -> tuple:
    messages = [str(e) for errors in form.errors.values() for e in errors]
    return render_error(422 if "back" not in form.errors else 400, " ".join(messages))


def _done(form, claim_ids: list[int], message: str, *, anchor: int | None = None):
    """After an action: the redrawn rows for htmx, else a flash and a 303 back to the filtered URL."""
    if _is_htmx():
        rows = queue_listing.rows_for(_actor(), claim_ids)
        response = make_response(render_template("queue/_rows.html", rows=rows, **_row_context(form.back.data)))
        response.headers["HX-Trigger"] = json.dumps({"queue:notice": message})
        return response
    flash(message, "success")
    target = form.back.data + (f"#claim-{anchor}" if anchor else "")
    return redirect(target, code=303)


def _claim_action(form_class, claim_id: int, run, message: str):
    form = form_class()
    if not form.validate_on_submit():
        return _invalid(form)
    claims = run(form)
    ids = [c.id for c in (claims if isinstance(claims, (list, tuple)) else [claims])]
    if claim_id not in ids:
        ids.insert(0, claim_id)
    return _done(form, ids, message.format(id=claim_id), anchor=claim_id)


@bp.route("/claims/<int:claim_id>/accept", methods=["POST"])
@require_permission("claims.triage")
def accept(claim_id: int):
    return _claim_action(forms.AcceptForm, claim_id, lambda f: triage.accept(
        _actor(), claim_id, expected_version=f.version_id.data, queue_id=f.queue_id.data),
        _("Claim #{id} accepted."))


@bp.route("/claims/<int:claim_id>/dismiss", methods=["POST"])
@require_permission("claims.triage")
def dismiss(claim_id: int):
    return _claim_action(forms.DismissForm, claim_id, lambda f: triage.dismiss(
        _actor(), claim_id, expected_version=f.version_id.data, reason=f.reason.data),
        _("Claim #{id} dismissed."))


@bp.route("/claims/<int:claim_id>/restore", methods=["POST"])
@require_permission("claims.triage")
def restore(claim_id: int):
    return _claim_action(forms.ClaimActionForm, claim_id, lambda f: triage.restore(
        _actor(), claim_id, expected_version=f.version_id.data), _("Claim #{id} restored."))


@bp.route("/claims/<int:claim_id>/merge", methods=["POST"])
@require_permission("claims.triage")
def merge(claim_id: int):
    def run(f):
        claim = triage.merge(_actor(), claim_id, expected_version=f.version_id.data,
                             into_claim_id=f.into_claim_id.data)
        return [claim, db.session.get(type(claim), f.into_claim_id.data)]
    return _claim_action(forms.MergeForm, claim_id, run, _("Claim #{id} merged."))


@bp.route("/claims/<int:claim_id>/merge-candidates")
@require_permission("claims.triage")
def merge_candidates(claim_id: int):
    """The merge dialog's search: a list to pick from (htmx), or a page with a merge button per claim."""
    text = request.args.get("q", "").strip()
    found, error, status = [], None, 200
    if text:
        try:
            found = candidates.merge_candidates(_actor(), claim_id, text)
        except InvalidInput as exc:
            error, status = str(exc), status_for(exc)
    if _is_htmx():
        return render_template("queue/_merge_candidates.html", q=text, candidates=found, error=error), status
    rows = queue_listing.rows_for(_actor(), [claim_id])
    if not rows:
        abort(404)
    return render_template("queue/merge_candidates.html", q=text, candidates=found, error=error, row=rows[0],
                           back=url_for("queue.index")), status


@bp.route("/claims/<int:claim_id>/menu")
@require_permission("queues.view")
def row_menu(claim_id: int):
    """A row's menu, loaded when opened: the sentence in context, the article and the row's action forms (htmx),
    or a page holding the row with its menu open (without JavaScript)."""
    back = request.args.get("back", "")
    if not is_local_path(back, under="/queues/"):
        back = url_for("queue.index")
    rows = queue_listing.rows_for(_actor(), [claim_id], with_context=True)
    if not rows:
        abort(404)
    template = "queue/_row_menu.html" if _is_htmx() else "queue/row_menu.html"
    return render_template(template, row=rows[0], **_menu_context(back))


@bp.route("/claims/<int:claim_id>/detach", methods=["POST"])
@require_permission("claims.triage")
def detach(claim_id: int):
    return _claim_action(forms.ClaimActionForm, claim_id, lambda f: triage.detach(
        _actor(), claim_id, expected_version=f.version_id.data), _("Claim #{id} detached and back to new."))


@bp.route("/claims/<int:claim_id>/priority", methods=["POST"])
@require_permission("claims.triage")
def set_priority(claim_id: int):
    return _claim_action(forms.PriorityForm, claim_id, lambda f: triage.set_priority(
        _actor(), claim_id, expected_version=f.version_id.data, priority=f.priority.data),
        _("Priority of claim #{id} saved."))


@bp.route("/claims/<int:claim_id>/assign", methods=["POST"])
@require_permission("claims.assign")
def assign(claim_id: int):
    def run(f):
        raw = (f.assignee.data or "").strip()
        if raw == "me":
            assignee_id = _actor().id
        elif raw == "":
            assignee_id = None
        elif raw.isdigit():
            assignee_id = int(raw)
        else:
            raise InvalidInput("Choose a colleague to assign the claim to.")
        return triage.assign(_actor(), claim_id, expected_version=f.version_id.data, assignee_id=assignee_id)
    return _claim_action(forms.AssignForm, claim_id, run, _("Assignment of claim #{id} saved."))


@bp.route("/claims/<int:claim_id>/pair", methods=["POST"])
@require_permission("claims.assign")
def work_on_pair(claim_id: int):
    return _claim_action(forms.PairForm, claim_id, lambda f: list(triage.work_on_pair(
        _actor(), claim_id, expected_version=f.version_id.data, partner_id=f.partner_id.data,
        partner_version=f.partner_version.data)), _("The accusation and its denial are yours (claim #{id})."))


@bp.route("/bulk", methods=["POST"])
@require_permission("claims.triage")
def bulk():
    form = forms.BulkForm()
    if not form.validate_on_submit():
        return _invalid(form)
    items = [triage.BulkItem(int(c), int(v)) for c, _, v in (s.partition(":") for s in form.claims.data)]
    done = triage.bulk(_actor(), items, form.action.data, reason=form.reason.data or None,
                       priority=int(form.priority.data) if form.priority.data else None,
                       queue_id=form.queue_id.data)
    flash(ngettext("%(num)s claim updated (%(action)s).", "%(num)s claims updated (%(action)s).", len(done),
                   action=_(label(form.action.data))), "success")
    return redirect(form.back.data, code=303)


@bp.route("/<int:queue_id>/take", methods=["POST"])
@require_permission("claims.view")  # reviewers and editors take the next claim, checkers the next to review
def take_next(queue_id: int):
    form = forms.TakeNextForm()
    if not form.validate_on_submit():
        return _invalid(form)
    claim = triage.take_next(_actor(), queue_id)
    if claim is None:
        flash(_("Nothing left to take in this queue: every open claim has someone on it."), "info")
        return redirect(form.back.data, code=303)
    flash(_("Claim #%(id)s is yours: %(text)s", id=claim.id, text=claim.text[:120]), "success")
    return redirect(_with_param(form.back.data, "assigned", "me") + f"#claim-{claim.id}", code=303)


def _with_param(url: str, key: str, value: str) -> str:
    parts = urlsplit(url)
    pairs = [(k, v) for k, v in parse_qsl(parts.query) if k not in (key, "after")] + [(key, value)]
    return f"{parts.path}?{urlencode(pairs)}"


# --- saved views ------------------------------------------------------------------------------------------

@bp.route("/views")
@require_permission("views.save")
def views():
    return render_template("queue/views.html", views=saved_views.list_views(_actor()),
                           back=url_for("queue.views"))


@bp.route("/views", methods=["POST"])
@require_permission("views.save")
def save_view():
    form = forms.SaveViewForm()
    if not form.validate_on_submit():
        return _invalid(form)
    view = saved_views.save_view(_actor(), name=form.name.data, queue_id=form.queue_id.data,
                                 query=MultiDict(parse_qsl(form.query.data or "")))
    flash(_("Saved the view “%(name)s”.", name=view.name), "success")
    return redirect(form.back.data, code=303)


@bp.route("/views/<int:view_id>/delete", methods=["POST"])
@require_permission("views.save")
def delete_view(view_id: int):
    form = forms.DeleteViewForm()
    if not form.validate_on_submit():
        return _invalid(form)
    saved_views.delete_view(_actor(), view_id)
    flash(_("Saved view deleted."), "success")
    return redirect(form.back.data, code=303)


# Registered last, on the same blueprint: the exports (CSV of the page, ClaimReview JSON lines, export jobs).
from factcheck.queue import export_views  # noqa: E402, F401
