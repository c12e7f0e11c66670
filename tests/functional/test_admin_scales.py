"""Rating-scale administration: labels, order, colours, retiring, the one active scale, and history kept."""
import pytest
from sqlalchemy import func, select

from factcheck.extensions import db
from factcheck.models import AuditEvent, Rating, RatingScale, VerdictRevision
from factcheck.services.admin import scale_admin
from factcheck.services.core.errors import Conflict, InvalidInput
from tests import factories


def _actions(prefix=""):
    return [e.action for e in db.session.scalars(
        select(AuditEvent).where(AuditEvent.action.startswith(prefix)).order_by(AuditEvent.id))]


def _rating(label):
    return db.session.scalar(select(Rating).join(RatingScale).where(RatingScale.active.is_(True),
                                                                     Rating.label == label))


def _rating_data(**overrides):
    data = {"label": "Trompeur", "value": "2", "colour": "#8E24AA", "description": "Donne une fausse impression."}
    data.update(overrides)
    return data


def test_admin_creates_a_scale_adds_ratings_and_makes_it_active(client, login_as):
    login_as("admin")
    default = factories.active_scale()
    assert client.get("/admin/scales").status_code == 200
    response = client.post("/admin/scales/new", data={"name": "Échelle courte", "description": "Trois niveaux"})
    assert response.status_code == 302
    scale = db.session.scalar(select(RatingScale).where(RatingScale.name == "Échelle courte"))
    assert not scale.active
    # An empty scale cannot become the active one.
    assert client.post(f"/admin/scales/{scale.id}/activate", data={"confirm": "yes"}).status_code == 422
    for label, value, colour in (("Vrai", "3", "#1a7f37"), ("Faux", "1", "#c62828")):
        assert client.post(f"/admin/scales/{scale.id}/ratings",
                           data=_rating_data(label=label, value=value, colour=colour)).status_code == 302
    page = client.get(f"/admin/scales/{scale.id}").get_data(as_text=True)
    assert 'fill="#1a7f37"' in page and "Vrai" in page and 'style="' not in page
    assert client.post(f"/admin/scales/{scale.id}/activate", data={"confirm": "yes"}).status_code == 302
    active = db.session.scalars(select(RatingScale).where(RatingScale.active.is_(True))).all()
    assert [s.id for s in active] == [scale.id]
    assert not db.session.get(RatingScale, default.id).active
    assert _actions() == ["scale.create", "rating.create", "rating.create", "scale.activate"]
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "scale.activate"))
    assert event.before == {"active_scale_ids": [default.id]} and event.after == {"active_scale_ids": [scale.id]}


def test_edit_label_colour_value_and_description(client, login_as):
    login_as("admin")
    rating = _rating("Misleading")
    scale_id = rating.scale_id
    assert client.get(f"/admin/scales/{scale_id}/ratings/{rating.id}").status_code == 200
    response = client.post(f"/admin/scales/{scale_id}/ratings/{rating.id}", data=_rating_data())
    assert response.status_code == 302
    rating = db.session.get(Rating, rating.id)
    assert (rating.label, rating.value, rating.colour, rating.description) == (
        "Trompeur", 2, "#8e24aa", "Donne une fausse impression.")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "rating.update"))
    assert event.before["label"] == "Misleading" and event.after["label"] == "Trompeur"
    assert _actions() == ["rating.update"]


def test_renaming_a_rating_never_rewrites_a_verdicts_history(client, login_as):
    login_as("admin")
    verdict = factories.make_verdict(claim=factories.make_claim(), rating_label="False")
    rating = _rating("False")
    response = client.post(f"/admin/scales/{rating.scale_id}/ratings/{rating.id}",
                           data=_rating_data(label="Faux", value="1", colour="#c62828"))
    assert response.status_code == 302
    revision = db.session.scalar(select(VerdictRevision).where(VerdictRevision.verdict_id == verdict.id))
    assert revision.rating_label == "False" and revision.rating_id == rating.id
    assert db.session.get(Rating, rating.id).label == "Faux"


@pytest.mark.parametrize("field, value", [
    ("colour", "red"), ("colour", "#12345"), ("colour", "#gggggg"), ("colour", ""), ("label", ""),
    ("label", "x" * 61), ("value", "-1"), ("value", "deux"), ("label", "true")])
def test_bad_rating_input_is_a_422_and_nothing_is_written(client, login_as, field, value):
    login_as("admin")
    rating = _rating("Misleading")
    before = scale_admin.rating_snapshot(rating)
    count = db.session.scalar(select(func.count()).select_from(Rating))
    response = client.post(f"/admin/scales/{rating.scale_id}/ratings/{rating.id}", data=_rating_data(**{field: value}))
    assert response.status_code == 422
    response = client.post(f"/admin/scales/{rating.scale_id}/ratings", data=_rating_data(**{field: value}))
    assert response.status_code == 422
    db.session.expire_all()
    assert scale_admin.rating_snapshot(db.session.get(Rating, rating.id)) == before
    assert db.session.scalar(select(func.count()).select_from(Rating)) == count
    assert _actions() == []


