"""RSS/Atom feeds: registering them and polling them (conditional GET; each entry ingested once)."""
from __future__ import annotations

import logging

from sqlalchemy import select

from factcheck.extensions import db
from factcheck.ingest.errors import IngestError
from factcheck.ingest.feeds import parse_feed
from factcheck.ingest.safe_fetch import FEED_CONTENT_TYPES, check_url, safe_fetch
from factcheck.models import Feed, User
from factcheck.models.base import utcnow
from factcheck.services.articles import articles
from factcheck.services.core import audit, integrity
from factcheck.services.core.dispatch import send_now
from factcheck.services.core.errors import Conflict, InvalidInput, NotFound
from factcheck.services.core.fetch_policy import current_policy
from factcheck.services.core.guards import SYSTEM, require

log = logging.getLogger(__name__)


def list_feeds() -> list[Feed]:
    return list(db.session.scalars(select(Feed).order_by(Feed.title, Feed.id)))


def add_feed(actor: User, *, url: str, title: str = "", outlet: str | None = None) -> Feed:
    require(actor, "feeds.manage", "Only administrators register feeds.")
    try:
        url = check_url((url or "").strip(), current_policy())
    except IngestError as exc:
        raise InvalidInput("The feed URL cannot be used: %(reason)s", reason=exc.message) from exc
    if db.session.scalar(select(Feed).where(Feed.url == url)):
        raise InvalidInput("This feed is already registered.")
    feed = Feed(url=url, title=(title or url)[:300], outlet=(outlet or "").strip()[:200] or None)
    db.session.add(feed)
    audit.record(actor, "feed.add", feed, after={"url": url})
    integrity.commit_or_refuse()  # two admins adding the same feed at once: one feed
    return feed


def toggle_feed(actor: User, feed_id: int) -> Feed:
    """Pause an active feed or resume a paused one."""
    require(actor, "feeds.manage", "Only administrators manage feeds.")
    feed = db.session.get(Feed, feed_id)
    if feed is None:
        raise NotFound("No such feed.")
    feed.active = not feed.active
    audit.record(actor, "feed.enable" if feed.active else "feed.disable", feed)
    db.session.commit()
    return feed


def poll_feed(feed_id: int) -> int:
    """Fetch the feed if it changed and submit each new entry's URL; returns how many were new."""
    feed = db.session.get(Feed, feed_id)
    if feed is None or not feed.active:
        return 0
    feed.last_polled_at = utcnow()
    try:
        result = safe_fetch(feed.url, accept=FEED_CONTENT_TYPES, policy=current_policy(), etag=feed.etag,
                            last_modified=feed.last_modified)
        if result.not_modified:
            feed.last_error = None
            db.session.commit()
            return 0
        parsed = parse_feed(result.body, base_url=result.final_url)
    except IngestError as exc:
        feed.last_error = exc.message[:2000]
        db.session.commit()
        log.warning("feed %s: %s", feed.url, exc.message)
        return 0
    feed.etag, feed.last_modified, feed.last_error = result.etag, result.last_modified, None
    if parsed.title and feed.title == feed.url:
        feed.title = parsed.title[:300]
    db.session.commit()
    new = 0
    for entry in parsed.entries:
        if not entry.link:
            continue
        try:
            submitted = articles.submit_url(SYSTEM, url=entry.link, outlet=feed.outlet, feed_id=feed.id,
                                            title=entry.title or "", source_kind="feed")
        except (InvalidInput, Conflict) as exc:  # Conflict: someone stored the same address at the same moment
            log.info("feed %s entry %s skipped: %s", feed.url, entry.link, exc)
            continue
        new += submitted.created
    return new


def request_poll(feed_id: int) -> bool:
    if db.session.get(Feed, feed_id) is None:
        raise NotFound("No such feed.")
    return send_now("ingest.poll_feed", feed_id)


def enqueue_all_polls() -> int:
    ids = list(db.session.scalars(select(Feed.id).where(Feed.active.is_(True))))
    return sum(send_now("ingest.poll_feed", feed_id) for feed_id in ids)
