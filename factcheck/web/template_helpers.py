"""Helpers every template gets: ``can(permission)``, ``has_endpoint(name)`` and ``public_url(endpoint, …)``.

``can`` asks the same permission table as the server, for links and page sections a role opens. Workflow
buttons are not decided here: views pass the actions the user may take now (``factcheck.actions``, computed
from the workflow table, the roles and the object checks), and templates only render them.
"""
from __future__ import annotations

from flask import Flask, current_app
from flask_login import current_user

from factcheck.permissions import has_permission
from factcheck.web.public_urls import public_url


def user_can(permission: str) -> bool:
    return current_user.is_authenticated and has_permission(current_user.roles, permission)


def template_helpers() -> dict:
    return {
        "can": user_can,
        "has_endpoint": lambda endpoint: endpoint in current_app.view_functions,
        "public_url": public_url,
    }


def register_template_helpers(app: Flask) -> None:
    app.context_processor(template_helpers)
