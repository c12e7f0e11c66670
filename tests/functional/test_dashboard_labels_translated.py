"""The dashboard speaks the reader's language: chart series, axis titles, day labels, durations and the tables."""
import json
import re
from datetime import timedelta

import pytest

from factcheck.admin.dashboard import duration
from tests import factories


def _chart_data(body: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="dashboard-data">(.*?)</script>', body,
                                re.S).group(1))


@pytest.mark.parametrize("language, series, text, open_bar", [
    ("en", ["Claims in", "Triaged", "Into review", "Published"], "Day", "Open claims"),
    ("fr", ["Affirmations entrées", "Triées", "Mises en vérification", "Publiées"], "Jour", "Affirmations en cours"),
])
def test_series_and_axis_labels_follow_the_reader(client, language, series, text, open_bar):
    admin = factories.make_user(roles=["admin"])
    admin.locale = language
    factories.make_claim(queue=factories.make_queue(name="Politique"))  # a backlog row, so the bar chart is drawn
    client.post("/auth/login", data={"email": admin.email, "password": factories.PASSWORD})
    body = client.get("/admin/dashboard").get_data(as_text=True)
    data = _chart_data(body)
    assert [s["label"] for s in data["series"]] == series
    assert (data["text"]["day"], data["text"]["open_claims"]) == (text, open_bar)
    assert f"<th>{series[0]}</th>" in body  # the table under the chart says the same
    assert f'aria-label="{series[0]} {"par jour" if language == "fr" else "per day"}"' in body


def test_day_labels_and_durations_are_written_the_french_way(client, app):
    admin = factories.make_user(roles=["admin"])
    admin.locale = "fr"
    client.post("/auth/login", data={"email": admin.email, "password": factories.PASSWORD})
    days = _chart_data(client.get("/admin/dashboard?days=7").get_data(as_text=True))["days"]
    assert len(days) == 7 and not any(re.fullmatch(r"\d{4}-\d\d-\d\d", d) for d in days)  # « 2 déc. », not ISO
    with app.test_request_context(headers={"Accept-Language": "fr"}):
        assert duration(timedelta(days=3, hours=4)) == "3 j 4 h"
