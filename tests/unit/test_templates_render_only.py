"""Templates render; they do not decide. Read from the template sources, so a regression names its file.

- No workflow decision in Jinja: no ``can_transition`` and no comparison of a claim's or verdict's status. The
  actions a person may take come from ``factcheck.actions`` through the view.
- One hand-written CSRF input (``_forms.html``'s ``post_form``); any other form that posts is rendered from its
  WTForms form (``render_field`` / ``hidden_tag``), which carries its own token.
- One htmx configuration, in ``base.html``.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
SOURCES = {p.relative_to(TEMPLATES).as_posix(): p.read_text(encoding="utf-8")
           for p in sorted(TEMPLATES.rglob("*.html"))}

# ``x.status == …``, ``x.status in (…)``: a decision from a state. An article's or an export job's processing
# status (queued, fetching, running …) only says whether its panel keeps polling or offers the file; it is not
# the workflow.
STATUS_TEST = re.compile(r"(?P<subject>[\w.]+)\.status\s*(?:==|!=|\bnot\s+in\b|\bin\b)")
NOT_WORKFLOW = {"article", "job"}
POST_FORM = re.compile(r"<form\b[^>]*method=\"post\"[^>]*>(?P<body>.*?)</form>", re.S | re.I)


@pytest.mark.parametrize("name", list(SOURCES))
def test_no_workflow_decision_in_the_template(name):
    source = SOURCES[name]
    assert "can_transition" not in source, f"{name}: ask factcheck.actions in the view instead"
    decisions = [m.group(0) for m in STATUS_TEST.finditer(source) if m.group("subject") not in NOT_WORKFLOW]
    assert decisions == [], f"{name} decides from a status: {decisions}; pass the actions from the view"


def test_the_only_hand_written_csrf_input_is_post_form():
    writers = [name for name, source in SOURCES.items() if "csrf_token()" in source]
    assert writers == ["_forms.html"]
    assert SOURCES["_forms.html"].count('name="csrf_token"') == 1


@pytest.mark.parametrize("name", [n for n in SOURCES if n != "_forms.html"])
def test_other_forms_that_post_are_wtforms_forms(name):
    for match in POST_FORM.finditer(SOURCES[name]):
        body = match.group("body")
        assert "render_field(" in body or "hidden_tag()" in body, \
            f"{name}: a hand-written form that posts; use post_form, or render a WTForms form"


def test_one_htmx_configuration():
    holders = [name for name, source in SOURCES.items() if "htmx-config" in source]
    assert holders == ["base.html"]
