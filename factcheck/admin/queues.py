"""Admin views: queues, their members and their routing rules (with a preview of what a rule would route)."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from factcheck.admin.admin_forms import (
    ActionForm,
    MemberForm,
    MoveForm,
    QueueForm,
    RemoveMemberForm,
    RuleForm,
    require_button,
)
from factcheck.admin.blueprint import bp
from factcheck.services.admin import queue_admin
from factcheck.services.core.errors import InvalidInput
from factcheck.web import require_permission


def _actor():
    return current_user._get_current_object()


def _member_form() -> MemberForm:
    form = MemberForm()
    form.user_id.choices = [SelectChoice(str(u.id), f"{u.display_name} ({u.email})")
                            for u in queue_admin.member_candidates()]
    return form


def _rule_form(rule=None) -> RuleForm:
    if rule is None:
        form = RuleForm()
    else:
        form = RuleForm(data={"language": rule.language or "", "keywords": ", ".join(rule.keywords or []),
                              "outlet": rule.outlet or "", "feed_id": rule.feed_id or 0,
                              "min_checkworthiness": rule.min_checkworthiness, "active": rule.active})
    form.feed_id.choices = [SelectChoice("0", "Any feed")] + [
        SelectChoice(str(f.id), f.title or f.url) for f in queue_admin.feeds()]
    return form


def _spec(form: RuleForm) -> queue_admin.RuleSpec:
    return queue_admin.RuleSpec(language=form.language.data, keywords=queue_admin.parse_keywords(form.keywords.data),
                                outlet=form.outlet.data, feed_id=form.feed_id.data or None,
                                min_checkworthiness=form.min_checkworthiness.data, active=form.active.data)


def _queue_page(queue_id: int, *, form=None, member_form=None, status: int = 200):
    queue = queue_admin.get_queue(queue_id)
    form = form or QueueForm(data={"name": queue.name, "description": queue.description})
    page = render_template("admin/queue_detail.html", queue=queue, form=form,
                           member_form=member_form or _member_form(), members=queue_admin.members(queue.id),
                           order=queue_admin.routing_order(), action=ActionForm(), move=MoveForm())
    return page, status


@bp.route("/queues")
@require_permission("queues.manage")
def queues():
    return render_template("admin/queues.html", rows=queue_admin.list_queues(), form=QueueForm(),
                           order=queue_admin.routing_order())


@bp.route("/queues/new", methods=["POST"])
@require_permission("queues.manage")
def create_queue():
    form = QueueForm()
    if form.validate_on_submit():
        try:
            queue = queue_admin.create_queue(_actor(), name=form.name.data, description=form.description.data)
        except InvalidInput as exc:
            form.name.errors.append(str(exc))
        else:
            flash(_("Queue “%(name)s” created.", name=queue.name), "success")
            return redirect(url_for("admin.queue_detail", queue_id=queue.id))
    return render_template("admin/queues.html", rows=queue_admin.list_queues(), form=form,
                           order=queue_admin.routing_order()), 422


@bp.route("/queues/<int:queue_id>", methods=["GET", "POST"])
@require_permission("queues.manage")
def queue_detail(queue_id: int):
    queue_admin.get_queue(queue_id)
    form = QueueForm()
    if form.is_submitted():
        if form.validate():
            try:
                queue_admin.update_queue(_actor(), queue_id, name=form.name.data, description=form.description.data)
            except InvalidInput as exc:
                form.name.errors.append(str(exc))
            else:
                flash(_("Queue saved."), "success")
                return redirect(url_for("admin.queue_detail", queue_id=queue_id))
        return _queue_page(queue_id, form=form, status=422)
    return _queue_page(queue_id)


@bp.route("/queues/<int:queue_id>/archive", methods=["POST"])
@require_permission("queues.manage")
def archive_queue(queue_id: int):
    queue_admin.get_queue(queue_id)
    require_button(ActionForm())
    queue_admin.set_archived(_actor(), queue_id, True)
    flash(_("Queue archived: routing skips it; its claims stay where they are."), "success")
    return redirect(url_for("admin.queue_detail", queue_id=queue_id))


@bp.route("/queues/<int:queue_id>/unarchive", methods=["POST"])
@require_permission("queues.manage")
def unarchive_queue(queue_id: int):
    queue_admin.get_queue(queue_id)
    require_button(ActionForm())
    queue_admin.set_archived(_actor(), queue_id, False)
    flash(_("Queue restored."), "success")
    return redirect(url_for("admin.queue_detail", queue_id=queue_id))


@bp.route("/queues/<int:queue_id>/members", methods=["POST"])
@require_permission("queues.manage")
def add_member(queue_id: int):
    queue_admin.get_queue(queue_id)
    form = _member_form()
    if form.validate_on_submit():
        try:
            queue_admin.add_member(_actor(), queue_id, user_id=form.user_id.data, role=form.role.data)
        except InvalidInput as exc:
            form.user_id.errors.append(str(exc))
        else:
            flash(_("Member saved."), "success")
            return redirect(url_for("admin.queue_detail", queue_id=queue_id))
    return _queue_page(queue_id, member_form=form, status=422)


@bp.route("/queues/<int:queue_id>/members/remove", methods=["POST"])
@require_permission("queues.manage")
def remove_member(queue_id: int):
    queue_admin.get_queue(queue_id)
    form = RemoveMemberForm()
    if not form.validate_on_submit():
        abort(422, "Choose the member to remove.")
    queue_admin.remove_member(_actor(), queue_id, form.user_id.data)
    flash(_("Member removed."), "success")
    return redirect(url_for("admin.queue_detail", queue_id=queue_id))


def _rule_page(queue, form, rule=None, preview=None, status=200):
    return render_template("admin/rule_form.html", queue=queue, form=form, rule=rule, preview=preview,
                           action=ActionForm()), status


def _save_or_preview(queue, form: RuleForm, rule=None):
    """Shared by the new and edit pages: Preview re-renders with the figures, Save writes and redirects."""
    if not form.validate_on_submit():
        return _rule_page(queue, form, rule, status=422)
    try:
        if form.preview.data:
            preview = queue_admin.preview_rule(queue.id, _spec(form), rule_id=rule.id if rule else None)
            return _rule_page(queue, form, rule, preview=preview)
        if rule is None:
            queue_admin.create_rule(_actor(), queue.id, _spec(form))
            flash(_("Rule added at the end of the routing order."), "success")
        else:
            queue_admin.update_rule(_actor(), queue.id, rule.id, _spec(form))
            flash(_("Rule saved."), "success")
    except InvalidInput as exc:
        form.form_errors.append(str(exc))
        return _rule_page(queue, form, rule, status=422)
    return redirect(url_for("admin.queue_detail", queue_id=queue.id))


@bp.route("/queues/<int:queue_id>/rules/new", methods=["GET", "POST"])
@require_permission("queues.manage")
def new_rule(queue_id: int):
    queue = queue_admin.get_queue(queue_id)
    form = _rule_form()
    if form.is_submitted():
        return _save_or_preview(queue, form)
    return _rule_page(queue, form)


@bp.route("/queues/<int:queue_id>/rules/<int:rule_id>", methods=["GET", "POST"])
@require_permission("queues.manage")
def edit_rule(queue_id: int, rule_id: int):
    queue = queue_admin.get_queue(queue_id)
    rule = queue_admin.get_rule(queue_id, rule_id)
    if request.method == "POST":
        return _save_or_preview(queue, _rule_form(), rule)
    return _rule_page(queue, _rule_form(rule), rule)


@bp.route("/queues/<int:queue_id>/rules/<int:rule_id>/preview")
@require_permission("queues.manage")
def preview_rule(queue_id: int, rule_id: int):
    queue = queue_admin.get_queue(queue_id)
    rule = queue_admin.get_rule(queue_id, rule_id)
    preview = queue_admin.preview_rule(queue_id, rule_id=rule_id)
    return _rule_page(queue, _rule_form(rule), rule, preview=preview)


@bp.route("/queues/<int:queue_id>/rules/<int:rule_id>/move", methods=["POST"])
@require_permission("queues.manage")
def move_rule(queue_id: int, rule_id: int):
    queue_admin.get_rule(queue_id, rule_id)
    form = MoveForm()
    require_button(form)
    queue_admin.move_rule(_actor(), queue_id, rule_id, form.direction.data)
    return redirect(url_for("admin.queue_detail", queue_id=queue_id, _anchor="rules"))


@bp.route("/queues/<int:queue_id>/rules/<int:rule_id>/delete", methods=["POST"])
@require_permission("queues.manage")
def delete_rule(queue_id: int, rule_id: int):
    queue_admin.get_rule(queue_id, rule_id)
    require_button(ActionForm())
    queue_admin.delete_rule(_actor(), queue_id, rule_id)
    flash(_("Rule deleted."), "success")
    return redirect(url_for("admin.queue_detail", queue_id=queue_id, _anchor="rules"))
