"""The interface language (profile, then Accept-Language), the time zone (profile, then the instance default),
and dates and numbers formatted for both."""
import re
from datetime import datetime, timedelta, timezone
from html import unescape

import pytest
from flask import g
from flask_login import login_user
from sqlalchemy import select

from factcheck import catalogues
from factcheck.extensions import db
from factcheck.models import AuditEvent, User
from factcheck.services.accounts import preferences
from factcheck.services.admin.settings_admin import set_setting
from factcheck.services.core.errors import InvalidInput
from factcheck.services.core.guards import SYSTEM
from factcheck.services.core.settings import get_setting
from factcheck.web.i18n import ago, number, when
from tests import factories

NOON_UTC = datetime(2026, 1, 15, 12, 0, tzinfo=timezone.utc)


def _lang(response) -> str:
    html = response.get_data(as_text=True)
    return html.split('<html lang="', 1)[1].split('"', 1)[0]


@pytest.mark.parametrize("header, expected", [(None, "en"), ("fr-FR,fr;q=0.9,en;q=0.5", "fr"),
                                              ("de-DE,en;q=0.5", "en"), ("de-DE", "en")])
def test_anonymous_pages_follow_accept_language(client, header, expected):
    headers = {"Accept-Language": header} if header else {}
    assert _lang(client.get("/auth/login", headers=headers)) == expected


def test_the_profile_language_wins_over_the_browser(client, login_as):
    user = login_as("reviewer")
    assert _lang(client.get("/home", headers={"Accept-Language": "fr"})) == "fr"
    user.locale = "en"
    db.session.commit()
    assert _lang(client.get("/home", headers={"Accept-Language": "fr"})) == "en"


def test_preferences_page_saves_language_and_time_zone(client, login_as):
    user = login_as("checker")
    assert client.get("/auth/preferences").status_code == 200
    response = client.post("/auth/preferences", data={"locale": "fr", "timezone": "Europe/Paris"})
    assert response.status_code == 302
    user = db.session.get(User, user.id)
    assert (user.locale, user.timezone) == ("fr", "Europe/Paris")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.preferences"))
    assert event.before == {"locale": None, "timezone": None}
    assert event.after == {"locale": "fr", "timezone": "Europe/Paris"}
    assert _lang(client.get("/auth/preferences")) == "fr"
    # empty choices go back to following the browser and the instance
    assert client.post("/auth/preferences", data={"locale": "", "timezone": ""}).status_code == 302
    assert (db.session.get(User, user.id).locale, db.session.get(User, user.id).timezone) == (None, None)


def test_preferences_refuse_unknown_values_and_keep_the_old_ones(client, login_as):
    user = login_as("checker")
    response = client.post("/auth/preferences", data={"locale": "de", "timezone": "Mars/Olympus"})
    assert response.status_code == 422
    assert (db.session.get(User, user.id).locale, db.session.get(User, user.id).timezone) == (None, None)
    with pytest.raises(InvalidInput, match="not a time zone"):
        preferences.set_preferences(user, locale="fr", timezone="Mars/Olympus")
    with pytest.raises(InvalidInput):
        preferences.set_preferences(user, locale="de", timezone="")


def test_the_instance_time_zone_is_a_setting_and_is_validated(app):
    set_setting(SYSTEM, "default_timezone", "America/New_York")
    with app.test_request_context():
        g.__dict__.clear()
        assert when(NOON_UTC, "HH:mm") == "07:00"
    with pytest.raises(InvalidInput):
        set_setting(SYSTEM, "default_timezone", "Nowhere/Special")


def test_settings_page_changes_the_default_time_zone(client, login_as):
    login_as("admin")
    response = client.post("/admin/settings", data={"default_timezone": "Europe/Paris"})
    assert response.status_code == 302
    assert get_setting("default_timezone") == "Europe/Paris"


def test_dates_numbers_and_relative_times_follow_locale_and_time_zone(app):
    user = factories.make_user(roles=("checker",))
    user.timezone = "Europe/Paris"
    db.session.commit()
    with app.test_request_context(headers={"Accept-Language": "fr"}):
        g.__dict__.clear()
        login_user(user)
        assert when(NOON_UTC) == "15/01/2026 13:00"
        assert number(0.75, "0.00") == "0,75"
        assert number(1234567) == "1\u202f234\u202f567"
        assert ago(datetime.now(timezone.utc) - timedelta(hours=3)) == "il y a 3 heures"
    with app.test_request_context(headers={"Accept-Language": "en"}):
        g.__dict__.clear()  # a new request in production (the fixture's app context would keep the cached choice)
        assert when(NOON_UTC, "medium") == "Jan 15, 2026, 12:00:00\u202fPM"  # no profile: the instance's UTC
        assert number(0.75, "0.00") == "0.75"
        assert ago(datetime.now(timezone.utc) - timedelta(days=2)) == "2 days ago"
        assert when(None) == "" and ago(None) == ""


def _visible_text(html: str) -> str:
    html = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_a_french_desk_sees_no_english_interface_text(client, app):
    """Every page of the day's work, for a French-speaking admin: no interface string is left in English."""
    user = factories.make_user(roles=("admin", "editor", "checker", "reviewer"))
    user.locale = "fr"
    db.session.commit()
    assert client.post("/auth/login", data={"email": user.email, "password": factories.PASSWORD}).status_code == 302
    queue = factories.make_queue()
    claim = factories.make_claim(queue=queue, status="in_review")
    claim.assignee_id = user.id
    factories.make_evidence(claim=claim)
    proposed = factories.make_verdict(claim=factories.make_claim(queue=queue, status="verdict_proposed"),
                                      status="proposed")
    db.session.commit()
    english = {m.id: m.string for m in catalogues.read("fr") if isinstance(m.id, str) and len(m.id) > 12
               and m.string != m.id and "%(" not in m.id and "{" not in m.id}
    urls = ["/home", "/queues/", f"/queues/{queue.id}", f"/claims/{claim.id}", f"/claims/{claim.id}/verdict",
            f"/claims/{claim.id}/sources/new", "/editorial/", f"/editorial/verdicts/{proposed.id}", "/articles/",
            "/articles/new", "/articles/feeds", "/admin/scales", "/admin/settings", "/admin/users", "/admin/audit",
            "/admin/queues", f"/admin/queues/{queue.id}", "/admin/dashboard", "/auth/preferences", "/auth/tokens",
            "/auth/password", "/factchecks/"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        assert '<html lang="fr">' in html, url
        text = _visible_text(html)
        left = [msgid for msgid in english if msgid in text]
        assert left == [], f"{url} still says {left}"
    assert "Se déconnecter" in _visible_text(client.get("/home").get_data(as_text=True))


def test_comments_say_how_long_ago_in_the_readers_language(client, login_as):
    user = login_as("checker")
    claim = factories.make_claim(status="in_review")
    comment = factories.make_comment(claim=claim, author=user)
    comment.created_at = datetime.now(timezone.utc) - timedelta(hours=2)
    db.session.commit()
    assert "il y a 2 heures" in client.get(f"/claims/{claim.id}", headers={"Accept-Language": "fr"}).get_data(
        as_text=True)
    assert "2 hours ago" in client.get(f"/claims/{claim.id}", headers={"Accept-Language": "en"}).get_data(
        as_text=True)
