"""Admin area: importing the view modules registers their routes on the shared blueprint."""
from factcheck.admin import users  # noqa: F401
from factcheck.admin import queues  # noqa: F401
from factcheck.admin import scales  # noqa: F401
from factcheck.admin import settings_views  # noqa: F401
from factcheck.admin import audit  # noqa: F401
from factcheck.admin import dashboard  # noqa: F401
from factcheck.admin.blueprint import bp

__all__ = ["bp"]
