"""SSRF payloads (reliability requirement S1): every one is refused before any connection is attempted."""

import ipaddress

import pytest

from factcheck.ingest.errors import BadScheme, BadUrl, BlockedAddress, DnsError, FetchConnectionError, IngestError
from factcheck.ingest.safe_fetch import FetchPolicy, blocked_reason, check_url, parse_url, safe_fetch
from factcheck.ingest.url_guard import parse_loose_ipv4

PAYLOADS = [
    # schemes other than http(s)
    "file:///etc/passwd",
    "gopher://127.0.0.1:6379/_INFO",
    "ftp://127.0.0.1/",
    "dict://127.0.0.1:11211/stats",
    "javascript:alert(1)",
    "//127.0.0.1/",
    # loopback, every spelling
    "http://127.0.0.1:6379/",
    "http://127.0.0.1/",
    "https://127.0.0.1/",
    "http://127.255.255.254/",
    "http://[::1]/",
    "http://[::1]:80/",
    "http://0/",
    "http://0.0.0.0/",
    "http://2130706433/",
    "http://0177.0.0.1/",
    "http://0x7f000001/",
    "http://0x7f.1/",
    "http://0x7f.0x0.0x0.0x1/",
    "http://017700000001/",
    "http://127.1/",
    "http://127.0.0.1./",
    "http://localhost/",
    "http://LOCALHOST./admin",
    "http://api.localhost/",
    # cloud metadata and private ranges
    "http://169.254.169.254/latest/meta-data/",
    "http://2852039166/",  # 169.254.169.254 as one number
    "http://10.0.0.1/",
    "http://10.255.255.255/",
    "http://172.16.0.1/",
    "http://172.31.255.254/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://100.127.255.254/",
    "http://198.18.0.1/",
    "http://224.0.0.1/",
    "http://255.255.255.255/",
    "http://240.0.0.1/",
    # IPv6 ranges and IPv4 embedded in IPv6
    "http://[fc00::1]/",
    "http://[fd00:ec2::254]/",
    "http://[fe80::1]/",
    "http://[fec0::1]/",
    "http://[ff02::1]/",
    "http://[::]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[::ffff:169.254.169.254]/",
    "http://[::ffff:10.0.0.1]/",
    "http://[2002:7f00:1::]/",  # 6to4 of 127.0.0.1
    "http://[2002:a9fe:a9fe::1]/",  # 6to4 of 169.254.169.254
    "http://[64:ff9b::a9fe:a9fe]/",  # NAT64 of 169.254.169.254
    "http://[64:ff9b::7f00:1]/",
    "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",  # Teredo
    # userinfo and parser-confusion tricks
    "http://a@127.0.0.1/",
    "http://user:pass@10.0.0.1/",
    "http://public.example@127.0.0.1/",
    "http://127.0.0.1#@public.example/",
    "http://public.example\\@127.0.0.1/",
    "http://127.0.0.1 /",
    "http://127.0.0.1%09/",
    "http:///etc/passwd",
    "http://256.0.0.1/",
    "http://1.2.3.4.5/",
    # names that resolve to private addresses (answered by the stub resolver)
    "http://intranet.example/",
    "http://metadata.example/computeMetadata/v1/",
    "http://v6private.example/",
    "http://mixed.example/",
    "http://mapped.example/",
    # non-standard port on a public name
    "http://public.example:6379/",
]


@pytest.fixture
def stub_dns(fake_dns):
    fake_dns.add("intranet.example", ["10.1.2.3"])
    fake_dns.add("metadata.example", ["169.254.169.254"])
    fake_dns.add("v6private.example", ["fd12:3456::1"])
    fake_dns.add("mixed.example", ["8.8.8.8", "127.0.0.1"])  # one bad address is enough to refuse
    fake_dns.add("mapped.example", ["::ffff:192.168.0.10"])
    fake_dns.add("public.example", ["8.8.8.8"])
    return fake_dns


def test_payload_list_is_long_enough():
    assert len(PAYLOADS) >= 30


@pytest.mark.parametrize("url", PAYLOADS)
def test_payload_is_blocked_before_connecting(url, stub_dns, connections):
    with pytest.raises(IngestError) as info:
        safe_fetch(url)
    assert info.value.code in {"blocked_address", "blocked_port", "bad_scheme", "bad_url"}, info.value
    assert info.value.retryable is False
    assert connections == []


@pytest.mark.parametrize("url", PAYLOADS)
def test_check_url_refuses_payload(url, stub_dns):
    with pytest.raises((BlockedAddress, BadUrl)):
        check_url(url)


def test_public_name_is_allowed_and_pinned_to_the_checked_address(stub_dns, connections):
    with pytest.raises(FetchConnectionError):  # the stub refuses the connection, after recording it
        safe_fetch("http://public.example/news/1")
    assert connections == [("8.8.8.8", 80)]
    assert stub_dns.calls == ["public.example"]


