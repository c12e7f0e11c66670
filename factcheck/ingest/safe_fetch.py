"""SSRF-safe HTTP(S) GET for article pages and feeds.

Rules (reliability requirements S1, B4, F12):
- URL and address checks live in ``url_guard`` (http/https only, every resolved address checked); the socket
  is then opened to a checked address (pinning: no second DNS lookup), while the Host header and TLS
  SNI/certificate check keep the original name;
- redirects are followed by hand, at most ``max_redirects``, each hop re-validated;
- connect timeout ≤ 5 s, one deadline for the whole fetch (a watchdog closes the socket when it passes, so a
  server trickling bytes cannot hold the worker), body streamed and cut at ``max_bytes`` after decoding;
- content types are allowlisted per call.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urljoin

from factcheck.ingest.errors import (
    BadContentType,
    BadEncoding,
    FetchConnectionError,
    FetchTimeout,
    HttpError,
    IngestError,
    TooLarge,
    TooManyRedirects,
)
from factcheck.ingest.url_guard import (  # re-exported: callers need only this module
    DEFAULT_POLICY,
    FetchPolicy,
    Target,
    blocked_reason,
    check_url,
    parse_url,
    resolve_target,
)

__all__ = ["ARTICLE_CONTENT_TYPES", "DEFAULT_POLICY", "FEED_CONTENT_TYPES", "FetchPolicy", "FetchResult",
           "blocked_reason", "check_url", "parse_url", "safe_fetch"]

ARTICLE_CONTENT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
# text/html is accepted for feeds so that parse_feed can answer "not_a_feed" rather than a content-type error.
FEED_CONTENT_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
                      "application/xml", "text/xml", "text/html", "text/plain")

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchResult:
    """A completed fetch (status 2xx, or 304 when a conditional request matched)."""

    url: str
    final_url: str
    status: int
    content_type: str | None
    charset: str | None
    body: bytes
    headers: dict[str, str]
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


# --- connection ----------------------------------------------------------------------------------------------

def _open_socket(family: int, sockaddr: tuple, timeout: float) -> socket.socket:
    """Open a TCP connection to an already-validated numeric address (tests replace this)."""
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect(sockaddr)
    except BaseException:
        sock.close()
        raise
    return sock


class _Deadline:
    """One deadline for the whole fetch; a watchdog shuts the live connection down when it passes.

    Per-read socket timeouts alone cannot bound a server that trickles one byte at a time, hence the timer.
    It acts on the descriptor under a lock, and ``release`` is called before any socket is closed, so the
    timer can never touch a descriptor that has been reused.
    """

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds
        self.expired = False
        self._lock = threading.Lock()
        self._fd: int | None = None
        self._family = socket.AF_INET
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def remaining(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            self.expired = True
            raise FetchTimeout("The fetch exceeded its time limit.")
        return left

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._fd, self._family = sock.fileno(), sock.family
        if not self._timer.is_alive() and not self._timer.finished.is_set():
            self._timer.start()

    def release(self) -> None:
        with self._lock:
            self._fd = None

    def _fire(self) -> None:
        with self._lock:
            self.expired = True
            if self._fd is None:
                return
            try:
                dup = socket.fromfd(self._fd, self._family, socket.SOCK_STREAM)
            except OSError:
                return
            try:
                dup.shutdown(socket.SHUT_RDWR)  # shutdown acts on the connection, so the blocked read returns
            except OSError:
                pass
            finally:
                dup.close()

    def stop(self) -> None:
        self.release()
        self._timer.cancel()


def _connection(target: Target, addresses: list[tuple[int, tuple]], policy: FetchPolicy,
                deadline: _Deadline) -> tuple[http.client.HTTPConnection, list[socket.socket]]:
    opened: list[socket.socket] = []

    def connect_pinned(_address, _timeout=None, _source=None) -> socket.socket:
        last_error: OSError | None = None
        for family, sockaddr in addresses:
            try:
                sock = _open_socket(family, sockaddr, min(policy.connect_timeout, deadline.remaining()))
            except OSError as exc:
                last_error = exc
                continue
            opened.append(sock)
            deadline.watch(sock)  # the descriptor stays the same once TLS wraps the socket
            return sock
        raise last_error or OSError("no address to connect to")

    if target.scheme == "https":
        context = ssl.create_default_context()
        if policy.ca_file:
            context.load_verify_locations(cafile=policy.ca_file)
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            target.host, target.port, timeout=policy.connect_timeout, context=context)
    else:
        conn = http.client.HTTPConnection(target.host, target.port, timeout=policy.connect_timeout)
    # pin: connect to the checked address, keep Host and SNI (http.client's connect hook, absent from typeshed)
    conn._create_connection = connect_pinned  # type: ignore[attr-defined]
    return conn, opened


def _parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    media, *params = value.split(";")
    charset = None
    for param in params:
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'").lower() or None
    return media.strip().lower() or None, charset


class _BodyReader:
    """Accumulates the body, decoding gzip/deflate, and refuses to grow beyond max_bytes decoded."""

    def __init__(self, encoding: str, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.encoding = encoding
        self.parts: list[bytes] = []
        self.size = 0
        self.raw_size = 0
        self._z = None
        if encoding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._z = zlib.decompressobj(zlib.MAX_WBITS)
        elif encoding not in ("", "identity"):
            raise BadContentType(f"Unsupported content encoding {encoding!r}.")
        self._first = True

    def _add(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.max_bytes:
            raise TooLarge(f"The response is larger than {self.max_bytes} bytes.")
        self.parts.append(data)

    def feed(self, chunk: bytes) -> None:
        self.raw_size += len(chunk)
        if self.raw_size > 2 * self.max_bytes:
            raise TooLarge(f"The response is larger than {self.max_bytes} bytes.")
        if self._z is None:
            self._add(chunk)
            return
        try:
            out = self._z.decompress(chunk, self.max_bytes - self.size + 1)
        except zlib.error:
            if not (self._first and self.encoding == "deflate"):
                raise BadEncoding("The response body could not be decompressed.") from None
            self._z = zlib.decompressobj(-zlib.MAX_WBITS)  # servers sending raw deflate without the zlib header
            try:
                out = self._z.decompress(chunk, self.max_bytes - self.size + 1)
            except zlib.error:
                raise BadEncoding("The response body could not be decompressed.") from None
        self._first = False
        self._add(out)

    def finish(self) -> bytes:
        if self._z is not None:
            self._add(self._z.flush(self.max_bytes - self.size + 1))
        return b"".join(self.parts)


@contextmanager
def exchange_errors(target: Target, deadline: _Deadline) -> Iterator[None]:
    """Every failure of one HTTP exchange leaves as an IngestError: the one place that maps socket, TLS and
    protocol errors, whichever step raised them (a fetch here, a webhook's POST in ``safe_post``)."""
    try:
        yield
    except IngestError:
        raise
    except TimeoutError as exc:
        raise FetchTimeout("The server took too long to answer.") from exc
    except ssl.SSLCertVerificationError as exc:
        raise FetchConnectionError(f"TLS certificate check failed for {target.host}.", code="tls_error",
                                   retryable=False) from exc
    except (OSError, http.client.HTTPException, ValueError) as exc:
        if deadline.expired:
            raise FetchTimeout("The fetch exceeded its time limit.") from exc
        raise FetchConnectionError(f"Connection to {target.host} failed: {type(exc).__name__}.") from exc


def _single_request(target: Target, policy: FetchPolicy, deadline: _Deadline, accept: tuple[str, ...],
                    etag: str | None, last_modified: str | None):
    """One HTTP exchange; returns ("redirect", location) or ("done", FetchResult-parts)."""
    addresses = resolve_target(target, policy)
    conn, opened = _connection(target, addresses, policy, deadline)
    resp = None
    try:
        with exchange_errors(target, deadline):
            live = _send_request(conn, target, policy, deadline, accept, etag, last_modified)
            resp = conn.getresponse()
            if deadline.expired:  # the watchdog cut a trickled header block short
                raise FetchTimeout("The fetch exceeded its time limit.")
            headers = _merged_headers(resp)
            status = resp.status
            if status in REDIRECT_STATUSES and headers.get("location"):
                return "redirect", headers["location"]
            if status != 304 and not 200 <= status < 300:
                raise HttpError(status)
            media, charset = _parse_content_type(headers.get("content-type"))
            body = b""
            if status != 304:
                if media not in accept:
                    raise BadContentType(f"Content type {media or '(none)'} is not accepted here.")
                body = _read_body(resp, live, headers, policy, deadline)
            return "done", (status, media, charset, body, headers)
    finally:
        deadline.release()
        if resp is not None:
            resp.close()  # the response holds the socket's last reference: close it now, not at GC time
        conn.close()
        for sock in opened:
            sock.close()


def _send_request(conn: http.client.HTTPConnection, target: Target, policy: FetchPolicy, deadline: _Deadline,
                  accept: tuple[str, ...], etag: str | None, last_modified: str | None) -> socket.socket:
    """Send the GET and return the live socket, so that each later read can take its timeout from the deadline.

    Accept-Encoding is ours (``skip_accept_encoding``): only the encodings ``_BodyReader`` decodes and caps.
    """
    conn.putrequest("GET", target.request_path, skip_accept_encoding=True)
    conn.putheader("User-Agent", policy.user_agent)
    conn.putheader("Accept", ", ".join(accept) + ", */*;q=0.1")
    conn.putheader("Accept-Encoding", "gzip, deflate")
    conn.putheader("Connection", "close")
    if etag:
        conn.putheader("If-None-Match", etag)
    if last_modified:
        conn.putheader("If-Modified-Since", last_modified)
    conn.endheaders()
    live = conn.sock  # the TLS socket for https; kept because getresponse() may drop conn.sock
    live.settimeout(deadline.remaining())
    return live


def _merged_headers(resp: http.client.HTTPResponse) -> dict[str, str]:
    """Response headers by lower-cased name; a repeated header is joined with ", " so no value is lost."""
    headers: dict[str, str] = {}
    for name, value in resp.getheaders():
        key = name.lower()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return headers


def _read_body(resp: http.client.HTTPResponse, live: socket.socket, headers: dict[str, str], policy: FetchPolicy,
               deadline: _Deadline) -> bytes:
    """Stream the body, decoded, under the size cap and the one deadline.

    A declared Content-Length over the cap fails before any byte is read, but only for an unencoded body: a
    compressed length says nothing of the decoded size, which ``_BodyReader`` bounds as it goes.
    """
    encoding = headers.get("content-encoding", "").strip().lower()
    declared = headers.get("content-length", "")
    if not encoding and declared.isdigit() and int(declared) > policy.max_bytes:
        raise TooLarge(f"The response declares {declared} bytes, over {policy.max_bytes}.")
    reader = _BodyReader(encoding, policy.max_bytes)
    while True:
        live.settimeout(deadline.remaining())
        chunk = resp.read1(_CHUNK)
        if not chunk:
            break
        reader.feed(chunk)
    body = reader.finish()
    if deadline.expired:
        raise FetchTimeout("The fetch exceeded its time limit.")
    return body


def safe_fetch(url: str, *, accept: tuple[str, ...] = ARTICLE_CONTENT_TYPES,
               policy: FetchPolicy = DEFAULT_POLICY, etag: str | None = None,
               last_modified: str | None = None) -> FetchResult:
    """GET ``url`` under ``policy``; raise an IngestError subclass for anything unsafe or unusable."""
    accept = tuple(a.lower() for a in accept)
    target = parse_url(url)
    first_url = target.url
    deadline = _Deadline(policy.timeout)
    try:
        for hop in range(policy.max_redirects + 1):
            kind, value = _single_request(target, policy, deadline, accept, etag, last_modified)
            if kind == "redirect":
                if hop == policy.max_redirects:
                    raise TooManyRedirects(f"More than {policy.max_redirects} redirects.")
                target = parse_url(urljoin(target.url, value))
                continue
            status, media, charset, body, headers = value
            return FetchResult(url=first_url, final_url=target.url, status=status, content_type=media,
                               charset=charset, body=body, headers=headers, etag=headers.get("etag"),
                               last_modified=headers.get("last-modified"))
    finally:
        deadline.stop()
    raise TooManyRedirects(f"More than {policy.max_redirects} redirects.")  # pragma: no cover
