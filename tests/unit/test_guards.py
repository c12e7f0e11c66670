"""The service layer's one permission check (``services.core.guards``): who passes, how refusals look, who uses it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask_login import AnonymousUserMixin

from factcheck import workflow
from factcheck.models import User, UserRole
from factcheck.permissions import ALL_PERMISSIONS, ROLES, has_permission
from factcheck.services.core import guards
from factcheck.services.core.errors import InvalidTransition, PermissionDenied, ServiceError
from factcheck.services.core.guards import SYSTEM, can, require, require_transition
from factcheck.web.errors import status_for

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ROOT / "factcheck" / "services"
GUARDS = SERVICES / "core" / "guards.py"
PERMISSIONS = sorted(ALL_PERMISSIONS)


def _user(*roles: str) -> User:
    """A transient user (never saved): the guard reads only its roles."""
    return User(id=1, email="someone@example.org", display_name="Someone",
                role_rows=[UserRole(role=r) for r in roles])


# --- who passes ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("permission", PERMISSIONS)
def test_none_is_refused_every_permission(permission):
    assert not can(None, permission)
    with pytest.raises(PermissionDenied, match=re.escape(permission)):
        require(None, permission)


@pytest.mark.parametrize("permission", PERMISSIONS)
def test_flask_logins_anonymous_user_is_refused_too(permission):
    with pytest.raises(PermissionDenied):
        require(AnonymousUserMixin(), permission)  # type: ignore[arg-type]  (what a careless view could pass)


@pytest.mark.parametrize("permission", PERMISSIONS)
def test_the_system_actor_holds_every_permission(permission):
    assert can(SYSTEM, permission)
    require(SYSTEM, permission)
    assert SYSTEM.id is None  # what it writes records no person


@pytest.mark.parametrize("role", ROLES)
def test_a_user_holds_exactly_what_its_roles_grant(role):
    user = _user(role)
    for permission in PERMISSIONS:
        assert can(user, permission) == has_permission([role], permission), (role, permission)
        if has_permission([role], permission):
            require(user, permission)
        else:
            with pytest.raises(PermissionDenied, match="Only for testing"):
                require(user, permission, "Only for testing")


def test_a_user_without_roles_holds_nothing():
    assert not any(can(_user(), p) for p in PERMISSIONS)


def test_an_unknown_permission_is_a_bug_whoever_asks():
    for actor in (None, SYSTEM, _user("admin")):
        with pytest.raises(KeyError):
            can(actor, "claims.fly")


# --- transitions --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("role", ROLES)
def test_require_transition_follows_the_workflow_table(role):
    """The table itself is checked against a golden copy in test_workflow; here, that the guard follows it."""
    user = _user(role)
    for source in workflow.STATES:
        for target in workflow.STATES:
            if (source, target) not in workflow.TRANSITIONS:
                with pytest.raises(InvalidTransition):
                    require_transition(user, source, target)
                with pytest.raises(InvalidTransition):
                    require_transition(SYSTEM, source, target)
            elif workflow.can_transition(source, target, [role]):
                assert require_transition(user, source, target) == workflow.transition(source, target)
            else:
                with pytest.raises(PermissionDenied, match=f"from {source} to {target}"):
                    require_transition(user, source, target)


def test_require_transition_refuses_none_and_lets_the_system_through():
    for source, target in workflow.TRANSITIONS:
        with pytest.raises(PermissionDenied):
            require_transition(None, source, target)
        assert require_transition(SYSTEM, source, target).action == workflow.TRANSITIONS[(source, target)][1]


def test_unknown_states_are_an_invalid_transition():
    with pytest.raises(InvalidTransition):
        require_transition(SYSTEM, "new", "flying")


# --- every refusal is a ServiceError with its status --------------------------------------------------------

def _refusal(make) -> ServiceError:
    with pytest.raises(ServiceError) as caught:
        make()
    return caught.value


@pytest.mark.parametrize(("make", "kind", "status"), [
    (lambda: require(None, "claims.view"), PermissionDenied, 403),
    (lambda: require(_user("checker"), "claims.triage"), PermissionDenied, 403),
    (lambda: require_transition(_user("reviewer"), "approved", "published"), PermissionDenied, 403),
    (lambda: require_transition(None, "new", "triaged"), PermissionDenied, 403),
    (lambda: require_transition(_user("admin"), "new", "published"), InvalidTransition, 409),
], ids=["none", "role", "transition-permission", "transition-none", "no-such-transition"])
def test_each_refusal_is_a_service_error_with_its_status(make, kind, status):
    refusal = _refusal(make)
    assert type(refusal) is kind
    assert status_for(refusal) == status


# --- nobody checks permissions around the guard ------------------------------------------------------------

# has_permission / permissions_for answer for roles, not actors (no SYSTEM, no refusal of None); the workflow
# lookup raises its own pure error. Only the guard may use them; services ask ``can``/``require``/
# ``require_transition``. ``ROLES`` and the workflow's state sets are data and stay free to import.
BYPASSES = {
    "has_permission": re.compile(r"\bhas_permission\b"),
    "permissions_for": re.compile(r"\bpermissions_for\b"),
    "workflow.transition": re.compile(r"\bworkflow\s*\.\s*transition\s*\("),
    "workflow.check_transition": re.compile(r"\bcheck_transition\b"),
    "workflow.can_transition": re.compile(r"\bcan_transition\b"),
    "importing transition": re.compile(r"from\s+factcheck\.workflow\s+import\s[^\n]*\btransition\b"),
}


def _bypasses(source: str) -> list[str]:
    return [name for name, pattern in BYPASSES.items() if pattern.search(source)]


def test_no_service_checks_a_permission_outside_the_guard():
    offenders = [f"{path.relative_to(ROOT)}: {', '.join(found)}"
                 for path in sorted(SERVICES.rglob("*.py")) if path != GUARDS
                 if (found := _bypasses(path.read_text(encoding="utf-8")))]
    assert offenders == [], ("services check permissions through factcheck.services.core.guards only "
                             "(can, require, require_transition):\n" + "\n".join(offenders))


def test_the_bypass_check_sees_each_way_around_the_guard():
    assert _bypasses("if not has_permission(actor.roles, 'x'):") == ["has_permission"]
    assert _bypasses("from factcheck.permissions import permissions_for") == ["permissions_for"]
    assert _bypasses("step = workflow.transition(claim.status, target)") == ["workflow.transition"]
    assert _bypasses("workflow.check_transition(a, b, roles)") == ["workflow.check_transition"]
    assert _bypasses("from factcheck.workflow import STATES, transition") == ["importing transition"]
    assert _bypasses("if workflow.can_transition(a, b, actor.roles):") == ["workflow.can_transition"]
    assert _bypasses("from factcheck.permissions import ROLES\nworkflow.next_states(s, r)") == []
    assert _bypasses(GUARDS.read_text(encoding="utf-8"))  # the guard itself is the one allowed user
    assert guards.__file__ and Path(guards.__file__).resolve() == GUARDS
