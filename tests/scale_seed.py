"""A desk's volume on PostgreSQL in seconds: articles, claims, links, verdicts and audit rows by ``generate_series``.

Shared by the plan test (``tests/integration/test_query_plans_postgres.py``, a few tens of thousands of rows so the
planner's statistics are real ones) and the scale bench (``bench/seed_scale.py``, a million claims). The spread is
a desk's: claims arrive at a steady rate (``claims_per_day``), so a bigger database is an older one, not a busier
one; about 70 % of them are still open (most are never triaged), a quarter dismissed, a few merged into the claim
before them or published; eight queues of unequal size and a few unrouted claims; the people work the open claims
and their actions fill the audit trail at the same steady rate. Deterministic: the same sizes give the same rows.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

TOPICS = ("chômage", "inflation", "vaccins", "budget", "immigration", "climat", "retraites", "énergie", "logement",
          "école", "hôpital", "impôts")
# (status, share of claims in per mille): cumulated in this order
STATUS_SHARES = (("new", 550), ("triaged", 80), ("in_review", 40), ("needs_more_info", 10),
                 ("verdict_proposed", 10), ("sent_back", 5), ("approved", 5), ("published", 10), ("corrected", 1),
                 ("unpublished", 1), ("dismissed", 248), ("merged", 40))
ASSIGNED_STATES = ("in_review", "needs_more_info", "verdict_proposed", "sent_back", "approved")
AUDIT_ACTIONS = ("claim.accept", "claim.dismiss", "claim.take", "claim.start_review", "claim.merge",
                 "verdict.submit", "verdict.approve", "verdict.publish", "comment.add", "claim.correct")


@dataclass(frozen=True)
class Volume:
    articles: int
    claims: int
    links: int
    audit_events: int
    claims_per_day: int = 340


def _status_case(draw: str) -> str:
    """``CASE`` picking a status from ``draw`` (0–999) by ``STATUS_SHARES``."""
    arms, bound = [], 0
    for status, share in STATUS_SHARES:
        bound += share
        arms.append(f"WHEN {draw} < {bound} THEN '{status}'")
    return "CASE " + " ".join(arms) + " END"


_ARTICLES = """
INSERT INTO articles (title, raw_text, source_kind, status, attempts, language, outlet, created_at, updated_at)
SELECT 'Article ' || g || ' : ' || topic, 'Selon le ministère, le ' || topic || ' a progressé de ' || (g % 97)
       || ' % cette année. L''opposition dénonce des chiffres trompeurs sur le ' || topic || '. Le gouvernement '
       || 'répond que la méthode de calcul n''a pas changé depuis ' || (1990 + g % 30) || '.', 'bulk', 'done', 0,
       CASE WHEN g % 5 = 0 THEN 'en' ELSE 'fr' END, 'Outlet ' || (g % 40),
       now() - (:articles - g) * (interval '1 day' * :claims / :per_day / :articles), now()
FROM generate_series(1, :articles) g, LATERAL (SELECT (CAST(:topics AS text[]))[1 + g % :topic_count] AS topic) t
"""

_CLAIMS = """
INSERT INTO claims (article_id, extraction_key, span_start, span_end, sentence, text, claimant, kind, attribution,
                    language, checkworthiness, quantities, entities, status, priority, version_id, queue_id,
                    assignee_id, created_at, updated_at, triaged_at)
SELECT :first_article + g % :articles, 'scale' || g, 0, 52, body, body, 'Porte-parole ' || (g % 500),
       (ARRAY['statement', 'statement', 'accusation', 'denial', 'quote', 'prediction'])[1 + g % 6], 'reported',
       CASE WHEN g % 5 = 0 THEN 'en' ELSE 'fr' END, ((g::bigint * 7907) % 10007) / 10007.0, '[]', '[]', status,
       CASE WHEN g % 50 = 0 THEN 2 WHEN g % 20 = 0 THEN 1 ELSE 0 END, 1,
       CASE WHEN g % 50 = 7 THEN NULL
            ELSE (CAST(:queues AS int[]))[1 + (g * 31 % 97) % :queue_count * (g % 3 + 1) % :queue_count] END,
       CASE WHEN status = ANY(CAST(:assigned AS text[])) OR (status IN ('new', 'triaged') AND g % 20 = 3)
            THEN (CAST(:users AS int[]))[1 + g % :user_count] END,
       created, now(), CASE WHEN status <> 'new' THEN created + (g % 72) * interval '1 hour' END
