"""Admin area: importing the view modules registers their routes on the shared blueprint."""
from factcheck.admin import (
    audit,  # noqa: F401
    dashboard,  # noqa: F401
    queues,  # noqa: F401
    scales,  # noqa: F401
    settings_views,  # noqa: F401
    users,  # noqa: F401
    webhooks,  # noqa: F401
)
from factcheck.admin.blueprint import bp

__all__ = ["bp"]
