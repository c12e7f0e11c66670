"""Admin views: webhook endpoints, their delivery log (every attempt) and replaying a delivery."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from factcheck.admin.admin_forms import ActionForm, require_button
from factcheck.admin.blueprint import bp
from factcheck.admin.webhook_forms import WebhookForm
from factcheck.services.core.errors import InvalidInput
from factcheck.services.webhooks import deliveries, endpoints
from factcheck.web import require_permission
from factcheck.web.bounded_ints import int_arg

PERMISSION = endpoints.PERMISSION


def _actor():
    return current_user._get_current_object()


def _list_page(form: WebhookForm, status: int = 200):
    return render_template("admin/webhooks.html", webhooks=endpoints.list_endpoints(_actor()), form=form), status


def _detail_page(endpoint_id: int, form: WebhookForm | None = None, status: int = 200):
    endpoint = endpoints.get_endpoint(_actor(), endpoint_id)
    form = form or WebhookForm(data={"url": endpoint.url, "events": sorted(endpoint.event_set),
                                     "description": endpoint.description, "active": endpoint.active})
    log = deliveries.delivery_log(_actor(), endpoint_id, before_id=int_arg("before"))
    cursor = log[-1].id if len(log) == deliveries.LOG_PAGE else None
    return render_template("admin/webhook_detail.html", webhook=endpoint, form=form, log=log, cursor=cursor,
                           action=ActionForm()), status


@bp.route("/webhooks")
@require_permission(PERMISSION)
def webhooks():
    return _list_page(WebhookForm())


@bp.route("/webhooks/new", methods=["POST"])
@require_permission(PERMISSION)
def create_webhook():
    form = WebhookForm()
    if form.validate_on_submit():
        try:
            endpoint = endpoints.create_endpoint(_actor(), url=form.url.data, events=form.events.data,
                                                 description=form.description.data)
        except InvalidInput as exc:
            form.url.errors.append(str(exc))
        else:
            flash(_("Webhook saved. Give its secret to the receiver so it can check the signatures."), "success")
            return redirect(url_for("admin.webhook_detail", endpoint_id=endpoint.id))
    return _list_page(form, 422)


@bp.route("/webhooks/<int:endpoint_id>", methods=["GET", "POST"])
@require_permission(PERMISSION)
def webhook_detail(endpoint_id: int):
    endpoints.get_endpoint(_actor(), endpoint_id)
    form = WebhookForm()
    if not form.is_submitted():
        return _detail_page(endpoint_id)
    if form.validate():
        try:
            endpoints.update_endpoint(_actor(), endpoint_id, url=form.url.data, events=form.events.data,
                                      description=form.description.data, active=form.active.data)
        except InvalidInput as exc:
            form.url.errors.append(str(exc))
        else:
            flash(_("Webhook saved."), "success")
            return redirect(url_for("admin.webhook_detail", endpoint_id=endpoint_id))
    return _detail_page(endpoint_id, form, 422)


@bp.route("/webhooks/<int:endpoint_id>/rotate", methods=["POST"])
@require_permission(PERMISSION)
def rotate_webhook_secret(endpoint_id: int):
    require_button(ActionForm())
    endpoints.rotate_secret(_actor(), endpoint_id)
    flash(_("New secret made; the old one no longer signs anything."), "success")
    return redirect(url_for("admin.webhook_detail", endpoint_id=endpoint_id))


@bp.route("/webhooks/<int:endpoint_id>/delete", methods=["POST"])
@require_permission(PERMISSION)
def delete_webhook(endpoint_id: int):
    require_button(ActionForm())
    endpoints.delete_endpoint(_actor(), endpoint_id)
    flash(_("Webhook removed with its delivery log."), "success")
    return redirect(url_for("admin.webhooks"))


@bp.route("/webhooks/deliveries/<int:delivery_id>/replay", methods=["POST"])
@require_permission(PERMISSION)
def replay_webhook_delivery(delivery_id: int):
    require_button(ActionForm())
    delivery = deliveries.replay(_actor(), delivery_id)
    flash(_("Delivery %(id)s sent again; its attempt is in the log below.", id=delivery.id), "success")
    return redirect(url_for("admin.webhook_detail", endpoint_id=delivery.endpoint_id))
