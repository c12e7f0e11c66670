"""Queue administration: queues, members, routing rules and the preview; every change audited exactly once."""
import re

import pytest
from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import Article, AuditEvent, Claim, Queue, QueueMember, RoutingRule
from factcheck.services.admin import queue_admin
from factcheck.services.queues import routing
from tests import factories


def _events(action_prefix=""):
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action.startswith(action_prefix))
                                   .order_by(AuditEvent.id)))


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_admin_creates_renames_archives_and_restores_a_queue(client, login_as):
    admin = login_as("admin")
    assert client.get("/admin/queues").status_code == 200
    response = client.post("/admin/queues/new", data={"name": "  Politique   française ", "description": "Élus"})
    assert response.status_code == 302
    queue = db.session.scalar(select(Queue).where(Queue.name == "Politique française"))
    assert queue is not None and response.headers["Location"].endswith(f"/admin/queues/{queue.id}")
    page = client.get(f"/admin/queues/{queue.id}")
    assert page.status_code == 200 and "Politique française" in page.get_data(as_text=True)

    assert client.post(f"/admin/queues/{queue.id}", data={"name": "Politique", "description": "Élus et partis"}
                       ).status_code == 302
    assert client.post(f"/admin/queues/{queue.id}/archive", data={"confirm": "yes"}).status_code == 302
    assert db.session.get(Queue, queue.id).archived
    assert client.post(f"/admin/queues/{queue.id}/unarchive", data={"confirm": "yes"}).status_code == 302
    queue = db.session.get(Queue, queue.id)
    assert (queue.name, queue.description, queue.archived) == ("Politique", "Élus et partis", False)

    events = _events("queue.")
    assert [e.action for e in events] == ["queue.create", "queue.update", "queue.archive", "queue.unarchive"]
    assert all(e.actor_id == admin.id and e.object_type == "queue" and e.object_id == queue.id for e in events)
    assert events[1].before == {"name": "Politique française", "description": "Élus"}


def test_saving_an_unchanged_queue_writes_no_audit_event(client, login_as):
    login_as("admin")
    queue = factories.make_queue(name="Santé", description="")
    assert client.post(f"/admin/queues/{queue.id}", data={"name": "Santé", "description": ""}).status_code == 302
    assert _events("queue.") == []


def test_duplicate_queue_name_is_a_422_and_nothing_is_written(client, login_as):
    login_as("admin")
    factories.make_queue(name="Économie")
    other = factories.make_queue(name="Santé")
    response = client.post("/admin/queues/new", data={"name": "économie"})
    assert response.status_code == 422 and "already exists" in response.get_data(as_text=True)
    response = client.post(f"/admin/queues/{other.id}", data={"name": "ÉCONOMIE"})
    assert response.status_code == 422
    assert db.session.get(Queue, other.id).name == "Santé"
    assert _count(Queue) == 2 and _events() == []


def test_unknown_queue_is_a_404(client, login_as):
    login_as("admin")
    assert client.get("/admin/queues/999999").status_code == 404
    assert client.post("/admin/queues/999999/archive", data={"confirm": "yes"}).status_code == 404
    assert client.get("/admin/queues/999999/rules/new").status_code == 404
    queue = factories.make_queue()
    other = factories.make_queue()
    rule = factories.make_routing_rule(queue=other)
    assert client.get(f"/admin/queues/{queue.id}/rules/{rule.id}").status_code == 404


def test_a_button_post_without_its_confirmation_changes_nothing(client, login_as):
    login_as("admin")
    queue = factories.make_queue()
    rule = factories.make_routing_rule(queue=queue)
    assert client.post(f"/admin/queues/{queue.id}/archive").status_code == 422
    assert client.post(f"/admin/queues/{queue.id}/rules/{rule.id}/delete").status_code == 422
    assert not db.session.get(Queue, queue.id).archived and db.session.get(RoutingRule, rule.id)
    assert _events() == []


@pytest.mark.parametrize("role", ["reviewer", "checker", "editor"])
def test_non_admins_get_403_and_change_nothing(client, login_as, role):
    login_as(role)
    queue = factories.make_queue(name="Intact")
    assert client.get("/admin/queues").status_code == 403
    assert client.post("/admin/queues/new", data={"name": "Pirate"}).status_code == 403
    assert client.post(f"/admin/queues/{queue.id}", data={"name": "Pirate"}).status_code == 403
    assert client.post(f"/admin/queues/{queue.id}/rules/new",
                       data={"min_checkworthiness": "0", "submit": "1"}).status_code == 403
    assert db.session.get(Queue, queue.id).name == "Intact" and _count(RoutingRule) == 0


