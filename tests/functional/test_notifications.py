"""Notifications: who is told of what (mentions, assignments, send-back, approval, publication, failed work), the
bell, the list, mark read, another person's notification, idempotent delivery, French words, and "my work"."""
from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import AuditEvent, Notification, Source, User
from factcheck.services.articles import article_status
from factcheck.services.claims import comments, source_fetch, triage
from factcheck.services.core import audit
from factcheck.services.notifications import fan_out
from tests import factories
from tests.factories import client_for


def notes_of(user: User) -> list[Notification]:
    db.session.expire_all()
    return list(db.session.scalars(select(Notification).where(Notification.user_id == user.id)
                                   .order_by(Notification.id)))


def test_mention_reaches_the_bell_the_list_and_is_marked_read(app):
    claire_client, claire = client_for(app, "checker", display_name="Claire")
    rita_client, rita = client_for(app, "reviewer", display_name="Rita")
    claim = factories.make_claim(status="in_review", assignee=claire, text="La dette a doublé en <b>2025</b>.")
    assert claire_client.post(f"/claims/{claim.id}/comments",
                              data={"body": "@Rita peux-tu relire <script>x</script> ?"}).status_code == 302

    assert notes_of(claire) == []  # nobody is told of their own words
    (note,) = notes_of(rita)
    assert (note.kind, note.actor_id, note.claim_id) == ("mention", claire.id, claim.id)
    page = rita_client.get("/notifications/").get_data(as_text=True)
    assert 'data-unread="1"' in page and "Notifications: 1 unread" in page
    assert "Claire mentioned you in a comment: “@Rita peux-tu relire &lt;script&gt;x&lt;/script&gt; ?”" in page
    assert "La dette a doublé en &lt;b&gt;2025&lt;/b&gt;." in page and "<script>x" not in page

    other_client, _ = client_for(app, "reviewer")
    assert other_client.post(f"/notifications/{note.id}/read").status_code == 404  # not theirs
    assert notes_of(rita)[0].read_at is None
    assert rita_client.post(f"/notifications/{note.id}/read").status_code == 302
    assert notes_of(rita)[0].read_at is not None
    assert 'data-unread="0"' in rita_client.get("/my-work").get_data(as_text=True)


def test_mark_all_read_and_the_unread_filter(app):
    client, rita = client_for(app, "reviewer", display_name="Rita")
    author = factories.make_user(roles=["checker"], display_name="Claire")
    claim = factories.make_claim(status="in_review")
    for _ in range(3):
        comments.add_comment(author, claim.id, body="@Rita regarde")
    assert client.get("/notifications/?unread=1").get_data(as_text=True).count("Claire mentioned you") == 3
    r = client.post("/notifications/read-all", follow_redirects=True)
    assert "3 notifications marked read." in r.get_data(as_text=True)
    assert "Nothing unread." in client.get("/notifications/?unread=1").get_data(as_text=True)
    assert all(n.read_at for n in notes_of(rita))


def test_assignment_tells_the_assignee_but_taking_a_claim_tells_nobody(app):
    reviewer = factories.make_user(roles=["reviewer"], display_name="Rita")
    checker = factories.make_user(roles=["checker"])
    queue = factories.make_queue(members=[(reviewer, "reviewer")])
    claim = factories.make_claim(status="triaged", queue=queue)
    triage.assign(reviewer, claim.id, expected_version=claim.version_id, assignee_id=checker.id)
    (note,) = notes_of(checker)
    assert (note.kind, note.actor_id, note.claim_id) == ("assigned", reviewer.id, claim.id)
    factories.make_claim(status="new", queue=queue)
    assert triage.take_next(reviewer, queue.id) is not None
    assert notes_of(reviewer) == []


def test_publication_tells_everyone_who_worked_on_the_claim_but_the_editor(app):
    checker_client, claire = client_for(app, "checker", display_name="Claire")
    editor_client, eddie = client_for(app, "editor", display_name="Eddie")
    verdict = factories.submitted_verdict(checker_client, claire)
    commenter = factories.make_user(roles=["reviewer"])
    comments.add_comment(commenter, verdict.claim_id, body="Source trouvée.")
    comments.add_comment(eddie, verdict.claim_id, body="Je relis.")
    assert editor_client.post(f"/editorial/verdicts/{verdict.id}/approve",
                              data={"version_id": verdict.version_id, "publish": "y"}).status_code == 302
    assert [n.kind for n in notes_of(claire)] == ["approved", "published"]
    assert [n.kind for n in notes_of(commenter)] == ["published"]
    assert notes_of(eddie) == []
    page = checker_client.get("/notifications/").get_data(as_text=True)
    assert "Eddie published the verdict on a claim you worked on." in page and "Eddie approved your verdict." in page


