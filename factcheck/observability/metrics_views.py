"""Request timing for every response, and ``/metrics`` for Prometheus, answered only to the operators' token.

``/metrics`` exists only when ``METRICS_TOKEN`` is set, and answers a request bearing
``Authorization: Bearer <METRICS_TOKEN>``; anything else is a 404, so the route reveals nothing to a visitor. A
token rather than a separate port: gunicorn's workers share one listening socket, a second port per worker is not
possible, and a token works through any proxy and from a Prometheus on another host (its ``authorization``
setting). The figures name endpoints and counts only, never content, but queue depths and volumes are still the
newsroom's business.
"""
from __future__ import annotations

import hmac
import time

from flask import Blueprint, Flask, Response, abort, current_app, g, request
from prometheus_client import CONTENT_TYPE_PLAIN_0_0_4, generate_latest

from factcheck.observability.metrics import REQUEST_SECONDS, RESPONSES, scrape_registry
from factcheck.observability.state_collectors import QueueDepthCollector, StatusCollector

KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

bp = Blueprint("metrics", __name__)


def bearer_token_matches(authorization: str | None, token: str) -> bool:
    """True for ``Bearer <token>`` with a non-empty ``token``; compared in constant time."""
    if not token or not authorization or not authorization.startswith("Bearer "):
        return False
    return hmac.compare_digest(authorization[len("Bearer "):].encode(), token.encode())


@bp.route("/metrics")
def metrics() -> Response:
    if not bearer_token_matches(request.headers.get("Authorization"), current_app.config["METRICS_TOKEN"]):
        abort(404)
    registry = scrape_registry(QueueDepthCollector(), StatusCollector())
    return Response(generate_latest(registry), content_type=CONTENT_TYPE_PLAIN_0_0_4,
                    headers={"Cache-Control": "no-store"})


def _start_timer() -> None:
    g.metrics_started = time.perf_counter()


def _observe(response: Response) -> Response:
    started = g.pop("metrics_started", None)
    if started is not None:
        endpoint = request.endpoint or "unmatched"  # 404s share one series, whatever the path
        method = request.method if request.method in KNOWN_METHODS else "other"
        REQUEST_SECONDS.labels(endpoint, method).observe(time.perf_counter() - started)
        RESPONSES.labels(endpoint, method, str(response.status_code)).inc()
    return response


def register_metrics(app: Flask) -> None:
    """Time every request (first hook in, last out) and add ``/metrics`` when a token is configured."""
    app.before_request_funcs.setdefault(None, []).insert(0, _start_timer)
    app.after_request(_observe)
    if app.config["METRICS_TOKEN"]:
        app.register_blueprint(bp)
