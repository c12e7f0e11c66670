"""System-level use cases that do not belong to one aggregate."""
from factcheck.extensions import db
from factcheck.services.core import audit


def record_heartbeat(token: str) -> None:
    """Write one audit row proving a worker picked up and committed a task."""
    audit.record(None, "worker.heartbeat", object_type="system", after={"token": token[:64]})
    db.session.commit()