def test_rebinding_resolver_is_asked_once(fake_dns, connections):
    fake_dns.add("rebind.example", ["8.8.4.4"], ["127.0.0.1"])
    with pytest.raises(FetchConnectionError):
        safe_fetch("http://rebind.example/")
    assert fake_dns.calls == ["rebind.example"]  # no second lookup that could answer loopback
    assert connections == [("8.8.4.4", 80)]


def test_rebinding_resolver_answering_loopback_first_is_blocked(fake_dns, connections):
    fake_dns.add("rebind2.example", ["127.0.0.1"], ["8.8.4.4"])
    with pytest.raises(BlockedAddress):
        safe_fetch("http://rebind2.example/")
    assert connections == []


def test_unknown_name_is_a_dns_error(fake_dns, connections):
    with pytest.raises(DnsError) as info:
        safe_fetch("http://nowhere.example/")
    assert info.value.code == "dns_error"
    assert connections == []


def test_bad_scheme_error_class(stub_dns):
    with pytest.raises(BadScheme):
        parse_url("file:///etc/passwd")


@pytest.mark.parametrize(("host", "expected"), [
    ("2130706433", "127.0.0.1"),
    ("0177.0.0.1", "127.0.0.1"),
    ("0x7f.1", "127.0.0.1"),
    ("0x7f000001", "127.0.0.1"),
    ("0", "0.0.0.0"),
    ("127.1", "127.0.0.1"),
    ("10.1", "10.0.0.1"),
    ("192.168.257", "192.168.1.1"),
    ("8.8.8.8", "8.8.8.8"),
])
def test_loose_ipv4_forms_are_normalised(host, expected):
    assert str(parse_loose_ipv4(host)) == expected


def test_host_names_are_not_ipv4():
    assert parse_loose_ipv4("news.example") is None
    assert parse_loose_ipv4("1e100.net") is None


@pytest.mark.parametrize("address", ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "2002:808:808::1",
                                     "64:ff9b::808:808", "::ffff:8.8.8.8"])
def test_public_addresses_pass(address):
    assert blocked_reason(ipaddress.ip_address(address)) is None


def test_url_is_normalised():
    target = parse_url("HTTPS://News.Example:443/a b?q=é#frag".replace(" ", "%20"))
    assert target.url == "https://news.example/a%20b?q=%C3%A9"
    assert target.host == "news.example" and target.port == 443


def test_policy_limits_cannot_exceed_requirements():
    with pytest.raises(ValueError):
        FetchPolicy(timeout=60)
    with pytest.raises(ValueError):
        FetchPolicy(connect_timeout=10)


def test_allowlist_by_host_port_and_network(fake_dns, connections):
    fake_dns.add("wiki.intranet.example", ["10.9.8.7"])
    by_name = FetchPolicy(allow_hosts={"wiki.intranet.example"})
    with pytest.raises(FetchConnectionError):
        safe_fetch("http://wiki.intranet.example:8081/page", policy=by_name)
    by_port = FetchPolicy(allow_hosts={"127.0.0.1:8081"})
    with pytest.raises(FetchConnectionError):
        safe_fetch("http://127.0.0.1:8081/", policy=by_port)
    with pytest.raises(BlockedAddress):
        safe_fetch("http://127.0.0.1:8082/", policy=by_port)
    by_network = FetchPolicy(allow_networks=("10.9.0.0/16",))
    with pytest.raises(FetchConnectionError):
        safe_fetch("http://10.9.1.1/", policy=by_network)
    with pytest.raises(BlockedAddress):
        safe_fetch("http://10.10.1.1/", policy=by_network)
    assert connections == [("10.9.8.7", 8081), ("127.0.0.1", 8081), ("10.9.1.1", 80)]


def test_a_hung_dns_lookup_fails_within_the_connect_timeout(monkeypatch):
    """getaddrinfo has no timeout of its own; a resolver that never answers must not hold the fetch.

    The resolver hangs for 30 s, 60 times the connect timeout, and would then fail with its own error: the
    deadline's error, raised while the lookup is still hung, shows the fetch stopped waiting for it.
    """
    import socket
    import threading

    release = threading.Event()
    returned = threading.Event()

    def hung(*_args, **_kwargs):
        release.wait(30)
        returned.set()
        raise socket.gaierror(socket.EAI_AGAIN, "released")

    monkeypatch.setattr(socket, "getaddrinfo", hung)
    try:
        with pytest.raises(DnsError) as caught:
            check_url("http://slow-resolver.example/", FetchPolicy(connect_timeout=0.5))
        still_hung = not returned.is_set()
    finally:
        release.set()
    assert caught.value.retryable
    assert caught.value.message == "slow-resolver.example did not resolve within 0.5 s."
    assert still_hung, "the error came from the resolver giving up, not from the connect timeout"