FROM generate_series(1, :claims) g,
LATERAL (SELECT now() - (:claims - g) * (interval '1 day' / :per_day) AS created,
                'Le ' || (CAST(:topics AS text[]))[1 + g % :topic_count] || ' a progressé de ' || (g % 97)
                || ' % (' || g || ')' AS body) c,
LATERAL (SELECT {status} AS status) s
"""

_MERGED = """
UPDATE claims SET canonical_claim_id = id - 1 WHERE status = 'merged' AND id > :first_claim
"""

_LINKS = """
INSERT INTO claim_links (source_claim_id, target_claim_id, type, origin, created_at)
SELECT :first_claim + g * :stride, :first_claim + g * :stride + 1,
       CASE WHEN g % 5 = 0 THEN 'contradicts' ELSE 'denies' END, 'extraction', now()
FROM generate_series(0, :links - 1) g
"""

_VERDICTS = """
INSERT INTO verdicts (claim_id, scale_id, rating_id, summary, explanation_md, author_id, editor_id, status,
                      public_slug, published_at, corrected_at, correction_note, submitted_at, version_id, created_at,
                      updated_at)
SELECT c.id, :scale, :rating, 'Les chiffres du ' || c.id || ' sont trompeurs.', 'Selon **l''Insee**, non.',
       c.assignee_id, c.assignee_id, CASE c.status WHEN 'unpublished' THEN 'unpublished' ELSE 'published' END,
       'verdict-' || c.id, c.triaged_at + interval '2 days',
       CASE c.status WHEN 'corrected' THEN c.triaged_at + interval '3 days' END,
       CASE c.status WHEN 'corrected' THEN 'Le taux a été précisé.' END,
       c.triaged_at + interval '1 day', 1, c.created_at, now()
FROM claims c WHERE c.status IN ('published', 'corrected', 'unpublished') AND c.id >= :first_claim
"""

_AUDIT = """
INSERT INTO audit_events (actor_id, action, object_type, object_id, at)
SELECT (CAST(:users AS int[]))[1 + g % :user_count], (CAST(:actions AS text[]))[1 + (g * 13) % :action_count], 'claim',
       :first_claim + (g::bigint * 7919) % :claims,
       now() - (:events - g) * (interval '1 day' * :claims / :per_day / :events)
FROM generate_series(1, :events) g
"""


def seed(session: Session, volume: Volume, *, queue_ids: list[int], user_ids: list[int], scale_id: int,
         rating_id: int) -> None:
    """Insert ``volume`` rows after whatever is there (the queues, people and rating scale already exist)."""
    first_article = 1 + (session.scalar(text("SELECT coalesce(max(id), 0) FROM articles")) or 0)
    first_claim = 1 + (session.scalar(text("SELECT coalesce(max(id), 0) FROM claims")) or 0)
    common = {"articles": volume.articles, "claims": volume.claims, "per_day": volume.claims_per_day,
              "topics": list(TOPICS), "topic_count": len(TOPICS), "queues": queue_ids, "queue_count": len(queue_ids),
              "users": user_ids, "user_count": len(user_ids), "first_article": first_article,
              "first_claim": first_claim}
    session.execute(text(_ARTICLES), common)
    session.execute(text(_CLAIMS.format(status=_status_case("(g::bigint * 7919) % 1000"))),
                    {**common, "assigned": list(ASSIGNED_STATES)})
    session.execute(text(_MERGED), common)
    session.execute(text(_LINKS), {**common, "links": volume.links,
                                   "stride": max(1, (volume.claims - 1) // max(1, volume.links))})
    session.execute(text(_VERDICTS), {**common, "scale": scale_id, "rating": rating_id})
    session.execute(text(_AUDIT), {**common, "events": volume.audit_events, "actions": list(AUDIT_ACTIONS),
                                   "action_count": len(AUDIT_ACTIONS)})
    session.commit()
