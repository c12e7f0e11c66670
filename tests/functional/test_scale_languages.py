"""Rating scales per language: one active scale per language, each verdict rated on its claim's language's scale,
and the public page in the verdict's language."""
import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from factcheck.extensions import db
from factcheck.models import AuditEvent, RatingScale, Verdict
from factcheck.models.base import utcnow
from factcheck.services.admin import scale_admin
from factcheck.services.core.errors import InvalidInput
from factcheck.services.verdicts import scales
from tests import factories


def _french_scale() -> RatingScale:
    scale = scales.ensure_default_scale("fr")
    db.session.commit()
    return scale


def _checker_with_claim(client, login_as, language):
    checker = login_as("checker")
    article = factories.make_article(language=language)
    claim = factories.make_claim(article=article, language=language, status="in_review")
    claim.assignee_id = checker.id
    db.session.commit()
    return claim


def test_a_french_and_an_english_scale_are_both_active(app):
    english, french = factories.active_scale(), _french_scale()
    assert (english.language, french.language) == ("en", "fr")
    assert {s.id for s in db.session.scalars(select(RatingScale).where(RatingScale.active.is_(True)))} == {
        english.id, french.id}


def test_activating_a_scale_replaces_only_the_one_of_its_language(app):
    english, french = factories.active_scale(), _french_scale()
    admin = factories.make_user(roles=("admin",))
    short = scale_admin.create_scale(admin, name="Échelle courte", language="fr")
    scale_admin.add_rating(admin, short.id, scale_admin.RatingSpec(label="Faux", value=1))
    scale_admin.activate_scale(admin, short.id)
    assert db.session.get(RatingScale, english.id).active
    assert not db.session.get(RatingScale, french.id).active and db.session.get(RatingScale, short.id).active
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "scale.activate"))
    assert event.before == {"active_scale_ids": [french.id]} and event.after == {"active_scale_ids": [short.id]}


def test_the_database_refuses_two_active_scales_in_one_language(app):
    factories.active_scale()
    db.session.add(RatingScale(name="Second English", language="en", active=True))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_an_active_scale_keeps_its_language_and_languages_are_checked(app):
    english = factories.active_scale()
    admin = factories.make_user(roles=("admin",))
    with pytest.raises(InvalidInput, match="keeps its language"):
        scale_admin.update_scale(admin, english.id, name=english.name, language="fr")
    with pytest.raises(InvalidInput):
        scale_admin.create_scale(admin, name="Escala", language="es")
    draft = scale_admin.create_scale(admin, name="Brouillon", language="en")
    scale_admin.update_scale(admin, draft.id, name="Brouillon", language="fr")
    assert db.session.get(RatingScale, draft.id).language == "fr"


def test_admin_pages_show_and_set_the_language(client, login_as):
    login_as("admin")
    factories.active_scale()
    _french_scale()
    page = client.get("/admin/scales").get_data(as_text=True)
    assert "Français" in page and "English" in page
    assert client.post("/admin/scales/new", data={"name": "Courte", "language": "fr"}).status_code == 302
    assert db.session.scalar(select(RatingScale).where(RatingScale.name == "Courte")).language == "fr"
    assert client.post("/admin/scales/new", data={"name": "Kurz", "language": "de"}).status_code == 422


@pytest.mark.parametrize("language, offered, refused", [("fr", "Faux", "False"), ("en", "False", "Faux")])
def test_the_verdict_form_offers_the_scale_of_the_claims_language(client, login_as, language, offered, refused):
    factories.active_scale()
    french = _french_scale()
    claim = _checker_with_claim(client, login_as, language)
    page = client.get(f"/claims/{claim.id}/verdict").get_data(as_text=True)
    assert f">{offered}<" in page and f">{refused}<" not in page
    wrong = next(r for scale in db.session.scalars(select(RatingScale)) for r in scale.ratings
                 if r.label == refused)
    response = client.post(f"/claims/{claim.id}/verdict", data={"version_id": 0, "rating_id": wrong.id,
                                                                "summary": "Résumé.", "explanation": "x"})
    assert response.status_code == 422 and db.session.scalar(select(Verdict)) is None
    right = next(r for r in scales.offered_ratings(claim) if r.label == offered)
    response = client.post(f"/claims/{claim.id}/verdict", data={"version_id": 0, "rating_id": right.id,
                                                                "summary": "Résumé.", "explanation": "x"})
    assert response.status_code == 302
    assert db.session.scalar(select(Verdict)).scale_id == (french.id if language == "fr" else right.scale_id)


def test_a_language_without_an_active_scale_uses_the_default_languages(app):
    english = factories.active_scale()
    claim = factories.make_claim(language="fr")
    assert scales.scale_for_claim(claim).id == english.id
    claim.language = "de"
    assert scales.scale_for_claim(claim).id == english.id
    english.active = False
    db.session.commit()
    assert scales.offered_ratings(claim) == []
    with pytest.raises(InvalidInput, match="No rating scale is active"):
        scales.scale_for_claim(claim)


def test_the_public_page_follows_the_verdicts_language(client):
    factories.active_scale()
    french = _french_scale()
    pages = {}
    for language in ("fr", "en"):
        claim = factories.make_claim(article=factories.make_article(language=language), language=language,
                                     status="published")
        verdict = factories.make_verdict(claim=claim, status="published")
        if language == "fr":
            verdict.scale_id, verdict.rating_id = french.id, next(r.id for r in french.ratings if r.label == "Faux")
        verdict.public_slug, verdict.published_at = f"claim-{claim.id}", utcnow()
        db.session.commit()
        pages[language] = client.get(f"/factchecks/{verdict.public_slug}", headers={"Accept-Language": "en"})
    assert '<html lang="fr">' in pages["fr"].get_data(as_text=True)
    assert '"inLanguage": "fr"' in pages["fr"].get_data(as_text=True)
    assert '<html lang="en">' in pages["en"].get_data(as_text=True)
