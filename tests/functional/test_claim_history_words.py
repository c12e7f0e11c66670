"""The claim's history speaks words (issue 12): actions and fields by name, in the reader's language, a corrected
text as a word diff, stored codes as their labels; nothing raw like ``claim.assign`` or ``assignee_id``."""
from factcheck.extensions import db
from factcheck.services.claims import triage
from factcheck.services.core import audit
from tests import factories
from tests.factories import client_for


def test_history_names_actions_and_fields_and_diffs_texts(app):
    client, editor = client_for(app, "editor")
    claim = factories.make_claim(status="new", text="La dette a doublé.", queue=factories.make_queue())
    triage.accept(editor, claim.id, expected_version=claim.version_id)
    audit.record(editor, "claim.edit", claim, before={"text": "La dette a doublé.", "kind": "statement"},
                 after={"text": "La dette publique a doublé.", "kind": "accusation"})
    db.session.commit()
    history = client.get(f"/claims/{claim.id}").get_data(as_text=True).split('id="history"')[1]
    assert "<strong>accepted</strong>" in history and "<strong>corrected</strong>" in history
    assert "<dt>status</dt><dd><del>new</del> → <ins>triaged</ins></dd>" in history
    assert "La dette <ins>publique </ins>a doublé." in history.replace("<ins>publique</ins> ", "<ins>publique </ins>")
    assert "<dd><del>statement</del> → <ins>accusation</ins></dd>" in history
    assert "claim.accept" not in history and "assignee_id" not in history

    editor.locale = "fr"
    db.session.commit()
    history = client.get(f"/claims/{claim.id}").get_data(as_text=True).split('id="history"')[1]
    assert "<strong>acceptée</strong>" in history and "<dt>état</dt>" in history
