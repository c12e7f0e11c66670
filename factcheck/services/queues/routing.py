"""Routing rules as data: which queue a newly extracted claim goes to."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import Article, Claim, Queue, RoutingRule


def rule_matches(rule: RoutingRule, claim: Claim, article: Article) -> bool:
    """Every condition the rule sets must hold; an unset condition always holds."""
    if not rule.active:
        return False
    if rule.language and (claim.language or article.language) != rule.language:
        return False
    if rule.outlet and (article.outlet or "").strip().lower() != rule.outlet.strip().lower():
        return False
    if rule.feed_id and article.feed_id != rule.feed_id:
        return False
    if (claim.checkworthiness or 0.0) < (rule.min_checkworthiness or 0.0):
        return False
    if rule.keywords:
        haystack = f"{claim.text} {claim.sentence}".lower()
        if not any(k.strip().lower() in haystack for k in rule.keywords if k.strip()):
            return False
    return True


def active_rules() -> list[RoutingRule]:
    stmt = (select(RoutingRule).join(Queue).where(RoutingRule.active.is_(True), Queue.archived.is_(False))
            .order_by(RoutingRule.position, RoutingRule.id))
    return list(db.session.scalars(stmt))


def route(claims: Iterable[Claim], article: Article, rules: list[RoutingRule] | None = None) -> None:
    """Put each unrouted claim in the queue of the first matching rule (by position)."""
    rules = active_rules() if rules is None else rules
    for claim in claims:
        if claim.queue_id is not None:
            continue
        for rule in rules:
            if rule_matches(rule, claim, article):
                claim.queue_id = rule.queue_id
                break
