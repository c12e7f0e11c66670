"""Registering webhook endpoints (admins only): the URL passes the fetcher's SSRF guard, the secret is made here."""
from __future__ import annotations

import secrets
from collections.abc import Iterable

from sqlalchemy import delete, select

from factcheck.extensions import db
from factcheck.ingest.errors import IngestError
from factcheck.ingest.url_guard import check_url
from factcheck.models import User
from factcheck.models.webhook import WEBHOOK_EVENTS, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from factcheck.services.core import audit
from factcheck.services.core.errors import InvalidInput, NotFound
from factcheck.services.core.fetch_policy import current_policy
from factcheck.services.core.guards import Actor, require

DESCRIPTION_MAX = 200
PERMISSION = "settings.manage"


def _events(events: Iterable[str]) -> str:
    chosen = [e for e in WEBHOOK_EVENTS if e in set(events)]  # the table's order, whatever the form sent
    unknown = sorted(set(events) - set(WEBHOOK_EVENTS))
    if unknown:
        raise InvalidInput("Unknown webhook events: %(value)s.", value=', '.join(unknown))
    if not chosen:
        raise InvalidInput("Choose at least one event to send.")
    return " ".join(chosen)


def _url(url: str) -> str:
    """The normalised URL, once the SSRF guard accepts it (same rules and admin allowlist as fetching)."""
    try:
        return check_url(url, current_policy())
    except IngestError as exc:
        raise InvalidInput("This address cannot receive webhooks: %(exc)s", exc=exc) from exc


def _description(text: str | None) -> str:
    text = " ".join((text or "").split())
    if len(text) > DESCRIPTION_MAX:
        raise InvalidInput("The description is limited to %(DESCRIPTION_MAX)s characters.",
                           DESCRIPTION_MAX=DESCRIPTION_MAX)
    return text


def list_endpoints(actor: Actor) -> list[WebhookEndpoint]:
    require(actor, PERMISSION, "Only administrators see webhooks.")
    return list(db.session.scalars(select(WebhookEndpoint).order_by(WebhookEndpoint.id)))


def get_endpoint(actor: Actor, endpoint_id: int) -> WebhookEndpoint:
    require(actor, PERMISSION, "Only administrators see webhooks.")
    endpoint = db.session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None:
        raise NotFound("There is no such webhook.")
    return endpoint


def create_endpoint(actor: User, *, url: str, events: Iterable[str], description: str = "") -> WebhookEndpoint:
    """Register an endpoint with a new random secret; audited (without the secret)."""
    require(actor, PERMISSION, "Only administrators register webhooks.")
    chosen = _events(events)  # before the URL, whose check may wait on DNS
    endpoint = WebhookEndpoint(url=_url(url), events=chosen, description=_description(description),
                               secret="whsec_" + secrets.token_urlsafe(32), active=True, created_by_id=actor.id)
    db.session.add(endpoint)
    audit.record(actor, "webhook.create", endpoint, after={"url": endpoint.url, "events": endpoint.events})
    db.session.commit()
    return endpoint


def update_endpoint(actor: User, endpoint_id: int, *, url: str, events: Iterable[str], description: str,
                    active: bool) -> WebhookEndpoint:
    """Change an endpoint's address, events, description or switch; the URL is checked again."""
    endpoint = get_endpoint(actor, endpoint_id)
    before = {"url": endpoint.url, "events": endpoint.events, "active": endpoint.active}
    endpoint.events, endpoint.url = _events(events), _url(url)
    endpoint.description, endpoint.active = _description(description), bool(active)
    audit.record(actor, "webhook.update", endpoint, before=before,
                 after={"url": endpoint.url, "events": endpoint.events, "active": endpoint.active})
    db.session.commit()
    return endpoint


def rotate_secret(actor: User, endpoint_id: int) -> WebhookEndpoint:
    """A new secret (the old one stops signing at once), for a leaked one."""
    endpoint = get_endpoint(actor, endpoint_id)
    endpoint.secret = "whsec_" + secrets.token_urlsafe(32)
    audit.record(actor, "webhook.rotate_secret", endpoint)
    db.session.commit()
    return endpoint


def delete_endpoint(actor: User, endpoint_id: int) -> None:
    """Remove an endpoint and its delivery log (deleted here: SQLite does not enforce the cascading keys)."""
    endpoint = get_endpoint(actor, endpoint_id)
    audit.record(actor, "webhook.delete", endpoint, before={"url": endpoint.url, "events": endpoint.events})
    logged = select(WebhookDelivery.id).where(WebhookDelivery.endpoint_id == endpoint.id)
    db.session.execute(delete(WebhookAttempt).where(WebhookAttempt.delivery_id.in_(logged)))
    db.session.execute(delete(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint.id))
    db.session.delete(endpoint)
    db.session.commit()
