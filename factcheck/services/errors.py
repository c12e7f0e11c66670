"""Service errors; the web layer maps them to HTTP statuses (see ``factcheck.web``)."""


class ServiceError(Exception):
    """Base class; ``status`` is the HTTP status a view should answer with."""

    status = 400


class NotFound(ServiceError):
    status = 404


class PermissionDenied(ServiceError):
    status = 403


class Conflict(ServiceError):
    """Someone else changed the object since it was loaded (optimistic locking)."""

    status = 409

    def __init__(self, message: str, changes: list[str] | None = None):
        super().__init__(message)
        self.changes = changes or []


class InvalidInput(ServiceError):
    status = 422
