"""Admin settings: self-approval and the fetch allowlist, validated, audited once per changed setting."""
import pytest
from sqlalchemy import select

from factcheck.admin.admin_forms import parse_allow_hosts
from factcheck.extensions import db
from factcheck.models import AppSetting, AuditEvent
from factcheck.services.core.fetch_policy import current_policy
from factcheck.services.core.settings import get_setting


def _events():
    return list(db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)))


def test_admin_changes_both_settings(client, login_as):
    admin = login_as("admin")
    page = client.get("/admin/settings")
    assert page.status_code == 200 and "fetch_allow_hosts" in page.get_data(as_text=True)
    hosts = ("wiki.Intranet.example\n\n10.20.0.0/16  # the newsroom LAN\n127.0.0.1:8080\n[::1]:80\n"
             "wiki.intranet.example\n")
    response = client.post("/admin/settings", data={"allow_self_approval": "y", "fetch_allow_hosts": hosts})
    assert response.status_code == 302
    assert get_setting("allow_self_approval") is True
    assert get_setting("fetch_allow_hosts") == ["wiki.intranet.example", "10.20.0.0/16", "127.0.0.1:8080", "[::1]:80"]
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


@pytest.mark.parametrize("bad", [
    "10.0.0.0/33", "10.0.0/8", "10.0.0.300/8", "10.0.0.1/16", "300.1.1.1", "host:99999", "host:port",
    "bad_host.example", "-leading.example", "http://intranet.example", "[::1", "[not-ipv6]:80",
    "fe80::/129", "10.20.0.0 /16",
])
def test_cidr_and_host_typos_are_a_422_and_nothing_is_written(client, login_as, bad):
    login_as("admin")
    response = client.post("/admin/settings", data={"allow_self_approval": "y",
                                                    "fetch_allow_hosts": f"ok.example\n{bad}"})
    assert response.status_code == 422
    assert "Line 2" in response.get_data(as_text=True)
    assert get_setting("allow_self_approval") is False and get_setting("fetch_allow_hosts") == []
    assert _events() == []


def test_parse_allow_hosts_normalises():
    assert parse_allow_hosts("ÉCOLE.example\n::1\n2001:DB8::/32\n10.1.2.3\nHost.Example:0443") == [
        "xn--cole-9oa.example", "[::1]", "2001:db8::/32", "10.1.2.3", "host.example:443"]
    with pytest.raises(ValueError, match="did you mean 10.0.0.0/16"):
        parse_allow_hosts("10.0.0.1/16")


@pytest.mark.parametrize("role", ["reviewer", "checker", "editor"])
def test_non_admins_get_403(client, login_as, role):
    login_as(role)
    assert client.get("/admin/settings").status_code == 403
    assert client.post("/admin/settings", data={"allow_self_approval": "y"}).status_code == 403
    assert get_setting("allow_self_approval") is False
