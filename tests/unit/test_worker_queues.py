"""Every queue the app sends to has a worker, in the Procfile (``make run``) and in the README's deployment commands.

Interactive work (one pasted or single-URL article) has a worker of its own that listens to nothing else: a worker
listening on several queues takes them in turn (kombu's round robin on Redis, a fair cycle on the embedded
broker), so only a worker of its own keeps a paste from waiting for a slot behind a bulk import. No other worker
listens to ``interactive``: on the embedded filesystem broker two consumers of one queue can both take a message.
"""
from __future__ import annotations

import shlex
from pathlib import Path

from honcho.environ import parse_procfile

from factcheck import config as cfg
from factcheck.services.core.dispatch import INTERACTIVE_QUEUE

ROOT = Path(__file__).resolve().parents[2]


def _worker_queues(command: str) -> tuple[frozenset[str], str | None] | None:
    """(queues, hostname) of a ``celery … worker`` command line; None for any other command."""
    if "celery" not in command or " worker" not in command:
        return None  # prose lines are not shell: an apostrophe would break shlex
    argv = shlex.split(command, comments=True)
    if "worker" not in argv or not any(Path(a).name == "celery" for a in argv):
        return None
    queues, hostname = None, None
    for i, arg in enumerate(argv):
        if arg in ("-Q", "--queues"):
            queues = argv[i + 1]
        elif arg.startswith("--queues="):
            queues = arg.split("=", 1)[1]
        elif arg in ("-n", "--hostname"):
            hostname = argv[i + 1]
    assert queues, f"a worker without --queues listens to the default queue only: {command}"
    return frozenset(queues.split(",")), hostname


def _sent_to(tmp_path) -> set[str]:
    """Every queue the app publishes to: the default queue, the routed ones, and the interactive one."""
    celery = cfg.load_config(str(tmp_path))["CELERY"]
    routed = {route["queue"] for route in celery["task_routes"].values()}
    return {celery["task_default_queue"], *routed, INTERACTIVE_QUEUE}


def _check(workers: list[tuple[frozenset[str], str | None]], where: str, tmp_path) -> None:
    consumed = set().union(*(queues for queues, _ in workers))
    assert _sent_to(tmp_path) <= consumed, f"{where}: no worker for {_sent_to(tmp_path) - consumed}"
    interactive = [queues for queues, _ in workers if INTERACTIVE_QUEUE in queues]
    assert interactive == [frozenset({INTERACTIVE_QUEUE})], f"{where}: {interactive}"


def test_the_procfile_runs_a_worker_of_its_own_for_interactive_work(tmp_path):
    processes = parse_procfile((ROOT / "Procfile").read_text()).processes
    workers = [w for w in map(_worker_queues, processes.values()) if w]
    _check(workers, "Procfile", tmp_path)
    hostnames = [hostname for _, hostname in workers]
    assert None not in hostnames and len(set(hostnames)) == len(hostnames), "two workers on one host need names"


def test_the_readme_deployment_commands_run_the_same_workers(tmp_path):
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Deployment on PostgreSQL and Redis", 1)[1].split("\n## ", 1)[0]
    workers = [w for w in map(_worker_queues, section.splitlines()) if w]
    assert len(workers) >= 2, "the deployment section shows the worker commands"
    _check(workers, "README deployment", tmp_path)
