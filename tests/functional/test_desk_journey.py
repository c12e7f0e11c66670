"""The checker's journey through the claim desk, driven through the Flask test client.

start review → attach sources (URL, citation, reuse) → edit / reorder / remove / restore → comment with
@mentions → draft a verdict (bad inputs first) → submit. Plus object checks, 404s, 409s and 422s.
"""
import re

import pytest
from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import AuditEvent, Claim, Comment, Evidence, Rating, RatingScale, Source, Verdict
from tests import factories
from tests.factories import client_for


def version(claim_id):
    db.session.expire_all()
    return db.session.get(Claim, claim_id).version_id


def rating(label="False"):
    return factories.rating(label)


def audit_count(action=None, **filters):
    stmt = select(func.count(AuditEvent.id))
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    for key, value in filters.items():
        stmt = stmt.where(getattr(AuditEvent, key) == value)
    return db.session.scalar(stmt)


def snapshot():
    """Row counts of everything a desk action may write; equal snapshots mean nothing was half-written."""
    return {m.__name__: db.session.scalar(select(func.count()).select_from(m))
            for m in (AuditEvent, Evidence, Source, Verdict, Comment)}


@pytest.fixture()
def checker(app):
    return client_for(app, "checker", display_name="Claire Checker")


def test_checker_journey_from_triaged_to_submitted(app, checker):
    client, me = checker
    claim = factories.make_claim(status="triaged")
    other_source = factories.make_source(url="https://insee.fr/rapport-2026", title="Rapport Insee 2026")

    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "Start review" in page
    assert 'name="version_id"' in page
    r = client.post(f"/claims/{claim.id}/start-review", data={"version_id": version(claim.id)})
    assert r.status_code == 302
    db.session.expire_all()
    claim = db.session.get(Claim, claim.id)
    assert (claim.status, claim.assignee_id) == ("in_review", me.id)

    # a URL source: queued for fetching after commit (the eager task fails on the unreachable host → failed)
    r = client.post(f"/claims/{claim.id}/sources", data={"url": "http://192.0.2.10/stats.html", "stance": "refutes",
                                                         "excerpt": "Seulement 300 postes."})
    assert r.status_code == 302
    src = db.session.scalar(select(Source).where(Source.url == "http://192.0.2.10/stats.html"))
    db.session.refresh(src)
    assert src.fetch_status == "failed" and src.fetch_error  # blocked address: recorded, never crashed
    # a citation, and the reuse of a source already known
    assert client.post(f"/claims/{claim.id}/sources", data={"citation": "Entretien avec la DARES, 3 nov.",
                                                            "stance": "context"}).status_code == 302
    found = client.get(f"/claims/{claim.id}/sources/new?q=insee").get_data(as_text=True)
    assert "Rapport Insee 2026" in found
    assert client.post(f"/claims/{claim.id}/sources", data={"source_id": other_source.id,
                                                            "stance": "supports"}).status_code == 302
    items = list(db.session.scalars(select(Evidence).where(Evidence.claim_id == claim.id)
                                    .order_by(Evidence.position)))
    assert [e.stance for e in items] == ["refutes", "context", "supports"]
    assert items[2].source_id == other_source.id  # reused, not copied
    # attaching the same source twice is refused, nothing written
    before = snapshot()
    r = client.post(f"/claims/{claim.id}/sources", data={"source_id": other_source.id, "stance": "supports"})
    assert r.status_code == 422 and "already attached" in r.get_data(as_text=True)
    assert snapshot() == before

    # reorder, edit, remove, restore
    assert client.post(f"/claims/{claim.id}/evidence/{items[2].id}/move",
                       data={"direction": "up"}).status_code == 302
    db.session.expire_all()
    order = list(db.session.scalars(select(Evidence.id).where(Evidence.claim_id == claim.id)
                                    .order_by(Evidence.position)))
    assert order == [items[0].id, items[2].id, items[1].id]
    edit_page = client.get(f"/claims/{claim.id}/evidence/{items[0].id}/edit").get_data(as_text=True)
    assert "Seulement 300 postes." in edit_page
    r = client.post(f"/claims/{claim.id}/evidence/{items[0].id}/edit", data={
        "stance": "refutes", "excerpt": "Seulement 300 postes en 2026.", "original_stance": "refutes",
        "original_excerpt": "Seulement 300 postes."})
    assert r.status_code == 302
    assert client.post(f"/claims/{claim.id}/evidence/{items[1].id}/remove").status_code == 302
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "Removed evidence (1)" in page
    assert client.post(f"/claims/{claim.id}/evidence/{items[1].id}/restore").status_code == 302
    assert client.post(f"/claims/{claim.id}/evidence/{items[1].id}/remove").status_code == 302

    # bad inputs: nothing half-written, the text stays in the form
    before = snapshot()
    long_summary = "Trop long. " * 30
    r = client.post(f"/claims/{claim.id}/verdict", data={"version_id": 0, "rating_id": rating().id,
                                                         "summary": long_summary, "explanation": "x"})
    assert r.status_code == 422
    body = r.get_data(as_text=True)
    assert "limit is 280" in body and long_summary.strip()[:100] in body
    assert snapshot() == before
    other_scale = RatingScale(name="Other", active=False, ratings=[Rating(label="Pants on fire", value=1)])
    db.session.add(other_scale)
    db.session.commit()
    r = client.post(f"/claims/{claim.id}/verdict", data={"version_id": 0, "rating_id": other_scale.ratings[0].id,
                                                         "summary": "Faux.", "explanation": "x"})
    assert r.status_code == 422 and "not on the active scale" in r.get_data(as_text=True)
    r = client.post(f"/claims/{claim.id}/verdict", data={"version_id": 0, "rating_id": rating().id,
                                                         "summary": "Faux.", "evidence_ids": [items[1].id]})
    assert r.status_code == 422  # removed evidence cannot be relied on
    assert snapshot() == before

    # a good draft, then a second save: two immutable revisions with the rating label copied
    r = client.post(f"/claims/{claim.id}/verdict", data={
        "version_id": 0, "rating_id": rating().id, "summary": "Les chiffres sont gonflés.",
        "explanation": "Selon **l’Insee**, <script>alert(1)</script> non.", "evidence_ids": [items[0].id]})
    assert r.status_code == 302
    verdict = db.session.scalar(select(Verdict).where(Verdict.claim_id == claim.id))
    r = client.post(f"/claims/{claim.id}/verdict", data={
        "version_id": verdict.version_id, "rating_id": rating("Mostly false").id,
        "summary": "Les chiffres sont exagérés.", "explanation": "Selon **l’Insee**, non.",
        "evidence_ids": [items[0].id, items[2].id]})
    assert r.status_code == 302
    db.session.expire_all()
    verdict = db.session.get(Verdict, verdict.id)
    assert [(r.number, r.kind, r.rating_label) for r in verdict.revisions] == [
        (1, "draft", "False"), (2, "draft", "Mostly false")]
    assert {e.id for e in verdict.evidence} == {items[0].id, items[2].id}
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "<strong>l’Insee</strong>" in page and "<script>alert" not in page

    # submit for editorial review
    r = client.post(f"/claims/{claim.id}/verdict/submit", data={"version_id": verdict.version_id})
    assert r.status_code == 302
    db.session.expire_all()
    verdict = db.session.get(Verdict, verdict.id)
    assert verdict.status == "proposed" and verdict.submitted_at is not None
    assert verdict.claim.status == "verdict_proposed"
    assert verdict.revisions[-1].kind == "submitted"
    # the history lists every change, oldest first
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    actions = re.findall(r"<strong>([^<]+)</strong>", page.split('id="history"')[1])
    assert actions == ["review started", "source attached", "source attached", "source attached",
                       "sources reordered", "source edited", "source removed", "source restored", "source removed",
                       "verdict draft saved", "verdict draft saved", "verdict submitted for review"]
    # every state change has exactly one audit event
    assert audit_count("claim.start_review", object_id=claim.id) == 1
    assert audit_count("verdict.submit", object_id=claim.id) == 1
    # once proposed the draft is locked for the checker: 409, nothing written
    before = snapshot()
    r = client.post(f"/claims/{claim.id}/verdict", data={"version_id": verdict.version_id, "rating_id": rating().id,
                                                         "summary": "Encore."})
    assert r.status_code == 409
    assert snapshot() == before