def test_members_are_added_with_a_role_changed_and_removed(client, login_as):
    login_as("admin")
    queue = factories.make_queue()
    checker = factories.make_user(roles=["checker"], display_name="Camille")
    response = client.post(f"/admin/queues/{queue.id}/members", data={"user_id": checker.id, "role": "checker"})
    assert response.status_code == 302
    assert "Camille" in client.get(f"/admin/queues/{queue.id}").get_data(as_text=True)
    assert client.post(f"/admin/queues/{queue.id}/members", data={"user_id": checker.id, "role": "editor"}
                       ).status_code == 302
    assert db.session.get(QueueMember, (queue.id, checker.id)).role == "editor"
    assert client.post(f"/admin/queues/{queue.id}/members/remove", data={"user_id": checker.id}).status_code == 302
    assert db.session.get(QueueMember, (queue.id, checker.id)) is None
    events = _events("queue.member")
    assert [e.action for e in events] == ["queue.member_add", "queue.member_role", "queue.member_remove"]
    assert events[1].before == {"user_id": checker.id, "role": "checker"}


def test_bad_member_input_is_refused(client, login_as):
    login_as("admin")
    queue = factories.make_queue()
    user = factories.make_user(roles=["reviewer"])
    assert client.post(f"/admin/queues/{queue.id}/members", data={"user_id": user.id, "role": "admin"}
                       ).status_code == 422
    assert client.post(f"/admin/queues/{queue.id}/members", data={"user_id": 999999, "role": "checker"}
                       ).status_code == 422
    assert client.post(f"/admin/queues/{queue.id}/members/remove", data={"user_id": user.id}).status_code == 422
    assert _count(QueueMember) == 0 and _events() == []


def _rule_data(**overrides):
    data = {"language": "", "keywords": "", "outlet": "", "feed_id": "0", "min_checkworthiness": "0",
            "active": "y", "submit": "1"}
    data.update(overrides)
    return data


def test_rules_are_added_edited_reordered_and_deleted(client, login_as):
    login_as("admin")
    queue = factories.make_queue(name="Santé")
    feed = factories.make_feed()
    assert client.get(f"/admin/queues/{queue.id}/rules/new").status_code == 200
    response = client.post(f"/admin/queues/{queue.id}/rules/new", data=_rule_data(
        language="FR", keywords="vaccin, hôpital,, Vaccin ", outlet="Le Quotidien", feed_id=str(feed.id),
        min_checkworthiness="0.5"))
    assert response.status_code == 302
    first = db.session.scalar(select(RoutingRule))
    assert (first.language, first.keywords, first.outlet, first.feed_id, first.min_checkworthiness, first.active) == (
        "fr", ["vaccin", "hôpital"], "Le Quotidien", feed.id, 0.5, True)
    assert client.post(f"/admin/queues/{queue.id}/rules/new", data=_rule_data(keywords="santé")).status_code == 302
    second = db.session.scalar(select(RoutingRule).where(RoutingRule.id != first.id))
    assert second.position > first.position

    page = client.get(f"/admin/queues/{queue.id}/rules/{first.id}")
    assert page.status_code == 200 and "vaccin, hôpital" in page.get_data(as_text=True)
    edit = _rule_data(language="en", keywords="vaccine", min_checkworthiness="0.7")
    del edit["active"]  # an unticked checkbox is not sent
    assert client.post(f"/admin/queues/{queue.id}/rules/{first.id}", data=edit).status_code == 302
    first = db.session.get(RoutingRule, first.id)
    assert (first.language, first.keywords, first.min_checkworthiness, first.active, first.feed_id) == (
        "en", ["vaccine"], 0.7, False, None)

    assert client.post(f"/admin/queues/{queue.id}/rules/{second.id}/move", data={"direction": "up"}
                       ).status_code == 302
    order = [r.id for r in queue_admin.routing_order()]
    assert order == [second.id, first.id]
    assert client.post(f"/admin/queues/{queue.id}/rules/{second.id}/move", data={"direction": "sideways"}
                       ).status_code == 422
    assert client.post(f"/admin/queues/{queue.id}/rules/{first.id}/delete", data={"confirm": "yes"}
                       ).status_code == 302
    assert db.session.get(RoutingRule, first.id) is None
    assert [e.action for e in _events("routing_rule.")] == [
        "routing_rule.create", "routing_rule.create", "routing_rule.update", "routing_rule.move",
        "routing_rule.delete"]


@pytest.mark.parametrize("field, value", [
    ("min_checkworthiness", "2"), ("min_checkworthiness", "-0.1"), ("min_checkworthiness", "beaucoup"),
    ("min_checkworthiness", ""), ("language", "français"), ("feed_id", "999999")])
def test_bad_rule_input_is_a_422_and_nothing_is_written(client, login_as, field, value):
    login_as("admin")
    queue = factories.make_queue()
    rule = factories.make_routing_rule(queue=queue, keywords=["avant"])
    response = client.post(f"/admin/queues/{queue.id}/rules/new", data=_rule_data(**{field: value}))
    assert response.status_code == 422
    response = client.post(f"/admin/queues/{queue.id}/rules/{rule.id}", data=_rule_data(keywords="après",
                                                                                        **{field: value}))
    assert response.status_code == 422
    assert _count(RoutingRule) == 1 and db.session.get(RoutingRule, rule.id).keywords == ["avant"]
    assert _events() == []


