"""How an extraction is written: one INSERT per table per article whatever its number of claims, everything that
hangs on new claims kept (routing, links, groups, webhooks, status counters), and, on PostgreSQL, no wait on the
counter rows while another worker extracting into the same queue is still matching its claims.

The pipeline is replaced by fixed results (``ExtractionResult``), so the figures depend on the writes only.
"""
from __future__ import annotations

import re
import threading
from collections import Counter

import pytest
from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.extraction.models import ClaimLinkRef, ExtractedClaim, ExtractionResult
from factcheck.models import Article, Claim, ClaimLink, ClaimStatusCount
from factcheck.models.webhook import WebhookDelivery, WebhookEndpoint
from factcheck.services.articles import extraction
from factcheck.services.webhooks import outbox
from tests import factories
from tests.sql_capture import statements

_INSERT = re.compile(r"\s*INSERT INTO (\w+)", re.IGNORECASE)


def _result(article: Article, pairs: int, *, tag: str) -> ExtractionResult:
    """``pairs`` accusations, each denied by the next claim, over sentences of the article's own text."""
    claims = []
    for n in range(pairs):
        sentence = f"Le syndicat accuse la mairie {tag} d'avoir caché le rapport numéro {n}."
        claims += [ExtractedClaim(text=f"La mairie {tag} a caché le rapport numéro {n}.", sentence=sentence,
                                  span=(n, n + 1), checkworthiness=0.9, kind="accusation", claimant="le syndicat",
                                  target=f"la mairie {tag}", links=(ClaimLinkRef("denied-by", 2 * n + 1),)),
                   ExtractedClaim(text=f"La mairie {tag} dément avoir caché le rapport numéro {n}.", sentence=sentence,
                                  span=(n, n + 2), checkworthiness=0.8, kind="denial", claimant=f"la mairie {tag}",
                                  links=(ClaimLinkRef("denies", 2 * n),))]
    return ExtractionResult(language="fr", pipeline="test-pipeline", claims=tuple(claims))


@pytest.fixture()
def results(monkeypatch):
    """Article id -> the result the pipeline gives for it."""
    by_text: dict[str, ExtractionResult] = {}
    monkeypatch.setattr(extraction.extraction, "extract", lambda text, **kwargs: by_text[text])
    return by_text


def _article(results, pairs: int, tag: str) -> Article:
    article = factories.make_article(text=f"Article {tag}.", status="queued")
    results[article.raw_text] = _result(article, pairs, tag=tag)
    return article


def _inserts(seen) -> Counter:
    return Counter(m.group(1) for statement, _ in seen if (m := _INSERT.match(statement)))


def test_one_insert_per_table_per_article_whatever_its_number_of_claims(app, results, monkeypatch):
    queue = factories.make_queue(name="Politique")
    factories.make_routing_rule(queue=queue)
    db.session.add(WebhookEndpoint(url="https://hooks.example.org/", events="claim.created", secret="whsec_x",
                                   active=True))
    db.session.commit()
    sent = []
    monkeypatch.setattr(outbox, "enqueue_after_commit", lambda task, *args: sent.append(args[0]))
    small, large = _article(results, 1, "petite"), _article(results, 15, "grande")

    counted = []
    for article in (small, large):
        with statements() as seen:
            assert extraction.extract_article(article.id)
        counted.append(_inserts(seen))
    assert counted[0] == counted[1]
    assert counted[1]["claims"] == counted[1]["claim_links"] == counted[1]["webhook_deliveries"] == 1

    claims = list(db.session.scalars(select(Claim).where(Claim.article_id == large.id).order_by(Claim.span_end,
                                                                                                Claim.span_start)))
    assert len(claims) == 30 and {c.queue_id for c in claims} == {queue.id}
    denials = set(db.session.execute(select(ClaimLink.source_claim_id, ClaimLink.target_claim_id)
                                     .where(ClaimLink.source_claim_id.in_([c.id for c in claims]),
                                            ClaimLink.origin == "extraction")))
    by_span = {(c.span_start, c.span_end): c.id for c in claims}
    assert denials == {(by_span[(n, n + 2)], by_span[(n, n + 1)]) for n in range(15)}
    announced = db.session.scalars(select(WebhookDelivery.payload).where(WebhookDelivery.id.in_(sent))).all()
    assert sorted(body["data"]["claim"]["id"] for body in announced) == sorted(
        db.session.scalars(select(Claim.id)))  # each new claim once, its delivery sent after the commit
    counted = db.session.scalar(select(ClaimStatusCount.n).where(ClaimStatusCount.queue_key == queue.id,
                                                                 ClaimStatusCount.status == "new"))
    assert counted == 32

    with statements() as seen:  # a re-run of the same result writes no claim, no link, announces nothing
        assert extraction.extract_article(large.id)
    assert not {"claims", "claim_links", "webhook_deliveries"} & set(_inserts(seen))