def test_claim_page_shows_article_highlight_links_and_escapes(app, checker):
    client, _ = checker
    article = factories.make_article(text="Le maire <b>dit</b> que 300 logements & plus. Fin.")
    claim = factories.make_claim(article=article, status="in_review", text="300 logements <i>vite</i>")
    other = factories.make_claim(status="triaged", text="Le maire n’a rien promis.")
    dup = factories.make_claim(status="new", text="300 logements (ailleurs)")
    factories.make_link(source=other, target=claim, type="denies")
    dup.article_id = factories.make_article().id
    factories.make_duplicate(claim=dup, of=claim)
    factories.make_link(source=claim, target=other, type="contradicts")
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert '<mark id="claim-span">Le maire &lt;b&gt;dit&lt;/b&gt; que 300 logements &amp; plus.</mark>' in page
    assert "300 logements &lt;i&gt;vite&lt;/i&gt;" in page
    assert "denied by" in page and "contradicts" in page and "group of 2" in page
    assert "Same claim in other articles" in page
    assert "Dispute: accusation and denial" in page
    assert "Start review on both" in page


def test_start_review_on_both_halves_of_a_dispute(app, checker):
    client, me = checker
    accusation = factories.make_claim(status="triaged", text="Le gouvernement gonfle les chiffres.")
    denial = factories.make_claim(status="triaged", text="Le ministère dément.")
    factories.make_link(source=denial, target=accusation, type="denies")
    r = client.post(f"/claims/{accusation.id}/start-review-pair", data={
        "version_id": version(accusation.id), "other_id": denial.id, "other_version_id": version(denial.id)})
    assert r.status_code == 302
    db.session.expire_all()
    for c in (accusation, denial):
        c = db.session.get(Claim, c.id)
        assert (c.status, c.assignee_id) == ("in_review", me.id)
        assert audit_count("claim.start_review", object_id=c.id) == 1
    # a claim not in a denial pair with this one
    stranger = factories.make_claim(status="triaged")
    r = client.post(f"/claims/{accusation.id}/start-review-pair", data={
        "version_id": version(accusation.id), "other_id": stranger.id, "other_version_id": version(stranger.id)})
    assert r.status_code == 422


