"""Log in, log out, change password, accept an invitation."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import current_user, login_required, login_user, logout_user

from factcheck.auth.forms import AcceptInvitationForm, ChangePasswordForm, LoginForm, PreferencesForm, TokenForm
from factcheck.extensions import limiter
from factcheck.services.accounts import accounts, api_tokens, preferences
from factcheck.services.core.errors import ServiceError
from factcheck.web.errors import status_for
from factcheck.web.redirect_targets import is_local_path
from factcheck.web.server_sessions import renew_session

bp = Blueprint("auth", __name__)


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _account_key() -> str:
    return "login:" + (request.form.get("email") or "").strip().lower()[:254]


def safe_next(target: str | None) -> str:
    """Only same-site paths (``web.redirect_targets``); anything else goes home."""
    return target if is_local_path(target) else url_for("main.home")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_login_limit, methods=["POST"], key_func=_account_key)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        try:
            user = accounts.authenticate(form.email.data, form.password.data, ip=request.remote_addr,
                                         user_agent=request.user_agent.string)
        except accounts.LoginFailed as exc:
            flash(str(exc), "error")
            status = 401
        else:
            renew_session()  # a fresh session under a new id at login (no fixation)
            login_user(user)
            flash(_("Welcome, %(name)s.", name=user.display_name), "success")
            return redirect(safe_next(request.args.get("next")))
    elif request.method == "POST":
        status = 400
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    accounts.logout(current_user._get_current_object())
    logout_user()
    renew_session()  # the stored session is deleted: a copy of the cookie opens nothing
    flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            accounts.change_password(user, current=form.current_password.data, new=form.new_password.data)
        except ServiceError as exc:
            flash(str(exc), "error")
            return render_template("auth/change_password.html", form=form), status_for(exc)
        login_user(user)  # keep this session alive under the new session version
        flash(_("Your password has been changed; other sessions are logged out."), "success")
        return redirect(url_for("main.home"))
    return render_template("auth/change_password.html", form=form), 400 if request.method == "POST" else 200


@bp.route("/preferences", methods=["GET", "POST"])
@login_required
def preferences_page():
    user = current_user._get_current_object()
    form = PreferencesForm(data={"locale": user.locale or "", "timezone": user.timezone or "",
                                 "email_notifications": user.email_notifications})
    if form.validate_on_submit():
        try:
            changed = preferences.set_preferences(user, locale=form.locale.data, timezone=form.timezone.data,
                                                  email_notifications=form.email_notifications.data)
        except ServiceError as exc:
            form.form_errors.append(str(exc))
            return render_template("auth/preferences.html", form=form), status_for(exc)
        refresh()  # this very redirect's flash message speaks the new language
        flash(_("Preferences saved.") if changed else _("Nothing changed."), "success" if changed else "info")
        return redirect(url_for("auth.preferences_page"))
    return render_template("auth/preferences.html", form=form), 422 if form.is_submitted() else 200


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    try:
        invitation = accounts.find_invitation(token)
    except ServiceError as exc:
        return render_template("auth/invitation_invalid.html", message=str(exc)), status_for(exc)
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        try:
            user = accounts.accept_invitation(token, password=form.new_password.data)
        except ServiceError as exc:
            flash(str(exc), "error")
            return render_template("auth/accept_invitation.html", form=form, invitation=invitation), status_for(exc)
        renew_session()
        login_user(user)
        flash(_("Your password is set. Welcome to factcheck."), "success")
        queue_id = accounts.first_queue_of(user)  # the queue the invitation named, rather than an empty home
        return redirect(url_for("queue.show", queue_id=queue_id) if queue_id else url_for("main.home"))
    status = 400 if request.method == "POST" else 200
    return render_template("auth/accept_invitation.html", form=form, invitation=invitation), status


@bp.route("/tokens", methods=["GET", "POST"])
@login_required
def tokens():
    """The user's API tokens; a new token's secret is shown once, right after it is made."""
    user = current_user._get_current_object()
    form = TokenForm()
    issued, status = None, 200
    if form.validate_on_submit():
        try:
            issued = api_tokens.issue(user, name=form.name.data, scopes=form.scopes.data.split())
        except ServiceError as exc:
            form.name.errors = [*form.name.errors, str(exc)]
            status = status_for(exc)
        else:
            form = TokenForm(formdata=None)
    elif request.method == "POST":
        status = 422
    return render_template("auth/tokens.html", form=form, issued=issued,
                           tokens=api_tokens.list_tokens(user)), status


@bp.route("/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke_token(token_id: int):
    api_tokens.revoke(current_user._get_current_object(), token_id)
    flash(_("The token is revoked; calls with it now get 401."), "success")
    return redirect(url_for("auth.tokens"))
