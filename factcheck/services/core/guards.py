"""The one permission check of the service layer: ``can``, ``require`` and ``require_transition``.

Views are guarded by ``factcheck.web.require_permission`` and hide buttons with the template helper ``can``;
services check again here (the second lock, which the CLI and the tasks get too) together with the object
(assignment, queue membership, authorship). No service module calls ``permissions.has_permission`` or the
workflow table's lookup itself; ``tests/unit/test_guards.py`` fails if one does.

Who acts is explicit. A ``User`` acts with the permissions of its roles. Processes with no person behind them
(``flask create-user`` and ``invite``, the demo seed, the feed poller) pass ``SYSTEM``, which holds every
permission. ``None`` holds none: it used to stand for "the system", so a view that lost its user (or a test
that forgot one) passed every check by accident; now it is refused like any stranger, and so is anything that
is neither a ``User`` nor ``SYSTEM`` (Flask-Login's anonymous user).

Every refusal is a ``ServiceError``: ``PermissionDenied`` (403) or ``InvalidTransition`` (409). The workflow
module stays pure and below the services: its table answers "which step is this, which permission does it
need" and raises only its own ``TransitionNotAllowed`` for a pair with no step. ``require_transition``
translates that one lookup miss into ``InvalidTransition`` and checks the step's permission with ``require``,
so a transition refusal is built in this one place, with the same actor rules as every other check, and the
ServiceError tree keeps a single home (``core.errors``) instead of a base class the pure layer would have to
own for the service layer's sake.
"""
from __future__ import annotations

from typing import Final, TypeAlias

from factcheck import workflow
from factcheck.models import User
from factcheck.permissions import ALL_PERMISSIONS, has_permission
from factcheck.services.core.errors import InvalidTransition, PermissionDenied


class SystemActor:
    """A process acting on its own authority (command line, demo seed, scheduled tasks): every permission.

    It has no user row, so what it writes records no person (``id`` is None, like a system audit row).
    """

    id: Final = None
    display_name: Final = "the system"

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM: Final = SystemActor()

Actor: TypeAlias = User | SystemActor


def can(actor: Actor | None, permission: str) -> bool:
    """Whether ``actor`` holds ``permission``: ``SYSTEM`` always, a ``User`` by its roles, anything else never."""
    if permission not in ALL_PERMISSIONS:  # a typo fails loudly, whoever asks
        raise KeyError(f"unknown permission {permission!r}")
    if isinstance(actor, SystemActor):
        return True
    return isinstance(actor, User) and has_permission(actor.roles, permission)


def require(actor: Actor | None, permission: str, message: str | None = None, **params) -> None:
    """Raise ``PermissionDenied`` unless ``actor`` holds ``permission``; ``None`` is refused, never the system.
    ``message`` is a template filled with ``params`` (``core.errors``)."""
    if not can(actor, permission):
        if actor is None or not isinstance(actor, User | SystemActor):
            raise PermissionDenied("Log in first: this needs the permission %(permission)s.", permission=permission)
        if message:
            raise PermissionDenied(message, **params)
        raise PermissionDenied("You need the permission %(permission)s.", permission=permission)


def require_transition(actor: Actor | None, source: str, target: str) -> workflow.Transition:
    """The workflow step from ``source`` to ``target`` if ``actor`` may take it.

    ``InvalidTransition`` when the table has no such step, ``PermissionDenied`` when the actor lacks the
    permission the step names.
    """
    try:
        step = workflow.transition(source, target)
    except workflow.TransitionNotAllowed as exc:
        raise InvalidTransition(str(exc)) from None
    require(actor, step.permission, "Going from %(source)s to %(target)s needs the permission %(needed)s.",
            source=source, target=target, needed=step.permission)
    return step