def test_move_up_and_down_renumbers_positions(client, login_as):
    login_as("admin")
    scale = factories.active_scale()
    labels = [r.label for r in scale.ratings]
    second = scale.ratings[1]
    assert client.post(f"/admin/scales/{scale.id}/ratings/{second.id}/move", data={"direction": "up"}
                       ).status_code == 302
    db.session.expire_all()
    scale = db.session.get(RatingScale, scale.id)
    assert [r.label for r in scale.ratings] == [labels[1], labels[0], *labels[2:]]
    assert [r.position for r in scale.ratings] == list(range(len(labels)))
    # Moving the first one up is a no-op and writes nothing.
    assert client.post(f"/admin/scales/{scale.id}/ratings/{second.id}/move", data={"direction": "up"}
                       ).status_code == 302
    assert client.post(f"/admin/scales/{scale.id}/ratings/{second.id}/move").status_code == 422
    assert _actions() == ["rating.move"]


def test_retire_restore_and_delete_only_unused_ratings(client, login_as):
    login_as("admin")
    factories.make_verdict(claim=factories.make_claim(), rating_label="False")
    used, unused = _rating("False"), _rating("Unverifiable")
    scale_id = used.scale_id
    response = client.post(f"/admin/scales/{scale_id}/ratings/{used.id}/delete", data={"confirm": "yes"})
    assert response.status_code == 409 and "retire it" in response.get_data(as_text=True)
    assert db.session.get(Rating, used.id) is not None
    assert client.post(f"/admin/scales/{scale_id}/ratings/{used.id}/retire", data={"confirm": "yes"}
                       ).status_code == 302
    assert db.session.get(Rating, used.id).retired
    assert client.post(f"/admin/scales/{scale_id}/ratings/{used.id}/restore", data={"confirm": "yes"}
                       ).status_code == 302
    assert not db.session.get(Rating, used.id).retired
    assert client.post(f"/admin/scales/{scale_id}/ratings/{unused.id}/delete", data={"confirm": "yes"}
                       ).status_code == 302
    assert db.session.get(Rating, unused.id) is None
    assert _actions() == ["rating.retire", "rating.restore", "rating.delete"]


def test_a_rating_kept_only_by_a_revision_cannot_be_deleted(app):
    admin = factories.make_user(roles=["admin"])
    verdict = factories.make_verdict(claim=factories.make_claim(), rating_label="False")
    true = _rating("True")
    verdict.rating_id = true.id  # the verdict moved on; its first revision still names "False"
    db.session.commit()
    false = _rating("False")
    with pytest.raises(Conflict):
        scale_admin.delete_rating(admin, false.scale_id, false.id)
    assert db.session.get(Rating, false.id) is not None and _actions() == []


def test_the_active_scale_keeps_at_least_one_rating(app):
    admin = factories.make_user(roles=["admin"])
    scale = factories.active_scale()
    *others, last = scale.ratings
    for rating in others:
        scale_admin.set_retired(admin, scale.id, rating.id, True)
    with pytest.raises(InvalidInput):
        scale_admin.set_retired(admin, scale.id, last.id, True)
    assert not db.session.get(Rating, last.id).retired


def test_duplicate_scale_name_and_unknown_ids(client, login_as):
    login_as("admin")
    scale = factories.active_scale()
    assert client.post("/admin/scales/new", data={"name": scale.name.upper()}).status_code == 422
    assert client.get("/admin/scales/999999").status_code == 404
    other = db.session.scalar(select(Rating).where(Rating.scale_id == scale.id))
    assert client.get(f"/admin/scales/{scale.id}/ratings/999999").status_code == 404
    new = scale_admin.create_scale(factories.make_user(roles=["admin"]), name="Autre")
    assert client.get(f"/admin/scales/{new.id}/ratings/{other.id}").status_code == 404
    assert _actions() == ["scale.create"]


@pytest.mark.parametrize("role", ["reviewer", "checker", "editor"])
def test_non_admins_get_403(client, login_as, role):
    login_as(role)
    rating = _rating("False")
    assert client.get("/admin/scales").status_code == 403
    assert client.post(f"/admin/scales/{rating.scale_id}/ratings/{rating.id}", data=_rating_data()).status_code == 403
    assert client.post(f"/admin/scales/{rating.scale_id}/ratings/{rating.id}/retire",
                       data={"confirm": "yes"}).status_code == 403
    assert db.session.get(Rating, rating.id).label == "False" and _actions() == []