def test_needs_more_info_and_resume(app, checker):
    client, me = checker
    claim = factories.make_claim(status="in_review", assignee=me)
    r = client.post(f"/claims/{claim.id}/needs-more-info", data={"version_id": version(claim.id),
                                                                "note": "Attendre le rapport."})
    assert r.status_code == 302
    assert db.session.get(Claim, claim.id).status == "needs_more_info"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "claim.needs_more_info"))
    assert event.after["note"] == "Attendre le rapport."
    assert client.post(f"/claims/{claim.id}/resume-review",
                       data={"version_id": version(claim.id)}).status_code == 302
    assert db.session.get(Claim, claim.id).status == "in_review"


def test_comments_resolve_mentions_and_show_chips(app, checker):
    client, me = checker
    marie = factories.make_user(roles=["editor"], display_name="Marie Curie", email="mcurie@example.org")
    paul = factories.make_user(roles=["checker"], display_name="Paul", email="pdupont@example.org")
    claim = factories.make_claim(status="in_review")
    body = "Avis de @Marie Curie et @pdupont ? <script>x</script> ping@example.org @nobody"
    assert client.post(f"/claims/{claim.id}/comments", data={"body": body}).status_code == 302
    comment = db.session.scalar(select(Comment).where(Comment.claim_id == claim.id))
    assert comment.mentions == [marie.id, paul.id]
    assert audit_count("comment.mention") == 2
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert '<span class="mention" title="mcurie@example.org">@Marie Curie</span>' in page
    assert '<span class="mention" title="pdupont@example.org">@pdupont</span>' in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "@nobody" in page
    assert client.post(f"/claims/{claim.id}/comments", data={"body": "  "}).status_code == 422


