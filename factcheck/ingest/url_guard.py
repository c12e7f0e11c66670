"""URL and address checks for server-side fetches (SSRF, reliability requirement S1).

Only http/https; no userinfo; odd IPv4 spellings (``2130706433``, ``0177.0.0.1``, ``0x7f.1``, ``0``) are
normalised the way browsers do and then checked like any other address; a host name is resolved once and EVERY
address is checked (loopback, private, link-local, CGNAT, multicast, reserved, IPv4 embedded in IPv6 …).
An admin may allow intranet hosts (``host`` or ``host:port``) or networks (CIDR) through ``FetchPolicy``;
``parse_allowlist`` is the one place such entries are read and checked (the settings form and the settings
service both call it), in the same host forms a URL is parsed into here.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from factcheck.ingest.errors import BadAllowlist, BadScheme, BadUrl, BlockedAddress, DnsError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

DEFAULT_PORTS = {"http": 80, "https": 443}
MAX_URL_LENGTH = 2048
_BAD_URL_CHARS = re.compile(r"[\x00-\x20\x7f\\]")
_HOST_LABEL = re.compile(r"^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$")
_BLOCKED_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")
_BLOCKED_SUFFIXES = (".localhost", ".local", ".internal", ".home.arpa")

_BLOCKED_NETWORKS = tuple(ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
    "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
    "::/96", "::ffff:0:0/96", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32",
    "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_SIX_TO_FOUR = ipaddress.ip_network("2002::/16")


@dataclass(frozen=True)
class FetchPolicy:
    """Limits and the admin allowlist for one kind of fetch."""

    allow_hosts: frozenset[str] = frozenset()   # "intranet.example", "10.1.2.3", "127.0.0.1:8080", "[::1]:80"
    allow_networks: tuple[str, ...] = ()        # CIDR, e.g. "10.20.0.0/16": any port
    max_bytes: int = 5 * 1024 * 1024            # decoded body
    connect_timeout: float = 5.0
    timeout: float = 15.0                       # whole fetch, all redirects and reads included
    max_redirects: int = 3
    allowed_ports: frozenset[int] | None = frozenset({80, 443, 8080, 8443})  # None = any port
    user_agent: str = "factcheck-ingest/1.0 (+claims fact-check workflow)"
    ca_file: str | None = None                  # extra trusted CA (PEM), e.g. an intranet CA; added to the system's
    _networks: tuple = field(init=False, repr=False, compare=False, default=())

    def __post_init__(self) -> None:
        if not 0 < self.connect_timeout <= 5 or not 0 < self.timeout <= 15:
            raise ValueError("connect_timeout must be in (0, 5] and timeout in (0, 15] seconds")
        if self.max_redirects < 0 or self.max_bytes <= 0:
            raise ValueError("max_redirects must be >= 0 and max_bytes > 0")
        object.__setattr__(self, "allow_hosts", frozenset(h.strip().lower() for h in self.allow_hosts))
        object.__setattr__(self, "allow_networks", tuple(self.allow_networks))
        object.__setattr__(self, "_networks",
                           tuple(ipaddress.ip_network(n, strict=False) for n in self.allow_networks))

    def host_allowed(self, host: str, port: int) -> bool:
        """True if the admin allowlist names this host, alone or with this port."""
        shown = f"[{host}]" if ":" in host else host
        return shown in self.allow_hosts or f"{shown}:{port}" in self.allow_hosts

    def network_allowed(self, ip: IPAddress) -> bool:
        """True if the address falls in an allowlisted network."""
        return any(ip.version == net.version and ip in net for net in self._networks)


DEFAULT_POLICY = FetchPolicy()


@dataclass(frozen=True)
class Target:
    """A parsed, normalised URL ready to be resolved."""

    url: str
    scheme: str
    host: str          # ASCII, lowercase, no brackets; IPv4 in dotted-quad form
    port: int
    request_path: str  # path + query, percent-encoded
    ip: IPAddress | None  # set when the host is an IP literal


# --- URL parsing ---------------------------------------------------------------------------------------------

def _parse_ipv4_number(part: str) -> int | None:
    if part[:2] in ("0x", "0X"):
        digits, base = part[2:], 16
    elif len(part) > 1 and part.startswith("0"):
        digits, base = part[1:], 8
    else:
        digits, base = part, 10
    if digits == "":
        return 0
    try:
        return int(digits, base)
    except ValueError:
        return None


def parse_loose_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """Browser-style (WHATWG) IPv4 parsing: ``2130706433``, ``0x7f.1``, ``0177.0.0.1`` → 127.0.0.1.

    Returns None when the host is a name; raises BadUrl when it ends in a number but is no valid address.
    """
    parts = host.split(".")
    if parts and parts[-1] == "" and len(parts) > 1:
        parts.pop()
    last = parts[-1] if parts else ""
    if not (last.isdigit() or re.fullmatch(r"0[xX][0-9a-fA-F]*", last)):
        return None
    numbers = [_parse_ipv4_number(p) if p else None for p in parts]
    if len(parts) > 4 or any(n is None for n in numbers):
        raise BadUrl(f"Invalid IPv4 address: {host!r}.")
    *head, tail = [n for n in numbers if n is not None]  # all of them, after the check above
    if any(n > 255 for n in head) or tail >= 256 ** (5 - len(numbers)):
        raise BadUrl(f"Invalid IPv4 address: {host!r}.")
    value = tail + sum(n << (8 * (3 - i)) for i, n in enumerate(head))
    return ipaddress.IPv4Address(value)


def parse_url(url: str) -> Target:
    """Parse and normalise a URL; raise BadScheme/BadUrl for anything but a plain http(s) URL."""
    if not isinstance(url, str) or not url.strip():
        raise BadUrl("The URL is empty.")
    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        raise BadUrl("The URL is too long.")
    if _BAD_URL_CHARS.search(url):
        raise BadUrl("The URL contains spaces, control characters or backslashes.")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise BadScheme(f"Only http and https URLs are accepted, not {scheme or 'a relative URL'}.")
    if "@" in parts.netloc:
        raise BadUrl("URLs with a user name or password are not accepted.")
    try:
        port = parts.port or DEFAULT_PORTS[scheme]
    except ValueError as exc:
        raise BadUrl("The URL has an invalid port.") from exc
    if not 0 < port < 65536:
        raise BadUrl("The URL has an invalid port.")
    raw_host = parts.hostname or ""
    if not raw_host:
        raise BadUrl("The URL has no host.")
    host, ip = _normalise_host(raw_host, bracketed=parts.netloc.split("]")[0].startswith("["))
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    if parts.query:
        path += "?" + quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
    shown_host = f"[{host}]" if ip is not None and ip.version == 6 else host
    netloc = shown_host if port == DEFAULT_PORTS[scheme] else f"{shown_host}:{port}"
    return Target(url=f"{scheme}://{netloc}{path}", scheme=scheme, host=host, port=port,
                  request_path=path, ip=ip)


def _normalise_host(host: str, *, bracketed: bool) -> tuple[str, IPAddress | None]:
    if bracketed:
        try:
            ip6 = ipaddress.IPv6Address(host)
        except ValueError as exc:
            raise BadUrl("Invalid IPv6 address.") from exc
        return str(ip6), ip6
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise BadUrl("Invalid international host name.") from exc
    host = host.lower()
    ip4 = parse_loose_ipv4(host)
    if ip4 is not None:
        return str(ip4), ip4
    host = host.rstrip(".")
    labels = host.split(".")
    if len(host) > 253 or not all(_HOST_LABEL.match(label) for label in labels):
        raise BadUrl(f"Invalid host name: {host!r}.")
    return host, None


# --- address checks ------------------------------------------------------------------------------------------

def blocked_reason(ip: IPAddress) -> str | None:
    """Why this address may not be fetched, or None when it is a public unicast address."""
    if ip.version == 6:
        if ip.scope_id:
            return "scoped IPv6 address"
        embedded = None
        if ip.ipv4_mapped is not None:
            embedded = ip.ipv4_mapped
        elif ip in _SIX_TO_FOUR:
            embedded = ip.sixtofour
        elif ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            inner = blocked_reason(embedded)
            return f"embeds {embedded} ({inner})" if inner else None
        if ip.teredo is not None:
            return "Teredo tunnel address"
    for net in _BLOCKED_NETWORKS:
        if ip.version == net.version and ip in net:
            return f"in reserved range {net}"
    if (ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_multicast or ip.is_reserved
            or ip.is_unspecified or not ip.is_global):
        return "not a public address"
    return None


def _check_address(ip: IPAddress, target: Target, policy: FetchPolicy, host_allowed: bool) -> None:
    if host_allowed or policy.network_allowed(ip):
        return
    reason = blocked_reason(ip)
    if reason:
        raise BlockedAddress(f"{target.host} resolves to a blocked address ({ip}: {reason}).")


def _getaddrinfo(host: str, port: int, timeout: float) -> list:
    """socket.getaddrinfo with a deadline: the C resolver has none, so it runs in a daemon thread we stop waiting
    for (a hung lookup then costs one idle thread, not a worker slot until the task's hard time limit)."""
    outcome: dict = {}

    def lookup() -> None:
        try:
            outcome["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except BaseException as exc:  # handed to the caller's thread below
            outcome["error"] = exc

    worker = threading.Thread(target=lookup, name="dns-lookup", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise DnsError(f"{host} did not resolve within {timeout:g} s.", retryable=True)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["infos"]


def resolve_target(target: Target, policy: FetchPolicy = DEFAULT_POLICY) -> list[tuple[int, tuple]]:
    """Resolve once and check every address; return (family, sockaddr) pairs to connect to."""
    host_allowed = policy.host_allowed(target.host, target.port)
    if not host_allowed:
        if policy.allowed_ports is not None and target.port not in policy.allowed_ports:
            raise BlockedAddress(f"Port {target.port} is not allowed.", code="blocked_port")
        if target.ip is None and (target.host in _BLOCKED_NAMES or target.host.endswith(_BLOCKED_SUFFIXES)):
            raise BlockedAddress(f"{target.host} is a local host name.")
    if target.ip is not None:
        _check_address(target.ip, target, policy, host_allowed)
        if target.ip.version == 4:
            return [(socket.AF_INET, (str(target.ip), target.port))]
        return [(socket.AF_INET6, (str(target.ip), target.port, 0, 0))]
    try:
        infos = _getaddrinfo(target.host, target.port, policy.connect_timeout)
    except socket.gaierror as exc:
        transient = exc.errno in (getattr(socket, "EAI_AGAIN", -3),)
        raise DnsError(f"{target.host} could not be resolved.", retryable=transient) from exc
    except UnicodeError as exc:
        raise BadUrl(f"Invalid host name: {target.host!r}.") from exc
    addresses: list[tuple[int, tuple]] = []
    for family, _type, _proto, _canon, sockaddr in infos:
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        try:
            ip = ipaddress.ip_address(sockaddr[0])
        except ValueError as exc:
            raise BlockedAddress(f"{target.host} resolves to an unparseable address.") from exc
        _check_address(ip, target, policy, host_allowed)
        if (family, sockaddr) not in addresses:
            addresses.append((family, sockaddr))
    if not addresses:
        raise DnsError(f"{target.host} has no usable address.")
    return addresses


def check_url(url: str, policy: FetchPolicy = DEFAULT_POLICY) -> str:
    """Validate a URL for a form (scheme, shape, resolved addresses); return its normalised form."""
    target = parse_url(url)
    resolve_target(target, policy)
    return target.url


# --- the admin allowlist -------------------------------------------------------------------------------------

_ALLOW_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")


def parse_allowlist(entries: Iterable[object], *, label: str = "Entry") -> list[str]:
    """Admin allowlist entries → normalised and de-duplicated; ``BadAllowlist`` names every bad one.

    An entry is a host name (kept in its IDNA form, as a URL's host is compared), an IPv4 or IPv6 address,
    either of them with ``:port``, or a CIDR network. Wildcards, URLs and odd IPv4 spellings are refused.
    ``#`` starts a comment and blank entries are skipped, so the settings form passes its lines as they are;
    ``label`` names the position in the messages ("Line 2: …" for the form, "Entry 2: …" otherwise).
    """
    hosts: list[str] = []
    problems: list[str] = []
    for number, raw in enumerate(entries, start=1):
        if not isinstance(raw, str):
            problems.append(f"{label} {number}: {raw!r} is not text.")
            continue
        text = raw.split("#", 1)[0].strip()
        if not text:
            continue
        try:
            entry = allowlist_entry(text)
        except ValueError as exc:
            problems.append(f"{label} {number}: {exc}")
            continue
        if entry not in hosts:
            hosts.append(entry)
    if problems:
        raise BadAllowlist(" ".join(problems), problems=problems)
    return hosts


def allowlist_entry(entry: str) -> str:
    """One allowlist entry → its normalised form, or ``ValueError`` saying what is wrong with it."""
    entry = entry.strip().lower()
    if "://" in entry:
        raise ValueError(f"“{entry}” is a URL; write only its host (and port).")
    if "/" in entry:
        return _network_entry(entry)
    port: str | None = None
    if entry.startswith("["):
        host, port = _bracketed_ipv6_entry(entry)
    elif entry.count(":") > 1:  # a bare IPv6 address: bracket it, as FetchPolicy.host_allowed compares it that way
        host = _bare_ipv6_entry(entry)
    else:
        name, colon, port_text = entry.partition(":")
        host = _host_name_or_ipv4(name)
        port = port_text if colon else None
    if port is None:
        return host
    return f"{host}:{_port_number(entry, port)}"


def _network_entry(entry: str) -> str:
    """A CIDR network, strict so that a typo in the host bits is caught rather than silently widened."""
    try:
        network = ipaddress.ip_network(entry, strict=True)
    except ValueError as exc:
        if "host bits set" in str(exc):
            suggestion = ipaddress.ip_network(entry, strict=False)
            raise ValueError(f"“{entry}” has host bits set; did you mean {suggestion}?") from None
        raise ValueError(f"“{entry}” is not a network in CIDR form (such as 10.20.0.0/16).") from None
    return str(network)


def _bracketed_ipv6_entry(entry: str) -> tuple[str, str | None]:
    """``[v6]`` or ``[v6]:port`` → (bracketed address, port text or None); the port is checked by the caller."""
    host, bracket, rest = entry[1:].partition("]")
    if not bracket:
        raise ValueError(f"“{entry}” is missing its closing bracket.")
    port = None
    if rest:
        if not rest.startswith(":"):
            raise ValueError(f"“{entry}” is not host[:port].")
        port = rest[1:]
    try:
        ipaddress.IPv6Address(host)
    except ValueError:
        raise ValueError(f"“{entry}” does not contain an IPv6 address between brackets.") from None
    return f"[{host}]", port


def _bare_ipv6_entry(entry: str) -> str:
    """An IPv6 address without brackets cannot carry a port (its colons would be ambiguous)."""
    try:
        return f"[{ipaddress.IPv6Address(entry)}]"
    except ValueError:
        raise ValueError(f"“{entry}” is not host[:port].") from None


def _host_name_or_ipv4(host: str) -> str:
    """A name in its IDNA (punycode) form, checked label by label, or an IPv4 address in dotted-quad form.

    A host that ends in a number is read as IPv4 the way ``parse_url`` reads a URL's host, so an entry such as
    ``0x7f.1`` (which no URL host is ever compared as) is refused with the spelling to use instead.
    """
    if "*" in host:
        raise ValueError(f"“{host}” is a wildcard; list each host, or its network in CIDR form.")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise ValueError(f"“{host}” is not a valid host name.") from None
    try:
        ip4 = parse_loose_ipv4(host)
    except BadUrl:
        if re.fullmatch(r"[0-9.]+", host):
            raise ValueError(f"“{host}” is not a valid IPv4 address.") from None
        raise ValueError(f"“{host}” ends in a number, so it is read as an IPv4 address, and it is not one.") from None
    if ip4 is not None:
        if str(ip4) != host:
            raise ValueError(f"“{host}” is an unusual spelling of the IPv4 address {ip4}; write {ip4}.")
        return host
    if len(host) > 253 or not all(_ALLOW_LABEL.fullmatch(label) for label in host.split(".")):
        raise ValueError(f"“{host}” is not a valid host name.")
    return host


def _port_number(entry: str, port: str) -> int:
    if not port.isdigit() or not 1 <= int(port) <= 65535:
        raise ValueError(f"“{entry}”: the port must be a number from 1 to 65535.")
    return int(port)
