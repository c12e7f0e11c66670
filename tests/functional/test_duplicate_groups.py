"""Duplicates are groups around one canonical claim, not chains: joining on ingest, group sizes on the queue and
the claim page, detaching (audited), and re-extraction that keeps what people corrected."""
from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.extraction.models import ExtractedClaim, ExtractionResult
from factcheck.models import AuditEvent, Claim, ClaimLink, ClaimRevision
from factcheck.services.articles import articles, extraction
from factcheck.services.claims import corrections
from tests import factories
from tests.factories import client_for

SENTENCE = "The city says 2,400 new homes will be built by 2028."


def fresh(claim_id: int) -> Claim:
    db.session.expire_all()
    return db.session.get(Claim, claim_id)


def test_the_same_sentence_pasted_21_times_is_one_group_of_21_not_a_chain(app):
    reviewer = factories.make_user(roles=["reviewer"])
    for n in range(21):  # a different last line each time, or the paste would be the same article
        submitted = articles.submit_text(reviewer, text=f"{SENTENCE}\n\nWire copy number {n + 1}.", title=f"Copy {n}")
        assert submitted.created
    homes = list(db.session.scalars(select(Claim).where(Claim.text.contains("2,400 new homes")).order_by(Claim.id)))
    assert len(homes) == 21 and len({c.article_id for c in homes}) == 21
    canonical = homes[0]
    assert canonical.canonical_claim_id is None
    assert [c.canonical_claim_id for c in homes[1:]] == [canonical.id] * 20  # each copy at the first, none at another
    # no claim anywhere points at a member: every group is one level deep
    pointed_at = set(db.session.scalars(select(Claim.canonical_claim_id).where(Claim.canonical_claim_id.is_not(None))))
    assert all(fresh(c).canonical_claim_id is None for c in pointed_at)
    assert db.session.scalar(select(func.count(ClaimLink.id)).where(ClaimLink.type == "duplicate_of")) == 0

    editor, _ = client_for(app, "editor")
    page = editor.get(f"/claims/{homes[7].id}").get_data(as_text=True)
    assert "group of 21" in page and '<span class="chip group-size">21 claims</span>' in page
    assert "seen in 21 articles" in page
    queue = editor.get("/queues/?unrouted=1&per=100").get_data(as_text=True)
    assert queue.count("group of 21") >= 21 and f"duplicate of #{canonical.id}" in queue


@pytest.fixture()
def group(app):
    """A canonical claim and three members, each in its own article."""
    canonical = factories.make_claim(status="new", text=SENTENCE)
    members = [factories.make_duplicate(claim=factories.make_claim(status="new", text=SENTENCE), of=canonical)
               for _ in range(3)]
    return canonical, members


def test_a_member_joins_at_the_canonical_claim_even_through_another_member(app, group):
    canonical, (first, *_) = group
    late = factories.make_duplicate(claim=factories.make_claim(text=SENTENCE), of=first)
    assert late.canonical_claim_id == canonical.id


def test_detach_a_member_from_its_group(app, group):
    client, me = client_for(app, "reviewer", display_name="Rémi Reviewer")
    canonical, (first, second, third) = group
    page = client.get(f"/claims/{second.id}").get_data(as_text=True)
    assert '<span class="chip group-size">4 claims</span>' in page and "Detach from the group" in page
    response = client.post(f"/claims/{second.id}/detach", data={"version_id": second.version_id})
    assert response.status_code == 303 and response.headers["Location"].endswith("#duplicates")
    assert fresh(second.id).canonical_claim_id is None
    assert [fresh(c.id).canonical_claim_id for c in (first, third)] == [canonical.id, canonical.id]
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "claim.detach"))
    assert (event.object_id, event.actor_id, event.before, event.after) == (
        second.id, me.id, {"duplicate_group": canonical.id}, {"duplicate_group": None})
    revision = db.session.scalar(select(ClaimRevision).where(ClaimRevision.action == "detach"))
    assert revision.claim_id == second.id and fresh(second.id).revised_at is not None
    assert 'id="duplicates"' not in client.get(f"/claims/{second.id}").get_data(as_text=True)
    assert '<span class="chip group-size">3 claims</span>' in client.get(f"/claims/{first.id}").get_data(as_text=True)
    # a claim in no group has nothing to detach from
    again = client.post(f"/claims/{second.id}/detach", data={"version_id": fresh(second.id).version_id})
    assert again.status_code == 409


def test_detaching_the_canonical_claim_hands_the_group_to_the_oldest_member(app, group):
    client, _ = client_for(app, "editor")
    canonical, (first, second, third) = group
    response = client.post(f"/claims/{canonical.id}/detach", data={"version_id": canonical.version_id})
    assert response.status_code == 303
    assert fresh(canonical.id).canonical_claim_id is None and fresh(first.id).canonical_claim_id is None
    assert [fresh(c.id).canonical_claim_id for c in (second, third)] == [first.id, first.id]
    stale = client.post(f"/claims/{first.id}/detach", data={"version_id": first.version_id - 1})
    assert stale.status_code == 409