def test_checker_cannot_touch_someone_elses_claim(app, checker):
    client, _ = checker
    owner = factories.make_user(roles=["checker"], display_name="Owner")
    claim = factories.make_claim(status="in_review", assignee=owner)
    evidence = factories.make_evidence(claim=claim)
    factories.make_verdict(claim=claim, author=owner)
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    for hidden in ("Attach a source", "Edit verdict draft", "Remove", "Needs more information"):
        assert hidden not in page
    before = snapshot()
    v = db.session.get(Verdict, claim.verdict.id).version_id
    for url, data in [
        (f"/claims/{claim.id}/sources", {"citation": "x", "stance": "context"}),
        (f"/claims/{claim.id}/evidence/{evidence.id}/remove", {}),
        (f"/claims/{claim.id}/evidence/{evidence.id}/edit", {"stance": "supports", "excerpt": ""}),
        (f"/claims/{claim.id}/verdict", {"version_id": v, "rating_id": rating().id, "summary": "Mine."}),
        (f"/claims/{claim.id}/verdict/submit", {"version_id": v}),
        (f"/claims/{claim.id}/needs-more-info", {"version_id": version(claim.id), "note": "x"}),
    ]:
        assert client.post(url, data=data).status_code == 403, url
    assert client.get(f"/claims/{claim.id}/verdict").status_code == 403
    assert client.get(f"/claims/{claim.id}/sources/new").status_code == 403
    assert snapshot() == before
    # an editor holds claims.edit_any and may
    editor, _ = client_for(app, "editor")
    assert "Attach a source" in editor.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert editor.post(f"/claims/{claim.id}/sources", data={"citation": "x", "stance": "context"}).status_code == 302


def test_reviewer_cannot_draft_or_attach(app):
    client, _ = client_for(app, "reviewer")
    claim = factories.make_claim(status="in_review")
    assert client.get(f"/claims/{claim.id}").status_code == 200
    assert client.get(f"/claims/{claim.id}/verdict").status_code == 403
    assert client.post(f"/claims/{claim.id}/sources", data={"citation": "x"}).status_code == 403


def test_unknown_ids_are_404(app, checker):
    client, _ = checker
    claim = factories.make_claim(status="in_review")
    other_claim = factories.make_claim(status="in_review")
    foreign = factories.make_evidence(claim=other_claim)
    assert client.get("/claims/999999").status_code == 404
    assert client.get("/claims/999999/verdict").status_code == 404
    assert client.post("/claims/999999/start-review", data={"version_id": 1}).status_code == 404
    assert client.get(f"/claims/{claim.id}/evidence/999999/edit").status_code == 404
    # evidence of another claim is not reachable through this claim's URL
    assert client.post(f"/claims/{claim.id}/evidence/{foreign.id}/remove").status_code == 404
    assert client.post(f"/claims/{claim.id}/sources", data={"source_id": 999999, "stance": "context"}
                       ).status_code == 404


def test_transition_not_allowed_from_current_state_is_409(app, checker):
    client, me = checker
    claim = factories.make_claim(status="new")
    before = snapshot()
    r = client.post(f"/claims/{claim.id}/start-review", data={"version_id": version(claim.id)})
    assert r.status_code == 409 and "cannot go from new to in_review" in r.get_data(as_text=True)
    claim2 = factories.make_claim(status="in_review", assignee=me)
    factories.make_verdict(claim=claim2, author=me)
    claim2 = db.session.get(Claim, claim2.id)
    claim2.status = "published"
    db.session.commit()
    before = snapshot()
    r = client.post(f"/claims/{claim2.id}/verdict/submit", data={"version_id": claim2.verdict.version_id})
    assert r.status_code == 409
    assert snapshot() == before


def test_bad_source_url_is_422_and_kept(app, checker):
    client, me = checker
    claim = factories.make_claim(status="in_review", assignee=me)
    before = snapshot()
    r = client.post(f"/claims/{claim.id}/sources", data={"url": "javascript:alert(1)", "stance": "context"})
    assert r.status_code == 422
    r = client.post(f"/claims/{claim.id}/sources", data={"stance": "context"})
    assert r.status_code == 422 and "Give a URL or a citation" in r.get_data(as_text=True)
    assert snapshot() == before
