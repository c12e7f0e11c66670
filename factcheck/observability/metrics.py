"""The metrics each process keeps, and the registry a scrape reads them from.

Counters and histograms live in the process that observes them: request latency in each web process, task
durations and failures in each worker's pool processes. Under gunicorn with several workers, or in a Celery
worker's prefork pool, set ``PROMETHEUS_MULTIPROC_DIR`` (prometheus-client's own variable, read when it is first
imported) to an empty folder per host and process group: every process then writes its values there and a scrape
sums them (``scrape_registry``). Gauges of shared state (queue depth, claims per state) are not kept here but
computed at scrape time (``state_collectors``), so they need no multi-process mode.
"""
from __future__ import annotations

import os
from typing import Any

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram
from prometheus_client.multiprocess import MultiProcessCollector

# seconds; pages answer in tens of milliseconds, the dashboard at volume in seconds
REQUEST_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
# seconds; a heartbeat takes milliseconds, an extraction seconds, a fetch up to its 90 s limit
TASK_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0)

REQUEST_SECONDS = Histogram("factcheck_http_request_duration_seconds",
                            "Time from the first request hook to the response, by Flask endpoint.",
                            ("endpoint", "method"), buckets=REQUEST_BUCKETS)
RESPONSES = Counter("factcheck_http_responses", "Responses sent, by Flask endpoint and status code.",
                    ("endpoint", "method", "status"))
TASK_SECONDS = Histogram("factcheck_task_duration_seconds",
                         "Celery task run time in the worker, by task and final state (SUCCESS, FAILURE, RETRY).",
                         ("task", "state"), buckets=TASK_BUCKETS)
TASK_FAILURES = Counter("factcheck_task_failures", "Celery tasks that raised, by task and exception class.",
                        ("task", "exception"))


def multiprocess_dir() -> str | None:
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR") or None


def scrape_registry(*extra: Any) -> CollectorRegistry:
    """A registry for one scrape: this process's metrics (or every process's, in multi-process mode) plus ``extra``."""
    registry = CollectorRegistry(auto_describe=False)
    if multiprocess_dir():
        MultiProcessCollector(registry)
    else:
        registry.register(_Forward(REGISTRY))
    for collector in extra:
        registry.register(collector)
    return registry


class _Forward:
    """Hands on another registry's metrics, so one scrape holds them and the scrape-time gauges."""

    def __init__(self, source: CollectorRegistry):
        self.source = source

    def collect(self):
        return self.source.collect()
