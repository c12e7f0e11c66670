"""The one check for a redirect target a client supplies (``next`` after login, ``back`` on queue forms): a path
on this site, checked before the action runs. A scheme, a host, ``//`` or a backslash would make an open redirect;
CR, LF or any other control character would break the Location header after the change was already saved."""
from __future__ import annotations

from typing import TypeGuard
from urllib.parse import urlsplit


def is_local_path(target: str | None, *, under: str = "/") -> TypeGuard[str]:
    """Whether ``target`` is a printable-ASCII path starting with ``under`` that stays on this site."""
    if not target or not target.startswith(under) or target.startswith("//") or "\\" in target:
        return False
    if not all(" " < ch < "\x7f" for ch in target):  # what a browser sends is percent-encoded ASCII
        return False
    parts = urlsplit(target)
    return not (parts.scheme or parts.netloc)
