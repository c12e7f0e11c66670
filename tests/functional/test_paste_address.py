"""A pasted text is never refused for its "original address" (issue 12): an address that does not resolve or
points inside the network is left out, the text is stored, and the page says why."""
import pytest
from sqlalchemy import select

from factcheck.extensions import db
from factcheck.models import Article, AuditEvent

TEXT = "The council said on Monday that 1,200 homes will be built by 2027 in the northern districts."


@pytest.mark.parametrize("address", ["http://10.1.2.3/budget.html", "ftp://example.org/budget.txt"])
def test_paste_keeps_the_text_and_flags_the_address(client, login_as, address):
    login_as("reviewer")
    r = client.post("/articles/paste", data={"text": TEXT, "title": "Homes", "url": address},
                    follow_redirects=True)
    page = r.get_data(as_text=True)
    assert r.status_code == 200 and "Article queued for extraction." in page
    assert f"The text is stored, but not its original address “{address}”" in page
    article = db.session.scalars(select(Article)).one()
    assert (article.raw_text, article.url) == (TEXT, None)
    flagged = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "article.address_left_out")).one()
    assert flagged.after["address"] == address and "cannot be used" in flagged.after["reason"]


def test_a_good_address_is_kept_without_a_flag(client, login_as):
    login_as("reviewer")
    r = client.post("/articles/paste", data={"text": TEXT, "url": "https://93.184.215.14/homes.html"},
                    follow_redirects=True)
    assert "original address" not in r.get_data(as_text=True)
    assert db.session.scalars(select(Article)).one().url == "https://93.184.215.14/homes.html"
