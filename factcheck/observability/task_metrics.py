"""Task durations and failures, observed by Celery's signals in the process that runs the task.

``extract.article`` successes per second are the extraction throughput: ``rate(factcheck_task_duration_seconds_
count{task="extract.article",state="SUCCESS"}[5m])``. A pool process killed mid-task observes nothing; its loss
shows as a redelivery (a second run) and in the article's attempts.
"""
from __future__ import annotations

import time
from typing import Any

from celery.signals import task_failure, task_postrun, task_prerun

from factcheck.observability.metrics import TASK_FAILURES, TASK_SECONDS

_started: dict[str, float] = {}


@task_prerun.connect
def _start(task_id: str | None = None, **_: object) -> None:
    if task_id:
        _started[task_id] = time.perf_counter()


@task_postrun.connect
def _finish(task_id: str | None = None, task: Any = None, state: str | None = None, **_: object) -> None:
    started = _started.pop(task_id or "", None)
    if started is not None and task is not None:
        TASK_SECONDS.labels(task.name, state or "UNKNOWN").observe(time.perf_counter() - started)


@task_failure.connect
def _failed(sender: Any = None, exception: BaseException | None = None, **_: object) -> None:
    TASK_FAILURES.labels(getattr(sender, "name", "unknown"), type(exception).__name__).inc()
