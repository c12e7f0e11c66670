"""The fetch policy every server-side fetch uses: safe defaults plus the admin allowlist."""
from __future__ import annotations

from factcheck.ingest.safe_fetch import FetchPolicy
from factcheck.services.settings import get_setting


def current_policy() -> FetchPolicy:
    """CIDR entries of ``fetch_allow_hosts`` allow networks; the others allow a host or host:port."""
    entries = [e.strip() for e in get_setting("fetch_allow_hosts") if e and e.strip()]
    networks = tuple(e for e in entries if "/" in e)
    hosts = frozenset(e for e in entries if "/" not in e)
    return FetchPolicy(allow_hosts=hosts, allow_networks=networks)
