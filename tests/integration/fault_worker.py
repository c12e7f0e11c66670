"""Celery entry point for the fault-injection tests (``test_worker_faults.py``); never used in production.

``celery -A tests.integration.fault_worker:celery_app worker …`` builds the real app exactly as ``app.py`` does
(same settings, same task modules, the real ``extract.article`` task) and adds only test hooks, each driven by an
environment variable so that every worker subprocess of a test can differ:

``FAULT_LOG``
    the event log of ``fault_events.py``: ``start`` (task_prerun, in the pool child), ``inside`` (extraction
    entered, before the slow part) and ``end:<state>`` (task_postrun).
``FAULT_SLOW_FIRST`` / ``FAULT_SLOW``
    seconds extraction sleeps, before the real pipeline runs, in the first execution of a message (by task id)
    and in every later one (redeliveries). Default 0.
``FAULT_VISIBILITY_TIMEOUT``
    a short Redis visibility timeout, set the way the Celery docs ask (``broker_transport_options`` and
    ``app.conf.visibility_timeout``), with kombu's restore sweep every 2 s so a message left unacked by a killed
    worker comes back soon after the timeout instead of on kombu's default ~100 s sweep.

An article whose text contains ``POISON_MARKER`` makes the pool child exit at once (``os._exit(1)``) inside
extraction: a poison message that kills its worker every time.
"""
from __future__ import annotations

import os
import time

from celery import current_task
from celery.signals import task_postrun, task_prerun

from app import app, celery_app  # the production entry point, unchanged
from factcheck import extraction as extraction_package
from factcheck.extraction.pipeline import extract as real_extract
from tests.integration.fault_events import POISON_MARKER, read_events, write_event

_LOG = os.environ.get("FAULT_LOG", "")
_SLOW_FIRST = float(os.environ.get("FAULT_SLOW_FIRST", "0"))
_SLOW = float(os.environ.get("FAULT_SLOW", "0"))

__all__ = ["app", "celery_app"]

if os.environ.get("FAULT_VISIBILITY_TIMEOUT"):
    _timeout = int(os.environ["FAULT_VISIBILITY_TIMEOUT"])
    celery_app.conf.broker_transport_options = {
        **celery_app.conf.broker_transport_options,
        "visibility_timeout": _timeout,
        "unacked_restore_interval": 2,
        "unacked_restore_throttle": 1,
    }
    celery_app.conf.visibility_timeout = _timeout


@task_prerun.connect
def _on_prerun(task_id=None, task=None, args=None, **_):
    write_event(_LOG, "start", task_id, task.name, args)


@task_postrun.connect
def _on_postrun(task_id=None, task=None, args=None, state=None, **_):
    write_event(_LOG, f"end:{state}", task_id, task.name, args)


def _slow_extract(text, **kwargs):
    request = current_task.request
    write_event(_LOG, "inside", request.id, current_task.name, request.args)
    if POISON_MARKER in text:
        os._exit(1)
    starts = [e for e in read_events(_LOG) if e["event"] == "start" and e["task_id"] == request.id] if _LOG else []
    time.sleep(_SLOW_FIRST if len(starts) <= 1 else _SLOW)
    return real_extract(text, **kwargs)


extraction_package.extract = _slow_extract  # services.extraction looks the name up at call time
