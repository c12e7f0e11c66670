"""What operators see: log lines carrying the request id, and Prometheus metrics.

``init_observability`` is called once per app by ``create_app``: it configures logging for the process (once,
whatever the number of apps), times every request, carries the request id into the Celery tasks a request
enqueues, and adds ``/metrics`` when ``METRICS_TOKEN`` is set. Workers serve their own metrics on
``WORKER_METRICS_PORT`` (``worker_metrics``). How to run it all is in ``docs/OPERATIONS.md``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def init_observability(app: Flask) -> None:
    """Logging, request ids into tasks, request timing and, with a token configured, the ``/metrics`` route."""
    from factcheck.observability import request_ids, task_metrics, worker_metrics  # noqa: F401  (Celery signals)
    from factcheck.observability.log_setup import configure_logging
    from factcheck.observability.metrics_views import register_metrics

    configure_logging(app.config["LOG_FORMAT"], app.config["LOG_LEVEL"])
    register_metrics(app)
