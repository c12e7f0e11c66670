"""Refuse a JSON body nested deeper than any request of ours needs, before anything parses it.

Python's JSON parser recurses once per level: ``[[[[…]]]]`` a few thousand levels deep raises RecursionError,
which no handler expects, so such a body used to answer 500. Counting brackets outside strings needs no
recursion, and a refused body answers 400 like any other malformed one.
"""
from __future__ import annotations

from flask import Flask, abort, request

MAX_DEPTH = 32


def nesting_depth(raw: bytes) -> int:
    """The deepest level of ``[``/``{`` in a JSON text, brackets inside strings excepted."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # closing quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def too_deep(raw: bytes) -> bool:
    if raw.count(b"[") + raw.count(b"{") <= MAX_DEPTH:  # the usual body has too few brackets to matter
        return False
    return nesting_depth(raw) > MAX_DEPTH


def refuse_deep_json() -> None:
    if request.path.startswith("/api/") and request.is_json and too_deep(request.get_data(cache=True)):
        abort(400, description=f"The JSON body is nested more than {MAX_DEPTH} levels deep.")


def register_json_depth_guard(app: Flask) -> None:
    app.before_request(refuse_deep_json)
