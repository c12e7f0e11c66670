"""Service errors. They know nothing of HTTP: ``factcheck.web.errors`` maps each one to its status.

Every refusal a use case makes is one of these, so the web layer, the API, the CLI and the tasks all see the
same tree: ``PermissionDenied`` (403), ``InvalidTransition`` and ``Conflict`` (409), ``NotFound`` (404),
``InvalidInput`` (422). The workflow table keeps its own pure lookup error; ``core.guards`` translates it.
"""


class ServiceError(Exception):
    """Base class of the errors a use case raises; the message is shown to the user."""


class NotFound(ServiceError):
    """The object asked for does not exist."""


class PermissionDenied(ServiceError):
    """The actor may not do this (permission, assignment or authorship), or there is no actor at all."""


class Conflict(ServiceError):
    """Someone else changed the object since it was loaded (optimistic locking)."""

    def __init__(self, message: str, changes: list[str] | None = None):
        super().__init__(message)
        self.changes = changes or []


class InvalidTransition(ServiceError):
    """The claim is not in a state from which this move exists (usually someone moved it first)."""


class InvalidInput(ServiceError):
    """The input breaks a rule a form cannot check on its own; ``field`` names the input at fault, when one is, so
    a form can show the message next to it."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field
