"""The claim state machine against a golden table written out by hand.

``GOLDEN`` is literal data, not computed from ``factcheck.workflow``: every (from, to) pair of states, the audit
action the transition records, and for each role whether it may take it. Any change to the rules (a new
transition, a role gaining or losing one, a renamed action) fails here until the table is changed on purpose.
"""
import pytest

from factcheck import workflow
from factcheck.permissions import ROLES as PERMISSION_ROLES

OK = "ok"  # the role may take the transition: can_transition says so (the service guard lets it through)
DENY = "denied"  # the transition exists but the role lacks its permission (the guard: PermissionDenied)
NO = "none"  # no such transition, whoever asks: TransitionNotAllowed (the guard: InvalidTransition)

STATES = (
    "new", "triaged", "in_review", "needs_more_info", "verdict_proposed", "sent_back", "approved",
    "published", "corrected", "unpublished", "dismissed", "merged",
)
ROLES = ("reviewer", "checker", "editor", "admin")

GOLDEN = [
    # from               to                  audit action              reviewer  checker  editor  admin
    ("new",              "new",              None,                     NO,       NO,      NO,     NO),
    ("new",              "triaged",          "claim.accept",           OK,       DENY,    OK,     OK),
    ("new",              "in_review",        None,                     NO,       NO,      NO,     NO),
    ("new",              "needs_more_info",  None,                     NO,       NO,      NO,     NO),
    ("new",              "verdict_proposed", None,                     NO,       NO,      NO,     NO),
    ("new",              "sent_back",        None,                     NO,       NO,      NO,     NO),
    ("new",              "approved",         None,                     NO,       NO,      NO,     NO),
    ("new",              "published",        None,                     NO,       NO,      NO,     NO),
    ("new",              "corrected",        None,                     NO,       NO,      NO,     NO),
    ("new",              "unpublished",      None,                     NO,       NO,      NO,     NO),
    ("new",              "dismissed",        "claim.dismiss",          OK,       DENY,    OK,     OK),
    ("new",              "merged",           "claim.merge",            OK,       DENY,    OK,     OK),

    ("triaged",          "new",              None,                     NO,       NO,      NO,     NO),
    ("triaged",          "triaged",          None,                     NO,       NO,      NO,     NO),
    ("triaged",          "in_review",        "claim.start_review",     DENY,     OK,      OK,     OK),
    ("triaged",          "needs_more_info",  None,                     NO,       NO,      NO,     NO),
    ("triaged",          "verdict_proposed", None,                     NO,       NO,      NO,     NO),
    ("triaged",          "sent_back",        None,                     NO,       NO,      NO,     NO),
    ("triaged",          "approved",         None,                     NO,       NO,      NO,     NO),
    ("triaged",          "published",        None,                     NO,       NO,      NO,     NO),
    ("triaged",          "corrected",        None,                     NO,       NO,      NO,     NO),
    ("triaged",          "unpublished",      None,                     NO,       NO,      NO,     NO),
    ("triaged",          "dismissed",        "claim.dismiss",          OK,       DENY,    OK,     OK),
    ("triaged",          "merged",           "claim.merge",            OK,       DENY,    OK,     OK),

    ("in_review",        "new",              None,                     NO,       NO,      NO,     NO),
    ("in_review",        "triaged",          None,                     NO,       NO,      NO,     NO),
    ("in_review",        "in_review",        None,                     NO,       NO,      NO,     NO),
    ("in_review",        "needs_more_info",  "claim.needs_more_info",  DENY,     OK,      OK,     OK),
    ("in_review",        "verdict_proposed", "verdict.submit",         DENY,     OK,      OK,     OK),
    ("in_review",        "sent_back",        None,                     NO,       NO,      NO,     NO),
    ("in_review",        "approved",         None,                     NO,       NO,      NO,     NO),
    ("in_review",        "published",        None,                     NO,       NO,      NO,     NO),
    ("in_review",        "corrected",        None,                     NO,       NO,      NO,     NO),
    ("in_review",        "unpublished",      None,                     NO,       NO,      NO,     NO),
    ("in_review",        "dismissed",        None,                     NO,       NO,      NO,     NO),
    ("in_review",        "merged",           "claim.answer",           DENY,     OK,      OK,     OK),

    ("needs_more_info",  "new",              None,                     NO,       NO,      NO,     NO),
    ("needs_more_info",  "triaged",          None,                     NO,       NO,      NO,     NO),
    ("needs_more_info",  "in_review",        "claim.resume_review",    DENY,     OK,      OK,     OK),
    ("needs_more_info",  "needs_more_info",  None,                     NO,       NO,      NO,     NO),
    ("needs_more_info",  "verdict_proposed", None,                     NO,       NO,      NO,     NO),
    ("needs_more_info",  "sent_back",        None,                     NO,       NO,      NO,     NO),
    ("needs_more_info",  "approved",         None,                     NO,       NO,      NO,     NO),
    ("needs_more_info",  "published",        None,                     NO,       NO,      NO,     NO),
    ("needs_more_info",  "corrected",        None,                     NO,       NO,      NO,     NO),
    ("needs_more_info",  "unpublished",      None,                     NO,       NO,      NO,     NO),
    ("needs_more_info",  "dismissed",        None,                     NO,       NO,      NO,     NO),
    ("needs_more_info",  "merged",           None,                     NO,       NO,      NO,     NO),

    ("verdict_proposed", "new",              None,                     NO,       NO,      NO,     NO),
    ("verdict_proposed", "triaged",          None,                     NO,       NO,      NO,     NO),
    ("verdict_proposed", "in_review",        None,                     NO,       NO,      NO,     NO),
    ("verdict_proposed", "needs_more_info",  None,                     NO,       NO,      NO,     NO),
    ("verdict_proposed", "verdict_proposed", None,                     NO,       NO,      NO,     NO),
    ("verdict_proposed", "sent_back",        "verdict.send_back",      DENY,     DENY,    OK,     OK),
    ("verdict_proposed", "approved",         "verdict.approve",        DENY,     DENY,    OK,     OK),
    ("verdict_proposed", "published",        None,                     NO,       NO,      NO,     NO),
    ("verdict_proposed", "corrected",        None,                     NO,       NO,      NO,     NO),
    ("verdict_proposed", "unpublished",      None,                     NO,       NO,      NO,     NO),
    ("verdict_proposed", "dismissed",        None,                     NO,       NO,      NO,     NO),
    ("verdict_proposed", "merged",           None,                     NO,       NO,      NO,     NO),

    ("sent_back",        "new",              None,                     NO,       NO,      NO,     NO),
    ("sent_back",        "triaged",          None,                     NO,       NO,      NO,     NO),
    ("sent_back",        "in_review",        "claim.resume_review",    DENY,     OK,      OK,     OK),
    ("sent_back",        "needs_more_info",  None,                     NO,       NO,      NO,     NO),
    ("sent_back",        "verdict_proposed", "verdict.submit",         DENY,     OK,      OK,     OK),
    ("sent_back",        "sent_back",        None,                     NO,       NO,      NO,     NO),
    ("sent_back",        "approved",         None,                     NO,       NO,      NO,     NO),
    ("sent_back",        "published",        None,                     NO,       NO,      NO,     NO),
    ("sent_back",        "corrected",        None,                     NO,       NO,      NO,     NO),
    ("sent_back",        "unpublished",      None,                     NO,       NO,      NO,     NO),
    ("sent_back",        "dismissed",        None,                     NO,       NO,      NO,     NO),
    ("sent_back",        "merged",           None,                     NO,       NO,      NO,     NO),

    ("approved",         "new",              None,                     NO,       NO,      NO,     NO),
    ("approved",         "triaged",          None,                     NO,       NO,      NO,     NO),
    ("approved",         "in_review",        None,                     NO,       NO,      NO,     NO),
    ("approved",         "needs_more_info",  None,                     NO,       NO,      NO,     NO),
    ("approved",         "verdict_proposed", "verdict.edit_after_approval", DENY, DENY,  OK,     OK),
    ("approved",         "sent_back",        "verdict.send_back",      DENY,     DENY,    OK,     OK),
    ("approved",         "approved",         None,                     NO,       NO,      NO,     NO),
    ("approved",         "published",        "verdict.publish",        DENY,     DENY,    OK,     OK),
    ("approved",         "corrected",        None,                     NO,       NO,      NO,     NO),
    ("approved",         "unpublished",      None,                     NO,       NO,      NO,     NO),
    ("approved",         "dismissed",        None,                     NO,       NO,      NO,     NO),
    ("approved",         "merged",           None,                     NO,       NO,      NO,     NO),

    ("published",        "new",              None,                     NO,       NO,      NO,     NO),
    ("published",        "triaged",          None,                     NO,       NO,      NO,     NO),
    ("published",        "in_review",        None,                     NO,       NO,      NO,     NO),
    ("published",        "needs_more_info",  None,                     NO,       NO,      NO,     NO),
    ("published",        "verdict_proposed", None,                     NO,       NO,      NO,     NO),
    ("published",        "sent_back",        None,                     NO,       NO,      NO,     NO),
    ("published",        "approved",         None,                     NO,       NO,      NO,     NO),
    ("published",        "published",        None,                     NO,       NO,      NO,     NO),
    ("published",        "corrected",        "verdict.correct",        DENY,     DENY,    OK,     OK),
    ("published",        "unpublished",      "verdict.unpublish",      DENY,     DENY,    OK,     OK),
    ("published",        "dismissed",        None,                     NO,       NO,      NO,     NO),
    ("published",        "merged",           None,                     NO,       NO,      NO,     NO),

    ("corrected",        "new",              None,                     NO,       NO,      NO,     NO),
    ("corrected",        "triaged",          None,                     NO,       NO,      NO,     NO),
    ("corrected",        "in_review",        None,                     NO,       NO,      NO,     NO),
    ("corrected",        "needs_more_info",  None,                     NO,       NO,      NO,     NO),
    ("corrected",        "verdict_proposed", None,                     NO,       NO,      NO,     NO),
    ("corrected",        "sent_back",        None,                     NO,       NO,      NO,     NO),
    ("corrected",        "approved",         None,                     NO,       NO,      NO,     NO),
    ("corrected",        "published",        None,                     NO,       NO,      NO,     NO),
    ("corrected",        "corrected",        "verdict.correct",        DENY,     DENY,    OK,     OK),
    ("corrected",        "unpublished",      "verdict.unpublish",      DENY,     DENY,    OK,     OK),
    ("corrected",        "dismissed",        None,                     NO,       NO,      NO,     NO),
    ("corrected",        "merged",           None,                     NO,       NO,      NO,     NO),

    ("unpublished",      "new",              None,                     NO,       NO,      NO,     NO),
    ("unpublished",      "triaged",          None,                     NO,       NO,      NO,     NO),
    ("unpublished",      "in_review",        "claim.reopen",           DENY,     OK,      OK,     OK),
    ("unpublished",      "needs_more_info",  None,                     NO,       NO,      NO,     NO),
    ("unpublished",      "verdict_proposed", None,                     NO,       NO,      NO,     NO),
    ("unpublished",      "sent_back",        None,                     NO,       NO,      NO,     NO),
    ("unpublished",      "approved",         None,                     NO,       NO,      NO,     NO),
    ("unpublished",      "published",        "verdict.republish",      DENY,     DENY,    OK,     OK),
    ("unpublished",      "corrected",        None,                     NO,       NO,      NO,     NO),
    ("unpublished",      "unpublished",      None,                     NO,       NO,      NO,     NO),
    ("unpublished",      "dismissed",        None,                     NO,       NO,      NO,     NO),
    ("unpublished",      "merged",           None,                     NO,       NO,      NO,     NO),

    ("dismissed",        "new",              "claim.restore",          OK,       DENY,    OK,     OK),
    ("dismissed",        "triaged",          None,                     NO,       NO,      NO,     NO),
    ("dismissed",        "in_review",        None,                     NO,       NO,      NO,     NO),
    ("dismissed",        "needs_more_info",  None,                     NO,       NO,      NO,     NO),
    ("dismissed",        "verdict_proposed", None,                     NO,       NO,      NO,     NO),
    ("dismissed",        "sent_back",        None,                     NO,       NO,      NO,     NO),
    ("dismissed",        "approved",         None,                     NO,       NO,      NO,     NO),
    ("dismissed",        "published",        None,                     NO,       NO,      NO,     NO),
    ("dismissed",        "corrected",        None,                     NO,       NO,      NO,     NO),
    ("dismissed",        "unpublished",      None,                     NO,       NO,      NO,     NO),
    ("dismissed",        "dismissed",        None,                     NO,       NO,      NO,     NO),
    ("dismissed",        "merged",           None,                     NO,       NO,      NO,     NO),

    ("merged",           "new",              "claim.detach",           OK,       DENY,    OK,     OK),
    ("merged",           "triaged",          None,                     NO,       NO,      NO,     NO),
    ("merged",           "in_review",        None,                     NO,       NO,      NO,     NO),
    ("merged",           "needs_more_info",  None,                     NO,       NO,      NO,     NO),
    ("merged",           "verdict_proposed", None,                     NO,       NO,      NO,     NO),
    ("merged",           "sent_back",        None,                     NO,       NO,      NO,     NO),
    ("merged",           "approved",         None,                     NO,       NO,      NO,     NO),
    ("merged",           "published",        None,                     NO,       NO,      NO,     NO),
    ("merged",           "corrected",        None,                     NO,       NO,      NO,     NO),
    ("merged",           "unpublished",      None,                     NO,       NO,      NO,     NO),
    ("merged",           "dismissed",        None,                     NO,       NO,      NO,     NO),
    ("merged",           "merged",           None,                     NO,       NO,      NO,     NO),
]


