"""Web plumbing the blueprints share: the permission decorator and the check for button-only forms.

The app-wide hooks live in named modules that ``create_app`` registers one by one: ``request_hooks`` (request
id, CSRF), ``security_headers``, ``template_helpers`` and ``errors`` (error pages, and the HTTP status of every
service error); the API's bearer-token authentication is ``factcheck.api.auth``.
"""
from __future__ import annotations

import functools

from flask import abort
from flask_babel import gettext as _
from flask_login import current_user, login_required

from factcheck.permissions import has_permission


def require_permission(permission: str):
    """Guard a view: anonymous users go to the login page, others without the permission get 403."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_required(view)(*args, **kwargs)
            if not has_permission(current_user.roles, permission):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_permission = permission
        return wrapped

    return decorator


def require_valid(form) -> None:
    """Stop with 422 naming each invalid field when a button-only form (version, note…) does not validate."""
    if not form.validate_on_submit():
        errors = [f"{getattr(form, name).label.text}: {msgs[0]}" for name, msgs in form.errors.items()]
        abort(422, description="; ".join(errors) or _("The form is incomplete; reload the page and try again."))
