"""The fetch policy every server-side fetch uses: safe defaults plus the admin allowlist."""
from __future__ import annotations

from collections.abc import Iterable

from factcheck.ingest.safe_fetch import FetchPolicy
from factcheck.services.core.settings import get_setting


class RetryableFetchError(Exception):
    """A network failure worth another try (timeouts, 5xx); the task retries with backoff."""


def policy_from_entries(entries: Iterable[str]) -> FetchPolicy:
    """CIDR entries allow networks; the others allow a host or host:port. Raises ``ValueError`` on a bad one.

    The stored setting was normalised by ``url_guard.parse_allowlist`` when it was saved; this only sorts it.
    """
    entries = [e.strip() for e in entries if e and e.strip()]
    networks = tuple(e for e in entries if "/" in e)
    hosts = frozenset(e for e in entries if "/" not in e)
    return FetchPolicy(allow_hosts=hosts, allow_networks=networks)


def current_policy() -> FetchPolicy:
    return policy_from_entries(get_setting("fetch_allow_hosts"))
