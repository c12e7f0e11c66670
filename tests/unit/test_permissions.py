"""Roles to permissions as data."""
import pytest

from factcheck.permissions import ALL_PERMISSIONS, ROLE_PERMISSIONS, ROLES, has_permission, permissions_for


def test_roles_are_the_four_desk_roles():
    assert ROLES == ("reviewer", "checker", "editor", "admin")
    assert set(ROLE_PERMISSIONS) == set(ROLES)


def test_a_user_with_several_roles_gets_the_union():
    combined = permissions_for(["reviewer", "checker"])
    assert "claims.triage" in combined and "verdicts.draft" in combined
    assert "verdicts.publish" not in combined


def test_reviewers_cannot_publish_and_checkers_cannot_triage():
    assert not has_permission(["reviewer"], "verdicts.publish")
    assert not has_permission(["checker"], "claims.triage")
    assert has_permission(["editor"], "verdicts.publish")


def test_admin_holds_every_permission():
    assert permissions_for(["admin"]) == ALL_PERMISSIONS


def test_unknown_roles_grant_nothing_and_unknown_permissions_are_errors():
    assert permissions_for(["intern"]) == frozenset()
    with pytest.raises(KeyError):
        has_permission(["admin"], "claims.fly")
