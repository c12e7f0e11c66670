"""Admin settings: self-approval and the fetch allowlist, validated, audited once per changed setting.

The allowlist's rules live in ``url_guard.parse_allowlist``; the settings form and ``settings_admin.set_setting``
both call it, and the tests below hold them to the same entries.
"""
import html

import pytest
from sqlalchemy import select

from factcheck.extensions import db
from factcheck.ingest.errors import BadAllowlist
from factcheck.ingest.url_guard import parse_allowlist
from factcheck.models import AppSetting, AuditEvent
from factcheck.services.admin.settings_admin import set_setting
from factcheck.services.core.errors import InvalidInput
from factcheck.services.core.fetch_policy import current_policy
from factcheck.services.core.settings import get_setting
from tests import factories

# Typed into the form as lines, or handed to the service as a list: stored as EXPECTED either way.
GOOD_LINES = ["wiki.Intranet.example", "", "10.20.0.0/16  # the newsroom LAN", "127.0.0.1:8080", "[::1]:80",
              "wiki.intranet.example", "ÉCOLE.example", "::1", "2001:DB8::/32", "Host.Example:0443"]
EXPECTED = ["wiki.intranet.example", "10.20.0.0/16", "127.0.0.1:8080", "[::1]:80", "xn--cole-9oa.example", "[::1]",
            "2001:db8::/32", "host.example:443"]

# Refused by both, each with a message that names it.
BAD_ENTRIES = [
    # networks
    "10.0.0.0/33", "10.0.0/8", "10.0.0.300/8", "10.0.0.1/16", "fe80::/129", "10.20.0.0 /16",
    # IP addresses, and spellings a browser reads as another address than the one written
    "300.1.1.1", "0x7f.1", "127.1", "10.1.2.3.", "host.123",
    # ports
    "host:99999", "host:port", "host:0", "[::1]:65536",
    # host names (international ones included), wildcards and URLs
    "bad_host.example", "-leading.example", "a..example", "intranet.example.", "ü" * 64 + ".example",
    "*.intranet.example", "intranet.*", "http://intranet.example",
    # IPv6 and its brackets
    "[::1", "[not-ipv6]:80", "[::1]x", "::1:80:zz",
]


def _events():
    return list(db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)))


def test_admin_changes_both_settings(client, login_as):
    admin = login_as("admin")
    page = client.get("/admin/settings")
    assert page.status_code == 200 and "fetch_allow_hosts" in page.get_data(as_text=True)
    response = client.post("/admin/settings", data={"allow_self_approval": "y",
                                                    "fetch_allow_hosts": "\n".join(GOOD_LINES)})
    assert response.status_code == 302
    assert get_setting("allow_self_approval") is True
    assert get_setting("fetch_allow_hosts") == EXPECTED
    events = _events()
    assert [(e.action, e.actor_id) for e in events] == [("setting.change", admin.id)] * 2
    assert events[0].before == {"allow_self_approval": False} and events[0].after == {"allow_self_approval": True}
    policy = current_policy()  # the fetcher accepts what the form stored
    assert policy.host_allowed("wiki.intranet.example", 443) and policy.host_allowed("127.0.0.1", 8080)
    assert policy.host_allowed("::1", 80)
    page = client.get("/admin/settings").get_data(as_text=True)
    assert "10.20.0.0/16" in page


def test_unchanged_settings_write_nothing_and_one_change_writes_one_event(client, login_as):
    login_as("admin")
    assert client.post("/admin/settings", data={"fetch_allow_hosts": ""}).status_code == 302
    assert _events() == [] and db.session.scalars(select(AppSetting)).all() == []
    assert client.post("/admin/settings", data={"fetch_allow_hosts": "intranet.example"}).status_code == 302
    assert [e.after for e in _events()] == [{"fetch_allow_hosts": ["intranet.example"]}]


@pytest.mark.parametrize("bad", BAD_ENTRIES)
def test_cidr_and_host_typos_are_a_422_and_nothing_is_written(client, login_as, bad):
    login_as("admin")
    response = client.post("/admin/settings", data={"allow_self_approval": "y",
                                                    "fetch_allow_hosts": f"ok.example\n{bad}"})
    assert response.status_code == 422
    assert f"Line 2: “{bad.lower()}" in html.unescape(response.get_data(as_text=True))
    assert get_setting("allow_self_approval") is False and get_setting("fetch_allow_hosts") == []
    assert _events() == []


@pytest.mark.parametrize("bad", BAD_ENTRIES)
def test_the_service_refuses_what_the_form_refuses_and_saves_nothing(app, bad):
    admin = factories.make_user(roles=["admin"])
    with pytest.raises(InvalidInput) as refused:
        set_setting(admin, "fetch_allow_hosts", ["ok.example", bad])
    assert str(refused.value).startswith("The fetch allowlist was not saved. ")
    assert f"Entry 2: “{bad.lower()}" in str(refused.value)
    db.session.rollback()
    assert db.session.get(AppSetting, "fetch_allow_hosts") is None and get_setting("fetch_allow_hosts") == []
    assert _events() == []


def test_the_service_stores_what_the_form_stores(app):
    admin = factories.make_user(roles=["admin"])
    set_setting(admin, "fetch_allow_hosts", GOOD_LINES)
    assert get_setting("fetch_allow_hosts") == EXPECTED
    assert [e.after for e in _events()] == [{"fetch_allow_hosts": EXPECTED}]


def test_the_service_refuses_entries_that_are_not_text(app):
    admin = factories.make_user(roles=["admin"])
    with pytest.raises(InvalidInput, match="Entry 2: 8080 is not text"):
        set_setting(admin, "fetch_allow_hosts", ["ok.example", 8080])
    with pytest.raises(InvalidInput, match="must be a list"):
        set_setting(admin, "fetch_allow_hosts", "ok.example")
    assert db.session.get(AppSetting, "fetch_allow_hosts") is None and _events() == []


def test_parse_allowlist_names_every_bad_entry_and_normalises_the_rest():
    assert parse_allowlist(GOOD_LINES) == EXPECTED
    assert parse_allowlist(["１２７.０.０.１", "☃.example  # a comment"]) == ["127.0.0.1", "xn--n3h.example"]
    with pytest.raises(BadAllowlist, match="did you mean 10.0.0.0/16") as refused:
        parse_allowlist(["ok.example", "10.0.0.1/16", "*.example", "fine.example"], label="Line")
    assert [problem.split(":")[0] for problem in refused.value.problems] == ["Line 2", "Line 3"]
    assert "wildcard" in str(refused.value)


@pytest.mark.parametrize("role", ["reviewer", "checker", "editor"])
def test_non_admins_get_403(client, login_as, role):
    login_as(role)
    assert client.get("/admin/settings").status_code == 403
    assert client.post("/admin/settings", data={"allow_self_approval": "y"}).status_code == 403
    assert get_setting("allow_self_approval") is False