def test_a_new_claim_duplicating_another_new_one_joins_its_group(app, results):
    article = factories.make_article(text="Article doublon.", status="queued")
    first, other = (ExtractedClaim(text=t, sentence=t, span=(n, n + 1), checkworthiness=0.5)
                    for n, t in enumerate(("1 200 postes seront supprimés.", "Il pleut.")))
    again = ExtractedClaim(text=first.text, sentence=first.text, span=(5, 6), checkworthiness=0.5,
                           links=(ClaimLinkRef("duplicate-of", 0), ClaimLinkRef("supports", 1)))
    results[article.raw_text] = ExtractionResult(language="fr", pipeline="p", claims=(first, other, again))
    assert extraction.extract_article(article.id)
    rows = {c.span_start: c for c in db.session.scalars(select(Claim).where(Claim.article_id == article.id))}
    assert rows[5].canonical_claim_id == rows[0].id and rows[0].canonical_claim_id is None
    assert db.session.execute(select(ClaimLink.source_claim_id, ClaimLink.target_claim_id)).all() == [
        (rows[5].id, rows[1].id)]


def test_two_extractions_into_one_queue_do_not_wait_on_each_others_matching(app, postgres_url, results, monkeypatch):
    """The first worker is held inside its cross-article matching; the second, routed to the same queue (the same
    counter row), must finish meanwhile. Before the writes were moved after the matching, the first one's INSERT
    held the counter row locked through it, and the second waited."""
    queue = factories.make_queue(name="Santé")
    factories.make_routing_rule(queue=queue)
    held, other = _article(results, 3, "tenue"), _article(results, 3, "libre")
    matching, release, failures = threading.Event(), threading.Event(), []
    real_matching = extraction.link_across_articles

    def slow_matching(article, *args):
        if article.id == held.id:
            matching.set()
            release.wait(60)
        return real_matching(article, *args)

    monkeypatch.setattr(extraction, "link_across_articles", slow_matching)

    def run(article_id: int) -> None:
        with app.app_context():
            try:
                assert extraction.extract_article(article_id)
            except Exception as exc:  # reported by the main thread
                failures.append(exc)

    first, second = (threading.Thread(target=run, args=(a.id,)) for a in (held, other))
    first.start()
    try:
        assert matching.wait(60)
        second.start()
        second.join(20)
        finished_meanwhile = not second.is_alive()
    finally:
        release.set()
        first.join(60)
        second.join(60)
    assert not failures and finished_meanwhile
    db.session.expire_all()
    assert {a.status for a in db.session.scalars(select(Article))} == {"done"}
    counted = db.session.scalar(select(ClaimStatusCount.n).where(ClaimStatusCount.queue_key == queue.id,
                                                                 ClaimStatusCount.status == "new"))
    assert counted == db.session.scalar(select(func.count(Claim.id)).where(Claim.queue_id == queue.id)) == 12
