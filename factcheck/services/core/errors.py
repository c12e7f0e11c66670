"""Service errors. They know nothing of HTTP: ``factcheck.web.errors`` maps each one to its status."""


class ServiceError(Exception):
    """Base class of the errors a use case raises; the message is shown to the user."""


class NotFound(ServiceError):
    """The object asked for does not exist."""


class PermissionDenied(ServiceError):
    """The actor may not do this (permission, assignment or authorship)."""


class Conflict(ServiceError):
    """Someone else changed the object since it was loaded (optimistic locking)."""

    def __init__(self, message: str, changes: list[str] | None = None):
        super().__init__(message)
        self.changes = changes or []


class InvalidInput(ServiceError):
    """The input breaks a rule a form cannot check on its own."""
