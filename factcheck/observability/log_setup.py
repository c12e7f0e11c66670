"""Logging, configured once per process: JSON lines in production, readable lines in development.

Every line carries the request id of the web request it belongs to, or of the request that enqueued the task it
runs in (``request_ids``), and the task's name and id inside a worker, so one grep follows a paste from the web
process into the worker that extracted it. Celery's worker would replace the root logger's handlers with its
own format; answering its ``setup_logging`` signal keeps this configuration and only takes the worker's
``--loglevel``.
"""
from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

from celery import current_task
from celery.signals import setup_logging

from factcheck.services.core.audit import current_request_id

LOG_FORMATS = ("json", "text")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(context)s] %(message)s"


class ContextFilter(logging.Filter):
    """Adds ``request_id``, ``task_name``, ``task_id`` and a readable ``context`` to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        request_id = current_request_id.get() or ""
        request = getattr(current_task, "request", None) if current_task else None
        task_id = getattr(request, "id", None) or ""
        task_name = (getattr(current_task, "name", None) or "") if task_id else ""
        context = f"req={request_id or '-'}" + (f" task={task_name}[{task_id}]" if task_id else "")
        record.__dict__.update(request_id=request_id, task_id=task_id, task_name=task_name, context=context)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for a log shipper; empty fields are left out."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", ""),
            "task": getattr(record, "task_name", ""),
            "task_id": getattr(record, "task_id", ""),
            "pid": record.process,
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps({key: value for key, value in line.items() if value not in ("", None)},
                          ensure_ascii=False, default=str)


_handler: logging.Handler | None = None


def configure_logging(log_format: str, level: str | int = "INFO") -> logging.Handler:
    """Install the one root handler of the process (once), with the format and level asked for last.

    Several apps in one process (tests, scripts) share it: a second call changes its format and level instead
    of adding a second handler, so no line is written twice.
    """
    global _handler
    if log_format not in LOG_FORMATS:
        raise ValueError(f"LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}, not {log_format!r}")
    root = logging.getLogger()
    if _handler is None:
        _handler = logging.StreamHandler(sys.stderr)
        _handler.addFilter(ContextFilter())
    if _handler not in root.handlers:  # first call, or a logging.config call removed it since
        root.addHandler(_handler)
    _handler.setFormatter(JsonFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT))
    root.setLevel(level.upper() if isinstance(level, str) else level)
    return _handler


@setup_logging.connect
def _keep_our_logging(loglevel: int | str | None = None, **_: object) -> None:
    """Celery worker and beat: keep the handler ``create_app`` installed, at the ``--loglevel`` given."""
    if loglevel:
        logging.getLogger().setLevel(loglevel)