def _cases():
    for source, target, action, *outcomes in GOLDEN:
        for role, outcome in zip(ROLES, outcomes, strict=True):
            yield pytest.param(source, target, action, role, outcome, id=f"{source}->{target}:{role}")


def test_the_golden_table_lists_every_pair_of_states_once():
    assert workflow.STATES == STATES
    assert PERMISSION_ROLES == ROLES
    pairs = [(source, target) for source, target, *_ in GOLDEN]
    assert sorted(pairs) == sorted((source, target) for source in STATES for target in STATES)
    assert all(len(row) == 3 + len(ROLES) for row in GOLDEN)


@pytest.mark.parametrize(("source", "target", "action", "role", "outcome"), list(_cases()))
def test_each_role_may_take_exactly_the_transitions_in_the_golden_table(source, target, action, role, outcome):
    if outcome in (OK, DENY):
        step = workflow.transition(source, target)
        assert (step.source, step.target, step.action) == (source, target, action)
        assert workflow.can_transition(source, target, [role]) == (outcome == OK)
    else:
        assert outcome == NO and action is None
        with pytest.raises(workflow.TransitionNotAllowed):
            workflow.transition(source, target)
        assert not workflow.can_transition(source, target, [role])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("source", STATES)
def test_next_states_offers_the_golden_targets(source, role):
    column = 3 + ROLES.index(role)
    expected = {row[1] for row in GOLDEN if row[0] == source and row[column] == OK}
    assert set(workflow.next_states(source, [role])) == expected


def test_several_roles_may_take_what_any_of_them_may():
    for source, target, _action, *outcomes in GOLDEN:
        by_role = dict(zip(ROLES, outcomes, strict=True))
        allowed = OK in (by_role["reviewer"], by_role["checker"])
        assert workflow.can_transition(source, target, ["reviewer", "checker"]) == allowed, (source, target)


def test_no_role_takes_no_transition():
    for source, target, *_ in GOLDEN:
        assert not workflow.can_transition(source, target, [])


def test_unknown_states_are_refused():
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.transition("new", "flying")
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.transition("limbo", "new")


def test_the_named_groups_of_states():
    assert workflow.PUBLIC_STATES == {"published", "corrected"}
    assert workflow.OPEN_STATES == {
        "new", "triaged", "in_review", "needs_more_info", "verdict_proposed", "sent_back", "approved",
    }
    assert workflow.TAKEABLE_STATES == {"new", "triaged"}
    assert workflow.VERDICT_EDITABLE_STATES == {"in_review", "needs_more_info", "sent_back"}