def test_a_checker_cannot_detach(app, group):
    client, _ = client_for(app, "checker")
    _, (first, *_) = group
    assert "Detach from the group" not in client.get(f"/claims/{first.id}").get_data(as_text=True)
    assert client.post(f"/claims/{first.id}/detach", data={"version_id": first.version_id}).status_code == 403


# --- re-extraction -----------------------------------------------------------------------------------------------

TEXT = "Le maire promet 300 logements. Le préfet dément. La ville compte 20 000 habitants."


def _item(sentence: str, text: str, *, kind: str = "statement", claimant: str | None = None, score: float = 0.5):
    start = TEXT.index(sentence)
    return ExtractedClaim(text=text, sentence=sentence, span=(start, start + len(sentence)), checkworthiness=score,
                          kind=kind, claimant=claimant)


PROMISE = ("Le maire promet 300 logements.", "300 logements seront construits.")
DENIAL = ("Le préfet dément.", "Le préfet dément.")
CENSUS = ("La ville compte 20 000 habitants.", "La ville compte 20 000 habitants.")


def test_reextraction_never_overwrites_a_human_correction(app):
    article = factories.make_article(text=TEXT)
    first = ExtractionResult(language="fr", pipeline="factcheck-extract 1.0.0", claims=(
        _item(*PROMISE, claimant="le maire"), _item(*DENIAL, kind="denial", claimant="le préfet"),
        _item(*CENSUS)))
    extraction.store_result(article, first)
    db.session.commit()
    promise, denial, census = db.session.scalars(select(Claim).where(Claim.article_id == article.id)
                                                 .order_by(Claim.id)).all()
    checker = factories.make_user(roles=["checker"])
    corrections.edit_claim(checker, promise.id, text="Le maire promet 300 logements sociaux d’ici 2027.",
                           kind="proposal", claimant="le maire de Lyon", target=None,
                           expected_version=promise.version_id)
    corrections.link_denial(checker, denial.id, denied_id=promise.id, expected_version=denial.version_id)
    edited = {c: (fresh(c).text, fresh(c).kind, fresh(c).claimant, fresh(c).checkworthiness, fresh(c).version_id)
              for c in (promise.id, denial.id)}

    # a newer pipeline: new scores and claimants for everything, the corrected claims missing, one new claim
    newer = ExtractionResult(language="fr", pipeline="factcheck-extract 2.0.0", claims=(
        _item(*PROMISE, claimant="la mairie", score=0.9), _item(*CENSUS, claimant="l’Insee", score=0.9),
        _item("La ville compte 20 000 habitants.", "20 000 habitants vivent en ville.")))
    added, updated, removed = extraction.store_result(article, newer)
    db.session.commit()
    assert (added, updated, removed) == (1, 1, 0)
    for claim_id, values in edited.items():  # corrected: unchanged, and kept although the pipeline lost one
        claim = fresh(claim_id)
        assert (claim.text, claim.kind, claim.claimant, claim.checkworthiness, claim.version_id) == values
    assert fresh(census.id).claimant == "l’Insee"  # untouched claims still follow the pipeline
    assert db.session.scalar(select(ClaimLink).where(ClaimLink.type == "denies")).source_claim_id == denial.id
    texts = Counter(db.session.scalars(select(Claim.text).where(Claim.article_id == article.id)))
    assert texts["Le maire promet 300 logements sociaux d’ici 2027."] == 1
    assert texts["300 logements seront construits."] == 0  # the original is in revision 0, not a new claim


def test_reextraction_does_not_put_a_detached_claim_back_in_its_group(app):
    first_article = factories.make_article(text=TEXT)
    second_article = factories.make_article(text=TEXT + " ")
    result = ExtractionResult(language="fr", pipeline="factcheck-extract 1.0.0", claims=(_item(*CENSUS),))
    extraction.store_result(first_article, result)
    extraction.store_result(second_article, result)
    db.session.commit()
    original, copy = db.session.scalars(select(Claim).order_by(Claim.id)).all()
    assert copy.canonical_claim_id == original.id
    reviewer = factories.make_user(roles=["reviewer"])
    from factcheck.services.claims import triage

    triage.detach(reviewer, copy.id, expected_version=copy.version_id)
    extraction.store_result(second_article, ExtractionResult(language="fr", pipeline="factcheck-extract 2.0.0",
                                                             claims=(_item(*CENSUS, score=0.9),)))
    db.session.commit()
    assert fresh(copy.id).canonical_claim_id is None


def test_a_stale_canonical_claim_deleted_by_reextraction_hands_its_group_over(app):
    first_article, second_article, third_article = (factories.make_article(text=TEXT + " " * n) for n in range(3))
    result = ExtractionResult(language="fr", pipeline="factcheck-extract 1.0.0", claims=(_item(*CENSUS),))
    for article in (first_article, second_article, third_article):
        extraction.store_result(article, result)
    db.session.commit()
    canonical, second, third = db.session.scalars(select(Claim).order_by(Claim.id)).all()
    assert (second.canonical_claim_id, third.canonical_claim_id) == (canonical.id, canonical.id)
    extraction.store_result(first_article, ExtractionResult(language="fr", pipeline="factcheck-extract 2.0.0"))
    db.session.commit()
    assert fresh(canonical.id) is None
    assert fresh(second.id).canonical_claim_id is None and fresh(third.id).canonical_claim_id == second.id
