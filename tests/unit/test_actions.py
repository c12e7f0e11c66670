"""The actions offered on the claim page, the editorial page and a queue row, against tables written out by hand.

Like ``test_workflow.py``'s golden table, the expected names are literal data, not computed from the workflow or
the permissions: a rule change (a transition, a role gaining a permission, a button moving) fails here until the
table is changed on purpose.
"""
import pytest

from factcheck import actions

CLAIM_STATES = ("new", "triaged", "in_review", "needs_more_info", "verdict_proposed", "sent_back", "approved",
                "published", "corrected", "unpublished", "dismissed", "merged")
ROLES = ("reviewer", "checker", "editor", "admin")

# What every role that edits sources gets on the claim page, whatever the state, and the comment form.
SOURCES = ["move_evidence_up", "move_evidence_down", "edit_evidence", "remove_evidence", "restore_evidence",
           "attach_source"]
REST = [*SOURCES, "comment"]

# claim_actions(state, [role], may_edit=True) with no verdict and no dispute. Checkers, editors and admins get the
# same here (editors' extra permissions are editorial); the test holds all three to the second column.
CLAIM_PAGE = {
    # state              reviewer      checker / editor / admin
    "new":              (["comment"], REST),
    "triaged":          (["comment"], ["start_review", *REST]),
    "in_review":        (["comment"], ["draft_verdict", "needs_more_info", *REST]),
    "needs_more_info":  (["comment"], ["resume_review", "draft_verdict", *REST]),
    "verdict_proposed": (["comment"], REST),
    "sent_back":        (["comment"], ["resume_review", "draft_verdict", *REST]),
    "approved":         (["comment"], REST),
    "published":        (["comment"], REST),
    "corrected":        (["comment"], REST),
    "unpublished":      (["comment"], REST),  # unpublished → in_review ("claim.reopen") has no button here
    "dismissed":        (["comment"], REST),
    "merged":           (["comment"], REST),
}


def _claim_cases():
    for state, (reviewer, others) in CLAIM_PAGE.items():
        for role, expected in (("reviewer", reviewer), ("checker", others), ("editor", others), ("admin", others)):
            yield pytest.param(state, role, expected, id=f"{state}-{role}")


def test_the_claim_table_covers_every_state():
    assert tuple(CLAIM_PAGE) == CLAIM_STATES


@pytest.mark.parametrize(("state", "role", "expected"), list(_claim_cases()))
def test_claim_page_actions(state, role, expected):
    assert actions.claim_actions(state, [role], may_edit=True).names() == expected


# With a verdict: (claim state, verdict status) -> names for a checker; the draft link reads "Edit verdict draft"
# and the submit button needs a draft and a state the table lets go to verdict_proposed.
CHECKER_WITH_VERDICT = {
    ("in_review", "draft"): ["edit_verdict", "needs_more_info", *SOURCES, "submit_verdict", "comment"],
    ("sent_back", "draft"): ["resume_review", "edit_verdict", *SOURCES, "submit_verdict", "comment"],
    ("needs_more_info", "draft"): ["resume_review", "edit_verdict", *REST],
    ("verdict_proposed", "proposed"): REST,
    ("in_review", "proposed"): ["edit_verdict", "needs_more_info", *REST],
}


@pytest.mark.parametrize(("state", "verdict"), list(CHECKER_WITH_VERDICT))
def test_claim_page_actions_with_a_verdict(state, verdict):
    got = actions.claim_actions(state, ["checker"], may_edit=True, verdict_status=verdict)
    assert got.names() == CHECKER_WITH_VERDICT[(state, verdict)]


def test_editors_also_get_the_editorial_view_link_once_there_is_a_verdict():
    assert "editorial_view" in actions.claim_actions("in_review", ["editor"], may_edit=True,
                                                     verdict_status="draft").names()
    assert "editorial_view" not in actions.claim_actions("in_review", ["editor"], may_edit=True).names()
    assert "editorial_view" not in actions.claim_actions("in_review", ["checker"], may_edit=True,
                                                         verdict_status="draft").names()


@pytest.mark.parametrize("role", ROLES)
def test_someone_elses_claim_offers_only_comments_and_the_editorial_view(role):
    """``may_edit`` False (assigned to someone else, without claims.edit_any): nothing that changes the claim."""
    got = actions.claim_actions("in_review", [role], may_edit=False, verdict_status="draft", partners={9: "triaged"})
    assert got.names() == {"reviewer": ["comment"], "checker": ["comment"],
                           "editor": ["editorial_view", "comment"], "admin": ["editorial_view", "comment"]}[role]


# (this claim, the other half of the dispute) -> whether a checker is offered "Start review on both".
PAIRS = {
    ("triaged", "triaged"): True,
    ("triaged", "in_review"): True,
    ("in_review", "triaged"): True,
    ("in_review", "in_review"): False,  # nothing left to start
    ("triaged", "new"): False,  # the other half is not accepted yet
    ("new", "triaged"): False,
    ("triaged", "dismissed"): False,
    ("needs_more_info", "triaged"): False,
}


