"""Helpers every template gets: ``can(permission)``, ``has_endpoint(name)`` and ``can_transition(from, to)``.

Templates ask the same permission and workflow tables as the server, so a button shows only if the action
behind it will be accepted.
"""
from __future__ import annotations

from flask import Flask, current_app
from flask_login import current_user

from factcheck import workflow
from factcheck.permissions import has_permission


def user_can(permission: str) -> bool:
    return current_user.is_authenticated and has_permission(current_user.roles, permission)


def template_helpers() -> dict:
    roles = current_user.roles if current_user.is_authenticated else frozenset()
    return {
        "can": user_can,
        "has_endpoint": lambda endpoint: endpoint in current_app.view_functions,
        "can_transition": lambda source, target: workflow.can_transition(source, target, roles),
    }


def register_template_helpers(app: Flask) -> None:
    app.context_processor(template_helpers)
