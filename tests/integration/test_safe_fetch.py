"""safe_fetch against servers on 127.0.0.1 only (reliability requirements S1, B4, F12).

Each test allows exactly the test server's ``127.0.0.1:<port>``, so a redirect to another loopback port or to
169.254.169.254 must still be blocked. Timeouts are small so the whole file runs in a few seconds.

No assertion here reads a clock: a limit is shown to hold by the error it raises and by the work done before it
fired (bytes read, bytes a slow server managed to send), against servers that would otherwise go on far longer
than the limit. How fast the fetcher gives up is a figure, not a test.
"""

import gzip
import shutil
import socket
import ssl
import subprocess
import threading
import zlib

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from factcheck.ingest import safe_fetch as safe_fetch_module
from factcheck.ingest.errors import (
    BadContentType,
    BadScheme,
    BadUrl,
    BlockedAddress,
    FetchConnectionError,
    FetchTimeout,
    HttpError,
    TooLarge,
    TooManyRedirects,
)
from factcheck.ingest.safe_fetch import FEED_CONTENT_TYPES, FetchPolicy, safe_fetch

ARTICLE = "<html><head><title>Essai</title></head><body><p>Le maire a promis 300 logements.</p></body></html>"
MIB = 1024 * 1024


@pytest.fixture(scope="module")
def server():
    httpserver = HTTPServer(host="127.0.0.1", port=0)
    httpserver.start()
    yield httpserver
    httpserver.clear()
    httpserver.stop()


@pytest.fixture(autouse=True)
def _clear(server):
    yield
    server.clear()


def policy_for(port: int, **overrides) -> FetchPolicy:
    settings = {"allow_hosts": {f"127.0.0.1:{port}"}, "timeout": 2.0, "connect_timeout": 1.0, "max_bytes": MIB}
    settings.update(overrides)
    return FetchPolicy(**settings)


@pytest.fixture
def policy(server):
    return policy_for(server.port)