def test_failed_work_tells_whoever_started_it(app):
    submitter = factories.make_user(roles=["reviewer"])
    article = factories.make_article(status="fetching", title="Budget 2027")
    article.submitted_by_id = submitter.id
    db.session.commit()
    article_status.mark_failed(article.id, "The page answered 404.")
    (note,) = notes_of(submitter)
    assert (note.kind, note.article_id, note.detail["error"]) == ("failed", article.id, "The page answered 404.")

    checker = factories.make_user(roles=["checker"])
    claim = factories.make_claim(status="in_review")
    source = Source(url="ftp://example.org/x", created_by_id=checker.id)
    db.session.add(source)
    db.session.commit()
    factories.make_evidence(claim=claim, source=source).added_by_id = checker.id
    db.session.commit()
    assert source_fetch.fetch_source_metadata(source.id) == "failed"
    (note,) = notes_of(checker)
    assert (note.kind, note.claim_id, note.detail["url"]) == ("failed", claim.id, "ftp://example.org/x")


def test_delivery_is_idempotent_and_a_rolled_back_change_tells_nobody(app):
    author = factories.make_user(roles=["checker"])
    rita = factories.make_user(roles=["reviewer"], display_name="Rita")
    claim = factories.make_claim(status="in_review")
    comments.add_comment(author, claim.id, body="@Rita vois")
    (note,) = notes_of(rita)
    assert fan_out.notify_for_event(note.event_id) == []
    assert fan_out.notify_for_event(2**31 - 1) == []  # an event that is not there
    assert len(notes_of(rita)) == 1

    audit.record(author, "claim.assign", claim, after={"assignee_id": rita.id})
    db.session.flush()
    db.session.rollback()
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "claim.assign")) == 0
    assert len(notes_of(rita)) == 1


def test_notifications_speak_the_readers_language(app):
    client, rita = client_for(app, "reviewer", display_name="Rita")
    rita.locale = "fr"
    db.session.commit()
    author = factories.make_user(roles=["checker"], display_name="Claire")
    claim = factories.make_claim(status="in_review")
    comments.add_comment(author, claim.id, body="@Rita vois")
    page = client.get("/notifications/").get_data(as_text=True)
    assert "Claire vous a mentionné dans un commentaire : « @Rita vois »" in page
    assert "Tout marquer comme lu" in page


def test_my_work_lists_assigned_claims_by_state_verdicts_waiting_and_mentions(app):
    checker_client, claire = client_for(app, "checker", display_name="Claire")
    editor_client, eddie = client_for(app, "editor", display_name="Eddie")
    factories.make_claim(status="in_review", assignee=claire, text="Claim under review.")
    factories.make_claim(status="published", assignee=claire, text="Claim long finished.")
    sent_back = factories.submitted_verdict(checker_client, claire, summary="À revoir.")
    editor_client.post(f"/editorial/verdicts/{sent_back.id}/send-back",
                       data={"version_id": sent_back.version_id, "note": "Sources ?"})
    waiting = factories.submitted_verdict(checker_client, claire, summary="Prêt.")
    comments.add_comment(eddie, waiting.claim_id, body="@Claire bravo")

    page = checker_client.get("/my-work").get_data(as_text=True)
    assert "Claim under review." in page and "Claim long finished." not in page
    assert "Sent back to me" in page and "À revoir." in page
    assert "To approve" not in page and "Eddie mentioned you in a comment" in page
    page = editor_client.get("/my-work").get_data(as_text=True)
    assert "To approve" in page and "Prêt." in page and f"/editorial/verdicts/{waiting.id}" in page
    assert "Nothing is waiting for you" in client_for(app, "reviewer")[0].get("/my-work").get_data(as_text=True)


def test_mail_preference_is_saved_and_a_bad_one_refused(app):
    client, user = client_for(app, "reviewer")
    r = client.post("/auth/preferences", data={"locale": "", "timezone": "", "email_notifications": "digest"})
    assert r.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).email_notifications == "digest"
    r = client.post("/auth/preferences", data={"locale": "", "timezone": "", "email_notifications": "hourly"})
    assert r.status_code == 422 and "Not a valid choice" in r.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, user.id).email_notifications == "digest"
