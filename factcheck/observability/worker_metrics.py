"""A Celery worker's own metrics port: ``WORKER_METRICS_PORT`` (and ``WORKER_METRICS_ADDR``, 127.0.0.1 by default).

Tasks run in the worker's pool processes, so their figures are summed from ``PROMETHEUS_MULTIPROC_DIR``, which
must be set (one empty folder per worker) together with ``METRICS_TOKEN``: the port answers like the web's
``/metrics``, only to ``Authorization: Bearer <METRICS_TOKEN>``. A worker asked for a port without them refuses to
start, rather than serve figures that stay at zero or serve them to anyone. Queue depths and claims per state are
served by the web's ``/metrics`` only: they are the same whoever asks.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

from celery.signals import worker_init
from prometheus_client import make_wsgi_app

from factcheck.observability.metrics import multiprocess_dir, scrape_registry
from factcheck.observability.metrics_views import bearer_token_matches


class WorkerMetricsError(RuntimeError):
    """The worker was asked for a metrics port it cannot serve correctly."""


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002  (the base class's name)
        """Scrapes every 15 s would drown the worker's log."""


def metrics_app(token: str) -> Callable[..., Iterable[bytes]]:
    """The WSGI app serving every pool process's metrics to the bearer of ``token``, 404 to anyone else."""
    serve = make_wsgi_app(scrape_registry())

    def app(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if not bearer_token_matches(environ.get("HTTP_AUTHORIZATION"), token):
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"Not Found\n"]
        return serve(environ, start_response)

    return app


def start_metrics_server(port: int, addr: str, token: str) -> threading.Thread:
    """Serve the worker's metrics from a daemon thread of the worker's main process."""
    from prometheus_client.exposition import ThreadingWSGIServer

    if not multiprocess_dir():
        raise WorkerMetricsError("WORKER_METRICS_PORT needs PROMETHEUS_MULTIPROC_DIR (an empty folder of this "
                                 "worker's), or the pool processes' figures cannot be read")
    if not token:
        raise WorkerMetricsError("WORKER_METRICS_PORT needs METRICS_TOKEN: the port answers only to that token")
    server = make_server(addr, port, metrics_app(token), ThreadingWSGIServer, handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="worker-metrics", daemon=True)
    thread.start()
    return thread


@worker_init.connect
def _serve_worker_metrics(**_: object) -> None:
    port = os.environ.get("WORKER_METRICS_PORT")
    if port:
        start_metrics_server(int(port), os.environ.get("WORKER_METRICS_ADDR", "127.0.0.1"),
                             os.environ.get("METRICS_TOKEN", ""))