class Trap:
    """A listening socket on another loopback port that records whether anything connected."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.setblocking(False)
        self.port = self.sock.getsockname()[1]

    def was_contacted(self) -> bool:
        try:
            conn, _ = self.sock.accept()
        except BlockingIOError:
            return False
        conn.close()
        return True

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def trap():
    listener = Trap()
    yield listener
    listener.close()


class RawServer:
    """A hand-written TCP server on 127.0.0.1 for misbehaving peers; ``handler(conn, stop)`` runs per client."""

    def __init__(self, handler) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        self.handler = handler
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn) -> None:
        try:
            self.handler(conn, self.stop)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.thread.join(1)
        self.sock.close()


# --- allowed fetches ---

def test_fetch_allowed_for_allowlisted_host_and_port(server, policy):
    server.expect_request("/article").respond_with_data(
        ARTICLE, content_type="text/html; charset=utf-8",
        headers={"ETag": '"v1"', "Last-Modified": "Tue, 12 Mar 2024 08:00:00 GMT"})
    result = safe_fetch(server.url_for("/article"), policy=policy)
    assert result.status == 200
    assert result.body == ARTICLE.encode()
    assert result.content_type == "text/html" and result.charset == "utf-8"
    assert result.etag == '"v1"' and result.last_modified == "Tue, 12 Mar 2024 08:00:00 GMT"
    assert result.headers["content-type"] == "text/html; charset=utf-8"
    assert result.url == result.final_url == f"http://127.0.0.1:{server.port}/article"
    request, _ = server.log[0]
    assert request.headers["Host"] == f"127.0.0.1:{server.port}"
    assert "gzip" in request.headers["Accept-Encoding"]


def test_loopback_blocked_without_allowlist(server):
    server.expect_request("/article").respond_with_data(ARTICLE, content_type="text/html")
    with pytest.raises(BlockedAddress):
        safe_fetch(server.url_for("/article"), policy=FetchPolicy(timeout=2, connect_timeout=1))
    assert server.log == []


def test_gzip_response_is_decoded(server, policy):
    server.expect_request("/gz").respond_with_data(
        gzip.compress(ARTICLE.encode()), content_type="text/html", headers={"Content-Encoding": "gzip"})
    assert safe_fetch(server.url_for("/gz"), policy=policy).body == ARTICLE.encode()


@pytest.mark.parametrize("wbits", [zlib.MAX_WBITS, -zlib.MAX_WBITS])
def test_deflate_response_is_decoded_with_or_without_zlib_header(server, policy, wbits):
    compressor = zlib.compressobj(wbits=wbits)
    body = compressor.compress(ARTICLE.encode()) + compressor.flush()
    server.expect_request("/deflate").respond_with_data(
        body, content_type="text/html", headers={"Content-Encoding": "deflate"})
    assert safe_fetch(server.url_for("/deflate"), policy=policy).body == ARTICLE.encode()


# --- redirects ---

def test_relative_redirect_followed(server, policy):
    server.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    server.expect_request("/new").respond_with_data(ARTICLE, content_type="text/html")
    result = safe_fetch(server.url_for("/old"), policy=policy)
    assert result.url.endswith("/old") and result.final_url.endswith("/new")


@pytest.mark.parametrize("location", [
    "http://127.0.0.1:{trap}/",
    "http://localhost:{trap}/",
    "http://[::1]:{trap}/",
    "http://2130706433:{trap}/",
    "http://169.254.169.254/latest/meta-data/",
    "http://127.0.0.1:6379/",
    "http://10.0.0.1/",
    "http://a@127.0.0.1:{trap}/",
])
def test_redirect_to_internal_address_blocked(server, policy, trap, location):
    target = location.format(trap=trap.port)
    server.expect_request("/go").respond_with_data("", status=302, headers={"Location": target})
    with pytest.raises((BlockedAddress, BadUrl)):
        safe_fetch(server.url_for("/go"), policy=policy)
    assert not trap.was_contacted()


@pytest.mark.parametrize("location", ["file:///etc/passwd", "gopher://127.0.0.1:6379/_INFO"])
def test_redirect_to_other_scheme_blocked(server, policy, location):
    server.expect_request("/go").respond_with_data("", status=302, headers={"Location": location})
    with pytest.raises(BadScheme):
        safe_fetch(server.url_for("/go"), policy=policy)


def test_redirect_cap(server, policy):
    for hop in range(5):
        server.expect_request(f"/r{hop}").respond_with_data("", status=302, headers={"Location": f"/r{hop + 1}"})
    server.expect_request("/r5").respond_with_data(ARTICLE, content_type="text/html")
    assert safe_fetch(server.url_for("/r2"), policy=policy).final_url.endswith("/r5")  # 3 redirects: fine
    with pytest.raises(TooManyRedirects):
        safe_fetch(server.url_for("/r1"), policy=policy)  # 4 redirects
    with pytest.raises(TooManyRedirects):
        safe_fetch(server.url_for("/r4"), policy=policy_for(server.port, max_redirects=0))


def test_redirect_loop(server, policy):
    server.expect_request("/loop").respond_with_data("", status=307, headers={"Location": "/loop"})
    with pytest.raises(TooManyRedirects):
        safe_fetch(server.url_for("/loop"), policy=policy)


def test_rebinding_name_is_pinned_to_the_validated_address(server, policy, monkeypatch):
    """The resolver answers public, then loopback; the socket goes to the checked public address.

    The public address is never really contacted: the socket opener is redirected to the local test server,
    which stands in for that public host, and records what it was asked to connect to.
    """
    answers = [["8.8.4.4"], ["127.0.0.1"]]
    lookups, connects = [], []

    def resolver(host, port, family=0, type=0, proto=0, flags=0):
        lookups.append(host)
        address = answers.pop(0) if len(answers) > 1 else answers[0]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address[0], port))]

    real_open = safe_fetch_module._open_socket

    def open_socket(family, sockaddr, timeout):
        connects.append(sockaddr)
        return real_open(socket.AF_INET, ("127.0.0.1", server.port), timeout)

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    monkeypatch.setattr(safe_fetch_module, "_open_socket", open_socket)
    server.expect_request("/news").respond_with_data(ARTICLE, content_type="text/html")
    result = safe_fetch("http://rebind.example:8080/news", policy=policy)
    assert result.status == 200
    assert lookups == ["rebind.example"]
    assert connects == [("8.8.4.4", 8080)]
    request, _ = server.log[0]
    assert request.headers["Host"] == "rebind.example:8080"  # original Host header kept


def test_redirect_hop_to_name_resolving_to_private_address_blocked(server, policy, monkeypatch):
    def resolver(host, port, family=0, type=0, proto=0, flags=0):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", port))]

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    server.expect_request("/go").respond_with_data("", status=302, headers={"Location": "http://intranet.example/"})
    with pytest.raises(BlockedAddress):
        safe_fetch(server.url_for("/go"), policy=policy)


# --- size, type and encoding limits (B4) ---

def _endless(total: int):
    chunk = b"a" * (256 * 1024)
    for _ in range(total // len(chunk)):
        yield chunk


@pytest.fixture
def body_reads(monkeypatch):
    """What the fetcher took in while reading bodies: ``raw`` bytes off the wire, ``decoded`` bytes kept."""
    seen = {"raw": 0, "decoded": 0}

    class CountingReader(safe_fetch_module._BodyReader):
        def feed(self, chunk: bytes) -> None:
            seen["raw"] += len(chunk)
            super().feed(chunk)

        def _add(self, data: bytes) -> None:
            seen["decoded"] += len(data)
            super()._add(data)

    monkeypatch.setattr(safe_fetch_module, "_BodyReader", CountingReader)
    return seen


def test_hundred_mib_stream_cut_at_limit(server, policy, body_reads):
    server.expect_request("/huge").respond_with_handler(
        lambda request: Response(_endless(100 * MIB), content_type="text/html"))
    with pytest.raises(TooLarge) as info:
        safe_fetch(server.url_for("/huge"), policy=policy)
    assert info.value.code == "too_large" and not info.value.retryable
    assert str(info.value) == f"The response is larger than {MIB} bytes."
    # Reading stopped one read past the limit, not after the 100 MiB the server offered.
    assert MIB < body_reads["raw"] <= MIB + safe_fetch_module._CHUNK


def test_declared_content_length_over_limit_refused_before_reading(server, policy, body_reads):
    server.expect_request("/big").respond_with_handler(
        lambda request: Response(_endless(100 * MIB), content_type="text/html",
                                 headers={"Content-Length": str(100 * MIB)}))
    with pytest.raises(TooLarge) as info:
        safe_fetch(server.url_for("/big"), policy=policy)
    assert str(info.value) == f"The response declares {100 * MIB} bytes, over {MIB}."
    assert body_reads == {"raw": 0, "decoded": 0}  # refused on the header: not one body byte read


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"\0" * MIB
    body = b"".join(compressor.compress(chunk) for _ in range(64)) + compressor.flush()
    assert len(body) < 100 * 1024  # 64 MiB of zeros in well under 100 KiB
    return body


def test_gzip_bomb_cut_at_decoded_limit(server, policy, gzip_bomb, body_reads):
    server.expect_request("/bomb").respond_with_data(
        gzip_bomb, content_type="text/html", headers={"Content-Encoding": "gzip"})
    with pytest.raises(TooLarge) as info:
        safe_fetch(server.url_for("/bomb"), policy=policy)
    assert str(info.value) == f"The response is larger than {MIB} bytes."
    # Decompression never went past the limit (plus the one byte that shows it was passed), far from 64 MiB.
    assert MIB < body_reads["decoded"] <= MIB + 1


def test_gzip_bomb_as_octet_stream_dropped_for_its_type(server, policy, gzip_bomb):
    server.expect_request("/bomb").respond_with_data(
        gzip_bomb, content_type="application/octet-stream", headers={"Content-Encoding": "gzip"})
    with pytest.raises(BadContentType):
        safe_fetch(server.url_for("/bomb"), policy=policy)


@pytest.mark.parametrize("content_type", ["application/octet-stream", "image/png", "application/pdf",
                                          "application/json", None])
def test_wrong_content_type_rejected(server, policy, content_type):
    def handler(request):
        response = Response(b"\x89PNG....", content_type=content_type)
        if content_type is None:
            del response.headers["Content-Type"]
        return response

    server.expect_request("/file").respond_with_handler(handler)
    with pytest.raises(BadContentType) as info:
        safe_fetch(server.url_for("/file"), policy=policy)
    assert info.value.code == "bad_content_type"


def test_content_types_are_chosen_per_call(server, policy):
    server.expect_request("/feed").respond_with_data("<rss version='2.0'/>", content_type="application/rss+xml")
    with pytest.raises(BadContentType):
        safe_fetch(server.url_for("/feed"), policy=policy)
    assert safe_fetch(server.url_for("/feed"), policy=policy, accept=FEED_CONTENT_TYPES).status == 200


def test_unadvertised_content_encoding_rejected(server, policy):
    server.expect_request("/br").respond_with_data(b"xx", content_type="text/html", headers={"Content-Encoding": "br"})
    with pytest.raises(BadContentType):
        safe_fetch(server.url_for("/br"), policy=policy)


# --- status codes and conditional requests ---

def test_server_error_is_retryable(server, policy):
    server.expect_request("/boom").respond_with_data("oops", status=500)
    with pytest.raises(HttpError) as info:
        safe_fetch(server.url_for("/boom"), policy=policy)
    assert info.value.status == 500 and info.value.retryable and info.value.code == "http_error"


@pytest.mark.parametrize(("status", "retryable"), [(404, False), (403, False), (410, False), (429, True),
                                                   (503, True)])
def test_status_retry_policy(server, policy, status, retryable):
    server.expect_request("/s").respond_with_data("", status=status)
    with pytest.raises(HttpError) as info:
        safe_fetch(server.url_for("/s"), policy=policy)
    assert info.value.retryable is retryable


def test_etag_conditional_request_gives_304(server, policy):
    def handler(request):
        if request.headers.get("If-None-Match") == '"rev-7"':
            return Response(status=304, headers={"ETag": '"rev-7"'})
        return Response(ARTICLE, content_type="text/html", headers={"ETag": '"rev-7"'})

    server.expect_request("/cond").respond_with_handler(handler)
    first = safe_fetch(server.url_for("/cond"), policy=policy)
    assert first.status == 200 and first.etag == '"rev-7"'
    second = safe_fetch(server.url_for("/cond"), policy=policy, etag=first.etag,
                        last_modified="Tue, 12 Mar 2024 08:00:00 GMT")
    assert second.status == 304 and second.not_modified and second.body == b""
    assert second.etag == '"rev-7"'
    request, _ = server.log[-1]
    assert request.headers["If-Modified-Since"] == "Tue, 12 Mar 2024 08:00:00 GMT"


# --- time limits (F12) ---
# Each server below would hold the fetch for 30 s or more before doing anything else (answering, closing, or
# finishing its trickle), against a deadline of 0.5 s. Only a deadline that fires can produce FetchTimeout: a
# fetch that waited the server out would end in a connection error or a complete response instead.

HOLD = 30.0  # seconds a misbehaving server holds the connection: 60 times the deadline
DEADLINE = 0.5


def test_server_that_never_answers_times_out():
    def silent(conn, stop):
        stop.wait(HOLD)  # then closes without a word: a connection error, had the fetch waited this long

    raw = RawServer(silent)
    try:
        with pytest.raises(FetchTimeout) as info:
            safe_fetch(f"http://127.0.0.1:{raw.port}/", policy=policy_for(raw.port, timeout=DEADLINE))
    finally:
        raw.close()
    assert info.value.retryable and info.value.code == "timeout"


def test_server_that_never_accepts_times_out():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)  # the kernel completes the handshake; nobody ever reads
    port = listener.getsockname()[1]
    drop = threading.Timer(HOLD, listener.close)  # closing resets the waiting connection: a connection error
    drop.start()
    try:
        with pytest.raises(FetchTimeout) as info:
            safe_fetch(f"http://127.0.0.1:{port}/", policy=policy_for(port, timeout=DEADLINE))
    finally:
        drop.cancel()
        listener.close()
    assert info.value.retryable and info.value.code == "timeout"


def _trickle(head: bytes, payload: bytes, delay: float, sent: list[int]):
    """A handler that reads the request, sends ``head`` at once, then ``payload`` one byte per ``delay``.

    ``sent[0]`` counts the payload bytes sent so far; a send fails once the client has hung up.
    """
    def handler(conn, stop):
        conn.recv(65536)
        conn.sendall(head)
        for byte in payload:
            if stop.wait(delay):
                return
            conn.sendall(bytes([byte]))
            sent[0] += 1
        stop.wait(5)
    return handler


TRICKLE_DELAY = 0.02  # between two bytes: 25 times shorter than the deadline, so no per-read timeout can fire
TRICKLE_BYTES = int(HOLD / TRICKLE_DELAY)  # 1,500 bytes: the trickle alone would last 30 s


@pytest.mark.parametrize(("head", "payload"), [
    (b"", b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * TRICKLE_BYTES),  # headers never end
    (f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {TRICKLE_BYTES}\r\n\r\n".encode(),
     b"x" * TRICKLE_BYTES),
], ids=["trickled-headers", "trickled-body"])
def test_trickling_server_times_out_at_the_deadline(head, payload):
    """A byte every 20 ms keeps any per-read timeout happy: only the deadline for the whole fetch can stop it."""
    sent = [0]
    raw = RawServer(_trickle(head, payload, TRICKLE_DELAY, sent))
    try:
        with pytest.raises(FetchTimeout) as info:
            safe_fetch(f"http://127.0.0.1:{raw.port}/", policy=policy_for(raw.port, timeout=DEADLINE))
        cut_after = sent[0]
    finally:
        raw.close()
    assert info.value.retryable and info.value.code == "timeout"
    assert 0 < cut_after < len(payload), f"cut after {cut_after} of {len(payload)} bytes: no deadline fired"


def test_connection_refused_is_retryable():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there now
    with pytest.raises(FetchConnectionError) as info:
        safe_fetch(f"http://127.0.0.1:{port}/", policy=policy_for(port))
    assert info.value.code == "connection_error" and info.value.retryable


# --- HTTPS: the socket goes to the pinned address, TLS still checks the original name ---

@pytest.fixture(scope="module")
def tls_files(tmp_path_factory):
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=news.example",
         "-addext", "subjectAltName=DNS:news.example"],
        check=True, capture_output=True, timeout=20)
    return cert, key


@pytest.fixture(scope="module")
def tls_httpserver(tls_files):
    cert, key = tls_files
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpserver = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    httpserver.start()
    yield httpserver
    httpserver.stop()


@pytest.fixture
def tls_server(tls_httpserver, monkeypatch):
    httpserver = tls_httpserver
    connects = []

    def resolver(host, port, family=0, type=0, proto=0, flags=0):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("8.8.8.8", port))]

    real_open = safe_fetch_module._open_socket

    def open_socket(family, sockaddr, timeout):  # stands in for the public host: nothing leaves 127.0.0.1
        connects.append(sockaddr)
        return real_open(socket.AF_INET, ("127.0.0.1", httpserver.port), timeout)

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    monkeypatch.setattr(safe_fetch_module, "_open_socket", open_socket)
    httpserver.connects = connects
    yield httpserver
    httpserver.clear()


def test_https_pinned_with_original_sni_and_host(tls_server, tls_files):
    tls_server.expect_request("/story").respond_with_data(ARTICLE, content_type="text/html")
    policy = FetchPolicy(timeout=2, connect_timeout=1, ca_file=str(tls_files[0]))
    result = safe_fetch("https://news.example/story", policy=policy)
    assert result.body == ARTICLE.encode()
    assert tls_server.connects == [("8.8.8.8", 443)]
    request, _ = tls_server.log[0]
    assert request.headers["Host"] == "news.example"


def test_https_untrusted_certificate_is_not_retryable(tls_server):
    with pytest.raises(FetchConnectionError) as info:
        safe_fetch("https://news.example/story", policy=FetchPolicy(timeout=2, connect_timeout=1))
    assert info.value.code == "tls_error" and not info.value.retryable


def test_https_certificate_for_another_name_is_refused(tls_server, tls_files):
    policy = FetchPolicy(timeout=2, connect_timeout=1, ca_file=str(tls_files[0]))
    with pytest.raises(FetchConnectionError) as info:
        safe_fetch("https://other.example/story", policy=policy)
    assert info.value.code == "tls_error"
