""""Already checked": a claim in the duplicate group of a claim with a published verdict is flagged with a link,
and matching offers published verdicts on a claim like a new one (exact text, or close meaning with the words
both share), in the queue and on the claim page, where the earlier verdict answers and closes the claim."""
import pytest
from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import AuditEvent, Claim
from factcheck.models.matching import ClaimMatch
from factcheck.services.matching import embedding, matcher
from tests import factories

CHECKED = "Le chômage a baissé à 7 % l'an dernier."


def test_queue_row_and_claim_page_flag_an_already_checked_claim(client, login_as):
    editor = login_as("editor")
    queue = factories.make_queue(members=[(editor, "editor")])
    old_article = factories.make_article(title="Ancien article")
    checked = factories.make_claim(article=old_article, queue=queue, status="published")
    factories.make_verdict(claim=checked, status="published", summary="Chiffre inexact.")
    fresh = factories.make_claim(queue=queue)
    unrelated = factories.make_claim(queue=queue, text="Autre chose.")
    factories.make_duplicate(claim=fresh, of=checked)

    page = client.get(f"/queues/{queue.id}").get_data(as_text=True)
    assert page.count("already checked") == 1
    assert f'<a class="chip checked" href="/claims/{checked.id}">already checked</a>' in page

    claim_page = client.get(f"/claims/{fresh.id}").get_data(as_text=True)
    assert "Already checked" in claim_page and "Chiffre inexact." in claim_page
    assert "Already checked" not in client.get(f"/claims/{unrelated.id}").get_data(as_text=True)


def _published(text=CHECKED, language="fr", summary="Le chômage a monté."):
    claim = factories.make_claim(article=factories.make_article(title="Vérifié"), text=text, language=language,
                                 status="published")
    return factories.make_verdict(claim=claim, status="published", summary=summary)


def _new_claim(text, *, language="fr", status="new", queue=None, assignee=None):
    return factories.make_claim(article=factories.make_article(language=language), text=text, language=language,
                                status=status, queue=queue, assignee=assignee)


def _matches(claim):
    return list(db.session.scalars(select(ClaimMatch).where(ClaimMatch.claim_id == claim.id)))


def test_the_same_text_matches_exactly_whatever_its_case_accents_and_punctuation(app):
    verdict = _published()
    claim = _new_claim("le chomage a baisse a 7% l'an dernier")
    assert matcher.match_article(claim.article_id) == 1
    [match] = _matches(claim)
    assert (match.verdict_id, match.method, match.score) == (verdict.id, "exact", 1.0)
    assert matcher.match_article(claim.article_id) == 1 and len(_matches(claim)) == 1  # the same row again


def test_a_paraphrase_matches_by_meaning_and_says_which_words_it_shares(app):
    verdict = _published()
    claim = _new_claim("L'an dernier, le taux de chômage est descendu à 7 %.")
    matcher.match_article(claim.article_id)
    [match] = _matches(claim)
    assert match.verdict_id == verdict.id and match.method in ("lexical", "semantic")
    assert 0.9 < match.score < 1.0
    assert {"chômage", "dernier"} <= set(match.shared_words)


def test_an_english_verdict_answers_the_same_claim_in_french(app):
    verdict = _published("Unemployment fell to 7% last year.", language="en")
    claim = _new_claim(CHECKED)
    matcher.match_article(claim.article_id)
    assert [m.verdict_id for m in _matches(claim)] == [verdict.id]


def test_other_figures_or_another_subject_do_not_match(app):
    _published()
    other_year = _new_claim("Le chômage a baissé à 9 % l'an dernier.")
    unrelated = _new_claim("La mairie a ouvert trois nouvelles bibliothèques.")
    matcher.match_article(other_year.article_id)
    matcher.match_article(unrelated.article_id)
    assert _matches(other_year) == [] and _matches(unrelated) == []


def test_a_new_run_replaces_the_matches_nobody_accepted(app):
    _published()
    claim = _new_claim(CHECKED)
    matcher.match_article(claim.article_id)
    claim.text = "La mairie a ouvert trois nouvelles bibliothèques."  # corrected: no longer the checked claim
    db.session.commit()
    assert matcher.match_article(claim.article_id) == 0 and _matches(claim) == []


def test_unpublished_verdicts_and_drafts_are_not_offered(app):
    verdict = _published()
    verdict.status = "unpublished"
    draft_claim = factories.make_claim(text=CHECKED)
    factories.make_verdict(claim=draft_claim, status="draft")
    db.session.commit()
    claim = _new_claim(CHECKED)
    assert matcher.match_article(claim.article_id) == 0


