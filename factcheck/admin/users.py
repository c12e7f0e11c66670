"""Admin views: user management."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from factcheck.admin.blueprint import bp
from factcheck.admin.forms import ConfirmForm, InviteForm, RolesForm, TokenRateLimitForm
from factcheck.services.accounts import accounts, api_tokens, user_admin
from factcheck.services.admin import queue_admin
from factcheck.services.core.errors import InvalidInput, ServiceError
from factcheck.web import require_permission
from factcheck.web.errors import status_for
from factcheck.web.public_urls import public_url


def _invitation_url(token: str) -> str:
    return public_url("auth.accept_invitation", token=token)  # never the Host header of the admin's request


@bp.route("/users")
@require_permission("users.manage")
def users():
    return render_template("admin/users.html", rows=user_admin.list_users(), invite_form=_invite_form(),
                           confirm=ConfirmForm())


def _invite_form() -> InviteForm:
    return InviteForm().offer_queues(row.queue for row in queue_admin.list_queues())


@bp.route("/users/invite", methods=["POST"])
@require_permission("users.manage")
def invite():
    form = _invite_form()
    if not form.validate_on_submit():
        return render_template("admin/users.html", rows=user_admin.list_users(), invite_form=form,
                               confirm=ConfirmForm()), 422
    try:
        issued = accounts.invite(current_user._get_current_object(), email=form.email.data,
                                 display_name=form.display_name.data, roles=form.roles.data,
                                 queue_ids=form.queues.data or [], ttl=current_app.config["INVITATION_TTL"])
    except ServiceError as exc:
        flash(str(exc), "error")
        return render_template("admin/users.html", rows=user_admin.list_users(), invite_form=form,
                               confirm=ConfirmForm()), status_for(exc)
    return render_template("admin/invitation_issued.html", url=_invitation_url(issued.token),
                           email=form.email.data, expires_at=issued.expires_at)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@require_permission("users.manage")
def user_detail(user_id: int):
    user = accounts.get_user(user_id)
    form = RolesForm(data={"roles": sorted(user.roles)})
    if form.validate_on_submit():
        accounts.set_roles(current_user._get_current_object(), user_id, form.roles.data)
        flash(_("Roles saved."), "success")
        return redirect(url_for("admin.user_detail", user_id=user_id))
    return _user_page(user, form)


def _user_page(user, form, limit_form=None, status: int = 200):
    tokens = api_tokens.list_tokens(user)
    limit_forms = {t.id: TokenRateLimitForm(formdata=None, token_id=t.id, rate_limit=t.rate_limit or "")
                   for t in tokens}
    if limit_form is not None:
        limit_forms[limit_form.token_id.data] = limit_form  # as typed, with its error
    return render_template("admin/user_detail.html", user=user, form=form, confirm=ConfirmForm(),
                           logins=user_admin.recent_logins(user.id), tokens=tokens, limit_forms=limit_forms,
                           default_limit=current_app.config["API_RATE_LIMIT"]), status


@bp.route("/users/<int:user_id>/token-rate-limit", methods=["POST"])
@require_permission("users.manage")
def set_token_rate_limit(user_id: int):
    """A token's own rate limit (the API counts calls per token)."""
    user = accounts.get_user(user_id)
    form = TokenRateLimitForm()
    if form.validate_on_submit():
        try:
            api_tokens.set_rate_limit(current_user._get_current_object(), user_id, form.token_id.data,
                                      form.rate_limit.data)
        except InvalidInput as exc:
            form.rate_limit.errors = [*form.rate_limit.errors, str(exc)]
        else:
            flash(_("Rate limit saved."), "success")
            return redirect(url_for("admin.user_detail", user_id=user_id))
    return _user_page(user, RolesForm(data={"roles": sorted(user.roles)}), form if form.token_id.data else None,
                      422)


@bp.route("/users/<int:user_id>/disable", methods=["POST"])
@require_permission("users.manage")
def disable_user(user_id: int):
    accounts.set_active(current_user._get_current_object(), user_id, False)
    flash(_("The account is disabled and its sessions have ended."), "success")
    return redirect(url_for("admin.user_detail", user_id=user_id))


@bp.route("/users/<int:user_id>/enable", methods=["POST"])
@require_permission("users.manage")
def enable_user(user_id: int):
    accounts.set_active(current_user._get_current_object(), user_id, True)
    flash(_("The account is enabled."), "success")
    return redirect(url_for("admin.user_detail", user_id=user_id))


@bp.route("/users/<int:user_id>/reset-password", methods=["POST"])
@require_permission("users.manage")
def reset_password(user_id: int):
    issued = accounts.reset_password(current_user._get_current_object(), user_id,
                                     ttl=current_app.config["INVITATION_TTL"])
    user = accounts.get_user(user_id)
    return render_template("admin/invitation_issued.html", url=_invitation_url(issued.token),
                           email=user.email, expires_at=issued.expires_at, reset=True,
                           revoked_tokens=issued.revoked_tokens)

