"""Admin area: importing the view modules registers their routes on the shared blueprint."""
from factcheck.admin import users  # noqa: F401
from factcheck.admin.blueprint import bp

__all__ = ["bp"]
