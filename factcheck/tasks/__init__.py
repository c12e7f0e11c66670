"""Celery tasks: thin wrappers that take ids and call one service. Imported by ``celery_init_app``."""
from factcheck.tasks import system  # noqa: F401
from factcheck.tasks import sources  # noqa: F401
from factcheck.tasks import editorial  # noqa: F401
