"""Every worker the Procfile and the README's deployment start is stopped without losing its running task.

A plain SIGTERM is Celery's warm shutdown, which waits for running tasks however long they take, so a process
manager's stop timeout ends in a SIGKILL mid-task. ``REMAP_SIGTERM=SIGQUIT`` turns SIGTERM into the soft shutdown:
``worker_soft_shutdown_timeout`` for the running tasks, then their late-acknowledged messages go back to the queue
(proved live in ``tests/integration/test_worker_faults.py`` F8 and ``test_rabbitmq_faults.py``).
"""
from __future__ import annotations

from pathlib import Path

from honcho.environ import parse_procfile

from tests.unit.test_worker_queues import _worker_queues

ROOT = Path(__file__).resolve().parents[2]


def test_the_procfile_workers_remap_sigterm_to_the_soft_shutdown():
    processes = parse_procfile((ROOT / "Procfile").read_text()).processes
    workers = [command for command in processes.values() if _worker_queues(command)]
    assert len(workers) == 2
    assert all(command.startswith("REMAP_SIGTERM=SIGQUIT ") for command in workers), workers


def test_the_readme_deployment_workers_remap_sigterm_to_the_soft_shutdown():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Deployment on PostgreSQL and Redis", 1)[1].split("\n## ", 1)[0]
    workers = [line for line in section.splitlines() if _worker_queues(line)]
    assert len(workers) >= 2
    assert all("REMAP_SIGTERM=SIGQUIT " in line for line in workers), workers
