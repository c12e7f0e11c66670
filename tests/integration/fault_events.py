"""The event log shared by the fault-injection worker (``fault_worker.py``) and its tests; no side effects.

One line per event, ``<event> <task id> <task name> <args> <pid> <monotonic time>``, appended with a single
``O_APPEND`` write so lines from several processes never interleave. ``time.monotonic`` is system-wide on
Linux, so the test process can compare these times with its own.
"""
from __future__ import annotations

import os
import time

POISON_MARKER = "FAULT-INJECTION-POISON"


def write_event(path: str, event: str, task_id: str, name: str, args) -> None:
    if not path:
        return
    shown = repr(list(args or [])).replace(" ", "")
    line = f"{event} {task_id} {name} {shown} {os.getpid()} {time.monotonic():.3f}\n"
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line.encode())
    finally:
        os.close(fd)


def read_events(path: str) -> list[dict]:
    """The events written so far, as dicts (event, task_id, name, args, pid, at)."""
    try:
        with open(path) as handle:
            lines = handle.read().splitlines()
    except FileNotFoundError:
        return []
    events = []
    for line in lines:
        event, task_id, name, args, pid, at = line.split(" ", 5)
        events.append({"event": event, "task_id": task_id, "name": name, "args": args, "pid": int(pid),
                       "at": float(at)})
    return events


def redis_task_names(client, key: bytes | str) -> list[str]:
    """The task names of the Celery messages held in a Redis list (a queue) or hash (``unacked``)."""
    import json

    kind = client.type(key)
    if kind == b"list":
        raw = client.lrange(key, 0, -1)
    elif kind == b"hash":
        raw = [json.dumps(json.loads(v)[0]) for v in client.hvals(key)]  # unacked: [message, exchange, key]
    else:
        return []
    return [json.loads(m)["headers"]["task"] for m in raw]
