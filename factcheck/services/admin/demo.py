"""Demo data for ``make run``: the default scales (English and French), a demo admin, a routed queue, the seed
article's claims and one published example verdict, so every page has something to show. Every step is
idempotent."""
from __future__ import annotations

import secrets

from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import Claim, Queue, QueueMember, RoutingRule, Verdict
from factcheck.services.accounts import accounts
from factcheck.services.articles import articles, extraction
from factcheck.services.claims import desk, evidence, triage
from factcheck.services.core.guards import SYSTEM
from factcheck.services.verdicts import editorial, scales, verdicts

DEMO_QUEUE = "Desk"
DEMO_CHECKER = "checker@factcheck.local"
EXAMPLE_SUMMARY = "Les annonces officielles confirment le déploiement de 3 000 militaires américains."
EXAMPLE_CITATION = "Communiqué du département américain de la Défense (exemple de démonstration)"
EXAMPLE_EXPLANATION = (
    "Le chiffre de **3 000 militaires** correspond à l’annonce du Pentagone : un millier de soldats redéployés "
    "d’Allemagne vers la Roumanie et 2 000 envoyés de Fort Bragg vers l’Allemagne et la Pologne.\n\n"
    "*Exemple de démonstration rédigé pour factcheck.*"
)


def seed(*, admin_email: str) -> str | None:
    """Scales, admin, demo checker and queue; returns the new admin's password, or None if it already existed."""
    for language in scales.DEFAULT_SCALES:
        scales.ensure_default_scale(language)
    db.session.commit()
    password = None
    admin = accounts.find_user_by_email(admin_email)
    if admin is None:
        password = secrets.token_urlsafe(12)
        admin = accounts.create_user(SYSTEM, email=admin_email, display_name="Demo admin", password=password,
                                     roles=["admin", "editor", "checker", "reviewer"])
    checker = accounts.find_user_by_email(DEMO_CHECKER)
    if checker is None:
        checker = accounts.create_user(SYSTEM, email=DEMO_CHECKER, display_name="Demo checker",
                                       password=secrets.token_urlsafe(16), roles=["checker", "reviewer"])
    queue = db.session.scalar(select(Queue).where(Queue.name == DEMO_QUEUE))
    if queue is None:
        queue = Queue(name=DEMO_QUEUE, description="The main fact-checking desk (French and English).")
        queue.members = [QueueMember(user_id=admin.id, role="editor"), QueueMember(user_id=checker.id, role="checker")]
        queue.rules = [RoutingRule(position=0, min_checkworthiness=0.0)]
        db.session.add(queue)
    db.session.commit()
    return password


def load_article(text: str, *, admin_email: str) -> tuple[int, int]:
    """Store and extract the demo article now, then publish one example verdict; returns (article id, claims)."""
    submitted = articles.submit_text(SYSTEM, text=text, title="Les Etats-Unis vont déployer 3 000 militaires",
                                     outlet="Demo")
    article_id = submitted.article.id
    extraction.extract_article(article_id)
    claims = list(db.session.scalars(select(Claim).where(Claim.article_id == article_id)))
    admin = accounts.find_user_by_email(admin_email)
    checker = accounts.find_user_by_email(DEMO_CHECKER)
    if admin and checker and db.session.scalar(select(Verdict.id).limit(1)) is None:
        _publish_example(admin, checker, claims)
    return article_id, len(claims)


def _publish_example(admin, checker, claims: list[Claim]) -> None:
    """Walk one claim through the whole workflow with the real services, as the desk would."""
    target = next((c for c in claims if any(q.get("value") == 3000 for q in c.quantities)), None)
    if target is None or target.status != "new":
        return
    claim = triage.accept(admin, target.id, expected_version=target.version_id)
    claim = triage.assign(admin, claim.id, expected_version=claim.version_id, assignee_id=checker.id)
    claim = desk.start_review(checker, claim.id, expected_version=claim.version_id)
    item = evidence.attach_source(checker, claim.id, stance="supports", citation=EXAMPLE_CITATION,
                                  excerpt="3 000 militaires seront déployés en Europe de l’Est.")
    rating = next(r for r in scales.offered_ratings(claim) if r.value == 5)  # "True" on the claim's scale
    verdict = verdicts.save_draft(checker, claim.id, rating_id=rating.id, summary=EXAMPLE_SUMMARY,
                                  explanation_md=EXAMPLE_EXPLANATION, evidence_ids=[item.id], expected_version=None)
    verdict = verdicts.submit_for_review(checker, claim.id, expected_version=verdict.version_id)
    editorial.approve(admin, verdict.id, expected_version=verdict.version_id, publish=True)