def test_service_refuses_out_of_range_threshold_too(app):
    admin = factories.make_user(roles=["admin"])
    queue = factories.make_queue()
    from factcheck.services.core.errors import InvalidInput

    for bad in (2, -1, float("nan")):
        with pytest.raises(InvalidInput):
            queue_admin.create_rule(admin, queue.id, queue_admin.RuleSpec(min_checkworthiness=bad))
    assert _count(RoutingRule) == 0 and _events() == []


def _claims_for_preview():
    feed = factories.make_feed()
    le_quotidien = factories.make_article(outlet="Le Quotidien", language="fr")
    daily = factories.make_article(outlet="The Daily", language="en")
    from_feed = factories.make_article(outlet="le quotidien ", language="fr")
    from_feed.feed_id = feed.id
    db.session.commit()
    texts = ["Le vaccin a sauvé 10 000 vies.", "Les hôpitaux ont fermé 300 lits.", "Le chômage baisse de 2 %.",
             "Vaccine uptake rose to 80%.", "Crime fell by a third."]
    claims = []
    for i, text in enumerate(texts * 3):
        article = (le_quotidien, daily, from_feed)[i % 3]
        claims.append(factories.make_claim(article=article, text=text, checkworthiness=(i % 10) / 10,
                                           language=None if i % 4 == 0 else article.language))
    return feed, claims


def _brute_force(rule):
    rows = db.session.execute(select(Claim, Article).join(Article, Claim.article_id == Article.id)).all()
    return {c.id for c, a in rows if routing.rule_matches(rule, c, a)}


@pytest.mark.parametrize("spec", [
    {}, {"language": "fr"}, {"language": "en", "keywords": ("vaccin",)}, {"outlet": "LE QUOTIDIEN"},
    {"min_checkworthiness": 0.5}, {"keywords": ("hôpitaux", "CHÔMAGE")}, {"feed": True},
    {"language": "fr", "min_checkworthiness": 0.3, "keywords": ("vaccin", "lits")},
])
def test_preview_agrees_with_rule_matches(app, spec):
    feed, claims = _claims_for_preview()
    queue = factories.make_queue()
    spec = dict(spec)
    if spec.pop("feed", False):
        spec["feed_id"] = feed.id
    rule_spec = queue_admin.RuleSpec(**spec)
    for batch_size in (4, 500):  # batches that split the claims and one that holds them all
        preview = queue_admin.preview_rule(queue.id, rule_spec, batch_size=batch_size, sample_size=10)
        probe = RoutingRule(queue_id=queue.id, language=rule_spec.language, keywords=list(rule_spec.keywords),
                            outlet=rule_spec.outlet, feed_id=rule_spec.feed_id,
                            min_checkworthiness=rule_spec.min_checkworthiness, active=True)
        expected = _brute_force(probe)
        assert preview.matched == len(expected)
        assert {c.id for c in preview.sample} <= expected
        assert [c.id for c in preview.sample] == sorted(expected, reverse=True)[:10]
    assert _events() == [] and _count(RoutingRule) == 0  # the preview writes nothing


def test_preview_page_for_saved_and_unsaved_rules(client, login_as):
    login_as("admin")
    _, claims = _claims_for_preview()
    queue = factories.make_queue()
    earlier = factories.make_routing_rule(queue=factories.make_queue(), keywords=["hôpitaux"], position=0)
    rule = factories.make_routing_rule(queue=queue, language="fr", position=1)
    expected = _brute_force(rule)
    page = client.get(f"/admin/queues/{queue.id}/rules/{rule.id}/preview")
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and f"<strong>{len(expected)}</strong> of {len(claims)}" in body
    shadowed = len(expected & _brute_force(earlier))
    assert shadowed and f"{shadowed} of them would go to an earlier rule first" in body

    response = client.post(f"/admin/queues/{queue.id}/rules/new",
                           data=_rule_data(keywords="vaccin", preview="1", submit=""))
    assert response.status_code == 200 and "existing claims meet these conditions" in response.get_data(as_text=True)
    assert _count(RoutingRule) == 2 and _events() == []  # preview only: nothing saved


def test_buttons_and_forms_carry_their_csrf_token(app, make_app):
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    admin = factories.make_user(roles=["admin"])
    queue = factories.make_queue()
    rule = factories.make_routing_rule(queue=queue)
    login_page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', login_page).group(1)
    client.post("/auth/login", data={"email": admin.email, "password": factories.PASSWORD, "csrf_token": token})
    page = client.get(f"/admin/queues/{queue.id}").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    assert client.post(f"/admin/queues/{queue.id}/archive", data={"confirm": "yes"}).status_code == 400
    assert client.post(f"/admin/queues/{queue.id}/archive", data={"confirm": "yes", "csrf_token": token}
                       ).status_code == 302
    form_page = client.get(f"/admin/queues/{queue.id}/rules/{rule.id}").get_data(as_text=True)
    assert 'name="csrf_token"' in form_page
    assert [e.action for e in _events()] == ["queue.archive"]
