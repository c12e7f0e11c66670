"""The claim state machine: every allowed and every forbidden transition, for every role."""
import itertools

import pytest

from factcheck import workflow
from factcheck.permissions import ROLE_PERMISSIONS, ROLES

ALL_PAIRS = list(itertools.product(workflow.STATES, workflow.STATES))


@pytest.mark.parametrize(("source", "target"), sorted(workflow.TRANSITIONS))
@pytest.mark.parametrize("role", ROLES)
def test_allowed_transition_follows_the_permission_table(source, target, role):
    permission, _action = workflow.TRANSITIONS[(source, target)]
    if permission in ROLE_PERMISSIONS[role]:
        step = workflow.check_transition(source, target, [role])
        assert (step.source, step.target, step.permission) == (source, target, permission)
        assert workflow.can_transition(source, target, [role])
    else:
        with pytest.raises(workflow.TransitionForbidden):
            workflow.check_transition(source, target, [role])
        assert not workflow.can_transition(source, target, [role])


@pytest.mark.parametrize(("source", "target"), [p for p in ALL_PAIRS if p not in workflow.TRANSITIONS])
def test_every_pair_outside_the_table_is_refused_even_for_admins(source, target):
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.check_transition(source, target, ROLES)
    assert not workflow.can_transition(source, target, ROLES)


def test_unknown_states_are_refused():
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.transition("new", "flying")
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.transition("limbo", "new")


def test_every_state_is_reachable_from_new():
    reached, frontier = {"new"}, ["new"]
    while frontier:
        state = frontier.pop()
        for (frm, to) in workflow.TRANSITIONS:
            if frm == state and to not in reached:
                reached.add(to)
                frontier.append(to)
    assert reached == set(workflow.STATES)


def test_the_happy_path_needs_each_desk_role():
    path = ["new", "triaged", "in_review", "verdict_proposed", "approved", "published", "corrected", "unpublished"]
    roles_for_step = {"triaged": "reviewer", "in_review": "checker", "verdict_proposed": "checker",
                      "approved": "editor", "published": "editor", "corrected": "editor", "unpublished": "editor"}
    for source, target in zip(path, path[1:], strict=False):
        workflow.check_transition(source, target, [roles_for_step[target]])
    with pytest.raises(workflow.TransitionForbidden):
        workflow.check_transition("approved", "published", ["reviewer"])


def test_next_states_lists_only_what_the_role_may_do():
    assert workflow.next_states("new", ["reviewer"]) == ["triaged", "dismissed", "merged"]
    assert workflow.next_states("new", ["checker"]) == []
    assert "published" in workflow.next_states("approved", ["editor"])
