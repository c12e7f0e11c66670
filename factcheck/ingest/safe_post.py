"""SSRF-safe HTTP(S) POST, for webhook deliveries: the same guard and pinned connection as ``safe_fetch``.

The URL goes through ``url_guard`` (http/https only, every resolved address checked, the admin allowlist the only
way to an intranet or loopback host), the socket is opened to the checked address, and one deadline bounds the
whole exchange. Redirects are never followed: a receiver that moved must be registered again, so a 3xx cannot
send a signed body somewhere an admin never checked. Only the status line and headers are read, never the body.
"""
from __future__ import annotations

from factcheck.ingest.errors import FetchTimeout, HttpError
from factcheck.ingest.safe_fetch import _connection, _Deadline, exchange_errors
from factcheck.ingest.url_guard import DEFAULT_POLICY, FetchPolicy, parse_url, resolve_target


def safe_post(url: str, body: bytes, headers: dict[str, str], *, policy: FetchPolicy = DEFAULT_POLICY) -> int:
    """POST ``body`` to ``url`` under ``policy`` and return the 2xx status; raise an ``IngestError`` otherwise
    (``HttpError`` for any other status, retryable for 5xx, 408 and 429)."""
    target = parse_url(url)
    deadline = _Deadline(policy.timeout)
    conn, opened = _connection(target, resolve_target(target, policy), policy, deadline)
    resp = None
    try:
        with exchange_errors(target, deadline):
            conn.putrequest("POST", target.request_path, skip_accept_encoding=True)
            for name, value in {"User-Agent": policy.user_agent, **headers, "Content-Length": str(len(body)),
                                "Connection": "close"}.items():
                conn.putheader(name, value)
            conn.endheaders(body)
            conn.sock.settimeout(deadline.remaining())
            resp = conn.getresponse()
            if deadline.expired:
                raise FetchTimeout("The fetch exceeded its time limit.")
            if not 200 <= resp.status < 300:
                raise HttpError(resp.status)
            return resp.status
    finally:
        deadline.stop()
        if resp is not None:
            resp.close()
        conn.close()
        for sock in opened:
            sock.close()