def test_nothing_is_encoded_while_nothing_is_published(app, monkeypatch):
    monkeypatch.setattr(embedding, "encode", lambda texts: pytest.fail("encoded with no published verdict"))
    claim = _new_claim(CHECKED)
    assert matcher.match_article(claim.article_id) == 0


def test_a_corrected_claim_text_is_embedded_again(app):
    verdict = _published()
    matcher.refresh_targets()
    assert matcher.refresh_targets() == 0
    verdict.claim.text = "Le chômage a augmenté à 7 % l'an dernier."
    db.session.commit()
    assert matcher.refresh_targets() == 1


def test_extraction_matches_the_new_claims_of_the_article(app):
    from factcheck.services.articles import extraction

    verdict = _published("Le gouvernement a supprimé 12 000 postes d'enseignants en 2024.")
    article = factories.make_article(text="Le gouvernement a supprimé 12 000 postes d'enseignants en 2024. "
                                          "Il fait beau.", status="queued")
    assert extraction.extract_article(article.id, scorer=lambda sentences, lang: [0.9] * len(sentences))
    found = db.session.scalars(select(ClaimMatch.verdict_id).join(Claim, Claim.id == ClaimMatch.claim_id)
                               .where(Claim.article_id == article.id)).all()
    assert found == [verdict.id]


def test_queue_badge_and_claim_page_offer_the_match(client, login_as):
    checker = login_as("checker")
    queue = factories.make_queue(members=[(checker, "checker")])
    verdict = _published(summary="Faux : il a augmenté.")
    claim = _new_claim("L'an dernier, le taux de chômage est descendu à 7 %.", status="triaged", queue=queue)
    matcher.match_article(claim.article_id)

    row = client.get(f"/queues/{queue.id}").get_data(as_text=True)
    assert f'href="/claims/{claim.id}#matches"' in row and "already checked? (1)" in row
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "Already checked?" in page and "Faux : il a augmenté." in page and CHECKED.replace("'", "&#39;") in page
    assert "<mark>chômage</mark>" in page
    assert "Answer with this verdict and close" in page
    assert f"/claims/{claim.id}/matches/" in page and verdict.claim.id


def _answer(client, claim, match, version=None):
    return client.post(f"/claims/{claim.id}/matches/{match.id}/answer",
                       data={"version_id": version or claim.version_id})


def test_a_checker_answers_a_claim_with_the_earlier_verdict_in_one_action(client, login_as):
    checker = login_as("checker")
    verdict = _published()
    claim = _new_claim(CHECKED, status="triaged")
    matcher.match_article(claim.article_id)
    [match] = _matches(claim)

    response = _answer(client, claim, match)
    assert response.status_code == 303
    db.session.expire_all()
    assert claim.status == "merged" and claim.canonical_claim_id == verdict.claim_id
    assert match.accepted_by_id == checker.id and match.accepted_at is not None
    actions = [e.action for e in db.session.scalars(select(AuditEvent).where(
        AuditEvent.object_type == "claim", AuditEvent.object_id == claim.id).order_by(AuditEvent.id))]
    assert actions[-2:] == ["claim.start_review", "claim.answer"]
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "Answered with this verdict" in page and "Answer with this verdict and close" not in page


def test_answering_checks_the_claim_the_match_and_the_version(client, login_as):
    login_as("checker")
    verdict = _published()
    claim = _new_claim(CHECKED, status="triaged", assignee=factories.make_user(roles=("checker",)))
    other = _new_claim(CHECKED, status="triaged")
    matcher.match_article(claim.article_id)
    matcher.match_article(other.article_id)
    [match], [other_match] = _matches(claim), _matches(other)

    assert _answer(client, claim, match).status_code == 403  # assigned to someone else
    assert _answer(client, other, match).status_code == 404  # the match of another claim
    assert _answer(client, other, other_match, version=other.version_id + 1).status_code == 409
    verdict.status = "unpublished"
    db.session.commit()
    assert _answer(client, other, other_match).status_code == 409
    db.session.expire_all()
    assert (claim.status, other.status) == ("triaged", "triaged")
    assert "Answer with this verdict" not in client.get(f"/claims/{claim.id}").get_data(as_text=True)


def test_a_reviewer_may_answer_a_new_claim_but_not_one_in_review(client, login_as):
    login_as("reviewer")
    _published()
    fresh = _new_claim(CHECKED)
    in_review = _new_claim(CHECKED, status="in_review")
    matcher.match_article(fresh.article_id)
    matcher.match_article(in_review.article_id)
    assert _answer(client, fresh, _matches(fresh)[0]).status_code == 303
    assert _answer(client, in_review, _matches(in_review)[0]).status_code == 403
    db.session.expire_all()
    assert (fresh.status, in_review.status) == ("merged", "in_review")
