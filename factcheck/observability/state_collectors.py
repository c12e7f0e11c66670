"""Gauges computed when Prometheus scrapes: messages waiting per Celery queue, claims and articles per status.

They read shared state (the broker, the database), so every web process answers the same and no multi-process
bookkeeping is needed. Each scrape costs one ``GROUP BY status`` on claims and on articles (both columns are
indexed) and one queue declare per queue, with a single connection attempt (``broker_connection_timeout``, 2 s):
scrape every 15 s or slower. With the broker down the queue gauges are left out and ``factcheck_broker_up`` is
0; the scrape still answers within a few seconds.
"""
from __future__ import annotations

from collections.abc import Iterator

from celery import current_app as celery_app
from prometheus_client.core import GaugeMetricFamily, Metric
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from factcheck.extensions import db
from factcheck.models import Article, Claim
from factcheck.services.core.dispatch import INTERACTIVE_QUEUE, waiting_messages


def celery_queues() -> list[str]:
    """Every queue a task can be sent to: the default, the routed ones and the interactive one."""
    conf = celery_app.conf
    routed = {route["queue"] for route in (conf.task_routes or {}).values()}
    return sorted({conf.task_default_queue, INTERACTIVE_QUEUE, *routed})


class QueueDepthCollector:
    def collect(self) -> Iterator[Metric]:
        depth = GaugeMetricFamily("factcheck_queue_messages", "Messages waiting in a Celery queue (not yet taken).",
                                  labels=("queue",))
        up = 1
        for queue in celery_queues():
            count = waiting_messages(queue, retries=0)
            if count is None:  # broker down: one failed attempt is enough, the others would wait as long
                up = 0
                break
            depth.add_metric((queue,), count)
        if up:
            yield depth
        yield GaugeMetricFamily("factcheck_broker_up", "1 when the broker answered this scrape, else 0.", value=up)


class StatusCollector:
    """Claims and articles per status; with the database unreachable, only ``factcheck_database_up 0``."""

    def collect(self) -> Iterator[Metric]:
        families = []
        try:
            for model, name, help_text in (
                (Claim, "factcheck_claims", "Claims in each workflow state."),
                (Article, "factcheck_articles", "Articles in each ingest status (queued, fetching, extracting, "
                                                "done, failed); the rate of done is extraction throughput."),
            ):
                family = GaugeMetricFamily(name, help_text, labels=("status",))
                for status, count in db.session.execute(select(model.status, func.count()).group_by(model.status)):
                    family.add_metric((status,), count)
                families.append(family)
            up = 1
        except SQLAlchemyError:  # the scrape still reports the rest, and that the database did not answer
            families, up = [], 0
        finally:
            db.session.rollback()  # a scrape holds no transaction open
        yield from families
        yield GaugeMetricFamily("factcheck_database_up", "1 when the database answered this scrape, else 0.",
                                value=up)
