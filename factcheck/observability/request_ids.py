"""The request id: taken from a well-formed ``X-Request-Id``, else made, and carried into Celery tasks.

A task enqueued while a request id is current (a web request, or a task that was itself given one) carries it
in a message header; the worker makes it current while the task runs, so the task's log lines and the audit rows
it writes name the request that caused them. The header crosses every broker, since Celery sends custom headers
with the message.
"""
from __future__ import annotations

import re
import secrets
from contextvars import Token
from typing import Any

from celery.signals import before_task_publish, task_postrun, task_prerun

from factcheck.services.core.audit import current_request_id

HEADER = "factcheck_request_id"
# what a proxy or a client may hand us: UUIDs, hex, or short tokens; nothing that could forge a log line
WELL_FORMED = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")

_tokens: dict[str, Token[str | None]] = {}


def request_id_from(header_value: str | None) -> str:
    """The incoming id when it is well formed (1 to 64 letters, digits, ``.``, ``_``, ``:``, ``-``), else a new one."""
    if header_value and WELL_FORMED.fullmatch(header_value):
        return header_value
    return secrets.token_hex(8)


@before_task_publish.connect
def _add_request_id(headers: dict[str, Any] | None = None, **_: object) -> None:
    request_id = current_request_id.get()
    if request_id and headers is not None:
        headers.setdefault(HEADER, request_id)


@task_prerun.connect
def _adopt_request_id(task_id: str | None = None, task: Any = None, **_: object) -> None:
    request_id = task.request.get(HEADER) if task is not None else None
    if task_id and request_id:
        _tokens[task_id] = current_request_id.set(request_id)


@task_postrun.connect
def _forget_request_id(task_id: str | None = None, **_: object) -> None:
    token = _tokens.pop(task_id or "", None)
    if token is not None:
        current_request_id.reset(token)
