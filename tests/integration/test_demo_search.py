"""Issue 11's "done means" for search: a new user searches « invasion » in the queue and finds the seed
article's claims, with the word marked."""
import re

import pytest

from factcheck.services.admin import demo
from tests import factories
from tests.conftest import SHARED

SEED = SHARED / "seeds" / "000_fc3dcdb732654b5c.txt"


def test_a_new_user_finds_the_seed_claims_about_the_invasion(app, client):
    if not SEED.exists():
        pytest.skip(f"the seed article is not at {SEED}")
    demo.seed(admin_email="admin@factcheck.local")
    demo.load_article(SEED.read_text(encoding="utf-8"), admin_email="admin@factcheck.local")
    newcomer = factories.make_user(roles=("editor",))
    client.post("/auth/login", data={"email": newcomer.email, "password": factories.PASSWORD})
    html = client.get("/queues/?q=invasion").get_data(as_text=True)
    rows = re.findall(r'<li class="claim-row[^"]*" id="claim-(\d+)"', html)
    assert rows, "no claim found"
    assert html.count("<mark>invasion</mark>") >= len(rows)  # each row shows where the word is
    assert "Ignored" not in html
