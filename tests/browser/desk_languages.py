"""The same desk story in English and in French for the browser journeys: a claim in the language, rated on that
language's scale, and a verdict brought to the editors through the services (the journeys click the rest)."""

from __future__ import annotations

from factcheck.extensions import db
from factcheck.models import Claim, User, Verdict
from factcheck.services.verdicts import editorial, scales, verdicts
from tests import factories

STORY = {
    "en": {
        "article": "The minister said that 1,200 teaching posts would be created by 2027. The opposition "
        "says that only 400 are funded.",
        "claim": "1,200 teaching posts will be created by 2027.",
        "rating": "Mostly false",
        "summary": "The budget funds only 400 posts.",
        "explanation": "According to the **finance act**, 400 posts are funded.",
    },
    "fr": {
        "article": factories.ARTICLE_TEXT,
        "claim": "1 200 postes d’enseignants seront créés d’ici 2027.",
        "rating": "Plutôt faux",
        "summary": "Le budget ne finance que 400 postes.",
        "explanation": "Selon la **loi de finances**, 400 postes sont financés.",
    },
}


def claim_in(lang: str, **kwargs) -> Claim:
    """The story's claim, in an article of that language, with that language's scale active."""
    scales.ensure_default_scale(lang)
    db.session.commit()
    article = factories.make_article(text=STORY[lang]["article"], language=lang)
    return factories.make_claim(article=article, language=lang, text=STORY[lang]["claim"], **kwargs)


def rating_id(claim: Claim, label: str) -> int:
    return next(r.id for r in scales.scale_for_claim(claim).ratings if r.label == label)


def resubmitted_verdict(lang: str, checker: User, editor: User) -> Verdict:
    """A verdict on the story's claim, submitted, sent back by ``editor`` and submitted again with a new summary:
    what the editor reviews as a diff."""
    story = STORY[lang]
    claim = claim_in(lang, status="in_review", assignee=checker)
    evidence = factories.make_evidence(claim=claim, excerpt=story["summary"])
    content = {
        "rating_id": rating_id(claim, story["rating"]),
        "explanation_md": story["explanation"],
        "evidence_ids": [evidence.id],
    }
    verdict = verdicts.save_draft(checker, claim.id, summary=story["claim"], expected_version=None, **content)
    verdict = verdicts.submit_for_review(checker, claim.id, expected_version=verdict.version_id)
    verdict = editorial.send_back(editor, verdict.id, note="?", expected_version=verdict.version_id)
    verdict = verdicts.save_draft(
        checker, claim.id, summary=story["summary"], expected_version=verdict.version_id, **content
    )
    return verdicts.submit_for_review(checker, claim.id, expected_version=verdict.version_id)