@pytest.mark.parametrize(("mine", "other"), list(PAIRS))
def test_start_review_on_both_halves(mine, other):
    got = actions.claim_actions(mine, ["checker"], may_edit=True, partners={42: other})
    assert (42 in got.start_review_pair) is PAIRS[(mine, other)]
    assert actions.claim_actions(mine, ["reviewer"], may_edit=True, partners={42: other}).start_review_pair == {}


def test_actions_carry_what_the_page_needs_to_render_them():
    page = actions.claim_actions("triaged", ["checker"], may_edit=True)
    (start,) = page.review
    assert (start.label, start.endpoint, start.method, start.style) == (
        "Start review", "claims.start_review", "post", "primary")
    up, down, edit, remove = page.evidence
    assert (up.fields, down.fields) == ((("direction", "up"),), (("direction", "down"),))
    assert (edit.method, remove.style) == ("get", "danger")
    draft = actions.claim_actions("in_review", ["checker"], may_edit=True).review[0]
    assert (draft.label, draft.endpoint, draft.method) == ("Draft a verdict", "claims.verdict", "get")


# editorial_actions(claim state, verdict status, [role], may_approve=True)
EDITORIAL = {
    # (claim state, verdict status)      checker  editor / admin
    ("verdict_proposed", "proposed"):   ([],     ["approve", "send_back", "edit"]),
    ("approved", "approved"):           ([],     ["publish", "send_back", "edit"]),
    ("published", "published"):         ([],     ["correct", "unpublish"]),
    ("corrected", "published"):         ([],     ["correct", "unpublish"]),
    ("unpublished", "unpublished"):     ([],     ["publish"]),
    ("sent_back", "draft"):             ([],     []),
    ("in_review", "draft"):             ([],     []),
}


@pytest.mark.parametrize(("claim_state", "verdict_status"), list(EDITORIAL))
@pytest.mark.parametrize("role", ["checker", "editor", "admin"])
def test_editorial_actions(claim_state, verdict_status, role):
    checker, editor = EDITORIAL[(claim_state, verdict_status)]
    got = actions.editorial_actions(claim_state, verdict_status, [role], may_approve=role != "checker")
    assert got.names() == (checker if role == "checker" else editor)


def test_an_editor_who_wrote_the_verdict_is_told_why_there_is_no_approve_button():
    got = actions.editorial_actions("verdict_proposed", "proposed", ["editor"], may_approve=False)
    assert got.approve is None and got.self_approval_blocked
    assert got.names() == ["send_back", "edit"]
    other = actions.editorial_actions("approved", "approved", ["editor"], may_approve=False)
    assert not other.self_approval_blocked  # nothing to approve any more


def test_an_edit_of_an_approved_verdict_says_it_withdraws_the_approval():
    assert actions.editorial_actions("approved", "approved", ["editor"], may_approve=True).edit_withdraws_approval
    assert not actions.editorial_actions("verdict_proposed", "proposed", ["editor"],
                                         may_approve=True).edit_withdraws_approval
    assert not actions.editorial_actions("approved", "approved", ["checker"], may_approve=False).edit_withdraws_approval


# queue_row_actions(state, [role], may_work=True, assigned_to_me=False)
ROW = {
    # state        reviewer                                                                 checker
    "new":        (["accept", "dismiss", "merge", "priority", "assign_me", "assign", "pair"], []),
    "triaged":    (["dismiss", "merge", "priority", "assign_me", "assign", "pair"],           []),
    "in_review":  (["priority", "assign_me", "assign", "pair"],                               []),
    "dismissed":  (["restore", "priority", "assign_me", "assign", "pair"],                    []),
    "merged":     (["detach", "priority", "assign_me", "assign", "pair"],                     []),
    "published":  (["priority", "assign_me", "assign", "pair"],                               []),
}


@pytest.mark.parametrize("state", list(ROW))
@pytest.mark.parametrize("role", ["reviewer", "checker", "editor", "admin"])
def test_queue_row_actions(state, role):
    reviewer, checker = ROW[state]
    got = actions.queue_row_actions(state, [role], may_work=True, assigned_to_me=False)
    assert got.names() == (checker if role == "checker" else reviewer)  # editors and admins triage like reviewers


def test_a_row_outside_the_actors_queues_or_already_theirs():
    assert actions.queue_row_actions("new", ["reviewer"], may_work=False, assigned_to_me=False).names() == []
    mine = actions.queue_row_actions("triaged", ["reviewer"], may_work=True, assigned_to_me=True)
    assert mine.names() == ["dismiss", "merge", "priority", "assign", "pair"]
    assert dict(mine.buttons[-1].fields) == {}
    assert dict(actions.ASSIGN_ME.fields) == {"assignee": "me"}


@pytest.mark.parametrize(("role", "may_work", "expected"), [
    ("reviewer", True, "take_next"), ("reviewer", False, None), ("checker", True, "take_next"),
    ("checker", False, None), ("editor", True, "take_next"),
])
def test_take_next(role, may_work, expected):
    got = actions.take_next_action([role], may_work=may_work)
    assert (got.name if got else None) == expected
