"""Services' refusals speak the reader's language (issue 12): each message is an English template with named
parameters, translated where it is shown (``str(exc)`` in a request); outside a request it stays English."""
import pytest

from factcheck.extensions import db
from factcheck.services.core.errors import Conflict, InvalidInput, NotFound
from tests import factories
from tests.factories import client_for, rating


def test_outside_a_request_the_message_is_the_english_template_filled_in():
    error = InvalidInput("The summary is %(length)s characters long; the limit is %(SUMMARY_MAX)s. Shorten it and "
                         "save again.", length=300, SUMMARY_MAX=280, field="summary")
    assert str(error) == "The summary is 300 characters long; the limit is 280. Shorten it and save again."
    assert error.field == "summary"
    assert str(NotFound("A 100 % sure message.")) == "A 100 % sure message."  # no parameters: no formatting
    error = Conflict("There is no claim %(claim_id)s.", ["a change"], claim_id=4)
    error.reword("Claim #%(claim_id)s: %(exc)s Nothing was changed.", claim_id=4, exc=str(error))
    assert str(error) == "Claim #4: There is no claim 4. Nothing was changed." and error.changes == ["a change"]


@pytest.mark.parametrize(("locale", "expected"), [
    (None, "The summary is 281 characters long; the limit is 280."),
    ("fr", "Le résumé fait 281 caractères ; la limite est de 280."),
])
def test_a_refusal_on_a_page_speaks_the_readers_language(app, locale, expected):
    client, checker = client_for(app, "checker")
    checker.locale = locale
    db.session.commit()
    claim = factories.make_claim(status="in_review", assignee=checker)
    r = client.post(f"/claims/{claim.id}/verdict", data={"version_id": 0, "rating_id": rating("False").id,
                                                         "summary": "x" * 281, "explanation": ""})
    assert r.status_code == 422 and expected in r.get_data(as_text=True)
    r = client.get("/claims/999999")
    assert r.status_code == 404 and ("There is no claim 999999." if locale is None
                                     else "Il n’y a pas d’affirmation 999999.") in r.get_data(as_text=True)


def test_a_conflict_lists_what_changed_in_the_readers_language(app):
    client, checker = client_for(app, "checker")
    checker.locale = "fr"
    db.session.commit()
    claim = factories.make_claim(status="in_review", assignee=checker)
    data = {"rating_id": rating("False").id, "summary": "Le mien.", "explanation": ""}
    assert client.post(f"/claims/{claim.id}/verdict", data={"version_id": 0, **data}).status_code == 302
    r = client.post(f"/claims/{claim.id}/verdict", data={"version_id": 0, **data, "summary": "Autre."})
    page = r.get_data(as_text=True)
    assert r.status_code == 409 and "Résumé — le sien : “Le mien.” ; le vôtre : “Autre.”." in page
    assert "Le verdict est désormais à l’état draft." in page
