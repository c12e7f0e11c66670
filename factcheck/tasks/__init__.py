"""Celery tasks: thin wrappers that take ids and call one service. Imported by ``celery_init_app``."""
from factcheck.tasks import exports, extract, ingest, notifications, sources, system, webhooks  # noqa: F401
